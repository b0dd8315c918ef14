// Package graph serves tradegraph's knowledge graph over GraphQL (gqlgen)
// and exports subgraphs of it as GraphML, GEXF and Cytoscape.js JSON.
//
// Every resolver reads Neo4j through the parameterized queries in
// cypher.go. A top-level field runs one query; a field below it goes
// through a per-request loader (loaders.go) that asks once for all parents,
// so a request costs one round trip per field path, however many objects
// come back.
package graph

//go:generate go run github.com/99designs/gqlgen generate

import (
	"context"
	"log/slog"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"tradegraph/graph/model"
)

// Resolver is the root of the GraphQL resolvers and holds their
// dependencies; gqlgen's template calls this file "dependency injection
// for your app".
type Resolver struct {
	Driver   neo4j.DriverWithContext
	Database string // empty: the server's default database
	Limits   Limits
	// Ingester reads articles for ingestArticle; nil disables it.
	Ingester Ingester
	// APIKey guards ingestArticle; empty disables it.
	APIKey string
	Logger *slog.Logger
	// Available, when not nil, says whether the database is usable yet
	// (serve sets it once Neo4j answered and the schema is applied).
	// Until then queries fail at once with "unavailable" instead of
	// waiting out the driver's connection retries.
	Available func() bool

	// cache shares and keeps query results; Handler sets it up.
	cache *queryCache
}

// Limits bound what one request may ask for. Zero fields take the
// defaults of DefaultLimits.
type Limits struct {
	// MaxPageSize is the largest `first` of any list or connection.
	MaxPageSize int
	// MaxDepth is the deepest selection a query may nest (introspection
	// fields excepted).
	MaxDepth int
	// MaxComplexity bounds gqlgen's complexity score, in which a list
	// counts `first` times its elements.
	MaxComplexity int
	// MaxNeighborhoodDepth bounds neighborhood's depth.
	MaxNeighborhoodDepth int
	// MaxSubgraphNodes bounds the nodes of neighborhood, path and the
	// exports; MaxSubgraphEdges their edges.
	MaxSubgraphNodes int
	MaxSubgraphEdges int
}

// DefaultLimits returns the limits the serve command starts with.
func DefaultLimits() Limits {
	return Limits{
		MaxPageSize:          100,
		MaxDepth:             12,
		MaxComplexity:        50000,
		MaxNeighborhoodDepth: 3,
		MaxSubgraphNodes:     5000,
		MaxSubgraphEdges:     50000,
	}
}

// withDefaults returns l with every zero field set from DefaultLimits.
func (l Limits) withDefaults() Limits {
	def := DefaultLimits()
	set := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	set(&l.MaxPageSize, def.MaxPageSize)
	set(&l.MaxDepth, def.MaxDepth)
	set(&l.MaxComplexity, def.MaxComplexity)
	set(&l.MaxNeighborhoodDepth, def.MaxNeighborhoodDepth)
	set(&l.MaxSubgraphNodes, def.MaxSubgraphNodes)
	set(&l.MaxSubgraphEdges, def.MaxSubgraphEdges)
	return l
}

// Ingester reads one article into the graph. The serve command adapts the
// loader to it, so that this package need not import the loader (STYLE:
// graph/ and loader/ never import each other).
type Ingester interface {
	Ingest(ctx context.Context, article ArticleInput) (IngestResult, error)
}

// ArticleInput is an article to ingest, as the mutation received it.
type ArticleInput struct {
	URL, Title, Site string
	Published        string // "2023-04-22", "2023-04", "2023" or ""
	Text             string
}

// IngestResult is what the Ingester did with an article.
type IngestResult struct {
	ArticleID string
	// Status is "created", "replaced" or "unchanged".
	Status   string
	Entities int
	Facts    int
	Warnings []string
}

// read runs a read query in the configured database, routed to readers on
// a cluster.
func (r *Resolver) read(ctx context.Context, query string, params map[string]any) (*neo4j.EagerResult, error) {
	if r.Available != nil && !r.Available() {
		return nil, errUnavailable
	}
	run := func(ctx context.Context) (*neo4j.EagerResult, error) {
		return neo4j.ExecuteQuery(ctx, r.Driver, query, params, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(r.Database), neo4j.ExecuteQueryWithReadersRouting())
	}
	if r.cache == nil {
		return run(ctx)
	}
	return r.cache.get(ctx, query, params, run)
}

// ingestResultModel converts what the Ingester reports.
func ingestResultModel(res IngestResult) *model.IngestResult {
	warnings := res.Warnings
	if warnings == nil {
		warnings = []string{}
	}
	return &model.IngestResult{ArticleID: res.ArticleID, Status: res.Status,
		Entities: res.Entities, Facts: res.Facts, Warnings: warnings}
}
