package graph

import (
	"fmt"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"tradegraph/graph/model"
	"tradegraph/schema"
)

// props is a node or relationship's properties as the driver returns
// them: strings, int64, float64, bool and []any.
type props map[string]any

func (p props) str(key string) string {
	s, _ := p[key].(string)
	return s
}

// strPtr returns the property, or nil when it is missing or "".
func (p props) strPtr(key string) *string {
	if s := p.str(key); s != "" {
		return &s
	}
	return nil
}

func (p props) intPtr(key string) *int {
	switch v := p[key].(type) {
	case int64:
		n := int(v)
		return &n
	case float64:
		n := int(v)
		return &n
	}
	return nil
}

func (p props) int(key string) int {
	if n := p.intPtr(key); n != nil {
		return *n
	}
	return 0
}

func (p props) floatPtr(key string) *float64 {
	switch v := p[key].(type) {
	case float64:
		return &v
	case int64:
		f := float64(v)
		return &f
	}
	return nil
}

func (p props) strings(key string) []string {
	list, _ := p[key].([]any)
	out := make([]string, 0, len(list))
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func (p props) maps(key string) []props {
	list, _ := p[key].([]any)
	out := make([]props, 0, len(list))
	for _, v := range list {
		if m, ok := v.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// entityLabel returns the entity label among labels, "" if none.
func entityLabel(labels []string) string {
	for _, l := range labels {
		if schema.IsEntityLabel(l) {
			return l
		}
	}
	return ""
}

// toEntity converts an entity map (entityMapN in cypher.go) to its model
// type. ok is false for a node with no entity label.
func toEntity(p props) (model.Entity, bool) {
	label := entityLabel(p.strings("labels"))
	typ, ok := model.EntityTypeOfLabel(label)
	if !ok {
		return nil, false
	}
	aliases := p.strings(schema.PropAliases)
	// Aliases repeat the name, or each other, in some gazetteer entries.
	seen := map[string]bool{p.str(schema.PropName): true}
	uniq := aliases[:0]
	for _, a := range aliases {
		if !seen[a] {
			seen[a] = true
			uniq = append(uniq, a)
		}
	}
	base := model.EntityBase{
		ID:         p.str(schema.PropID),
		Type:       typ,
		Name:       p.str(schema.PropName),
		Aliases:    uniq,
		Source:     p.str(schema.PropSource),
		Mentions:   p.int(schema.PropMentions),
		Confidence: p.floatPtr(schema.PropConfidence),
		CountryID:  p.str(schema.PropCountry),
		RegionID:   p.str("region"),
	}
	switch label {
	case schema.LabelCountry:
		base.CountryID = base.ID
		return &model.Country{EntityBase: base, Iso2: p.strPtr(schema.PropISO2)}, true
	case schema.LabelRegion:
		return &model.Region{EntityBase: base, Iso: p.strPtr(schema.PropISO), Kind: p.strPtr(schema.PropKind)}, true
	case schema.LabelCity:
		return &model.City{EntityBase: base}, true
	case schema.LabelEnterprise:
		return &model.Enterprise{EntityBase: base, Sector: p.strPtr(schema.PropSector)}, true
	case schema.LabelProduct:
		return &model.Product{EntityBase: base, Category: p.strPtr(schema.PropCategory)}, true
	case schema.LabelProject:
		return &model.Project{EntityBase: base, Status: p.strPtr(schema.PropStatus)}, true
	default:
		return &model.Person{EntityBase: base, Role: p.strPtr(schema.PropRole)}, true
	}
}

// toArticle converts an article's properties.
func toArticle(p props) *model.Article {
	a := &model.Article{
		ID:        p.str(schema.PropID),
		URL:       p.strPtr(schema.PropURL),
		Title:     p.strPtr(schema.PropTitle),
		Site:      p.strPtr("site"),
		Source:    p.strPtr(schema.PropSource),
		Extractor: p.strPtr(schema.PropExtractor),
	}
	if s := p.str(schema.PropPublished); s != "" {
		d := model.Date(s)
		a.Published = &d
	}
	return a
}

// toStatus converts a stored status; unknown ones become nil.
func toStatus(stored string) *model.SupplyStatus {
	if s, ok := model.SupplyStatusOf(stored); ok {
		return &s
	}
	return nil
}

// entityAs converts e to the concrete type T, for fields typed more
// narrowly than Entity (Region.country is a Country). A node whose label
// disagrees with the field reads as missing.
func entityAs[T model.Entity](e model.Entity) T {
	t, _ := e.(T)
	return t
}

// record reads column key of rec as T, naming the column on failure.
func record[T neo4j.RecordValue](rec *neo4j.Record, key string) (T, error) {
	v, _, err := neo4j.GetRecordValue[T](rec, key)
	if err != nil {
		return v, fmt.Errorf("read column %s: %w", key, err)
	}
	return v, nil
}

// recordMaps reads a column holding a list of maps.
func recordMaps(rec *neo4j.Record, key string) ([]props, error) {
	list, err := record[[]any](rec, key)
	if err != nil {
		return nil, err
	}
	out := make([]props, 0, len(list))
	for _, v := range list {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("read column %s: element is %T, want a map", key, v)
		}
		out = append(out, m)
	}
	return out, nil
}

// supplyStatuses returns the distinct known statuses, most advanced first.
func supplyStatuses(stored []string) []model.SupplyStatus {
	out := []model.SupplyStatus{}
	for _, s := range stored {
		if st := toStatus(s); st != nil && !slices.Contains(out, *st) {
			out = append(out, *st)
		}
	}
	slices.SortFunc(out, func(a, b model.SupplyStatus) int { return a.Rank() - b.Rank() })
	return out
}
