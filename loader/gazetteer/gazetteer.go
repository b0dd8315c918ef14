// Package gazetteer holds what tradegraph knows before it reads a word:
// countries with their demonyms, regions, cities, enterprises and products,
// with every spelling news use for them. The data are YAML files embedded in
// the binary; a directory of the same files can extend or override them
// without recompiling.
package gazetteer

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Type is the kind of an entity. Its values equal the Neo4j labels in
// package schema and the entity types of the evaluation format.
type Type string

// The entity types.
const (
	Country    Type = "Country"
	Region     Type = "Region"
	City       Type = "City"
	Enterprise Type = "Enterprise"
	Product    Type = "Product"
	Project    Type = "Project"
	Person     Type = "Person"
)

// Entity is one known real-world thing. References to other entities
// (Country, Region, City, Parent, Products, Broader) hold their ids.
type Entity struct {
	ID       string
	Type     Type
	Name     string
	Aliases  []string
	Country  string   // id of its country (regions, cities, enterprises)
	Region   string   // id of its region (cities, enterprises)
	City     string   // id of its home city (enterprises)
	Parent   string   // id of the parent enterprise
	Products []string // ids of the products an enterprise makes
	Broader  string   // id of the more general product
	ISO      string   // ISO 3166-1 alpha-2 (countries) or 3166-2 (regions)
	Kind     string   // a region's kind: oblast, krai, republic, ...
	Category string   // a product's category
	Sector   string   // an enterprise's industry
	Capital  string   // id of a region's capital city
	Role     string   // a person's role
}

// Gazetteer is the loaded, indexed data. It is read-only after Load and
// safe for concurrent use.
type Gazetteer struct {
	entities []*Entity
	byID     map[string]*Entity
	// producers maps a product id to the enterprises that make it, so that
	// "BelAZ dump trucks" style context can name a supplier.
	producers map[string][]string
	// capitalOf maps a city id to the region whose capital it is.
	capitalOf map[string]string
	// parents holds the ids of enterprises that other enterprises belong to.
	parents map[string]bool
	// kinds maps a product id to itself and the broader kinds it belongs
	// to, nearest first: "dump trucks", "trucks", "vehicles".
	kinds map[string][]string
	// makes maps an enterprise id to the goods its own products cover
	// (see Covers), worked out once so that Makes is a lookup.
	makes map[string]map[string]bool
	trie  *trieNode
	// demonyms maps a folded adjective ("belarusian") to a country id.
	demonyms map[string]string
}

// Entity returns the entity with the given id, or nil.
func (g *Gazetteer) Entity(id string) *Entity { return g.byID[id] }

// Entities returns all entities, ordered by id.
func (g *Gazetteer) Entities() []*Entity { return g.entities }

// Producers returns the ids of the enterprises known to make product id.
func (g *Gazetteer) Producers(id string) []string { return g.producers[id] }

// IsHolding reports whether other enterprises belong to enterprise id, or
// its names say it is a holding.
func (g *Gazetteer) IsHolding(id string) bool {
	if g.parents[id] {
		return true
	}
	if e := g.byID[id]; e != nil {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if strings.Contains(strings.ToLower(n), "holding") {
				return true
			}
		}
	}
	return false
}

// NationalCapital returns the id of the country whose capital is city id,
// or "".
func (g *Gazetteer) NationalCapital(id string) string {
	if c := g.capitalOf[id]; c != "" && g.byID[c] != nil && g.byID[c].Type == Country {
		return c
	}
	return ""
}

// CapitalOf returns the id of the region whose capital is city id, or "".
func (g *Gazetteer) CapitalOf(id string) string { return g.capitalOf[id] }

// Makes reports whether enterprise e (or a parent of it) is known to make
// product p, a narrower kind of it or a broader one.
func (g *Gazetteer) Makes(enterprise, product string) bool {
	e := g.byID[enterprise]
	for depth := 0; e != nil && depth < 4; depth++ { // parents never nest deeper
		if g.MakesItself(e.ID, product) {
			return true
		}
		e = g.byID[e.Parent]
	}
	return false
}

// MakesItself is Makes without the goods of the firm's parents: what the
// firm's own plants turn out.
func (g *Gazetteer) MakesItself(enterprise, product string) bool {
	return g.makes[enterprise][product]
}

// Covers reports whether a maker of made goods makes product: the same
// goods, or one a kind of the other ("tractors" and "wheeled tractors").
func (g *Gazetteer) Covers(made, product string) bool {
	return made == product || slices.Contains(g.kinds[product], made) || slices.Contains(g.kinds[made], product)
}

// MakerIn returns the one enterprise based in city that makes one of
// products, or goods named by one of words ("tire" for tires), or "" when
// none or several do: "the Bobruisk tire plant" is Belshina.
func (g *Gazetteer) MakerIn(city string, products, words []string) string {
	found := ""
	for _, e := range g.entities {
		if e.Type != Enterprise || e.City != city || !g.makesNamed(e, products, words) {
			continue
		}
		if found != "" {
			return ""
		}
		found = e.ID
	}
	return found
}

// makesNamed reports whether e makes one of products or goods whose name
// begins with one of words.
func (g *Gazetteer) makesNamed(e *Entity, products, words []string) bool {
	for _, p := range products {
		if g.MakesItself(e.ID, p) {
			return true
		}
	}
	for _, made := range e.Products {
		if p := g.byID[made]; p != nil {
			for _, w := range words {
				if len(w) > 2 && strings.HasPrefix(strings.ToLower(p.Name), strings.ToLower(w)) {
					return true
				}
			}
		}
	}
	return false
}

// kindsOf lists product id and the broader kinds it belongs to.
func (g *Gazetteer) kindsOf(id string) []string {
	var out []string
	p := g.byID[id]
	for depth := 0; p != nil && depth < 6; depth++ { // kinds never nest deeper
		out = append(out, p.ID)
		p = g.byID[p.Broader]
	}
	return out
}

// Count returns the number of entities of type t.
func (g *Gazetteer) Count(t Type) int {
	n := 0
	for _, e := range g.entities {
		if e.Type == t {
			n++
		}
	}
	return n
}

// index fills the lookup tables after all files are read.
func (g *Gazetteer) index() error {
	g.entities = g.entities[:0]
	for _, e := range g.byID {
		g.entities = append(g.entities, e)
	}
	sort.Slice(g.entities, func(i, j int) bool { return g.entities[i].ID < g.entities[j].ID })

	g.producers = map[string][]string{}
	g.capitalOf = map[string]string{}
	g.parents = map[string]bool{}
	g.kinds = map[string][]string{}
	var problems []string
	check := func(e *Entity, field, id string) {
		if id != "" && g.byID[id] == nil {
			problems = append(problems, fmt.Sprintf("%s: %s %q is unknown", e.ID, field, id))
		}
	}
	for _, e := range g.entities {
		check(e, "country", e.Country)
		check(e, "region", e.Region)
		check(e, "city", e.City)
		check(e, "parent", e.Parent)
		check(e, "broader", e.Broader)
		for _, p := range e.Products {
			check(e, "product", p)
			g.producers[p] = append(g.producers[p], e.ID)
		}
		if e.Capital != "" && (g.capitalOf[e.Capital] == "" || e.Type == Country) {
			g.capitalOf[e.Capital] = e.ID // a national capital wins over a region's
		}
		if e.Parent != "" {
			g.parents[e.Parent] = true
		}
		if e.Type == Product {
			g.kinds[e.ID] = g.kindsOf(e.ID)
		}
	}
	if len(problems) > 0 {
		if len(problems) > 10 {
			problems = append(problems[:10], fmt.Sprintf("and %d more", len(problems)-10))
		}
		return fmt.Errorf("gazetteer references: %s", strings.Join(problems, "; "))
	}
	g.indexMakes()
	g.addShortNames()
	g.trie = buildTrie(g.entities)
	return nil
}

// indexMakes works out, for every enterprise, the goods its products
// cover: each product, its broader kinds and its narrower ones.
func (g *Gazetteer) indexMakes() {
	narrower := map[string][]string{}
	for p, kinds := range g.kinds {
		for _, k := range kinds {
			narrower[k] = append(narrower[k], p)
		}
	}
	g.makes = map[string]map[string]bool{}
	for _, e := range g.entities {
		if e.Type != Enterprise || len(e.Products) == 0 {
			continue
		}
		covered := map[string]bool{}
		for _, made := range e.Products {
			covered[made] = true
			for _, k := range g.kinds[made] {
				covered[k] = true
			}
			for _, n := range narrower[made] {
				covered[n] = true
			}
		}
		g.makes[e.ID] = covered
	}
}

// genericTails end company names that news often drop: "Savushkin
// Product" is "Savushkin", "Segezha Group" would be "Segezha".
var genericTails = map[string]bool{"product": true, "products": true, "group": true, "holding": true,
	"company": true, "plant": true, "works": true, "corporation": true, "factory": true}

// addShortNames gives an enterprise the one-word stem of a name that ends
// in a generic word, unless that stem names anything else (Segezha is also
// a town, so "Segezha Group" keeps its full name).
func (g *Gazetteer) addShortNames() {
	taken := map[string]bool{}
	for _, e := range g.entities {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			taken[strings.ToLower(n)] = true
		}
	}
	for w := range g.demonyms {
		taken[w] = true
	}
	for _, e := range g.entities {
		if e.Type != Enterprise {
			continue
		}
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			words := strings.Fields(n)
			if len(words) != 2 || !genericTails[strings.ToLower(words[1])] || len(words[0]) < 4 || taken[strings.ToLower(words[0])] {
				continue
			}
			e.Aliases = append(e.Aliases, words[0])
			taken[strings.ToLower(words[0])] = true
		}
	}
}
