package extract

// Result is what extraction reads out of one document, in the JSON shape the
// evaluation scorer (shared/eval/score.py) reads: "source", "entities" with
// type/name/aliases and "relations" with type/from/to/products/status/
// quantity, plus ids, evidence and confidences for the loader.
type Result struct {
	Source    string     `json:"source"`
	ArticleID string     `json:"article"`
	URL       string     `json:"url,omitempty"`
	Title     string     `json:"title,omitempty"`
	Published string     `json:"published,omitempty"`
	Entities  []Entity   `json:"entities"`
	Relations []Relation `json:"relations"`
}

// Entity is a thing the document names, resolved to a stable id.
type Entity struct {
	ID      string   `json:"id"`
	Type    string   `json:"type"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
	// Country, Region, City and Parent hold ids of related entities when
	// known (from the gazetteer or the text).
	Country  string `json:"country,omitempty"`
	Region   string `json:"region,omitempty"`
	City     string `json:"city,omitempty"`
	Parent   string `json:"parent,omitempty"`
	ISO      string `json:"iso,omitempty"`
	Kind     string `json:"kind,omitempty"`
	Category string `json:"category,omitempty"`
	Sector   string `json:"sector,omitempty"`
	Role     string `json:"role,omitempty"`
	// Known is true for gazetteer entities and false for names discovered
	// in the text by cue patterns.
	Known      bool    `json:"known"`
	Mentions   int     `json:"mentions"`
	Confidence float64 `json:"confidence"`
}

// Relation is one fact, with the sentences that state it.
type Relation struct {
	Type string `json:"type"`
	// From and To are entity names, as the scorer expects; FromID and ToID
	// are the ids the loader uses.
	From       string   `json:"from"`
	To         string   `json:"to"`
	FromID     string   `json:"fromId"`
	ToID       string   `json:"toId"`
	Products   []string `json:"products,omitempty"`
	ProductIDs []string `json:"productIds,omitempty"`
	// Status of a supply: delivered, ongoing, contracted, negotiating,
	// planned or proposed.
	Status string `json:"status,omitempty"`
	// Quantity is the number of units when the text states one.
	Quantity   int        `json:"quantity,omitempty"`
	When       string     `json:"when,omitempty"`
	Confidence float64    `json:"confidence"`
	Evidence   []Evidence `json:"evidence"`
}

// Evidence is a sentence that states a fact. Start and End are character
// (Unicode code point) offsets into the document's clean text.
type Evidence struct {
	Sentence   string  `json:"sentence"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Confidence float64 `json:"confidence"`
}

// Supply statuses, from the annotation guidelines.
const (
	StatusDelivered   = "delivered"
	StatusOngoing     = "ongoing"
	StatusContracted  = "contracted"
	StatusNegotiating = "negotiating"
	StatusPlanned     = "planned"
	StatusProposed    = "proposed"
)
