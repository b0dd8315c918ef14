package extract

import (
	"tradegraph/loader/gazetteer"
	"tradegraph/loader/text"
)

// Machine builders buy their parts from one another, and the news tell it
// through the part rather than a verb of trade: "MMZ engines are installed
// on Agromash tractors", "Gomselmash combines are equipped with engines
// from YaMZ". These rules read such sentences as a supply of the part from
// its maker to the maker of the machine.

// mountVerbs put a part on a machine: "installed on", "fitted to".
var mountVerbs = set("installed", "mounted", "fitted", "used", "put", "placed")

// mountPreps follow a mountVerb and lead to the machine.
var mountPreps = set("on", "in", "into", "to", "onto")

// equipVerbs give a machine its parts with "with": "equipped with",
// "leave the assembly line with", "fits its buses with".
var equipVerbs = set("equipped", "equip", "equips", "equipping", "fitted", "fit", "fits", "leave",
	"leaves", "roll", "rolls", "come", "comes", "completed", "outfitted")

// componentSupply reads a part's supply from the sentence, or returns nil.
func (d *doc) componentSupply(s *sentence) *fact {
	toks, ms := s.Tokens, s.mentions
	for v := range toks {
		w := toks[v].Norm
		if !mountVerbs[w] && !equipVerbs[w] || toks[v].Kind != text.Word || mentionAt(ms, v) >= 0 {
			continue
		}
		var supplier, recipient []string
		var products []string
		cl := clauseOf(toks, v)
		switch {
		case mountVerbs[w] && v+1 < len(toks) && mountPreps[toks[v+1].Norm]:
			maker, part := d.partBefore(s, cl, v)
			machine := d.firmAfter(s, cl, v+2, 6)
			if maker == "" || machine == "" {
				continue
			}
			supplier, recipient, products = []string{maker}, []string{machine}, []string{part}
		case equipVerbs[w]:
			with := -1
			for k := v + 1; k < cl.end && k <= v+6; k++ {
				if toks[k].Norm == "with" {
					with = k
					break
				}
			}
			if with < 0 {
				continue
			}
			machine := d.firmBefore(s, cl, v)
			makers, part := d.partsAfter(s, cl, with)
			if machine == "" || len(makers) == 0 {
				continue
			}
			supplier, recipient, products = makers, []string{machine}, []string{part}
		default:
			continue
		}
		if negated(toks, v, cl) {
			return nil
		}
		sup, rec := d.validRoles(supplier, recipient)
		if len(sup) == 0 || len(rec) == 0 || !d.anyEnterprise(sup) || !d.anyEnterprise(rec) {
			continue
		}
		st := status(toks, trigger{at: v}, cl)
		// "are equipped with": a standing arrangement, not one delivery.
		if st == StatusDelivered && (!pastCues[w] || presentPassive(toks, v)) {
			st = StatusOngoing
		}
		return &fact{sent: s, conf: 0.6, supplier: sup, recipient: rec, products: products, status: st}
	}
	return nil
}

// partBefore finds, in the clause before token v, goods and their maker:
// "MMZ engines", "engines of the Minsk Motor Plant", "engines made by X".
func (d *doc) partBefore(s *sentence, cl clause, v int) (maker, part string) {
	ms := s.mentions
	for i, m := range ms {
		if m.typ != gazetteer.Product || m.start < cl.start || m.end > v {
			continue
		}
		// "MMZ engines": the maker names the goods.
		if k := mentionAt(ms, m.start-1); m.start > 0 && k >= 0 && ms[k].typ == gazetteer.Enterprise && !ms[k].ref {
			return ms[k].id, m.id
		}
		// "engines of/from/made by the Minsk Motor Plant".
		for _, o := range ms[i+1:] {
			if o.typ == gazetteer.Enterprise && !o.ref && o.start > m.end && o.end <= v && o.start-m.end <= 5 &&
				makerLink(s.Tokens, m.end, o.start) {
				return o.id, m.id
			}
		}
	}
	return "", ""
}

// makerLink reports whether the words between goods and a firm say that
// the firm made them: "of", "from", "made by", "produced by".
func makerLink(toks []text.Token, from, to int) bool {
	for k := from; k < to; k++ {
		switch toks[k].Norm {
		case "of", "from", "by":
			return true
		case "the", "made", "produced", "manufactured", "supplied", "russian", "belarusian":
		default:
			if !toks[k].Cap {
				return false
			}
		}
	}
	return false
}

// firmAfter returns the first firm named in the clause within span words
// after token from: "on Agromash tractors", "on the buses of KAvZ".
func (d *doc) firmAfter(s *sentence, cl clause, from, span int) string {
	for _, m := range s.mentions {
		if m.start >= from && m.start < cl.end && m.start <= from+span && m.typ == gazetteer.Enterprise && !m.ref {
			return m.id
		}
		if m.start >= from && m.typ != gazetteer.Enterprise && m.typ != gazetteer.Product && !m.demonym {
			return "" // "installed in Cheboksary": a place, not a machine
		}
	}
	return ""
}

// firmBefore returns the firm that is the subject of the verb at v: the
// first firm named in the clause before it, "Gomselmash combines are
// equipped", "the Kurgan Bus Plant fits its buses".
func (d *doc) firmBefore(s *sentence, cl clause, v int) string {
	for _, m := range s.mentions {
		if m.start >= cl.start && m.end <= v && m.typ == gazetteer.Enterprise {
			if m.ref {
				return ""
			}
			return m.id
		}
	}
	return ""
}

// partsAfter reads "with engines from YaMZ and from MAZ-Weichai", "with
// YaMZ engines": the makers of the part named after "with".
func (d *doc) partsAfter(s *sentence, cl clause, with int) (makers []string, part string) {
	toks, ms := s.Tokens, s.mentions
	for _, m := range ms {
		// The makers may run past a comma: "from YaMZ, part of GAZ Group,
		// and from the MAZ-Weichai joint venture".
		if m.start <= with || m.start >= cl.end+12 {
			continue
		}
		switch {
		case m.typ == gazetteer.Product && part == "" && m.start <= with+4:
			part = m.id
			if k := mentionAt(ms, m.start-1); k >= 0 && ms[k].typ == gazetteer.Enterprise && !ms[k].ref && ms[k].start > with {
				makers = appendUnique(makers, ms[k].id)
			}
		case m.typ == gazetteer.Enterprise && !m.ref && part != "" && m.start < len(toks):
			p, at := prepAt(toks, m.start)
			if (p == "from" || p == "by" || p == "of") && !(at > 0 && toks[at-1].Norm == "part") {
				makers = appendUnique(makers, m.id)
			}
		}
	}
	return makers, part
}
