package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tradegraph/internal/neo4jtest"
)

func TestGenArticlesCommand(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if _, stderr, err := runMain(t, nil, "gen-articles", "-n", "3", "-out", dir, "--seed", "5"); err != nil {
			t.Fatalf("gen-articles: %v\n%s", err, stderr)
		}
	}
	files, err := filepath.Glob(filepath.Join(a, "*.txt"))
	if err != nil || len(files) != 3 {
		t.Fatalf("gen-articles -n 3 wrote %v (%v)", files, err)
	}
	for _, f := range files {
		x, errX := os.ReadFile(f)
		y, errY := os.ReadFile(filepath.Join(b, filepath.Base(f)))
		if errX != nil || errY != nil || string(x) != string(y) {
			t.Errorf("%s differs between two runs with the same seed (%v, %v)", filepath.Base(f), errX, errY)
		}
	}
}

// TestLoadCommand runs `load` against the test database: a bad input is
// reported and makes the exit non-zero, the good one is loaded, and a
// second run finds it unchanged.
func TestLoadCommand(t *testing.T) {
	_, cfg := neo4jtest.MustOpen(t)
	env := map[string]string{"NEO4J_URI": cfg.URI, "NEO4J_USER": cfg.User, "NEO4J_PASSWORD": cfg.Password}
	dir := t.TempDir()
	seed, err := os.ReadFile("testdata/dev/seed-arkhangelsk.txt")
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{"seed.txt": string(seed), "empty.txt": ""} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	stdout, stderr, err := runMain(t, env, "load", "--batch-size", "10", "--workers", "2", dir)
	if !errors.Is(err, errInputs) {
		t.Errorf("load with an empty file = %v, want errInputs", err)
	}
	if !strings.Contains(stderr, "empty.txt") {
		t.Errorf("stderr does not name the bad input:\n%s", stderr)
	}
	if !strings.HasPrefix(stdout, "read 2 documents: 1 loaded") || strings.Count(stdout, "\n") != 1 {
		t.Errorf("summary = %q, want one line starting %q", stdout, "read 2 documents: 1 loaded")
	}

	stdout, _, err = runMain(t, env, "load", filepath.Join(dir, "seed.txt"))
	if err != nil || !strings.Contains(stdout, "0 loaded (0 replaced), 1 unchanged") {
		t.Errorf("second load = %q, %v; want the article unchanged", stdout, err)
	}
}
