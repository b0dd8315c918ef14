package schema

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// A SupplyPair node summarizes the SUPPLIES facts from one supplier to one
// recipient: the API's supplies list is a list of such pairs, and the
// headline question ("Belarusian firms supplying Russia") matches tens of
// thousands of facts. Counting and paging those facts on every request
// costs a pass over all of them; the summary nodes carry what the pair
// filters and the order need, so a page reads its own pairs from the
// sortKey index and only their facts.
//
// The loader keeps the summary in step in the same transaction as the
// facts (RefreshSupplyPairs for the pairs whose facts it created or
// deleted, RefreshEntityPairs for entities whose name or country
// changed), and RebuildSupplyPairs recomputes it from the facts for a
// graph written before the summary existed or by other tools.

// supplyPairProps sets the summary properties of pair node p from supplier
// s and recipient t. sortKey orders pairs by supplier country, recipient
// country, supplier name, recipient name and ids; the parts are joined
// with U+0001, which sorts below any character of a name or id, so
// comparing keys compares the parts in turn, and the pairs of one country
// pair share a prefix.
const supplyPairProps = `
SET p.supplier = s.id, p.recipient = t.id,
    p.supplierCountry = s.country, p.recipientCountry = t.country,
    p.region = CASE WHEN t:Region THEN t.id ELSE t.region END,
    p.sortKey = coalesce(s.country, '') + '\u0001' + coalesce(t.country, '') + '\u0001' +
                coalesce(s.name, '') + '\u0001' + coalesce(t.name, '') + '\u0001' + s.id + '\u0001' + t.id`

// RefreshSupplyPairs recomputes the pairs $pairs (lists [supplier id,
// recipient id]): a pair with SUPPLIES facts gets its node, one without
// loses it. Run it in the transaction that changed the facts.
const RefreshSupplyPairs = `
UNWIND $pairs AS pair
OPTIONAL MATCH (s:Entity {id: pair[0]})
OPTIONAL MATCH (t:Entity {id: pair[1]})
WITH pair, s, t, CASE WHEN s IS NULL OR t IS NULL THEN false ELSE EXISTS { (s)-[:SUPPLIES]->(t) } END AS live
CALL (pair, live) {
  WITH * WHERE NOT live
  MATCH (p:SupplyPair {id: pair[0] + '>' + pair[1]})
  DELETE p
}
CALL (s, t, live) {
  WITH * WHERE live
  MERGE (p:SupplyPair {id: s.id + '>' + t.id})` + supplyPairProps + `
}`

// RefreshEntityPairs rewrites the summary of every pair of the entities
// $ids, whose name or country changed.
const RefreshEntityPairs = `
UNWIND $ids AS id
CALL (id) {
  MATCH (p:SupplyPair {supplier: id}) RETURN p
  UNION
  MATCH (p:SupplyPair {recipient: id}) RETURN p
}
WITH DISTINCT p
MATCH (s:Entity {id: p.supplier})
MATCH (t:Entity {id: p.recipient})` + supplyPairProps

// The rebuild runs in batches of its own transactions, so that a graph of
// millions of facts does not need one transaction's memory.
const (
	rebuildPairsDeleteStale = `
MATCH (p:SupplyPair)
WHERE NOT EXISTS { MATCH (:Entity {id: p.supplier})-[:SUPPLIES]->(:Entity {id: p.recipient}) }
CALL (p) { DELETE p } IN TRANSACTIONS OF 10000 ROWS`
	rebuildPairsWrite = `
MATCH (s:Entity)-[:SUPPLIES]->(t:Entity)
WITH DISTINCT s, t
CALL (s, t) {
  MERGE (p:SupplyPair {id: s.id + '>' + t.id})` + supplyPairProps + `
} IN TRANSACTIONS OF 10000 ROWS`
	countPairsAndFacts = `
RETURN COUNT { MATCH (p:SupplyPair) } AS pairs,
       EXISTS { MATCH ()-[:SUPPLIES]->() } AS facts`
)

// RebuildSupplyPairs recomputes every SupplyPair node from the SUPPLIES
// facts of database db. It is idempotent and safe to rerun after an
// interruption.
func RebuildSupplyPairs(ctx context.Context, driver neo4j.DriverWithContext, db string) error {
	session := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(context.WithoutCancel(ctx))
	// CALL ... IN TRANSACTIONS needs an auto-commit transaction, hence
	// session.Run rather than a managed transaction.
	for _, step := range []struct{ name, query string }{
		{"delete stale supply pairs", rebuildPairsDeleteStale},
		{"write supply pairs", rebuildPairsWrite},
	} {
		res, err := session.Run(ctx, step.query, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", step.name, err)
		}
	}
	return nil
}

// EnsureSupplyPairs rebuilds the summary when the graph has SUPPLIES facts
// but no SupplyPair node, as a graph loaded by an older tradegraph has,
// and reports whether it did.
func EnsureSupplyPairs(ctx context.Context, driver neo4j.DriverWithContext, db string) (bool, error) {
	res, err := neo4j.ExecuteQuery(ctx, driver, countPairsAndFacts, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return false, fmt.Errorf("count supply pairs: %w", err)
	}
	if len(res.Records) != 1 {
		return false, fmt.Errorf("count supply pairs: %d records", len(res.Records))
	}
	pairs, _, err := neo4j.GetRecordValue[int64](res.Records[0], "pairs")
	if err != nil {
		return false, fmt.Errorf("count supply pairs: %w", err)
	}
	facts, _, err := neo4j.GetRecordValue[bool](res.Records[0], "facts")
	if err != nil {
		return false, fmt.Errorf("count supply pairs: %w", err)
	}
	if pairs > 0 || !facts {
		return false, nil
	}
	return true, RebuildSupplyPairs(ctx, driver, db)
}
