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
// glass", "X, which manufactures elevators", "the tire maker X".
func (d *doc) readMakerDescriptions() {
	for _, s := range d.sents {
		toks, ms := s.Tokens, s.mentions
		for k, m := range ms {
			if m.typ != gazetteer.Enterprise || m.modifier {
				continue
			}
			var products []string
			end := afterBrackets(toks, m.end) // "X (OZAA, Mogilev region), one of"
			switch {
			case end+1 < len(toks) && toks[end].Norm == ",":
				products = describedGoods(toks, ms, end+1)
			case !m.ref:
				products = goodsBeforeMakerNoun(toks, ms, k)
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

// goodsBeforeMakerNoun reads "the clutch maker OZAA": goods, a maker noun
// and the firm's name right after.
func goodsBeforeMakerNoun(toks []text.Token, ms []mention, k int) []string {
	m := ms[k]
	if m.start < 2 || !makerNouns[toks[m.start-1].Norm] {
		return nil
	}
	if j := mentionAt(ms, m.start-2); j >= 0 && ms[j].typ == gazetteer.Product && ms[j].end == m.start-1 {
		return []string{ms[j].id}
	}
	return nil
}

var (
	makerNouns    = set("maker", "makers", "producer", "producers", "manufacturer", "manufacturers")
	relativeWords = set("which", "that")
	goodsStops    = set("for", "in", "to", "with", "which", "that", "used", "from", "at", "on", "since", "is", "was", "has", "have")
)
