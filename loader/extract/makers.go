package extract

import (
	"tradegraph/loader/gazetteer"
	"tradegraph/loader/text"
)

// makes reports whether a firm makes a product, as the gazetteer knows or
// as the article describes the firm: news often introduce a firm nobody
// lists by what it makes ("OZAA, one of the largest makers of clutches"),
// and who makes the goods is what decides the direction of a contract.
func (d *doc) makes(firm, product string) bool {
	if d.gaz.Makes(firm, product) {
		return true
	}
	for _, made := range d.describedMakes[firm] {
		if d.gaz.Covers(made, product) {
			return true
		}
	}
	return false
}

// readMakerDescriptions notes the goods each firm is described as making:
// "X, one of the largest makers of clutches", "X, a Russian producer of
// glass", "X, which manufactures elevators" (and noteMakerNouns: "the
// tire maker X").
func (d *doc) readMakerDescriptions() {
	for _, s := range d.sents {
		toks, ms := s.Tokens, s.mentions
		for _, m := range ms {
			if m.typ != gazetteer.Enterprise || m.modifier {
				continue
			}
			var products []string
			end := afterBrackets(toks, m.end) // "X (OZAA, Mogilev region), one of"
			if end+1 < len(toks) && toks[end].Norm == "," {
				products = describedGoods(toks, ms, end+1)
			}
			for _, p := range products {
				if d.describedMakes == nil {
					d.describedMakes = map[string][]string{}
				}
				d.describedMakes[m.id] = appendUnique(d.describedMakes[m.id], p)
			}
		}
	}
}

// describedGoods reads an apposition or relative clause starting at i
// that says what the firm before it makes: "one of the largest makers of
// clutches and brakes", "which produces elevators".
func describedGoods(toks []text.Token, ms []mention, i int) []string {
	at := -1
	if i+1 < len(toks) && relativeWords[toks[i].Norm] && produceVerbs[toks[i+1].Norm] {
		at = i + 2
	} else {
		// Up to six words of description, none of them a name: "one of
		// the largest Belarusian makers of".
		for j := i; j < len(toks) && j <= i+6; j++ {
			if k := mentionAt(ms, j); toks[j].Kind == text.Punct || k >= 0 && ms[k].typ != gazetteer.Country {
				break
			}
			if makerNouns[toks[j].Norm] && j+1 < len(toks) && toks[j+1].Norm == "of" {
				at = j + 2
				break
			}
		}
	}
	if at < 0 {
		return nil
	}
	var out []string
	for j := at; j < len(toks); j++ {
		if k := mentionAt(ms, j); k >= 0 && ms[k].typ == gazetteer.Product {
			out = append(out, ms[k].id)
			j = ms[k].end - 1
			continue
		}
		// The goods run on through lists and their modifiers; "for",
		// "in" and the like say what they are for, not what they are.
		if toks[j].Kind == text.Punct && toks[j].Norm != "," && !toks[j].IsDash() || goodsStops[toks[j].Norm] {
			break
		}
	}
	return out
}

// afterBrackets returns the index after a bracketed aside starting at i,
// or i when none does.
func afterBrackets(toks []text.Token, i int) int {
	if i >= len(toks) || toks[i].Norm != "(" {
		return i
	}
	for j := i + 1; j < len(toks) && j < i+12; j++ {
		if toks[j].Norm == ")" {
			return j + 1
		}
	}
	return i
}

// noteMakerNouns notes the goods a firm is described by with a maker
// noun, before its name or in an apposition: "the float glass
// manufacturer Salavatsteklo", "the clutch maker OZAA", "Zarya, a Russian
// float glass maker". It reads the sentence's mentions before the goods
// word is dropped as an attribute of the firm (dropFieldProducts).
func (d *doc) noteMakerNouns(toks []text.Token, ms []mention) {
	for i, p := range ms {
		if p.typ != gazetteer.Product || p.end >= len(toks) || !makerNouns[toks[p.end].Norm] {
			continue
		}
		firm := firmNamedAt(toks, ms, p.end+1)
		if firm < 0 {
			firm = firmBeforeApposition(toks, ms, i)
		}
		if firm < 0 {
			continue
		}
		if d.describedMakes == nil {
			d.describedMakes = map[string][]string{}
		}
		d.describedMakes[ms[firm].id] = appendUnique(d.describedMakes[ms[firm].id], p.id)
	}
}

// firmNamedAt returns the index of the firm whose name starts at token k,
// after a legal form or an opening quote ("LLC «OknaStroyService»"), or -1.
func firmNamedAt(toks []text.Token, ms []mention, k int) int {
	for j := k; j < len(toks) && j <= k+2; j++ {
		if f := mentionAt(ms, j); f >= 0 {
			if ms[f].typ == gazetteer.Enterprise && ms[f].start >= k {
				return f
			}
			return -1
		}
		if !legalForms[toks[j].Norm] && !toks[j].IsQuote() {
			return -1
		}
	}
	return -1
}

// firmBeforeApposition returns the index of the firm named right before
// ", a Russian" and the goods mention i: "Zarya, a Russian float glass
// maker"; or -1.
func firmBeforeApposition(toks []text.Token, ms []mention, i int) int {
	j := ms[i].start - 1
	for ; j >= 0 && j >= ms[i].start-4; j-- {
		if toks[j].Norm == "," {
			break
		}
		if k := mentionAt(ms, j); k >= 0 && ms[k].typ == gazetteer.Country {
			j = ms[k].start
			continue
		}
		if toks[j].Kind != text.Word || toks[j].Cap && !determiners[toks[j].Norm] {
			return -1
		}
	}
	if j < 1 || toks[j].Norm != "," || !determiners[toks[j+1].Norm] {
		return -1
	}
	if f := mentionAt(ms, j-1); f >= 0 && ms[f].typ == gazetteer.Enterprise && ms[f].end == j {
		return f
	}
	return -1
}

var (
	makerNouns    = set("maker", "makers", "producer", "producers", "manufacturer", "manufacturers")
	relativeWords = set("which", "that")
	goodsStops    = set("for", "in", "to", "with", "which", "that", "used", "from", "at", "on", "since", "is", "was", "has", "have")
)
