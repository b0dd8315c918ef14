package graph

// All of the package's Cypher. Values reach Neo4j only as parameters; the
// only text chosen at run time is a label or relationship type, passed as a
// parameter too and used with Neo4j 5.26's dynamic $(...) syntax after
// schema's allow-list approved it (see checkLabel and checkRelType).
//
// Nodes come back as maps: entityMap and articleMap below say which.

// entityMap is a node's properties plus its labels, which say its type.
// toEntity in convert.go reads it.
const entityMapN = `n {.*, labels: labels(n)}`

// countrySpellings and regionSpellings, after a lower-cased text, test it
// against every spelling of Country c or Region g: id, name, ISO code and
// aliases, ignoring case.
const (
	countrySpellings = ` IN [toLower(c.id), toLower(c.name), toLower(coalesce(c.iso2, ''))] + [a IN coalesce(c.aliases, []) | toLower(a)]`
	regionSpellings  = ` IN [toLower(g.id), toLower(g.name), toLower(coalesce(g.iso, ''))] + [a IN coalesce(g.aliases, []) | toLower(a)]`
)

// ---- supplies -------------------------------------------------------------

// supplyFilterPrelude turns the text fields of a SupplyFilter into lists of
// ids before the supply match, so the match compares ids only. A null list
// means "no filter"; an empty list means "nothing matches". Countries and
// regions are few, so a label scan compares every spelling; suppliers,
// recipients and products are found through the entity_names full-text
// index (phrase query) and then compared exactly, ignoring case.
//
// Parameters: $supplierCountry, $recipientCountry, $region (lower-cased
// text or null), $supplier, $recipient, $product (lower-cased text or null)
// with $supplierRaw, $recipientRaw, $productRaw (as given, for id lookups)
// and $supplierPhrase, $recipientPhrase, $productPhrase (Lucene phrases).
const supplyFilterPrelude = `
WITH
  CASE WHEN $supplierCountry IS NULL THEN null ELSE COLLECT {
    MATCH (c:Country)
    WHERE $supplierCountry` + countrySpellings + `
    RETURN c.id } END AS supplierCountries,
  CASE WHEN $recipientCountry IS NULL THEN null ELSE COLLECT {
    MATCH (c:Country)
    WHERE $recipientCountry` + countrySpellings + `
    RETURN c.id } END AS recipientCountries,
  CASE WHEN $region IS NULL THEN null ELSE COLLECT {
    MATCH (g:Region)
    WHERE $region` + regionSpellings + `
    RETURN g.id } END AS regions,
  CASE WHEN $supplier IS NULL THEN null ELSE COLLECT {
    CALL db.index.fulltext.queryNodes('entity_names', $supplierPhrase) YIELD node
    WHERE $supplier IN [toLower(node.name)] + [a IN coalesce(node.aliases, []) | toLower(a)]
    RETURN node.id } + COLLECT { MATCH (n:Entity {id: $supplierRaw}) RETURN n.id } END AS suppliers,
  CASE WHEN $recipient IS NULL THEN null ELSE COLLECT {
    CALL db.index.fulltext.queryNodes('entity_names', $recipientPhrase) YIELD node
    WHERE $recipient IN [toLower(node.name)] + [a IN coalesce(node.aliases, []) | toLower(a)]
    RETURN node.id } + COLLECT { MATCH (n:Entity {id: $recipientRaw}) RETURN n.id } END AS recipients,
  CASE WHEN $product IS NULL THEN null ELSE COLLECT {
    CALL db.index.fulltext.queryNodes('entity_names', $productPhrase) YIELD node
    WHERE node:Product AND $product IN [toLower(node.name)] + [a IN coalesce(node.aliases, []) | toLower(a)]
    RETURN node.id } + COLLECT { MATCH (n:Product {id: $productRaw}) RETURN n.id } END AS products
`

// supplyFactFilter is the part of a filter that concerns each fact rather
// than the pair: its product, status and publication date. Published dates
// are strings ("2023-04-22", "2023-04", "2023", "--04-22", ""): a fact
// passes "since" when the period it names ends on or after $since, and
// "until" when it starts on or before $until; facts without a known year
// fail both.
const supplyFactFilter = `(products IS NULL OR r.product IN products)
  AND ($statuses IS NULL OR r.status IN $statuses)
  AND ($since IS NULL OR (r.published =~ '[0-9]{4}.*' AND
       CASE size(r.published) WHEN 4 THEN r.published + '-12-31' WHEN 7 THEN r.published + '-31' ELSE r.published END >= $since))
  AND ($until IS NULL OR (r.published =~ '[0-9]{4}.*' AND
       CASE size(r.published) WHEN 4 THEN r.published + '-01-01' WHEN 7 THEN r.published + '-01' ELSE r.published END <= $until))`

// supplyMatch finds the SUPPLIES facts that pass a filter (after
// supplyFilterPrelude). $parents, when not null, keeps the facts of those
// suppliers only (Enterprise.supplies).
const supplyMatch = `
MATCH (s:Entity)-[r:SUPPLIES]->(t:Entity)
WHERE ($parents IS NULL OR s.id IN $parents)
  AND (supplierCountries IS NULL OR s.country IN supplierCountries)
  AND (recipientCountries IS NULL OR t.country IN recipientCountries)
  AND (regions IS NULL OR t.id IN regions OR t.region IN regions)
  AND (suppliers IS NULL OR s.id IN suppliers)
  AND (recipients IS NULL OR t.id IN recipients)
  AND ` + supplyFactFilter + `
`

// querySupplies pages the (supplier, recipient) pairs of the facts that
// pass a filter, one row per parent: a single row with parent "" for
// Query.supplies, one per supplier for Enterprise.supplies. It reads every
// matching fact, so Query.supplies uses it only when the filter concerns
// facts (product, status, dates) and querySupplyPairs otherwise. Pairs
// come in the order of schema's sortKey: supplier country, recipient
// country, supplier name, recipient name, ids.
const querySupplies = supplyFilterPrelude + supplyMatch + `
WITH DISTINCT CASE WHEN $parents IS NULL THEN '' ELSE s.id END AS parent, s, t, products
ORDER BY coalesce(s.country, ''), coalesce(t.country, ''), s.name, t.name, s.id, t.id
WITH parent, products, collect([s, t]) AS pairs
WITH parent, products, size(pairs) AS total, pairs[$skip..$skip + $limit] AS page
` + supplyPageRows + `
RETURN parent, total, rows
`

// queryResolveSupplyFilter turns the text fields of a SupplyFilter into
// lists of ids, for supplyPairsQuery.
const queryResolveSupplyFilter = supplyFilterPrelude + `
RETURN supplierCountries, recipientCountries, regions, suppliers, recipients
`

// supplyPairsHead, supplyPairsPage and supplyPairsTail, around a WHERE
// clause on SupplyPair p that supplyPairsQuery writes, make the query that
// answers Query.supplies from the SupplyPair summary (schema/pairs.go): a
// count, a page of pairs read in sortKey order, and the page's rows.
const (
	supplyPairsHead = `
CALL () {
  MATCH (p:SupplyPair)
  `
	supplyPairsPage = `
  RETURN count(p) AS total
}
CALL () {
  MATCH (p:SupplyPair)
  `
	supplyPairsTail = `
  WITH p ORDER BY p.sortKey SKIP $skip LIMIT $limit
  WITH collect(p) AS found
  UNWIND range(0, size(found) - 1) AS i
  MATCH (s:Entity {id: found[i].supplier})
  MATCH (t:Entity {id: found[i].recipient})
  WITH s, t ORDER BY i
  RETURN collect([s, t]) AS page
}
WITH total, page, null AS products
` + supplyPageRows + `
RETURN '' AS parent, total, rows
`
)

// supplyPageRows turns page, a list of [supplier, recipient] nodes, into
// rows: for each pair, the facts that pass the fact filter (products,
// $statuses, $since, $until) folded into evidence (facts of one relation
// differ only by product, so they are one evidence item), and, in the same
// round trip, the products and region as nodes and the evidence articles,
// so that resolvers find them in the request's loaders without asking
// again.
const supplyPageRows = `CALL (page, products) {
  UNWIND range(0, size(page) - 1) AS i
  WITH i, page[i][0] AS s, page[i][1] AS t, products
  CALL (s, t, products) {
    MATCH (s)-[r:SUPPLIES]->(t)
    WHERE ` + supplyFactFilter + `
    RETURN collect(r) AS rels
  }
  CALL (rels) {
    UNWIND rels AS r
    WITH r.article AS article, r.sentence AS sentence, r.start AS start, r.end AS end,
         r.status AS status, r.quantity AS quantity, r.when AS when, r.published AS published,
         max(r.confidence) AS confidence, head(collect(r.products)) AS products
    ORDER BY confidence DESC, published DESC, article, start
    WITH collect({article: article, sentence: sentence, start: start, end: end, status: status,
                  quantity: quantity, when: when, confidence: confidence, products: products}) AS found,
         count(DISTINCT article) AS articleCount
    RETURN found[..$evidenceLimit] AS evidence, size(found) AS evidenceCount, articleCount
  }
  WITH i, s, t, rels, evidence, evidenceCount, articleCount,
       CASE WHEN t:Region THEN t.id ELSE t.region END AS regionId,
       [x IN rels WHERE x.product IS NOT NULL | x.product] AS productIds,
       [x IN evidence | x.article] AS articleIds
  WITH i, s, t, rels, evidence, evidenceCount, articleCount, regionId, productIds,
       COLLECT { MATCH (n:Region {id: regionId}) RETURN ` + entityMapN + ` } AS region,
       COLLECT { MATCH (n:Product) WHERE n.id IN productIds RETURN ` + entityMapN + ` } AS productNodes,
       COLLECT { MATCH (a:Article) WHERE a.id IN articleIds RETURN a {.*} } AS articles
  ORDER BY i
  RETURN collect({
    supplier: s {.*, labels: labels(s)},
    recipient: t {.*, labels: labels(t)},
    regionId: regionId,
    region: region,
    productIds: productIds,
    products: productNodes,
    statuses: [x IN rels | x.status],
    quantities: [x IN rels WHERE x.quantity IS NOT NULL | x.quantity],
    evidence: evidence,
    evidenceCount: evidenceCount,
    articleCount: articleCount,
    articles: articles
  }) AS rows
}`

// supplyCountsHead and supplyCountsTail wrap a grouping key expression
// (over s, t and r) into a supplyCounts query: supplies are distinct
// (supplier, recipient) pairs, quantity sums each pair's largest stated
// quantity, and the groups come largest first.
const supplyCountsHead = supplyFilterPrelude + supplyMatch + `
WITH `

const supplyCountsTail = ` AS key, s, t, r
WITH key, s, t, collect(r) AS rels, max(r.quantity) AS q
WITH key, count(*) AS supplies, sum(size(rels)) AS facts, count(q) AS quantified, sum(q) AS quantity, collect(rels) AS relLists
ORDER BY supplies DESC, facts DESC, key
LIMIT $limit
CALL (relLists) {
  UNWIND relLists AS rels
  UNWIND rels AS x
  RETURN count(DISTINCT x.article) AS articles
}
RETURN key, supplies, facts, articles, CASE WHEN quantified = 0 THEN null ELSE quantity END AS quantity,
       COLLECT { MATCH (n:Entity {id: key}) RETURN ` + entityMapN + ` } AS node
`

// The supplyCounts queries, one per SupplyGrouping.
const (
	querySupplyCountsBySupplier        = supplyCountsHead + `s.id` + supplyCountsTail
	querySupplyCountsByRecipient       = supplyCountsHead + `t.id` + supplyCountsTail
	querySupplyCountsByRecipientRegion = supplyCountsHead + `CASE WHEN t:Region THEN t.id ELSE t.region END` + supplyCountsTail
	querySupplyCountsByProduct         = supplyCountsHead + `r.product` + supplyCountsTail
)

// querySupplyEdges returns the facts that pass a filter, with both ends,
// for the filtered graph exports.
const querySupplyEdges = supplyFilterPrelude + supplyMatch + `
WITH s, t, r ORDER BY s.id, t.id, r.article, r.product
LIMIT $limit
RETURN s {.*, labels: labels(s)} AS source, t {.*, labels: labels(t)} AS target,
       elementId(r) AS id, type(r) AS type, properties(r) AS properties
`

// ---- entities and articles by id (loaders) ---------------------------------

// queryEntitiesByID loads entity nodes by id; the entity_id_unique
// constraint makes each lookup an index seek.
const queryEntitiesByID = `
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN id, ` + entityMapN + ` AS node
`

// queryArticlesByID loads articles by id (article_id_unique).
const queryArticlesByID = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN id, a {.*} AS article
`

// queryRelatedOut and queryRelatedIn list, for each parent id, the
// distinct entities with label $label at the other end of a $rel
// relationship, most mentioned first. Fact relationships repeat per
// article, hence DISTINCT.
const (
	queryRelatedOut = `
UNWIND $ids AS id
CALL (id) {
  MATCH (:Entity {id: id})-[:$($rel)]->(n:$($label))
  WITH DISTINCT n
  ORDER BY n.mentions DESC, n.name, n.id
  LIMIT $limit
  RETURN collect(` + entityMapN + `) AS nodes
}
RETURN id, nodes
`
	queryRelatedIn = `
UNWIND $ids AS id
CALL (id) {
  MATCH (:Entity {id: id})<-[:$($rel)]-(n:$($label))
  WITH DISTINCT n
  ORDER BY n.mentions DESC, n.name, n.id
  LIMIT $limit
  RETURN collect(` + entityMapN + `) AS nodes
}
RETURN id, nodes
`
)

// queryMentioningArticles pages, for each entity id, the articles that
// mention it, newest first.
const queryMentioningArticles = `
UNWIND $ids AS id
CALL (id) {
  MATCH (:Entity {id: id})<-[:MENTIONS]-(a:Article)
  WITH a ORDER BY a.published DESC, a.id
  WITH collect(a) AS found
  RETURN size(found) AS total, [a IN found[$skip..$skip + $limit] | a {.*}] AS articles
}
RETURN id, total, articles
`

// queryMentionedEntities lists, for each article id, the entities it
// mentions, optionally of some labels only.
const queryMentionedEntities = `
UNWIND $ids AS id
CALL (id) {
  MATCH (:Article {id: id})-[:MENTIONS]->(n:Entity)
  WHERE $labels IS NULL OR any(l IN labels(n) WHERE l IN $labels)
  WITH DISTINCT n
  ORDER BY n.mentions DESC, n.name, n.id
  LIMIT $limit
  RETURN collect(` + entityMapN + `) AS nodes
}
RETURN id, nodes
`

// ---- lists ------------------------------------------------------------------

// queryEntityList pages the entities of one label. The country and region
// filters take any spelling, resolved like supplyFilterPrelude's; $name
// matches part of the name or an alias (nameText holds both).
const queryEntityList = `
WITH
  CASE WHEN $country IS NULL THEN null ELSE COLLECT {
    MATCH (c:Country)
    WHERE $country` + countrySpellings + `
    RETURN c.id } END AS countries,
  CASE WHEN $region IS NULL THEN null ELSE COLLECT {
    MATCH (g:Region)
    WHERE $region` + regionSpellings + `
    RETURN g.id } END AS regions
MATCH (n:$($label))
WHERE ($name IS NULL OR toLower(coalesce(n.nameText, n.name)) CONTAINS $name)
  AND (countries IS NULL OR n.country IN countries)
  AND (regions IS NULL OR n.region IN regions)
  AND ($source IS NULL OR n.source = $source)
  AND ($minMentions IS NULL OR n.mentions >= $minMentions)
  AND ($kind IS NULL OR toLower(n.kind) = $kind)
  AND ($sector IS NULL OR toLower(n.sector) = $sector)
  AND ($category IS NULL OR toLower(n.category) = $category)
WITH n
ORDER BY CASE WHEN $byName THEN null ELSE n.mentions END DESC, n.name, n.id
WITH collect(n) AS found
RETURN size(found) AS total, [n IN found[$skip..$skip + $limit] | ` + entityMapN + `] AS nodes
`

// queryArticleList pages articles, newest first, with the same date rules
// as supplyMatch.
const queryArticleList = `
MATCH (a:Article)
WHERE ($site IS NULL OR toLower(a.site) = $site)
  AND ($mentions IS NULL OR EXISTS { (a)-[:MENTIONS]->(:Entity {id: $mentions}) })
  AND ($since IS NULL OR (a.published =~ '[0-9]{4}.*' AND
       CASE size(a.published) WHEN 4 THEN a.published + '-12-31' WHEN 7 THEN a.published + '-31' ELSE a.published END >= $since))
  AND ($until IS NULL OR (a.published =~ '[0-9]{4}.*' AND
       CASE size(a.published) WHEN 4 THEN a.published + '-01-01' WHEN 7 THEN a.published + '-01' ELSE a.published END <= $until))
WITH a ORDER BY a.published DESC, a.id
WITH collect(a) AS found
RETURN size(found) AS total, [a IN found[$skip..$skip + $limit] | a {.*}] AS articles
`

// querySearch ranks entities by the entity_names full-text index (name and
// nameText). $query is a Lucene query built from escaped user words.
const querySearch = `
CALL db.index.fulltext.queryNodes('entity_names', $query) YIELD node, score
WHERE node:Entity AND ($labels IS NULL OR any(l IN labels(node) WHERE l IN $labels))
WITH node, score
ORDER BY score DESC, node.mentions DESC, node.id
WITH collect({node: node, score: score}) AS found
WITH size(found) AS total, found[$skip..$skip + $limit] AS page
CALL (page) {
  UNWIND page AS hit
  WITH hit.node AS n, hit.score AS score
  RETURN collect({score: score, node: ` + entityMapN + `}) AS hits
}
RETURN total, hits
`

// ---- subgraphs --------------------------------------------------------------

// queryNeighbors is one breadth-first step of neighborhood: the nodes next
// to the frontier that were not seen yet, most mentioned first. Articles
// join only when $articles is true; $types, when not null, limits the
// relationship types followed.
const queryNeighbors = `
UNWIND $frontier AS id
OPTIONAL MATCH (e:Entity {id: id})
OPTIONAL MATCH (d:Article {id: id})
WITH coalesce(e, d) AS a WHERE a IS NOT NULL
MATCH (a)-[r]-(b)
WHERE (b:Entity OR ($articles AND b:Article))
  AND ($types IS NULL OR type(r) IN $types)
  AND NOT b.id IN $seen
WITH DISTINCT b
ORDER BY coalesce(b.mentions, 0) DESC, b.id
LIMIT $limit
RETURN b.id AS id
`

// querySubgraph returns nodes by id and the relationships among them (of
// $types, when not null), at most $edgeLimit of them, ordered so that a
// cut keeps whole node pairs together as far as it can. $idSet holds the
// same ids as map keys: a map lookup per relationship, where "b.id IN
// $ids" scanned the list and made a 5,000-node export quadratic.
const querySubgraph = `
CALL () {
  UNWIND $ids AS id
  OPTIONAL MATCH (e:Entity {id: id})
  OPTIONAL MATCH (d:Article {id: id})
  WITH coalesce(e, d) AS n WHERE n IS NOT NULL
  RETURN collect(` + entityMapN + `) AS nodes
}
CALL () {
  UNWIND $ids AS id
  OPTIONAL MATCH (e:Entity {id: id})
  OPTIONAL MATCH (d:Article {id: id})
  WITH coalesce(e, d) AS a WHERE a IS NOT NULL
  MATCH (a)-[r]->(b)
  WHERE $idSet[b.id] IS NOT NULL AND (b:Entity OR b:Article)
    AND ($types IS NULL OR type(r) IN $types)
  WITH a, b, r ORDER BY a.id, b.id, type(r), elementId(r)
  LIMIT $edgeLimit
  RETURN collect({id: elementId(r), type: type(r), source: a.id, target: b.id, properties: properties(r)}) AS edges
}
RETURN nodes, edges
`

// queryShortestPaths finds the shortest paths between two entities through
// entities only. Variable-length bounds cannot be parameters, so the
// pattern allows the API's largest maxHops (maxPathHops) and the WHERE
// applies the caller's.
const queryShortestPaths = `
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = allShortestPaths((a)-[*..6]-(b))
WHERE length(p) <= $maxHops AND all(n IN nodes(p) WHERE n:Entity)
  AND ($types IS NULL OR all(r IN relationships(p) WHERE type(r) IN $types))
WITH p LIMIT $limit
RETURN [n IN nodes(p) | n {.*, labels: labels(n)}] AS nodes,
       [r IN relationships(p) | {id: elementId(r), type: type(r), source: startNode(r).id,
                                 target: endNode(r).id, properties: properties(r)}] AS edges
`

// queryGraphNodes picks the entities of the whole-graph export, most
// mentioned first.
const queryGraphNodes = `
MATCH (n:Entity)
WITH n ORDER BY n.mentions DESC, n.id
LIMIT $limit
RETURN n.id AS id
`
