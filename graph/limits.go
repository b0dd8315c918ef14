package graph

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"tradegraph/graph/model"
)

// depthLimit rejects operations that nest selections deeper than max,
// before any resolver runs. gqlgen has a complexity limit but no depth
// limit; a deep query is cheap to write and expensive to answer even when
// each level is small.
type depthLimit struct {
	max int
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = depthLimit{}

func (depthLimit) ExtensionName() string { return "DepthLimit" }

func (depthLimit) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext runs after validation, which has already refused
// fragment cycles.
func (d depthLimit) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	if opCtx.Operation == nil {
		return nil
	}
	if depth := selectionDepth(opCtx.Operation.SelectionSet, 0); depth > d.max {
		err := gqlerror.Errorf("operation has depth %d, which exceeds the limit of %d", depth, d.max)
		errcode.Set(err, "DEPTH_LIMIT_EXCEEDED")
		return err
	}
	return nil
}

// selectionDepth measures the deepest field path of set. Introspection
// fields (__schema, __type, __typename) do not count: GraphiQL's own
// schema query nests type references a dozen levels deep. guard stops a
// runaway walk should a fragment cycle ever get past validation.
func selectionDepth(set ast.SelectionSet, guard int) int {
	if guard > 100 {
		return guard
	}
	deepest := 0
	for _, sel := range set {
		d := 0
		switch s := sel.(type) {
		case *ast.Field:
			if strings.HasPrefix(s.Name, "__") {
				continue
			}
			d = 1 + selectionDepth(s.SelectionSet, guard+1)
		case *ast.InlineFragment:
			d = selectionDepth(s.SelectionSet, guard+1)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				d = selectionDepth(s.Definition.SelectionSet, guard+1)
			}
		}
		deepest = max(deepest, d)
	}
	return deepest
}

// complexityRoot prices list fields at `first` (or limit) times their
// elements, so that the complexity limit bounds the rows a request can
// ask for. Other fields cost 1 plus their children (gqlgen's default).
func complexityRoot(l Limits) ComplexityRoot {
	var c ComplexityRoot
	list := func(def int) func(child int, first *int) int {
		return func(child int, first *int) int { return 1 + intOr(first, def)*max(child, 1) }
	}
	articles := func(child int, first *int, _ *string) int { return list(20)(child, first) }
	conn := func(def int) func(child int, first *int) int { return list(def) }

	c.Article.Entities = func(child int, _ []model.EntityType, first *int) int { return list(100)(child, first) }
	c.City.Articles = articles
	c.Country.Articles = articles
	c.Enterprise.Articles = articles
	c.Person.Articles = articles
	c.Product.Articles = articles
	c.Project.Articles = articles
	c.Region.Articles = articles
	c.Country.Regions = list(100)
	c.Enterprise.Subsidiaries = list(100)
	c.Enterprise.Products = list(100)
	c.Product.Producers = list(100)
	c.Project.Participants = list(100)
	c.Enterprise.Supplies = func(child int, _ *model.SupplyFilter, first *int, _ *string) int { return conn(20)(child, first) }
	c.Supply.Evidence = list(20)

	entityList := func(child int, _ *model.EntityFilter, _ *model.EntityOrder, first *int, _ *string) int {
		return conn(50)(child, first)
	}
	c.Query.Countries = entityList
	c.Query.Regions = entityList
	c.Query.Cities = entityList
	c.Query.Enterprises = entityList
	c.Query.Products = entityList
	c.Query.Projects = entityList
	c.Query.People = entityList
	c.Query.Articles = func(child int, _ *model.ArticleFilter, first *int, _ *string) int { return conn(50)(child, first) }
	c.Query.Supplies = func(child int, _ *model.SupplyFilter, first *int, _ *string) int { return conn(50)(child, first) }
	c.Query.SupplyCounts = func(child int, _ model.SupplyGrouping, _ *model.SupplyFilter, first *int) int {
		return list(50)(child, first)
	}
	c.Query.TopSuppliers = func(child int, _ string, _ *model.SupplyFilter, first *int) int { return list(10)(child, first) }
	c.Query.Search = func(child int, _ string, _ []model.EntityType, first *int, _ *string) int {
		return conn(20)(child, first)
	}
	// A subgraph's nodes and edges are plain data: price them by the
	// node limit, without multiplying by the selection.
	c.Query.Neighborhood = func(child int, _ string, _ *int, limit *int, _ []string, _ *bool) int {
		return 1 + child + intOr(limit, 100)
	}
	c.Query.Path = func(child int, _ string, _ string, _ *int, limit *int) int { return 1 + child + 10*intOr(limit, 10) }
	return c
}
