package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"tradegraph/graph/model"
)

// maxFilterText bounds a text argument: names are short, and a long
// string is a mistake or an attack on the full-text index.
const maxFilterText = 200

// filterText normalizes a text filter: trimmed, nil when empty.
func filterText(field string, s *string) (*string, error) {
	if s == nil {
		return nil, nil
	}
	t := strings.TrimSpace(*s)
	if t == "" {
		return nil, nil
	}
	if len(t) > maxFilterText {
		return nil, invalidf("%s: at most %d bytes", field, maxFilterText)
	}
	return &t, nil
}

// lower returns the lower-cased text, or nil (a Cypher null).
func lower(s *string) any {
	if s == nil {
		return nil
	}
	return strings.ToLower(*s)
}

// raw returns the text as given, or nil.
func raw(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}

// phrase returns a Lucene phrase query for the text, or nil.
func phrase(s *string) any {
	if s == nil {
		return nil
	}
	return `"` + escapeLucene(*s) + `"`
}

// supplyParams turns a SupplyFilter into the parameters of
// supplyFilterPrelude and supplyMatch.
func supplyParams(f *model.SupplyFilter) (map[string]any, error) {
	if f == nil {
		f = &model.SupplyFilter{}
	}
	texts := map[string]**string{
		"supplierCountry": &f.SupplierCountry, "recipientCountry": &f.RecipientCountry,
		"region": &f.Region, "supplier": &f.Supplier, "recipient": &f.Recipient, "product": &f.Product,
	}
	norm := map[string]*string{}
	for name, v := range texts {
		t, err := filterText("filter."+name, *v)
		if err != nil {
			return nil, err
		}
		norm[name] = t
	}
	params := map[string]any{
		"parents":          nil,
		"supplierCountry":  lower(norm["supplierCountry"]),
		"recipientCountry": lower(norm["recipientCountry"]),
		"region":           lower(norm["region"]),
		"statuses":         nil,
		"since":            nil,
		"until":            nil,
	}
	for _, name := range []string{"supplier", "recipient", "product"} {
		params[name] = lower(norm[name])
		params[name+"Raw"] = raw(norm[name])
		params[name+"Phrase"] = phrase(norm[name])
	}
	if f.Status != nil {
		statuses := make([]string, len(f.Status))
		for i, s := range f.Status {
			statuses[i] = s.Stored()
		}
		params["statuses"] = statuses
	}
	if f.Since != nil {
		params["since"] = f.Since.Start()
	}
	if f.Until != nil {
		params["until"] = f.Until.End()
	}
	return params, nil
}

// supplyPage is one parent's page of supplies.
type supplyPage struct {
	total    int
	supplies []*model.Supply
}

// fetchSupplies runs querySupplies: parents nil for Query.supplies (the
// result's key is ""), supplier ids for Enterprise.supplies. The entities,
// articles and regions the rows carry are primed into ld, when not nil.
func (r *Resolver) fetchSupplies(ctx context.Context, params map[string]any, p page, parents []string, ld *loaders) (map[string]supplyPage, error) {
	q := make(map[string]any, len(params)+4)
	for k, v := range params {
		q[k] = v
	}
	if parents != nil {
		q["parents"] = parents
	}
	q["skip"], q["limit"] = p.skip, p.limit
	q["evidenceLimit"] = r.Limits.withDefaults().MaxPageSize
	query, q, none, err := suppliesStatement(ctx, r.read, q)
	if err != nil {
		return nil, err
	}
	if none {
		return map[string]supplyPage{}, nil
	}
	res, err := r.read(ctx, query, q)
	if err != nil {
		return nil, fmt.Errorf("query supplies: %w", err)
	}
	out := make(map[string]supplyPage, len(res.Records))
	for _, rec := range res.Records {
		parent, err := record[string](rec, "parent")
		if err != nil {
			return nil, err
		}
		total, err := record[int64](rec, "total")
		if err != nil {
			return nil, err
		}
		rows, err := recordMaps(rec, "rows")
		if err != nil {
			return nil, err
		}
		sp := supplyPage{total: int(total), supplies: make([]*model.Supply, 0, len(rows))}
		for _, row := range rows {
			s, err := toSupply(row, ld, q["evidenceLimit"].(int))
			if err != nil {
				return nil, err
			}
			sp.supplies = append(sp.supplies, s)
		}
		out[parent] = sp
	}
	return out, nil
}

// toSupply converts one row of querySupplies, with the nodes it carries,
// and primes ld with them for the fields below (supplier { country }).
func toSupply(row props, ld *loaders, maxEvidence int) (*model.Supply, error) {
	supplierMap, _ := row["supplier"].(map[string]any)
	recipientMap, _ := row["recipient"].(map[string]any)
	supplier, ok1 := toEntity(supplierMap)
	recipient, ok2 := toEntity(recipientMap)
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("supply row: supplier or recipient is not an entity")
	}
	s := &model.Supply{
		ID:            "supply:" + supplier.Base().ID + ">" + recipient.Base().ID,
		Supplier:      supplier,
		Recipient:     recipient,
		EvidenceCount: row.int("evidenceCount"),
		ArticleCount:  row.int("articleCount"),
		Statuses:      supplyStatuses(row.strings("statuses")),
		Products:      []*model.Product{},
		AllEvidence:   []*model.Evidence{},
		MaxEvidence:   maxEvidence,
	}
	if len(s.Statuses) > 0 {
		s.Status = &s.Statuses[0]
	}
	for _, m := range row.maps("region") {
		if e, ok := toEntity(m); ok {
			s.Region = entityAs[*model.Region](e)
		}
	}
	// Facts come in no particular order; products sort by id for stable
	// answers.
	for _, m := range row.maps("products") {
		if e, ok := toEntity(m); ok {
			if p := entityAs[*model.Product](e); p != nil {
				s.Products = append(s.Products, p)
			}
		}
	}
	slices.SortFunc(s.Products, func(a, b *model.Product) int { return strings.Compare(a.ID, b.ID) })
	if qs, _ := row["quantities"].([]any); len(qs) > 0 {
		best := 0
		for _, v := range qs {
			if n, ok := v.(int64); ok && int(n) > best {
				best = int(n)
			}
		}
		s.Quantity = &best
	}
	articles := map[string]*model.Article{}
	for _, m := range row.maps("articles") {
		a := toArticle(m)
		articles[a.ID] = a
	}
	for _, ev := range row.maps("evidence") {
		id := ev.str("article")
		a := articles[id]
		if a == nil {
			// A fact outlived its article: show the id rather than fail.
			a = &model.Article{ID: id}
		}
		s.AllEvidence = append(s.AllEvidence, &model.Evidence{
			Sentence:   ev.str("sentence"),
			Confidence: derefFloat(ev.floatPtr("confidence")),
			Article:    a,
			Start:      ev.intPtr("start"),
			End:        ev.intPtr("end"),
			Status:     toStatus(ev.str("status")),
			Quantity:   ev.intPtr("quantity"),
			When:       ev.strPtr("when"),
			Products:   ev.strings("products"),
		})
	}
	if ld != nil {
		ld.primeEntity(supplier)
		ld.primeEntity(recipient)
		if s.Region != nil {
			ld.primeEntity(s.Region)
		}
		for _, p := range s.Products {
			ld.primeEntity(p)
		}
	}
	return s, nil
}

func derefFloat(f *float64) float64 {
	if f == nil {
		return 0
	}
	return *f
}

// supplyConnection wraps a page of supplies.
func supplyConnection(p page, sp supplyPage) *model.SupplyConnection {
	return &model.SupplyConnection{
		TotalCount: sp.total,
		Edges: edges(p, sp.supplies, func(c string, s *model.Supply) *model.SupplyEdge {
			return &model.SupplyEdge{Cursor: c, Node: s}
		}),
		PageInfo: pageInfo(p, len(sp.supplies), sp.total),
	}
}

// supplies answers Query.supplies.
func (r *Resolver) supplies(ctx context.Context, filter *model.SupplyFilter, first *int, after *string) (*model.SupplyConnection, error) {
	p, err := r.pageArgs(first, after, 50)
	if err != nil {
		return nil, err
	}
	params, err := supplyParams(filter)
	if err != nil {
		return nil, err
	}
	pages, err := r.fetchSupplies(ctx, params, p, nil, loadersFrom(ctx, r))
	if err != nil {
		return nil, err
	}
	return supplyConnection(p, pages[""]), nil
}

// supplyCounts answers Query.supplyCounts and Query.topSuppliers.
func (r *Resolver) supplyCounts(ctx context.Context, by model.SupplyGrouping, filter *model.SupplyFilter, first *int) ([]*model.SupplyCount, error) {
	limit, err := r.checkFirst(first, 50)
	if err != nil {
		return nil, err
	}
	params, err := supplyParams(filter)
	if err != nil {
		return nil, err
	}
	var query string
	switch by {
	case model.SupplyGroupingSupplier:
		query = querySupplyCountsBySupplier
	case model.SupplyGroupingRecipient:
		query = querySupplyCountsByRecipient
	case model.SupplyGroupingRecipientRegion:
		query = querySupplyCountsByRecipientRegion
	case model.SupplyGroupingProduct:
		query = querySupplyCountsByProduct
	default:
		return nil, invalidf("by: unknown grouping %q", by)
	}
	params["limit"] = limit
	res, err := r.read(ctx, query, params)
	if err != nil {
		return nil, fmt.Errorf("query supply counts by %s: %w", by, err)
	}
	ld := loadersFrom(ctx, r)
	out := make([]*model.SupplyCount, 0, len(res.Records))
	for _, rec := range res.Records {
		row := props(rec.AsMap())
		c := &model.SupplyCount{
			KeyID:    row.str("key"),
			Supplies: row.int("supplies"),
			Facts:    row.int("facts"),
			Articles: row.int("articles"),
			Quantity: row.intPtr("quantity"),
		}
		for _, m := range row.maps("node") {
			if e, ok := toEntity(m); ok {
				ld.primeEntity(e)
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// topSuppliers answers Query.topSuppliers: supplyCounts by supplier with
// the region filter set.
func (r *Resolver) topSuppliers(ctx context.Context, region string, filter *model.SupplyFilter, first *int) ([]*model.SupplyCount, error) {
	if strings.TrimSpace(region) == "" {
		return nil, invalidf("region must not be empty")
	}
	f := model.SupplyFilter{}
	if filter != nil {
		f = *filter
	}
	f.Region = &region
	if first == nil {
		ten := 10
		first = &ten
	}
	return r.supplyCounts(ctx, model.SupplyGroupingSupplier, &f, first)
}

// RunSupplies runs with driver the queries that Query.supplies runs for
// filter and first, with evidence lists cut at evidenceLimit, and returns
// the number of rows. The benchmark calls it to measure what the GraphQL
// layer adds over the same Cypher.
func RunSupplies(ctx context.Context, driver neo4j.DriverWithContext, database string, filter *model.SupplyFilter, first, evidenceLimit int) (int, error) {
	params, err := supplyParams(filter)
	if err != nil {
		return 0, err
	}
	params["skip"], params["limit"], params["evidenceLimit"] = 0, first, evidenceLimit
	read := func(ctx context.Context, query string, params map[string]any) (*neo4j.EagerResult, error) {
		return neo4j.ExecuteQuery(ctx, driver, query, params, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(database), neo4j.ExecuteQueryWithReadersRouting())
	}
	query, params, none, err := suppliesStatement(ctx, read, params)
	if err != nil || none {
		return 0, err
	}
	res, err := read(ctx, query, params)
	if err != nil {
		return 0, fmt.Errorf("query supplies: %w", err)
	}
	return len(res.Records), nil
}
