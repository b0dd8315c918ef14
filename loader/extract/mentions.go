package extract

import (
	"sort"
	"strings"

	"tradegraph/loader/gazetteer"
	"tradegraph/loader/text"
)

// mention is a span of a sentence that names an entity.
type mention struct {
	start, end int // token indices in the sentence, end exclusive
	id         string
	typ        gazetteer.Type
	// demonym marks a country named by its adjective ("Belarusian").
	demonym bool
	// ref marks a mention that refers back ("the region", "you") rather
	// than names; it does not make the entity a named entity of the text.
	ref bool
	// modifier marks a name used as an attribute of goods ("MAZ buses",
	// "Belarusian tractors"); it is less salient for "the company".
	modifier bool
	// brand marks a model brand that is not the maker's name ("Belarus"
	// in "Belarus-3522"); it adds no spelling to the maker.
	brand bool
	// model marks a maker followed by a model number ("Amkodor 2551
	// forwarders"): the number is no count.
	model bool
	conf  float64
}

// sentence is a sentence with what extraction found in it.
type sentence struct {
	text.Sentence
	index    int
	mentions []mention // ordered by start
}

// doc holds the state of extracting one document.
type doc struct {
	gaz      *gazetteer.Gazetteer
	text     string
	sents    []*sentence
	entities map[string]*Entity
	// surface forms seen per entity id, added to its aliases.
	surfaces map[string][]string
	// first sentence index where an entity appears, for ordering.
	firstSeen map[string]int
	order     []string
	// discovered holds entities found by cue patterns, not the gazetteer.
	discovered map[string]*Entity
	// acronyms defined for lowercase things: "(PTA)" after "terephthalic acid".
	acronyms map[string]bool
	// sameAs maps a discovered firm to the firm whose other name the text
	// gave in brackets right after it: "the Ural Transport Machinery Plant
	// (Uraltransmash)".
	sameAs map[string]string
	// dealerOf maps a dealer to the maker it sells for: "MTZ together
	// with its official dealer Sibagrotrade".
	dealerOf map[string]string
	// firmNames are discovered firms' names, matched bare later on.
	firmNames []firmName
	// events holds names the text gave to fairs and forums.
	events map[string]bool
	// speaker maps a paragraph index to the enterprise speaking in it.
	speaker map[int]string
	// hostID is the firm a feature story is about (see host).
	hostID   string
	hostDone bool
	// describedMakes lists the goods the article says a firm makes (see
	// readMakerDescriptions).
	describedMakes map[string][]string
	// makers lists, per product, the article's firms that make it.
	makers map[string][]string
	// parties holds what each party of the pair model is (see partyOf).
	parties map[string]party
	// triggers holds each sentence's supply words (see triggersOf).
	triggers map[int][]trigger
	// titled is set when the text opens with the headline paragraph.
	titled bool
	// base is the character offset of text in the whole document.
	base int
	// pending is a supply clause that named goods and supplier but no
	// recipient; a later clause of the same sentence may complete it.
	pending *fact
	// runeStarts holds each sentence's character offsets, counted once.
	runeStarts [][2]int
	// whenCache holds the time expression of each clause read so far.
	whenCache map[[3]int]string
	// lastContract holds the parties of the latest contract told without
	// its goods: "X signed a new contract with Y. It provides for the
	// supply of 1,300 elevators."
	lastContract *fact
}

func newDoc(gaz *gazetteer.Gazetteer, body string) *doc {
	d := &doc{gaz: gaz, text: body, entities: map[string]*Entity{},
		surfaces: map[string][]string{}, firstSeen: map[string]int{},
		makers: map[string][]string{}}
	for i, s := range text.Sentences(body) {
		d.sents = append(d.sents, &sentence{Sentence: s, index: i})
	}
	return d
}

// span returns the text of tokens [i, j) of a sentence.
func (d *doc) span(s *sentence, i, j int) string {
	return d.text[s.Tokens[i].Start:s.Tokens[j-1].End]
}

// findMentions fills every sentence's mentions: gazetteer names, listed
// regions, discovered enterprises and people.
func (d *doc) findMentions() {
	persons := map[string]string{} // surname (folded) -> person id
	for _, s := range d.sents {
		var ms []mention
		for _, m := range d.gaz.Match(s.Tokens) {
			ref := pickRef(m.Refs, s.Tokens, m.Start)
			ms = append(ms, mention{start: m.Start, end: m.End, id: ref.ID, typ: ref.Type,
				demonym: ref.Demonym, conf: 0.95})
		}
		ms = d.modelBrands(s.Tokens, ms)
		d.bracketedShortForms(s.Tokens, ms)
		ms = d.listedRegions(s, ms)
		ms = d.discoveredAgain(s, ms)
		ms = d.discoverEnterprises(s, ms)
		ms = d.discoverPersons(s, ms, persons)
		d.noteMakerNouns(s.Tokens, ms)
		ms = dropFieldProducts(s.Tokens, ms)
		sort.Slice(ms, func(i, j int) bool { return ms[i].start < ms[j].start })
		ms = d.bracketedNames(s.Tokens, ms)
		d.discoveredHomes(s.Tokens, ms)
		for i := range ms {
			if i+1 < len(ms) && ms[i+1].typ == gazetteer.Product && ms[i+1].start-ms[i].end <= 1 &&
				(ms[i].typ == gazetteer.Enterprise || ms[i].typ == gazetteer.Country) && modelGap(s.Tokens[ms[i].end:ms[i+1].start]) {
				ms[i].modifier = true
			}
			// "MAZ-203 buses": a brand with its model code; so is "Amkodor
			// 2551 forwarders", but "offered Tomskavtotrans 40 buses"
			// names a buyer and a count.
			if i+1 < len(ms) && ms[i+1].typ == gazetteer.Product && ms[i].typ == gazetteer.Enterprise {
				gap := s.Tokens[ms[i].end:ms[i+1].start]
				if modelNumberGap(gap) && (len(gap[0].Text) >= 3 || d.makesAny(ms[i].id, []string{ms[i+1].id})) {
					ms[i].modifier, ms[i].model = true, true
				}
				if modelCodeGap(gap) {
					ms[i].modifier = true
				}
			}
		}
		s.mentions = ms
		for _, m := range ms {
			d.register(m, s)
		}
		d.discoverGoods(s)
	}
}

// bracketedNames joins a firm's name and its other name in brackets right
// after it, "the Ural Transport Machinery Plant (Uraltransmash)", "Likino
// Bus Plant (LiAZ)", into one mention of one firm. A name found only by its
// cues yields to the other; two different known firms stay apart.
func (d *doc) bracketedNames(toks []text.Token, ms []mention) []mention {
	for i := 0; i < len(ms); i++ {
		if d.sameAs[ms[i].id] != "" {
			ms[i].id = d.sameAs[ms[i].id]
		}
		if i+1 >= len(ms) {
			continue
		}
		a, b := ms[i], ms[i+1]
		if a.typ != gazetteer.Enterprise || b.typ != gazetteer.Enterprise || a.ref || b.ref ||
			b.start != a.end+1 || toks[a.end].Norm != "(" || b.end >= len(toks) || toks[b.end].Norm != ")" {
			continue
		}
		if id := d.sameAs[b.id]; id != "" {
			b.id = id
		}
		if a.id != b.id {
			aFound, bFound := d.discovered[a.id] != nil, d.discovered[b.id] != nil
			switch {
			case aFound && d.entities[a.id] == nil:
				d.setSameAs(a.id, b.id)
				ms[i].id = b.id
			case bFound && d.entities[b.id] == nil:
				d.setSameAs(b.id, a.id)
			default:
				continue
			}
		}
		if ms[i].conf < b.conf {
			ms[i].conf = b.conf
		}
		ms = append(ms[:i+1], ms[i+2:]...)
	}
	return ms
}

// discoveredHomes gives a found firm the city or region named right after
// it with "of" or "in": "the enterprise «Gortrans» of Yekaterinburg".
func (d *doc) discoveredHomes(toks []text.Token, ms []mention) {
	for i := 0; i+1 < len(ms); i++ {
		a, b := ms[i], ms[i+1]
		e := d.discovered[a.id]
		if e == nil || a.typ != gazetteer.Enterprise || b.ref || e.City != "" || e.Region != "" || b.start != a.end+1 {
			continue
		}
		if w := toks[a.end].Norm; w != "of" && w != "in" {
			continue
		}
		switch b.typ {
		case gazetteer.City:
			e.City = b.id
		case gazetteer.Region:
			e.Region = b.id
		}
	}
}

// noteDealers reads "X together with its official dealer Y", "X's dealer
// Y": Y sells X's goods.
func (d *doc) noteDealers(toks []text.Token, ms []mention) {
	for i, m := range ms {
		if m.typ != gazetteer.Enterprise || m.ref || m.modifier {
			continue
		}
		k := dealerWordBefore(toks, ms, m.start)
		if k < 0 {
			continue
		}
		k-- // adjectives: "its official dealer", "its Kazakh dealer"
		for k >= 0 && m.start-k <= 4 && toks[k].Kind == text.Word && toks[k].Norm != "its" && toks[k].Norm != "'s" {
			k--
		}
		if k < 0 || toks[k].Norm != "its" && toks[k].Norm != "'s" {
			continue
		}
		// The maker is the nearest firm before: the owner of "'s", or the
		// subject "its" refers to.
		for j := i - 1; j >= 0; j-- {
			if o := ms[j]; o.typ == gazetteer.Enterprise && !o.modifier && o.end <= k && o.id != m.id {
				if d.dealerOf == nil {
					d.dealerOf = map[string]string{}
				}
				d.dealerOf[m.id] = o.id
				break
			}
		}
	}
}

// dealerWordBefore returns the index of "dealer" or "distributor" before
// the name at start, or -1. A place and a legal form may come between:
// "the plant's dealer in the republic, LLC «Agrotekhsnab-Ufa»".
func dealerWordBefore(toks []text.Token, ms []mention, start int) int {
	for k := start - 1; k >= 0 && start-k <= 10; k-- {
		w := toks[k].Norm
		switch {
		case w == "dealer" || w == "distributor":
			return k
		case w == "," || w == "in" || w == "of" || w == "the" || toks[k].IsQuote() || legalForms[w] || deicticTypes[w] == "Region" || deicticTypes[w] == "City":
		case mentionAt(ms, k) >= 0 && isPlace(ms[mentionAt(ms, k)].typ):
		default:
			return -1
		}
	}
	return -1
}

func (d *doc) setSameAs(from, to string) {
	if d.sameAs == nil {
		d.sameAs = map[string]string{}
	}
	d.sameAs[from] = to
}

// modelBrands reads a place name written as a model brand, "Belarus-3522
// tractors" or "412 Belarus tractors", as the maker of that brand. (The
// country's goods would be "Belarusian tractors".)
func (d *doc) modelBrands(toks []text.Token, ms []mention) []mention {
	for i, m := range ms {
		maker, ok := brandMakers[toks[m.start].Norm]
		if !ok || m.end-m.start != 1 || m.end >= len(toks) {
			continue
		}
		model := m.end+1 < len(toks) && toks[m.end].IsDash() && !toks[m.end].Space && toks[m.end+1].Kind == text.Number ||
			modelAfterSpace(toks, m)
		goods := i+1 < len(ms) && ms[i+1].start == m.end && ms[i+1].typ == gazetteer.Product && d.gaz.Makes(maker, ms[i+1].id) &&
			!(m.start > 0 && toks[m.start-1].IsDash() && !toks[m.start].Space) // "Mongol-Belarus Tractor"
		if !model && !goods {
			continue
		}
		ms[i] = mention{start: m.start, end: m.end, id: maker, typ: gazetteer.Enterprise, brand: true, conf: 0.8}
	}
	return ms
}

// modelAfterSpace reports a model number after a brand and a space:
// "BELARUS 3522", "Belarus 1221.3". A year is no model ("Belarus 2025").
func modelAfterSpace(toks []text.Token, m mention) bool {
	if m.end >= len(toks) || toks[m.end].Kind != text.Number {
		return false
	}
	n := atoiSafe(toks[m.end].Norm)
	return toks[m.start].AllCaps() || n < 1950 || n > 2035
}

// modelCodeGap reports whether the tokens between a brand and its goods
// are a model code: "-203", "-75131".
func modelCodeGap(gap []text.Token) bool {
	if len(gap) != 2 || !gap[0].IsDash() || gap[0].Space {
		return false
	}
	return gap[1].Kind == text.Number || isModelCode(gap[1])
}

// modelNumberGap reports a number alone between a firm and goods: the
// "2551" of "Amkodor 2551 forwarders", a model when it has three digits
// or more or the firm makes the goods.
func modelNumberGap(gap []text.Token) bool {
	if len(gap) == 0 || len(gap) > 3 || gap[0].Kind != text.Number || strings.ContainsAny(gap[0].Text, ",.") {
		return false
	}
	for _, t := range gap[1:] {
		if t.Kind != text.Word || t.Cap {
			return false // "rotary" of "Amkodor 9211 rotary snow blowers" may stand between
		}
	}
	return true
}

// pickRef chooses among the entities one name may denote. Places win after
// a place preposition; otherwise the more specific kind of thing wins.
func pickRef(refs []gazetteer.Ref, toks []text.Token, at int) gazetteer.Ref {
	if len(refs) == 1 {
		return refs[0]
	}
	afterPlacePrep := at > 0 && recipientPreps[toks[at-1].Norm]
	rank := func(r gazetteer.Ref) int {
		switch r.Type {
		case gazetteer.Region:
			return 1
		case gazetteer.Country:
			return 2
		case gazetteer.City:
			if afterPlacePrep {
				return 0
			}
			return 4
		case gazetteer.Enterprise:
			if afterPlacePrep {
				return 5
			}
			return 0
		}
		return 6
	}
	best := refs[0]
	for _, r := range refs[1:] {
		if rank(r) < rank(best) || rank(r) == rank(best) && r.ID < best.ID {
			best = r
		}
	}
	return best
}

// register records a named mention as an entity of the document.
func (d *doc) register(m mention, s *sentence) {
	if m.ref {
		return
	}
	surface := d.span(s, m.start, m.end)
	e := d.entities[m.id]
	if e == nil {
		e = d.newEntity(m.id, m.typ, surface, m.conf)
		if e == nil {
			return
		}
		d.entities[m.id] = e
		d.firstSeen[m.id] = s.index
		d.order = append(d.order, m.id)
	}
	e.Mentions++
	if m.conf > e.Confidence {
		e.Confidence = m.conf
	}
	if !m.demonym && !m.brand {
		d.surfaces[m.id] = appendUnique(d.surfaces[m.id], surface)
	}
}

// addDateline adds the place an agency dateline names ("MINSK, 22 April
// (BelTA) –") as an entity of the article: where the news was reported
// from, which annotators list. It is read after the discourse, so the
// place never becomes the article's focus.
func (d *doc) addDateline(place string) {
	if place == "" {
		return
	}
	toks := text.Tokenize(place, 0)
	ms := d.gaz.Match(toks)
	if len(ms) != 1 || ms[0].Start != 0 || ms[0].End != len(toks) {
		return
	}
	for _, ref := range ms[0].Refs {
		if !isPlace(ref.Type) {
			continue
		}
		e := d.entities[ref.ID]
		if e == nil {
			if e = d.newEntity(ref.ID, ref.Type, place, confGazetteer); e == nil {
				return
			}
			d.entities[ref.ID] = e
			d.firstSeen[ref.ID] = len(d.sents)
			d.order = append(d.order, ref.ID)
		}
		e.Mentions++
		return
	}
}

// newEntity makes the output entity for id: from the gazetteer when it is
// known, else from the surface form it was discovered with.
func (d *doc) newEntity(id string, typ gazetteer.Type, surface string, conf float64) *Entity {
	if g := d.gaz.Entity(id); g != nil {
		return &Entity{ID: g.ID, Type: string(g.Type), Name: g.Name, Aliases: append([]string(nil), g.Aliases...),
			Country: g.Country, Region: g.Region, City: g.City, Parent: g.Parent, ISO: g.ISO,
			Kind: g.Kind, Category: g.Category, Sector: g.Sector, Role: g.Role, Known: true}
	}
	if d.discovered == nil {
		return nil
	}
	if e := d.discovered[id]; e != nil {
		cp := *e
		return &cp
	}
	return nil
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return list
		}
	}
	return append(list, s)
}

// listedRegions turns "the Bryansk, Kursk and Oryol regions" into three
// region mentions: each stem is a city (or nothing) on its own, but with
// the plural head it names the region.
func (d *doc) listedRegions(s *sentence, ms []mention) []mention {
	toks := s.Tokens
	for i, t := range toks {
		suffix, ok := regionPlurals[t.Norm]
		if !ok || i == 0 {
			continue
		}
		// Walk back over "X, Y and Z" where each item is one or two
		// capitalised words.
		var items [][2]int
		j := i
		for j > 0 {
			end := j
			k := j - 1
			for k >= 0 && toks[k].Cap && toks[k].Kind == text.Word && end-k <= 3 {
				k--
			}
			if k+1 == end {
				break
			}
			items = append(items, [2]int{k + 1, end})
			if k >= 0 && (toks[k].Norm == "," || toks[k].Norm == "and") {
				j = k
				continue
			}
			break
		}
		if len(items) < 2 {
			continue
		}
		var found []mention
		for _, it := range items {
			name := d.span(s, it[0], it[1]) + " " + suffix
			ref, ok := d.lookupType(name, gazetteer.Region)
			if !ok {
				continue
			}
			found = append(found, mention{start: it[0], end: it[1], id: ref, typ: gazetteer.Region, conf: 0.9})
		}
		if len(found) == 0 {
			continue
		}
		ms = replaceOverlapping(ms, found)
	}
	return ms
}

// lookupType returns the id of the entity of type t spelled name.
func (d *doc) lookupType(name string, t gazetteer.Type) (string, bool) {
	toks := text.Tokenize(name, 0)
	for _, m := range d.gaz.Match(toks) {
		if m.Start != 0 || m.End != len(toks) {
			continue
		}
		for _, r := range m.Refs {
			if r.Type == t {
				return r.ID, true
			}
		}
	}
	return "", false
}

// replaceOverlapping drops from ms every mention that overlaps one of
// found, then adds found.
func replaceOverlapping(ms, found []mention) []mention {
	out := ms[:0:0]
	for _, m := range ms {
		keep := true
		for _, f := range found {
			if m.start < f.end && f.start < m.end {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, m)
		}
	}
	return append(out, found...)
}

// mentionAt returns the index of the mention covering token i, or -1.
func mentionAt(ms []mention, i int) int {
	for k, m := range ms {
		if m.start <= i && i < m.end {
			return k
		}
	}
	return -1
}

func sortMentions(ms []mention) {
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].start < ms[j].start })
}

// dropFieldProducts removes products named as an attribute of a firm or
// a field rather than as goods: "coal companies", "the microelectronics
// industry".
func dropFieldProducts(toks []text.Token, ms []mention) []mention {
	out := ms[:0:0]
	for _, m := range ms {
		if m.typ == gazetteer.Product && m.end < len(toks) &&
			(attributeNouns[toks[m.end].Norm] || orgHeads[toks[m.end].Norm] && toks[m.end].Norm != "works" || retailNouns[toks[m.end].Norm]) {
			continue
		}
		if m.typ == gazetteer.Product && (meansOfTransport(toks, m) || fieldOfWork(toks, m) || compoundTail(toks, m) || compoundHead(toks, ms, m) ||
			agentHead(toks, m) || driversSeat(toks, m)) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// agentHead reports goods named as the modifier of a noun of who or
// what works with them: "sand spreaders", "milk tankers", "grain
// traders".
func agentHead(toks []text.Token, m mention) bool {
	if m.end >= len(toks) {
		return false
	}
	t := toks[m.end]
	w := t.Norm
	return t.Kind == text.Word && !t.Cap && len(w) > 5 && (strings.HasSuffix(w, "ers") || strings.HasSuffix(w, "ors")) &&
		!notAgents[w]
}

var notAgents = set("orders", "others", "members", "numbers", "offers", "letters", "matters", "centers", "meters",
	"metres", "waters", "borders", "layers", "headquarters", "quarters", "papers", "chambers", "winters", "leaders")

// compoundTail reports goods named as the second half of a hyphenated
// word: the "wheel" of "all-wheel-drive trucks".
func compoundTail(toks []text.Token, m mention) bool {
	return m.start >= 2 && toks[m.start-1].IsDash() && !toks[m.start-1].Space && !toks[m.start].Space &&
		toks[m.start-2].Kind == text.Word
}

// compoundHead reports goods named as the first half of a hyphenated
// word: the "grain" of "grain-growing regions", the "cab" of "the
// cab-welding shop". Goods joined to goods ("combine-harvesters") stay.
func compoundHead(toks []text.Token, ms []mention, m mention) bool {
	return m.end+1 < len(toks) && toks[m.end].IsDash() && !toks[m.end].Space && !toks[m.end+1].Space &&
		toks[m.end+1].Kind == text.Word && !toks[m.end+1].Cap && mentionAt(ms, m.end+1) < 0
}

// driversSeat reports a lone "cab" or "cabin": the one of the machine
// being described ("the cab is warm", "the cab paint shop"), whereas cabs
// supplied as goods come in the plural.
func driversSeat(toks []text.Token, m mention) bool {
	if m.end-m.start != 1 {
		return false
	}
	w := toks[m.start].Norm
	return w == "cab" || w == "cabin"
}

// meansOfTransport reports goods named as the way others travel: "by
// ferry", "take the ferry", "the FESCO ferry takes them".
func meansOfTransport(toks []text.Token, m mention) bool {
	if m.start > 0 && toks[m.start-1].Norm == "by" {
		return true
	}
	if m.start > 1 && toks[m.start-1].Norm == "the" && takeVerbs[toks[m.start-2].Norm] {
		return true
	}
	return m.end < len(toks) && takeVerbs[toks[m.end].Norm] && m.end+1 < len(toks) && toks[m.end+1].Norm == "them"
}

var takeVerbs = set("take", "takes", "took", "taking", "carries", "carried")

// fieldOfWork reports goods named as a field of activity: "In
// agricultural machinery, the plant ...", "cooperation in
// microelectronics", "Microelectronics is the most difficult area".
func fieldOfWork(toks []text.Token, m mention) bool {
	if m.start == 1 && toks[0].Norm == "in" && m.end < len(toks) && toks[m.end].Norm == "," {
		return true
	}
	if m.start >= 2 && toks[m.start-1].Norm == "in" && fieldNouns[toks[m.start-2].Norm] {
		return true
	}
	for k := m.end; k < len(toks) && k <= m.end+5; k++ {
		if k == m.end && toks[k].Norm != "is" {
			return false
		}
		if fieldNouns[toks[k].Norm] {
			return true
		}
	}
	return false
}

// fieldNouns name a field of work; goods "in" or "is" one are the field.
var fieldNouns = set("cooperation", "projects", "project", "area", "areas", "segment", "segments",
	"sector", "sectors", "field", "fields", "direction", "directions", "sphere", "spheres", "investment", "investments",
	"partnership", "interaction", "potential", "stage", "priority", "priorities")
