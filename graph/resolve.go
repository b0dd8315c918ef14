package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"tradegraph/graph/model"
)

// This file holds what the resolvers in schema.resolvers.go share; gqlgen
// rewrites that file, so its helpers live here.

func intOr(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}

// entityRef loads the entity a property names, as the field's type; nil
// when the id is empty, unknown or of another type.
func entityRef[T model.Entity](ctx context.Context, r *Resolver, id string) (T, error) {
	e, err := loadersFrom(ctx, r).entityByID(ctx, id)
	if err != nil {
		var zero T
		return zero, err
	}
	return entityAs[T](e), nil
}

// related loads the entities at the other end of rel relationships, one
// query for all parents of a field path.
func related[T model.Entity](ctx context.Context, r *Resolver, id, rel string, out bool, label string, first *int) ([]T, error) {
	limit, err := r.checkFirst(first, 100)
	if err != nil {
		return nil, err
	}
	list, err := loadersFrom(ctx, r).related.Load(ctx, relatedKey{ID: id, Rel: rel, Out: out, Label: label, Limit: limit})
	if err != nil {
		return nil, err
	}
	return typedList[T](list), nil
}

// relatedOne loads the first (most mentioned) related entity, nil if none.
func relatedOne(ctx context.Context, r *Resolver, id, rel string, out bool, label string) (model.Entity, error) {
	one := 1
	list, err := related[model.Entity](ctx, r, id, rel, out, label, &one)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	return list[0], nil
}

// mentioningArticles loads a page of the articles that mention an entity.
func (r *Resolver) mentioningArticles(ctx context.Context, id string, first *int, after *string) (*model.ArticleConnection, error) {
	p, err := r.pageArgs(first, after, 20)
	if err != nil {
		return nil, err
	}
	return loadersFrom(ctx, r).mentioning.Load(ctx, pagedKey{ID: id, page: p})
}

// mentionedEntities loads the entities an article mentions.
func (r *Resolver) mentionedEntities(ctx context.Context, id string, types []model.EntityType, first *int) ([]model.Entity, error) {
	limit, err := r.checkFirst(first, 100)
	if err != nil {
		return nil, err
	}
	key := mentionedKey{ID: id, Limit: limit}
	if labels, ok := entityLabels(types).([]string); ok {
		b, err := json.Marshal(labels)
		if err != nil {
			return nil, fmt.Errorf("encode labels: %w", err)
		}
		key.Labels = string(b)
	}
	return loadersFrom(ctx, r).mentioned.Load(ctx, key)
}

// supplierSupplies loads a page of an enterprise's supplies, one query
// for all enterprises of a field path.
func (r *Resolver) supplierSupplies(ctx context.Context, id string, filter *model.SupplyFilter, first *int, after *string) (*model.SupplyConnection, error) {
	p, err := r.pageArgs(first, after, 20)
	if err != nil {
		return nil, err
	}
	if _, err := supplyParams(filter); err != nil {
		return nil, err
	}
	f, err := json.Marshal(filter)
	if err != nil {
		return nil, fmt.Errorf("encode supply filter: %w", err)
	}
	return loadersFrom(ctx, r).supplies.Load(ctx, suppliesKey{ID: id, Filter: string(f), page: p})
}

// articleByID reads one article directly, bypassing the loaders' cache.
func (r *Resolver) articleByID(ctx context.Context, id string) (*model.Article, error) {
	m, err := r.loadArticles(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	return m[id], nil
}

// ingestArticle checks the API key and hands the article to the Ingester.
func (r *Resolver) ingestArticle(ctx context.Context, in model.ArticleInput) (*model.IngestResult, error) {
	if r.APIKey == "" || r.Ingester == nil {
		return nil, &clientError{kind: ErrDisabled,
			msg: "ingestArticle is disabled: the server has no API key (set TRADEGRAPH_API_KEY to enable it)"}
	}
	if !apiKeyFrom(ctx).matches(r.APIKey) {
		return nil, &clientError{kind: ErrUnauthorized, msg: "ingestArticle needs a valid " + APIKeyHeader + " header"}
	}
	if strings.TrimSpace(in.Text) == "" {
		return nil, invalidf("input.text must not be empty")
	}
	if len(in.Text) > maxArticleBytes {
		return nil, invalidf("input.text: at most %d bytes", maxArticleBytes)
	}
	a := ArticleInput{Text: in.Text}
	for _, f := range []struct {
		dst *string
		src *string
	}{{&a.URL, in.URL}, {&a.Title, in.Title}, {&a.Site, in.Site}} {
		if f.src != nil {
			*f.dst = strings.TrimSpace(*f.src)
		}
	}
	if in.Published != nil {
		a.Published = string(*in.Published)
	}
	res, err := r.Ingester.Ingest(ctx, a)
	if r.cache != nil {
		// Even a failed ingest may have written part of the article.
		r.cache.purge()
	}
	if err != nil {
		return nil, fmt.Errorf("ingest article: %w", err)
	}
	return ingestResultModel(res), nil
}

// maxArticleBytes bounds an ingested article's text; the body size limit
// bounds it too, but this one names the field.
const maxArticleBytes = 1 << 20
