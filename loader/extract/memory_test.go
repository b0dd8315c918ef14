package extract

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"tradegraph/loader/source"
)

// TestHugeInputMemory reads and extracts a 20 MB article in a child
// process and checks the child's peak resident memory stays under 200 MB.
// The race detector multiplies memory, so the check runs only without it
// (`make test` runs it separately).
func TestHugeInputMemory(t *testing.T) {
	if path := os.Getenv("TRADEGRAPH_HUGE_INPUT"); path != "" {
		x := mustExtractor(t)
		var r source.Reader
		for doc, err := range r.Read(context.Background(), []string{path}) {
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Text) < 19<<20 {
				t.Fatalf("read %d bytes of text, want the whole 20 MB", len(doc.Text))
			}
			if res := x.Extract(doc); len(res.Relations) == 0 {
				t.Fatal("no relations found in the huge input")
			}
		}
		return
	}
	if raceEnabled {
		t.Skip("the race detector multiplies memory; run without -race")
	}
	// The seed's body without its trailing headline list, over and over.
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "dev", "seed-arkhangelsk.txt"))
	if err != nil {
		t.Fatal(err)
	}
	body, _, _ := strings.Cut(string(data), "Other materials")
	var sb strings.Builder
	for sb.Len() < 20<<20 {
		sb.WriteString(body)
	}
	path := filepath.Join(t.TempDir(), "huge.txt")
	if err := os.WriteFile(path, []byte(sb.String()[:20<<20]), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHugeInputMemory$", "-test.count=1")
	cmd.Env = append(os.Environ(), "TRADEGRAPH_HUGE_INPUT="+path)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss >> 10 // KiB to MiB
	t.Logf("peak RSS extracting 20 MB: %d MiB", rss)
	if rss > 200 {
		t.Errorf("peak RSS %d MiB, want under 200 MiB", rss)
	}
}
