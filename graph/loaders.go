package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/vikstrous/dataloadgen"

	"tradegraph/graph/model"
	"tradegraph/schema"
)

// loaderWait is how long a loader gathers keys before it asks Neo4j.
// gqlgen starts the resolvers of a list's elements together, so a short
// wait catches all of them; dataloadgen's default of 16 ms would dominate
// a request that otherwise takes a few milliseconds.
const loaderWait = 2 * time.Millisecond

// loaderBatch bounds the ids of one UNWIND.
const loaderBatch = 1000

// loaders are one request's batching loaders (STYLE: per-request mapped
// loaders, so a missing node cannot shift results onto another parent).
// Each relationship field has its own key type; a loader's fetch runs one
// query per distinct set of arguments, which is one per field path.
type loaders struct {
	entity     *dataloadgen.Loader[string, model.Entity]
	article    *dataloadgen.Loader[string, *model.Article]
	related    *dataloadgen.Loader[relatedKey, []model.Entity]
	mentioning *dataloadgen.Loader[pagedKey, *model.ArticleConnection]
	mentioned  *dataloadgen.Loader[mentionedKey, []model.Entity]
	supplies   *dataloadgen.Loader[suppliesKey, *model.SupplyConnection]
}

// relatedKey asks for the entities with label Label at the other end of
// Rel relationships of entity ID (outgoing when Out).
type relatedKey struct {
	ID    string
	Rel   string
	Out   bool
	Label string
	Limit int
}

// pagedKey asks for a page of a parent's list.
type pagedKey struct {
	ID string
	page
}

// mentionedKey asks for the entities an article mentions; Labels is a
// JSON list so that the key stays comparable.
type mentionedKey struct {
	ID     string
	Labels string
	Limit  int
}

// suppliesKey asks for a page of a supplier's supplies under a filter,
// encoded as JSON so that the key stays comparable.
type suppliesKey struct {
	ID     string
	Filter string
	page
}

type loadersKey struct{}

// newLoaders makes the loaders of one request.
func newLoaders(r *Resolver) *loaders {
	opts := []dataloadgen.Option{dataloadgen.WithWait(loaderWait), dataloadgen.WithBatchCapacity(loaderBatch)}
	return &loaders{
		entity:     dataloadgen.NewMappedLoader(r.loadEntities, opts...),
		article:    dataloadgen.NewMappedLoader(r.loadArticles, opts...),
		related:    dataloadgen.NewMappedLoader(r.loadRelated, opts...),
		mentioning: dataloadgen.NewMappedLoader(r.loadMentioning, opts...),
		mentioned:  dataloadgen.NewMappedLoader(r.loadMentioned, opts...),
		supplies:   dataloadgen.NewMappedLoader(r.loadSupplies, opts...),
	}
}

// withLoaders gives ctx fresh loaders; the GraphQL handler calls it once
// per operation.
func withLoaders(ctx context.Context, r *Resolver) context.Context {
	return context.WithValue(ctx, loadersKey{}, newLoaders(r))
}

// loadersFrom returns the request's loaders; outside a GraphQL operation
// (exports, tests) it makes new ones, which still batch within one call.
func loadersFrom(ctx context.Context, r *Resolver) *loaders {
	if l, ok := ctx.Value(loadersKey{}).(*loaders); ok {
		return l
	}
	return newLoaders(r)
}

// entityList converts the node maps of a row and primes the entity loader
// with each, so that fields asking for them again cost no round trip.
func (l *loaders) entityList(nodes []props) []model.Entity {
	list := []model.Entity{}
	for _, m := range nodes {
		if e, ok := toEntity(m); ok {
			list = append(list, e)
			l.primeEntity(e)
		}
	}
	return list
}

func (l *loaders) primeEntity(e model.Entity) {
	if e != nil {
		l.entity.Prime(e.Base().ID, e)
	}
}

func (l *loaders) primeArticle(a *model.Article) {
	if a != nil {
		l.article.Prime(a.ID, a)
	}
}

// isLoaderNotFound reports whether a mapped loader found nothing for a key.
func isLoaderNotFound(err error) bool {
	return errors.Is(err, dataloadgen.ErrNotFound)
}

// entityByID loads one entity; nil when there is none.
func (l *loaders) entityByID(ctx context.Context, id string) (model.Entity, error) {
	if id == "" {
		return nil, nil
	}
	e, err := l.entity.Load(ctx, id)
	if isLoaderNotFound(err) {
		return nil, nil
	}
	return e, err
}

// articleByID loads one article; nil when there is none.
func (l *loaders) articleByID(ctx context.Context, id string) (*model.Article, error) {
	if id == "" {
		return nil, nil
	}
	a, err := l.article.Load(ctx, id)
	if isLoaderNotFound(err) {
		return nil, nil
	}
	return a, err
}

func (r *Resolver) loadEntities(ctx context.Context, ids []string) (map[string]model.Entity, error) {
	res, err := r.read(ctx, queryEntitiesByID, map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("load entities: %w", err)
	}
	out := make(map[string]model.Entity, len(ids))
	for _, rec := range res.Records {
		row := props(rec.AsMap())
		node, _ := row["node"].(map[string]any)
		if e, ok := toEntity(node); ok {
			out[row.str("id")] = e
		}
	}
	return out, nil
}

func (r *Resolver) loadArticles(ctx context.Context, ids []string) (map[string]*model.Article, error) {
	res, err := r.read(ctx, queryArticlesByID, map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("load articles: %w", err)
	}
	out := make(map[string]*model.Article, len(ids))
	for _, rec := range res.Records {
		row := props(rec.AsMap())
		a, _ := row["article"].(map[string]any)
		out[row.str("id")] = toArticle(a)
	}
	return out, nil
}

// groupKeys splits keys by everything but the parent id, so that each
// group is one query.
func groupKeys[K comparable, G comparable](keys []K, group func(K) (G, string)) (map[G][]string, []G) {
	groups := map[G][]string{}
	var order []G
	for _, k := range keys {
		g, id := group(k)
		if _, ok := groups[g]; !ok {
			order = append(order, g)
		}
		groups[g] = append(groups[g], id)
	}
	return groups, order
}

func (r *Resolver) loadRelated(ctx context.Context, keys []relatedKey) (map[relatedKey][]model.Entity, error) {
	groups, order := groupKeys(keys, func(k relatedKey) (relatedKey, string) {
		id := k.ID
		k.ID = ""
		return k, id
	})
	out := make(map[relatedKey][]model.Entity, len(keys))
	ld := loadersFrom(ctx, r)
	for _, g := range order {
		if !schema.IsEntityLabel(g.Label) && g.Label != schema.LabelEntity {
			return nil, fmt.Errorf("related %s: label %q is not in the schema", g.Rel, g.Label)
		}
		if !isRelType(g.Rel) {
			return nil, fmt.Errorf("related: relationship type %q is not in the schema", g.Rel)
		}
		query := queryRelatedIn
		if g.Out {
			query = queryRelatedOut
		}
		res, err := r.read(ctx, query, map[string]any{"ids": groups[g], "rel": g.Rel, "label": g.Label, "limit": g.Limit})
		if err != nil {
			return nil, fmt.Errorf("load related %s: %w", g.Rel, err)
		}
		for _, rec := range res.Records {
			row := props(rec.AsMap())
			k := g
			k.ID = row.str("id")
			out[k] = ld.entityList(row.maps("nodes"))
		}
	}
	fillMissing(keys, out, func() []model.Entity { return []model.Entity{} })
	return out, nil
}

// fillMissing gives every key a value, so that a parent with nothing
// related gets an empty list rather than a not-found error.
func fillMissing[K comparable, V any](keys []K, out map[K]V, empty func() V) {
	for _, k := range keys {
		if _, ok := out[k]; !ok {
			out[k] = empty()
		}
	}
}

// isRelType reports whether rel is a relationship type in schema's
// allow-list, the only types a query may name at run time.
func isRelType(rel string) bool {
	return slices.Contains(schema.AllRelTypes, rel)
}

func (r *Resolver) loadMentioning(ctx context.Context, keys []pagedKey) (map[pagedKey]*model.ArticleConnection, error) {
	groups, order := groupKeys(keys, func(k pagedKey) (page, string) { return k.page, k.ID })
	out := make(map[pagedKey]*model.ArticleConnection, len(keys))
	for _, p := range order {
		res, err := r.read(ctx, queryMentioningArticles, map[string]any{"ids": groups[p], "skip": p.skip, "limit": p.limit})
		if err != nil {
			return nil, fmt.Errorf("load mentioning articles: %w", err)
		}
		for _, rec := range res.Records {
			row := props(rec.AsMap())
			var list []*model.Article
			for _, m := range row.maps("articles") {
				list = append(list, toArticle(m))
			}
			out[pagedKey{ID: row.str("id"), page: p}] = articleConnection(p, list, row.int("total"))
		}
	}
	for _, k := range keys {
		if _, ok := out[k]; !ok {
			out[k] = articleConnection(k.page, nil, 0)
		}
	}
	return out, nil
}

// articleConnection wraps a page of articles.
func articleConnection(p page, list []*model.Article, total int) *model.ArticleConnection {
	return &model.ArticleConnection{
		TotalCount: total,
		Edges: edges(p, list, func(c string, a *model.Article) *model.ArticleEdge {
			return &model.ArticleEdge{Cursor: c, Node: a}
		}),
		PageInfo: pageInfo(p, len(list), total),
	}
}

func (r *Resolver) loadMentioned(ctx context.Context, keys []mentionedKey) (map[mentionedKey][]model.Entity, error) {
	groups, order := groupKeys(keys, func(k mentionedKey) (mentionedKey, string) {
		id := k.ID
		k.ID = ""
		return k, id
	})
	out := make(map[mentionedKey][]model.Entity, len(keys))
	ld := loadersFrom(ctx, r)
	for _, g := range order {
		var labels any
		if g.Labels != "" {
			var list []string
			if err := json.Unmarshal([]byte(g.Labels), &list); err != nil {
				return nil, fmt.Errorf("load mentioned entities: labels: %w", err)
			}
			labels = list
		}
		res, err := r.read(ctx, queryMentionedEntities, map[string]any{"ids": groups[g], "labels": labels, "limit": g.Limit})
		if err != nil {
			return nil, fmt.Errorf("load mentioned entities: %w", err)
		}
		for _, rec := range res.Records {
			row := props(rec.AsMap())
			k := g
			k.ID = row.str("id")
			out[k] = ld.entityList(row.maps("nodes"))
		}
	}
	fillMissing(keys, out, func() []model.Entity { return []model.Entity{} })
	return out, nil
}

func (r *Resolver) loadSupplies(ctx context.Context, keys []suppliesKey) (map[suppliesKey]*model.SupplyConnection, error) {
	groups, order := groupKeys(keys, func(k suppliesKey) (suppliesKey, string) {
		id := k.ID
		k.ID = ""
		return k, id
	})
	out := make(map[suppliesKey]*model.SupplyConnection, len(keys))
	ld := loadersFrom(ctx, r)
	for _, g := range order {
		var filter *model.SupplyFilter
		if err := json.Unmarshal([]byte(g.Filter), &filter); err != nil {
			return nil, fmt.Errorf("load supplies: filter: %w", err)
		}
		params, err := supplyParams(filter)
		if err != nil {
			return nil, err
		}
		pages, err := r.fetchSupplies(ctx, params, g.page, groups[g], ld)
		if err != nil {
			return nil, err
		}
		for _, id := range groups[g] {
			k := g
			k.ID = id
			out[k] = supplyConnection(g.page, pages[id])
		}
	}
	return out, nil
}
