package graph

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestEntityLookups(t *testing.T) {
	driver := mustOpenNeo4j(t)
	mustLoadFixture(t, driver)
	s := mustServe(t, driver, nil)
	for _, test := range []struct {
		name  string
		query string
		want  string // the data, as compact JSON
	}{
		{"region and its country", `{ entity(id: "region:ru-ark") { __typename id type name aliases source mentions
			... on Region { iso kind country { id iso2 } } } }`,
			`{"entity":{"__typename":"Region","id":"region:ru-ark","type":"REGION","name":"Arkhangelsk Oblast","aliases":["Arkhangelsk Region"],"source":"gazetteer","mentions":2,"iso":"RU-ARK","kind":"oblast","country":{"id":"country:ru","iso2":"RU"}}}`},
		{"enterprise relations", `{ entity(id: "enterprise:maz") { ... on Enterprise { sector country { name } region { name }
			basedIn { __typename name } parent { name } subsidiaries { name } products { name } } } }`,
			`{"entity":{"sector":"automotive","country":{"name":"Belarus"},"region":{"name":"Minsk Region"},"basedIn":{"__typename":"City","name":"Minsk"},"parent":null,"subsidiaries":[],"products":[{"name":"buses"}]}}`},
		{"subsidiary and parent", `{ entity(id: "enterprise:amkodor-onego") { ... on Enterprise { parent { id subsidiaries { id } } basedIn { id } } } }`,
			`{"entity":{"parent":{"id":"enterprise:amkodor","subsidiaries":[{"id":"enterprise:amkodor-onego"}]},"basedIn":{"id":"city:petrozavodsk"}}}`},
		{"city", `{ entity(id: "city:petrozavodsk") { ... on City { region { id } country { id } } } }`,
			`{"entity":{"region":{"id":"region:ru-kr"},"country":{"id":"country:ru"}}}`},
		{"country regions", `{ entity(id: "country:ru") { ... on Country { regions { id } } } }`,
			`{"entity":{"regions":[{"id":"region:ru-ark"},{"id":"region:ru-oms"},{"id":"region:ru-kr"}]}}`},
		{"product producers", `{ entity(id: "product:forestry-machines") { ... on Product { category producers { id } } } }`,
			`{"entity":{"category":"machinery","producers":[{"id":"enterprise:amkodor"}]}}`},
		{"project", `{ entity(id: "project:amkodor-petrozavodsk") { source ... on Project { participants { id } location { id } } } }`,
			`{"entity":{"source":"discovered","participants":[{"id":"enterprise:amkodor"}],"location":{"id":"city:petrozavodsk"}}}`},
		{"person", `{ entity(id: "person:aleksandr-lukashenko") { ... on Person { role articles { totalCount edges { node { id } } } } } }`,
			`{"entity":{"role":"President of Belarus","articles":{"totalCount":1,"edges":[{"node":{"id":"article:seed"}}]}}}`},
		{"mentioning articles, newest first", `{ entity(id: "enterprise:maz") { articles(first: 1) { totalCount edges { node { id published } } pageInfo { hasNextPage } } } }`,
			`{"entity":{"articles":{"totalCount":2,"edges":[{"node":{"id":"article:a2","published":"2023-05-10"}}],"pageInfo":{"hasNextPage":true}}}}`},
		{"missing entity", `{ entity(id: "enterprise:nope") { id } }`, `{"entity":null}`},
		{"article and its entities", `{ article(id: "article:a3") { title published site entities(types: [ENTERPRISE, REGION]) { id } } }`,
			`{"article":{"title":"Gomselmash in Omsk","published":"2022","site":"TASS","entities":[{"id":"enterprise:gomselmash"},{"id":"region:ru-oms"}]}}`},
		{"missing article", `{ article(id: "article:nope") { id } }`, `{"article":null}`},
		{"enterprise supplies", `{ enterprises(filter: {name: "maz"}) { edges { node { name supplies(filter: {status: [DELIVERED]}) { totalCount edges { node { recipient { id } quantity } } } } } } }`,
			`{"enterprises":{"edges":[{"node":{"name":"MAZ","supplies":{"totalCount":1,"edges":[{"node":{"recipient":{"id":"region:ru-ark"},"quantity":150}}]}}}]}}`},
	} {
		t.Run(test.name, func(t *testing.T) {
			var data json.RawMessage
			s.mustQuery(t, test.query, nil, &data)
			if diff := cmp.Diff(compactJSON(t, json.RawMessage(test.want)), compactJSON(t, data)); diff != "" {
				t.Errorf("query mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func compactJSON(tb testing.TB, raw json.RawMessage) string {
	tb.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		tb.Fatalf("decode %s: %v", raw, err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatalf("encode: %v", err)
	}
	return string(b)
}

func TestEntityLists(t *testing.T) {
	driver := mustOpenNeo4j(t)
	mustLoadFixture(t, driver)
	s := mustServe(t, driver, nil)
	type conn struct {
		TotalCount int `json:"totalCount"`
		Edges      []struct {
			Node struct {
				ID string `json:"id"`
			} `json:"node"`
		} `json:"edges"`
	}
	ids := func(c conn) []string {
		out := []string{}
		for _, e := range c.Edges {
			out = append(out, e.Node.ID)
		}
		return out
	}
	for _, test := range []struct {
		name  string
		field string
		args  string
		want  []string
	}{
		{"countries by mentions", "countries", "", []string{"country:by", "country:ru"}},
		{"regions of a country by name", "regions", `filter: {country: "RU"}, orderBy: NAME`, []string{"region:ru-ark", "region:ru-oms", "region:ru-kr"}},
		{"regions by kind", "regions", `filter: {kind: "Republic"}`, []string{"region:ru-kr"}},
		{"cities in a region", "cities", `filter: {region: "Karelia"}`, []string{"city:petrozavodsk"}},
		{"Belarusian enterprises", "enterprises", `filter: {country: "Belarus", minMentions: 2}`, []string{"enterprise:amkodor", "enterprise:maz"}},
		{"enterprises by alias part", "enterprises", `filter: {name: "automobile"}`, []string{"enterprise:maz"}},
		{"discovered enterprises", "enterprises", `filter: {source: "discovered"}`, []string{"enterprise:first-mining-company"}},
		{"enterprises by sector", "enterprises", `filter: {sector: "Automotive"}`, []string{"enterprise:maz"}},
		{"products by category", "products", `filter: {category: "machinery"}, orderBy: NAME`, []string{"product:forestry-machines", "product:loaders"}},
		{"projects", "projects", "", []string{"project:amkodor-petrozavodsk"}},
		{"people", "people", `filter: {name: "lukashenko"}`, []string{"person:aleksandr-lukashenko"}},
		{"a page", "enterprises", `orderBy: NAME, first: 2`, []string{"enterprise:amkodor", "enterprise:amkodor-onego"}},
		{"the next page", "enterprises", `orderBy: NAME, first: 2, after: "` + encodeCursor(1) + `"`, []string{"enterprise:belaz", "enterprise:first-mining-company"}},
	} {
		t.Run(test.name, func(t *testing.T) {
			args := ""
			if test.args != "" {
				args = "(" + test.args + ")"
			}
			var data map[string]conn
			s.mustQuery(t, "{ "+test.field+args+" { totalCount edges { node { id } } } }", nil, &data)
			if diff := cmp.Diff(test.want, ids(data[test.field])); diff != "" {
				t.Errorf("%s%s mismatch (-want +got):\n%s", test.field, args, diff)
			}
		})
	}
	resp := s.post(t, `{ countries(filter: {sector: "x"}) { totalCount } }`, nil, nil)
	if !strings.Contains(resp.errorText(), "does not apply") {
		t.Errorf("countries(filter: {sector}) errors = %q, want a does-not-apply error", resp.errorText())
	}
}

func TestArticleList(t *testing.T) {
	driver := mustOpenNeo4j(t)
	mustLoadFixture(t, driver)
	s := mustServe(t, driver, nil)
	for _, test := range []struct {
		filter map[string]any
		want   []string
	}{
		{nil, []string{"article:a2", "article:a3", "article:seed"}},
		{map[string]any{"since": "2023-01-01"}, []string{"article:a2"}},
		{map[string]any{"until": "2022-06"}, []string{"article:a3"}},
		{map[string]any{"since": "2022", "until": "2023"}, []string{"article:a2", "article:a3"}},
		{map[string]any{"site": "belta"}, []string{"article:a2", "article:seed"}},
		{map[string]any{"mentions": "enterprise:gomselmash"}, []string{"article:a3"}},
	} {
		var data struct {
			Articles struct {
				Edges []struct {
					Node struct {
						ID string `json:"id"`
					} `json:"node"`
				} `json:"edges"`
			} `json:"articles"`
		}
		s.mustQuery(t, `query($f: ArticleFilter) { articles(filter: $f) { edges { node { id } } } }`, map[string]any{"f": test.filter}, &data)
		got := []string{}
		for _, e := range data.Articles.Edges {
			got = append(got, e.Node.ID)
		}
		if diff := cmp.Diff(test.want, got); diff != "" {
			t.Errorf("articles(%v) mismatch (-want +got):\n%s", test.filter, diff)
		}
	}
	resp := s.post(t, `{ articles(filter: {since: "2023-13"}) { totalCount } }`, nil, nil)
	if len(resp.Errors) == 0 || resp.status >= 500 || !strings.Contains(resp.errorText(), "YYYY") {
		t.Errorf("since 2023-13: status %d, errors %q, want a date error", resp.status, resp.errorText())
	}
}

func TestSearch(t *testing.T) {
	driver := mustOpenNeo4j(t)
	mustLoadFixture(t, driver)
	s := mustServe(t, driver, nil)
	for _, test := range []struct {
		text  string
		types string
		first string // expected first hit, "" for none
	}{
		{"MAZ", "", "enterprise:maz"},
		{"minsk automob", "", "enterprise:maz"},
		{"arkh obl", "", "region:ru-ark"},
		{"Arkhangelsk", "[CITY]", "city:arkhangelsk"},
		{"logging", "", "product:forestry-machines"},
		{"amkodor-onego", "", "enterprise:amkodor-onego"},
		{`maz)(*:"`, "", "enterprise:maz"},
		{"zzzz", "", ""},
	} {
		args := `text: ` + strconvQuote(test.text)
		if test.types != "" {
			args += ", types: " + test.types
		}
		var data struct {
			Search struct {
				TotalCount int `json:"totalCount"`
				Edges      []struct {
					Score float64 `json:"score"`
					Node  struct {
						ID string `json:"id"`
					} `json:"node"`
				} `json:"edges"`
			} `json:"search"`
		}
		s.mustQuery(t, "{ search("+args+") { totalCount edges { score node { id } } } }", nil, &data)
		got := ""
		if len(data.Search.Edges) > 0 {
			got = data.Search.Edges[0].Node.ID
		}
		if got != test.first {
			t.Errorf("search(%s) first hit = %q, want %q (all: %+v)", args, got, test.first, data.Search.Edges)
		}
	}
	for _, bad := range []string{"", "  ", "!!! ***"} {
		resp := s.post(t, `query($t: String!) { search(text: $t) { totalCount } }`, map[string]any{"t": bad}, nil)
		if len(resp.Errors) == 0 || resp.status >= 500 {
			t.Errorf("search(%q): status %d, errors %q, want an argument error", bad, resp.status, resp.errorText())
		}
	}
}

func strconvQuote(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return string(b)
}
