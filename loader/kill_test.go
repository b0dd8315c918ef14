package loader

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"tradegraph/internal/neo4jtest"
	"tradegraph/schema"
)

// TestKilledLoadResumes kills a real `tradegraph load` (SIGKILL, no chance
// to clean up) after its first batches have committed, runs it again, and
// checks that the graph is exactly the one an uninterrupted load builds
// in an empty database.
func TestKilledLoadResumes(t *testing.T) {
	driver := mustOpenNeo4j(t)
	const n = 1500
	bin := filepath.Join(t.TempDir(), "tradegraph")
	if out, err := exec.Command("go", "build", "-o", bin, "tradegraph").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := t.TempDir()
	mustGenerate(t, dir, n)
	db := neo4jtest.Config(t)
	env := append(os.Environ(), "NEO4J_URI="+db.URI, "NEO4J_USER="+db.User, "NEO4J_PASSWORD="+db.Password,
		"NEO4J_DATABASE=", "TRADEGRAPH_LOG_LEVEL=warn")
	command := func() (*exec.Cmd, *bytes.Buffer) {
		var out bytes.Buffer
		cmd := exec.Command(bin, "load", "--batch-size", "25", dir)
		cmd.Env, cmd.Stdout, cmd.Stderr = env, &out, &out
		return cmd, &out
	}
	runToEnd := func() string {
		t.Helper()
		cmd, out := command()
		if err := cmd.Run(); err != nil {
			t.Fatalf("tradegraph load: %v\n%s", err, out)
		}
		return out.String()
	}

	cmd, out := command()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.After(2 * time.Minute)
wait:
	for {
		select {
		case err := <-exited:
			t.Fatalf("load ended (%v) before it could be killed:\n%s", err, out)
		case <-deadline:
			t.Fatalf("no batch committed within 2 minutes:\n%s", out)
		case <-time.After(5 * time.Millisecond):
			if countArticles(t, driver) >= 50 {
				break wait
			}
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-exited
	killedAt := countArticles(t, driver)
	if killedAt >= n {
		t.Fatalf("load finished before it was killed")
	}
	t.Logf("killed with %d of %d articles in the graph", killedAt, n)

	summary := runToEnd()
	if !strings.Contains(summary, "unchanged") {
		t.Errorf("rerun summary %q", summary)
	}
	resumed := mustDump(t, driver)

	mustClearDB(t, driver)
	if err := schema.Apply(context.Background(), driver, ""); err != nil {
		t.Fatal(err)
	}
	runToEnd()
	fresh := mustDump(t, driver)
	if diff := cmp.Diff(fresh, resumed); diff != "" {
		t.Errorf("killed and resumed load differs from an uninterrupted one (-uninterrupted +resumed):\n%s", diff)
	}
	t.Logf("%d generated articles: %s", n, fresh.counts())
}

func countArticles(t *testing.T, driver neo4j.DriverWithContext) int {
	t.Helper()
	got := query(t, driver, "MATCH (a:Article) RETURN count(a) AS n", nil)
	return int(got[0]["n"].(int64))
}
