package loader

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"tradegraph/loader/extract"
	"tradegraph/loader/gazetteer"
	"tradegraph/loader/source"
	"tradegraph/schema"
)

// Rows are what one article turns into before it meets the database:
// plain values, built without a driver, so that the mapping from an
// extraction Result to the graph model is tested on its own.

// entityRow is one entity node to MERGE.
type entityRow struct {
	ID    string
	Label string // one of schema.EntityLabels
	// Known entities come from the gazetteer and Props holds every
	// property the node gets (besides mentions and confidence); for
	// discovered ones Props holds what the text told and Aliases the
	// spellings it used.
	Known   bool
	Props   map[string]any
	Aliases []string
	// Confidence is the mention's confidence; nil for a node written only
	// as the far end of gazetteer structure.
	Confidence *float64
}

// mentionRow is one (:Article)-[:MENTIONS]->(:Entity).
type mentionRow struct {
	Article, Entity string
	Count           int
	Confidence      float64
}

// relRow is one relationship between two entities: a text fact with its
// evidence (Props) or a gazetteer link (Props nil).
type relRow struct {
	Type     string
	From, To string
	Props    map[string]any
}

// docRows is everything one article writes.
type docRows struct {
	ArticleID string
	Article   map[string]any // properties of the Article node
	Entities  []entityRow    // entities the article names, then structure ends
	Mentions  []mentionRow
	Facts     []relRow
	Links     []relRow
	// Warnings are parts of the result that could not be written (an
	// unknown label or type, a fact about an entity the result lacks).
	Warnings []string
}

// buildRows maps an extraction result onto the graph model (package
// schema names its parts): the Article, its MENTIONS,
// one SUPPLIES per product of a supply, one relationship per other fact,
// and the gazetteer structure around every known entity it names.
func buildRows(doc *source.Document, res *extract.Result, gaz *gazetteer.Gazetteer, hash string) docRows {
	published := doc.Published.String()
	rows := docRows{
		ArticleID: doc.ID,
		Article: map[string]any{
			schema.PropID:        doc.ID,
			schema.PropURL:       clean(doc.URL),
			schema.PropTitle:     clean(doc.Title),
			schema.PropPublished: published,
			schema.PropSite:      clean(doc.Site),
			schema.PropSource:    clean(doc.Origin),
			schema.PropHash:      hash,
			schema.PropExtractor: extract.Version,
		},
	}
	// named holds the ids that get a node: a fact is written only between
	// two of them, since CREATE after MATCH would silently drop a fact
	// whose end has no node.
	named := map[string]bool{}
	homes := homesOf(res, gaz)
	for _, e := range res.Entities {
		if e.ID == "" || named[e.ID] {
			continue
		}
		if home := homes[e.ID]; home != nil && !e.Known && e.Country == "" {
			e.Country, e.Region = placeOf(home)
		}
		row, ok := entityRowOf(e, gaz)
		if !ok {
			rows.Warnings = append(rows.Warnings, fmt.Sprintf("entity %s: unknown type %q", e.ID, e.Type))
			continue
		}
		named[e.ID] = true
		rows.Entities = append(rows.Entities, row)
		rows.Mentions = append(rows.Mentions, mentionRow{Article: doc.ID, Entity: e.ID, Count: e.Mentions, Confidence: e.Confidence})
	}

	// seen drops repeated facts: facts are CREATEd, so a repeat would be a
	// second relationship.
	seen := map[string]bool{}
	for _, r := range res.Relations {
		if !slices.Contains(schema.FactTypes, r.Type) {
			rows.Warnings = append(rows.Warnings, fmt.Sprintf("relation %s %s->%s: unknown type", r.Type, r.FromID, r.ToID))
			continue
		}
		if !named[r.FromID] || !named[r.ToID] {
			rows.Warnings = append(rows.Warnings, fmt.Sprintf("relation %s %s->%s: an end is not among the entities", r.Type, r.FromID, r.ToID))
			continue
		}
		for _, props := range factProps(doc.ID, published, r) {
			row := relRow{Type: r.Type, From: r.FromID, To: r.ToID, Props: props}
			if k := fmt.Sprint(row); !seen[k] { // fmt prints maps sorted by key
				seen[k] = true
				rows.Facts = append(rows.Facts, row)
			}
		}
	}

	ends := map[string]bool{}
	linked := map[string]bool{}
	for _, e := range rows.Entities {
		if e.Known {
			rows.Links = appendLinks(rows.Links, linked, ends, gaz, e.ID)
		}
	}
	// The far ends of structure are written as nodes too, and a place at
	// the far end brings its own PART_OF chain, so that every region in the
	// graph leads to its country.
	for len(ends) > 0 {
		next := map[string]bool{}
		for _, id := range sortedKeys(ends) {
			if named[id] {
				continue
			}
			named[id] = true
			g := gaz.Entity(id)
			rows.Entities = append(rows.Entities, knownRow(g, gaz, nil))
			if g.Type == gazetteer.City || g.Type == gazetteer.Region {
				rows.Links = appendLinks(rows.Links, linked, next, gaz, id)
			}
		}
		ends = next
	}
	return rows
}

// homesOf maps the enterprises of res to the known place the text says
// they are based in ("Elsib from Novosibirsk", "the Kazan firm X"). A
// firm the gazetteer does not know gets its country and region from
// there, so that the API's country filters find it.
func homesOf(res *extract.Result, gaz *gazetteer.Gazetteer) map[string]*gazetteer.Entity {
	homes := map[string]*gazetteer.Entity{}
	for _, r := range res.Relations {
		if r.Type != schema.RelBasedIn {
			continue
		}
		if p := gaz.Entity(r.ToID); p != nil && (p.Type == gazetteer.City || p.Type == gazetteer.Region || p.Type == gazetteer.Country) {
			if _, seen := homes[r.FromID]; !seen {
				homes[r.FromID] = p
			}
		}
	}
	return homes
}

// placeOf returns the country and region ids of a known place.
func placeOf(p *gazetteer.Entity) (country, region string) {
	switch p.Type {
	case gazetteer.Country:
		return p.ID, ""
	case gazetteer.Region:
		return p.Country, p.ID
	}
	return p.Country, p.Region
}

// entityRowOf builds the node of an entity the article names.
func entityRowOf(e extract.Entity, gaz *gazetteer.Gazetteer) (entityRow, bool) {
	conf := e.Confidence
	if e.Known {
		if g := gaz.Entity(e.ID); g != nil && schema.IsEntityLabel(string(g.Type)) {
			return knownRow(g, gaz, &conf), true
		}
	}
	if !schema.IsEntityLabel(e.Type) {
		return entityRow{}, false
	}
	// A discovered entity has only what the text said; its aliases are
	// merged with other articles' in the database, so they travel apart
	// from the properties.
	props := placeProps(e.Type, e.ID, e.Country, e.Region, e.ISO, e.Kind, e.Sector, e.Category, e.Role)
	props[schema.PropName] = clean(e.Name)
	var aliases []string
	for _, a := range e.Aliases {
		if a = clean(a); a != e.Name && !slices.Contains(aliases, a) {
			aliases = append(aliases, a)
		}
	}
	slices.Sort(aliases)
	return entityRow{ID: e.ID, Label: e.Type, Props: props, Aliases: aliases, Confidence: &conf}, true
}

// knownRow builds a gazetteer entity's node from the gazetteer alone, so
// that its properties do not depend on which article named it first.
func knownRow(g *gazetteer.Entity, gaz *gazetteer.Gazetteer, conf *float64) entityRow {
	// The model puts a region on every enterprise whose city has one.
	region := g.Region
	if region == "" && g.City != "" {
		if c := gaz.Entity(g.City); c != nil {
			region = c.Region
		}
	}
	props := placeProps(string(g.Type), g.ID, g.Country, region, g.ISO, g.Kind, g.Sector, g.Category, g.Role)
	aliases := []string{}
	for _, a := range g.Aliases {
		if a != g.Name && !slices.Contains(aliases, a) {
			aliases = append(aliases, a)
		}
	}
	props[schema.PropID] = g.ID
	props[schema.PropName] = g.Name
	props[schema.PropAliases] = aliases
	props[schema.PropNameText] = strings.Join(append([]string{g.Name}, aliases...), " | ")
	props[schema.PropSource] = schema.SourceGazetteer
	return entityRow{ID: g.ID, Label: string(g.Type), Known: true, Props: props, Confidence: conf}
}

// placeProps returns the properties of an entity of type typ that say
// where it belongs and what it is, leaving out the unknown ones.
func placeProps(typ, id, country, region, iso, kind, sector, category, role string) map[string]any {
	p := map[string]any{}
	set := func(key, value string) {
		if value != "" {
			p[key] = clean(value)
		}
	}
	switch typ {
	case schema.LabelCountry:
		set(schema.PropCountry, id)
		set(schema.PropISO2, iso)
	case schema.LabelRegion:
		set(schema.PropCountry, country)
		p[schema.PropISO] = iso // the model keeps "" for regions without a code
		set(schema.PropKind, kind)
	case schema.LabelCity:
		set(schema.PropCountry, country)
		set(schema.PropRegion, region)
	case schema.LabelEnterprise:
		set(schema.PropCountry, country)
		set(schema.PropRegion, region)
		set(schema.PropSector, sector)
	case schema.LabelProduct:
		set(schema.PropCategory, category)
	case schema.LabelPerson:
		set(schema.PropCountry, country)
		set(schema.PropRole, role)
	default:
		set(schema.PropCountry, country)
	}
	return p
}

// factProps returns the properties of the relationships a relation
// becomes: one per product for SUPPLIES (one with no product when none is
// named), one for any other type. Evidence comes from the first sentence.
func factProps(article, published string, r extract.Relation) []map[string]any {
	base := map[string]any{schema.PropArticle: article, schema.PropConfidence: r.Confidence}
	if len(r.Evidence) > 0 {
		ev := r.Evidence[0]
		base[schema.PropSentence] = clean(ev.Sentence)
		base[schema.PropStart] = ev.Start
		base[schema.PropEnd] = ev.End
		base[schema.PropConfidence] = ev.Confidence
	}
	if r.Type != schema.RelSupplies {
		return []map[string]any{base}
	}
	if r.Status != "" {
		base[schema.PropStatus] = r.Status
	}
	if r.Quantity > 0 {
		base[schema.PropQuantity] = r.Quantity
	}
	if r.When != "" {
		base[schema.PropWhen] = clean(r.When)
	}
	base[schema.PropPublished] = published
	if len(r.ProductIDs) == 0 {
		return []map[string]any{base}
	}
	names := make([]string, len(r.Products))
	for i, n := range r.Products {
		names[i] = clean(n)
	}
	base[schema.PropProducts] = names
	var out []map[string]any
	for i, id := range r.ProductIDs {
		p := make(map[string]any, len(base)+2)
		for k, v := range base {
			p[k] = v
		}
		p[schema.PropProduct] = id
		if i < len(names) {
			p[schema.PropProductName] = names[i]
		}
		out = append(out, p)
	}
	return out
}

// Property names of the graph model that package schema has no constant
// for yet.
// appendLinks adds the gazetteer structure of entity id: PART_OF for
// places, BASED_IN, SUBSIDIARY_OF and PRODUCES for enterprises. It records
// the far ends in ends and skips links already in linked.
func appendLinks(links []relRow, linked, ends map[string]bool, gaz *gazetteer.Gazetteer, id string) []relRow {
	g := gaz.Entity(id)
	if g == nil {
		return links
	}
	add := func(typ, to string) {
		if to == "" || to == id || gaz.Entity(to) == nil {
			return
		}
		k := typ + "\x00" + id + "\x00" + to
		if linked[k] {
			return
		}
		linked[k] = true
		ends[to] = true
		links = append(links, relRow{Type: typ, From: id, To: to})
	}
	switch g.Type {
	case gazetteer.Region:
		add(schema.RelPartOf, g.Country)
	case gazetteer.City:
		add(schema.RelPartOf, first(g.Region, g.Country))
	case gazetteer.Enterprise:
		add(schema.RelBasedIn, first(g.City, g.Region, g.Country))
		add(schema.RelSubsidiaryOf, g.Parent)
		for _, p := range g.Products {
			add(schema.RelProduces, p)
		}
	}
	return links
}

func first(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// clean makes a string safe to send: Bolt strings must be valid UTF-8,
// and documents handed to LoadDocument did not necessarily pass the reader.
func clean(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
