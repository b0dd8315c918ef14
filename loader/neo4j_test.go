package loader

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"tradegraph/internal/neo4jtest"
	"tradegraph/loader/gazetteer"
)

// mustOpenNeo4j connects to the emptied test database (see neo4jtest).
func mustOpenNeo4j(tb testing.TB) neo4j.DriverWithContext {
	tb.Helper()
	driver, _ := neo4jtest.MustOpen(tb)
	return driver
}

// mustClearDB empties the test database (see neo4jtest.MustClear).
func mustClearDB(tb testing.TB, driver neo4j.DriverWithContext) {
	tb.Helper()
	neo4jtest.MustClear(tb, driver, neo4jtest.Config(tb))
}

func mustGazetteer(tb testing.TB) *gazetteer.Gazetteer {
	tb.Helper()
	gaz, err := gazetteer.Load("")
	if err != nil {
		tb.Fatalf("load gazetteer: %v", err)
	}
	return gaz
}

// testLogger sends a loader's logs to the test log.
func testLogger(tb testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(tbWriter{tb}, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

type tbWriter struct{ tb testing.TB }

func (w tbWriter) Write(p []byte) (int, error) {
	w.tb.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func mustLoad(tb testing.TB, l *Loader, inputs ...string) Summary {
	tb.Helper()
	sum, err := l.Load(context.Background(), inputs)
	if err != nil {
		tb.Fatalf("Load(%q): %v", inputs, err)
	}
	return sum
}

// dump is a canonical text form of a whole graph: one line per node
// (labels and properties) and per relationship (ends' ids, type and
// properties), sorted. Two graphs are the same exactly when their dumps
// are equal, whatever internal ids and creation order they have.
type dump struct {
	Nodes []string
	Rels  []string
}

func mustDump(tb testing.TB, driver neo4j.DriverWithContext) dump {
	tb.Helper()
	ctx := context.Background()
	var d dump
	for _, q := range []struct {
		query string
		out   *[]string
	}{
		{"MATCH (n) RETURN [l IN labels(n) | l] AS labels, properties(n) AS props", &d.Nodes},
		{"MATCH (a)-[r]->(b) RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props", &d.Rels},
	} {
		res, err := neo4j.ExecuteQuery(ctx, driver, q.query, nil, neo4j.EagerResultTransformer)
		if err != nil {
			tb.Fatalf("dump graph: %v", err)
		}
		for _, r := range res.Records {
			m := r.AsMap()
			if labels, ok := m["labels"].([]any); ok {
				slices.SortFunc(labels, func(a, b any) int { return strings.Compare(a.(string), b.(string)) })
			}
			line, err := json.Marshal(m) // map keys come out sorted
			if err != nil {
				tb.Fatalf("dump graph: %v", err)
			}
			*q.out = append(*q.out, string(line))
		}
		slices.Sort(*q.out)
	}
	return d
}

// counts returns the number of nodes and relationships.
func (d dump) counts() string {
	return fmt.Sprintf("%d nodes, %d relationships", len(d.Nodes), len(d.Rels))
}

// query runs a read query on the test database and returns its records as
// maps.
func query(tb testing.TB, driver neo4j.DriverWithContext, q string, params map[string]any) []map[string]any {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := neo4j.ExecuteQuery(ctx, driver, q, params, neo4j.EagerResultTransformer)
	if err != nil {
		tb.Fatalf("query %q: %v", q, err)
	}
	out := make([]map[string]any, len(res.Records))
	for i, r := range res.Records {
		out[i] = r.AsMap()
	}
	return out
}

// writeFile writes a test input and returns its path.
func writeFile(tb testing.TB, dir, name, content string) string {
	tb.Helper()
	path := dir + "/" + name
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}
