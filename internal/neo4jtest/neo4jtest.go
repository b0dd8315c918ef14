// Package neo4jtest connects tests to the real Neo4j named by
// NEO4J_TEST_URI (the local database `make test` starts). Tests skip when
// the variable is unset, and fail when NEO4J_TEST_REQUIRED=1, as in CI.
package neo4jtest

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"tradegraph/internal/dbconn"
	"tradegraph/schema"
)

// Config returns the connection settings of the test database, skipping
// or failing tb when there is none.
func Config(tb testing.TB) dbconn.Config {
	tb.Helper()
	uri := os.Getenv("NEO4J_TEST_URI")
	if uri == "" {
		if os.Getenv("NEO4J_TEST_REQUIRED") == "1" {
			tb.Fatal("NEO4J_TEST_URI is not set and NEO4J_TEST_REQUIRED=1")
		}
		tb.Skip("NEO4J_TEST_URI not set; skipping Neo4j test")
	}
	user := os.Getenv("NEO4J_TEST_USER")
	if user == "" {
		user = "neo4j"
	}
	return dbconn.Config{URI: uri, User: user, Password: os.Getenv("NEO4J_TEST_PASSWORD"), Database: os.Getenv("NEO4J_TEST_DATABASE")}
}

// MustOpen connects to the test database, empties it and applies the
// schema. The driver is closed when the test ends. Tests that use it must
// not run in parallel: they share the one database.
func MustOpen(tb testing.TB) (neo4j.DriverWithContext, dbconn.Config) {
	tb.Helper()
	cfg := Config(tb)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	driver, err := dbconn.Open(ctx, cfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := driver.Close(context.Background()); err != nil {
			tb.Errorf("close neo4j driver: %v", err)
		}
	})
	MustClear(tb, driver, cfg)
	if err := schema.Apply(ctx, driver, cfg.Database); err != nil {
		tb.Fatalf("apply schema: %v", err)
	}
	return driver, cfg
}

// MustClear deletes every node of the test database: relationships first,
// then nodes, in chunks, since one transaction for a graph of ten thousand
// articles runs out of Neo4j's memory.
func MustClear(tb testing.TB, driver neo4j.DriverWithContext, cfg dbconn.Config) {
	tb.Helper()
	MustRun(tb, driver, cfg, "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS", nil)
	MustRun(tb, driver, cfg, "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS", nil)
}

// MustRun runs one query in an auto-commit transaction, so that it may use
// CALL { } IN TRANSACTIONS.
func MustRun(tb testing.TB, driver neo4j.DriverWithContext, cfg dbconn.Config, query string, params map[string]any) {
	tb.Helper()
	ctx := context.Background()
	session := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: cfg.Database})
	defer func() {
		if err := session.Close(ctx); err != nil {
			tb.Errorf("close session: %v", err)
		}
	}()
	res, err := session.Run(ctx, query, params)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		tb.Fatalf("run %q: %v", query, err)
	}
}
