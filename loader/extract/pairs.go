package extract

import (
	"strconv"

	"tradegraph/loader/gazetteer"
	"tradegraph/loader/text"
)

// The supply rules read the phrasings they were written from; an article
// phrased otherwise still names its parties in a sentence about a supply.
// This file lists, for every sentence with a supply word, the pairs of
// parties the rules did not join, with the features a linear model weighs
// (pairmodel.go): what kind of party each is, which side of a border it
// stands on, where it stands against the supply word, and what the rules
// made of the sentence.

// pairCandidate is two parties one sentence may state a supply between.
type pairCandidate struct {
	sent                *sentence
	supplier, recipient string
	trigger             trigger  // the supply word nearest to the two
	features            []string // when training
	z                   float64  // the model's score, when scoring
}

// features collects a candidate's features: their names when training,
// or, when scoring, their numbers in the model and the sum of their
// weights, which looks the names up without allocating them.
type features struct {
	model *PairModel // nil: keep the names
	names []string
	ids   []int32
	z     float64
	buf   []byte
}

func (fs *features) reset() { fs.names, fs.ids, fs.z = nil, fs.ids[:0], 0 }

// add adds the feature named by the concatenation of parts.
func (fs *features) add(parts ...string) {
	fs.buf = fs.buf[:0]
	for _, p := range parts {
		fs.buf = append(fs.buf, p...)
	}
	if fs.model == nil {
		fs.names = append(fs.names, string(fs.buf))
		return
	}
	if id, ok := fs.model.ids[string(fs.buf)]; ok {
		fs.z += fs.model.base[id]
		fs.ids = append(fs.ids, id)
	}
}

// score is the candidate's score when scoring, else 0.
func (fs *features) score() float64 {
	if fs.model == nil {
		return 0
	}
	return fs.total()
}

// total is the candidate's score: the weights of its features and of the
// crosses of any two of them.
func (fs *features) total() float64 {
	z := fs.z
	for i, a := range fs.ids {
		for _, b := range fs.ids[i+1:] {
			if a != b {
				z += fs.model.cross(a, b)
			}
		}
	}
	return z
}

// party is an entity a sentence names, or one it may speak of without
// naming it.
type party struct {
	id string
	m  mention // start and end are -1 when unnamed
	e  *Entity
	// country is the party's country (or the party itself); prep is the
	// preposition before its mention.
	country, prep string
	firm, place   bool // an enterprise; a region or city
	financier     bool
	made          []string // the sentence's goods the party makes
	eventName     bool     // named only in an event's name
	// implicit says why an unnamed party is a candidate: "focus",
	// "previous" or "maker" (see sentenceParties).
	implicit string
}

// sentenceFacts is what the rules found in one sentence.
type sentenceFacts struct {
	any                   bool
	suppliers, recipients map[string]bool
	// firmFor holds the suppliers the rules gave a firm as recipient.
	firmFor map[string]bool
}

// pairCandidates lists the pairs of parties of every sentence with a
// supply word that the rules did not join either way round (found); facts
// are the rules' findings. A pair the rules joined at another level
// ("Irkutsk" and "the Irkutsk region", a firm and its subsidiary) stays:
// annotators often name both, and leaving these out cost more than it won
// on articles nobody tuned on. fs says whether to name the features or to
// weigh them.
func (d *doc) pairCandidates(f focus, facts []*fact, found map[[2]string]bool, fs *features) []pairCandidate {
	ruled := map[*sentence]*sentenceFacts{}
	for _, fa := range facts {
		sf := ruled[fa.sent]
		if sf == nil {
			sf = &sentenceFacts{suppliers: map[string]bool{}, recipients: map[string]bool{},
				firmFor: map[string]bool{}}
			ruled[fa.sent] = sf
		}
		sf.any = true
		for _, a := range fa.supplier {
			sf.suppliers[a] = true
			for _, b := range fa.recipient {
				if e := d.entity(b); e != nil && e.Type == string(gazetteer.Enterprise) {
					sf.firmFor[a] = true
				}
			}
		}
		for _, b := range fa.recipient {
			sf.recipients[b] = true
		}
	}
	var out []pairCandidate
	for _, s := range d.sents {
		triggers := d.triggersOf(s)
		if len(triggers) == 0 {
			continue
		}
		sf := ruled[s]
		if sf == nil {
			sf = &sentenceFacts{}
		}
		clues := triggerCluesOf(s.Tokens, s.mentions, triggers)
		var products []string
		for _, m := range s.mentions {
			if m.typ == gazetteer.Product {
				products = appendUnique(products, m.id)
			}
		}
		parties := d.sentenceParties(s, f, products)
		counts := countParties(parties)
		for _, a := range parties {
			if a.place || a.financier {
				continue // lenders finance goods, they do not supply them
			}
			for _, b := range parties {
				// The one unnamed party that may receive is the host, and
				// only from a party the sentence names.
				unnamedRecipient := b.implicit != "" && (a.implicit != "" || b.implicit != "host")
				if b.id == a.id || unnamedRecipient || d.unlikelyPair(a, b, sf) || found[[2]string{a.id, b.id}] || found[[2]string{b.id, a.id}] {
					continue
				}
				fs.reset()
				d.partyFeatures(fs, a, b, counts, products, f)
				ruleFeatures(fs, a.id, b.id, sf)
				countryFeatures(fs, a, b, f)
				k := nearestTrigger(triggers, a, b)
				d.positionFeatures(fs, s, a, b, triggers[k], clues[k])
				if d.titled && s.Para == 0 {
					fs.add("title")
				}
				out = append(out, pairCandidate{sent: s, supplier: a.id, recipient: b.id, trigger: triggers[k], features: fs.names, z: fs.score()})
			}
		}
	}
	return out
}

// unlikelyPair reports pairs the annotated articles (almost) never have
// a supply between, left out to save the model's time: a country
// supplying a firm or a place, a firm its own country, anyone a lender, a
// firm its parent or subsidiary, and a recipient the rules made a
// supplier in the same sentence. It also keeps the decisions the rules
// make on purpose: the place is
// part of an event's name ("the St. Petersburg International Economic
// Forum"), the recipient is the supplier's dealer, or the rules named a
// firm as the supplier's recipient, which is more specific than any place.
func (d *doc) unlikelyPair(a, b party, sf *sentenceFacts) bool {
	switch {
	case !a.firm: // a country
		return b.firm || b.place && b.e.Type != string(gazetteer.Region)
	case !b.firm && !b.place: // a firm's own country
		if a.country == b.id {
			return true
		}
	}
	if b.financier || sf.suppliers[b.id] || a.e.Parent == b.id || b.e.Parent == a.id || d.dealerOf[b.id] == a.id {
		return true
	}
	return !b.firm && sf.firmFor[a.id] || b.eventName
}

// partyFeatures says what kind of parties the two are and what else the
// sentence names.
func (d *doc) partyFeatures(fs *features, a, b party, sc sentenceCounts, products []string, f focus) {
	fs.add("bias")
	ta, tb := a.e.Type, b.e.Type
	fs.add("types=", ta, ">", tb)
	fs.add("firms=", bucket(sc.firms))
	if !b.firm && sc.firms > 0 {
		fs.add("place-beside-firm")
	}
	if d.dealerOf[a.id] != "" {
		fs.add("supplier-dealer")
	}
	if b.implicit != "" {
		fs.add("recipient-implicit=", b.implicit)
		fs.add("recipient-implicit=", b.implicit, "/types=", ta, ">", tb)
	}
	if a.implicit != "" {
		fs.add("implicit=", a.implicit)
		fs.add("implicit=", a.implicit, "/types=", ta, ">", tb)
		if a.implicit == "maker" {
			fs.add("makers=", bucket(sc.makers))
		}
	}
	if len(products) > 0 {
		fs.add("goods")
		if len(a.made) > 0 {
			fs.add("supplier-makes")
			if a.implicit != "" {
				fs.add("implicit=", a.implicit, "/makes")
			}
		}
		if len(b.made) > 0 {
			fs.add("recipient-makes")
		}
		if overlaps(a.made, b.made) {
			fs.add("rivals")
		}
	}
	if a.id == f.firm {
		fs.add("supplier-focus-firm")
	}
	if b.id == f.region {
		fs.add("recipient-focus-region")
	}
}

// sentenceCounts are the sentence's named firms and unnamed makers.
type sentenceCounts struct{ firms, makers int }

func countParties(parties []party) sentenceCounts {
	var sc sentenceCounts
	for _, p := range parties {
		if p.implicit == "maker" {
			sc.makers++
		}
		if p.implicit == "" && p.firm {
			sc.firms++
		}
	}
	return sc
}

// ruleFeatures says what the rules made of the sentence: a pair they
// joined the other way round, or a party they gave the same role.
func ruleFeatures(fs *features, a, b string, sf *sentenceFacts) {
	if sf.any {
		fs.add("sentence-has-fact")
	}
	if sf.suppliers[a] {
		fs.add("rule-supplier")
	}
	if sf.recipients[b] {
		fs.add("rule-recipient")
	}
}

// sentenceParties lists the sentence's enterprises, places and countries,
// then the firms it may speak of without naming them: the article's, the
// last one named before it and the makers of its goods named elsewhere in
// the article. (An interview's "we" is a mention of the speaker's firm
// already.)
func (d *doc) sentenceParties(s *sentence, f focus, products []string) []party {
	out := make([]party, 0, len(s.mentions)+4)
	seen := func(id string) bool {
		for i := range out {
			if out[i].id == id {
				return true
			}
		}
		return false
	}
	for _, m := range s.mentions {
		switch m.typ {
		case gazetteer.Enterprise, gazetteer.Region, gazetteer.City, gazetteer.Country:
		default:
			continue
		}
		if seen(m.id) || d.entity(m.id) == nil {
			continue
		}
		out = append(out, d.newParty(m.id, m, "", s, products))
	}
	unnamed := func(id, how string) {
		if id != "" && !seen(id) {
			out = append(out, d.newParty(id, mention{start: -1, end: -1}, how, s, products))
		}
	}
	unnamed(f.firm, "focus")
	unnamed(d.host(), "host")
	if s.index > 0 {
		prev := d.sents[s.index-1]
		unnamed(d.latestFirm(prev, len(prev.Tokens)), "previous")
	}
	// Makers named in the last few sentences only: a long article names
	// many, and the goods of a sentence are seldom those of one named
	// pages before.
	for _, p := range products {
		for _, id := range d.makersOf(p) {
			if s.index-d.lastSeenBefore(id, s.index) <= recentMakerSentences {
				unnamed(id, "maker")
			}
		}
	}
	return out
}

func (d *doc) newParty(id string, m mention, implicit string, s *sentence, products []string) party {
	p := d.partyOf(id)
	p.m, p.implicit = m, implicit
	if p.firm {
		for _, g := range products {
			if d.makes(id, g) {
				p.made = append(p.made, g)
			}
		}
	}
	if implicit == "" {
		p.prep = prepBefore(s.Tokens, m.start)
		p.eventName = inEventName(s.Tokens, m)
	}
	return p
}

// host returns the firm a feature story is about: the one the article
// names as a party or refers back to most often ("the cooperative", "its
// fleet"), when it clearly leads. Brands and makers of goods do not
// count: "the depot's MAZ buses" is about the depot.
func (d *doc) host() string {
	if d.hostDone {
		return d.hostID
	}
	d.hostDone = true
	count := map[string]float64{}
	for _, s := range d.sents {
		for _, m := range s.mentions {
			if m.typ == gazetteer.Enterprise && !m.modifier && !m.brand {
				count[m.id]++
			}
		}
	}
	id := best(count, d.firstSeen)
	if count[id] >= 4 && count[id] >= 1.5*runnerUp(count, id) {
		d.hostID = id
	}
	return d.hostID
}

// recentMakerSentences is how far back an unnamed maker may have been
// named.
const recentMakerSentences = 4

// lastSeenBefore returns the index of the last sentence before i that
// names entity id, or -1000.
func (d *doc) lastSeenBefore(id string, i int) int {
	for k := i - 1; k >= 0 && k >= i-recentMakerSentences; k-- {
		for _, m := range d.sents[k].mentions {
			if m.id == id {
				return k
			}
		}
	}
	return -1000
}

// partyOf returns what a party is, whatever sentence names it, read once
// per document.
func (d *doc) partyOf(id string) party {
	if p, ok := d.parties[id]; ok {
		return p
	}
	e := d.entity(id)
	p := party{id: id, e: e, country: d.countryOf(id),
		firm:  e.Type == string(gazetteer.Enterprise),
		place: e.Type == string(gazetteer.Region) || e.Type == string(gazetteer.City)}
	p.financier = p.firm && isFinancier(e)
	if d.parties == nil {
		d.parties = map[string]party{}
	}
	d.parties[id] = p
	return p
}

// makersOf lists the article's firms that make a product, in the order
// the article names them.
func (d *doc) makersOf(product string) []string {
	makers, ok := d.makers[product]
	if !ok {
		for _, id := range d.order {
			if e := d.entity(id); e != nil && e.Type == string(gazetteer.Enterprise) && d.makes(id, product) {
				makers = append(makers, id)
			}
		}
		d.makers[product] = makers
	}
	return makers
}

// countryFeatures says which sides of a border the two parties stand on.
func countryFeatures(fs *features, a, b party, f focus) {
	ca, cb := a.country, b.country
	switch {
	case ca == "" || cb == "":
		fs.add("country-unknown")
	case ca == cb:
		fs.add("same-country")
	default:
		fs.add("cross-border")
	}
	if ca != "" && ca == f.home {
		fs.add("supplier-home")
	}
	if cb != "" && cb == f.home {
		fs.add("recipient-home")
	}
}

// positionFeatures describes where the parties stand in the sentence: the
// preposition before each, and the order of supplier, supply word and
// recipient. (The words around them and the supply words themselves are
// too many for the articles the model learns from: they made it worse.)
func (d *doc) positionFeatures(fs *features, s *sentence, a, b party, tr trigger, clues triggerClues) {
	flags := func(side string, m mention) {
		if m.ref {
			fs.add(side, "-ref")
		}
		if m.modifier {
			fs.add(side, "-modifier")
		}
		if m.demonym {
			fs.add(side, "-demonym")
		}
	}
	if a.implicit == "" {
		flags("supplier", a.m)
		fs.add("supplier-prep=", a.prep)
	}
	flags("recipient", b.m)
	fs.add("recipient-prep=", b.prep)
	cl, dir := clues.clause, clues.direction
	fs.add("direction=", dir)
	order := arrangement(tr.at, a, b)
	fs.add("order=", order, "/", dir)
	fs.add("order=", order, "/", dir, "/prep=", b.prep)
	fs.add("types=", a.e.Type, ">", b.e.Type, "/order=", order)
	if tr.passive {
		fs.add("passive/order=", order)
	}
	if b.m.start >= cl.start && b.m.end <= cl.end {
		fs.add("recipient-in-trigger-clause")
	}
	if a.implicit == "" && a.m.start >= cl.start && a.m.end <= cl.end {
		fs.add("supplier-in-trigger-clause")
	}
	if a.id == clues.nearestBefore {
		fs.add("supplier-nearest-before")
	}
	if b.id == clues.nearestAfter {
		fs.add("recipient-nearest-after")
	}
	if b.id == clues.nearestBefore {
		fs.add("recipient-nearest-before")
	}
	if a.id == clues.nearestAfter {
		fs.add("supplier-nearest-after")
	}
	if clues.negated {
		fs.add("negated")
	}
	if clues.statistic {
		fs.add("statistic")
	}
	if a.implicit != "" {
		return
	}
	lo, hi := a.m.end, b.m.start
	if b.m.start < a.m.start {
		fs.add("recipient-first")
		lo, hi = b.m.end, a.m.start
	}
	fs.add("gap=", bucket(hi-lo))
	between := 0
	for _, m := range s.mentions {
		if m.start >= lo && m.end <= hi && m.typ != gazetteer.Product {
			between++
		}
	}
	fs.add("parties-between=", bucket(between))
}

// triggerClues are what a supply word's clause says, read once per word.
type triggerClues struct {
	clause             clause
	direction          string // "give", "get" or "neutral"
	negated, statistic bool
	// nearestBefore and nearestAfter are the ids of the parties named
	// right before and after the supply word.
	nearestBefore, nearestAfter string
}

func triggerCluesOf(toks []text.Token, ms []mention, triggers []trigger) []triggerClues {
	out := make([]triggerClues, len(triggers))
	for i, tr := range triggers {
		cl := clauseOf(toks, tr.at)
		dir := "give"
		if tr.get {
			dir = "get"
		}
		if tr.neutral {
			dir = "neutral"
		}
		out[i] = triggerClues{clause: cl, direction: dir, negated: negated(toks, tr.at, cl), statistic: statistic(toks, cl)}
		if k := nearestParty(ms, tr.at, -1); k >= 0 {
			out[i].nearestBefore = ms[k].id
		}
		if k := nearestParty(ms, tr.at, +1); k >= 0 {
			out[i].nearestAfter = ms[k].id
		}
	}
	return out
}

// nearestTrigger is the index of the trigger closest to the two parties.
func nearestTrigger(triggers []trigger, a, b party) int {
	best, bestDist := 0, 1<<30
	for i, tr := range triggers {
		dist := abs(tr.at - b.m.start)
		if a.implicit == "" {
			dist += abs(tr.at - a.m.start)
		}
		if dist < bestDist {
			best, bestDist = i, dist
		}
	}
	return best
}

// arrangement spells the order of supplier (S), supply word (T) and
// recipient (R) in the sentence; an unnamed supplier is left out.
func arrangement(at int, a, b party) string {
	r := b.m.start
	if a.implicit != "" {
		if at < r {
			return "TR"
		}
		return "RT"
	}
	sp := a.m.start
	switch {
	case sp < at && at < r:
		return "STR"
	case sp < r && r <= at:
		return "SRT"
	case at <= sp && sp < r:
		return "TSR"
	case at < r && r < sp:
		return "TRS"
	case r < sp && sp <= at:
		return "RST"
	}
	return "RTS"
}

// nearestParty is the index of the enterprise, place or country mention
// nearest to token at in direction dir (-1 before, +1 after), or -1.
func nearestParty(ms []mention, at, dir int) int {
	best := -1
	for k, m := range ms {
		if m.typ == gazetteer.Product {
			continue
		}
		if dir < 0 && m.end <= at {
			best = k
		}
		if dir > 0 && m.start > at {
			return k
		}
	}
	return best
}

// bucket coarsens a count so that the model generalises over it.
func bucket(n int) string {
	switch {
	case n <= 2:
		return strconv.Itoa(n)
	case n <= 5:
		return "3-5"
	case n <= 10:
		return "6-10"
	}
	return "11+"
}
