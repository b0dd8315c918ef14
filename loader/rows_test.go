package loader

import (
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"tradegraph/loader/extract"
	"tradegraph/loader/gazetteer"
	"tradegraph/loader/source"
)

// mustTinyGazetteer returns a gazetteer of a few entries, so that
// expected rows can be written out in full.
func mustTinyGazetteer(tb testing.TB) *gazetteer.Gazetteer {
	tb.Helper()
	gaz, err := gazetteer.LoadFS(fstest.MapFS{
		"countries.yaml": {Data: []byte(`
- {iso2: BY, name: Belarus}
- {iso2: RU, name: Russia, aliases: [Russian Federation]}
`)},
		"regions.yaml": {Data: []byte(`
- {iso: RU-ARK, name: Arkhangelsk Oblast, kind: oblast, country: RU, aliases: [Arkhangelsk Region]}
`)},
		"cities.yaml": {Data: []byte(`
- {name: Minsk, country: BY}
`)},
		"products.yaml": {Data: []byte(`
- {id: "product:buses", name: buses, category: vehicles, aliases: [bus]}
- {id: "product:trucks", name: trucks, category: vehicles}
`)},
		"enterprises.yaml": {Data: []byte(`
- {id: "enterprise:belavtomaz", name: BELAVTOMAZ, country: BY, city: Minsk}
- {id: "enterprise:maz", name: MAZ, aliases: [Minsk Automobile Plant], country: BY, city: Minsk,
   parent: "enterprise:belavtomaz", sector: automotive, products: [buses, trucks]}
`)},
	})
	if err != nil {
		tb.Fatalf("load tiny gazetteer: %v", err)
	}
	return gaz
}

func ptr(f float64) *float64 { return &f }

func TestBuildRows(t *testing.T) {
	gaz := mustTinyGazetteer(t)
	doc := &source.Document{ID: "article:1", Origin: "in/a.txt", URL: "https://news.example.com/a",
		Title: "MAZ buses for Arkhangelsk", Site: "BelTA", Published: source.Date{Year: 2023, Month: 4, Day: 22}}
	ev := func(s string, start int, conf float64) extract.Evidence {
		return extract.Evidence{Sentence: s, Start: start, End: start + len(s), Confidence: conf}
	}
	res := &extract.Result{
		ArticleID: "article:1",
		Entities: []extract.Entity{
			{ID: "enterprise:maz", Type: "Enterprise", Name: "MAZ", Aliases: []string{"MAZ plant"}, Known: true, Mentions: 2, Confidence: 0.95},
			{ID: "region:ru-ark", Type: "Region", Name: "Arkhangelsk Oblast", Known: true, Mentions: 1, Confidence: 0.9},
			{ID: "enterprise:severny-machine-plant", Type: "Enterprise", Name: "Severny Machine Plant",
				Aliases: []string{"Severny plant", "Severny Machine Plant"}, Country: "country:ru", Mentions: 1, Confidence: 0.75},
			{ID: "product:buses", Type: "Product", Name: "buses", Known: true, Mentions: 1, Confidence: 0.95},
			{ID: "org:x", Type: "Organisation", Name: "X", Mentions: 1, Confidence: 0.5},
			{ID: "enterprise:maz", Type: "Enterprise", Name: "MAZ", Known: true, Mentions: 1, Confidence: 0.95},
		},
		Relations: []extract.Relation{
			{Type: "SUPPLIES", FromID: "enterprise:maz", ToID: "region:ru-ark", Products: []string{"buses", "trucks"},
				ProductIDs: []string{"product:buses", "product:trucks"}, Status: "delivered", Quantity: 150, When: "in 2022",
				Confidence: 0.9, Evidence: []extract.Evidence{ev("MAZ supplied 150 buses.", 10, 0.85), ev("Trucks too.", 40, 0.7)}},
			{Type: "SUPPLIES", FromID: "enterprise:severny-machine-plant", ToID: "region:ru-ark", Status: "planned",
				Confidence: 0.6, Evidence: []extract.Evidence{ev("Severny will ship.", 60, 0.6)}},
			// A repeat of the same fact is written once.
			{Type: "SUPPLIES", FromID: "enterprise:severny-machine-plant", ToID: "region:ru-ark", Status: "planned",
				Confidence: 0.6, Evidence: []extract.Evidence{ev("Severny will ship.", 60, 0.6)}},
			{Type: "PRODUCES", FromID: "enterprise:maz", ToID: "product:buses", Confidence: 0.7,
				Evidence: []extract.Evidence{ev("MAZ makes buses.", 80, 0.7)}},
			{Type: "SUPPLIES", FromID: "enterprise:maz", ToID: "city:kazan", Confidence: 0.5},
			{Type: "TRADES", FromID: "enterprise:maz", ToID: "region:ru-ark", Confidence: 0.5},
		},
	}

	got := buildRows(doc, res, gaz, "hash1")

	maz := entityRow{ID: "enterprise:maz", Label: "Enterprise", Known: true, Confidence: ptr(0.95), Props: map[string]any{
		"id": "enterprise:maz", "name": "MAZ", "aliases": []string{"Minsk Automobile Plant"},
		"nameText": "MAZ | Minsk Automobile Plant", "source": "gazetteer", "country": "country:by", "sector": "automotive",
	}}
	ark := entityRow{ID: "region:ru-ark", Label: "Region", Known: true, Confidence: ptr(0.9), Props: map[string]any{
		"id": "region:ru-ark", "name": "Arkhangelsk Oblast", "aliases": []string{"Arkhangelsk Region", "Arkhangelsk Province"},
		"nameText": "Arkhangelsk Oblast | Arkhangelsk Region | Arkhangelsk Province", "source": "gazetteer",
		"country": "country:ru", "iso": "RU-ARK", "kind": "oblast",
	}}
	severny := entityRow{ID: "enterprise:severny-machine-plant", Label: "Enterprise", Confidence: ptr(0.75),
		Props:   map[string]any{"name": "Severny Machine Plant", "country": "country:ru"},
		Aliases: []string{"Severny plant"}}
	known := func(id, label, name string, props map[string]any) entityRow {
		p := map[string]any{"id": id, "name": name, "aliases": []string{}, "nameText": name, "source": "gazetteer"}
		for k, v := range props {
			p[k] = v
		}
		return entityRow{ID: id, Label: label, Known: true, Props: p}
	}
	buses := known("product:buses", "Product", "buses", map[string]any{"aliases": []string{"bus"}, "nameText": "buses | bus", "category": "vehicles"})
	buses.Confidence = ptr(0.95)
	supply := map[string]any{"article": "article:1", "products": []string{"buses", "trucks"}, "status": "delivered",
		"quantity": 150, "when": "in 2022", "sentence": "MAZ supplied 150 buses.", "start": 10, "end": 33,
		"confidence": 0.85, "published": "2023-04-22"}
	with := func(m map[string]any, kv ...any) map[string]any {
		c := copyMap(m)
		for i := 0; i < len(kv); i += 2 {
			c[kv[i].(string)] = kv[i+1]
		}
		return c
	}
	want := docRows{
		ArticleID: "article:1",
		Article: map[string]any{"id": "article:1", "url": "https://news.example.com/a", "title": "MAZ buses for Arkhangelsk",
			"published": "2023-04-22", "site": "BelTA", "source": "in/a.txt", "hash": "hash1", "extractor": extract.Version},
		Entities: []entityRow{maz, ark, severny, buses,
			// The far ends of gazetteer structure, in id order, then the
			// country of the city among them.
			known("city:minsk", "City", "Minsk", map[string]any{"country": "country:by"}),
			known("country:ru", "Country", "Russia", map[string]any{"country": "country:ru", "iso2": "RU",
				"aliases": []string{"Russian Federation"}, "nameText": "Russia | Russian Federation"}),
			known("enterprise:belavtomaz", "Enterprise", "BELAVTOMAZ", map[string]any{"country": "country:by"}),
			known("product:trucks", "Product", "trucks", map[string]any{"category": "vehicles"}),
			known("country:by", "Country", "Belarus", map[string]any{"country": "country:by", "iso2": "BY"}),
		},
		Mentions: []mentionRow{
			{Article: "article:1", Entity: "enterprise:maz", Count: 2, Confidence: 0.95},
			{Article: "article:1", Entity: "region:ru-ark", Count: 1, Confidence: 0.9},
			{Article: "article:1", Entity: "enterprise:severny-machine-plant", Count: 1, Confidence: 0.75},
			{Article: "article:1", Entity: "product:buses", Count: 1, Confidence: 0.95},
		},
		Facts: []relRow{
			{Type: "SUPPLIES", From: "enterprise:maz", To: "region:ru-ark", Props: with(supply, "product", "product:buses", "productName", "buses")},
			{Type: "SUPPLIES", From: "enterprise:maz", To: "region:ru-ark", Props: with(supply, "product", "product:trucks", "productName", "trucks")},
			{Type: "SUPPLIES", From: "enterprise:severny-machine-plant", To: "region:ru-ark", Props: map[string]any{
				"article": "article:1", "status": "planned", "sentence": "Severny will ship.", "start": 60, "end": 78,
				"confidence": 0.6, "published": "2023-04-22"}},
			{Type: "PRODUCES", From: "enterprise:maz", To: "product:buses", Props: map[string]any{
				"article": "article:1", "sentence": "MAZ makes buses.", "start": 80, "end": 96, "confidence": 0.7}},
		},
		Links: []relRow{
			{Type: "BASED_IN", From: "enterprise:maz", To: "city:minsk"},
			{Type: "SUBSIDIARY_OF", From: "enterprise:maz", To: "enterprise:belavtomaz"},
			{Type: "PRODUCES", From: "enterprise:maz", To: "product:buses"},
			{Type: "PRODUCES", From: "enterprise:maz", To: "product:trucks"},
			{Type: "PART_OF", From: "region:ru-ark", To: "country:ru"},
			{Type: "PART_OF", From: "city:minsk", To: "country:by"},
		},
		Warnings: []string{
			`entity org:x: unknown type "Organisation"`,
			"relation SUPPLIES enterprise:maz->city:kazan: an end is not among the entities",
			"relation TRADES enterprise:maz->region:ru-ark: unknown type",
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("buildRows mismatch (-want +got):\n%s", diff)
	}
}

func TestParamsOf(t *testing.T) {
	gaz := mustTinyGazetteer(t)
	rowsOf := func(id string, conf float64, aliases []string, props map[string]any) *docRows {
		doc := &source.Document{ID: id, Origin: id + ".txt"}
		res := &extract.Result{ArticleID: id, Entities: []extract.Entity{
			{ID: "enterprise:maz", Type: "Enterprise", Name: "MAZ", Known: true, Mentions: 1, Confidence: conf},
			{ID: "enterprise:severny", Type: "Enterprise", Name: "Severny", Aliases: aliases,
				Country: props["country"].(string), Sector: props["sector"].(string), Mentions: 1, Confidence: conf},
		}}
		r := buildRows(doc, res, gaz, "h")
		return &r
	}
	a := rowsOf("article:a", 0.8, []string{"Severny plant", "Severny Works"}, map[string]any{"country": "country:ru", "sector": ""})
	b := rowsOf("article:b", 0.9, []string{"Severny plant", "Severny JSC"}, map[string]any{"country": "country:by", "sector": "machinery"})
	done := newWritten()
	done.commit([]link{{"SUBSIDIARY_OF", "enterprise:maz", "enterprise:belavtomaz"}},
		map[string]*float64{"country:by": nil, "city:minsk": ptr(0.5), "enterprise:maz": ptr(0.85)}, nil)

	p := paramsOf([]*docRows{a, b}, done)

	for _, test := range []struct {
		name      string
		got, want any
	}{
		{"ids", p.ids, []string{"article:a", "article:b"}},
		{"mentioned", p.mentioned, []string{"enterprise:maz", "enterprise:severny"}},
		// One row per entity: the highest confidence, a discovered
		// entity's first value of each property and all its spellings.
		{"discovered", p.discovered, []any{map[string]any{
			"id": "enterprise:severny", "label": "Enterprise", "confidence": 0.9,
			"props":   map[string]any{"name": "Severny", "country": "country:ru", "sector": "machinery"},
			"aliases": []string{"Severny JSC", "Severny Works", "Severny plant"},
		}}},
		{"known confidence", p.known[0].(map[string]any)["confidence"], 0.9},
		// MAZ and the structure around it, once, less the two nodes
		// committed earlier with a confidence at least as high; MAZ
		// comes again as its confidence rose.
		{"known rows", len(p.known), 4},
		{"mentions", len(p.mentions), 4},
		// The link committed earlier in the load is left out.
		{"links", p.linkKeys, []link{
			{"BASED_IN", "enterprise:maz", "city:minsk"},
			{"PRODUCES", "enterprise:maz", "product:buses"},
			{"PRODUCES", "enterprise:maz", "product:trucks"},
			{"PART_OF", "city:minsk", "country:by"},
		}},
	} {
		t.Run(test.name, func(t *testing.T) {
			if diff := cmp.Diff(test.want, test.got, cmp.AllowUnexported(link{})); diff != "" {
				t.Errorf("paramsOf(...).%s mismatch (-want +got):\n%s", test.name, diff)
			}
		})
	}
}

func TestWritten(t *testing.T) {
	w := newWritten()
	w.commit(nil, map[string]*float64{"a": ptr(0.5), "b": nil, "c": ptr(0.9)}, nil)
	w.commit(nil, map[string]*float64{"a": ptr(0.7), "b": ptr(0.2), "c": ptr(0.1)}, []string{"c"})
	for _, test := range []struct {
		id   string
		conf *float64
		want bool
	}{
		{"a", ptr(0.7), true},
		{"a", ptr(0.71), false},
		{"a", nil, true},
		{"b", ptr(0.2), true},
		{"b", ptr(0.3), false},
		{"c", nil, false}, // forgotten: a reload touched it
		{"d", nil, false},
	} {
		if got := w.covers(test.id, test.conf); got != test.want {
			t.Errorf("covers(%q, %v) = %v, want %v", test.id, test.conf, got, test.want)
		}
	}
	var none *written
	if none.covers("a", nil) || none.hasLink(link{}) {
		t.Error("a nil *written remembers something")
	}
}

func TestClean(t *testing.T) {
	for _, test := range []struct{ in, want string }{
		{"MAZ", "MAZ"},
		{"Mogilev\xffliftmash", "Mogilev\uFFFDliftmash"},
		{"", ""},
	} {
		if got := clean(test.in); got != test.want {
			t.Errorf("clean(%q) = %q, want %q", test.in, got, test.want)
		}
	}
}

// TestDiscoveredFirmTakesItsHomeCountry checks that a firm the gazetteer
// does not know gets the country and region of the known place the text
// bases it in, and that a firm without such a place stays without.
func TestDiscoveredFirmTakesItsHomeCountry(t *testing.T) {
	gaz := mustTinyGazetteer(t)
	doc := &source.Document{ID: "article:2", Origin: "in/b.txt"}
	res := &extract.Result{
		ArticleID: "article:2",
		Entities: []extract.Entity{
			{ID: "enterprise:pomor-trans", Type: "Enterprise", Name: "Pomor-Trans", Mentions: 1, Confidence: 0.6},
			{ID: "enterprise:nowhere", Type: "Enterprise", Name: "Nowhere Works", Mentions: 1, Confidence: 0.6},
			{ID: "region:ru-ark", Type: "Region", Name: "Arkhangelsk Oblast", Known: true, Mentions: 1, Confidence: 0.9},
		},
		Relations: []extract.Relation{
			{Type: "BASED_IN", From: "Pomor-Trans", To: "Arkhangelsk Oblast", FromID: "enterprise:pomor-trans", ToID: "region:ru-ark", Confidence: 0.7},
		},
	}
	rows := buildRows(doc, res, gaz, "h")
	got := map[string][2]any{}
	for _, e := range rows.Entities {
		got[e.ID] = [2]any{e.Props["country"], e.Props["region"]}
	}
	want := map[string][2]any{
		"enterprise:pomor-trans": {"country:ru", "region:ru-ark"},
		"enterprise:nowhere":     {nil, nil},
		"region:ru-ark":          {"country:ru", nil},
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s: country and region %v, want %v", id, got[id], w)
		}
	}
}
