package loader

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"tradegraph/schema"
)

// supplyPairsFromFacts computes the SupplyPair summary from the SUPPLIES
// facts, the way schema.RebuildSupplyPairs would, without writing it.
const supplyPairsFromFacts = `
MATCH (s:Entity)-[:SUPPLIES]->(t:Entity)
WITH DISTINCT s, t
RETURN s.id + '>' + t.id AS id, s.country AS supplierCountry, t.country AS recipientCountry,
       CASE WHEN t:Region THEN t.id ELSE t.region END AS region,
       coalesce(s.country, '') + '\u0001' + coalesce(t.country, '') + '\u0001' + s.name + '\u0001' +
       t.name + '\u0001' + s.id + '\u0001' + t.id AS sortKey
ORDER BY id`

const storedSupplyPairs = `
MATCH (p:SupplyPair)
RETURN p.id AS id, p.supplierCountry AS supplierCountry, p.recipientCountry AS recipientCountry,
       p.region AS region, p.sortKey AS sortKey
ORDER BY id`

// mustMatchSupplyPairs checks that the stored summary is exactly the one
// the facts give.
func mustMatchSupplyPairs(t *testing.T, when string, driver neo4j.DriverWithContext) {
	t.Helper()
	want := query(t, driver, supplyPairsFromFacts, nil)
	if len(want) == 0 {
		t.Fatalf("%s: no SUPPLIES facts to summarize (extraction changed?)", when)
	}
	if diff := cmp.Diff(want, query(t, driver, storedSupplyPairs, nil)); diff != "" {
		t.Errorf("%s: SupplyPair nodes differ from the facts (-facts +stored):\n%s", when, diff)
	}
}

// TestSupplyPairsFollowFacts loads, replaces and reloads articles and
// checks after each step that the summary the API pages over says what
// the facts say: pairs appear with their first fact, disappear with their
// last, and a rebuild from scratch gives the same nodes.
func TestSupplyPairsFollowFacts(t *testing.T) {
	driver := mustOpenNeo4j(t)
	dir := t.TempDir()
	l := New(driver, mustGazetteer(t), Config{}, testLogger(t))
	v1 := writeFile(t, dir, "v1.txt", articleV1)

	mustLoad(t, l, v1, seedArticle)
	mustMatchSupplyPairs(t, "after loading two articles", driver)
	before := query(t, driver, storedSupplyPairs, nil)

	// v2 has the same id (same url) and other facts: v1's pairs go.
	mustLoad(t, l, writeFile(t, dir, "v2.txt", articleV2))
	mustMatchSupplyPairs(t, "after replacing an article", driver)
	if after := query(t, driver, storedSupplyPairs, nil); cmp.Equal(before, after) {
		t.Errorf("replacing the article left the summary as it was: %v", after)
	}

	mustLoad(t, New(driver, mustGazetteer(t), Config{Force: true}, testLogger(t)), seedArticle)
	mustMatchSupplyPairs(t, "after a forced reload", driver)

	// An entity whose country changes (here: back to the gazetteer's,
	// after a stray edit the summary copied) takes its pairs along, also
	// those of articles the load does not touch.
	ctx := context.Background()
	query(t, driver, `MATCH (e:Entity {id: 'enterprise:maz'}) SET e.country = 'country:xx'`, nil)
	if err := schema.RebuildSupplyPairs(ctx, driver, ""); err != nil {
		t.Fatal(err)
	}
	mustLoad(t, New(driver, mustGazetteer(t), Config{}, testLogger(t)), writeFile(t, dir, "shared.txt", articleShared))
	mustMatchSupplyPairs(t, "after an entity's country changed", driver)
	if got := query(t, driver, `MATCH (p:SupplyPair {supplier: 'enterprise:maz'}) WHERE p.supplierCountry <> 'country:by' RETURN p.id AS id`, nil); len(got) > 0 {
		t.Errorf("MAZ pairs still with the old country: %v", got)
	}

	// A graph without the summary (written by an older tradegraph) gets it
	// back, the same, from Prepare.
	want := query(t, driver, storedSupplyPairs, nil)
	query(t, driver, `MATCH (p:SupplyPair) DELETE p`, nil)
	if err := schema.Prepare(ctx, driver, ""); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, query(t, driver, storedSupplyPairs, nil)); diff != "" {
		t.Errorf("rebuilt summary differs (-loaded +rebuilt):\n%s", diff)
	}
}
