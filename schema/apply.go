package schema

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

//go:embed cypher/*.cypher
var cypherFiles embed.FS

// Statements returns the schema's Cypher statements in the order Apply runs
// them: files in name order, statements in file order, comments dropped.
func Statements() ([]string, error) {
	names, err := fs.Glob(cypherFiles, "cypher/*.cypher")
	if err != nil {
		return nil, fmt.Errorf("list schema files: %w", err)
	}
	sort.Strings(names)
	var stmts []string
	for _, name := range names {
		data, err := cypherFiles.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		stmts = append(stmts, splitStatements(string(data))...)
	}
	return stmts, nil
}

// splitStatements cuts a Cypher script at semicolons that end a line, after
// dropping // comment lines. The schema files hold no string literals with
// semicolons, so this simple cut is exact for them.
func splitStatements(script string) []string {
	var lines []string
	for _, line := range strings.Split(script, "\n") {
		if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "//") {
			lines = append(lines, t)
		}
	}
	var stmts []string
	for _, s := range strings.Split(strings.Join(lines, "\n"), ";") {
		if s = strings.TrimSpace(s); s != "" {
			stmts = append(stmts, strings.ReplaceAll(s, "\n", " "))
		}
	}
	return stmts
}

// Apply creates every constraint and index that does not exist yet in
// database db (empty for the server's default database) and waits until the
// indexes are online, so that a load or a query right after it is fast.
func Apply(ctx context.Context, driver neo4j.DriverWithContext, db string) error {
	stmts, err := Statements()
	if err != nil {
		return err
	}
	for _, stmt := range stmts {
		// Schema commands cannot share a transaction with each other on
		// every Neo4j edition, so each runs alone.
		if _, err := neo4j.ExecuteQuery(ctx, driver, stmt, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(db)); err != nil {
			return fmt.Errorf("apply schema statement %q: %w", firstWords(stmt, 4), err)
		}
	}
	if _, err := neo4j.ExecuteQuery(ctx, driver, "CALL db.awaitIndexes(300)", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db)); err != nil {
		return fmt.Errorf("await schema indexes: %w", err)
	}
	return nil
}

func firstWords(s string, n int) string {
	words := strings.Fields(s)
	if len(words) > n {
		words = words[:n]
	}
	return strings.Join(words, " ")
}

// Prepare applies the schema and fills in the derived data that a graph
// written by an older tradegraph lacks (the SupplyPair summary), so that
// load and serve can start on any graph.
func Prepare(ctx context.Context, driver neo4j.DriverWithContext, db string) error {
	if err := Apply(ctx, driver, db); err != nil {
		return err
	}
	_, err := EnsureSupplyPairs(ctx, driver, db)
	return err
}
