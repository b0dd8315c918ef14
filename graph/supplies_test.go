package graph

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"tradegraph/graph/model"
)

const headlineQuery = `query Headline($first: Int, $after: String) {
  supplies(filter: {supplierCountry: "Belarus", recipientCountry: "Russia"}, first: $first, after: $after) {
    totalCount
    edges {
      cursor
      node {
        id
        supplier { id name }
        recipient { id name }
        region { id name }
        products { id name }
        status
        quantity
        evidence { sentence confidence article { id title published } }
      }
    }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`

type supplyJSON struct {
	ID       string `json:"id"`
	Supplier struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"supplier"`
	Recipient struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"recipient"`
	Region *struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"region"`
	Products []struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"products"`
	Status   *string `json:"status"`
	Quantity *int    `json:"quantity"`
	Evidence []struct {
		Sentence   string  `json:"sentence"`
		Confidence float64 `json:"confidence"`
		Article    struct {
			ID        string  `json:"id"`
			Title     string  `json:"title"`
			Published *string `json:"published"`
		} `json:"article"`
	} `json:"evidence"`
}

type supplyConnJSON struct {
	TotalCount int `json:"totalCount"`
	Edges      []struct {
		Cursor string     `json:"cursor"`
		Node   supplyJSON `json:"node"`
	} `json:"edges"`
	PageInfo struct {
		HasNextPage     bool    `json:"hasNextPage"`
		HasPreviousPage bool    `json:"hasPreviousPage"`
		StartCursor     *string `json:"startCursor"`
		EndCursor       *string `json:"endCursor"`
	} `json:"pageInfo"`
}

// supplyIDs lists the ids of a connection's supplies.
func supplyIDs(c supplyConnJSON) []string {
	ids := []string{}
	for _, e := range c.Edges {
		ids = append(ids, e.Node.ID)
	}
	return ids
}

func TestSuppliesHeadline(t *testing.T) {
	driver := mustOpenNeo4j(t)
	mustLoadFixture(t, driver)
	s := mustServe(t, driver, nil)
	var data struct {
		Supplies supplyConnJSON `json:"supplies"`
	}
	s.mustQuery(t, headlineQuery, map[string]any{"first": 50}, &data)
	var maz *supplyJSON
	for _, e := range data.Supplies.Edges {
		if e.Node.Supplier.Name == "MAZ" && e.Node.Recipient.Name == "Arkhangelsk Oblast" {
			maz = &e.Node
		}
	}
	if maz == nil {
		t.Fatalf("no MAZ -> Arkhangelsk Oblast supply in %v", supplyIDs(data.Supplies))
	}
	if got, want := maz.Products, 1; len(got) != want || got[0].Name != "buses" {
		t.Errorf("products = %+v, want [buses]", got)
	}
	if maz.Quantity == nil || *maz.Quantity != 150 {
		t.Errorf("quantity = %v, want 150", maz.Quantity)
	}
	if maz.Status == nil || *maz.Status != "DELIVERED" {
		t.Errorf("status = %v, want DELIVERED (the most advanced of delivered and contracted)", maz.Status)
	}
	if maz.Region == nil || maz.Region.ID != "region:ru-ark" {
		t.Errorf("region = %+v, want region:ru-ark", maz.Region)
	}
	if len(maz.Evidence) != 2 || maz.Evidence[0].Sentence != seedSentence || maz.Evidence[0].Article.ID != "article:seed" {
		t.Errorf("evidence = %+v, want the seed sentence first, then the contract", maz.Evidence)
	}
	if data.Supplies.TotalCount != len(data.Supplies.Edges) || data.Supplies.PageInfo.HasNextPage {
		t.Errorf("totalCount %d, %d edges, hasNextPage %v: want one complete page", data.Supplies.TotalCount,
			len(data.Supplies.Edges), data.Supplies.PageInfo.HasNextPage)
	}
}

func TestSuppliesFilters(t *testing.T) {
	driver := mustOpenNeo4j(t)
	mustLoadFixture(t, driver)
	s := mustServe(t, driver, nil)
	const (
		mazArk      = "supply:enterprise:maz>region:ru-ark"
		mazPetro    = "supply:enterprise:maz>city:petrozavodsk"
		belazMining = "supply:enterprise:belaz>enterprise:first-mining-company"
		amkodorArk  = "supply:enterprise:amkodor>region:ru-ark"
		amkodorKr   = "supply:enterprise:amkodor>region:ru-kr"
		belarusArk  = "supply:country:by>region:ru-ark"
		gomselmash  = "supply:enterprise:gomselmash>region:ru-oms"
	)
	all := []string{amkodorArk, amkodorKr, belazMining, belarusArk, gomselmash, mazArk, mazPetro}
	for _, test := range []struct {
		name   string
		filter map[string]any
		want   []string
	}{
		{"none", map[string]any{}, all},
		{"supplier country by ISO code", map[string]any{"supplierCountry": "by"}, all},
		{"supplier country by alias", map[string]any{"supplierCountry": "Republic of Belarus"}, all},
		{"supplier country elsewhere", map[string]any{"supplierCountry": "Russia"}, nil},
		{"recipient country", map[string]any{"recipientCountry": "Russian Federation"}, []string{amkodorArk, amkodorKr, belarusArk, gomselmash, mazArk, mazPetro}},
		{"unknown country", map[string]any{"recipientCountry": "Atlantis"}, nil},
		{"region by ISO code", map[string]any{"region": "RU-ARK"}, []string{amkodorArk, belarusArk, mazArk}},
		{"region takes its cities", map[string]any{"region": "karelia"}, []string{amkodorKr, mazPetro}},
		{"supplier by alias", map[string]any{"supplier": "minsk automobile plant"}, []string{mazArk, mazPetro}},
		{"supplier by id", map[string]any{"supplier": "enterprise:maz"}, []string{mazArk, mazPetro}},
		{"recipient", map[string]any{"recipient": "First Mining Company"}, []string{belazMining}},
		{"product by alias", map[string]any{"product": "Logging Machines"}, []string{amkodorArk, amkodorKr, belarusArk}},
		{"product by id", map[string]any{"product": "product:loaders"}, []string{amkodorKr}},
		{"status", map[string]any{"status": []string{"NEGOTIATING", "PLANNED"}}, []string{belazMining, mazPetro}},
		{"since a year", map[string]any{"since": "2023"}, []string{amkodorKr, mazArk, mazPetro}},
		{"until a month", map[string]any{"until": "2022-12"}, []string{gomselmash}},
		{"a year overlaps a range", map[string]any{"since": "2022-06-01", "until": "2022-12-31"}, []string{gomselmash}},
		{"everything at once", map[string]any{"supplierCountry": "Belarus", "recipientCountry": "Russia", "region": "Arkhangelsk Region",
			"supplier": "MAZ", "product": "bus", "status": []string{"DELIVERED"}}, []string{mazArk}},
	} {
		t.Run(test.name, func(t *testing.T) {
			var data struct {
				Supplies supplyConnJSON `json:"supplies"`
			}
			s.mustQuery(t, `query($f: SupplyFilter) { supplies(filter: $f) { totalCount edges { node { id } } } }`,
				map[string]any{"f": test.filter}, &data)
			got := supplyIDs(data.Supplies)
			slices.Sort(got)
			want := append([]string{}, test.want...)
			slices.Sort(want)
			if want == nil {
				want = []string{}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("supplies(%v) mismatch (-want +got):\n%s", test.filter, diff)
			}
			if data.Supplies.TotalCount != len(got) {
				t.Errorf("totalCount = %d, want %d", data.Supplies.TotalCount, len(got))
			}
		})
	}

	// Fact filters also choose the evidence: only the contract is CONTRACTED.
	var data struct {
		Supplies supplyConnJSON `json:"supplies"`
	}
	s.mustQuery(t, `{ supplies(filter: {supplier: "MAZ", status: [CONTRACTED]}) { edges { node { id status quantity evidence { sentence } } } } }`, nil, &data)
	if len(data.Supplies.Edges) != 1 {
		t.Fatalf("contracted MAZ supplies = %v, want one", supplyIDs(data.Supplies))
	}
	n := data.Supplies.Edges[0].Node
	if n.Quantity != nil || len(n.Evidence) != 1 || !strings.Contains(n.Evidence[0].Sentence, "contract") || *n.Status != "CONTRACTED" {
		t.Errorf("contracted MAZ supply = %+v, want the contract alone, without the delivered quantity", n)
	}
}

func TestSuppliesPagination(t *testing.T) {
	driver := mustOpenNeo4j(t)
	mustLoadFixture(t, driver)
	s := mustServe(t, driver, nil)
	const q = `query($first: Int, $after: String) { supplies(first: $first, after: $after) {
  totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`
	var full struct {
		Supplies supplyConnJSON `json:"supplies"`
	}
	s.mustQuery(t, q, map[string]any{"first": 100}, &full)
	want := supplyIDs(full.Supplies)
	if len(want) != 7 {
		t.Fatalf("all supplies = %v, want 7", want)
	}
	var got []string
	var after any
	for pages := 0; ; pages++ {
		if pages > 10 {
			t.Fatal("pagination does not end")
		}
		var data struct {
			Supplies supplyConnJSON `json:"supplies"`
		}
		s.mustQuery(t, q, map[string]any{"first": 3, "after": after}, &data)
		c := data.Supplies
		got = append(got, supplyIDs(c)...)
		if c.TotalCount != 7 {
			t.Errorf("page %d: totalCount = %d, want 7", pages, c.TotalCount)
		}
		if c.PageInfo.HasPreviousPage != (pages > 0) {
			t.Errorf("page %d: hasPreviousPage = %v", pages, c.PageInfo.HasPreviousPage)
		}
		if len(c.Edges) > 0 && (*c.PageInfo.EndCursor != c.Edges[len(c.Edges)-1].Cursor || *c.PageInfo.StartCursor != c.Edges[0].Cursor) {
			t.Errorf("page %d: pageInfo cursors %v..%v disagree with the edges", pages, *c.PageInfo.StartCursor, *c.PageInfo.EndCursor)
		}
		if !c.PageInfo.HasNextPage {
			break
		}
		after = *c.PageInfo.EndCursor
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("paged supplies differ from one page (-want +got):\n%s", diff)
	}

	// first: 0 counts without rows.
	var count struct {
		Supplies supplyConnJSON `json:"supplies"`
	}
	s.mustQuery(t, q, map[string]any{"first": 0}, &count)
	if count.Supplies.TotalCount != 7 || len(count.Supplies.Edges) != 0 || !count.Supplies.PageInfo.HasNextPage {
		t.Errorf("first: 0 = %+v, want totalCount 7, no edges, hasNextPage", count.Supplies)
	}

	for _, bad := range []string{"not-a-cursor", "bzE6LTE", "!!!"} {
		resp := s.post(t, q, map[string]any{"first": 2, "after": bad}, nil)
		if len(resp.Errors) == 0 || !strings.Contains(resp.errorText(), "cursor") || resp.status >= 500 {
			t.Errorf("after %q: status %d, errors %q, want a cursor error", bad, resp.status, resp.errorText())
		}
	}
}

type countJSON struct {
	Key *struct {
		ID string `json:"id"`
	} `json:"key"`
	Supplies int  `json:"supplies"`
	Facts    int  `json:"facts"`
	Articles int  `json:"articles"`
	Quantity *int `json:"quantity"`
}

// countsByKey renders counts as "key=supplies/facts/articles/quantity".
func countsByKey(counts []countJSON) []string {
	var out []string
	for _, c := range counts {
		key := "-"
		if c.Key != nil {
			key = c.Key.ID
		}
		q := "-"
		if c.Quantity != nil {
			q = strconv.Itoa(*c.Quantity)
		}
		out = append(out, fmt.Sprintf("%s=%d/%d/%d/%s", key, c.Supplies, c.Facts, c.Articles, q))
	}
	return out
}

func TestSupplyCounts(t *testing.T) {
	driver := mustOpenNeo4j(t)
	mustLoadFixture(t, driver)
	s := mustServe(t, driver, nil)
	for _, test := range []struct {
		by   string
		want []string
	}{
		// Ties go by key; the group without a key (no known region, no
		// product) comes last.
		{"RECIPIENT_REGION", []string{"region:ru-ark=3/4/2/150", "region:ru-kr=2/3/1/30", "region:ru-oms=1/1/1/20", "-=1/1/1/-"}},
		{"PRODUCT", []string{"product:forestry-machines=3/3/2/30", "product:buses=1/2/2/150",
			"product:combines=1/1/1/20", "product:dump-trucks=1/1/1/-", "product:loaders=1/1/1/30", "-=1/1/1/-"}},
		{"SUPPLIER", []string{"enterprise:amkodor=2/3/2/30", "enterprise:maz=2/3/2/150", "country:by=1/1/1/-",
			"enterprise:belaz=1/1/1/-", "enterprise:gomselmash=1/1/1/20"}},
	} {
		t.Run(test.by, func(t *testing.T) {
			var data struct {
				SupplyCounts []countJSON `json:"supplyCounts"`
			}
			s.mustQuery(t, `query($by: SupplyGrouping!) { supplyCounts(by: $by) { key { id } supplies facts articles quantity } }`,
				map[string]any{"by": test.by}, &data)
			if diff := cmp.Diff(test.want, countsByKey(data.SupplyCounts)); diff != "" {
				t.Errorf("supplyCounts(by: %s) mismatch (-want +got):\n%s", test.by, diff)
			}
		})
	}
	var top struct {
		TopSuppliers []countJSON `json:"topSuppliers"`
	}
	s.mustQuery(t, `{ topSuppliers(region: "Arkhangelsk Oblast", first: 2) { key { id } supplies facts articles quantity } }`, nil, &top)
	want := []string{"enterprise:maz=1/2/2/150", "country:by=1/1/1/-"}
	if diff := cmp.Diff(want, countsByKey(top.TopSuppliers)); diff != "" {
		t.Errorf("topSuppliers(Arkhangelsk Oblast) mismatch (-want +got):\n%s", diff)
	}
}

// BenchmarkSuppliesHeadline runs the headline query on the fixture three
// ways: through GraphQL without and with the result cache, and as the same
// Cypher with the driver. `tradegraph bench-api` is the real measurement,
// on a loaded graph with concurrent clients; this one runs in `make bench`.
func BenchmarkSuppliesHeadline(b *testing.B) {
	driver := mustOpenNeo4j(b)
	mustLoadFixture(b, driver)
	vars := map[string]any{"first": 50}
	for _, mode := range []struct {
		name string
		ttl  time.Duration
	}{{"graphql", -1}, {"graphql-cached", time.Minute}} {
		b.Run(mode.name, func(b *testing.B) {
			s := mustServe(b, driver, func(o *Options) { o.CacheTTL = mode.ttl })
			for b.Loop() {
				if resp := s.post(b, headlineQuery, vars, nil); len(resp.Errors) > 0 {
					b.Fatal(resp.errorText())
				}
			}
		})
	}
	b.Run("driver", func(b *testing.B) {
		by, ru := "Belarus", "Russia"
		filter := &model.SupplyFilter{SupplierCountry: &by, RecipientCountry: &ru}
		for b.Loop() {
			if _, err := RunSupplies(context.Background(), driver, "", filter, 50, 100); err != nil {
				b.Fatal(err)
			}
		}
	})
}
