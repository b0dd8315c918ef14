package schema_test

import (
	"context"
	"regexp"
	"sort"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"tradegraph/internal/neo4jtest"
	"tradegraph/schema"
)

func TestStatementsAreIdempotent(t *testing.T) {
	stmts, err := schema.Statements()
	if err != nil {
		t.Fatal(err)
	}
	if len(stmts) < 20 {
		t.Fatalf("only %d schema statements", len(stmts))
	}
	for _, s := range stmts {
		if !regexp.MustCompile(`IF NOT EXISTS`).MatchString(s) {
			t.Errorf("statement is not idempotent: %s", s)
		}
	}
}

// TestVocabularyCoversStatements checks that every label and relationship
// type the schema indexes is one the Go vocabulary names.
func TestVocabularyCoversStatements(t *testing.T) {
	stmts, err := schema.Statements()
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, l := range schema.AllLabels {
		known[l] = true
	}
	for _, r := range schema.AllRelTypes {
		known[r] = true
	}
	ref := regexp.MustCompile(`[(\[]\w*:(\w+)`)
	for _, s := range stmts {
		for _, m := range ref.FindAllStringSubmatch(s, -1) {
			if !known[m[1]] {
				t.Errorf("statement uses %q, which package schema does not name: %s", m[1], s)
			}
		}
	}
}

func TestApplyTwice(t *testing.T) {
	driver, cfg := neo4jtest.MustOpen(t)
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		if err := schema.Apply(ctx, driver, cfg.Database); err != nil {
			t.Fatalf("Apply #%d: %v", i+1, err)
		}
	}
	constraints := names(t, driver, cfg.Database, "SHOW CONSTRAINTS YIELD name RETURN name")
	for _, want := range []string{"entity_id_unique", "enterprise_id_unique", "region_id_unique", "article_id_unique"} {
		if !constraints[want] {
			t.Errorf("constraint %s missing; have %v", want, keys(constraints))
		}
	}
	indexes := names(t, driver, cfg.Database, "SHOW INDEXES YIELD name, state WHERE state = 'ONLINE' RETURN name")
	for _, want := range []string{"entity_names", "enterprise_name", "supplies_article", "article_published"} {
		if !indexes[want] {
			t.Errorf("online index %s missing; have %v", want, keys(indexes))
		}
	}
	// A second Apply must not have added anything.
	stmts, _ := schema.Statements()
	if got := len(names(t, driver, cfg.Database, "SHOW CONSTRAINTS YIELD name RETURN name")) + len(names(t, driver, cfg.Database, "SHOW INDEXES YIELD name, type, owningConstraint WHERE owningConstraint IS NULL AND type <> 'LOOKUP' RETURN name")); got != len(stmts) {
		t.Errorf("%d constraints and indexes after two applies, want %d (one per statement)", got, len(stmts))
	}
	// The unique constraint really holds.
	neo4jtest.MustRun(t, driver, cfg, "CREATE (:Entity:Enterprise {id: 'enterprise:x', name: 'X'})", nil)
	_, err := neo4j.ExecuteQuery(ctx, driver, "CREATE (:Entity:Enterprise {id: 'enterprise:x', name: 'Y'})", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(cfg.Database))
	if err == nil {
		t.Error("a second node with the same id was accepted")
	}
}

func names(t *testing.T, driver neo4j.DriverWithContext, db, query string) map[string]bool {
	t.Helper()
	res, err := neo4j.ExecuteQuery(context.Background(), driver, query, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	out := map[string]bool{}
	for _, r := range res.Records {
		name, _, err := neo4j.GetRecordValue[string](r, "name")
		if err != nil {
			t.Fatal(err)
		}
		out[name] = true
	}
	return out
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
