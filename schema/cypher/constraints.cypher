// Constraints and indexes, applied in order by schema.Apply. Every statement
// is idempotent (IF NOT EXISTS) so that migrate, load and serve can all run
// them on every start. Statements are separated by semicolons.

// One node per real-world thing: the loader MERGEs on id, and a unique
// constraint both enforces that and backs the MERGE with an index.
CREATE CONSTRAINT entity_id_unique IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT country_id_unique IF NOT EXISTS FOR (n:Country) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT region_id_unique IF NOT EXISTS FOR (n:Region) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT city_id_unique IF NOT EXISTS FOR (n:City) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT enterprise_id_unique IF NOT EXISTS FOR (n:Enterprise) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT product_id_unique IF NOT EXISTS FOR (n:Product) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT project_id_unique IF NOT EXISTS FOR (n:Project) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id_unique IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT article_id_unique IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE;

// Lookups and sorting by display name.
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE INDEX country_name IF NOT EXISTS FOR (n:Country) ON (n.name);
CREATE INDEX region_name IF NOT EXISTS FOR (n:Region) ON (n.name);
CREATE INDEX city_name IF NOT EXISTS FOR (n:City) ON (n.name);
CREATE INDEX enterprise_name IF NOT EXISTS FOR (n:Enterprise) ON (n.name);
CREATE INDEX product_name IF NOT EXISTS FOR (n:Product) ON (n.name);
CREATE INDEX project_name IF NOT EXISTS FOR (n:Project) ON (n.name);
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);

// Articles are listed by date and found by URL and content hash.
CREATE INDEX article_published IF NOT EXISTS FOR (n:Article) ON (n.published);
CREATE INDEX article_url IF NOT EXISTS FOR (n:Article) ON (n.url);

// Countries and regions are looked up by ISO code in API filters.
CREATE INDEX country_iso2 IF NOT EXISTS FOR (n:Country) ON (n.iso2);
CREATE INDEX region_iso IF NOT EXISTS FOR (n:Region) ON (n.iso);

// Replacing an article's facts deletes its relationships by article id;
// these relationship indexes keep that from scanning every fact.
CREATE INDEX supplies_article IF NOT EXISTS FOR ()-[r:SUPPLIES]-() ON (r.article);
CREATE INDEX produces_article IF NOT EXISTS FOR ()-[r:PRODUCES]-() ON (r.article);
CREATE INDEX based_in_article IF NOT EXISTS FOR ()-[r:BASED_IN]-() ON (r.article);
CREATE INDEX part_of_article IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.article);
CREATE INDEX subsidiary_of_article IF NOT EXISTS FOR ()-[r:SUBSIDIARY_OF]-() ON (r.article);
CREATE INDEX participates_in_article IF NOT EXISTS FOR ()-[r:PARTICIPATES_IN]-() ON (r.article);
CREATE INDEX located_in_article IF NOT EXISTS FOR ()-[r:LOCATED_IN]-() ON (r.article);

// Supplies are filtered by product and status in the headline query.
CREATE INDEX supplies_product IF NOT EXISTS FOR ()-[r:SUPPLIES]-() ON (r.product);
CREATE INDEX supplies_status IF NOT EXISTS FOR ()-[r:SUPPLIES]-() ON (r.status);

// Summary of each (supplier, recipient) pair of SUPPLIES facts (see
// pairs.go): the API pages the headline question over sortKey, whose index
// hands the pairs over in order, so a page reads its own pairs only.
CREATE CONSTRAINT supply_pair_id_unique IF NOT EXISTS FOR (n:SupplyPair) REQUIRE n.id IS UNIQUE;
CREATE INDEX supply_pair_sort IF NOT EXISTS FOR (n:SupplyPair) ON (n.sortKey);
CREATE INDEX supply_pair_supplier IF NOT EXISTS FOR (n:SupplyPair) ON (n.supplier);
CREATE INDEX supply_pair_recipient IF NOT EXISTS FOR (n:SupplyPair) ON (n.recipient);

// Full-text search over names and aliases of every entity.
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.nameText];
