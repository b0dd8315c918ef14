package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// runMain runs the command line with env as its whole environment.
func runMain(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	getenv := func(k string) string { return env[k] }
	err = run(context.Background(), append([]string{"tradegraph"}, args...), getenv, &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestExtractCommand(t *testing.T) {
	stdout, stderr, err := runMain(t, nil, "extract", "testdata/dev/seed-arkhangelsk.txt", "testdata/missing.txt")
	if err == nil {
		t.Fatal("extract with a missing file succeeded; want a non-zero exit")
	}
	if !strings.Contains(stderr, "testdata/missing.txt") {
		t.Errorf("stderr does not name the missing file:\n%s", stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 1 {
		t.Fatalf("got %d output lines, want 1 for the good file", len(lines))
	}
	var res struct {
		Source    string
		Relations []struct {
			Type, From, To string
			Products       []string
			Quantity       int
			Evidence       []struct{ Sentence string }
		}
	}
	if err := json.Unmarshal([]byte(lines[0]), &res); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range res.Relations {
		if r.Type == "SUPPLIES" && r.From == "MAZ" && r.To == "Arkhangelsk Oblast" && r.Quantity == 150 &&
			len(r.Evidence) > 0 && strings.Contains(r.Evidence[0].Sentence, "MAZ buses") {
			found = true
		}
	}
	if !found {
		t.Errorf("no MAZ -> Arkhangelsk Oblast supply of 150 with evidence in %s", lines[0])
	}
}

func TestUnreachableNeo4jNamesURIAndCause(t *testing.T) {
	env := map[string]string{"NEO4J_URI": "bolt://127.0.0.1:1"}
	_, _, err := runMain(t, env, "migrate")
	if err == nil {
		t.Fatal("migrate against a closed port succeeded")
	}
	for _, want := range []string{"bolt://127.0.0.1:1", "connection refused"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestHelpAndBadFlags(t *testing.T) {
	stdout, _, err := runMain(t, nil, "extract", "--help")
	if err != nil || !strings.Contains(stdout, "--gazetteer") {
		t.Errorf("extract --help = %v, %q", err, stdout)
	}
	if _, _, err := runMain(t, nil, "--log-format", "xml", "extract", "x"); err == nil {
		t.Error("an unknown log format was accepted")
	}
}
