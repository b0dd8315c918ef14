package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"tradegraph/graph/model"
	"tradegraph/schema"
)

// entityFilterFields says which EntityFilter fields apply to a label,
// beyond name, source and minMentions, which apply to all.
func entityFilterFields(label string) []string {
	switch label {
	case schema.LabelRegion:
		return []string{"country", "kind"}
	case schema.LabelCity:
		return []string{"country", "region"}
	case schema.LabelEnterprise:
		return []string{"country", "region", "sector"}
	case schema.LabelProduct:
		return []string{"category"}
	}
	return nil
}

// entityListParams validates f for entities of label and returns the
// parameters of queryEntityList.
func entityListParams(label string, f *model.EntityFilter, order *model.EntityOrder) (map[string]any, error) {
	if f == nil {
		f = &model.EntityFilter{}
	}
	fields := map[string]*string{
		"name": f.Name, "country": f.Country, "region": f.Region, "source": f.Source,
		"kind": f.Kind, "sector": f.Sector, "category": f.Category,
	}
	params := map[string]any{"label": label, "byName": order != nil && *order == model.EntityOrderName, "minMentions": nil}
	for _, name := range []string{"name", "country", "region", "source", "kind", "sector", "category"} {
		t, err := filterText("filter."+name, fields[name])
		if err != nil {
			return nil, err
		}
		if t != nil && name != "name" && name != "source" && !slices.Contains(entityFilterFields(label), name) {
			return nil, invalidf("filter.%s does not apply to %s entities", name, strings.ToLower(label))
		}
		params[name] = lower(t)
	}
	if f.Source != nil {
		params["source"] = strings.TrimSpace(*f.Source)
	}
	if f.MinMentions != nil {
		params["minMentions"] = *f.MinMentions
	}
	return params, nil
}

// entityList runs queryEntityList for one label.
func (r *Resolver) entityList(ctx context.Context, label string, f *model.EntityFilter, order *model.EntityOrder, first *int, after *string) ([]model.Entity, page, int, error) {
	p, err := r.pageArgs(first, after, 50)
	if err != nil {
		return nil, p, 0, err
	}
	params, err := entityListParams(label, f, order)
	if err != nil {
		return nil, p, 0, err
	}
	params["skip"], params["limit"] = p.skip, p.limit
	res, err := r.read(ctx, queryEntityList, params)
	if err != nil {
		return nil, p, 0, fmt.Errorf("list %s entities: %w", label, err)
	}
	if len(res.Records) == 0 {
		return nil, p, 0, nil
	}
	row := props(res.Records[0].AsMap())
	var list []model.Entity
	ld := loadersFrom(ctx, r)
	for _, m := range row.maps("nodes") {
		if e, ok := toEntity(m); ok {
			list = append(list, e)
			ld.primeEntity(e)
		}
	}
	return list, p, row.int("total"), nil
}

// typedList narrows entityList's entities to the label's model type.
func typedList[T model.Entity](list []model.Entity) []T {
	out := make([]T, 0, len(list))
	for _, e := range list {
		if t, ok := e.(T); ok {
			out = append(out, t)
		}
	}
	return out
}

// articles answers Query.articles.
func (r *Resolver) articles(ctx context.Context, f *model.ArticleFilter, first *int, after *string) (*model.ArticleConnection, error) {
	p, err := r.pageArgs(first, after, 50)
	if err != nil {
		return nil, err
	}
	if f == nil {
		f = &model.ArticleFilter{}
	}
	site, err := filterText("filter.site", f.Site)
	if err != nil {
		return nil, err
	}
	mentions, err := filterText("filter.mentions", f.Mentions)
	if err != nil {
		return nil, err
	}
	params := map[string]any{"site": lower(site), "mentions": raw(mentions), "since": nil, "until": nil,
		"skip": p.skip, "limit": p.limit}
	if f.Since != nil {
		params["since"] = f.Since.Start()
	}
	if f.Until != nil {
		params["until"] = f.Until.End()
	}
	res, err := r.read(ctx, queryArticleList, params)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	var list []*model.Article
	total := 0
	if len(res.Records) > 0 {
		row := props(res.Records[0].AsMap())
		total = row.int("total")
		ld := loadersFrom(ctx, r)
		for _, m := range row.maps("articles") {
			a := toArticle(m)
			list = append(list, a)
			ld.primeArticle(a)
		}
	}
	return articleConnection(p, list, total), nil
}

// luceneSpecial are the characters Lucene's query parser gives meaning.
const luceneSpecial = `+-&|!(){}[]^"~*?:\/`

// escapeLucene makes text a literal for Lucene's query parser.
func escapeLucene(text string) string {
	var b strings.Builder
	for _, c := range text {
		if strings.ContainsRune(luceneSpecial, c) {
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// searchQuery builds the Lucene query for search: every word must match,
// as a whole word or as the start of one. Words are split at anything but
// letters and digits, as the index's analyzer does, so that no user
// character reaches the parser unescaped.
func searchQuery(text string) (string, error) {
	words := strings.FieldsFunc(strings.ToLower(text), func(c rune) bool {
		return !unicode.IsLetter(c) && !unicode.IsDigit(c)
	})
	if len(words) == 0 {
		return "", invalidf("search text must contain a letter or digit")
	}
	if len(words) > 16 {
		return "", invalidf("search text: at most 16 words")
	}
	parts := make([]string, len(words))
	for i, w := range words {
		w = escapeLucene(w)
		parts[i] = "(" + w + "^2 OR " + w + "*)"
	}
	return strings.Join(parts, " AND "), nil
}

// search answers Query.search.
func (r *Resolver) search(ctx context.Context, text string, types []model.EntityType, first *int, after *string) (*model.SearchConnection, error) {
	p, err := r.pageArgs(first, after, 20)
	if err != nil {
		return nil, err
	}
	if len(text) > maxFilterText {
		return nil, invalidf("search text: at most %d bytes", maxFilterText)
	}
	q, err := searchQuery(text)
	if err != nil {
		return nil, err
	}
	params := map[string]any{"query": q, "labels": entityLabels(types), "skip": p.skip, "limit": p.limit}
	res, err := r.read(ctx, querySearch, params)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	conn := &model.SearchConnection{Edges: []*model.SearchEdge{}}
	if len(res.Records) > 0 {
		row := props(res.Records[0].AsMap())
		conn.TotalCount = row.int("total")
		ld := loadersFrom(ctx, r)
		for i, hit := range row.maps("hits") {
			m, _ := hit["node"].(map[string]any)
			e, ok := toEntity(m)
			if !ok {
				continue
			}
			ld.primeEntity(e)
			conn.Edges = append(conn.Edges, &model.SearchEdge{
				Cursor: encodeCursor(p.skip + i), Node: e, Score: derefFloat(hit.floatPtr("score")),
			})
		}
	}
	conn.PageInfo = pageInfo(p, len(conn.Edges), conn.TotalCount)
	return conn, nil
}

// entityLabels converts entity types to labels; nil for none.
func entityLabels(types []model.EntityType) any {
	if len(types) == 0 {
		return nil
	}
	labels := make([]string, len(types))
	for i, t := range types {
		labels[i] = t.Label()
	}
	return labels
}
