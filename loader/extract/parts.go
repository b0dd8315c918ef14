package extract

import (
	"slices"
	"strings"

	"tradegraph/loader/gazetteer"
	"tradegraph/loader/text"
)

// News often tell one total and then its parts: "bought 410 combines: 260
// from Rostselmash and 118 from Gomselmash", "Irkutsk will get 54 buses,
// Angarsk - 26", "produced 1,140 tractors ... 520 of them stayed in Altai
// Krai". These rules turn a supply into the supplies of its parts.

// split divides a fact that lists goods with their own makers or their
// own numbers into one fact per maker or product: "146 tractors produced
// by MTZ and 31 combines made by Gomselmash", "another 30 combines and 12
// forage harvesters".
func (d *doc) split(fa *fact, tr trigger) []*fact {
	s := fa.sent
	cl := clauseOf(s.Tokens, tr.at)
	// One part per mention of the goods: "22 Gomselmash combines and 15
	// combines of Rostselmash" names one kind of goods twice, by two makers.
	type part struct {
		product, maker string
		quantity       int
	}
	var parts []part
	named := map[string]bool{}
	makers, counts := map[string]bool{}, 0
	pairs := d.makerPairs(s)
	for _, m := range s.mentions {
		if m.typ != gazetteer.Product || !contains(fa.products, m.id) || m.start < cl.start || m.end > cl.end {
			continue
		}
		p := part{product: m.id, quantity: quantityBefore(s.Tokens, s.mentions, m, cl)}
		for _, mp := range pairs {
			if mp.product == m.id && mp.start == m.start {
				p.maker = mp.enterprise
			}
		}
		if p.maker != "" {
			makers[p.maker] = true
		}
		if p.quantity > 0 {
			counts++
		}
		parts = append(parts, p)
		named[m.id] = true
	}
	if len(parts) < 2 {
		return []*fact{fa}
	}
	for _, id := range fa.products {
		if !named[id] {
			parts = append(parts, part{product: id})
		}
	}
	byMaker := len(makers) >= 2 && !d.namedSupplier(fa, makers)
	if !byMaker {
		// Without makers to tell them apart, one kind of goods named twice
		// is one part: "60 new buses, among them 20 buses of Belarus".
		var kinds []part
		counts = 0
		for _, p := range parts {
			if !slices.ContainsFunc(kinds, func(k part) bool { return k.product == p.product }) {
				kinds = append(kinds, p)
				if p.quantity > 0 {
					counts++
				}
			}
		}
		parts = kinds
	}
	if !byMaker && counts < 2 {
		return []*fact{fa}
	}
	madeBy := map[string]bool{}
	for _, p := range parts {
		if p.maker != "" {
			madeBy[p.product] = true
		}
	}
	var out []*fact
	for _, p := range parts {
		// "37 new buses, among them 25 MAZ buses and 12 NefAZ buses": the
		// total of goods the makers' parts add up to.
		if byMaker && p.maker == "" && madeBy[p.product] {
			continue
		}
		cp := *fa
		cp.products = []string{p.product}
		if p.quantity > 0 {
			cp.quantity = p.quantity
		} else if counts >= 2 {
			cp.quantity = 0
		}
		if byMaker && p.maker != "" {
			cp.supplier = []string{p.maker}
		}
		// Goods of one maker and one number stay together.
		merged := false
		for _, o := range out {
			if sameIDs(o.supplier, cp.supplier) && (o.quantity == cp.quantity || cp.quantity == 0) {
				o.products = appendUnique(o.products, p.product)
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, &cp)
		}
	}
	return out
}

// breakdown reads the split of a total by maker that news write after a
// colon or a dash: "farms bought 410 new combines: 260 from Rostselmash and
// 118 from Gomselmash". Each "N from X" (or "N by X", "N made by X") is the
// same supply from maker X with its own number; the items must not add up
// to more than the total. The total itself is then not a deal of one maker.
func breakdown(fa *fact, tr trigger) []*fact {
	s := fa.sent
	toks := s.Tokens
	if fa.quantity == 0 {
		return nil
	}
	colon := -1
	for k := tr.at + 1; k < len(toks); k++ {
		if toks[k].Norm == ":" || toks[k].IsDash() && toks[k].Space {
			colon = k
			break
		}
		if toks[k].Norm == ";" || toks[k].Norm == "." {
			return nil
		}
	}
	if colon < 0 {
		return nil
	}
	var out []*fact
	sum := 0
	for k := colon + 1; k < len(toks); k++ {
		if toks[k].Norm == ";" || toks[k].Norm == "." {
			break
		}
		if toks[k].Kind != text.Number {
			continue
		}
		n := atoiSafe(toks[k].Norm)
		// "260 from Rostselmash", "118 units by Gomselmash", "40 made by
		// MAZ"; "180 to the Novosibirsk region".
		j := k + 1
		for j < len(toks) && j <= k+3 && toks[j].Kind == text.Word && toks[j].Norm != "from" && toks[j].Norm != "by" && toks[j].Norm != "to" && mentionAt(s.mentions, j) < 0 {
			j++
		}
		if n <= 0 || j+1 >= len(toks) || toks[j].Norm != "from" && toks[j].Norm != "by" && toks[j].Norm != "to" {
			continue
		}
		to := toks[j].Norm == "to"
		if toks[j+1].Norm == "the" && j+2 < len(toks) {
			j++
		}
		m := mentionAt(s.mentions, j+1)
		if m < 0 || s.mentions[m].start != j+1 || contains(fa.recipient, s.mentions[m].id) && !to {
			continue
		}
		party := s.mentions[m]
		cp := *fa
		switch {
		case to && (isPlace(party.typ) || party.typ == gazetteer.Enterprise) && !party.demonym && !contains(fa.supplier, party.id):
			cp.recipient, cp.quantity = []string{party.id}, n
		case !to && party.typ == gazetteer.Enterprise:
			cp.supplier, cp.quantity = []string{party.id}, n
		default:
			continue
		}
		out = append(out, &cp)
		sum += n
		k = s.mentions[m].end - 1
	}
	if sum > fa.quantity {
		return nil
	}
	return out
}

// gapped reads the list that follows a supply with its verb left out:
// "Irkutsk will get 54 buses, Angarsk - 26, Bratsk - 20 and Ust-Ilimsk
// - 12", "Kursk Oblast bought 140 of our combines, Oryol Oblast about 90".
// Each item is the same supply to another recipient with its own number.
func (d *doc) gapped(fa *fact, tr trigger) []*fact {
	s := fa.sent
	toks := s.Tokens
	if fa.quantity == 0 || len(fa.recipient) != 1 {
		return nil
	}
	// The list starts after the goods of the stated supply.
	from := -1
	for _, m := range s.mentions {
		if m.typ == gazetteer.Product && m.start > tr.at {
			from = m.end
			break
		}
	}
	if from < 0 {
		// "farms in Tatarstan bought 412 of them, in Bashkortostan 368",
		// "equipment obtained last year (146 units), followed by ...".
		for k := tr.at + 1; k < len(toks) && k <= tr.at+8; k++ {
			if toks[k].Norm == "them" || fa.generic && countUnits[toks[k].Norm] {
				from = k + 1
				break
			}
		}
	}
	rec := d.entity(fa.recipient[0])
	if rec == nil || from < 0 {
		return nil
	}
	var out []*fact
	for _, m := range s.mentions {
		if m.start < from || m.ref || m.typ != gazetteer.Type(rec.Type) && !(isPlace(m.typ) && isPlace(gazetteer.Type(rec.Type))) {
			continue
		}
		k := m.start - 1
		for k > from && (toks[k].Norm == "in" || toks[k].Norm == "the") {
			k-- // ", in Bashkortostan 368 and in the Voronezh region 255"
		}
		// "Tatarstan was the leader (146 units), followed by Bashkortostan
		// (131)": a ranking lists the next ones.
		ranked := k >= 1 && toks[k].Norm == "by" && toks[k-1].Norm == "followed"
		if k < 0 || toks[k].Norm != "," && toks[k].Norm != "and" && !ranked {
			continue
		}
		// The item's number: right after the name, maybe after a dash or
		// "about".
		n := 0
		for k := m.end; k < len(toks) && k <= m.end+3; k++ {
			if toks[k].Kind == text.Number {
				n = atoiSafe(toks[k].Norm)
				if k+1 < len(toks) && measureUnits[toks[k+1].Norm] && !countUnits[toks[k+1].Norm] {
					n = 0
				}
				break
			}
			if !(toks[k].IsDash() || toks[k].Norm == "(" || toks[k].Norm == "about" || toks[k].Norm == "around" || toks[k].Norm == "over" ||
				toks[k].Norm == "some" || toks[k].Norm == "more" || toks[k].Norm == "than" || toks[k].Norm == "nearly") {
				break
			}
		}
		if n == 0 {
			continue
		}
		cp := *fa
		cp.recipient, cp.quantity = []string{m.id}, n
		out = append(out, &cp)
	}
	return out
}

// partOfThem reports "most of them", "all of them", "200 of them" at the
// start of the clause: goods told in the sentence before.
func partOfThem(toks []text.Token, cl clause) bool {
	for k := cl.start; k+2 < cl.end && k <= cl.start+5; k++ {
		if toks[k+1].Norm == "of" && (toks[k+2].Norm == "them" || toks[k+2].Norm == "these") && k <= cl.start+2 ||
			toks[k+1].Norm == "of" && toks[k+2].Norm == "the" && toks[k].Kind == text.Number {
			return true // "most of them", "According to him, 520 of the tractors"
		}
	}
	// "Another 465 went to ...", "The remaining 155 crossed the border".
	for k := cl.start; k+1 < cl.end && k <= cl.start+2; k++ {
		if (toks[k].Norm == "another" || toks[k].Norm == "remaining" || toks[k].Norm == "rest") &&
			(toks[k+1].Kind == text.Number || numberWords[toks[k+1].Norm] > 0 || toks[k].Norm == "rest") {
			return true
		}
	}
	return false
}

// partCount returns the number that opens a part of goods told before:
// "Another 465", "520 of the tractors", "the remaining 155"; or 0.
func partCount(toks []text.Token, cl clause) int {
	for k := cl.start; k < cl.end && k <= cl.start+3; k++ {
		if toks[k].Kind == text.Number {
			return atoiSafe(toks[k].Norm)
		}
		if n := numberWords[toks[k].Norm]; n > 0 {
			return n
		}
	}
	return 0
}

// madeJustBefore returns the firm the sentence before s says made goods,
// "Bryanskselmash assembled 1,150 combine harvesters", and those goods.
func (d *doc) madeJustBefore(s *sentence) (string, []string) {
	for k := s.index - 1; k >= 0 && k >= s.index-5; k-- {
		if firm, goods := d.madeIn(d.sents[k]); firm != "" {
			return firm, goods
		}
	}
	return "", nil
}

// madeIn reads "X produced 1,140 tractors" from sentence p: the firm and
// the goods it made, or "".
func (d *doc) madeIn(p *sentence) (string, []string) {
	firm, verb := "", -1
	var goods []string
	for _, m := range p.mentions {
		switch {
		case firm == "" && m.typ == gazetteer.Enterprise && !m.modifier:
			firm = m.id
			for k := m.end; k < len(p.Tokens) && k <= m.end+25; k++ {
				if produceVerbs[p.Tokens[k].Norm] {
					verb = k
					break
				}
			}
		case verb >= 0 && m.typ == gazetteer.Product && m.start > verb:
			goods = appendUnique(goods, m.id)
		}
	}
	if verb < 0 || len(goods) == 0 {
		return "", nil
	}
	return firm, goods
}

// firstPartOf reports "the first batch", "the first 40", "the first of
// them" in the clause: the opening part of a larger deal.
func firstPartOf(toks []text.Token, cl clause) bool {
	for k := cl.start; k+1 < cl.end; k++ {
		if toks[k].Norm != "first" {
			continue
		}
		n := toks[k+1]
		if n.Kind == text.Number || n.Norm == "batch" || n.Norm == "consignment" || n.Norm == "shipment" || n.Norm == "of" ||
			numberWords[n.Norm] > 0 {
			return true
		}
	}
	return false
}

// themAfter reports "them" as the object within a few words after the
// trigger: "bought 412 of them", "bought them".
func themAfter(toks []text.Token, at int, cl clause) bool {
	for k := at + 1; k < cl.end && k <= at+4; k++ {
		if toks[k].Norm == "them" {
			return true
		}
	}
	return false
}

// antecedentGoods returns the goods last named before the clause, in this
// sentence or the one before it, and the firm that makes them as written
// ("MAZ buses", "Belarus tractors"), if any.
func (d *doc) antecedentGoods(s *sentence, cl clause) (product, maker string) {
	for k := s.index; k >= 0 && k >= s.index-1; k-- {
		o := d.sents[k]
		if o.Para != s.Para {
			break
		}
		for i := len(o.mentions) - 1; i >= 0; i-- {
			m := o.mentions[i]
			if m.typ != gazetteer.Product || o == s && m.start >= cl.start {
				continue
			}
			if j := mentionAt(o.mentions, m.start-1); m.start > 0 && j >= 0 {
				switch b := o.mentions[j]; {
				case b.typ == gazetteer.Enterprise:
					maker = b.id
				case b.typ == gazetteer.Country:
					maker = d.brandOf(o, b.id, []string{m.id})
				}
			}
			return m.id, maker
		}
	}
	return "", ""
}

// consignmentParts reads the sentence after a supply that lists what it
// was made of, maker by maker: "A new batch of Belarusian machinery has
// arrived in Zimbabwe. The consignment comprises 120 Belarus tractors made
// by the Minsk Tractor Works, twenty PALESSE combine harvesters from
// Gomselmash and 40 tractor trailers produced by Bobruiskagromash." Each
// maker supplies its part to the recipient of the supply told before; the
// country-level fact it details gives way to them.
func (d *doc) consignmentParts(s *sentence, prev *fact) []*fact {
	if prev == nil || prev.sent.index != s.index-1 || prev.sent.Para > s.Para || len(prev.recipient) == 0 ||
		!consignmentSubject(s.Tokens) {
		return nil
	}
	var out []*fact
	for _, mp := range d.makerPairs(s) {
		k := -1
		for j, m := range s.mentions {
			if m.typ == gazetteer.Product && m.id == mp.product && m.start == mp.start {
				k = j
			}
		}
		if k < 0 {
			continue
		}
		m := s.mentions[k]
		fa := &fact{sent: s, supplier: []string{mp.enterprise}, recipient: prev.recipient, products: []string{mp.product},
			status: prev.status, when: prev.when, conf: 0.7,
			quantity: quantityBefore(s.Tokens, s.mentions, m, clause{start: 0, end: len(s.Tokens)})}
		out = append(out, fa)
	}
	if len(out) < 2 {
		return nil // one maker is no breakdown; the rules read it already
	}
	return out
}

// receipt reads a sentence that says who received goods without naming
// the supplier: "Kraydorservis has received eighteen new units of
// equipment". It is the supply a following breakdown details, maker by
// maker; nil when the sentence is no such statement.
func (d *doc) receipt(s *sentence) *fact {
	for _, tr := range d.triggersOf(s) {
		if !tr.get || tr.passive || tr.noun || tr.copula || tr.won {
			continue
		}
		cl := clauseOf(s.Tokens, tr.at)
		// "The fleet of the institution «Orenburgdorservis» has been
		// replenished with 24 units": the fleet's owner.
		if owner := fleetOwner(s, tr.at); owner != "" {
			return &fact{sent: s, recipient: []string{owner}, status: StatusDelivered, when: when(d.span(s, cl.start, cl.end))}
		}
		subject := -1
		for k, m := range s.mentions {
			if m.end > tr.at || m.start < cl.start {
				continue
			}
			if p, _ := prepAt(s.Tokens, m.start); p != "" || m.modifier {
				continue
			}
			if m.typ == gazetteer.Enterprise || m.typ == gazetteer.Region || m.typ == gazetteer.City {
				subject = k
			}
		}
		if subject < 0 {
			continue
		}
		return &fact{sent: s, recipient: []string{s.mentions[subject].id}, status: status(s.Tokens, tr, cl), when: when(d.span(s, cl.start, cl.end))}
	}
	return nil
}

// fleetOwner returns the firm or place named after "the fleet of" at the
// trigger at, or "".
func fleetOwner(s *sentence, at int) string {
	toks := s.Tokens
	if w := toks[at].Norm; w != "fleet" && w != "fleets" || at+1 >= len(toks) || toks[at+1].Norm != "of" {
		return ""
	}
	for _, m := range s.mentions {
		if m.start > at+1 && m.start <= at+8 && (m.typ == gazetteer.Enterprise || m.typ == gazetteer.Region || m.typ == gazetteer.City) {
			return m.id
		}
	}
	return ""
}

// receiptBefore returns the receipt told in one of the two sentences
// before s, within its paragraph or the one before, or nil.
func (d *doc) receiptBefore(s *sentence) *fact {
	for k := s.index - 1; k >= 0 && k >= s.index-2 && d.sents[k].Para >= s.Para-1; k-- {
		if r := d.receipt(d.sents[k]); r != nil {
			return r
		}
	}
	return nil
}

// consignmentSubject reports a sentence that opens with the goods just
// told and a verb of what they consist of: "The consignment comprises",
// "The batch included", "It consisted of".
func consignmentSubject(toks []text.Token) bool {
	k := 0
	if k < len(toks) && toks[k].Norm == "the" {
		k++
	}
	if k >= len(toks) || !consignmentNouns[toks[k].Norm] && toks[k].Norm != "it" {
		return false
	}
	for j := k + 1; j < len(toks) && j <= k+2; j++ {
		if consistVerbs[toks[j].Norm] {
			return true
		}
	}
	return false
}

var (
	consignmentNouns = set("consignment", "batch", "shipment", "delivery", "order", "lot", "contract", "package")
	consistVerbs     = set("comprises", "comprised", "includes", "included", "consists", "consisted", "contains", "contained")
)

// partDone splits a deal told together with the part of it already done:
// "the first ten of 25 trolleybuses have arrived", "a contract for 45
// buses, 17 of which are already on the routes". News give the order and
// the part delivered as two numbers, and analysts keep them as two
// supplies: the order contracted, the part delivered.
func partDone(fa *fact, tr trigger) []*fact {
	toks := fa.sent.Tokens
	cl := clauseOf(toks, tr.at)
	if isDone(fa.status) {
		if part, total := partOfTotal(toks, cl); part > 0 {
			order := *fa
			order.status, order.quantity = StatusContracted, total
			fa.status, fa.quantity = StatusDelivered, part
			return []*fact{fa, &order}
		}
	}
	if isToCome(fa.status) && fa.quantity > 0 {
		if part := doneOfThem(toks, tr.at); part > 0 && part < fa.quantity {
			done := *fa
			done.status, done.quantity = StatusDelivered, part
			return []*fact{fa, &done}
		}
	}
	return []*fact{fa}
}

// partOfTotal reads "the first ten of 25" in the clause: the part and the
// total, or zeros.
func partOfTotal(toks []text.Token, cl clause) (part, total int) {
	for k := cl.start; k < cl.end; k++ {
		n, next := countAt(toks, k)
		if n == 0 || next+1 >= cl.end || toks[next].Norm != "of" {
			continue
		}
		if m, _ := countAt(toks, next+1); m > n {
			return n, m
		}
	}
	return 0, 0
}

// doneOfThem reads the part of goods just counted that the sentence says
// is already done, after the trigger at: "17 of them are already on the
// routes", "of which 30 have arrived"; or 0.
func doneOfThem(toks []text.Token, at int) int {
	for k := at + 1; k+2 < len(toks); k++ {
		var n, next int
		if toks[k].Norm == "of" && toks[k+1].Norm == "which" { // "of which 30"
			n, next = countAt(toks, k+2)
		} else { // "17 of them"
			n, next = countAt(toks, k)
			if next+1 >= len(toks) || toks[next].Norm != "of" ||
				toks[next+1].Norm != "them" && toks[next+1].Norm != "which" && toks[next+1].Norm != "these" {
				n = 0
			}
			next += 2
		}
		if n == 0 {
			continue
		}
		for j := next; j < len(toks) && j <= next+5; j++ {
			if arrivedWords[toks[j].Norm] {
				return n
			}
		}
	}
	return 0
}

// arrivedWords tell that goods have come: "already", "arrived", "in service".
var arrivedWords = set("already", "arrived", "delivered", "received", "shipped", "handed", "carrying",
	"working", "running", "operating", "operation", "service", "routes")

// countAt reads a count written in digits or words at k ("25", "ten",
// "forty-five"): the value and the index after it, or 0.
func countAt(toks []text.Token, k int) (int, int) {
	if c, next := compoundNumber(toks, k); c > 0 {
		return c, next
	}
	if toks[k].Kind == text.Number && !strings.Contains(toks[k].Norm, ".") {
		return atoiSafe(toks[k].Norm), k + 1
	}
	return numberWords[toks[k].Norm], k + 1
}
