package extract

import (
	"slices"
	"strings"

	"tradegraph/loader/gazetteer"
	"tradegraph/loader/text"
)

// News name the firms they have no reason to explain — a customer farm, a
// dealer, a distributor — with a common noun that says what the firm is:
// "the Urozhai agricultural company", "the dealer Agrotekhservis",
// "Gidrostroy, the fishing company". These rules read such names.

// orgNouns say what kind of organisation the name beside them is.
var orgNouns = set("company", "enterprise", "agroholding", "agrofirm", "farm", "cooperative",
	"distributor", "dealer", "developer", "chain", "operator", "utility", "holding", "plant",
	"factory", "firm", "group", "carrier", "producer", "processor", "retailer", "manufacturer",
	"maker", "kolkhoz", "sovkhoz", "agrocomplex", "wholesaler", "importer", "exporter",
	"stores", "supermarkets", "hypermarkets", "shops", "pharmacies")

// weakOrgNouns name an organisation only after an organisation modifier:
// "the Lama supermarket chain" but not "the Soviet-era complex".
var weakOrgNouns = set("complex", "network", "association", "partnership")

// orgModifiers stand between a name and its organisation noun.
var orgModifiers = set("agricultural", "agro-industrial", "dairy", "poultry", "pig", "livestock",
	"collective", "state", "fishing", "fish", "grain", "seed", "farming", "breeding", "municipal",
	"private", "supermarket", "retail", "construction", "transport", "trading", "logistics", "meat",
	"processing", "family", "machine-building", "engineering", "mining", "coal", "timber", "forestry",
	"furniture", "road", "building", "food", "leasing", "energy", "oil", "gas", "chemical", "cleaning",
	"official", "regional", "local", "largest", "leading", "major", "big", "private-label", "grocery",
	"wholesale", "distribution", "service", "repair", "bus", "taxi", "passenger", "freight", "fishery",
	"fertiliser", "fertilizer", "steel", "metallurgical", "cement", "glass", "textile", "sugar", "flour",
	"provincial", "district", "republican", "state-owned")

// roleNouns, written before a name, say what part the firm plays for
// another: "the company's dealer Agrotekhservis", "the developer Samolet".
var roleNouns = set("dealer", "distributor", "partner", "customer", "client", "supplier",
	"contractor", "subcontractor", "importer", "exporter", "buyer", "cooperative", "agroholding",
	"agrofirm", "farm", "utility", "processor", "wholesaler", "retailer", "developer", "carrier",
	"operator", "integrator", "subsidiary", "distributer", "reseller", "lessor", "counterpart")

// transportWords make "... Administration" a municipal transport firm
// ("Smolensk Tram and Trolleybus Administration"), not an authority.
var transportWords = set("tram", "trolleybus", "bus", "transport", "passenger", "electric",
	"road", "water", "heating", "motor", "metro", "trams", "trolleybuses", "buses")

// notNameParts never begin a firm's hyphenated name: "January-August",
// "North-West".
var notNameParts = set("january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "north", "south", "east", "west", "ust",
	"north-west", "south-east", "co", "vice", "ex", "non", "pre", "post", "anti", "pro", "euro")

// orgPhraseEnd returns the end of "[modifiers] orgNoun" starting at j, or
// -1: "agricultural company", "dairy farm", "supermarket chain".
func orgPhraseEnd(toks []text.Token, j int) int {
	mods := 0
	for j < len(toks) && mods < 3 && !toks[j].Cap && (orgModifiers[toks[j].Norm] || toks[j].IsDash() && !toks[j].Space && mods > 0) {
		if !toks[j].IsDash() {
			mods++
		}
		j++
	}
	if j >= len(toks) || toks[j].Cap || toks[j].Kind != text.Word {
		return -1
	}
	if orgNouns[toks[j].Norm] || mods > 0 && weakOrgNouns[toks[j].Norm] {
		// "the Urozhai agricultural company's fields": still the firm.
		return j + 1
	}
	return -1
}

// unknownName reports whether tokens [i, end) are capitalised words the
// gazetteer does not know and that name no person, demonym or month.
func (d *doc) unknownName(ms []mention, toks []text.Token, i, end int) bool {
	if end <= i || end-i > 5 {
		return false
	}
	for k := i; k < end; k++ {
		if mentionAt(ms, k) >= 0 {
			return false
		}
	}
	t := toks[i]
	return !firstNames[t.Norm] && !personTitles[t.Norm] && !notNameParts[t.Norm] && !capStop[t.Norm] &&
		d.gaz.Demonym(t.Norm) == "" && !containsNotOrg(toks, i, end) && !d.isPersonStart(toks, i) &&
		!d.definedAcronym(t)
}

// placeHyphenName returns the end of a name that joins a known place to an
// unknown word, "Kaliningrad-GorTrans", starting at i, or -1.
func placeHyphenName(ms []mention, toks []text.Token, i int) int {
	k := mentionAt(ms, i)
	if k < 0 || ms[k].start != i || !isPlace(ms[k].typ) {
		return -1
	}
	e := ms[k].end
	if e+1 >= len(toks) || !toks[e].IsDash() || toks[e].Space || toks[e+1].Space || !isNameWord(toks[e+1]) ||
		mentionAt(ms, e+1) >= 0 || isModelCode(toks[e+1]) {
		return -1
	}
	return capRun(toks, e+1, 3)
}

// discoverNewsName applies the rules above at token i. It returns the span
// of the mention and of the name in it, or ok false.
func (d *doc) discoverNewsName(ms []mention, toks []text.Token, i int) (start, end, nameStart, nameEnd int, ok bool) {
	t := toks[i]
	if !isNameWord(t) || (capStop[t.Norm] && !t.AllCaps()) || calendarWords[t.Norm] {
		return
	}
	prev := ""
	if i > 0 {
		prev = toks[i-1].Norm
	}
	// Only where a capitalised run begins: "Great Patriotic War" has no
	// name "Patriotic War" in it.
	if i > 0 && isNameWord(toks[i-1]) && !capStop[prev] {
		return
	}
	runEnd := capRun(toks, i, 5)
	if h := placeHyphenName(ms, toks, i); h > 0 {
		runEnd = h
		// "the municipal carrier Kaliningrad-GorTrans".
		if roleNouns[prev] || deicticTypes[prev] == "Enterprise" {
			return i, h, i, h, true
		}
	}
	if runEnd <= i {
		return
	}
	plain := d.unknownName(ms, toks, i, runEnd)
	// "ShinTrade Kazakhstan", "Almaty Tazalyk": a name may hold a place
	// after or before its own word.
	lead := plain || d.namePlusPlace(ms, toks, i, runEnd)
	// "the company's dealer Agrotekhservis", "the distributor Keram-Yug".
	if lead && i > 0 && roleNouns[prev] && !toks[i-1].Cap {
		return i, runEnd, i, runEnd, true
	}
	// "the Urozhai agricultural company", "the Lama supermarket chain".
	if plain && i > 0 && (determiners[prev] || prev == "'s") && runEnd-i <= 3 {
		// "the Ishim agricultural holding Agrokompleks Ishimsky": the
		// name after the noun is the firm.
		if e := orgPhraseEnd(toks, runEnd); e > 0 && (e == len(toks) || !isNameWord(toks[e])) {
			return i, e, i, runEnd, true
		}
	}
	// "Gidrostroy, the fishing company based on ...": an appositive that
	// says what the name is.
	if lead && runEnd+2 < len(toks) && toks[runEnd].Norm == "," {
		j := runEnd + 1
		if determiners[toks[j].Norm] || toks[j].Norm == "a" {
			j++
			// "the city's municipal cleaning company".
			if j+1 < len(toks) && toks[j+1].Norm == "'s" && !toks[j].Cap {
				j += 2
			}
			if e := orgPhraseEnd(toks, j); e > 0 {
				return i, runEnd, i, runEnd, true
			}
		}
	}
	// "from Plast-Rifey": an unknown hyphenated name after "from" or "by".
	if plain && i > 0 && (prev == "from" || prev == "by" || prev == "with") && runEnd-i >= 3 && toks[i+1].IsDash() &&
		!toks[i+1].Space && !toks[i+2].Space && isNameWord(toks[i+2]) && !isModelCode(toks[i+2]) &&
		!notNameParts[toks[i+2].Norm] && d.gaz.Demonym(toks[i+2].Norm) == "" {
		return i, runEnd, i, runEnd, true
	}
	// "an order from Arkhangelskoblgaz", "a contract with Tyumenavtodor":
	// the other party of a deal is a firm when no place or person is
	// named there.
	if lead && runEnd-i <= 3 && !(runEnd-i == 1 && (surnameLike(t.Norm) || orgHeads[t.Norm] || t.Norm == "fund")) &&
		orgPhraseEnd(toks, runEnd) < 0 {
		// "talks with the state-owned Pupuk Indonesia": an article and
		// an adjective may stand before the name.
		k := i - 1
		for n := 0; n < 4 && k > 0 && !toks[k].Cap && (determiners[toks[k].Norm] || hyphenPart(toks, k)); n++ {
			k--
		}
		if k >= 1 && dealParty(toks[k-1].Norm, toks[k].Norm) {
			return i, runEnd, i, runEnd, true
		}
	}
	// "Incotex, which makes the Mercury meters": a name that makes or
	// trades goods is a firm.
	if plain && runEnd+2 < len(toks) && toks[runEnd].Norm == "," && (toks[runEnd+1].Norm == "which" || toks[runEnd+1].Norm == "that") &&
		firmVerbs[toks[runEnd+2].Norm] {
		return i, runEnd, i, runEnd, true
	}
	// "the state pharmacy organisation of Krasnodar Krai, Kubanfarmatsiya,":
	// a name in apposition to an organisation noun.
	if plain && i >= 2 && prev == "," && (runEnd == len(toks) || toks[runEnd].Norm == "," || toks[runEnd].Norm == ".") &&
		appositionToOrg(ms, toks, i-2) {
		return i, runEnd, i, runEnd, true
	}
	// "negotiating a large supply of LED drivers with
	// Svetlana-Optoelectronics": "with" a party, after a word of a deal in
	// the same clause.
	if plain && prev == "with" && dealBefore(toks, i-1) && !(runEnd-i == 1 && surnameLike(t.Norm)) {
		return i, runEnd, i, runEnd, true
	}
	// "producers like Kerama Marazzi", "companies such as X".
	if plain && i >= 2 && (prev == "like" || prev == "as" && toks[i-2].Norm == "such") {
		k := i - 2
		if prev == "as" {
			k = i - 3
		}
		if k >= 0 && strings.HasSuffix(toks[k].Norm, "s") && (orgNouns[strings.TrimSuffix(toks[k].Norm, "s")] ||
			toks[k].Norm == "companies" || toks[k].Norm == "producers") {
			return i, runEnd, i, runEnd, true
		}
	}
	return
}

// firmVerbs, after "X, which", say that X makes or trades goods.
var firmVerbs = set("makes", "produces", "manufactures", "supplies", "sells", "buys", "builds",
	"operates", "assembles", "distributes", "imports", "exports", "owns", "runs")

// appositionToOrg reports whether the words ending at k name a kind of
// organisation, perhaps "of" a place: "the chain", "the pharmacy
// organisation of Krasnodar Krai".
func appositionToOrg(ms []mention, toks []text.Token, k int) bool {
	if m := mentionAt(ms, k); m >= 0 && isPlace(ms[m].typ) && ms[m].start >= 2 && toks[ms[m].start-1].Norm == "of" {
		k = ms[m].start - 2
	}
	if k < 1 || toks[k].Cap {
		return false
	}
	w := toks[k].Norm
	if !orgNouns[w] && !roleNouns[w] && w != "organisation" && w != "organization" {
		return false
	}
	// A determiner before the noun and its lowercase modifiers.
	for j := k - 1; j >= 0 && j >= k-4; j-- {
		if determiners[toks[j].Norm] || toks[j].Norm == "'s" {
			return true
		}
		if toks[j].Cap || toks[j].Kind != text.Word {
			return false
		}
	}
	return false
}

// dealBefore reports a word of a deal taking "with" in the clause before
// token at: "negotiating a large supply of chips with".
func dealBefore(toks []text.Token, at int) bool {
	for k := at - 1; k >= 0 && k >= at-12; k-- {
		if isBoundary(toks, k) {
			return false
		}
		if dealWords[toks[k].Norm] == "with" {
			return true
		}
	}
	return false
}

// hyphenPart reports whether token k belongs to a hyphenated word such as
// "state-owned": a dash without spaces, or a word joined to one.
func hyphenPart(toks []text.Token, k int) bool {
	joined := func(j int) bool { return j >= 0 && j < len(toks) && toks[j].IsDash() && !toks[j].Space }
	return joined(k) || toks[k].Kind == text.Word && (joined(k-1) || joined(k+1) && !toks[k+1].Space)
}

// dealWords take the other party of a deal after "with" (or "from" for
// an order, "of" for a tender).
var dealWords = map[string]string{
	"order": "from", "orders": "from", "contract": "with", "contracts": "with",
	"agreement": "with", "agreements": "with", "deal": "with", "deals": "with",
	"talks": "with", "negotiations": "with", "negotiating": "with", "negotiated": "with",
	"negotiates": "with", "tender": "of",
}

// dealParty reports whether word then prep open the other party of a
// deal: "order from", "contract with", "tender of".
func dealParty(word, prep string) bool {
	return dealWords[word] == prep
}

// surnameLike reports a word with an East Slavic surname ending,
// "Ivanov", "Kovalenko": talks with a person, not a firm.
func surnameLike(w string) bool {
	for _, end := range []string{"ov", "ev", "ova", "eva", "in", "ina", "sky", "skiy", "skaya", "enko", "uk", "ich", "yan"} {
		if strings.HasSuffix(w, end) && len(w) > len(end)+2 {
			return true
		}
	}
	return false
}

// definedAcronym reports whether t is an abbreviation the article defines
// for a lowercase thing, "purified terephthalic acid (PTA)": goods or a
// substance, not a firm.
func (d *doc) definedAcronym(t text.Token) bool {
	if !t.AllCaps() {
		return false
	}
	if d.acronyms == nil {
		d.acronyms = map[string]bool{}
		for _, s := range d.sents {
			toks := s.Tokens
			for k := 1; k+2 < len(toks); k++ {
				if toks[k].Norm == "(" && toks[k+2].Norm == ")" && toks[k+1].AllCaps() &&
					toks[k-1].Kind == text.Word && !toks[k-1].Cap {
					d.acronyms[toks[k+1].Norm] = true
				}
			}
		}
	}
	return d.acronyms[t.Norm]
}

// discoveredAgain adds mentions for later bare uses of firm names found
// earlier in the article: once "the Pobeda agricultural company" is named,
// "Pobeda buys" and "Pobeda's chief engineer" mean it too.
func (d *doc) discoveredAgain(s *sentence, ms []mention) []mention {
	if len(d.firmNames) == 0 {
		return ms
	}
	toks := s.Tokens
	var found []mention
	for i := 0; i < len(toks); i++ {
		if !isNameWord(toks[i]) || mentionAt(ms, i) >= 0 || i > 0 && isNameWord(toks[i-1]) && !capStop[toks[i-1].Norm] {
			continue
		}
		for _, fn := range d.firmNames {
			n := len(fn.words)
			if i+n > len(toks) || i+n < len(toks) && isNameWord(toks[i+n]) && !toks[i+n].IsDash() {
				continue
			}
			ok := true
			for k, w := range fn.words {
				if toks[i+k].Text != w || mentionAt(ms, i+k) >= 0 {
					ok = false
					break
				}
			}
			if ok {
				found = append(found, mention{start: i, end: i + n, id: fn.id, typ: gazetteer.Enterprise, conf: confRepeat})
				i += n - 1
				break
			}
		}
	}
	if len(found) == 0 {
		return ms
	}
	return append(ms, found...)
}

// firmName is the token texts of a discovered firm's name.
type firmName struct {
	id    string
	words []string
}

// noteFirmName remembers a discovered firm's name for discoveredAgain.
func (d *doc) noteFirmName(id string, toks []text.Token) {
	var words []string
	for _, t := range toks {
		words = append(words, t.Text)
	}
	if len(words) == 0 {
		return
	}
	for _, fn := range d.firmNames {
		if fn.id == id && slices.Equal(fn.words, words) {
			return
		}
	}
	d.firmNames = append(d.firmNames, firmName{id: id, words: words})
}

// bracketedShortForms notes the short form a text gives in brackets after
// a firm the gazetteer knows, "Bashkir Soda Company (BSK)", so that "BSK"
// names the firm wherever the text uses it later.
func (d *doc) bracketedShortForms(toks []text.Token, ms []mention) {
	for _, m := range ms {
		if m.typ == gazetteer.Enterprise && !m.ref && shortFormInBrackets(toks, m.end) && mentionAt(ms, m.end+1) < 0 {
			d.noteFirmName(m.id, toks[m.end+1:m.end+2])
		}
	}
}

// namePlusPlace reports whether [i, end) is an unknown word joined to a
// known place: "ShinTrade Kazakhstan", "Almaty Tazalyk".
func (d *doc) namePlusPlace(ms []mention, toks []text.Token, i, end int) bool {
	if end-i < 2 || end-i > 4 {
		return false
	}
	unknown, place := 0, 0
	for k := i; k < end; k++ {
		if !isNameWord(toks[k]) {
			continue
		}
		m := mentionAt(ms, k)
		switch {
		case m < 0:
			if firstNames[toks[k].Norm] || notOrg[toks[k].Norm] || capStop[toks[k].Norm] || d.gaz.Demonym(toks[k].Norm) != "" {
				return false
			}
			unknown++
		case isPlace(ms[m].typ) && !ms[m].demonym && ms[m].start >= i && ms[m].end <= end:
			place++
		case ms[m].typ == gazetteer.Product && k > i && toks[k].Cap:
			unknown++ // "Shymkent Bus": a word of goods, capitalised, in a name
		default:
			return false
		}
	}
	return unknown > 0 && place > 0
}

// orgOfPlace returns the index of the organisation word in "Food
// Corporation of Kazakhstan" ([i, end) with at least one word before it and
// a known place after "of"), or -1.
func orgOfPlace(ms []mention, toks []text.Token, i, end int) int {
	for k := i + 1; k+2 < end+1 && k+1 < len(toks); k++ {
		if !strongOrgHeads[toks[k].Norm] || toks[k+1].Norm != "of" || k+2 >= len(toks) {
			continue
		}
		p := mentionAt(ms, k+2)
		if p >= 0 && isPlace(ms[p].typ) && ms[p].end == end {
			return k
		}
	}
	return -1
}

// transitOperator reports whether the name [i, head] ending in its
// organisation word head is a municipal transit operator: a transit word
// right before the head ("Cheboksary Trolleybus Administration", "Tram
// Depot"), or any transport word before "Administration" ("Smolensk Tram
// and Trolleybus Administration").
func transitOperator(toks []text.Token, i, head int) bool {
	if !transitOperatorHeads[toks[head].Norm] {
		return false
	}
	if transitWords[toks[head-1].Norm] {
		return true
	}
	if toks[head].Norm != "administration" {
		return false
	}
	for k := i; k < head; k++ {
		if transportWords[toks[k].Norm] {
			return true
		}
	}
	return false
}

// handedOnToFirm folds a clause that names no goods of its own into the
// delivery told earlier in the sentence when it names a firm where that one
// named only a place: "ten combines arrived in Orenburg and were handed over
// to the Urozhai agricultural company" is one delivery, to the firm, the
// most specific party named.
func (d *doc) handedOnToFirm(fa, prev *fact, supplier, recipient []string) bool {
	if prev == nil || len(fa.products) > 0 || !sameIDs(supplier, prev.supplier) || !d.anyEnterprise(recipient) {
		return false
	}
	for _, id := range prev.recipient {
		if t := d.typeOf(id); t != gazetteer.City && t != gazetteer.Region {
			return false
		}
	}
	prev.recipient = recipient
	return true
}
