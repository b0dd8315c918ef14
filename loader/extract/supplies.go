package extract

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"tradegraph/loader/gazetteer"
	"tradegraph/loader/text"
)

// fact is one supply read from one clause, before facts are merged into
// relations.
type fact struct {
	supplier, recipient []string // entity ids; lists come from "X, Y and Z"
	products            []string // product ids
	status              string
	quantity            int
	when                string
	sent                *sentence
	conf                float64
	generic             bool // the goods were named only as "vehicles", "them"...
	// title marks a fact read from the headline, which retells the lead in
	// the present tense; it never makes a deal of its own.
	title bool
	// market marks "Moscow remains our key market": a standing relation
	// that names no deal; a deal told later never merges into it.
	market bool
	// firstPart marks "the first batch of 40 tractors will be shipped":
	// a part of a deal, not a deal of its own when still to come.
	firstPart bool
}

// trigger is a word that states a supply.
type trigger struct {
	at      int
	get     bool // the subject receives ("bought"), else it supplies ("shipped")
	noun    bool // "the supply of", "deliveries"
	passive bool // "were delivered", "were bought by"
	neutral bool // "contract", "agreement", "order": direction from who makes what
	copula  bool // "X is the largest buyer of Y", "the buyers of Y were X"
	won     bool // "received an order from X": the subject supplies X
}

// triggerWords are all the words findTriggers looks at further, so that
// one lookup passes over the rest of a sentence.
var triggerWords = union(giveVerbs, getVerbs, giveNouns, buyerNouns,
	set("fleet", "fleets", "account", "accounts", "accounted", "accounting"))

func union(sets ...map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, words := range sets {
		for w := range words {
			out[w] = true
		}
	}
	return out
}

// winVerbs take an order or a contract that makes their subject the
// supplier: "Gefest has received an order from Arkhangelskoblgaz".
var winVerbs = set("received", "receives", "receive", "won", "wins", "win", "secured", "secures",
	"got", "gets", "landed", "clinched", "obtained")

// copulaBefore reports "is the largest consumer": a form of "be" within
// four words before i.
func copulaBefore(toks []text.Token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		switch toks[k].Norm {
		case "is", "are", "was", "were", "remains", "remain", "became", "become", "becomes", "being":
			return true
		}
	}
	return false
}

// copulaBeforePhrase reports "is one of the holding's largest markets": a
// form of "be" before the noun phrase that ends at i, read back over its
// determiners, possessors and modifiers but not over a preposition ("is
// present on the Russian market") or punctuation.
func copulaBeforePhrase(toks []text.Token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-8; k-- {
		t := toks[k]
		switch {
		case t.Norm == "'s" || t.Norm == "'":
			continue
		case t.Kind != text.Word:
			return false
		}
		switch t.Norm {
		case "is", "are", "was", "were", "remains", "remain", "became", "become", "becomes", "being":
			return true
		case "of":
			if k == 0 || toks[k-1].Norm != "one" && toks[k-1].Norm != "among" {
				return false
			}
		case "and", "or", "but", "which", "that", "who", "while":
			return false
		}
		if isPrepLike(t.Norm) && t.Norm != "of" {
			return false
		}
	}
	return false
}

// possessivePronouns own what follows them: "our largest market".
var possessivePronouns = set("our", "its", "their", "his", "her", "my", "your")

// ownsBuyerNoun reports "our largest market", "MTZ's key customers": the
// party r owns the buyer noun at i, and so sells to whoever that is.
func ownsBuyerNoun(toks []text.Token, r *role, i int) bool {
	if !r.left || r.m.end > i {
		return false
	}
	start := r.m.end
	switch {
	case r.poss:
		start++
	case r.m.end-r.m.start == 1 && possessivePronouns[toks[r.m.start].Norm]:
	default:
		return false
	}
	if i-start > 3 {
		return false
	}
	for k := start; k < i; k++ {
		if toks[k].Kind != text.Word || isPrepLike(toks[k].Norm) || beForms[toks[k].Norm] {
			return false
		}
	}
	return true
}

// copulaAfter reports "the second largest buyer is Kazakhstan", "other
// destinations include Uzbekistan".
func copulaAfter(toks []text.Token, i int) bool {
	for k := i + 1; k < len(toks) && k <= i+2; k++ {
		switch toks[k].Norm {
		case "is", "are", "was", "were", "remains", "remain", "include", "includes", "included":
			return true
		}
	}
	return false
}

// buyerNouns name the receiving side; the copula links them to a party.
var buyerNouns = set("buyer", "buyers", "consumer", "consumers", "customer", "customers",
	"importer", "importers", "purchaser", "purchasers", "client", "clients", "destination", "destinations",
	"market", "markets", "partner", "partners")

// clause is the stretch of a sentence that one trigger governs.
type clause struct {
	start, end int
}

// findTriggers returns the supply triggers of a sentence, one per clause:
// "negotiations are underway to ship a batch of" is one statement.
func findTriggers(toks []text.Token, ms []mention) []trigger {
	var out []trigger
	for i, t := range toks {
		if t.Kind != text.Word || !triggerWords[t.Norm] || mentionAt(ms, i) >= 0 {
			continue
		}
		w := t.Norm
		give, getV, nounG := giveVerbs[w], getVerbs[w], giveNouns[w]
		share := shareOfSupplies(toks, i)
		if !give && !getV && !nounG && !buyerNouns[w] && w != "fleet" && w != "fleets" && !share {
			continue
		}
		tr := trigger{at: i}
		prev, next := "", ""
		if i > 0 {
			prev = toks[i-1].Norm
		}
		if i+1 < len(toks) {
			next = toks[i+1].Norm
		}
		tr.noun = nounG && (determiners[prev] || prev == "of" || prev == "on" || prev == "for" || next == "of" ||
			prev == "new" || prev == "further" || prev == "regular" || prev == "first" || prev == "'s" ||
			(i > 0 && toks[i-1].Kind == text.Word && toks[i-1].Cap && !give && !getV) || !give && !getV)
		if w == "supplier" || w == "suppliers" {
			tr.noun = false // "MTZ remains the largest supplier of ...": the subject supplies
		}
		if (w == "delivery" || w == "deliveries") && (prev == "took" || prev == "take" || prev == "takes" || prev == "taken" || prev == "taking") {
			tr.get, tr.noun = true, false // "took delivery of": received
		}
		if buyerNouns[w] && next != "of" && !copulaBefore(toks, i) && !copulaAfter(toks, i) && !copulaBeforePhrase(toks, i) {
			continue
		}
		if (w == "partner" || w == "partners") && (prev == "for" || next == "among" || next == "in") {
			continue // "is looking for partners among Kazakh assemblers"
		}
		// "Russia remains the main market": only a copula makes a market a
		// buyer; "the market of Russia" and "on the Russian market" do not.
		if (w == "market" || w == "markets") && (next == "of" || !copulaBefore(toks, i) && !copulaBeforePhrase(toks, i)) {
			continue
		}
		if w == "fleet" || w == "fleets" {
			// "the company's fleet includes over 100 BELAZ dump trucks":
			// the owner of the fleet received the goods.
			tr.get, tr.noun = true, false
		}
		if (w == "contract" || w == "contracts" || w == "agreement") && (prev == "under" || prev == "within") ||
			i >= 2 && (w == "contract" || w == "contracts") && toks[i-2].Norm == "under" {
			continue // "supplying fuel under a contract": the verb says it
		}
		if buyerNouns[w] {
			// "Kuzbass is the largest consumer of BELAZ dump trucks", "the
			// main buyers of Belarusian potash were China, India and Brazil"
			tr.get, tr.noun, tr.copula = true, false, true
		}
		switch {
		case share:
			tr.get = true // "Kuzbass accounts for half of them": a recipient's share
		case w == "contract" || w == "contracts" || w == "agreement" || w == "deal" || w == "memorandum":
			tr.neutral, tr.noun = true, true
		case (w == "order" || w == "orders" || w == "purchase" || w == "purchases") && tr.noun:
			tr.get = true
		case tr.noun:
		case getV:
			tr.get = true
		}
		// "Belarus and Tver Oblast are discussing supplies of ...": the
		// parties of talks about a supply, like those of a contract.
		if tr.noun && !tr.get && negotiatedBy(toks, i) {
			tr.neutral = true
		}
		// "KAMAZ is in talks with the Food Corporation on 150 grain
		// trucks": the two sides of the talks.
		if (w == "talks" || w == "negotiations") && next == "with" {
			tr.neutral, tr.noun, tr.get = true, true, false
		}
		// Words that are triggers only in some uses.
		switch w {
		case "operation":
			// "2,000 MTZ tractors are in operation in the republic": the
			// goods are the subject; the place uses them.
			if prev != "in" || !placeAhead(toks, i) {
				continue
			}
			tr.get, tr.passive = false, true
		case "run", "runs", "running", "work", "works", "worked", "working", "serve", "serves", "served", "go", "goes", "went",
			"stayed", "remained":
			// "Vologda already runs our trolleybuses": the subject operates
			// the goods, like "operates".
			// "KPATP-5 runs them on the busiest routes": the goods just told.
			if (w == "run" || w == "runs" || w == "running") && (goodsAhead(toks, ms, i) || goodsPronounAfter(toks, i)) {
				break
			}
			// "our farmers have always worked on Belarus tractors", "which
			// has worked with Gomselmash machines": the subject uses them.
			// ("works mainly on MAZ dump trucks": an adverb may come between.)
			if j := skipAdverbs(toks, i+1); strings.HasPrefix(w, "work") && j < len(toks) &&
				(toks[j].Norm == "on" || toks[j].Norm == "with") && makersGoodsAhead(toks, ms, j) {
				break
			}
			if w == "worked" {
				continue
			}
			// "buses run in Tula", "MAZ buses serve urban routes in Berdsk",
			// "all of them went to Karelian companies"
			if !placeAhead(toks, i) {
				continue
			}
			// The goods are the subject; the place receives them.
			tr.get, tr.passive = false, true
		case "operate", "operates", "operating":
			// "Some 500 MAZ buses operate in the region": the goods are the
			// subject; the place uses them.
			if k := mentionAt(ms, i-1); i > 0 && k >= 0 && ms[k].typ == gazetteer.Product && !goodsAhead(toks, ms, i) && placeAhead(toks, i) {
				tr.get, tr.passive = false, true
			}
		case "arrive", "arrives", "arrived":
			tr.get, tr.passive = false, true // "the trolleybuses have arrived in Ryazan"
		case "due":
			if next != "in" && next != "at" && next != "to" {
				continue
			}
			tr.get, tr.passive = false, true // "the first five vehicles are due in Penza"
		case "intended", "destined", "earmarked":
			if next != "for" {
				continue
			}
			tr.get, tr.passive = false, true // "sixteen of the vehicles are intended for ALROSA"
		case "installed", "install", "installs":
			if !placeAhead(toks, i) {
				continue
			}
			tr.get, tr.passive = false, true // "the elevators will be installed in ..."
		case "come", "comes", "came":
			if next != "from" || growthBefore(toks, i) {
				continue // "the main growth came from hard cheeses": no purchase
			}
			tr.get, tr.passive = true, true // "the beans come from Ghana": a purchase from there
		case "shelves":
			if i < 2 || toks[i-2].Norm != "on" || next != "of" && next != "in" {
				continue
			}
			tr.get, tr.passive = false, true // "X cheese is on the shelves of retail chains in Y"
		case "available", "found", "represented":
			// "its brands can be found in the Pyaterochka chain", "are
			// represented in Magnit stores": on sale there.
			if next != "in" && next != "at" && !(next == "both" && i+2 < len(toks) && toks[i+2].Norm == "in") {
				continue
			}
			if w != "available" && !goodsBefore(toks, ms, i) {
				continue
			}
			tr.get, tr.passive = false, true // "its chocolate is available in Magnit"
		case "used", "use", "uses", "using":
			if next == "to" && w == "used" { // "used to"
				continue
			}
		case "put", "puts", "putting":
			// "put into operation twenty-two BELAZ trucks", "has put eight
			// new buses into service": the subject now runs them.
			if !intoService(toks, i) {
				continue
			}
		case "commissioned":
			if !countAhead(toks, i) {
				continue
			}
		case "has", "have", "owns", "own": // possessVerbs
			// "the depot has 60 MAZ buses": a fleet told by what it holds,
			// a count then a maker's goods.
			if !countAhead(toks, i) || !makersGoodsAhead(toks, ms, i+1) {
				continue
			}
		case "add", "adds", "added":
			// "the company added two more Palesse machines", "the carrier
			// adds 20 new buses to its fleet": a count of goods follows.
			if !countAhead(toks, i) {
				continue
			}
		case "get", "gets", "got":
			if next == "interested" || next == "acquainted" || next == "to" || next == "into" || next == "involved" || next == "used" {
				continue
			}
		case "sale", "sales", "batch", "consignment", "supplier", "suppliers", "order", "orders":
			// fine as nouns
		case "hand", "handed":
			if next != "over" {
				continue
			}
		case "offer", "offers", "offered", "offering":
			// "offer" is a proposal to supply
		case "provide", "provides", "provided", "providing":
			if next == "for" { // "the contract provides for the supply of"
				continue
			}
		}
		if !tr.noun && i >= 1 {
			// "are operated by", "were already delivered to"
			k := i - 1
			for k > 0 && (strings.HasSuffix(toks[k].Norm, "ly") || toks[k].Norm == "already" || toks[k].Norm == "also" ||
				toks[k].Norm == "now" || toks[k].Norm == "still") {
				k--
			}
			be := toks[k].Norm
			if (be == "be" || be == "been" || be == "being" || be == "was" || be == "were" || be == "is" || be == "are") &&
				(strings.HasSuffix(w, "ed") || w == "sold" || w == "sent" || w == "bought" || w == "chosen" || w == "shipped") {
				tr.passive = true
			}
		}
		// "has received an order from": the order is won, not placed.
		if len(out) > 0 && (w == "order" || w == "orders" || w == "contract" || w == "contracts") &&
			i-out[len(out)-1].at <= 3 && winVerbs[toks[out[len(out)-1].at].Norm] {
			last := &out[len(out)-1]
			last.won, last.get, last.neutral, last.noun = true, false, false, false
			continue
		}
		// "a memorandum between A and B on the supply of plywood": the
		// supply is what the agreement is about, however far the parties
		// stretch it.
		if len(out) > 0 && out[len(out)-1].neutral && (toks[out[len(out)-1].at].Norm == "memorandum" || toks[out[len(out)-1].at].Norm == "agreement") &&
			tr.noun && i >= 2 && toks[i-1].Norm == "the" &&
			(toks[i-2].Norm == "on" || toks[i-2].Norm == "for") && partyBetween(ms, out[len(out)-1].at, i) && !crossesBoundary(toks, out[len(out)-1].at, i) {
			continue
		}
		// A trigger right after another one continues its statement.
		if len(out) > 0 && (i-out[len(out)-1].at <= 4 || i-out[len(out)-1].at <= 8 && !partyBetween(ms, out[len(out)-1].at, i)) &&
			!crossesBoundary(toks, out[len(out)-1].at, i) {
			last := &out[len(out)-1]
			if weakTriggers[toks[last.at].Norm] && tr.passive && !weakTriggers[w] {
				// "the vehicles with an autonomous running range ... were
				// purchased by X", "trolleybuses manufactured by BKM have
				// arrived at X": the verb of the statement, not the word
				// of use or make before it.
				*last = tr
				continue
			}
			if tr.neutral && !last.neutral {
				continue
			}
			if last.neutral && !tr.neutral {
				// "a contract for the supply of": the parties of the
				// contract, the goods of the supply.
				tr.neutral = true
				*last = tr
			}
			continue
		}
		out = append(out, tr)
	}
	return out
}

// goodsPronounAfter reports "them" or "these" right after the verb at i:
// the goods told before, used by the subject.
func goodsPronounAfter(toks []text.Token, i int) bool {
	return i+1 < len(toks) && (toks[i+1].Norm == "them" || toks[i+1].Norm == "these")
}

// weakTriggers tell goods in use ("buses run in Tula") or who made them
// ("manufactured by"); a verb of supply in the same statement outranks
// them.
var weakTriggers = set("run", "runs", "running", "work", "works", "working", "serve", "serves", "served",
	"go", "goes", "went", "stayed", "remained", "operate", "operates", "operating", "operation",
	"manufacture", "manufactured")

// throughFirm returns the firm named after the trigger at as the channel
// the goods are sold through ("through the distributor Belmyaso-Trade"),
// or "". Lenders and lessors are no channel.
func (d *doc) throughFirm(s *sentence, at int) string {
	toks := s.Tokens
	for _, m := range s.mentions {
		if m.start <= at || m.typ != gazetteer.Enterprise || m.ref {
			continue
		}
		for k := m.start - 1; k > at && k >= m.start-9; k-- {
			w := toks[k].Norm
			if w == "through" || w == "via" {
				if e := d.entity(m.id); e != nil && !isFinancier(e) && e.Sector != "logistics" {
					return m.id
				}
				break
			}
			if !(determiners[w] || w == "," || w == "official" || roleNouns[w] || orgNouns[w] || toks[k].Cap ||
				orgModifiers[w]) {
				break
			}
		}
	}
	return ""
}

// whoseOwner returns the firm named right before a clause that opens with
// ", whose", or "".
func whoseOwner(s *sentence, cl clause) string {
	toks := s.Tokens
	if cl.start < 2 || toks[cl.start].Norm != "whose" || toks[cl.start-1].Norm != "," {
		return ""
	}
	if k := mentionAt(s.mentions, cl.start-2); k >= 0 && s.mentions[k].typ == gazetteer.Enterprise {
		return s.mentions[k].id
	}
	return ""
}

// goodsAt reports goods named at token j, perhaps after their maker:
// "2,000 tractors", "two thousand MTZ tractors".
func goodsAt(ms []mention, j int) bool {
	k := mentionAt(ms, j)
	if k >= 0 && ms[k].typ == gazetteer.Enterprise {
		k = mentionAt(ms, ms[k].end)
	}
	return k >= 0 && ms[k].typ == gazetteer.Product
}

// growthBefore reports a word of change just before token i: "the main
// growth came from", "the increase comes from".
func growthBefore(toks []text.Token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		switch toks[k].Norm {
		case "growth", "increase", "rise", "decline", "drop", "demand", "revenue", "income", "profit":
			return true
		}
	}
	return false
}

// goodsBefore reports goods named, or "products" and "brands" said, in
// the few words before token i: the subject of "can be found in".
func goodsBefore(toks []text.Token, ms []mention, i int) bool {
	for k := i - 1; k >= 0 && k >= i-6; k-- {
		if m := mentionAt(ms, k); m >= 0 && ms[m].typ == gazetteer.Product || genericProducts[toks[k].Norm] {
			return true
		}
	}
	return false
}

// suppliedThings are what "of" points back to in a share of supplies.
var suppliedThings = set("them", "these", "those", "which", "deliveries", "shipments", "supplies",
	"exports", "sales")

// shareOfSupplies reports "accounts for roughly half of them", "account
// for 40% of deliveries": the subject's share of goods just told.
func shareOfSupplies(toks []text.Token, i int) bool {
	switch toks[i].Norm {
	case "account", "accounts", "accounted", "accounting":
	default:
		return false
	}
	if i+1 >= len(toks) || toks[i+1].Norm != "for" {
		return false
	}
	for k := i + 2; k+1 < len(toks) && k <= i+7; k++ {
		if toks[k].Norm == "of" {
			n := k + 1
			if toks[n].Norm == "the" && n+1 < len(toks) {
				n++
			}
			return suppliedThings[toks[n].Norm]
		}
	}
	return false
}

// partyBetween reports whether a name other than goods lies between two
// tokens.
func partyBetween(ms []mention, i, j int) bool {
	for _, m := range ms {
		if m.start > i && m.end <= j && m.typ != gazetteer.Product {
			return true
		}
	}
	return false
}

// goodsAhead reports a product within three words after i.
func goodsAhead(toks []text.Token, ms []mention, i int) bool {
	for k := i + 1; k < len(toks) && k <= i+3; k++ {
		if m := mentionAt(ms, k); m >= 0 && ms[m].typ == gazetteer.Product {
			return true
		}
	}
	return false
}

// makersGoodsAhead reports goods or a maker's name right after token i:
// "on Belarus tractors", "with Gomselmash machines".
func makersGoodsAhead(toks []text.Token, ms []mention, i int) bool {
	for k := i + 1; k < len(toks) && k <= i+3; k++ {
		if m := mentionAt(ms, k); m >= 0 && (ms[m].typ == gazetteer.Product || ms[m].typ == gazetteer.Enterprise &&
			(ms[m].modifier || ms[m].end < len(toks) && genericProducts[toks[ms[m].end].Norm])) {
			return true
		}
		if genericProducts[toks[k].Norm] {
			return true
		}
	}
	return false
}

// placeAhead reports "in", "on", "at" or "to" within four words after i.
func placeAhead(toks []text.Token, i int) bool {
	for k := i + 1; k < len(toks) && k <= i+4; k++ {
		switch toks[k].Norm {
		case "in", "on", "at", "to":
			return true
		}
	}
	return false
}

// negotiatedBy reports a talks verb right before a supply noun:
// "discussing supplies", "negotiating the supply".
func negotiatedBy(toks []text.Token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		switch toks[k].Norm {
		case "discuss", "discussed", "discussing", "negotiate", "negotiated", "negotiating", "considering", "consider":
			return true
		case "agreed", "agree", "agrees": // "X and Y agreed on the supply of", not "agreed to increase deliveries"
			return toks[k+1].Norm == "on" || toks[k+1].Norm == "upon"
		}
	}
	return false
}

// crossesBoundary reports whether a clause boundary lies between i and j.
func crossesBoundary(toks []text.Token, i, j int) bool {
	for k := i + 1; k < j; k++ {
		if isBoundary(toks, k) {
			return true
		}
	}
	return false
}

// isBoundary reports whether token k starts a new clause: a semicolon, a
// colon, "while", ", and"/", but", or "and" before a verb-like word.
func isBoundary(toks []text.Token, k int) bool {
	t := toks[k].Norm
	switch t {
	case ";", ":", "while", "whereas", "but":
		return true
	case ",":
		if k+1 < len(toks) {
			switch toks[k+1].Norm {
			case "and", "while", "but", "whereas", "which", "where", "who", "whose", "with", "including", "most", "of":
				return true
			}
		}
	case "and":
		if k+1 < len(toks) {
			n := toks[k+1].Norm
			if planCues[n] || proposalCues[n] || n == "has" || n == "have" || n == "had" || n == "is" ||
				n == "are" || n == "was" || n == "were" || n == "also" || n == "signed" || giveVerbs[n] || getVerbs[n] ||
				n == "in" || n == "since" || n == "last" {
				return true
			}
		}
	}
	return false
}

// clauseOf returns the clause around token at: from the previous boundary
// to the next one.
func clauseOf(toks []text.Token, at int) clause {
	c := clause{start: 0, end: len(toks)}
	for k := at - 1; k > 0; k-- {
		if isBoundary(toks, k) {
			c.start = k + 1
			break
		}
	}
	for k := at + 1; k < len(toks); k++ {
		if isBoundary(toks, k) {
			c.end = k
			break
		}
	}
	return c
}

// makerPair is an enterprise named as the maker of a product: "MAZ buses",
// "tractors from the Minsk Tractor Works".
type makerPair struct {
	enterprise, product string
	sent                int
	start               int // the goods' first token in their sentence
}

// triggersOf returns the supply words of a sentence, found once: the
// rules and the pair model both read them after the mentions are settled.
func (d *doc) triggersOf(s *sentence) []trigger {
	if d.triggers == nil {
		d.triggers = make(map[int][]trigger, len(d.sents))
	}
	trs, ok := d.triggers[s.index]
	if !ok {
		trs = findTriggers(s.Tokens, s.mentions)
		d.triggers[s.index] = trs
	}
	return trs
}

// findSupplies reads the supply facts of the document.
func (d *doc) findSupplies(f focus) []*fact {
	var facts []*fact
	var makers []makerPair
	for _, s := range d.sents {
		makers = append(makers, d.makerPairs(s)...)
		triggers := d.triggersOf(s)
		var lastInSentence *fact
		if fa := d.componentSupply(s); fa != nil {
			facts = append(facts, fa)
			triggers = nil // the part's supply is the statement
		}
		if fa := d.colonDeal(s); fa != nil {
			facts = append(facts, fa)
			triggers = nil // the listed deal is the statement
		}
		var prev *fact
		if len(facts) > 0 && facts[len(facts)-1].sent.index == s.index-1 {
			prev = facts[len(facts)-1]
		} else if s.index > 0 {
			prev = d.receipt(d.sents[s.index-1])
		}
		if prev != nil {
			if parts := d.consignmentParts(s, prev); len(parts) > 0 {
				// "Belarusian machinery", told maker by maker: the country's
				// facts of the sentence before give way.
				facts = slices.DeleteFunc(facts, func(fa *fact) bool {
					return fa.sent == prev.sent && len(fa.supplier) == 1 && d.isCountry(fa.supplier[0]) && sameIDs(fa.recipient, prev.recipient)
				})
				facts = append(facts, parts...)
				triggers = nil
			}
		}
		for _, tr := range triggers {
			fa := d.readSupply(s, tr, f, makers, facts, lastInSentence)
			if fa == nil {
				continue
			}
			fa.title = d.titled && (s.Para == 0 || d.repeatsTitle(s))
			parts := append(d.split(fa, tr), d.gapped(fa, tr)...)
			included := d.includedMakers(fa, tr)
			if distinctSuppliers(included) >= 2 {
				parts = nil // "85 buses, including 40 MAZ and 45 PAZ buses": the items, not the sum
			}
			if items := breakdown(fa, tr); len(items) > 0 {
				parts = items // "bought 410 combines: 260 from Rostselmash and 118 from Gomselmash"
			}
			if len(parts) == 1 && len(included) == 0 {
				parts = partDone(parts[0], tr)
			}
			for _, part := range append(parts, included...) {
				facts = append(facts, part)
				lastInSentence = part
			}
		}
	}
	d.focusFirmCity(facts, f)
	return dropRestatedMarkets(facts)
}

// focusFirmCity makes the article's firm the recipient of goods sent to
// its home city: in a Belshina press release, "synthetic rubber is
// supplied to Bobruisk by Nizhnekamskneftekhim" goes to the plant.
func (d *doc) focusFirmCity(facts []*fact, f focus) {
	firm := d.entity(f.firm)
	if firm == nil || firm.City == "" {
		return
	}
	for _, fa := range facts {
		if len(fa.recipient) == 1 && fa.recipient[0] == firm.City && !contains(fa.supplier, f.firm) && !d.anyRelated(fa.supplier, f.firm) {
			fa.recipient = []string{f.firm}
		}
	}
}

// anyRelated reports whether one of ids is firm's parent or subsidiary.
func (d *doc) anyRelated(ids []string, firm string) bool {
	for _, id := range ids {
		if d.related(id, firm) {
			return true
		}
	}
	return false
}

// colonDeal reads a deal listed as its two parties, a colon and the goods:
// "– Gomselmash and the Aktobe agroholding Ak Bidai: 30 forage harvesters;".
// The party that makes the goods supplies them to the other.
func (d *doc) colonDeal(s *sentence) *fact {
	toks, ms := s.Tokens, s.mentions
	k := 0
	for k < len(toks) && toks[k].IsDash() {
		k++
	}
	a := mentionAt(ms, k)
	if a < 0 || ms[a].start != k || ms[a].typ != gazetteer.Enterprise || ms[a].ref {
		return nil
	}
	// The second party ends right before the colon.
	colon := -1
	for j := ms[a].end; j < len(toks) && j < ms[a].end+10; j++ {
		if toks[j].Norm == ":" {
			colon = j
			break
		}
	}
	if colon < 0 || ms[a].end >= len(toks) || toks[ms[a].end].Norm != "and" {
		return nil
	}
	// "Amkodor and Almaty Tazalyk, the city's cleaning company:": the
	// last party named before the colon.
	b := -1
	for j, m := range ms {
		if j != a && m.start > ms[a].end && m.end <= colon && !m.ref && !m.demonym && (m.typ == gazetteer.Enterprise || isPlace(m.typ)) {
			b = j
		}
	}
	if b < 0 {
		return nil
	}
	// A count of goods right after the colon.
	if colon+2 >= len(toks) || toks[colon+1].Kind != text.Number {
		return nil
	}
	var products []string
	for _, m := range ms {
		if m.typ == gazetteer.Product && m.start > colon && m.start <= colon+4 {
			products = appendUnique(products, m.id)
		}
	}
	if len(products) == 0 {
		return nil
	}
	// The seller is named first, as a rule, unless the other makes them.
	supplier, recipient := ms[a].id, ms[b].id
	if !d.makes(supplier, products[0]) && d.makes(recipient, products[0]) {
		supplier, recipient = recipient, supplier
	}
	sup, rec := d.validRoles([]string{supplier}, []string{recipient})
	if len(sup) == 0 || len(rec) == 0 {
		return nil
	}
	return &fact{sent: s, conf: 0.5, supplier: sup, recipient: rec, products: products, status: "contracted",
		quantity: nearestQuantity(toks, ms, clause{start: colon + 1, end: len(toks)}, colon+1)}
}

// dropRestatedMarkets drops "X is our key market" when a deal of the same
// parties is told elsewhere in the article.
func dropRestatedMarkets(facts []*fact) []*fact {
	out := facts[:0]
	for _, fa := range facts {
		restated := false
		for _, o := range facts {
			if fa.market && !o.market && sameIDs(fa.supplier, o.supplier) && sameIDs(fa.recipient, o.recipient) {
				restated = true
			}
		}
		if !restated {
			out = append(out, fa)
		}
	}
	return out
}

// repeatsTitle reports whether s is the headline printed again as the
// body's first line, as scraped pages often have it.
func (d *doc) repeatsTitle(s *sentence) bool {
	if s.Para != 1 || len(d.sents) == 0 || d.sents[0].Para != 0 {
		return false
	}
	t := d.sents[0]
	return strings.TrimSpace(d.text[s.Start:s.End]) == strings.TrimSpace(d.text[t.Start:t.End])
}

// role of a mention relative to a trigger.
type role struct {
	m    mention
	prep string // the preposition before it ("to", "from", ...), if any
	left bool   // before the trigger
	dist int    // tokens between it and the trigger
	poss bool   // followed by "'s"
}

func (d *doc) readSupply(s *sentence, tr trigger, f focus, makers []makerPair, facts []*fact, sameSentence *fact) *fact {
	toks := s.Tokens
	cl := clauseOf(toks, tr.at)
	// "Sixteen of the vehicles, with a payload of 220 tonnes, are
	// intended for ALROSA": the subject stands before the aside.
	if tr.passive && cl.start >= 2 && toks[cl.start-1].Norm == "," && isPrepLike(toks[cl.start].Norm) {
		cl.start = clauseOf(toks, cl.start-2).start
	}
	fa := &fact{sent: s, conf: 0.8}

	// Products in the clause, and whether the goods are only "vehicles".
	aside := asides(toks, tr.at)
	destination := -1 // where "for buses" begins: goods after it are what the goods go into
	for _, m := range s.mentions {
		if m.typ == gazetteer.Product && m.start >= cl.start && m.end <= cl.end && !attributive(toks, s.mentions, m) && !aside[m.start] {
			if len(fa.products) > 0 && (m.start > tr.at || prepBefore(toks, m.start) == "for") && (prepBefore(toks, m.start) == "for" || wordBefore(toks, m.start) == "on" || builtOn(toks, s.mentions, m) && madeByAfter(s, m, cl)) {
				if destination < 0 && prepBefore(toks, m.start) == "for" {
					destination = m.start
				}
				continue // "engines for buses", "installed on combines": what the goods go into
			}
			// "bearings for wheel hubs, gearboxes and transfer cases of
			// KAMAZ trucks": the rest of the list still says what for.
			if destination < 0 && len(fa.products) > 0 && m.start > tr.at {
				destination = forAfter(toks, tr.at, m.start)
			}
			if destination >= 0 && m.start > destination && !crossesBoundary(toks, destination, m.start) && !countBetween(toks, destination, m.start) {
				continue
			}
			fa.products = appendUnique(fa.products, m.id)
		}
	}
	for k := cl.start; k < cl.end; k++ {
		if genericProducts[toks[k].Norm] && mentionAt(s.mentions, k) < 0 {
			fa.generic = true
		}
	}
	// "we can supply whatever you need. Buses, trolleybuses, municipal
	// equipment for your cities": goods listed right after, in a sentence
	// without a verb of its own.
	if len(fa.products) == 0 && s.index+1 < len(d.sents) {
		if next := d.sents[s.index+1]; next.Para == s.Para && len(d.triggersOf(next)) == 0 &&
			len(next.mentions) > 0 && next.mentions[0].typ == gazetteer.Product && next.mentions[0].start == 0 {
			for _, m := range next.mentions {
				if m.typ == gazetteer.Product {
					fa.products = appendUnique(fa.products, m.id)
				}
			}
		}
	}
	// "Belarus tractors lead in the Volga region: farms in Tatarstan bought
	// 412 of them": the goods "them" stands for, and their maker.
	var antecedentMaker string
	if len(fa.products) == 0 && themAfter(toks, tr.at, cl) {
		if p, maker := d.antecedentGoods(s, cl); p != "" {
			fa.products, antecedentMaker = []string{p}, maker
		}
	}
	if w := toks[tr.at].Norm; (w == "talks" || w == "negotiations" || w == "fleet" || w == "fleets") && len(fa.products) == 0 {
		return nil // talks about goods are a supply in negotiation; others are not
	}
	if tr.passive && !tr.get && servicePassive(toks, s.mentions, tr.at, cl) {
		return nil // "service will be provided by the BELAZ centre": no goods
	}
	if statistic(toks, cl) {
		return nil // "exports to Russia grew by 18%": trade figures, not a supply
	}
	if excludedTrigger(toks, tr.at) {
		return nil // "besides the orders of X": told elsewhere
	}
	if negated(toks, tr.at, cl) {
		return nil // "stopped shipments to Russia", "no longer supplies"
	}
	fa.quantity = nearestQuantity(toks, s.mentions, cl, tr.at)
	fa.status = status(toks, tr, cl)
	fa.firstPart = firstPartOf(toks, cl)
	// "a memorandum of intent on the supply of birch plywood": a plan.
	if toks[tr.at].Norm == "memorandum" && (fa.status == StatusOngoing || fa.status == StatusContracted) {
		fa.status = StatusPlanned
	}
	// "can be found in Magnit stores": on sale now, not an offer.
	if w := toks[tr.at].Norm; (w == "found" || w == "available" || w == "represented") && fa.status == StatusProposed {
		fa.status = StatusOngoing
	}

	// Roles of the named parties around the trigger.
	var roles []role
	for _, m := range s.mentions {
		if m.typ == gazetteer.Product || m.typ == gazetteer.Person {
			continue
		}
		r := role{m: m, left: m.end <= tr.at}
		if r.left {
			if m.end <= cl.start && !tr.noun {
				// Outside the clause only the subject counts: "MTZ has
				// delivered ... and plans to ship ...".
				r.dist = tr.at - m.end + 100
			} else {
				r.dist = tr.at - m.end
			}
		} else {
			if m.start >= cl.end {
				continue
			}
			r.dist = m.start - tr.at
		}
		r.prep = prepBefore(toks, m.start)
		if m.ref && !r.left && toks[m.start].Norm == "there" && r.prep == "" && !(m.end < len(toks) && beForms[toks[m.end].Norm]) {
			r.prep = "to" // "sold 6,600 tonnes of confectionery there"
		}
		if isPlace(m.typ) && !m.demonym && r.prep == "" && wordBefore(toks, m.start) == "on" {
			r.prep = "in" // "working on Voronezh fields", "on Sakhalin"
		}
		// "Russia's", and "Belarus'" with the bare apostrophe.
		r.poss = m.end < len(toks) && (toks[m.end].Norm == "'s" || toks[m.end].Norm == "'" && !toks[m.end].Space &&
			strings.HasSuffix(toks[m.end-1].Norm, "s"))
		roles = append(roles, r)
	}

	// ", which will receive 30 trucks": the name before the comma acts.
	if cl.start >= 2 && (toks[cl.start].Norm == "which" || toks[cl.start].Norm == "who") && toks[cl.start-1].Norm == "," {
		if k := mentionAt(s.mentions, cl.start-2); k >= 0 {
			// "the Druzhba cooperative near Blagoveshchensk, which": the
			// firm, not the place that locates it.
			if isPlace(s.mentions[k].typ) && k > 0 && s.mentions[k-1].typ == gazetteer.Enterprise && s.mentions[k].start-s.mentions[k-1].end <= 2 &&
				locatingPreps[toks[s.mentions[k].start-1].Norm] {
				k--
			}
			for i := range roles {
				if roles[i].m.start == s.mentions[k].start {
					roles[i].dist, roles[i].prep = 1, ""
				}
			}
		}
	}
	supplier, recipient := d.assignRoles(s, tr, cl, roles, f, fa.products)
	// "shipped to Kazakhstan for farmers of the Kostanay region": the
	// place the goods are for is the more specific recipient.
	if len(recipient) == 1 && d.isCountry(recipient[0]) {
		if id := d.placeFor(s, cl, recipient[0]); id != "" {
			recipient = []string{id}
		}
	}
	// "sells its products in Russia through its official distributor, the
	// Smolensk company X": the distributor buys them; a country named as
	// the market gives way to it, a city or region keeps its own fact.
	if len(recipient) > 0 && !tr.get {
		if id := d.throughFirm(s, tr.at); id != "" && !contains(supplier, id) {
			if d.isCountry(recipient[0]) {
				recipient = []string{id}
			} else {
				recipient = appendUnique(recipient, id)
			}
		}
	}
	// "The parties signed an agreement on 42,000 forgings" with no firm
	// named: the two firms of the sentence before.
	if tr.neutral && partiesSubject(toks, tr.at, cl) && !d.anyEnterprise(append(append([]string{}, supplier...), recipient...)) {
		if sup, rec := d.partiesBefore(s, fa.products); len(sup) > 0 {
			supplier, recipient = sup, rec
		}
	}
	// "Savushkin Product, whose brands can be found in the Pyaterochka
	// chain": the firm the relative clause hangs on owns the goods.
	if len(supplier) == 0 && tr.passive && !tr.get {
		if id := whoseOwner(s, cl); id != "" {
			supplier = []string{id}
		}
	}
	recipient = firmForPlace(s, cl, recipient)
	recipient = sellerWhere(s, cl, recipient, supplier)
	recipient = d.ruralRegions(s, recipient)
	supplier = d.citySuppliers(s, supplier)
	// "last year it supplied ...": the firm the sentence is about.
	if len(supplier) == 0 && !tr.get && pronounSubject(toks, tr.at, cl) {
		if e := d.latestFirm(s, tr.at); e != "" {
			supplier = []string{e}
		}
	}
	recipient = d.pronounRecipient(s, tr, cl, supplier, recipient)
	// "Its key customers are KAMA TYRES and Cordiant": the firm just named
	// sells them what it last shipped.
	if len(supplier) == 0 && len(recipient) > 0 && tr.copula && possessivePronounBefore(toks, tr.at) {
		if e := d.latestFirmExcept(s, tr.at, recipient); e != "" {
			supplier = []string{e}
			if len(fa.products) == 0 {
				fa.products = lastGoodsOf(e, facts)
			}
			if len(fa.products) == 0 {
				fa.products = d.firmGoods(e, s.index)
			}
		}
	}
	// "to Russian retail chains, including X5 Group and Magnit": the named
	// ones are the recipients.
	if named := d.included(s, cl); len(named) > 0 && (len(recipient) == 0 || d.isCountry(recipient[0])) {
		recipient = named
	}
	// "grateful to you for choosing MAZ buses": the one thanked acted.
	if tr.get && tr.at > 0 && toks[tr.at-1].Norm == "for" && strings.HasSuffix(toks[tr.at].Norm, "ing") {
		for i := len(roles) - 1; i >= 0; i-- {
			if r := roles[i]; r.left && r.m.typ != gazetteer.Product {
				recipient = d.coordinated(s, r.m, f, roles)
				break
			}
		}
	}

	// "Russia remains the main market": in an article about one firm,
	// that firm's market, before any earlier statement is continued.
	if len(supplier) == 0 && len(recipient) > 0 && tr.copula && f.firm != "" && !contains(recipient, f.firm) && !d.anyEnterprise(recipient) {
		supplier = []string{f.firm}
		if p := d.pending; len(fa.products) == 0 && p != nil && sameIDs(p.supplier, supplier) {
			fa.products = p.products // "Kommunarka shipped confectionery worth ... Russia remains the main market"
		}
	}
	// "Belarus exported dairy products ..., and 80% of these went to
	// Russia": an earlier clause of the sentence named the supplier.
	if p := d.pending; len(supplier) == 0 && p != nil && p.sent == s {
		supplier = p.supplier
		if len(fa.products) == 0 {
			fa.products = p.products
		}
	}
	// "The parties also discussed the supply of front loaders": the two
	// sides of the latest deal.
	if len(recipient) == 0 && partiesSubject(toks, tr.at, cl) {
		if last := latestDeal(facts, s.index); last != nil && (len(supplier) == 0 || sameIDs(supplier, last.supplier)) {
			supplier, recipient = last.supplier, last.recipient
		} else if sup, rec := d.partiesBefore(s, fa.products); len(sup) > 0 && (len(supplier) == 0 || sameIDs(supplier, sup)) {
			// "MTZ has been cooperating with the Chelyabinsk Forge-and-Press
			// Plant. The parties signed an agreement on 42,000 forgings":
			// the two firms just named (a known maker of the goods may
			// already be the supplier).
			supplier, recipient = sup, rec
		}
	}
	// "we" is resolved last: a statement that continues the previous one
	// names its parties there.
	supplier, weSupply := dropWe(supplier)
	recipient, weReceive := dropWe(recipient)

	// "Bryanskselmash assembled 1,150 combine harvesters in 2023. Most of
	// them went to farms in the Bryansk, Kursk and Oryol regions": the
	// goods the firm was just said to make.
	// "Another 465 went to neighbouring Russian regions: 180 to ...": the
	// country of the buyers, until the breakdown names them.
	if len(recipient) == 0 && !tr.get && partOfThem(toks, cl) {
		for _, m := range s.mentions {
			if m.demonym && m.start > tr.at && m.start < cl.end && toBefore(toks, m.start) {
				recipient = []string{m.id}
				break
			}
		}
	}
	if len(supplier) == 0 && len(recipient) > 0 && !tr.get && partOfThem(toks, cl) {
		if firm, goods := d.madeJustBefore(s); firm != "" && (len(fa.products) == 0 || overlaps(fa.products, goods)) {
			supplier, fa.products = []string{firm}, goods
			if fa.quantity == 0 {
				fa.quantity = partCount(toks, cl)
			}
		}
	}
	if len(supplier) == 0 && antecedentMaker != "" {
		supplier = []string{antecedentMaker}
	}
	// Makers of the products: "MAZ buses" names the supplier.
	if len(supplier) == 0 {
		supplier = d.makerOf(s, fa.products, makers, cl, tr)
	}
	// "received 56 Belarus tractors": a brand named like its country.
	if len(supplier) == 0 && f.home != "" {
		if e := d.brandOf(s, f.home, fa.products); e != "" {
			supplier = []string{e}
		}
	}
	// "Belarus tractors" in a paragraph about MTZ: the firm, not the country.
	if len(supplier) == 1 && d.isCountry(supplier[0]) && d.modifiesProduct(s, supplier[0], cl) {
		if e := d.recentMaker(s, supplier[0], fa.products); e != "" {
			supplier = []string{e}
		} else if e := d.brandOf(s, supplier[0], fa.products); e != "" {
			supplier = []string{e} // "56 Belarus tractors": the MTZ brand
		}
	}
	// Continue the previous statement: "We supplied 150 vehicles".
	var prev *fact
	if sameSentence != nil {
		prev = sameSentence
	} else if len(facts) > 0 {
		last := facts[len(facts)-1]
		if s.index-last.sent.index <= 2 {
			prev = last
		}
	}
	continuing := prev != nil && (len(fa.products) == 0 || overlaps(fa.products, prev.products))
	if len(supplier) == 0 && continuing && (len(recipient) == 0 || sameIDs(recipient, prev.recipient) || fa.generic || len(fa.products) == 0) {
		supplier = prev.supplier
	}
	// "The holding plans to ship another 25 machines, mostly snow-clearing
	// equipment": more goods for the same recipient, even of another kind.
	if len(recipient) == 0 && prev != nil && (continuing || additive(toks, cl)) && sameIDs(supplier, prev.supplier) {
		recipient = prev.recipient
	}
	// "Gortrans has summed up the auction for the purchase of trolleybuses.
	// The winner was BKM Holding, which offered to supply 31 trolleybuses":
	// the firm now named supplies the buyer of the statement before, which
	// only knew the supplier's country.
	if len(recipient) == 0 && len(supplier) == 1 && !tr.get && prev != nil && prev.sent != s && len(fa.products) > 0 && continuing &&
		len(prev.supplier) == 1 && d.isCountry(prev.supplier[0]) && d.countryOf(supplier[0]) == prev.supplier[0] {
		prev.supplier = supplier
		recipient = prev.recipient
	}
	// "Negotiations are under way with Mogilevtransmash on the supply of
	// another 15 vacuum sweepers": more of the goods the firm was said to
	// have supplied, to the same buyer, however far back.
	if len(recipient) == 0 && len(supplier) > 0 && len(fa.products) > 0 && additive(toks, cl) {
		for k := len(facts) - 1; k >= 0; k-- {
			if o := facts[k]; sameIDs(o.supplier, supplier) && overlaps(o.products, fa.products) {
				recipient = o.recipient
				break
			}
		}
	}
	// "MTZ supplied 1,120 tractors to X, while Gomselmash shipped 312
	// combines": a parallel clause of the same sentence shares the
	// recipient.
	if len(recipient) == 0 && len(supplier) > 0 && sameSentence != nil && !tr.get && parallelClause(toks, cl) {
		recipient = sameSentence.recipient
	}
	// "we supply" in an article about Belarusian firms: Belarus; "we buy"
	// in one about a Russian region: that region.
	if len(supplier) == 0 && weSupply {
		if e := d.speaker[s.Para]; e != "" {
			supplier = []string{e}
		} else if e := d.speaker[-1]; e != "" {
			supplier = []string{e}
		} else if f.home != "" {
			supplier = []string{f.home}
			// "we will offer you our electric buses. MAZ has mastered them":
			// the firm the next sentence names for the goods.
			if e := d.nextMaker(s, fa.products, f.home); e != "" {
				supplier = []string{e}
			}
		}
		fa.conf = 0.5
	}
	// "The fleet of Orenburgdorservis has been replenished with 24 units.
	// Fourteen dump trucks were delivered by MAZ, ... Amkodor supplied six
	// loaders": each maker's part of what a receiver was just said to get
	// ("we can supply potatoes" after a receipt is an offer to others).
	if len(recipient) == 0 && len(supplier) > 0 && !tr.get && !weReceive && !weSupply && fa.status != StatusProposed && !d.anyPlaceIn(s, cl) {
		if r := d.receiptBefore(s); r != nil && !overlaps(r.recipient, supplier) {
			recipient = r.recipient
			fa.conf = 0.6
		}
	}
	if len(recipient) == 0 && weReceive && f.region != "" {
		recipient = []string{f.region}
		fa.conf = 0.5
	}
	// "Thirty Gomselmash combines went to farms in August" in an article
	// about a region: its farms.
	if len(recipient) == 0 && len(supplier) > 0 && f.region != "" && len(fa.products) > 0 && localBuyers(toks, cl) &&
		!d.within(supplier, []string{f.region}) && !d.anyPlaceIn(s, cl) {
		recipient = []string{f.region}
		fa.conf = 0.5
	}
	// "Among grain harvesters, 22 Gomselmash combines were bought": a
	// purchase without a buyer continues the one told just before, or is
	// made in the region the article is about.
	if len(recipient) == 0 && len(supplier) > 0 && tr.get && tr.passive && len(fa.products) > 0 && !d.anyPlaceIn(s, cl) &&
		!d.foreignDemonymIn(s, cl, f.home) {
		if prev != nil && prev.sent != s && prev.sent.Para == s.Para && len(prev.recipient) > 0 && !overlaps(prev.recipient, supplier) {
			recipient = prev.recipient
		} else if f.region != "" && !d.within(supplier, []string{f.region}) && (d.placeNear(s, f.region, 2) || d.titleNames(f.region)) {
			recipient = []string{f.region}
		}
		fa.conf = 0.5
	}
	if len(supplier) == 0 && len(recipient) > 0 && len(fa.products) > 0 && len(facts) > 0 {
		// The firm of the last supply, told a sentence or two ago, if it
		// makes these goods.
		last := facts[len(facts)-1]
		if s.index-last.sent.index <= 2 && len(last.supplier) == 1 && d.makesAny(last.supplier[0], fa.products) &&
			!contains(recipient, last.supplier[0]) {
			supplier = last.supplier
			fa.conf = 0.55
		}
	}
	if len(supplier) == 0 && len(recipient) > 0 && len(fa.products) > 0 {
		// A firm named just before that makes these goods: "Mogilevliftmash
		// has launched assembly ... The first 60 elevators will be
		// installed ...".
		if e := d.recentMakerAny(s, fa.products, recipient); e != "" {
			supplier = []string{e}
			fa.conf = 0.55
		}
	}
	if len(supplier) == 0 && len(recipient) > 0 && len(fa.products) > 0 && f.firm != "" && d.makesAny(f.firm, fa.products) &&
		!contains(recipient, f.firm) {
		// An article about one firm: its goods come from it.
		supplier = []string{f.firm}
		fa.conf = 0.55
	}
	if len(supplier) == 0 && len(recipient) > 0 && f.home != "" && len(fa.products) > 0 && !d.isIn(recipient[0], f.home) &&
		tr.noun && !tr.get && !tr.neutral {
		// "The supply of logging machines is relevant for the region":
		// the article's supplying country; in an article about one of its
		// firms, that firm ("Negotiations are under way with the holding
		// on the delivery of another ten complexes"). Only after a noun of
		// supply: after verbs, contracts and purchases annotators named
		// this supplier in 17 of 120 cases.
		supplier = []string{f.home}
		if f.firm != "" && d.isIn(f.firm, f.home) && !contains(recipient, f.firm) {
			supplier = []string{f.firm}
		}
		fa.conf = 0.5
	}
	// An article about one firm: what it buys comes to it ("the beans come
	// from Ghana"), and its markets buy its goods ("the second largest
	// buyer is Kazakhstan").
	if f.firm != "" && len(supplier) > 0 && len(recipient) == 0 && tr.get && tr.passive && !contains(supplier, f.firm) {
		recipient = []string{f.firm}
		fa.conf = 0.5
	}
	if f.firm != "" && len(supplier) == 0 && len(recipient) > 0 && (tr.copula || tr.noun) && !contains(recipient, f.firm) {
		supplier = []string{f.firm}
		if len(fa.products) == 0 {
			fa.products = d.firmGoods(f.firm, s.index)
		}
		fa.conf = 0.5
	}
	// "Other destinations include Uzbekistan ...", after a sentence that
	// already named the firm: its goods, as above.
	if len(fa.products) == 0 && f.firm != "" && sameIDs(supplier, []string{f.firm}) && tr.copula {
		fa.products = lastGoodsOf(f.firm, facts)
		if len(fa.products) == 0 {
			fa.products = d.firmGoods(f.firm, s.index)
		}
	}
	// "Altai Krai is one of Gomselmash's largest markets": the goods the
	// firm last shipped, or makes.
	if len(fa.products) == 0 && tr.copula && len(supplier) == 1 && d.anyEnterprise(supplier) {
		fa.products = lastGoodsOf(supplier[0], facts)
		if len(fa.products) == 0 {
			fa.products = d.firmGoods(supplier[0], s.index)
		}
	}
	// "... and the two companies have agreed to increase deliveries": the
	// same goods, when the sentence goes on about the same parties.
	if len(fa.products) == 0 && prev != nil && sameIDs(supplier, prev.supplier) &&
		(fa.generic || fa.quantity > 0 || tr.noun && prev == sameSentence && sameIDs(recipient, prev.recipient)) {
		fa.products = prev.products
	}
	if len(fa.products) == 0 && len(supplier) == 1 && fa.generic {
		fa.products = d.recentProductsOf(s, supplier[0])
		// "whose brands can be found in Magnit": what the firm makes.
		if len(fa.products) == 0 && d.anyEnterprise(supplier) {
			fa.products = d.firmGoods(supplier[0], s.index)
		}
	}
	// "Sibagrotrade has sold more than 1,200 Belarus tractors to farms of
	// the Krasnoyarsk Territory" after "MTZ with its official dealer
	// Sibagrotrade": the dealer passes on the maker's goods.
	if len(supplier) == 1 && len(recipient) > 0 && !tr.get {
		if maker := d.dealerOf[supplier[0]]; maker != "" && !contains(recipient, maker) && d.makesAny(maker, fa.products) {
			supplier = []string{maker}
		}
	}
	// "the 43 MAZ buses which the city is to receive under an agreement
	// with GTLK": the lessor pays; the maker of the goods supplies them.
	if len(supplier) > 0 && d.allFinanciers(supplier) {
		if m := d.clauseMaker(s, cl); m != "" {
			supplier = []string{m}
		}
	}
	// "Mogilevliftmash used to assemble its control stations with Finnish
	// converters. Now the converters come from the company Vesper": the
	// firm the paragraph is about buys them.
	if len(supplier) > 0 && len(recipient) == 0 && tr.get && tr.passive && s.index > 0 && d.sents[s.index-1].Para == s.Para {
		// Not when this sentence names a firm before the verb: "Rassvet
		// received tractors, and the combines came from Gomselmash".
		if subj := d.subjectOf(s.index - 1); subj != "" && d.typeOf(subj) == gazetteer.Enterprise && !contains(supplier, subj) &&
			!namedFirmBefore(s, tr.at) {
			recipient = []string{subj}
			fa.conf = 0.5
		}
	}
	supplier, recipient = d.validRoles(supplier, recipient)
	recipient = d.dropRivalMakers(supplier, recipient, fa.products)
	if len(supplier) > 0 && len(recipient) == 0 && len(fa.products) > 0 {
		d.pending = &fact{sent: s, supplier: supplier, products: fa.products}
	}
	supplier, recipient = d.contractParties(s, tr, cl, fa, facts, supplier, recipient)
	if len(supplier) == 0 || len(recipient) == 0 {
		return nil
	}
	// "... supplied 420 elevators to the region, and this year the Fund
	// has ordered another 150": more of the goods is a deal of its own.
	if !additive(toks, cl) && d.handedOnToFirm(fa, sameSentence, supplier, recipient) {
		return nil
	}
	// "..., and the Fund has ordered another 150": more of the goods the
	// sentence just told.
	if len(fa.products) == 0 && sameSentence != nil && sameIDs(supplier, sameSentence.supplier) && additive(toks, cl) {
		fa.products = sameSentence.products
		if fa.quantity == 0 {
			fa.quantity = anotherCount(toks, cl)
		}
	}
	// Goods must be named, unless a named firm supplies (its goods are
	// known) or the statement continues one that named them.
	// "Belarus has supplied more than 2,000 units of machinery to the
	// region": a country's count of goods is a supply too.
	countedByCountry := fa.generic && fa.quantity > 0 && len(supplier) == 1 && d.isCountry(supplier[0])
	if len(fa.products) == 0 && (!d.anyEnterprise(supplier) && !countedByCountry || !fa.generic && fa.quantity == 0) {
		return nil
	}
	fa.supplier, fa.recipient = supplier, recipient
	fa.when = d.whenOf(s, cl)
	if prev != nil && sameIDs(supplier, prev.supplier) && fa.generic && fa.quantity == 0 && d.within(recipient, prev.recipient) && prev.sent != s &&
		!d.anyEnterprise(recipient) {
		// "The machines were handed over to farmers in Barnaul": the same
		// delivery, told in more detail. A named firm is a deal of its own.
		for _, p := range fa.products {
			prev.products = appendUnique(prev.products, p)
		}
		return nil
	}
	// "Moscow remains our key market", after the deliveries to Moscow were
	// told: a market names no deal of its own.
	if tr.copula && fa.quantity == 0 {
		for _, o := range facts {
			if sameIDs(supplier, o.supplier) && sameIDs(recipient, o.recipient) {
				return nil
			}
		}
	}
	if prev != nil && (prev.title || prev.market) {
		prev = nil // the body tells a deal anew; a headline never absorbs it
	}
	fa.market = tr.copula && fa.quantity == 0
	if prev != nil && sameIDs(supplier, prev.supplier) && sameIDs(recipient, prev.recipient) && fa.quantity == 0 &&
		(fa.generic || len(fa.products) == 0 || sameIDs(fa.products, prev.products)) && prev.sent != s {
		// The same deal told again: update it instead of adding one.
		prev.status = moreConcrete(prev.status, fa.status)
		for _, p := range fa.products {
			prev.products = appendUnique(prev.products, p)
		}
		if prev.when == "" {
			prev.when = fa.when
		}
		return nil
	}
	if prev != nil && sameIDs(supplier, prev.supplier) && sameIDs(recipient, prev.recipient) && prev.quantity == 0 &&
		fa.quantity > 0 && (fa.generic || len(fa.products) == 0 || sameIDs(fa.products, prev.products)) && prev.sent != s &&
		!furtherDeal(prev.status, fa.status) {
		prev.quantity = fa.quantity
		prev.status = fa.status
		if fa.when != "" {
			prev.when = fa.when
		}
		return nil
	}
	return fa
}

// pronounRecipient reads "... and in 2024 it received twelve more
// trucks": the firm named last, other than the maker, receives.
func (d *doc) pronounRecipient(s *sentence, tr trigger, cl clause, supplier, recipient []string) []string {
	if !tr.get || tr.passive || !pronounSubject(s.Tokens, tr.at, cl) ||
		len(recipient) > 0 && !overlaps(recipient, supplier) && !onlyAsBrand(s, recipient) {
		return recipient
	}
	if e := d.latestFirmExcept(s, tr.at, append(append([]string(nil), supplier...), recipient...)); e != "" {
		return []string{e}
	}
	return recipient
}

// onlyAsBrand reports whether ids are named in s only on goods: "BELAZ
// dump trucks", "BELAZ-75131 vehicles".
func onlyAsBrand(s *sentence, ids []string) bool {
	for _, m := range s.mentions {
		if !contains(ids, m.id) {
			continue
		}
		modelCode := m.end+1 < len(s.Tokens) && s.Tokens[m.end].IsDash() && !s.Tokens[m.end].Space && s.Tokens[m.end+1].Kind == text.Number
		if !m.modifier && !m.brand && !modelCode {
			return false
		}
	}
	return true
}

// additive reports "another" or "more" in a clause: goods added to a deal
// just told.
func additive(toks []text.Token, cl clause) bool {
	for k := cl.start; k < cl.end; k++ {
		if toks[k].Norm == "another" || toks[k].Norm == "more" && k > 0 && toks[k-1].Kind == text.Number {
			return true
		}
	}
	return false
}

// contractParties remembers the parties of a contract told without its
// goods, and gives them to "It provides for the supply of 1,300
// elevators" a sentence or two later.
func (d *doc) contractParties(s *sentence, tr trigger, cl clause, fa *fact, facts []*fact, supplier, recipient []string) ([]string, []string) {
	if tr.neutral && len(supplier) > 0 && len(recipient) > 0 && len(fa.products) == 0 {
		d.lastContract = &fact{sent: s, supplier: supplier, recipient: recipient}
	}
	c := d.lastContract
	// "Belshina has shipped 24 tyres to Gaisky GOK. The contract signed
	// in February provides for the delivery of 120 tyres": the contract
	// of the deal just told.
	if (c == nil || s.index-c.sent.index > 2) && len(facts) > 0 {
		if last := facts[len(facts)-1]; last.sent != s && s.index-last.sent.index <= 2 {
			c = last
		}
	}
	if c == nil || len(recipient) > 0 || s.index-c.sent.index > 2 || c.sent == s || !contractSubject(s.Tokens, tr.at, cl) ||
		len(supplier) > 0 && !sameIDs(supplier, c.supplier) {
		return supplier, recipient
	}
	if fa.status == StatusOngoing {
		fa.status = StatusContracted
	}
	return c.supplier, c.recipient
}

// contractSubject reports "It provides for the supply of", "The contract
// envisages deliveries of": a contract just told is the subject.
func contractSubject(toks []text.Token, at int, cl clause) bool {
	for k := cl.start; k+1 < at; k++ {
		w := toks[k].Norm
		subject := w == "it" || (w == "contract" || w == "agreement" || w == "document") && k > cl.start && toks[k-1].Norm == "the"
		if !subject {
			continue
		}
		// "The contract signed in February provides for": a few words
		// may stand between the contract and its verb.
		for j := k + 1; j < at && j <= k+5; j++ {
			if contractVerbs[toks[j].Norm] {
				return true
			}
		}
		return false
	}
	return false
}

var contractVerbs = set("provides", "provided", "envisages", "envisaged", "stipulates", "covers", "includes", "foresees")

// beForms after "there" make it existential: "where there is no network".
var beForms = set("is", "are", "was", "were", "will", "has", "have", "had")

// locatingPreps place a firm: "the cooperative near Blagoveshchensk".
var locatingPreps = set("near", "in", "outside", "from", "of")

// possessivePronounBefore reports "its" or "their" within three words
// before token at: "its largest customers".
func possessivePronounBefore(toks []text.Token, at int) bool {
	for k := at - 1; k >= 0 && k >= at-3; k-- {
		if toks[k].Norm == "its" || toks[k].Norm == "their" {
			return true
		}
	}
	return false
}

// partiesSubject reports "the parties" or "the sides" as the subject of the
// trigger at.
func partiesSubject(toks []text.Token, at int, cl clause) bool {
	for k := cl.start; k+1 < at; k++ {
		if (toks[k].Norm == "the" || toks[k].Norm == "both") && (toks[k+1].Norm == "parties" || toks[k+1].Norm == "sides") {
			return true
		}
	}
	return false
}

// latestDeal returns the last fact told within the eight sentences before
// sentence i.
func latestDeal(facts []*fact, i int) *fact {
	if len(facts) == 0 || i-facts[len(facts)-1].sent.index > 8 {
		return nil
	}
	return facts[len(facts)-1]
}

// ruralNouns after a city name mean its region's countryside: "Omsk
// farms" are farms of Omsk Oblast.
var ruralNouns = set("farms", "farmers", "agrarians", "agricultural", "loggers", "logging", "timber",
	"forestry", "villages", "districts", "agroholdings", "grain", "fields", "field")

// ruralRegions replaces a city recipient written as an adjective of rural
// nouns with its region.
func (d *doc) ruralRegions(s *sentence, ids []string) []string {
	for i, id := range ids {
		e := d.entity(id)
		if e == nil || e.Type != string(gazetteer.City) || e.Region == "" {
			continue
		}
		for _, m := range s.mentions {
			if m.id == id && !m.ref && m.end < len(s.Tokens) && ruralNouns[s.Tokens[m.end].Norm] {
				ids[i] = e.Region
			}
		}
	}
	return ids
}

// citySuppliers reads a city named as a source of goods ("from Kolomna",
// "made in Mogilev") as the enterprise of the article based there.
func (d *doc) citySuppliers(s *sentence, ids []string) []string {
	for i, id := range ids {
		if e := d.entity(id); e != nil && e.Type == string(gazetteer.City) {
			// "Minsk is ready to supply ...": the capital speaks for its
			// country.
			if c := d.gaz.NationalCapital(id); c != "" {
				ids[i] = c
			} else if ent := d.enterpriseIn(id, nil); ent != "" {
				ids[i] = ent
			}
		}
	}
	return ids
}

// within reports whether every place in inner lies in one of outer: a city
// in a region, a region in a country.
func (d *doc) within(inner, outer []string) bool {
	if len(inner) == 0 {
		return false
	}
	for _, id := range inner {
		ok := false
		for _, o := range outer {
			if id == o || d.regionOf(id) == o || d.countryOf(id) == o && d.isCountry(o) || d.cityOf(id) == o {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// placeNear reports whether the region, or a place in it, is named in s
// or the n sentences before it in the same paragraph: the region a
// statement without a place of its own is about.
func (d *doc) placeNear(s *sentence, region string, n int) bool {
	for k := s.index; k >= 0 && k >= s.index-n; k-- {
		o := d.sents[k]
		if o.Para != s.Para {
			break
		}
		if d.namesPlaceIn(o, region) {
			return true
		}
	}
	return false
}

// namesPlaceIn reports whether sentence s names the region or a place in it.
func (d *doc) namesPlaceIn(s *sentence, region string) bool {
	for _, m := range s.mentions {
		if isPlace(m.typ) && (m.id == region || d.within([]string{m.id}, []string{region})) {
			return true
		}
	}
	return false
}

// titleNames reports whether the headline names the region or a place in it.
func (d *doc) titleNames(region string) bool {
	return d.titled && len(d.sents) > 0 && d.namesPlaceIn(d.sents[0], region)
}

// cityOf returns the city a firm is based in, if known.
func (d *doc) cityOf(id string) string {
	if e := d.entity(id); e != nil && e.Type == string(gazetteer.Enterprise) {
		return e.City
	}
	return ""
}

// pronounSubject reports whether "it" or "they" is the subject of the
// trigger: "it supplied", "it has delivered", "they will ship".
func pronounSubject(toks []text.Token, at int, cl clause) bool {
	for k := at - 1; k >= cl.start && k >= at-4; k-- {
		switch toks[k].Norm {
		case "it", "they":
			return true
		case "has", "have", "had", "will", "also", "already", "is", "are", "was", "were", "to", "plans",
			"intends", "continues", "started", "began", "would", "can", "could", "regularly":
			continue
		}
		if toks[k].Kind == text.Number || strings.HasSuffix(toks[k].Norm, "ly") {
			continue
		}
		return false
	}
	return false
}

// latestFirm returns the enterprise named last before token at in this or
// the previous sentence, not counting makers' names on goods.
func (d *doc) latestFirm(s *sentence, at int) string {
	return d.latestFirmExcept(s, at, nil)
}

// latestFirmExcept is latestFirm passing over the firms in skip.
func (d *doc) latestFirmExcept(s *sentence, at int, skip []string) string {
	for k := s.index; k >= 0 && k >= s.index-1; k-- {
		ms := d.sents[k].mentions
		for i := len(ms) - 1; i >= 0; i-- {
			m := ms[i]
			if m.typ == gazetteer.Enterprise && !m.modifier && (k < s.index || m.end <= at) && !contains(skip, m.id) {
				return m.id
			}
		}
	}
	return ""
}

// included returns the parties listed after ", including" at the end of a
// clause.
func (d *doc) included(s *sentence, cl clause) []string {
	toks := s.Tokens
	from := inclusionAt(toks, cl.end)
	if from < 0 {
		return nil
	}
	var out []string
	for _, m := range s.mentions {
		if m.start >= from && !m.ref && (m.typ == gazetteer.Enterprise || m.typ == gazetteer.Region || m.typ == gazetteer.City) {
			if crossesBoundary(toks, cl.end+1, m.start) || madeBy(toks, m.start) {
				break
			}
			out = append(out, m.id)
		}
	}
	return out
}

// madeBy reports "assembled at", "made by", "produced in" right before
// token i: the name after it made the goods.
func madeBy(toks []text.Token, i int) bool {
	p, at := prepAt(toks, i)
	return (p == "by" || p == "at" || p == "in") && at > 0 && produceVerbs[toks[at-1].Norm]
}

// includedMakers reads ", including 70 machines assembled by
// Bryanskselmash" after a supply: part of the goods came from another
// maker, to the same recipient.
func (d *doc) includedMakers(fa *fact, tr trigger) []*fact {
	s := fa.sent
	toks := s.Tokens
	cl := clauseOf(toks, tr.at)
	from := inclusionAfter(toks, tr.at, cl.end) // where the current item starts
	if from < 0 {
		return nil
	}
	var out []*fact
	for i, m := range s.mentions {
		if m.start < from || m.typ != gazetteer.Enterprise || m.ref || contains(fa.recipient, m.id) {
			continue
		}
		if crossesBoundary(toks, cl.end+1, m.start) {
			break
		}
		part := *fa
		part.supplier = []string{m.id}
		switch {
		case madeBy(toks, m.start) && m.start-cl.end <= 8 && !contains(fa.supplier, m.id):
			// "including 70 machines assembled by Bryanskselmash"
			part.quantity = quantity(toks, s.mentions, clause{start: cl.end + 2, end: m.start})
		case m.modifier || m.end < len(toks) && genericProducts[toks[m.end].Norm]:
			// "including 40 MAZ vehicles for Irkutsk and 45 PAZ buses": an
			// item of its own maker, number and perhaps recipient.
			part.quantity = quantity(toks, s.mentions, clause{start: from, end: itemEnd(toks, m.end)})
			if r := forPlaceAfter(s, i); r != "" {
				part.recipient = []string{r}
			}
			part.generic = true
			from = itemEnd(toks, m.end)
		case ofMaker(toks, s.mentions, m.start):
			// "among them ... 40 buses of the Likino Bus Plant": goods then
			// "of" their maker.
			part.quantity = quantity(toks, s.mentions, clause{start: from, end: m.start})
			from = itemEnd(toks, m.end)
		default:
			continue
		}
		out = append(out, &part)
	}
	return out
}

// firmForPlace narrows a place recipient to the firm named right after it
// with "for": "shipped to Uzbekistan for the Navbahor Agro cluster".
func firmForPlace(s *sentence, cl clause, recipient []string) []string {
	if len(recipient) != 1 {
		return recipient
	}
	toks := s.Tokens
	for i, m := range s.mentions {
		if m.id != recipient[0] || !isPlace(m.typ) || m.start < cl.start || i+1 >= len(s.mentions) {
			continue
		}
		n := s.mentions[i+1]
		k := m.end
		if k < len(toks) && toks[k].Norm == "for" {
			k++
			if k < len(toks) && toks[k].Norm == "the" {
				k++
			}
			if n.start == k && n.typ == gazetteer.Enterprise && !n.ref && !n.modifier && n.end <= cl.end {
				return []string{n.id}
			}
		}
	}
	return recipient
}

// sellerWhere narrows a place recipient to the distributor a "where"
// clause names: "sent sausages to Rostov-on-Don, where they are sold in
// the stores of the Rostov distributor Yugprodtorg".
func sellerWhere(s *sentence, cl clause, recipient, supplier []string) []string {
	toks := s.Tokens
	if len(recipient) != 1 || cl.end+1 >= len(toks) || toks[cl.end].Norm != "," || toks[cl.end+1].Norm != "where" {
		return recipient
	}
	for _, m := range s.mentions {
		if m.id != recipient[0] || !isPlace(m.typ) || m.end != cl.end {
			continue
		}
		end := clauseOf(toks, cl.end+1).end
		for _, e := range s.mentions {
			if e.start <= cl.end || e.end > end || e.typ != gazetteer.Enterprise || e.ref || e.modifier || contains(supplier, e.id) {
				continue
			}
			for k := e.start - 1; k >= 0 && k >= e.start-3; k-- {
				if sellerNouns[toks[k].Norm] {
					return []string{e.id}
				}
			}
		}
	}
	return recipient
}

var sellerNouns = set("distributor", "dealer", "retailer", "chain", "importer", "wholesaler")

// localBuyers reports farms or local buyers named without their place in
// the clause: "went to farms", "are operated by local farms".
func localBuyers(toks []text.Token, cl clause) bool {
	for k := cl.start; k < cl.end; k++ {
		switch toks[k].Norm {
		case "farms", "farmers", "agrarians", "local":
			return true
		case "regional", "region's":
			// "for the regional road programme", "under the region's
			// capital repair programme"
			for j := k + 1; j < cl.end && j <= k+3; j++ {
				if regionalNeeds[toks[j].Norm] {
					return true
				}
			}
		}
	}
	return false
}

var regionalNeeds = set("programme", "program", "roads", "budget", "needs", "fleet", "farms", "hospitals", "schools")

// anyPlaceIn reports whether the clause names a place.
func (d *doc) anyPlaceIn(s *sentence, cl clause) bool {
	for _, m := range s.mentions {
		if m.start >= cl.start && m.end <= cl.end && isPlace(m.typ) && !m.demonym {
			return true
		}
	}
	return false
}

// toBefore reports "to" within three lowercase words before token i: "to
// neighbouring Russian regions".
func toBefore(toks []text.Token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if toks[k].Norm == "to" {
			return true
		}
		if toks[k].Kind != text.Word || toks[k].Cap {
			return false
		}
	}
	return false
}

// forAfter returns the index of "for" between tokens i and j, or -1.
func forAfter(toks []text.Token, i, j int) int {
	for k := i + 1; k < j; k++ {
		if toks[k].Norm == "for" {
			return k
		}
	}
	return -1
}

// countBetween reports a number between tokens i and j: "for the roads,
// and 10 loaders" starts a new item of goods.
func countBetween(toks []text.Token, i, j int) bool {
	for k := i; k < j; k++ {
		if toks[k].Kind == text.Number || numberWords[toks[k].Norm] > 0 {
			return true
		}
	}
	return false
}

// foreignDemonymIn reports a country other than home named in the clause,
// often as an adjective: "cheaper for Kazakh farmers".
func (d *doc) foreignDemonymIn(s *sentence, cl clause, home string) bool {
	for _, m := range s.mentions {
		if m.start >= cl.start && m.end <= cl.end && m.typ == gazetteer.Country && m.id != home {
			return true
		}
	}
	return false
}

// inclusionAt returns where the items start after a clause ending at k
// that a part of its goods follows: ", including", ", among them", ", of
// which"; -1 if none does.
func inclusionAt(toks []text.Token, k int) int {
	if k+2 >= len(toks) || toks[k].Norm != "," {
		return -1
	}
	switch w := toks[k+1].Norm; {
	case w == "including":
		return k + 2
	case (w == "among" || w == "of") && k+3 < len(toks) && (toks[k+2].Norm == "them" || toks[k+2].Norm == "which"):
		return k + 3
	}
	return -1
}

// inclusionAfter finds the first inclusion between the trigger at and
// the clause end: the clause may run on past ", among them".
func inclusionAfter(toks []text.Token, at, end int) int {
	for k := at + 1; k <= end && k < len(toks); k++ {
		if toks[k].Norm == "," {
			if from := inclusionAt(toks, k); from >= 0 {
				return from
			}
		}
	}
	return -1
}

// ofMaker reports goods then "of (the)" right before token i: "40 buses
// of the Likino Bus Plant".
func ofMaker(toks []text.Token, ms []mention, i int) bool {
	k := i - 1
	if k >= 0 && toks[k].Norm == "the" {
		k--
	}
	if k < 1 || toks[k].Norm != "of" {
		return false
	}
	j := mentionAt(ms, k-1)
	return j >= 0 && ms[j].typ == gazetteer.Product && ms[j].end == k
}

// distinctSuppliers counts the different suppliers of facts.
func distinctSuppliers(facts []*fact) int {
	seen := map[string]bool{}
	for _, fa := range facts {
		for _, id := range fa.supplier {
			seen[id] = true
		}
	}
	return len(seen)
}

// wordBefore returns the word before token i, passing over an article.
func wordBefore(toks []text.Token, i int) string {
	k := i - 1
	if k > 0 && determiners[toks[k].Norm] {
		k--
	}
	if k < 0 {
		return ""
	}
	return toks[k].Norm
}

// itemEnd returns the end of a list item that goes on from token k: the
// next "and" or comma.
func itemEnd(toks []text.Token, k int) int {
	for ; k < len(toks); k++ {
		if toks[k].Norm == "and" || toks[k].Norm == "," {
			return k
		}
	}
	return k
}

// forPlaceAfter returns the place named "for" right after mention i of
// s: "40 MAZ vehicles for Irkutsk".
func forPlaceAfter(s *sentence, i int) string {
	for j := i + 1; j < len(s.mentions) && j <= i+2; j++ {
		m := s.mentions[j]
		if isPlace(m.typ) && prepBefore(s.Tokens, m.start) == "for" && m.start <= itemEnd(s.Tokens, s.mentions[i].end) {
			return m.id
		}
	}
	return ""
}

// parallelClause reports whether a clause opens with "while", "whereas"
// or ", and": a clause told in parallel with the one before it.
func parallelClause(toks []text.Token, cl clause) bool {
	if cl.start == 0 {
		return false
	}
	for k := cl.start - 1; k >= 0 && k >= cl.start-2; k-- {
		switch toks[k].Norm {
		case "while", "whereas", "and", "but":
			return true
		}
	}
	return false
}

// dropWe removes the pronoun "we" from a party list and reports whether it
// was there.
func dropWe(ids []string) ([]string, bool) {
	var out []string
	we := false
	for _, id := range ids {
		if id == pronWe {
			we = true
			continue
		}
		out = append(out, id)
	}
	return out, we
}

// assignRoles picks supplier and recipient among the parties of a clause.
func (d *doc) assignRoles(s *sentence, tr trigger, cl clause, roles []role, f focus, products []string) (supplier, recipient []string) {
	var subject, object, fromBy, toFor, in, with, possessor, maker, makersBy, through, owner *role
	aside := asides(s.Tokens, tr.at)
	for i := range roles {
		r := &roles[i]
		// "Moscow is our largest market": the owner of the market sells.
		if tr.copula && owner == nil && ownsBuyerNoun(s.Tokens, r, tr.at) {
			owner = r
			continue
		}
		if r.left && aside[r.m.start] {
			continue // inside ", which ...," or brackets: not the subject
		}
		if r.m.demonym && !demonymParty(s.Tokens, r.m) {
			continue // "its Russian plant": an adjective, not a party
		}
		if r.m.ref && ownerOfFirm(s, r.m) {
			continue // "for our road company Smolenskavtodor": the firm is the party
		}
		if r.poss && r.m.typ == gazetteer.Country && placeFollows(s.mentions, r.m) {
			continue // "Russia's Altai Krai": the region is the party
		}
		// "bought MAZ buses": the enterprise before the goods made them;
		// but "offered the Minsk Tractor Works electronic control units"
		// names who the goods are offered to.
		if !r.left && r.m.typ == gazetteer.Enterprise && maker == nil && r.m.end < len(s.Tokens) && !d.dativeFirm(s, tr, r) {
			// "supplied six Amkodor 342C4 front loaders": a model code may
			// stand between the maker and its goods.
			next := r.m.end
			if r.m.modifier && next+1 < len(s.Tokens) && mentionAt(s.mentions, next) < 0 &&
				(r.m.model || s.Tokens[next].Kind == text.Word && isModelCode(s.Tokens[next])) {
				next++
			}
			if k := mentionAt(s.mentions, next); k >= 0 && s.mentions[k].typ == gazetteer.Product && contains(products, s.mentions[k].id) &&
				!madeByNext(s, k) {
				maker = r
				continue
			}
		}
		// "operates 100 buses of the Minsk Automobile Plant": so does the
		// enterprise the goods are "of".
		if !r.left && r.m.typ == gazetteer.Enterprise && maker == nil && goodsOf(s, r.m, products) {
			maker = r
			continue
		}
		// "Belarus tractors": the goods' origin, not a party; but "to
		// Vietnamese textile companies" names the buyers.
		if r.m.modifier && r.m.typ == gazetteer.Country && !(r.m.demonym && !r.left && demonymParty(s.Tokens, r.m)) {
			continue
		}
		if isPlace(r.m.typ) && (qualifiesFirm(s.Tokens, s.mentions, r.m) || inEventName(s.Tokens, r.m) || homeOfSomething(s.Tokens, r.m) ||
			locatesFirm(s, r.m)) {
			continue // "the Tatarstan refrigerator maker Pozis": the firm is the party
		}
		if excludingPreps[prepBefore(s.Tokens, r.m.start)] {
			continue
		}
		switch {
		case r.left && r.poss && r.dist <= 3 && possessor == nil:
			possessor = r
		case r.left && sourcePreps[r.prep] && r.dist < 100:
			// "146 tractors produced by MTZ have been purchased": makers
			// before a passive verb; otherwise "the ULK group from the
			// Arkhangelsk region" is part of the subject.
			if tr.passive && (makersBy == nil || r.dist < makersBy.dist) {
				makersBy = r
			}
		case r.left && r.m.modifier && r.m.typ == gazetteer.Enterprise && r.dist >= 100:
			// "operates 30 Amkodor harvesters and plans to buy": a brand on
			// goods of an earlier clause is nobody's subject here.
		case r.left && (r.prep == "" || r.prep == "of" || r.prep == "in" && tr.get || r.prep == "at"):
			// The nearest name without a preposition is the subject; "of
			// holding «X»" only when there is none.
			if subject == nil || (r.prep == "") == (subject.prep == "") && r.dist < subject.dist || r.prep == "" && subject.prep != "" {
				subject = r
			}
		case r.left && r.prep == "in" && in == nil:
			in = r
		case !r.left && sourcePreps[r.prep]:
			if fromBy == nil {
				fromBy = r
			}
		case !r.left && (r.prep == "to" || r.prep == "for" || r.prep == "into" || r.prep == "across" || r.prep == "throughout" || r.prep == "among"):
			// "drew attention to Amkodor ... and proposed the supply of
			// graders to Tulaavtodor": the party after the word wins.
			if toFor == nil || toFor.left && !partyBetween(s.mentions, tr.at, r.m.start) {
				toFor = r
			}
		case !r.left && r.prep == "through":
			if through == nil {
				through = r
			}
		case !r.left && r.prep == "with":
			if with == nil {
				with = r
			}
		case !r.left && (r.prep == "in" || r.prep == "at" || r.prep == "within"):
			if in == nil {
				in = r
			}
		case !r.left && (r.prep == "" || r.prep == "of") && r.dist <= 4:
			if object == nil {
				object = r
			}
		case r.left && r.prep == "to" && toFor == nil && r.dist < 100:
			toFor = r
		}
	}
	ids := func(r *role) []string {
		if r == nil {
			return nil
		}
		return d.coordinated(s, r.m, f, roles)
	}
	switch {
	case tr.neutral:
		// A contract between parties: the one that makes the goods
		// supplies, the other receives.
		var parties []string
		for _, p := range []*role{maker, subject, with, toFor, object, possessor, fromBy} {
			if p != nil {
				for _, id := range ids(p) {
					parties = appendUnique(parties, id)
				}
			}
		}
		// Every firm of the clause may be a party: "MAZ and the Kazan
		// carrier Metroelectrotrans signed a contract".
		for _, r := range roles {
			if r.m.typ == gazetteer.Enterprise && r.dist < 100 && !r.m.ref || r.m.typ == gazetteer.Enterprise && r.m.ref && r.left {
				parties = appendUnique(parties, r.m.id)
			}
		}
		// A retail chain sells to shoppers: in a contract with a maker it
		// is the buyer ("Polesie has signed a contract with the retailer
		// Detsky Mir for the supply of toys").
		var sellers []string
		for _, id := range parties {
			if e := d.entity(id); e == nil || e.Sector != "retail" {
				sellers = append(sellers, id)
			}
		}
		if maker != nil && !contains(sellers, maker.m.id) {
			maker = nil
		}
		supplier = d.pickMaker(sellers, products, maker, f)
		if supplier == nil && len(sellers) == 1 && len(parties) == 2 && d.entity(sellers[0]) != nil &&
			d.entity(sellers[0]).Type == string(gazetteer.Enterprise) {
			supplier = sellers
		}
		if supplier == nil {
			// "Mogilevliftmash is another good example. ... the region
			// signed a contract for 150 elevators": the firm just named.
			if e := d.recentMakerAny(s, products, parties); e != "" {
				supplier = []string{e}
			}
		}
		// "signed a contract with Amkodor for five loaders for the road
		// company Vyatavtodor": the one the goods are for receives them.
		if toFor != nil && toFor.m.start > tr.at && !overlaps(ids(toFor), supplier) {
			recipient = ids(toFor)
		}
		for _, id := range parties {
			if !contains(supplier, id) && recipient == nil {
				recipient = []string{id}
			}
		}
		if recipient == nil && in != nil {
			recipient = ids(in) // "a contract for deliveries in Tatarstan"
		}
	case tr.won:
		supplier = ids(first(subject, possessor))
		recipient = ids(first(fromBy, toFor, with))
	case tr.copula:
		if subject != nil && subject.dist >= 100 {
			subject = nil // "Farmers all over Russia, but the south is our core market"
		}
		recipient = ids(first(subject, possessor))
		if recipient == nil {
			for i := range roles {
				// "Its largest partner is the Chelyabinsk chain RBT.ru": the
				// chain, not its city.
				if r := &roles[i]; !r.left && r.prep == "" && !d.isProductMaker(s, r.m) && !(isPlace(r.m.typ) && qualifiesFirm(s.Tokens, s.mentions, r.m)) {
					recipient = ids(r)
					break
				}
			}
		}
		supplier = ids(first(maker, fromBy, owner))
	case tr.get && tr.passive && fromBy == nil && in != nil && in.m.typ == gazetteer.Country && !in.left &&
		purchaseVerbs[s.Tokens[tr.at].Norm]:
		// "polyamide cages are purchased in China": bought there, from
		// there; the buyer is the firm whose goods they are.
		supplier = ids(in)
		recipient = ids(first(possessor, ownerOfGoods(roles)))
	case tr.get && tr.passive:
		// "were purchased by farms of the region": the by-phrase after the
		// verb receives; by-phrases before it name makers; "acquired from
		// X": X sells.
		if fromBy != nil && prepBefore(s.Tokens, fromBy.m.start) == "from" {
			supplier = ids(fromBy)
			recipient = ids(first(in, toFor))
			break
		}
		recipient = ids(first(fromBy, in, toFor))
		if makersBy != nil {
			supplier = ids(makersBy)
		}
		if supplier == nil {
			supplier = ids(first(object, subject))
		}
	case tr.get && tr.noun && isOrderWord(s.Tokens[tr.at].Norm) && fromBy != nil && prepBefore(s.Tokens, fromBy.m.start) == "from":
		// "the biggest order has come from Kuzbassrazrezugol": the buyer.
		recipient = ids(fromBy)
		supplier = ids(first(maker, with))
	case tr.get:
		recipient = ids(first(possessor, subject, in))
		// "we are considering the purchase of 30 trolleybuses from
		// Belkommunmash for the municipal enterprise Electric Transport":
		// the firm the goods are for is the more specific recipient.
		if toFor != nil && toFor.m.typ == gazetteer.Enterprise && toFor.m.start > tr.at && (recipient == nil || !d.anyEnterprise(recipient)) {
			recipient = ids(toFor)
		}
		if fromBy != nil && !fromBy.left && prepBefore(s.Tokens, fromBy.m.start) == "by" ||
			fromBy != nil && maker != nil && fromBy.m.typ == gazetteer.Country {
			// "bought MAZ buses made by ...", "30 Yutong buses from China"
			supplier = ids(first(maker, fromBy, object, with))
		} else {
			supplier = ids(first(fromBy, maker, object, with))
		}
		if recipient == nil && toFor != nil && tr.noun {
			recipient = ids(toFor)
		}
	case tr.passive && sellWords[s.Tokens[tr.at].Norm] && d.isRetailer(s, first(fromBy, through)):
		// "Santa Bremor products are sold by the Magnit chain": the
		// retailer buys the goods it sells.
		recipient = ids(first(fromBy, through))
		supplier = ids(first(ownerOfGoods(roles), subject, makersBy))
	case tr.passive:
		// "were delivered to X by Y", "produced by X have arrived in Y"
		supplier = ids(first(fromBy, makersBy))
		if supplier == nil {
			supplier = ids(ownerOfGoods(roles)) // "the company's products are regularly exported to"
		}
		recipient = ids(first(toFor, in))
		if recipient == nil && subject != nil && subject.m.typ != gazetteer.Enterprise {
			recipient = ids(subject)
		}
		if s.Tokens[tr.at].Norm == "shelves" {
			// "X's cheese is on the shelves of all retail chains of the
			// region": the place after the shelves buys, a firm before
			// them made the goods.
			for i := range roles {
				if r := &roles[i]; recipient == nil && !r.left && (r.m.typ != gazetteer.Enterprise || r.prep == "of" || r.prep == "in") {
					recipient = ids(r)
				}
			}
			if supplier == nil && subject != nil && subject.m.typ == gazetteer.Enterprise {
				supplier = ids(subject)
			}
		}
	case tr.noun:
		if governed(s.Tokens, tr.at, cl) {
			subject = adjacentOr(subject, true)
		}
		supplier = ids(first(possessor, fromBy, adjacent(subject)))
		recipient = ids(first(toFor, in))
		if supplier == nil && object != nil && d.isSupplierLike(object.m.id) && object.dist <= 3 {
			supplier = ids(object)
		} else if recipient == nil && object != nil {
			recipient = ids(object)
		}
	case maker != nil && subject != nil && sellWords[s.Tokens[tr.at].Norm] && d.isRetailer(s, subject):
		// "the Chelyabinsk chain RBT.ru, which sells Horizont TVs": the
		// retailer bought them from their maker.
		supplier, recipient = ids(maker), ids(subject)
	default:
		supplier = ids(first(subject, possessor, maker))
		recipient = ids(first(toFor, object, in, with))
		if supplier == nil && fromBy != nil {
			supplier = ids(fromBy)
		}
		// "supplies semiconductor devices for the traction drives of BELAZ
		// dump trucks": the maker of the goods they go into receives them.
		if recipient == nil && maker != nil && maker.prep == "for" && subject != nil && subject.m.id != maker.m.id {
			recipient = ids(maker)
		}
	}
	return supplier, recipient
}

// placeFor returns the region or city of country named after "for" in the
// clause ("for farmers of the Kostanay region"), or "".
func (d *doc) placeFor(s *sentence, cl clause, country string) string {
	for k := cl.start; k < cl.end; k++ {
		if s.Tokens[k].Norm != "for" {
			continue
		}
		for _, m := range s.mentions {
			if m.start > k && m.start <= k+6 && m.end <= cl.end && (m.typ == gazetteer.Region || m.typ == gazetteer.City) &&
				!m.ref && d.countryOf(m.id) == country {
				return m.id
			}
		}
	}
	return ""
}

// sellWords are the forms of "sell" whose passive may name a retailer.
var sellWords = set("sold", "sell", "sells", "selling")

// retailNouns after a name make it a retailer: "the Magnit chain".
var retailNouns = set("chain", "chains", "retailer", "retailers", "stores", "supermarkets", "hypermarkets", "shops")

// isRetailer reports whether the party of r is a retail chain: by its
// sector, or by the noun written after it.
func (d *doc) isRetailer(s *sentence, r *role) bool {
	if r == nil {
		return false
	}
	if e := d.entity(r.m.id); e != nil && e.Sector == "retail" {
		return true
	}
	// The noun may close the name itself ("the Spar Kaliningrad chain").
	for k := r.m.end - 1; k < len(s.Tokens) && k <= r.m.end+4; k++ {
		if retailNouns[s.Tokens[k].Norm] {
			return true
		}
		if j := mentionAt(s.mentions, k); j < 0 && s.Tokens[k].Norm != "and" && s.Tokens[k].Norm != "," && k >= r.m.end {
			return false
		}
	}
	return false
}

// goodsOf reports "buses of the Minsk Automobile Plant": goods among
// products, then "of", perhaps "the", then the enterprise m.
func goodsOf(s *sentence, m mention, products []string) bool {
	k := m.start - 1
	if k >= 0 && s.Tokens[k].Norm == "the" {
		k--
	}
	if k < 1 || s.Tokens[k].Norm != "of" {
		return false
	}
	j := mentionAt(s.mentions, k-1)
	return j >= 0 && s.mentions[j].typ == gazetteer.Product && contains(products, s.mentions[j].id)
}

// ownerOfGoods returns a firm in the possessive before a passive trigger:
// "the company's products are regularly exported to".
func ownerOfGoods(roles []role) *role {
	for i := range roles {
		if r := &roles[i]; r.left && r.poss && r.dist <= 6 && r.m.typ == gazetteer.Enterprise {
			return r
		}
	}
	return nil
}

// attributive reports whether a product name qualifies an organisation or
// a field rather than naming goods: "coal companies", "bus operator",
// "the tractor plant".
func attributive(toks []text.Token, ms []mention, m mention) bool {
	// "tires for Kirovets tractors": the tractors are not supplied.
	for k := m.start - 1; k >= 0 && k >= m.start-6; k-- {
		if toks[k].Norm == "for" && k > 0 {
			if p := mentionAt(ms, k-1); p >= 0 && ms[p].typ == gazetteer.Product {
				return true
			}
		}
		if !toks[k].Cap && toks[k].Kind != text.Number && !toks[k].IsDash() && !determiners[toks[k].Norm] {
			break
		}
	}
	if m.end >= len(toks) {
		return false
	}
	n := toks[m.end].Norm
	if orgHeads[n] || deicticTypes[n] != "" || partyNouns[n] || attributeNouns[n] {
		return true
	}
	// "36 trucks of sofas and beds": a vehicle that carries the goods.
	if n == "of" && m.end+1 < len(toks) {
		if k := mentionAt(ms, m.end+1); k >= 0 && ms[k].typ == gazetteer.Product {
			return true
		}
	}
	// "textile and fibre companies": a coordinated modifier of the same
	// organisations.
	if (n == "and" || n == "or") && m.end+2 < len(toks) && toks[m.end+1].Kind == text.Word && !toks[m.end+1].Cap &&
		mentionAt(ms, m.end+1) < 0 {
		n2 := toks[m.end+2].Norm
		return orgHeads[n2] || partyNouns[n2]
	}
	return false
}

var attributeNouns = set("industry", "sector", "market", "markets", "fleet", "fleets", "production", "routes", "route", "depot", "depots", "sales", "exports", "imports", "segment", "cluster",
	"assembly", "maker", "makers", "manufacturing", "service", "services", "drivers", "park",
	"producers", "producer", "growers", "farms", "farm", "farmers", "complex", "complexes", "tank", "tanks", "harvest",
	"prices", "price", "breeding", "processing", "consumption", "exporters", "importers", "exporter", "importer")

// placeFollows reports whether a region or city follows mention m right
// after its possessive "'s".
func placeFollows(ms []mention, m mention) bool {
	for _, o := range ms {
		if o.start == m.end+1 && (o.typ == gazetteer.Region || o.typ == gazetteer.City || o.typ == gazetteer.Enterprise) {
			return true
		}
	}
	return false
}

// appositiveOpeners start ", which ...," and ", part of X," asides.
var appositiveOpeners = set("which", "who", "whose", "part", "a", "an", "one", "owned", "based",
	"headquartered", "located", "founded", "controlled", "its", "the", "member", "subsidiary")

// asides marks the tokens before at that lie in a parenthesis or a
// relative clause (", which is setting up ... ,"), whose names are not the
// subject of the trigger.
func asides(toks []text.Token, at int) map[int]bool {
	out := map[int]bool{}
	for i := 0; i < len(toks); i++ {
		end := at
		if i > at {
			end = len(toks) // ", a maker of control units," after the trigger
		}
		dash := toks[i].IsDash() && toks[i].Space && i > 0 // not a list bullet
		open := toks[i].Norm == "(" && i < at || toks[i].Norm == "," && i+1 < end && appositiveOpeners[toks[i+1].Norm] && followsName(toks, i) ||
			dash && i < at || possessiveAside(toks, i, end)
		if !open {
			continue
		}
		closeTok := ","
		switch {
		case toks[i].Norm == "(":
			closeTok = ")"
		case dash:
			closeTok = "-" // " - eight harvesters and six forwarders - "
		}
		j := i + 1
		for j < end && toks[j].Norm != closeTok {
			j++
		}
		if j >= end {
			if i < at {
				i = at // the trigger itself sits in the aside
			}
			continue
		}
		for k := i; k <= j; k++ {
			out[k] = true
		}
		i = j
	}
	return out
}

// followsName reports whether the comma at i closes a name, as an
// apposition needs: "MTZ, the largest maker", not "Since the spring, the
// RFP Group".
func followsName(toks []text.Token, i int) bool {
	if i+1 < len(toks) && !articleOpeners[toks[i+1].Norm] {
		return true // "which", "based": an aside whatever precedes it
	}
	return i > 0 && (toks[i-1].Cap || toks[i-1].AllCaps() || toks[i-1].IsQuote() || toks[i-1].Norm == ")")
}

// articleOpeners open an apposition only after a name.
var articleOpeners = set("the", "a", "an", "one")

// possessiveAside reports ", Russia's largest soybean producer," at i: an
// apposition that describes the name before it.
func possessiveAside(toks []text.Token, i, end int) bool {
	return toks[i].Norm == "," && i+2 < end && toks[i+1].Cap && toks[i+2].Norm == "'s"
}

// partyNouns after a demonym make it a party of a supply: "to the Russian
// market", "Belarusian companies supplied".
var partyNouns = set("market", "markets", "customers", "customer", "buyers", "consumers",
	"farms", "farmers", "regions", "cities", "companies", "enterprises", "partners", "side",
	"clients", "manufacturers", "producers", "makers", "firms", "exporters", "importers",
	"suppliers", "agrarians", "carriers", "operators", "utilities", "plants", "factories",
	"chains", "retailers", "distributors", "dealers", "stores", "shops", "networks", "supermarkets",
	"hospitals", "schools", "depots", "miners", "loggers", "processors", "mills", "producers",
	"organizations", "organisations", "agencies", "holdings", "cooperatives", "households", "residents")

// demonymParty reports whether a demonym stands for its country as a party
// rather than as a mere adjective.
func demonymParty(toks []text.Token, m mention) bool {
	// "Vietnamese textile and fibre companies": modifiers, perhaps
	// coordinated, before the noun.
	for k := m.end; k < len(toks) && k < m.end+5; k++ {
		if partyNouns[toks[k].Norm] {
			return true
		}
		if toks[k].Kind != text.Word || toks[k].Cap || isPrepLike(toks[k].Norm) || determiners[toks[k].Norm] {
			return false
		}
	}
	return false
}

// madeByNext reports goods (the mention at k) followed by the firm that
// made them: "700 Isuzu buses produced by SamAuto" names SamAuto, not the
// brand, as their maker.
func madeByNext(s *sentence, k int) bool {
	if k+1 >= len(s.mentions) {
		return false
	}
	m, e := s.mentions[k], s.mentions[k+1]
	return e.typ == gazetteer.Enterprise && e.start-m.end <= 4 && prepBefore(s.Tokens, e.start) == "by"
}

// ownerOfFirm reports a possessive reference right before a named firm,
// with at most three lowercase words between: the "our" of "our road
// company Smolenskavtodor".
func ownerOfFirm(s *sentence, m mention) bool {
	if w := s.Tokens[m.start].Norm; m.end-m.start != 1 || w != "our" && w != "your" && w != "its" && w != "their" {
		return false
	}
	for k := m.end; k < len(s.Tokens) && k <= m.end+3; k++ {
		if i := mentionAt(s.mentions, k); i >= 0 {
			return s.mentions[i].typ == gazetteer.Enterprise && !s.mentions[i].ref
		}
		if s.Tokens[k].Kind != text.Word || s.Tokens[k].Cap {
			return false
		}
	}
	return false
}

// isProductMaker reports whether mention m stands right before goods as
// their maker ("BELAZ dump trucks").
func (d *doc) isProductMaker(s *sentence, m mention) bool {
	k := mentionAt(s.mentions, m.end)
	return k >= 0 && s.mentions[k].typ == gazetteer.Product
}

// recentMakerAny returns an enterprise named in this or the two previous
// sentences that is known to make one of products, other than the parties.
func (d *doc) recentMakerAny(s *sentence, products, parties []string) string {
	for k := s.index; k >= 0 && k >= s.index-2; k-- {
		ms := d.sents[k].mentions
		for i := len(ms) - 1; i >= 0; i-- {
			m := ms[i]
			if m.typ == gazetteer.Enterprise && !contains(parties, m.id) && d.makesAny(m.id, products) {
				return m.id
			}
		}
	}
	return ""
}

// pickMaker chooses the supplier among the parties of a contract: the
// maker of the goods as written ("MAZ buses"), else one known to make
// them, else a firm of the supplying country.
func (d *doc) pickMaker(parties, products []string, maker *role, f focus) []string {
	if maker != nil {
		return []string{d.signingSubsidiary(maker.m.id, parties)}
	}
	// The goods named first are the goods of the deal: "a contract for
	// engines for PAZ buses" is one for engines.
	for _, p := range products {
		for _, id := range parties {
			if d.makes(id, p) {
				return []string{d.signingSubsidiary(id, parties)}
			}
		}
	}
	for _, id := range parties {
		if d.isSupplierLike(id) && d.countryOf(id) == f.home && f.home != "" {
			return []string{id}
		}
	}
	return nil
}

// governingVerbs put a supply noun in their subject's hands: "the Uzbek
// side proposed to increase deliveries of ...".
var governingVerbs = set("increase", "increased", "increasing", "expand", "expanded", "expanding",
	"resume", "resumed", "start", "started", "starting", "continue", "continues", "continued",
	"organize", "organise", "organized", "boost", "boosted", "double", "doubled", "launch",
	"launched", "begin", "began", "establish", "step", "ramp", "arrange", "arranged", "proposed",
	"proposes", "plans", "planned", "intends", "offered", "offers", "completed", "completes",
	"nearly", "has", "have", "made", "makes", "make", "carried", "carries", "carry")

// governed reports whether a supply noun is the object of a verb whose
// subject is the supplier.
func governed(toks []text.Token, at int, cl clause) bool {
	for k := at - 1; k >= cl.start && k >= at-4; k-- {
		if governingVerbs[toks[k].Norm] {
			return true
		}
	}
	return false
}

// adjacentOr marks a subject as adjacent when ok, so that a governed supply
// noun takes it.
func adjacentOr(r *role, ok bool) *role {
	if r == nil || !ok {
		return r
	}
	cp := *r
	cp.dist = 0
	return &cp
}

func isOrderWord(w string) bool { return w == "order" || w == "orders" }

// adjacent keeps a subject only when it stands right before the trigger:
// "MAZ deliveries".
func adjacent(r *role) *role {
	if r != nil && r.dist <= 1 {
		return r
	}
	return nil
}

func first(rs ...*role) *role {
	for _, r := range rs {
		if r != nil {
			return r
		}
	}
	return nil
}

// coordinated returns the ids of m and of the mentions coordinated with it
// ("MAZ, MTZ and Gomselmash"), resolving pronouns.
func (d *doc) coordinated(s *sentence, m mention, f focus, roles []role) []string {
	resolve := func(m mention) string {
		switch m.id {
		case pronWe:
			return "" // resolved by role in validRoles
		case pronYou:
			return f.addressee
		}
		return m.id
	}
	out := []string{}
	if id := resolve(m); id != "" {
		out = append(out, id)
	} else if m.id == pronWe {
		out = append(out, pronWe)
	}
	toks := s.Tokens
	// Walk right and left over ", X" and "and X" of the same type.
	// A list of places mixes regions and cities: "to Moscow Oblast,
	// Nizhny Novgorod and Krasnoyarsk Krai".
	local := func(t gazetteer.Type) bool { return t == gazetteer.Region || t == gazetteer.City }
	same := func(o mention) bool {
		return (o.typ == m.typ || local(o.typ) && local(m.typ)) && !o.ref && o.id != m.id && !o.modifier
	}
	for dir := -1; dir <= 1; dir += 2 {
		cur := m
		for {
			var next *mention
			for i := range s.mentions {
				o := s.mentions[i]
				if !same(o) {
					continue
				}
				var gapStart, gapEnd int
				if dir > 0 {
					gapStart, gapEnd = cur.end, o.start
				} else {
					gapStart, gapEnd = o.end, cur.start
				}
				if m.typ == gazetteer.Enterprise && placeAside(s, gapStart, gapEnd) {
					next = &s.mentions[i] // "KAMA TYRES in Nizhnekamsk (Tatarstan) and Cordiant"
					break
				}
				if local(m.typ) && gapEnd > gapStart && gapEnd-gapStart <= 6 && !crossesBoundary(toks, gapStart-1, gapEnd) &&
					(listedRegionsThen(toks[gapStart:gapEnd]) || regionsOf(toks[gapStart:gapEnd])) {
					next = &s.mentions[i]
					break
				}
				if gapEnd <= gapStart || gapEnd-gapStart > 3 || crossesBoundary(toks, gapStart-1, gapEnd) && !repeatedPrep(toks, gapStart, gapEnd, m) {
					continue
				}
				if isCoordination(toks[gapStart:gapEnd]) {
					next = &s.mentions[i]
					break
				}
			}
			if next == nil {
				break
			}
			out = appendUnique(out, next.id)
			cur = *next
		}
	}
	return out
}

// placeAside reports whether tokens [start, end) are a firm's location
// followed by "and": "in Nizhnekamsk (Tatarstan) and".
func placeAside(s *sentence, start, end int) bool {
	toks := s.Tokens
	if end-start < 3 || end-start > 9 || toks[start].Norm != "in" || toks[end-1].Norm != "and" {
		return false
	}
	for k := start + 1; k < end-1; k++ {
		if j := mentionAt(s.mentions, k); j >= 0 && (s.mentions[j].typ == gazetteer.City || s.mentions[j].typ == gazetteer.Region) {
			continue
		}
		switch toks[k].Norm {
		case "(", ")", ",":
			continue
		}
		return false
	}
	return true
}

// repeatedPrep reports "both in Novosibirsk and in Berdsk": "and" with the
// preposition of m again joins two names, not two clauses.
func repeatedPrep(toks []text.Token, start, end int, m mention) bool {
	if end-start != 2 || toks[start].Norm != "and" {
		return false
	}
	p, _ := prepAt(toks, m.start)
	return p != "" && toks[start+1].Norm == p
}

// isCoordination reports whether the tokens between two names join them:
// ",", "and", ", and", "as well as".
func isCoordination(gap []text.Token) bool {
	for _, t := range gap {
		switch t.Norm {
		case ",", "and", "&", "as", "well", "the", "or", "in", "to", "both", "also":
		default:
			return false
		}
	}
	return true
}

// listedRegionsThen reports "regions and the" between the last of listed
// regions and one more: "the Tambov and Kursk regions and the Republic of
// Tatarstan".
func listedRegionsThen(gap []text.Token) bool {
	if len(gap) < 2 || regionPlurals[gap[0].Norm] == "" || gap[1].Norm != "and" {
		return false
	}
	return len(gap) == 2 || len(gap) == 3 && gap[2].Norm == "the"
}

// regionsOf reports "and the neighbouring republics of" between a region
// and the next: "in the krai and the neighbouring republics of Khakassia
// and Tuva".
func regionsOf(gap []text.Token) bool {
	n := len(gap)
	if n < 3 || gap[0].Norm != "and" || gap[n-1].Norm != "of" || regionPlurals[gap[n-2].Norm] == "" {
		return false
	}
	for _, t := range gap[1 : n-2] {
		if t.Norm != "the" && (t.Kind != text.Word || t.Cap) {
			return false
		}
	}
	return n <= 5
}

// prepBefore returns the preposition that governs the name at token i,
// skipping articles, adjectives and possessives ("to the Russian
// capital") and the nouns of people and firms a place qualifies ("by
// farms of the region", "to agricultural producers in Tatarstan").
func prepBefore(toks []text.Token, i int) string {
	p, at := prepAt(toks, i)
	if p == "from" && at > 0 && (toks[at-1].Norm == "apart" || toks[at-1].Norm == "aside") {
		return "apart" // "apart from Russia": outside the statement
	}
	if p == "by" && at > 0 && toks[at-1].Norm == "followed" {
		return "" // "the second largest buyer is Kazakhstan, followed by China": the next in a ranking
	}
	if p == "of" && at > 0 {
		// "for the assembly line of KAMAZ", "to the depots of the city's
		// operator": the preposition of the whole phrase.
		for k := at - 1; k >= 0 && k >= at-4; k-- {
			w := toks[k].Norm
			if w == "to" || w == "for" || w == "by" || w == "from" || w == "with" {
				return w // "with agricultural clusters of the Kashkadarya Region": a contract party
			}
			if toks[k].Kind != text.Word || toks[k].Cap || giveNouns[w] || giveVerbs[w] || getVerbs[w] || buyerNouns[w] ||
				partyNouns[w] || w == "of" {
				break
			}
		}
	}
	if (p == "of" || p == "in" || p == "from") && at > 0 {
		// "farms of the region": look past the party noun.
		k := at - 1
		for k >= 0 && k >= at-3 && !partyNouns[toks[k].Norm] && toks[k].Kind == text.Word && !toks[k].Cap {
			k--
		}
		if k >= 0 && partyNouns[toks[k].Norm] {
			k--
			// "to retail chains of", "by the municipal carriers of"
			for n := 0; k >= 0 && n < 3 && toks[k].Kind == text.Word && !toks[k].Cap && !recipientPreps[toks[k].Norm] &&
				!sourcePreps[toks[k].Norm] && !giveVerbs[toks[k].Norm] && !getVerbs[toks[k].Norm] && !giveNouns[toks[k].Norm] &&
				!auxiliaries[toks[k].Norm] && toks[k].Norm != "through" && toks[k].Norm != "via"; n++ {
				k--
			}
			if k >= 0 && (toks[k].Norm == "through" || toks[k].Norm == "via") {
				return p // "sold through pharmacy chains in the Astrakhan region": the channel's place
			}
			if k >= 0 && (recipientPreps[toks[k].Norm] || sourcePreps[toks[k].Norm]) {
				return toks[k].Norm
			}
			if k < 0 || !isPrepLike(toks[k].Norm) {
				return "" // "agricultural producers of the Omsk Region bought": the subject
			}
		}
	}
	return p
}

// prepAt returns the preposition before token i and its index.
func prepAt(toks []text.Token, i int) (string, int) {
	for k := i - 1; k >= 0 && k >= i-7; k-- {
		w := toks[k].Norm
		switch {
		case recipientPreps[w] || sourcePreps[w] || w == "of" || w == "with" || w == "through" || excludingPreps[w]:
			return w, k
		case determiners[w] || w == "'s" || toks[k].Cap && toks[k].Kind == text.Word || w == "russian" || w == "belarusian" ||
			w == "based" && k > 0 && toks[k-1].IsDash() || toks[k].IsDash() && !toks[k].Space && k+1 < i && toks[k+1].Norm == "based" ||
			deicticTypes[w] == "Enterprise" || toks[k].IsQuote():
			continue // "from the Russian manufacturer PK ...", "the company «X»"
		case toks[k].Kind == text.Word && modifiesOrgNoun(toks, k, i),
			orgNouns[w] || roleNouns[w], hyphenPart(toks, k) && !toks[k].Cap:
			continue // "to the timber company Tomlesdrev", "to the off-price chain Familia"
		case toks[k].Kind == text.Number && k+1 < i && toks[k+1].IsDash() && !toks[k+1].Space,
			toks[k].IsDash() && !toks[k].Space && k > 0 && toks[k-1].Kind == text.Number,
			k > 0 && toks[k-1].IsDash() && !toks[k-1].Space && measureUnits[toks[k].Norm]:
			continue // "for the 130-tonne BELAZ-7513"
		default:
			return "", -1
		}
	}
	return "", -1
}

// modifiesOrgNoun reports a word that is one of up to three lowercase
// words before an organisation noun at or before i: "to the regional road
// maintenance company LLC Volgodorservis", "to the Bobruisk tire plant".
func modifiesOrgNoun(toks []text.Token, k, i int) bool {
	for j := k + 1; j <= i && j <= k+3; j++ {
		if deicticTypes[toks[j].Norm] == "Enterprise" || orgNouns[toks[j].Norm] || roleNouns[toks[j].Norm] {
			return true
		}
		if toks[j].Kind != text.Word || toks[j].Cap {
			return false
		}
	}
	return false
}

// excludingPreps put a name outside the supply: "the largest fleet
// outside Belarus".
var excludingPreps = set("outside", "except", "beyond", "besides", "unlike", "than", "without", "apart", "including")

// auxiliaries never stand inside a noun phrase.
var auxiliaries = set("is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would",
	"can", "could", "may", "might", "shall", "should", "must", "do", "does", "did", "and", "or", "but")

func isPrepLike(w string) bool {
	return recipientPreps[w] || sourcePreps[w] || w == "of" || w == "with" || w == "among" || w == "between"
}

// makerPairs finds enterprises named as makers of products in a sentence.
func (d *doc) makerPairs(s *sentence) []makerPair {
	var out []makerPair
	ms := s.mentions
	for i, m := range ms {
		if m.typ != gazetteer.Product {
			continue
		}
		// "MAZ buses", "BelAZ dump trucks", "Amkodor harvesters".
		for j := i - 1; j >= 0; j-- {
			e := ms[j]
			if e.end > m.start {
				continue
			}
			if e.typ == gazetteer.Enterprise && m.start-e.end <= 2 && !e.ref && e.end <= m.start && modelGap(s.Tokens[e.end:m.start]) {
				out = append(out, makerPair{e.id, m.id, s.index, m.start})
			}
			break
		}
		// "tractors from the Minsk Tractor Works", "buses made by MAZ":
		// the next name, if it is a firm named as the source.
		if i+1 < len(ms) {
			if e := ms[i+1]; e.typ == gazetteer.Enterprise && e.start-m.end <= 4 {
				p := prepBefore(s.Tokens, e.start)
				// "700 Isuzu buses produced by SamAuto": the maker named
				// after "by" makes them, not the brand before them.
				if madeByNext(s, i) && len(out) > 0 && out[len(out)-1].start == m.start {
					out = out[:len(out)-1]
				}
				if p == "from" || p == "by" || p == "of" {
					out = append(out, makerPair{e.id, m.id, s.index, m.start})
				}
			} else if e := sourceFirmAfter(s, i); e >= 0 {
				out = append(out, makerPair{ms[e].id, m.id, s.index, m.start})
			}
		}
		// "sweepers on MAZ chassis produced by the Mogilev plant
		// Mogilevtransmash": the goods' maker comes after what they are
		// built on.
		if e := builtOnThenMadeBy(s, i); e != "" {
			out = append(out, makerPair{e, m.id, s.index, m.start})
		}
	}
	return out
}

// sourceFirmAfter returns the index of the firm named as the source of
// goods i through a place and what the firm is: "graders from the
// Chelyabinsk plant ChSDM", "buses from the Minsk company MAZ"; or -1.
func sourceFirmAfter(s *sentence, i int) int {
	ms, toks := s.mentions, s.Tokens
	m := ms[i]
	if m.end >= len(toks) || toks[m.end].Norm != "from" && toks[m.end].Norm != "by" {
		return -1
	}
	k := m.end + 1
	if k < len(toks) && determiners[toks[k].Norm] {
		k++
	}
	if j := mentionAt(ms, k); j >= 0 && isPlace(ms[j].typ) && ms[j].start == k {
		k = ms[j].end
	} else {
		return -1
	}
	if k < len(toks) && orgNouns[toks[k].Norm] {
		k++
	}
	if j := mentionAt(ms, k); j >= 0 && ms[j].start == k && ms[j].typ == gazetteer.Enterprise {
		return j
	}
	return -1
}

// builtOn reports goods named as the base others are built on: "on MAZ
// chassis", "on a KAMAZ chassis".
func builtOn(toks []text.Token, ms []mention, m mention) bool {
	if !baseNouns[toks[m.end-1].Norm] {
		return false
	}
	k := m.start - 1
	if j := mentionAt(ms, k); j >= 0 && ms[j].typ == gazetteer.Enterprise && ms[j].modifier {
		k = ms[j].start - 1
	}
	if k >= 0 && (toks[k].Norm == "a" || toks[k].Norm == "the") {
		k--
	}
	return k >= 0 && k < m.start-1 && toks[k].Norm == "on"
}

// madeByAfter reports "produced by X" shortly after mention m in the
// clause: the maker of what was built on m.
func madeByAfter(s *sentence, m mention, cl clause) bool {
	for _, e := range s.mentions {
		if e.start >= m.end && e.start-m.end <= 8 && e.end <= cl.end && e.typ == gazetteer.Enterprise && madeBy(s.Tokens, e.start) {
			return true
		}
	}
	return false
}

// baseNouns are what other machines are built on.
var baseNouns = set("chassis", "platform", "platforms", "base")

// builtOnThenMadeBy returns the firm that made the goods of mention i when
// "on" a base ("on MAZ chassis") and "produced by" the firm follow them.
func builtOnThenMadeBy(s *sentence, i int) string {
	toks, ms := s.Tokens, s.mentions
	m := ms[i]
	if m.end >= len(toks) || toks[m.end].Norm != "on" || i+1 >= len(ms) || !builtOn(toks, ms, ms[i+1]) && !(i+2 < len(ms) && builtOn(toks, ms, ms[i+2])) {
		return ""
	}
	for j := i + 1; j < len(ms) && ms[j].start-m.end <= 10; j++ {
		e := ms[j]
		if crossesBoundary(toks, m.end, e.start) {
			return ""
		}
		if e.typ == gazetteer.Enterprise && !e.ref && !e.modifier && madeBy(toks, e.start) {
			return e.id
		}
	}
	return ""
}

// modelGap reports whether the words between a brand and goods describe
// them ("MAZ-203 buses", "MAZ articulated buses"), with no verb between
// ("MAZ bought 20 trucks").
func modelGap(gap []text.Token) bool {
	for _, t := range gap {
		w := t.Norm
		if giveVerbs[w] || getVerbs[w] || auxiliaries[w] || produceVerbs[w] || t.Kind == text.Punct && !t.IsDash() {
			return false
		}
	}
	return true
}

// makerOf names the supplier from the products: an enterprise written as
// their maker in this or a recent sentence.
func (d *doc) makerOf(s *sentence, products []string, makers []makerPair, cl clause, tr trigger) []string {
	// "150 tractors of Chinese brands", "buses of Russian production".
	for _, m := range s.mentions {
		if m.demonym && m.start >= cl.start+2 && m.end < cl.end && s.Tokens[m.start-1].Norm == "of" &&
			originNouns[s.Tokens[m.end].Norm] {
			if k := mentionAt(s.mentions, m.start-2); k >= 0 && s.mentions[k].typ == gazetteer.Product {
				return []string{m.id}
			}
		}
	}
	for i := len(makers) - 1; i >= 0; i-- {
		mp := makers[i]
		if s.index-mp.sent > 2 {
			break
		}
		for _, p := range products {
			if mp.product == p || d.makes(mp.enterprise, p) && mp.sent == s.index {
				return []string{mp.enterprise}
			}
		}
		if len(products) == 0 && mp.sent == s.index {
			return []string{mp.enterprise}
		}
	}
	// An enterprise in the clause that is known to make the goods.
	for _, m := range s.mentions {
		if m.typ == gazetteer.Enterprise && m.start >= cl.start && m.end <= cl.end {
			for _, p := range products {
				if d.makes(m.id, p) {
					return []string{m.id}
				}
			}
		}
	}
	// "elevators made in Mogilev": the article's firm in that city.
	for k := cl.start; k+2 < cl.end; k++ {
		if produceVerbs[s.Tokens[k].Norm] && s.Tokens[k+1].Norm == "in" {
			if j := mentionAt(s.mentions, k+2); j >= 0 && s.mentions[j].typ == gazetteer.City {
				if e := d.enterpriseIn(s.mentions[j].id, nil); e != "" {
					return []string{e}
				}
			}
		}
	}
	// "Belarusian tractors", "Belarusian equipment": the country makes them.
	for _, m := range s.mentions {
		if m.demonym && m.start >= cl.start && m.end <= cl.end {
			if k := mentionAt(s.mentions, m.end); k >= 0 && s.mentions[k].typ == gazetteer.Product ||
				len(products) == 0 && m.end < len(s.Tokens) && genericProducts[s.Tokens[m.end].Norm] && s.Tokens[m.end].Norm != "them" {
				return []string{m.id}
			}
			if m.end+1 < len(s.Tokens) {
				if k := mentionAt(s.mentions, m.end+1); k >= 0 && s.mentions[k].typ == gazetteer.Product {
					return []string{m.id}
				}
			}
		}
	}
	return nil
}

// partiesBefore returns the two firms the sentence before s names, as
// supplier and recipient of products: the one known to make them
// supplies; else a firm the gazetteer does not know supplies one it knows
// for other goods, as news about components are written.
func (d *doc) partiesBefore(s *sentence, products []string) (supplier, recipient []string) {
	if s.index == 0 || d.sents[s.index-1].Para != s.Para {
		return nil, nil
	}
	var firms []string
	for _, m := range d.sents[s.index-1].mentions {
		if m.typ == gazetteer.Enterprise && !m.ref && !m.modifier {
			firms = appendUnique(firms, m.id)
		}
	}
	if len(firms) != 2 || len(products) == 0 {
		return nil, nil
	}
	a, b := firms[0], firms[1]
	switch {
	case d.makesAny(a, products) && !d.makesAny(b, products):
	case d.makesAny(b, products) && !d.makesAny(a, products):
		a, b = b, a
	case d.known(a) && !d.known(b):
		a, b = b, a
	case !(d.known(b) && !d.known(a)):
		return nil, nil
	}
	return []string{a}, []string{b}
}

// known reports whether id is a gazetteer entity.
func (d *doc) known(id string) bool { return d.gaz.Entity(id) != nil }

// namedFirmBefore reports a firm named, not referred to, before token at.
func namedFirmBefore(s *sentence, at int) bool {
	for _, m := range s.mentions {
		if m.start < at && m.typ == gazetteer.Enterprise && !m.ref {
			return true
		}
	}
	return false
}

// dativeVerbs take the receiver right after them: "offered the city
// trolleybuses", "sent MTZ the first engines".
var dativeVerbs = set("offer", "offers", "offered", "offering", "send", "sends", "sent", "give", "gives", "gave",
	"promised", "promise", "sell", "sells", "sold")

// dativeFirm reports a firm right after a dative verb that does not make
// the goods after it: the receiver, not the maker.
func (d *doc) dativeFirm(s *sentence, tr trigger, r *role) bool {
	if !dativeVerbs[s.Tokens[tr.at].Norm] || r.m.start-tr.at > 2 || r.m.end >= len(s.Tokens) {
		return false
	}
	k := mentionAt(s.mentions, r.m.end)
	return k >= 0 && s.mentions[k].typ == gazetteer.Product && !d.makes(r.m.id, s.mentions[k].id)
}

// purchaseVerbs, passive, name where goods were bought with "in":
// "are purchased in China".
var purchaseVerbs = set("purchased", "bought", "sourced", "procured", "imported", "acquired", "ordered")

// originNouns after "of" and a demonym say where goods come from.
var originNouns = set("brands", "brand", "makers", "manufacturers", "production", "origin", "make", "assembly")

// lastGoodsOf returns the goods of firm's latest supply: what it is said
// to ship, narrower than all it makes.
func lastGoodsOf(firm string, facts []*fact) []string {
	for i := len(facts) - 1; i >= 0; i-- {
		if sameIDs(facts[i].supplier, []string{firm}) && len(facts[i].products) > 0 {
			return facts[i].products
		}
	}
	return nil
}

// firmGoods returns the goods the article says (or the gazetteer knows)
// firm makes, as named before sentence upto.
func (d *doc) firmGoods(firm string, upto int) []string {
	var out []string
	for k := 0; k <= upto && k < len(d.sents); k++ {
		for _, m := range d.sents[k].mentions {
			if m.typ == gazetteer.Product && (d.makes(firm, m.id) || d.saidToMake(firm, m.id, k)) {
				out = appendUnique(out, m.id)
			}
		}
	}
	return out
}

// saidToMake reports whether sentence k pairs firm with product as maker:
// "MAZ buses", "Kommunarka shipped confectionery".
func (d *doc) saidToMake(firm, product string, k int) bool {
	for _, mp := range d.makerPairs(d.sents[k]) {
		if mp.enterprise == firm && mp.product == product {
			return true
		}
	}
	return d.pronounMakes(firm, product, k)
}

// leadParty returns the firm or place a sentence opens with, also when it is
// written as "the factory": the likely antecedent of the next "it".
func (d *doc) leadParty(k int) string {
	if k < 0 {
		return ""
	}
	for _, m := range d.sents[k].mentions {
		if m.typ == gazetteer.Product || m.typ == gazetteer.Person || m.modifier {
			continue
		}
		return m.id
	}
	return ""
}

// pronounMakes reports "It makes more than 400 types of products – from
// chocolate bars ...": a profile names a firm's goods after a pronoun
// that stands for the firm named just before.
func (d *doc) pronounMakes(firm, product string, k int) bool {
	s := d.sents[k]
	toks := s.Tokens
	for i, t := range toks {
		if !produceVerbs[t.Norm] || i+1 < len(toks) && (toks[i+1].Norm == "by" || toks[i+1].Norm == "in") {
			continue
		}
		cl := clauseOf(toks, i)
		if !pronounSubject(toks, i, cl) || d.latestFirm(s, i) != firm && d.leadParty(k-1) != firm {
			continue
		}
		for _, m := range s.mentions {
			if m.id == product && m.start > i && m.start < cl.end {
				return true
			}
		}
	}
	return false
}

// recentProductsOf returns the products named with enterprise in this or
// the previous sentence, or those it is known to make that the previous
// sentences named ("You use Amkodor goods too" after logging machines).
func (d *doc) recentProductsOf(s *sentence, enterprise string) []string {
	var out []string
	for k := s.index; k >= 0 && k >= s.index-2; k-- {
		for _, m := range d.sents[k].mentions {
			if m.typ == gazetteer.Product && d.makes(enterprise, m.id) {
				out = appendUnique(out, m.id)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// validRoles resolves "we" and drops parties that cannot play their role:
// a supplier is an enterprise or a country; a recipient is not the
// supplier.
func (d *doc) validRoles(supplier, recipient []string) ([]string, []string) {
	var sup, rec []string
	for _, id := range supplier {
		if id == pronWe {
			continue
		}
		e := d.entity(id)
		// A retail chain sells goods to people, not to the regions and
		// firms of a supply; it is a recipient.
		if e != nil && (e.Type == string(gazetteer.Enterprise) || e.Type == string(gazetteer.Country)) && !isFinancier(e) && e.Sector != "retail" {
			sup = appendUnique(sup, id)
		}
	}
	for _, id := range recipient {
		if id == pronWe {
			continue
		}
		e := d.entity(id)
		// "supplied 1,120 tractors to Rosagroleasing": the lessor pays; the
		// goods go to its country's farms.
		if e != nil && isFinancier(e) && d.countryOf(id) != "" {
			id = d.countryOf(id)
			e = d.entity(id)
		}
		if e == nil || e.Type == string(gazetteer.Product) || e.Type == string(gazetteer.Person) || e.Type == string(gazetteer.Project) {
			continue
		}
		clash := false
		for _, s := range sup {
			se := d.entity(s)
			if s == id || se != nil && se.Type == string(gazetteer.Country) && d.countryOf(id) == s && e.Type == string(gazetteer.Country) {
				clash = true
			}
			// "BMZ in Zhlobin supplies ...": a firm's home is not its customer.
			if se != nil && se.Type == string(gazetteer.Enterprise) && se.City == id {
				clash = true
			}
		}
		if !clash {
			rec = appendUnique(rec, id)
		}
	}
	return sup, rec
}

// makesAny reports whether enterprise e is known to make one of products.
func (d *doc) makesAny(e string, products []string) bool {
	for _, p := range products {
		if d.makes(e, p) {
			return true
		}
	}
	return false
}

// dropRivalMakers drops recipients known to make all the goods
// themselves when the supplier makes them too: "most of the fleet is
// Rostselmash combines, 1,100 are Gomselmash ones" sells nothing to
// Gomselmash. A maker's own subsidiaries and parents still receive its
// goods.
func (d *doc) dropRivalMakers(supplier, recipient, products []string) []string {
	if len(products) == 0 {
		return recipient
	}
	var out []string
	for _, id := range recipient {
		// A retailer sells what it buys: "the furniture retailer Hoff".
		rival := (d.entity(id) == nil || d.entity(id).Sector != "retail") && d.makesAll(id, products)
		for _, s := range supplier {
			if d.related(s, id) || !d.makesAll(s, products) {
				rival = false
			}
		}
		if !rival {
			out = append(out, id)
		}
	}
	return out
}

// signingSubsidiary returns the maker's subsidiary among the parties of a
// contract, else the maker: "the contract with MAZ-Rus, the Russian
// subsidiary of the Minsk Automobile Plant, for 120 buses" is MAZ-Rus's.
func (d *doc) signingSubsidiary(maker string, parties []string) string {
	for _, id := range parties {
		if e := d.entity(id); e != nil && e.Parent == maker && id != maker {
			return id
		}
	}
	return maker
}

// makesAll reports whether enterprise e itself is known to make every
// product.
func (d *doc) makesAll(e string, products []string) bool {
	for _, p := range products {
		if !d.gaz.MakesItself(e, p) {
			return false
		}
	}
	return len(products) > 0
}

// related reports whether one firm is the other's parent.
func (d *doc) related(a, b string) bool {
	ea, eb := d.entity(a), d.entity(b)
	return ea != nil && eb != nil && (ea.Parent == b || eb.Parent == a)
}

// allFinanciers reports whether every id is a bank or lessor.
func (d *doc) allFinanciers(ids []string) bool {
	for _, id := range ids {
		if e := d.entity(id); e == nil || !isFinancier(e) {
			return false
		}
	}
	return true
}

// clauseMaker returns the one firm named right before the goods of the
// clause as their maker ("MAZ buses"), or "".
func (d *doc) clauseMaker(s *sentence, cl clause) string {
	maker := ""
	for _, m := range s.mentions {
		if m.start < cl.start || m.end > cl.end || m.typ != gazetteer.Enterprise || !m.modifier || m.ref {
			continue
		}
		if maker != "" && maker != m.id {
			return ""
		}
		maker = m.id
	}
	return maker
}

func isFinancier(e *Entity) bool {
	name := " " + strings.ToLower(e.Name) + " "
	return financeSectors[e.Sector] || strings.Contains(name, " leasing ") || strings.Contains(name, " bank ")
}

// financeSectors finance goods rather than supply them: "acquired via
// leasing from GTLK", "loans from Sberbank".
var financeSectors = set("leasing", "banking", "finance", "insurance", "investment")

func (d *doc) isCountry(id string) bool {
	e := d.entity(id)
	return e != nil && e.Type == string(gazetteer.Country)
}

// modifiesProduct reports whether country is named in the clause only as
// the origin of goods: "Belarusian tractors", "Belarus tractors".
func (d *doc) modifiesProduct(s *sentence, country string, cl clause) bool {
	found := false
	for _, m := range s.mentions {
		if m.id != country || m.ref || m.start < cl.start || m.end > cl.end {
			continue
		}
		if k := mentionAt(s.mentions, m.end); k < 0 || s.mentions[k].typ != gazetteer.Product {
			return false
		}
		found = true
	}
	// A country named only in an earlier clause ("Belarus exported ...,
	// and 80% went to Russia") is a party there, not a modifier here.
	return found || !d.mentionedInSentence(s, country)
}

// brandOf returns the maker whose brand is the name of country as written
// in s before goods it makes: "Belarus tractors" are MTZ's.
func (d *doc) brandOf(s *sentence, country string, products []string) string {
	for _, m := range s.mentions {
		if m.id != country || m.end-m.start != 1 {
			continue
		}
		if maker, ok := brandMakers[s.Tokens[m.start].Norm]; ok && s.Tokens[m.start].Cap && d.makesAny(maker, products) {
			return maker
		}
	}
	return ""
}

// mentionedInSentence reports whether id is named in sentence s.
func (d *doc) mentionedInSentence(s *sentence, id string) bool {
	for _, m := range s.mentions {
		if m.id == id && !m.ref {
			return true
		}
	}
	return false
}

// nextMaker returns a firm of country named in the sentence after s, in
// the same paragraph, that is known to make one of products; or "".
func (d *doc) nextMaker(s *sentence, products []string, country string) string {
	if s.index+1 >= len(d.sents) || len(products) == 0 {
		return ""
	}
	next := d.sents[s.index+1]
	if next.Para != s.Para {
		return ""
	}
	for _, m := range next.mentions {
		if m.typ == gazetteer.Enterprise && !m.ref && d.isIn(m.id, country) && d.makesAny(m.id, products) {
			return m.id
		}
	}
	return ""
}

// recentMaker returns the enterprise of country named in this or the two
// previous sentences that is known to make one of products. When several
// are, "86 units of Belarusian machinery" after three makers' deliveries
// are the country's.
func (d *doc) recentMaker(s *sentence, country string, products []string) string {
	found := ""
	for k := s.index; k >= 0 && k >= s.index-2; k-- {
		ms := d.sents[k].mentions
		for i := len(ms) - 1; i >= 0; i-- {
			m := ms[i]
			if m.typ != gazetteer.Enterprise || d.countryOf(m.id) != country || m.id == found {
				continue
			}
			for _, p := range products {
				if d.makes(m.id, p) {
					if found != "" {
						return ""
					}
					found = m.id
					break
				}
			}
		}
	}
	return found
}

func (d *doc) anyEnterprise(ids []string) bool {
	for _, id := range ids {
		if e := d.entity(id); e != nil && e.Type == string(gazetteer.Enterprise) {
			return true
		}
	}
	return false
}

// isSupplierLike reports whether an entity can supply: an enterprise or a
// country.
func (d *doc) isSupplierLike(id string) bool {
	e := d.entity(id)
	return e != nil && (e.Type == string(gazetteer.Enterprise) || e.Type == string(gazetteer.Country))
}

// isIn reports whether entity id lies in (or is) country.
func (d *doc) isIn(id, country string) bool {
	return d.countryOf(id) == country
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

func sameIDs(a, b []string) bool {
	if len(a) != len(b) || len(a) == 0 {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// status reads the status of a supply from the words of its clause.
// habitCues before a trigger make a statement about what keeps happening.
var habitCues = set("regularly", "traditionally", "constantly", "annually", "usually", "routinely")

// Word sets status reads, built once.
var (
	offerCues     = set("offer", "offers", "offered", "offering", "propose", "proposed", "ready")
	nextCue       = set("next")
	contractWords = set("contract", "contracts")
	signedWords   = set("signed", "concluded")
	perfectWords  = set("has", "have", "had", "was", "were")
	doneWords     = set("has", "have", "had", "already", "was", "were")
)

func status(toks []text.Token, tr trigger, cl clause) string {
	has := func(cues map[string]bool, from, to int) bool {
		for k := max(from, 0); k < to && k < len(toks); k++ {
			if cues[toks[k].Norm] {
				return true
			}
		}
		return false
	}
	// The words before the trigger in its clause carry modality; the
	// whole clause carries negotiation and contract words.
	left := max(cl.start, tr.at-8)
	trig := toks[tr.at].Norm
	switch {
	case has(negotiationCues, cl.start, cl.end) || has(negotiationCues, cl.start-6, cl.start):
		return StatusNegotiating
	case has(proposalCues, left, tr.at) || has(offerCues, tr.at, tr.at+1):
		return StatusProposed
	case has(planCues, left, tr.at+1) || isToBe(toks, tr.at) || has(nextCue, cl.start, cl.end) ||
		tr.noun && !tr.neutral && futureVerbAfter(toks, tr.at, cl):
		if has(contractWords, cl.start, cl.end) && has(signedWords, cl.start, cl.end) {
			return StatusContracted
		}
		return StatusPlanned
	case has(contractCues, cl.start, cl.end) || trig == "ordered":
		return StatusContracted
	case has(habitCues, left, tr.at) && !has(perfectWords, left, tr.at):
		return StatusOngoing // "are regularly exported": a habit, not one delivery
	case (tr.passive || strings.HasSuffix(trig, "ing")) && presentPassive(toks, tr.at):
		return StatusOngoing // "are sold by the Magnit chain", "are already running in"
	case forYears(toks, cl):
		return StatusOngoing // "has been the main supplier ... for more than ten years"
	case possessVerbs[trig]:
		return StatusOngoing // "the depot has 60 MAZ buses": in use
	case pastCues[trig] || has(doneWords, left, tr.at):
		return StatusDelivered
	case tr.at > 0 && toks[tr.at-1].Norm == "took":
		return StatusDelivered // "took delivery of"
	case ongoingCues[trig] || tr.noun:
		return StatusOngoing
	}
	return StatusOngoing
}

// forYears reports a span of years the statement has held: "for more
// than ten years", "for decades".
func forYears(toks []text.Token, cl clause) bool {
	for k := cl.start; k < cl.end; k++ {
		if toks[k].Norm != "for" {
			continue
		}
		for j := k + 1; j < cl.end && j <= k+4; j++ {
			if w := toks[j].Norm; w == "years" || w == "decades" {
				return true
			}
		}
	}
	return false
}

// futureVerbAfter reports "will be delivered", "is due" after a supply
// noun that is the subject: "The first batch of 150 machines will be
// delivered in August".
func futureVerbAfter(toks []text.Token, at int, cl clause) bool {
	for k := at + 1; k+1 < cl.end; k++ {
		if toks[k].Norm == "will" && (toks[k+1].Norm == "be" || giveVerbs[toks[k+1].Norm] || toks[k+1].Norm == "start" || toks[k+1].Norm == "begin") {
			return true
		}
		if toks[k].Kind == text.Punct && toks[k].Norm != "-" {
			return false
		}
	}
	return false
}

// presentPassive reports "is sold", "are now sold", "are already
// running": a present form of "be" right before the participle at,
// perhaps with an adverb between.
func presentPassive(toks []text.Token, at int) bool {
	for k := at - 1; k >= 0 && k >= at-2; k-- {
		switch w := toks[k].Norm; {
		case w == "is" || w == "are":
			return true
		case !strings.HasSuffix(w, "ly") && w != "now" && w != "also" && w != "already" && w != "still":
			return false
		}
	}
	return false
}

var (
	statVerbs  = set("grew", "grow", "grows", "grown", "risen", "fallen", "increased", "rose", "fell", "decreased", "declined", "amounted", "totaled", "totalled", "reached", "accounted", "doubled", "tripled", "exceeded", "dropped", "jumped", "surged", "shrank")
	moneyWords = set("%", "percent", "$", "billion", "bn", "rubles", "roubles", "dollars", "usd", "euros", "byn", "worth")
)

// statistic reports whether a clause states a trade figure: a growth or
// total verb with a percentage or a sum of money and no count of units.
func statistic(toks []text.Token, cl clause) bool {
	verb, money := false, false
	for k := cl.start; k < cl.end && !(verb && money); k++ {
		verb = verb || statVerbs[toks[k].Norm]
		money = money || moneyWords[toks[k].Norm]
	}
	return verb && money
}

// excludedTrigger reports "besides the orders of", "apart from deliveries":
// the statement only points at supplies told elsewhere.
func excludedTrigger(toks []text.Token, at int) bool {
	for k := at - 1; k >= 0 && k >= at-3; k-- {
		switch toks[k].Norm {
		case "besides", "except", "excluding":
			return true
		case "apart", "addition":
			return true
		}
	}
	return false
}

// serviceWords name services, which are not goods.
var serviceWords = set("service", "services", "maintenance", "warranty", "repair", "repairs", "training",
	"support", "assistance", "consulting", "installation", "commissioning", "financing", "loans", "credit")

// servicePassive reports "warranty service will be provided by ...": a
// passive supply whose subject is a service and not goods.
func servicePassive(toks []text.Token, ms []mention, at int, cl clause) bool {
	service := false
	for k := cl.start; k < at; k++ {
		if m := mentionAt(ms, k); m >= 0 && ms[m].typ == gazetteer.Product {
			return false
		}
		service = service || serviceWords[toks[k].Norm]
	}
	return service
}

// stopWords before a trigger deny the supply.
var stopWords = set("stopped", "stop", "stops", "halted", "halt", "suspended", "suspend", "ceased",
	"cease", "banned", "ban", "refused", "refuse", "not", "never", "no", "cancelled", "canceled",
	"terminated", "froze", "frozen", "withdrew", "quit", "left", "lost", "without", "shelved",
	"abandoned", "scrapped", "rejected", "dropped", "postponed")

// undoneWords after a supply undo it: "the purchase ... has been postponed".
var undoneWords = set("postponed", "cancelled", "canceled", "suspended", "shelved", "frozen", "ended", "ceased",
	"terminated", "abandoned", "scrapped", "rejected", "delayed", "halted", "stopped")

// negated reports whether the words just before the trigger deny it.
func negated(toks []text.Token, at int, cl clause) bool {
	for k := at - 1; k >= cl.start && k >= at-5; k-- {
		if toks[k].Norm == "no" && k+1 < len(toks) && (toks[k+1].Norm == "." || toks[k+1].Kind == text.Number) {
			continue // "Passenger Enterprise No. 8"
		}
		if stopWords[toks[k].Norm] || toks[k].Norm == "longer" && k > 0 && toks[k-1].Norm == "no" {
			return true
		}
	}
	for k := at + 1; k < cl.end; k++ {
		if undoneWords[toks[k].Norm] {
			return true
		}
	}
	return false
}

// isToBe reports "are to be delivered", "is to receive".
func isToBe(toks []text.Token, at int) bool {
	return at >= 2 && toks[at-1].Norm == "be" && toks[at-2].Norm == "to" ||
		at >= 2 && toks[at-1].Norm == "to" && (toks[at-2].Norm == "is" || toks[at-2].Norm == "are")
}

// statusRank orders statuses from the most to the least concrete.
var statusRank = map[string]int{
	StatusDelivered: 0, StatusOngoing: 1, StatusContracted: 2, StatusNegotiating: 3,
	StatusPlanned: 4, StatusProposed: 5,
}

func moreConcrete(a, b string) string {
	if statusRank[b] < statusRank[a] {
		return b
	}
	return a
}

// nearestQuantity returns the stated number of units closest to the
// trigger: "to deliver about 500 trucks ..., up from 430 vehicles shipped
// in 2023" gives 500 for "deliver" and 430 for "shipped".
func nearestQuantity(toks []text.Token, ms []mention, cl clause, at int) int {
	best, bestDist := 0, 1<<30
	for k := cl.start; k < cl.end; k++ {
		if toks[k].Kind != text.Number && numberWords[toks[k].Norm] == 0 {
			continue
		}
		if n := quantity(toks, ms, clause{start: k, end: cl.end}); n > 0 && firstNumber(toks, k, cl.end) == k {
			dist := abs(k - at)
			if k < at {
				dist += 2 // the object after the verb is the likelier count
			}
			if dist < bestDist {
				best, bestDist = n, dist
			}
		}
	}
	return best
}

// firstNumber returns the index of the first number at or after k.
func firstNumber(toks []text.Token, k, end int) int {
	for ; k < end; k++ {
		if toks[k].Kind == text.Number || numberWords[toks[k].Norm] > 0 {
			return k
		}
	}
	return -1
}

// numberWords are counts written as words: "two TEP70BS locomotives".
var numberWords = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
	"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12, "thirteen": 13, "fourteen": 14,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "sixty": 60, "seventy": 70,
	"eighty": 80, "ninety": 90}

// compoundNumber reads "thirty-eight" starting at k: the value and the
// index after it, or 0.
func compoundNumber(toks []text.Token, k int) (int, int) {
	tens := numberWords[toks[k].Norm]
	if tens < 20 || tens%10 != 0 || tens > 90 || k+2 >= len(toks) || !toks[k+1].IsDash() || toks[k+1].Space || toks[k+2].Space {
		return 0, 0
	}
	if unit := numberWords[toks[k+2].Norm]; unit > 0 && unit < 10 {
		return tens + unit, k + 3
	}
	return 0, 0
}

// modelNumber reports a number that is part of a model's name, written
// after a capitalized word the text names nothing by or a maker's name:
// "Ural 4320 trucks", "eighteen BKM 321 trolleybuses".
func modelNumber(toks []text.Token, ms []mention, k int) bool {
	if k < 2 || toks[k-1].Kind != text.Word || !toks[k-1].Cap || calendarWords[toks[k-1].Norm] {
		return false
	}
	m := mentionAt(ms, k-1)
	return m < 0 || ms[m].model && ms[m].end == k
}

// quantity returns the number of units stated in a clause: a number right
// before a product or a count word ("150 vehicles", "a batch of 20
// tractors", "over 1,200 units"), or 0.
func quantity(toks []text.Token, ms []mention, cl clause) int {
	for k := cl.start; k < cl.end; k++ {
		t := toks[k]
		n := numberWords[t.Norm]
		j := k + 1
		if c, next := compoundNumber(toks, k); c > 0 {
			n, j = c, next
		} else if k >= 2 && toks[k-1].IsDash() && !toks[k-1].Space && n > 0 && n < 10 && numberWords[toks[k-2].Norm] >= 20 {
			continue // the "eight" of "thirty-eight"
		}
		if n == 0 {
			if t.Kind != text.Number || (k > 0 && toks[k-1].IsDash() && !t.Space) || (k > 0 && toks[k-1].Norm == "$") {
				continue
			}
			var err error
			if n, err = strconv.Atoi(t.Norm); err != nil || n <= 0 {
				continue
			}
			if modelNumber(toks, ms, k) {
				continue
			}
		}
		if j < cl.end && (toks[j].Norm == "thousand" || toks[j].Norm == "000") {
			n *= 1000
			j++
		}
		if j < cl.end && toks[j].IsDash() && !toks[j].Space { // "220-tonne", "57- and 63-inch"
			continue
		}
		if j < cl.end && measureUnits[toks[j].Norm] && !countUnits[toks[j].Norm] {
			continue
		}
		if n >= 1900 && n <= 2100 && !(j < cl.end && (countUnits[toks[j].Norm] || goodsAt(ms, j))) {
			continue // a year: "since 2023 Savushkin has been buying"
		}
		// "bought 412 of them": a count of the goods told before.
		if j+1 < cl.end && toks[j].Norm == "of" && toks[j+1].Norm == "them" {
			return n
		}
		// "they bought 96 more": more of the goods just told.
		if j < cl.end && toks[j].Norm == "more" && (j+1 == cl.end || toks[j+1].Kind != text.Word || !toks[j+1].Cap && mentionAt(ms, j+1) < 0 && !genericProducts[toks[j+1].Norm]) {
			return n
		}
		// The counted thing follows, perhaps after a brand, a model and a
		// size: "12 BELAZ-75306 220-tonne dump trucks".
		for g := j; g < cl.end && g <= j+8; g++ {
			tg := toks[g]
			if countUnits[tg.Norm] || genericProducts[tg.Norm] && tg.Norm != "them" && tg.Norm != "it" {
				return n
			}
			if m := mentionAt(ms, g); m >= 0 && ms[m].typ == gazetteer.Product {
				return n
			}
			compound := g > 0 && toks[g-1].IsDash() && !toks[g-1].Space // "130-tonne"
			if measureUnits[tg.Norm] && !compound || tg.Kind == text.Punct && !tg.IsDash() ||
				tg.Kind == text.Number && !(g+1 < cl.end && toks[g+1].IsDash()) && !(g > 0 && toks[g-1].IsDash()) {
				break
			}
		}
	}
	return 0
}

// whenRE matches a time expression at the start of a text. when tries it
// only where one of whenStarts begins a word: running it over whole
// clauses cost a twelfth of all extraction time.
var whenRE = regexp.MustCompile(`^(?i)(at the (end|beginning|start) of( the)? \d{4}( - the (beginning|end) of \d{4})?|by the end of (the year|\d{4}|this year|next year)|(in|during|over) the (first|second|third|fourth|last) (half|quarter) of (\d{4}|the year|this year|next year)|in (early|late|mid-)?\d{4}|in (January|February|March|April|May|June|July|August|September|October|November|December)( \d{4})?|in Q[1-4]( \d{4})?|next (year|month|season|spring|summer|autumn|fall|winter)|this (year|month|season|spring|summer|autumn|fall|winter)|last (year|month|season|spring|summer|autumn|fall|winter)|since (the beginning of the year|January|\d{4})|(January|February)[–-](March|June|September|October|November)( \d{4})?|in the coming (years|months)|until \d{4}|by \d{4})\b`)

// whenStarts are the words a time expression begins with.
var whenStarts = []string{"at ", "by ", "in ", "during ", "over ", "next ", "this ", "last ", "since ",
	"january", "february", "until "}

// whenHints are words without which no time expression can match; they
// spare the regular expression most clauses.
var whenHints = []string{"20", "19", "next", "this", "last", "since", "end", "half", "quarter",
	"coming", "until", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
	"beginning", "start"}

// whenOf is when for a clause of s, read once however many triggers share
// the clause.
func (d *doc) whenOf(s *sentence, cl clause) string {
	key := [3]int{s.index, cl.start, cl.end}
	if w, ok := d.whenCache[key]; ok {
		return w
	}
	if d.whenCache == nil {
		d.whenCache = map[[3]int]string{}
	}
	w := when(d.span(s, cl.start, cl.end))
	d.whenCache[key] = w
	return w
}

// when returns the first time expression of a clause, as written.
func when(clauseText string) string {
	hinted := false
	for _, h := range whenHints {
		if strings.Contains(clauseText, h) {
			hinted = true
			break
		}
	}
	if !hinted {
		return ""
	}
	for p := 0; p < len(clauseText); p++ {
		if p > 0 && isASCIIWordByte(clauseText[p-1]) || !startsWhen(clauseText[p:]) {
			continue
		}
		if m := whenRE.FindString(clauseText[p:]); m != "" {
			return m
		}
	}
	return ""
}

// startsWhen reports whether text begins with one of whenStarts, in any
// case.
func startsWhen(text string) bool {
	for _, w := range whenStarts {
		if len(text) >= len(w) && strings.EqualFold(text[:len(w)], w) {
			return true
		}
	}
	return false
}

func isASCIIWordByte(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

// namedSupplier reports whether the fact's supplier was named as such
// rather than read from the makers of the goods.
func (d *doc) namedSupplier(fa *fact, makers map[string]bool) bool {
	for _, id := range fa.supplier {
		if !makers[id] {
			return true
		}
	}
	return false
}

// quantityBefore returns the number of units written right before product
// mention m ("31 combine harvesters", "12 KSK-600 forage harvesters").
func quantityBefore(toks []text.Token, ms []mention, m mention, cl clause) int {
	for k := m.start - 1; k >= cl.start && k >= m.start-5; k-- {
		t := toks[k]
		if t.Kind == text.Number && !(k > 0 && toks[k-1].IsDash() && !t.Space) && !(k+1 < len(toks) && toks[k+1].IsDash()) &&
			!(k+1 < len(toks) && !toks[k+1].Space && toks[k+1].Kind == text.Word) { // "332S4" is a model
			return quantity(toks, ms, clause{start: k, end: m.end})
		}
		if numberWords[t.Norm] > 0 { // "ten Amkodor 332S4 loaders"
			return quantity(toks, ms, clause{start: k, end: m.end})
		}
		if t.Kind == text.Punct && !t.IsDash() || mentionAt(ms, k) >= 0 && ms[mentionAt(ms, k)].typ == gazetteer.Product {
			return 0
		}
	}
	return 0
}

func atoiSafe(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}

// qualifiesFirm reports whether place m is only an attribute of a firm
// named right after it: "the Tatarstan refrigerator maker Pozis", "the
// Kaliningrad plant" (a reference to the firm there). At most three
// lowercase words may stand between them.
func qualifiesFirm(toks []text.Token, ms []mention, m mention) bool {
	for k := m.end; k < len(toks) && k <= m.end+4; k++ {
		if j := mentionAt(ms, k); j >= 0 {
			if ms[j].typ == gazetteer.Product && attributive(toks, ms, ms[j]) {
				k = ms[j].end - 1
				continue // "the Tula nonwovens producer Nortex-Tula"
			}
			return ms[j].typ == gazetteer.Enterprise && !ms[j].modifier
		}
		if toks[k].IsDash() && !toks[k].Space && k == m.end {
			continue // "the Moscow-based company Lactoferma"
		}
		// "The Nizhnekamsk plant of SIBUR": the place's plant of a firm.
		if toks[k].Norm == "of" && k > m.end && deicticTypes[toks[k-1].Norm] == "Enterprise" {
			continue
		}
		if t := toks[k]; t.Kind != text.Word || t.Cap || isPrepLike(t.Norm) || auxiliaries[t.Norm] ||
			giveVerbs[t.Norm] || getVerbs[t.Norm] || giveNouns[t.Norm] {
			return false
		}
	}
	return false
}

// homeOfSomething reports a place that says where a party or the goods
// are based or made: "the Vladivostok-based chain", "tractors made in
// Cheboksary", "combines assembled in Rostov-on-Don".
func homeOfSomething(toks []text.Token, m mention) bool {
	if m.end+1 < len(toks) && toks[m.end].IsDash() && !toks[m.end].Space && basedWords[toks[m.end+1].Norm] {
		return true
	}
	return m.start >= 2 && (toks[m.start-1].Norm == "in" || toks[m.start-1].Norm == "at") && produceVerbs[toks[m.start-2].Norm]
}

var basedWords = set("based", "registered", "headquartered")

// locatesFirm reports a place that says where the firm named right
// before it is: "Bryanskselmash in Bryansk", "Elsib from Novosibirsk".
func locatesFirm(s *sentence, m mention) bool {
	k := m.start - 1
	if k < 1 || !locatingPreps[s.Tokens[k].Norm] || s.Tokens[k].Norm == "of" {
		return false
	}
	j := mentionAt(s.mentions, k-1)
	if j < 0 && s.Tokens[k-1].IsQuote() && k >= 2 {
		j = mentionAt(s.mentions, k-2)
	}
	return j >= 0 && s.mentions[j].typ == gazetteer.Enterprise && !s.mentions[j].modifier
}

// inEventName reports whether place m opens the name of an event or body:
// "at the St. Petersburg International Economic Forum".
func inEventName(toks []text.Token, m mention) bool {
	end := capRun(toks, m.end, 5)
	return end > m.end && eventHeads[toks[end-1].Norm]
}

// eventHeads end the names of events and bodies that take a place name.
var eventHeads = set("forum", "summit", "exhibition", "expo", "fair", "show", "week", "congress",
	"conference", "festival", "games", "university", "institute", "academy", "council")

// countAhead reports a count of goods right after i: "added two more
// machines", "adds 20 new buses".
// skipAdverbs returns the index of the first word from i on that is not
// an adverb in -ly ("mainly", "mostly"), at most two of them.
func skipAdverbs(toks []text.Token, i int) int {
	for n := 0; n < 2 && i < len(toks) && toks[i].Kind == text.Word && strings.HasSuffix(toks[i].Norm, "ly") && !toks[i].Cap; n++ {
		i++
	}
	return i
}

// possessVerbs tell a fleet by what its owner holds.
var possessVerbs = set("has", "have", "owns", "own")

// intoService reports "into operation" or "into service" within the
// next few words.
func intoService(toks []text.Token, i int) bool {
	for k := i + 1; k+1 < len(toks) && k <= i+10; k++ {
		if toks[k].Norm == "into" && (toks[k+1].Norm == "operation" || toks[k+1].Norm == "service") {
			return true
		}
		if toks[k].Kind == text.Punct && toks[k].Norm != "-" {
			return false
		}
	}
	return false
}

// anotherCount returns the number right after "another" in a clause:
// "has ordered another 150"; or 0.
func anotherCount(toks []text.Token, cl clause) int {
	for k := cl.start; k+1 < cl.end; k++ {
		if toks[k].Norm != "another" {
			continue
		}
		if toks[k+1].Kind == text.Number {
			return atoiSafe(toks[k+1].Norm)
		}
		return numberWords[toks[k+1].Norm]
	}
	return 0
}

func countAhead(toks []text.Token, i int) bool {
	for k := i + 1; k < len(toks) && k <= i+3; k++ {
		if toks[k].Kind == text.Number || numberWords[toks[k].Norm] > 0 {
			return k+1 < len(toks) && (toks[k+1].Kind == text.Word || toks[k+1].Norm == "more")
		}
		if toks[k].Norm != "another" && toks[k].Norm != "a" && toks[k].Norm != "further" && toks[k].Norm != "some" {
			return false
		}
	}
	return false
}
