// Package schema owns tradegraph's Neo4j data model: the label,
// relationship-type and property names that the loader writes and the API
// reads, and the constraints and indexes that make them fast and unique.
//
// The names here are the contract with analysts' own Cypher and with
// visualization tools, so they change only on purpose.
package schema

// Node labels. Every entity node carries exactly one of the entity labels
// below plus LabelEntity, which lets one full-text index and one id lookup
// cover all of them.
const (
	LabelEntity     = "Entity"
	LabelCountry    = "Country"
	LabelRegion     = "Region"
	LabelCity       = "City"
	LabelEnterprise = "Enterprise"
	LabelProduct    = "Product"
	LabelProject    = "Project"
	LabelPerson     = "Person"
	LabelArticle    = "Article"
	// LabelSupplyPair marks the summary nodes of (supplier, recipient)
	// pairs that SupplyPairs maintains; they join nothing.
	LabelSupplyPair = "SupplyPair"
)

// EntityLabels lists the labels an entity node may carry besides
// LabelEntity, in the order the API presents them.
var EntityLabels = []string{
	LabelCountry, LabelRegion, LabelCity, LabelEnterprise,
	LabelProduct, LabelProject, LabelPerson,
}

// AllLabels lists every label tradegraph writes.
var AllLabels = append([]string{LabelEntity, LabelArticle, LabelSupplyPair}, EntityLabels...)

// IsEntityLabel reports whether label is one of EntityLabels. Queries that
// take a label at run time check it here first: labels cannot be query
// parameters in older Neo4j versions, so they must come from this allow-list.
func IsEntityLabel(label string) bool {
	for _, l := range EntityLabels {
		if l == label {
			return true
		}
	}
	return false
}

// Relationship types.
const (
	// RelSupplies joins a supplier (Enterprise or Country) to a recipient
	// (Region, City, Enterprise or Country). One relationship per
	// (supplier, recipient, product, article) fact, carrying its evidence.
	RelSupplies = "SUPPLIES"
	// RelProduces joins an Enterprise to a Product it makes.
	RelProduces = "PRODUCES"
	// RelBasedIn joins an Enterprise to its home City, Region or Country.
	RelBasedIn = "BASED_IN"
	// RelPartOf joins a City to its Region and a Region to its Country.
	RelPartOf = "PART_OF"
	// RelSubsidiaryOf joins an Enterprise to its parent Enterprise.
	RelSubsidiaryOf = "SUBSIDIARY_OF"
	// RelParticipatesIn joins an Enterprise, Region or Country to a Project.
	RelParticipatesIn = "PARTICIPATES_IN"
	// RelLocatedIn joins a Project to its City or Region.
	RelLocatedIn = "LOCATED_IN"
	// RelMentions joins an Article to every entity it names.
	RelMentions = "MENTIONS"
)

// FactTypes lists the relationship types that extraction produces from
// article text; each such relationship carries the article id and evidence.
var FactTypes = []string{
	RelSupplies, RelProduces, RelBasedIn, RelPartOf, RelSubsidiaryOf,
	RelParticipatesIn, RelLocatedIn,
}

// AllRelTypes lists every relationship type tradegraph writes.
var AllRelTypes = append(append([]string{}, FactTypes...), RelMentions)

// Property names. Node and relationship properties share one vocabulary.
const (
	PropID        = "id"        // stable id, e.g. "enterprise:maz", "region:ru-ark"
	PropName      = "name"      // display name: the caption tools show
	PropAliases   = "aliases"   // other spellings, a list of strings
	PropNameText  = "nameText"  // name and aliases in one string for the full-text index
	PropCountry   = "country"   // id of an entity's country ("country:by")
	PropRegion    = "region"    // id of a City's or Enterprise's region
	PropSite      = "site"      // an Article's publisher
	PropCount     = "count"     // how often an article names an entity (on MENTIONS)
	PropISO2      = "iso2"      // a Country's ISO 3166-1 alpha-2 code
	PropISO       = "iso"       // a Region's ISO 3166-2 code
	PropKind      = "kind"      // a Region's kind: oblast, krai, republic, ...
	PropSector    = "sector"    // an Enterprise's industry
	PropCategory  = "category"  // a Product's category
	PropRole      = "role"      // a Person's role, when stated
	PropStatus    = "status"    // a Project's or a supply's status
	PropSource    = "source"    // where an entity or article came from
	PropMentions  = "mentions"  // number of articles that mention an entity
	PropURL       = "url"       // an Article's URL
	PropTitle     = "title"     // an Article's title
	PropPublished = "published" // an Article's publication date, as known
	PropHash      = "hash"      // an Article's content hash, to skip unchanged reloads
	PropExtractor = "extractor" // version of the extractor that read an Article

	PropArticle     = "article"     // id of the Article a fact comes from
	PropSentence    = "sentence"    // the evidence sentence of a fact
	PropStart       = "start"       // character offset of the evidence in the article body
	PropEnd         = "end"         // end offset of the evidence
	PropConfidence  = "confidence"  // confidence of a fact or mention, in [0,1]
	PropProduct     = "product"     // id of the Product a supply is about
	PropProducts    = "products"    // names of all products the evidence names
	PropProductName = "productName" // name of the Product a supply is about
	PropQuantity    = "quantity"    // number of units when stated
	PropWhen        = "when"        // time expression of a fact, as written

	// Properties of SupplyPair nodes (see pairs.go).
	PropSupplier         = "supplier"         // id of the pair's supplier
	PropRecipient        = "recipient"        // id of the pair's recipient
	PropSupplierCountry  = "supplierCountry"  // the supplier's country id
	PropRecipientCountry = "recipientCountry" // the recipient's country id
	PropSortKey          = "sortKey"          // the pair's place in the API's order
)

// Entity sources: gazetteer entities are known facts; discovered ones were
// found in text by cue patterns and can be dropped when no article names
// them any more.
const (
	SourceGazetteer  = "gazetteer"
	SourceDiscovered = "discovered"
)
