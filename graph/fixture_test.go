package graph

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"tradegraph/internal/neo4jtest"
	"tradegraph/schema"
)

// mustOpenNeo4j connects to the emptied test database (see neo4jtest).
func mustOpenNeo4j(tb testing.TB) neo4j.DriverWithContext {
	tb.Helper()
	driver, _ := neo4jtest.MustOpen(tb)
	return driver
}

// mustRun runs a write query on the test database.
func mustRun(tb testing.TB, driver neo4j.DriverWithContext, query string, params map[string]any) {
	tb.Helper()
	if _, err := neo4j.ExecuteQuery(context.Background(), driver, query, params, neo4j.EagerResultTransformer); err != nil {
		tb.Fatalf("run %q: %v", firstLine(query), err)
	}
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// countingDriver counts the sessions (round trips of ExecuteQuery) a
// request opens, to check that resolvers do not query per object.
type countingDriver struct {
	neo4j.DriverWithContext
	sessions atomic.Int64
}

func (d *countingDriver) NewSession(ctx context.Context, config neo4j.SessionConfig) neo4j.SessionWithContext {
	d.sessions.Add(1)
	return d.DriverWithContext.NewSession(ctx, config)
}

// fixture is a small graph in the shape the loader writes (see
// /tmp/prompts/model.md): the facts of the Arkhangelsk seed article and a
// few more, so that filters, paging and aggregates have something to tell
// apart.
type fixture struct {
	nodes    []map[string]any
	articles []map[string]any
	rels     []map[string]any
}

func entityNode(label, id, name string, aliases []string, extra map[string]any) map[string]any {
	props := map[string]any{
		"id": id, "name": name, "aliases": aliases,
		"nameText":   strings.Join(append([]string{name}, aliases...), " | "),
		"source":     schema.SourceGazetteer,
		"mentions":   int64(1),
		"confidence": 0.95,
	}
	for k, v := range extra {
		props[k] = v
	}
	return map[string]any{"label": label, "props": props}
}

func rel(typ, from, to string, props map[string]any) map[string]any {
	if props == nil {
		props = map[string]any{}
	}
	return map[string]any{"type": typ, "from": from, "to": to, "props": props}
}

// supply is one SUPPLIES relationship; article/published/sentence are
// the evidence.
func supply(from, to, article, published, product, productName string, products []string, status string, quantity int, sentence string, confidence float64) map[string]any {
	props := map[string]any{
		"article": article, "products": products, "status": status, "sentence": sentence,
		"start": int64(10), "end": int64(10 + len(sentence)), "confidence": confidence, "published": published,
	}
	if product != "" {
		props["product"], props["productName"] = product, productName
	}
	if quantity > 0 {
		props["quantity"] = int64(quantity)
	}
	return rel(schema.RelSupplies, from, to, props)
}

// The headline evidence: MAZ delivered 150 buses to Arkhangelsk Oblast.
const seedSentence = "We supplied 150 vehicles at the end of 2022 - the beginning of 2023."

func newFixture() fixture {
	var f fixture
	f.nodes = []map[string]any{
		entityNode("Country", "country:by", "Belarus", []string{"Republic of Belarus", "Belorussia"}, map[string]any{"iso2": "BY", "country": "country:by", "mentions": int64(3)}),
		entityNode("Country", "country:ru", "Russia", []string{"Russian Federation"}, map[string]any{"iso2": "RU", "country": "country:ru", "mentions": int64(3)}),
		entityNode("Region", "region:ru-ark", "Arkhangelsk Oblast", []string{"Arkhangelsk Region", "Arkhangelsk Oblast"}, map[string]any{"iso": "RU-ARK", "kind": "oblast", "country": "country:ru", "mentions": int64(2)}),
		entityNode("Region", "region:ru-kr", "Republic of Karelia", []string{"Karelia"}, map[string]any{"iso": "RU-KR", "kind": "republic", "country": "country:ru"}),
		entityNode("Region", "region:ru-oms", "Omsk Oblast", []string{"Omsk Region"}, map[string]any{"iso": "RU-OMS", "kind": "oblast", "country": "country:ru"}),
		entityNode("Region", "region:by-mi", "Minsk Region", []string{"Minsk Oblast"}, map[string]any{"iso": "BY-MI", "kind": "oblast", "country": "country:by", "mentions": int64(0)}),
		entityNode("City", "city:minsk", "Minsk", nil, map[string]any{"country": "country:by", "mentions": int64(2)}),
		entityNode("City", "city:petrozavodsk", "Petrozavodsk", nil, map[string]any{"country": "country:ru", "region": "region:ru-kr"}),
		entityNode("City", "city:arkhangelsk", "Arkhangelsk", nil, map[string]any{"country": "country:ru", "region": "region:ru-ark"}),
		entityNode("Enterprise", "enterprise:maz", "MAZ", []string{"Minsk Automobile Plant", "Minsk Automobile Works"}, map[string]any{"country": "country:by", "region": "region:by-mi", "sector": "automotive", "mentions": int64(2)}),
		entityNode("Enterprise", "enterprise:belaz", "BelAZ", []string{"Belarusian Autoworks"}, map[string]any{"country": "country:by", "region": "region:by-mi", "sector": "mining machinery"}),
		entityNode("Enterprise", "enterprise:amkodor", "Amkodor", []string{"Amkodor holding"}, map[string]any{"country": "country:by", "sector": "machinery", "mentions": int64(2)}),
		entityNode("Enterprise", "enterprise:amkodor-onego", "Amkodor-Onego", []string{"Amkodor Onego"}, map[string]any{"country": "country:ru", "region": "region:ru-kr"}),
		entityNode("Enterprise", "enterprise:gomselmash", "Gomselmash", nil, map[string]any{"country": "country:by", "sector": "agricultural machinery"}),
		entityNode("Enterprise", "enterprise:first-mining-company", "First Mining Company", nil, map[string]any{"source": schema.SourceDiscovered, "confidence": 0.75}),
		entityNode("Product", "product:buses", "buses", []string{"bus", "passenger buses"}, map[string]any{"category": "vehicles", "mentions": int64(2)}),
		entityNode("Product", "product:dump-trucks", "dump trucks", []string{"dump truck"}, map[string]any{"category": "vehicles"}),
		entityNode("Product", "product:forestry-machines", "forestry machines", []string{"logging machines"}, map[string]any{"category": "machinery", "mentions": int64(2)}),
		entityNode("Product", "product:loaders", "loaders", []string{"front loaders"}, map[string]any{"category": "machinery"}),
		entityNode("Product", "product:combines", "combine harvesters", []string{"combines"}, map[string]any{"category": "agricultural machinery"}),
		entityNode("Project", "project:amkodor-petrozavodsk", "Amkodor forestry machine plant in Petrozavodsk", nil, map[string]any{"source": schema.SourceDiscovered}),
		entityNode("Person", "person:aleksandr-lukashenko", "Aleksandr Lukashenko", []string{"Lukashenko"}, map[string]any{"role": "President of Belarus"}),
	}
	f.articles = []map[string]any{
		{"id": "article:seed", "url": "https://example.org/seed", "title": "Lukashenko invites Russia's Arkhangelsk Oblast to deepen cooperation", "published": "--04-22", "site": "BelTA", "source": "testdata/dev/seed-arkhangelsk.txt", "hash": "h1", "extractor": "test"},
		{"id": "article:a2", "url": "https://example.org/a2", "title": "MAZ signs a bus contract", "published": "2023-05-10", "site": "BelTA", "source": "a2.txt", "hash": "h2", "extractor": "test"},
		{"id": "article:a3", "url": "https://example.org/a3", "title": "Gomselmash in Omsk", "published": "2022", "site": "TASS", "source": "a3.txt", "hash": "h3", "extractor": "test"},
	}
	mention := func(article string, ids ...string) {
		for _, id := range ids {
			f.rels = append(f.rels, rel(schema.RelMentions, article, id, map[string]any{"count": int64(1)}))
		}
	}
	mention("article:seed", "country:by", "country:ru", "region:ru-ark", "region:ru-kr", "city:minsk", "city:petrozavodsk",
		"enterprise:maz", "enterprise:belaz", "enterprise:amkodor", "enterprise:amkodor-onego", "enterprise:first-mining-company",
		"product:buses", "product:dump-trucks", "product:forestry-machines", "project:amkodor-petrozavodsk", "person:aleksandr-lukashenko")
	mention("article:a2", "enterprise:maz", "region:ru-ark", "product:buses", "enterprise:amkodor", "region:ru-kr", "product:forestry-machines", "product:loaders", "country:by", "country:ru", "city:minsk")
	mention("article:a3", "enterprise:gomselmash", "region:ru-oms", "product:combines", "country:by", "country:ru")

	gaz := map[string]any{"source": schema.SourceGazetteer}
	f.rels = append(f.rels,
		// Gazetteer structure.
		rel(schema.RelPartOf, "region:ru-ark", "country:ru", gaz),
		rel(schema.RelPartOf, "region:ru-kr", "country:ru", gaz),
		rel(schema.RelPartOf, "region:ru-oms", "country:ru", gaz),
		rel(schema.RelPartOf, "region:by-mi", "country:by", gaz),
		rel(schema.RelPartOf, "city:minsk", "country:by", gaz),
		rel(schema.RelPartOf, "city:petrozavodsk", "region:ru-kr", gaz),
		rel(schema.RelPartOf, "city:arkhangelsk", "region:ru-ark", gaz),
		rel(schema.RelBasedIn, "enterprise:maz", "city:minsk", gaz),
		rel(schema.RelBasedIn, "enterprise:amkodor", "city:minsk", gaz),
		rel(schema.RelBasedIn, "enterprise:amkodor-onego", "city:petrozavodsk", gaz),
		rel(schema.RelSubsidiaryOf, "enterprise:amkodor-onego", "enterprise:amkodor", gaz),
		rel(schema.RelProduces, "enterprise:maz", "product:buses", gaz),
		rel(schema.RelProduces, "enterprise:belaz", "product:dump-trucks", gaz),
		rel(schema.RelProduces, "enterprise:amkodor", "product:forestry-machines", gaz),
		rel(schema.RelProduces, "enterprise:amkodor", "product:loaders", gaz),
		// Text facts.
		rel(schema.RelProduces, "enterprise:maz", "product:buses", map[string]any{"article": "article:seed", "sentence": "We are grateful to you for choosing MAZ buses.", "confidence": 0.7}),
		rel(schema.RelParticipatesIn, "enterprise:amkodor", "project:amkodor-petrozavodsk", map[string]any{"article": "article:seed", "sentence": "Amkodor is setting up its first facility.", "confidence": 0.6}),
		rel(schema.RelLocatedIn, "project:amkodor-petrozavodsk", "city:petrozavodsk", map[string]any{"article": "article:seed", "sentence": "We are implementing a unique project in Petrozavodsk.", "confidence": 0.6}),
		// Supplies.
		supply("enterprise:maz", "region:ru-ark", "article:seed", "--04-22", "product:buses", "buses", []string{"buses"}, "delivered", 150, seedSentence, 0.9),
		supply("enterprise:maz", "region:ru-ark", "article:a2", "2023-05-10", "product:buses", "buses", []string{"buses"}, "contracted", 0, "MAZ signed a contract for more buses for Arkhangelsk.", 0.8),
		supply("enterprise:belaz", "enterprise:first-mining-company", "article:seed", "--04-22", "product:dump-trucks", "dump trucks", []string{"dump trucks"}, "negotiating", 0, "Today, negotiations are underway to ship a batch of dump trucks for the First Mining Company.", 0.8),
		supply("enterprise:amkodor", "region:ru-ark", "article:seed", "--04-22", "product:forestry-machines", "forestry machines", []string{"forestry machines"}, "ongoing", 0, "You use Amkodor goods too.", 0.8),
		supply("country:by", "region:ru-ark", "article:seed", "--04-22", "product:forestry-machines", "forestry machines", []string{"forestry machines"}, "proposed", 0, "The supply of logging machines is also relevant for Arkhangelsk Oblast.", 0.5),
		// One relation naming two products: two relationships, one evidence.
		supply("enterprise:amkodor", "region:ru-kr", "article:a2", "2023-05-10", "product:forestry-machines", "forestry machines", []string{"forestry machines", "loaders"}, "delivered", 30, "Amkodor shipped 30 forestry machines and loaders to Karelia.", 0.85),
		supply("enterprise:amkodor", "region:ru-kr", "article:a2", "2023-05-10", "product:loaders", "loaders", []string{"forestry machines", "loaders"}, "delivered", 30, "Amkodor shipped 30 forestry machines and loaders to Karelia.", 0.85),
		supply("enterprise:gomselmash", "region:ru-oms", "article:a3", "2022", "product:combines", "combine harvesters", []string{"combine harvesters"}, "delivered", 20, "Gomselmash delivered 20 combines to Omsk Oblast farms.", 0.9),
		// A supply to a city in a region, with no product.
		supply("enterprise:maz", "city:petrozavodsk", "article:a2", "2023-05-10", "", "", nil, "planned", 0, "MAZ plans deliveries to Petrozavodsk.", 0.6),
	)
	return f
}

// mustLoadFixture writes the fixture with parameterized Cypher.
func mustLoadFixture(tb testing.TB, driver neo4j.DriverWithContext) {
	tb.Helper()
	f := newFixture()
	mustRun(tb, driver, `UNWIND $nodes AS row
CREATE (n:Entity {id: row.props.id}) SET n:$(row.label), n += row.props`, map[string]any{"nodes": f.nodes})
	mustRun(tb, driver, `UNWIND $articles AS row CREATE (a:Article) SET a = row`, map[string]any{"articles": f.articles})
	mustRun(tb, driver, `UNWIND $rels AS row
MATCH (a {id: row.from}), (b {id: row.to})
CREATE (a)-[r:$(row.type)]->(b) SET r += row.props`, map[string]any{"rels": f.rels})
	// The fixture is written by hand, not by the loader, so the supply
	// pair summary is rebuilt as `migrate` would.
	if err := schema.RebuildSupplyPairs(context.Background(), driver, ""); err != nil {
		tb.Fatal(err)
	}
	// The full-text index fills asynchronously.
	mustRun(tb, driver, `CALL db.awaitIndexes(60)`, nil)
}
