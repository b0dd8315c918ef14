// Package extract reads a clean article the way a trade analyst does: it
// finds the countries, regions, cities, enterprises, products, projects and
// people the article names, and the facts it states about them — first of
// all who supplies what to whom — each with its evidence sentence and a
// confidence. It is pure: no database, no clock, no I/O.
package extract

import (
	"cmp"
	"fmt"
	"strings"
	"unicode/utf8"

	"tradegraph/loader/gazetteer"
	"tradegraph/loader/source"
)

// Version names the extraction rules and pair model; the loader stores it
// on every Article so that a graph built by an older extractor can be
// told apart, and reads such articles again.
const Version = "rules-2"

// Extractor reads documents with one gazetteer. It is safe for concurrent
// use.
type Extractor struct {
	gaz   *gazetteer.Gazetteer
	pairs *PairModel // nil: the rules alone
}

// New returns an extractor that knows the names in gaz and scores the
// pairs the rules miss with the model trained on the dev set.
func New(gaz *gazetteer.Gazetteer) *Extractor {
	return &Extractor{gaz: gaz, pairs: DefaultPairModel()}
}

// ExtractChecked is Extract that turns a panic, a rule meeting text it was
// not written for, into an error for this document alone, so that one
// article never costs the others of a run.
func (x *Extractor) ExtractChecked(doc *source.Document) (res *Result, err error) {
	defer recoverInto(&err, doc)
	return x.Extract(doc), nil
}

// TraceChecked is Trace with the same guard as ExtractChecked.
func (x *Extractor) TraceChecked(doc *source.Document) (trace string, err error) {
	defer recoverInto(&err, doc)
	return x.Trace(doc), nil
}

// recoverInto, deferred, turns a panic into an error naming the document.
func recoverInto(err *error, doc *source.Document) {
	if r := recover(); r != nil {
		name := "document"
		if doc != nil {
			name = doc.Origin
		}
		*err = fmt.Errorf("extract %s: internal error: %v", name, r)
	}
}

// Extract reads one document.
func (x *Extractor) Extract(doc *source.Document) *Result {
	res := &Result{Source: doc.Origin, ArticleID: doc.ID, URL: doc.URL, Title: doc.Title,
		Published: doc.Published.String(), Entities: []Entity{}, Relations: []Relation{}}
	titled := opensWithTitle(doc)
	if len(doc.Text) <= segmentSize {
		entities, relations := x.read(doc.Text, titled, 0, doc.Dateline)
		// An article without facts still prints "relations": [].
		res.Entities = append(res.Entities, entities...)
		res.Relations = append(res.Relations, relations...)
		return res
	}
	// A huge input is no news article; read it a segment at a time so
	// that memory stays bounded, and merge what the segments find.
	byID := map[string]int{}
	runes := 0
	for i, seg := range segments(doc.Text) {
		dateline := ""
		if i == 0 {
			dateline = doc.Dateline
		}
		entities, relations := x.read(seg, titled && i == 0, runes, dateline)
		runes += utf8.RuneCountInString(seg)
		res.Relations = append(res.Relations, relations...)
		for _, e := range entities {
			if k, ok := byID[e.ID]; ok {
				res.Entities[k].Mentions += e.Mentions
				continue
			}
			byID[e.ID] = len(res.Entities)
			res.Entities = append(res.Entities, e)
		}
	}
	return res
}

// opensWithTitle reports a text that starts with its headline paragraph.
func opensWithTitle(doc *source.Document) bool {
	return doc.Title != "" && strings.HasPrefix(doc.Text, doc.Title)
}

// segmentSize bounds the text read at once: far above any article.
const segmentSize = 256 << 10

// segments cuts text at paragraph breaks into pieces of about segmentSize,
// keeping every byte (each piece but the last ends with its break).
func segments(text string) []string {
	var out []string
	for len(text) > segmentSize {
		cut := strings.LastIndex(text[:segmentSize], "\n")
		if cut <= 0 {
			cut = segmentSize
			for cut < len(text) && !utf8.RuneStart(text[cut]) {
				cut++
			}
		} else {
			cut++
		}
		out = append(out, text[:cut])
		text = text[cut:]
	}
	return append(out, text)
}

// read extracts one text; base is the character offset of the text in the
// document, added to evidence offsets, and dateline the place of the
// agency dateline cut from its start.
func (x *Extractor) read(text string, titled bool, base int, dateline string) ([]Entity, []Relation) {
	d, f := x.readDiscourse(text, titled, base)
	d.addDateline(dateline)
	supplies := d.findSupplies(f)
	supplies = append(supplies, d.learnedSupplies(f, supplies, x.pairs)...)
	relations := d.supplyRelations(supplies)
	relations = append(relations, d.otherFacts()...)
	d.mergeProductVariants(relations)
	return d.outputEntities(), relations
}

// readDiscourse reads what the facts build on: the mentions, the focus,
// what "the region" or "the plant" refers to, dealers and speakers.
func (x *Extractor) readDiscourse(text string, titled bool, base int) (*doc, focus) {
	d := newDoc(x.gaz, text)
	d.titled = titled
	d.base = base
	d.findMentions()
	f := d.findFocus()
	d.resolveReferences(f)
	d.readMakerDescriptions()
	// "the plant's dealer X": once "the plant" is resolved, its dealers.
	for _, s := range d.sents {
		d.noteDealers(s.Tokens, s.mentions)
	}
	d.findSpeakers()
	// An interview whose speaker is introduced without the firm's name
	// ("Deputy Director General for Sales Viktor Goncharik told TASS")
	// speaks for the firm the article is about.
	if d.speaker[-1] == "" && d.isInterview() {
		if firm := cmp.Or(f.firm, d.interviewee()); firm != "" {
			d.speaker[-1] = firm
			d.weIsSpeaker()
		}
	}
	return d, f
}

// mergeProductVariants folds a product named with an extra modifier into
// the plainer product the same article names: "city buses" and "buses"
// are one kind of goods to the reader, so the article lists "buses" with
// "city buses" among its spellings.
func (d *doc) mergeProductVariants(rels []Relation) {
	into := map[string]string{}
	for _, a := range d.order {
		ea := d.entities[a]
		if ea.Type != string(gazetteer.Product) {
			continue
		}
		for _, b := range d.order {
			eb := d.entities[b]
			if a == b || eb.Type != string(gazetteer.Product) || into[b] != "" {
				continue
			}
			if wordSuffix(strings.ToLower(ea.Name), strings.ToLower(eb.Name)) || d.shortFormOf(a, b) {
				into[a] = b
				break
			}
		}
	}
	if len(into) == 0 {
		return
	}
	// In the text's order, so that the output is the same on every run.
	for _, from := range d.order {
		to := into[from]
		if to == "" {
			continue
		}
		for into[to] != "" {
			to = into[to]
		}
		src, dst := d.entities[from], d.entities[to]
		dst.Mentions += src.Mentions
		dst.Aliases = appendUnique(dst.Aliases, src.Name)
		for _, s := range d.surfaces[from] {
			d.surfaces[to] = appendUnique(d.surfaces[to], s)
		}
		delete(d.entities, from)
		into[from] = to
	}
	var order []string
	for _, id := range d.order {
		if d.entities[id] != nil {
			order = append(order, id)
		}
	}
	d.order = order
	for i := range rels {
		r := &rels[i]
		if to := into[r.FromID]; to != "" {
			r.FromID, r.From = to, d.nameOf(to)
		}
		if to := into[r.ToID]; to != "" {
			r.ToID, r.To = to, d.nameOf(to)
		}
		var ids, names []string
		for _, p := range r.ProductIDs {
			if to := into[p]; to != "" {
				p = to
			}
			if !contains(ids, p) {
				ids = append(ids, p)
				names = append(names, d.nameOf(p))
			}
		}
		r.ProductIDs, r.Products = ids, names
	}
}

// shortFormOf reports whether the article names product a only by a
// bare word that ends a name of product b: "harvesters" after "forage
// harvesters" are those, whatever kind of harvesters the word alone
// would mean.
func (d *doc) shortFormOf(a, b string) bool {
	if len(d.surfaces[a]) == 0 {
		return false
	}
	for _, s := range d.surfaces[a] {
		s = strings.ToLower(s)
		if strings.Contains(s, " ") {
			return false
		}
		found := wordSuffix(strings.ToLower(d.entities[b].Name), s)
		for _, t := range d.surfaces[b] {
			found = found || wordSuffix(strings.ToLower(t), s)
		}
		if !found {
			return false
		}
	}
	return true
}

// wordSuffix reports whether long ends with the words of short and has
// more words: "city buses" ends with "buses".
func wordSuffix(long, short string) bool {
	return len(long) > len(short) && strings.HasSuffix(long, " "+short)
}

// outputEntities lists the document's named entities in order of first
// mention, with the spellings the text used among their aliases.
func (d *doc) outputEntities() []Entity {
	out := make([]Entity, 0, len(d.order))
	for _, id := range d.order {
		e := *d.entities[id]
		for _, s := range d.surfaces[id] {
			if !strings.EqualFold(s, e.Name) {
				e.Aliases = appendUnique(e.Aliases, s)
			}
		}
		if e.Confidence == 0 {
			e.Confidence = confGazetteer
		}
		out = append(out, e)
	}
	return out
}

// supplyRelations merges the supply facts of a document into relations:
// one per supplier, recipient and deal. Statements of the same pair that
// give no number of units of their own fold into the deal they belong to;
// deals with their own quantities stay apart ("shipped 190 elevators ...
// signed a contract for another 350").
func (d *doc) supplyRelations(facts []*fact) []Relation {
	facts = d.dropCountryRestatements(facts)
	type key struct{ from, to string }
	groups := map[key][]*fact{}
	var keys []key
	for _, fa := range facts {
		for _, s := range fa.supplier {
			for _, r := range fa.recipient {
				k := key{s, r}
				if groups[k] == nil {
					keys = append(keys, k)
				}
				groups[k] = append(groups[k], fa)
			}
		}
	}
	bodySuppliers := map[string]bool{}
	for _, fa := range facts {
		if !fa.title {
			for _, s := range fa.supplier {
				bodySuppliers[s] = true
			}
		}
	}
	var out []Relation
	for _, k := range keys {
		if onlyTitle(groups[k]) && bodySuppliers[k.from] {
			continue // a headline's grammar is loose; the body must agree
		}
		d.ensureEntity(k.from)
		d.ensureEntity(k.to)
		var deals []*Relation
		var weak []*fact
		for _, fa := range groups[k] {
			if fa.quantity == 0 || fa.title && len(groups[k]) > 1 || fa.firstPart && fa.status == StatusPlanned && hasContract(groups[k]) {
				weak = append(weak, fa)
				continue
			}
			if r := d.sameDeal(deals, fa); r != nil {
				d.fold(r, fa) // one deal told by two triggers
				continue
			}
			deals = append(deals, d.relationOf(k.from, k.to, fa))
		}
		for _, fa := range weak {
			target := matchingDeal(deals, fa)
			if target == nil && len(deals) > 0 && (fa.title || len(fa.products) == 0 || fa.generic) {
				target = deals[0] // a retelling without goods of its own
			}
			if target != nil && !fa.title && furtherDeal(target.Status, fa.status) {
				// "... and the two companies have agreed to increase
				// deliveries": a deal to come, unless a deal of its kind
				// was told.
				target = sameKindDeal(deals, fa)
			}
			if target == nil {
				deals = append(deals, d.relationOf(k.from, k.to, fa))
				continue
			}
			d.fold(target, fa)
		}
		for _, r := range deals {
			out = append(out, *r)
		}
	}
	return out
}

// dropCountryRestatements drops a country-level fact that a firm-level one
// states again: "146 Belarusian tractors" and "146 tractors produced by the
// Minsk Tractor Works" are one delivery, by MTZ.
func (d *doc) dropCountryRestatements(facts []*fact) []*fact {
	var out []*fact
	for _, fa := range facts {
		if len(fa.supplier) == 1 && d.isCountry(fa.supplier[0]) && fa.quantity > 0 && d.restatedByFirm(fa, facts) {
			continue
		}
		// A headline's "Belarus, Uzbekistan sign contracts for buses" or
		// "Smolensk farmers renew fleet with Belarusian tractors" sums up
		// what the body tells firm by firm, to the same recipient or of
		// the same goods.
		if fa.title && len(fa.supplier) == 1 && d.isCountry(fa.supplier[0]) && d.toldByFirms(fa, facts) {
			continue
		}
		out = append(out, fa)
	}
	return out
}

func (d *doc) restatedByFirm(fa *fact, facts []*fact) bool {
	for _, o := range facts {
		if o == fa || o.quantity != fa.quantity || !sameIDs(o.recipient, fa.recipient) || !overlaps(o.products, fa.products) {
			continue
		}
		for _, s := range o.supplier {
			if e := d.entity(s); e != nil && e.Type == string(gazetteer.Enterprise) && d.countryOf(s) == fa.supplier[0] {
				return true
			}
		}
	}
	return false
}

func (d *doc) toldByFirms(fa *fact, facts []*fact) bool {
	for _, o := range facts {
		if o.title || !d.within(o.recipient, fa.recipient) && !overlaps(o.products, fa.products) {
			continue
		}
		for _, s := range o.supplier {
			if e := d.entity(s); e != nil && e.Type == string(gazetteer.Enterprise) && d.countryOf(s) == fa.supplier[0] {
				return true
			}
		}
	}
	return false
}

func onlyTitle(facts []*fact) bool {
	for _, fa := range facts {
		if !fa.title {
			return false
		}
	}
	return true
}

// sameDeal returns the deal with the same status and quantity as fa, or
// one told in the same sentence with the same quantity ("a contract for
// the delivery of 10 trolleybuses"), whose status then becomes the more
// telling of the two.
func (d *doc) sameDeal(deals []*Relation, fa *fact) *Relation {
	for _, r := range deals {
		if r.Status == fa.status && r.Quantity == fa.quantity {
			return r
		}
	}
	for _, r := range deals {
		if r.Quantity == fa.quantity && r.Evidence[0].Start == d.evidence(fa.sent, 0).Start {
			if r.Status == StatusOngoing {
				r.Status = fa.status
			}
			return r
		}
	}
	return nil
}

// matchingDeal returns the deal a statement without quantity belongs to:
// one with the same status, else one with the same products.
func matchingDeal(deals []*Relation, fa *fact) *Relation {
	for _, r := range deals {
		if r.Status == fa.status {
			return r
		}
	}
	for _, r := range deals {
		if overlaps(r.ProductIDs, fa.products) {
			return r
		}
	}
	return nil
}

// furtherDeal reports whether a fact with status b and a deal with status
// a are two deals, one done or running and one still to come, rather than
// one deal told twice.
func furtherDeal(a, b string) bool {
	return isDone(a) && isToCome(b) || isToCome(a) && isDone(b)
}

// sameKindDeal returns the first deal that is, like fa, done or to come.
func sameKindDeal(deals []*Relation, fa *fact) *Relation {
	for _, r := range deals {
		if !furtherDeal(r.Status, fa.status) {
			return r
		}
	}
	return nil
}

// hasContract reports whether one of the facts is a contracted deal.
func hasContract(facts []*fact) bool {
	for _, fa := range facts {
		if fa.status == StatusContracted {
			return true
		}
	}
	return false
}

func isDone(status string) bool { return status == StatusDelivered || status == StatusOngoing }

func isToCome(status string) bool {
	return status == StatusPlanned || status == StatusNegotiating || status == StatusContracted || status == StatusProposed
}

func (d *doc) relationOf(from, to string, fa *fact) *Relation {
	r := &Relation{Type: "SUPPLIES", From: d.nameOf(from), To: d.nameOf(to), FromID: from, ToID: to,
		Status: fa.status, Quantity: fa.quantity, When: fa.when, Confidence: fa.conf}
	d.addProducts(r, fa.products)
	r.Evidence = append(r.Evidence, d.evidence(fa.sent, fa.conf))
	return r
}

// fold adds a statement to a relation it repeats.
func (d *doc) fold(r *Relation, fa *fact) {
	d.addProducts(r, fa.products)
	if r.When == "" {
		r.When = fa.when
	}
	if fa.conf > r.Confidence {
		r.Confidence = fa.conf
	}
	ev := d.evidence(fa.sent, fa.conf)
	for _, e := range r.Evidence {
		if e.Start == ev.Start {
			return
		}
	}
	r.Evidence = append(r.Evidence, ev)
}

func (d *doc) addProducts(r *Relation, ids []string) {
	for _, id := range ids {
		if !contains(r.ProductIDs, id) {
			r.ProductIDs = append(r.ProductIDs, id)
			r.Products = append(r.Products, d.nameOf(id))
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// nameOf returns the display name of an entity id.
func (d *doc) nameOf(id string) string {
	if e := d.entity(id); e != nil {
		return e.Name
	}
	return id
}

// ensureEntity makes sure an entity that a fact refers to is listed, even
// when the text only referred to it ("the region").
func (d *doc) ensureEntity(id string) {
	if _, ok := d.entities[id]; ok {
		return
	}
	e := d.newEntity(id, "", "", 0)
	if e == nil {
		return
	}
	e.Confidence = 0.6
	d.entities[id] = e
	d.firstSeen[id] = len(d.sents)
	d.order = append(d.order, id)
}

// evidence returns a sentence as evidence, with character offsets.
func (d *doc) evidence(s *sentence, conf float64) Evidence {
	start, end := d.runeOffsets(s)
	return Evidence{
		Sentence:   d.text[s.Start:s.End],
		Start:      d.base + start,
		End:        d.base + end,
		Confidence: conf,
	}
}

// runeOffsets returns the character offsets of sentence s, counting the
// characters of the text once for all sentences rather than per fact.
func (d *doc) runeOffsets(s *sentence) (start, end int) {
	if d.runeStarts == nil {
		d.runeStarts = make([][2]int, len(d.sents))
		runes, at := 0, 0
		for i, o := range d.sents {
			if o.Start < at { // sentences never overlap; count afresh if they did
				runes, at = utf8.RuneCountInString(d.text[:o.Start]), o.Start
			}
			runes += utf8.RuneCountInString(d.text[at:o.Start])
			start := runes
			runes += utf8.RuneCountInString(d.text[o.Start:o.End])
			d.runeStarts[i] = [2]int{start, runes}
			at = o.End
		}
	}
	r := d.runeStarts[s.index]
	return r[0], r[1]
}
