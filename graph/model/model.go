// Package model holds the Go types behind the GraphQL schema. The types in
// this file are written by hand, because they carry ids that resolvers turn
// into related objects (STYLE: models carry ids, not children); gqlgen
// writes connections, edges and inputs to models_gen.go.
//
// Nothing here may refer to a type in models_gen.go: gqlgen deletes that
// file before it loads this package.
package model

import (
	"io"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Entity is any entity node: a country, region, city, enterprise, product,
// project or person.
type Entity interface {
	IsEntity()
	// Base returns the fields every entity has.
	Base() *EntityBase
}

// EntityBase holds the fields every entity type shares. Related entities
// are ids (CountryID, RegionID), loaded on demand by resolvers.
type EntityBase struct {
	ID         string
	Type       EntityType
	Name       string
	Aliases    []string
	Source     string
	Mentions   int
	Confidence *float64
	// CountryID and RegionID are the ids in the node's country and region
	// properties, "" when unknown.
	CountryID string
	RegionID  string
}

// Base returns b itself, so that every type embedding it satisfies Entity.
func (b *EntityBase) Base() *EntityBase { return b }

// IsEntity marks the types that implement the GraphQL Entity interface.
func (b *EntityBase) IsEntity() {}

// Country is a country node.
type Country struct {
	EntityBase
	Iso2 *string
}

// Region is a region node (oblast, krai, republic, ...).
type Region struct {
	EntityBase
	Iso  *string
	Kind *string
}

// City is a city node.
type City struct {
	EntityBase
}

// Enterprise is a company or plant.
type Enterprise struct {
	EntityBase
	Sector *string
}

// Product is a kind of goods.
type Product struct {
	EntityBase
	Category *string
}

// Project is a joint project.
type Project struct {
	EntityBase
	Status *string
}

// Person is a person named in articles.
type Person struct {
	EntityBase
	Role *string
}

// Article is an article node.
type Article struct {
	ID        string
	URL       *string
	Title     *string
	Published *Date
	Site      *string
	Source    *string
	Extractor *string
}

// Supply is one (supplier, recipient) pair and what the facts between them
// say. Unlike the other models it carries its children: the query that
// finds a page of supplies returns them in the same round trip, and
// resolving them as plain fields (rather than through resolvers, which
// gqlgen runs one goroutine each) halved the headline query's CPU time.
type Supply struct {
	ID            string
	Supplier      Entity
	Recipient     Entity
	Region        *Region
	Products      []*Product
	Status        *SupplyStatus
	Statuses      []SupplyStatus
	Quantity      *int
	EvidenceCount int
	ArticleCount  int
	// AllEvidence is the most relevant evidence, as many items as the
	// server's largest page, in the order the API returns them.
	AllEvidence []*Evidence
	// MaxEvidence is the server's largest page, which evidence(first)
	// may not exceed.
	MaxEvidence int
}

// Evidence answers Supply.evidence(first): the first items of AllEvidence.
func (s *Supply) Evidence(first *int) ([]*Evidence, error) {
	n := 20
	if first != nil {
		n = *first
	}
	if n < 0 || n > s.MaxEvidence {
		return nil, gqlerror.Errorf("evidence(first): must be between 0 and %d, the maximum page size (got %d)", s.MaxEvidence, n)
	}
	return s.AllEvidence[:min(n, len(s.AllEvidence))], nil
}

// Evidence is a sentence that states a supply, with its article.
type Evidence struct {
	Sentence   string
	Confidence float64
	Article    *Article
	Start      *int
	End        *int
	Status     *SupplyStatus
	Quantity   *int
	When       *string
	Products   []string
}

// SupplyCount is the number of supplies in one group of supplyCounts. KeyID
// is the group's entity id, "" for the group of supplies without one.
type SupplyCount struct {
	KeyID    string
	Supplies int
	Facts    int
	Articles int
	Quantity *int
}

// IngestResult reports what ingestArticle did.
type IngestResult struct {
	ArticleID string
	Status    string
	Entities  int
	Facts     int
	Warnings  []string
}

// Date is a publication date as far as it is known, in the graph's string
// form: "2023-04-22", "2023-04", "2023" or "--04-22".
type Date string

// ParseDate checks a date argument: a year, a year and month, or a full
// date, each part in range. Its errors, like every argument error in this
// package, are gqlerrors: messages for the client.
func ParseDate(s string) (Date, error) {
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return "", gqlerror.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	limits := []int{9999, 12, 31}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > limits[i] || (i > 0 && len(p) != 2) {
			return "", gqlerror.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
	}
	return Date(s), nil
}

// Start returns the first day of the period the date names, so that a
// "since" filter compares as a full date.
func (d Date) Start() string {
	switch len(d) {
	case 4:
		return string(d) + "-01-01"
	case 7:
		return string(d) + "-01"
	}
	return string(d)
}

// End returns the last day (or later, as a string) of the period the date
// names, so that an "until" filter includes all of it.
func (d Date) End() string {
	switch len(d) {
	case 4:
		return string(d) + "-12-31"
	case 7:
		return string(d) + "-31"
	}
	return string(d)
}

// UnmarshalGQL reads a Date argument.
func (d *Date) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return gqlerror.Errorf("date must be a string, got %T", v)
	}
	parsed, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}

// MarshalGQL writes the date as stored, partial dates included.
func (d Date) MarshalGQL(w io.Writer) {
	writeQuoted(w, string(d))
}

// EntityType is the kind of an entity, named like its node label.
type EntityType string

// The entity types, in schema.EntityLabels order.
const (
	EntityTypeCountry    EntityType = "COUNTRY"
	EntityTypeRegion     EntityType = "REGION"
	EntityTypeCity       EntityType = "CITY"
	EntityTypeEnterprise EntityType = "ENTERPRISE"
	EntityTypeProduct    EntityType = "PRODUCT"
	EntityTypeProject    EntityType = "PROJECT"
	EntityTypePerson     EntityType = "PERSON"
)

// AllEntityType lists every EntityType.
var AllEntityType = []EntityType{
	EntityTypeCountry, EntityTypeRegion, EntityTypeCity, EntityTypeEnterprise,
	EntityTypeProduct, EntityTypeProject, EntityTypePerson,
}

// Label returns the node label of the type: COUNTRY is Country.
func (e EntityType) Label() string {
	s := string(e)
	if s == "" {
		return ""
	}
	return s[:1] + strings.ToLower(s[1:])
}

// EntityTypeOfLabel returns the type whose node label is label.
func EntityTypeOfLabel(label string) (EntityType, bool) {
	t := EntityType(strings.ToUpper(label))
	return t, t.IsValid()
}

// IsValid reports whether e is one of the entity types.
func (e EntityType) IsValid() bool {
	for _, t := range AllEntityType {
		if t == e {
			return true
		}
	}
	return false
}

// UnmarshalGQL reads an EntityType argument.
func (e *EntityType) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok || !EntityType(s).IsValid() {
		return gqlerror.Errorf("%v is not a valid EntityType", v)
	}
	*e = EntityType(s)
	return nil
}

// MarshalGQL writes the type's name.
func (e EntityType) MarshalGQL(w io.Writer) { writeQuoted(w, string(e)) }

// SupplyStatus is how far a supply has gone. The graph stores it in lower
// case ("delivered"); the API names it in upper case.
type SupplyStatus string

// The supply statuses, most advanced first.
const (
	SupplyStatusDelivered   SupplyStatus = "DELIVERED"
	SupplyStatusOngoing     SupplyStatus = "ONGOING"
	SupplyStatusContracted  SupplyStatus = "CONTRACTED"
	SupplyStatusNegotiating SupplyStatus = "NEGOTIATING"
	SupplyStatusPlanned     SupplyStatus = "PLANNED"
	SupplyStatusProposed    SupplyStatus = "PROPOSED"
)

// AllSupplyStatus lists the statuses, most advanced first.
var AllSupplyStatus = []SupplyStatus{
	SupplyStatusDelivered, SupplyStatusOngoing, SupplyStatusContracted,
	SupplyStatusNegotiating, SupplyStatusPlanned, SupplyStatusProposed,
}

// SupplyStatusOf converts a status stored in the graph; ok is false for
// an empty or unknown one.
func SupplyStatusOf(stored string) (SupplyStatus, bool) {
	s := SupplyStatus(strings.ToUpper(stored))
	return s, s.IsValid()
}

// Stored returns the status as the graph stores it.
func (e SupplyStatus) Stored() string { return strings.ToLower(string(e)) }

// Rank orders statuses: 0 is the most advanced, len(AllSupplyStatus) an
// unknown status.
func (e SupplyStatus) Rank() int {
	for i, s := range AllSupplyStatus {
		if s == e {
			return i
		}
	}
	return len(AllSupplyStatus)
}

// IsValid reports whether e is one of the statuses.
func (e SupplyStatus) IsValid() bool { return e.Rank() < len(AllSupplyStatus) }

// UnmarshalGQL reads a SupplyStatus argument.
func (e *SupplyStatus) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok || !SupplyStatus(s).IsValid() {
		return gqlerror.Errorf("%v is not a valid SupplyStatus", v)
	}
	*e = SupplyStatus(s)
	return nil
}

// MarshalGQL writes the status's name.
func (e SupplyStatus) MarshalGQL(w io.Writer) { writeQuoted(w, string(e)) }

// EntityOrder is the order of entity lists.
type EntityOrder string

// The entity list orders.
const (
	EntityOrderMentions EntityOrder = "MENTIONS"
	EntityOrderName     EntityOrder = "NAME"
)

// UnmarshalGQL reads an EntityOrder argument.
func (e *EntityOrder) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok || (s != string(EntityOrderMentions) && s != string(EntityOrderName)) {
		return gqlerror.Errorf("%v is not a valid EntityOrder", v)
	}
	*e = EntityOrder(s)
	return nil
}

// MarshalGQL writes the order's name.
func (e EntityOrder) MarshalGQL(w io.Writer) { writeQuoted(w, string(e)) }

// SupplyGrouping is what supplyCounts groups by.
type SupplyGrouping string

// The supply groupings.
const (
	SupplyGroupingSupplier        SupplyGrouping = "SUPPLIER"
	SupplyGroupingRecipient       SupplyGrouping = "RECIPIENT"
	SupplyGroupingRecipientRegion SupplyGrouping = "RECIPIENT_REGION"
	SupplyGroupingProduct         SupplyGrouping = "PRODUCT"
)

// UnmarshalGQL reads a SupplyGrouping argument.
func (e *SupplyGrouping) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	switch SupplyGrouping(s) {
	case SupplyGroupingSupplier, SupplyGroupingRecipient, SupplyGroupingRecipientRegion, SupplyGroupingProduct:
		if ok {
			*e = SupplyGrouping(s)
			return nil
		}
	}
	return gqlerror.Errorf("%v is not a valid SupplyGrouping", v)
}

// MarshalGQL writes the grouping's name.
func (e SupplyGrouping) MarshalGQL(w io.Writer) { writeQuoted(w, string(e)) }

// writeQuoted writes s as a JSON string, escaped the way gqlgen escapes
// every other string.
func writeQuoted(w io.Writer, s string) {
	graphql.MarshalString(s).MarshalGQL(w)
}
