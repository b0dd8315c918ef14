package loader

// All Cypher the loader runs. Values always travel as parameters; the only
// run-time labels and relationship types ($(row.label), $(row.type)) are
// checked against package schema's lists before a row is built, so no text
// from an article ever becomes query text.

// queryExistingArticles returns the stored hash and extractor version of
// the articles among $ids, so that unchanged ones are skipped before
// extraction. It relies on the article_id_unique constraint's index.
const queryExistingArticles = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, a.hash AS hash, a.extractor AS extractor`

// queryDeleteMentions removes the MENTIONS of those articles among $ids
// that are in the graph already (only reloaded ones are) and returns their
// ids with the entities they named, whose counts and confidences must
// then be recomputed.
const queryDeleteMentions = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
CALL (a) {
  OPTIONAL MATCH (a)-[m:MENTIONS]->(e:Entity)
  DELETE m
  RETURN collect(e.id) AS entities
}
RETURN id, entities`

// queryDeleteFacts removes every text fact of the articles $ids and
// returns the [supplier, recipient] pairs whose SUPPLIES it removed, for
// schema.RefreshSupplyPairs. Each type has a relationship index on article
// (schema/cypher/constraints.cypher), which a type given at run time could
// not use, hence one subquery per type. Gazetteer structure has no article
// property and stays.
const queryDeleteFacts = `
UNWIND $ids AS id
CALL (id) {
  MATCH (s)-[r:SUPPLIES {article: id}]->(t)
  WITH s.id AS supplier, t.id AS recipient, collect(r) AS rels
  FOREACH (r IN rels | DELETE r)
  RETURN collect([supplier, recipient]) AS pairs
}
CALL (id) { MATCH ()-[r:PRODUCES {article: id}]->() DELETE r }
CALL (id) { MATCH ()-[r:BASED_IN {article: id}]->() DELETE r }
CALL (id) { MATCH ()-[r:PART_OF {article: id}]->() DELETE r }
CALL (id) { MATCH ()-[r:SUBSIDIARY_OF {article: id}]->() DELETE r }
CALL (id) { MATCH ()-[r:PARTICIPATES_IN {article: id}]->() DELETE r }
CALL (id) { MATCH ()-[r:LOCATED_IN {article: id}]->() DELETE r }
RETURN pairs`

// queryMergeKnown writes gazetteer entities. Their properties come from
// the gazetteer alone, so SET e = row.props makes a reload exact; mentions
// and confidence belong to the articles and are carried over. MERGE on
// :Entity {id} uses the entity_id_unique constraint. A null row.confidence
// (a node written only as the end of gazetteer structure) keeps the
// stored one; otherwise the larger wins, as confidence is a max over
// mentions. It returns the ids of stored entities whose name or country
// changed (a changed gazetteer), whose supply pairs then need a refresh.
const queryMergeKnown = `
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
WITH e, row, coalesce(e.mentions, 0) AS mentions, e.confidence AS old` + keepNameAndCountry + `
SET e = row.props
SET e:$(row.label)
SET e.mentions = mentions,
    e.confidence = CASE WHEN row.confidence IS NULL OR old >= row.confidence THEN old ELSE row.confidence END` + returnChanged

// keepNameAndCountry and returnChanged wrap an entity merge so that it
// returns, as "changed", the ids of entities that existed before with
// another name or country: those that schema.SupplyPair summaries copy.
const (
	keepNameAndCountry = `, e.name AS oldName, coalesce(e.country, '') AS oldCountry`
	returnChanged      = `
WITH e, oldName, oldCountry
WHERE oldName IS NOT NULL AND (oldName <> e.name OR oldCountry <> coalesce(e.country, ''))
RETURN e.id AS changed`
)

// queryMergeDiscovered writes entities found in text by cue patterns. The
// first article to name one sets its properties and later ones only fill
// the gaps, so a node does not flip between spellings; aliases are the
// sorted union of every spelling seen. A node that is (now) in the
// gazetteer keeps its gazetteer data. Like queryMergeKnown it returns the
// ids of entities whose name or country changed.
const queryMergeDiscovered = `
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e.source = 'discovered', e.mentions = 0
SET e:$(row.label)
WITH e, row` + keepNameAndCountry + `
CALL (e, row) {
  WITH e, row WHERE e.source = 'discovered'
  FOREACH (k IN keys(row.props) | SET e[k] = coalesce(e[k], row.props[k]))
  SET e.aliases = COLLECT {
    UNWIND coalesce(e.aliases, []) + row.aliases AS a
    WITH DISTINCT a WHERE a <> e.name
    RETURN a ORDER BY a
  }
  SET e.nameText = reduce(s = e.name, a IN e.aliases | s + ' | ' + a)
}
SET e.confidence = CASE WHEN e.confidence >= row.confidence THEN e.confidence ELSE row.confidence END` + returnChanged

// queryMergeArticles writes Article nodes; SET a = row.props replaces all
// properties, so nothing of an older version of the article survives.
const queryMergeArticles = `
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a = row.props`

// queryCreateMentions links articles to the entities they name. The
// article's old MENTIONS were deleted in the same transaction and rows
// are unique per article, so CREATE is exact and spares MERGE's check.
const queryCreateMentions = `
UNWIND $rows AS row
MATCH (a:Article {id: row.article})
MATCH (e:Entity {id: row.entity})
CREATE (a)-[:MENTIONS {count: row.count, confidence: row.confidence}]->(e)`

// queryCreateFacts writes text facts. They are CREATEd, not MERGEd: the
// article's old facts were deleted in the same transaction and rows are
// unique (buildRows drops repeats), while a MERGE would have to compare the
// properties of every relationship between two busy nodes (thousands of
// SUPPLIES from Belarus to Russia).
const queryCreateFacts = `
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props`

// queryMergeLinks writes gazetteer structure (a region PART_OF its
// country, an enterprise BASED_IN its city, ...). These facts belong to no
// article and are shared by all of them, so they are MERGEd. The types are
// written out, one subquery each: MERGE with a type given at run time
// would scan every relationship between the two nodes, and a region named
// in thousands of supplies has many.
const queryMergeLinks = `
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CALL (a, b, row) { WITH * WHERE row.type = 'PART_OF' MERGE (a)-[:PART_OF {source: 'gazetteer'}]->(b) }
CALL (a, b, row) { WITH * WHERE row.type = 'BASED_IN' MERGE (a)-[:BASED_IN {source: 'gazetteer'}]->(b) }
CALL (a, b, row) { WITH * WHERE row.type = 'SUBSIDIARY_OF' MERGE (a)-[:SUBSIDIARY_OF {source: 'gazetteer'}]->(b) }
CALL (a, b, row) { WITH * WHERE row.type = 'PRODUCES' MERGE (a)-[:PRODUCES {source: 'gazetteer'}]->(b) }`

// queryCountMentions sets the mention count of entities that only gained
// mentions. Counting relationships of one type with an unlabelled far end
// reads the node's degree, which costs the same for a node named in ten
// thousand articles as for one named once.
const queryCountMentions = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
SET e.mentions = COUNT { (e)<-[:MENTIONS]-() }`

// queryRecomputeTouched recomputes count and confidence of entities that
// lost mentions when articles were reloaded, and deletes discovered
// entities no article names any more. Gazetteer entities stay, as known
// facts, with mentions = 0 and no confidence.
const queryRecomputeTouched = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  OPTIONAL MATCH (e)<-[m:MENTIONS]-()
  RETURN count(m) AS n, max(m.confidence) AS confidence
}
SET e.mentions = n, e.confidence = confidence
WITH e, n WHERE n = 0 AND e.source = 'discovered'
DETACH DELETE e`
