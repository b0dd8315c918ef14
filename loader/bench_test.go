package loader

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"tradegraph/loader/synth"
)

// Speed targets from the loading issue, on the 2-core development machine.
const (
	targetArticlesPerSecond = 300
	targetBatchedSpeedup    = 10
	targetPeakRSSMB         = 500
)

func mustGenerate(tb testing.TB, dir string, n int) {
	tb.Helper()
	gen, err := synth.New(mustGazetteer(tb), 1)
	if err != nil {
		tb.Fatal(err)
	}
	if err := gen.WriteDir(dir, n); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkLoad loads 10,000 generated articles end to end (read, extract,
// write) into an empty database, and reports articles per second and the
// process's peak RSS during the load. Run it alone:
//
//	NEO4J_TEST_URI=bolt://127.0.0.1:7687 go test -run '^$' -bench BenchmarkLoad$ -benchtime 1x ./loader
func BenchmarkLoad(b *testing.B) {
	const n = 10000
	driver := mustOpenNeo4j(b)
	dir := b.TempDir()
	mustGenerate(b, dir, n)
	gaz := mustGazetteer(b)
	var elapsed time.Duration
	var peak int
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		mustClearDB(b, driver)
		l := New(driver, gaz, Config{}, testLogger(b))
		resetPeakRSS(b)
		b.StartTimer()
		start := time.Now()
		sum := mustLoad(b, l, dir)
		elapsed += time.Since(start)
		b.StopTimer()
		peak = max(peak, peakRSSMB(b))
		if sum.Loaded != n {
			b.Fatalf("Load = %v, want %d loaded", sum, n)
		}
		b.Logf("%s", sum)
	}
	rate := float64(n*b.N) / elapsed.Seconds()
	b.ReportMetric(rate, "articles/s")
	b.ReportMetric(float64(peak), "peakRSS-MB")
	b.ReportMetric(0, "ns/op") // a whole load per op; ns/op says nothing more
	if rate < targetArticlesPerSecond {
		b.Errorf("loaded %.0f articles/s, want at least %d", rate, targetArticlesPerSecond)
	}
	if peak > targetPeakRSSMB {
		b.Errorf("peak RSS %d MB, want under %d MB", peak, targetPeakRSSMB)
	}
}

// BenchmarkBatchedVsNaive loads the same 1,000 generated articles with
// the batched writer and with a naive one-statement-per-fact writer, each
// into an empty database, and reports both rates and their ratio.
//
//	NEO4J_TEST_URI=bolt://127.0.0.1:7687 go test -run '^$' -bench BatchedVsNaive -benchtime 1x ./loader
func BenchmarkBatchedVsNaive(b *testing.B) {
	const n = 1000
	driver := mustOpenNeo4j(b)
	dir := b.TempDir()
	mustGenerate(b, dir, n)
	gaz := mustGazetteer(b)
	var batched, naive time.Duration
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		mustClearDB(b, driver)
		l := New(driver, gaz, Config{}, testLogger(b))
		start := time.Now()
		if sum := mustLoad(b, l, dir); sum.Loaded != n {
			b.Fatalf("batched Load = %v, want %d loaded", sum, n)
		}
		batched += time.Since(start)

		mustClearDB(b, driver)
		start = time.Now()
		got, err := loadNaive(context.Background(), l, dir)
		if err != nil || got != n {
			b.Fatalf("naive load: %d loaded, %v", got, err)
		}
		naive += time.Since(start)
	}
	ratio := naive.Seconds() / batched.Seconds()
	b.ReportMetric(float64(n*b.N)/batched.Seconds(), "batched-articles/s")
	b.ReportMetric(float64(n*b.N)/naive.Seconds(), "naive-articles/s")
	b.ReportMetric(ratio, "speedup")
	b.ReportMetric(0, "ns/op")
	if ratio < targetBatchedSpeedup {
		b.Errorf("batched writer is %.1f× faster than the naive one, want at least %d×", ratio, targetBatchedSpeedup)
	}
}

// resetPeakRSS resets the kernel's high-water mark of this process's
// resident memory (Linux: writing 5 to clear_refs), so that VmHWM then
// measures the load alone.
func resetPeakRSS(tb testing.TB) {
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		tb.Logf("cannot reset peak RSS (%v): it includes the set-up", err)
	}
}

// peakRSSMB reads VmHWM, the peak resident memory, from /proc.
func peakRSSMB(tb testing.TB) int {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		tb.Logf("read peak RSS: %v", err)
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			if err != nil {
				tb.Logf("read peak RSS: %v", err)
				return 0
			}
			return kb / 1024
		}
	}
	tb.Logf("read peak RSS: %v", fmt.Errorf("no VmHWM in /proc/self/status"))
	return 0
}
