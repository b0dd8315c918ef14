package gazetteer

import (
	"strings"
	"unicode"

	"tradegraph/loader/text"
)

// Ref is one entity a matched name may denote.
type Ref struct {
	ID   string
	Type Type
	// Demonym is set when the name is an adjective of a country
	// ("Belarusian"), not the country's name.
	Demonym bool
	// Acronym marks goods named by an abbreviation ("LEDs", "CNG"), which
	// only count written in capitals: "led by" names no diodes.
	Acronym bool
}

// Match is a run of tokens that spells a known name.
type Match struct {
	Start, End int   // token indices, End exclusive
	Refs       []Ref // what the name may denote; usually one
}

// trieNode indexes names word by word, so that matching walks the tokens of
// a text once and finds the longest known name at each position
// (Aho–Corasick-like in effect, since names are short).
type trieNode struct {
	next map[string]*trieNode
	refs []Ref
}

func (n *trieNode) child(word string) *trieNode {
	if n.next == nil {
		n.next = map[string]*trieNode{}
	}
	c := n.next[word]
	if c == nil {
		c = &trieNode{}
		n.next[word] = c
	}
	return c
}

func (n *trieNode) add(key []string, ref Ref) {
	if len(key) == 0 {
		return
	}
	node := n
	for _, w := range key {
		node = node.child(w)
	}
	for _, r := range node.refs {
		if r == ref {
			return
		}
	}
	node.refs = append(node.refs, ref)
}

// key turns a name into the words it is indexed by: folded, without dashes,
// quotes, periods or a leading "the".
func key(name string) []string {
	var words []string
	for _, t := range text.Tokenize(name, 0) {
		if t.Kind == text.Punct && t.Norm != "&" && t.Norm != "+" {
			continue
		}
		words = append(words, strings.TrimSuffix(t.Norm, "."))
	}
	if len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	return words
}

func buildTrie(entities []*Entity) *trieNode {
	root := &trieNode{}
	for _, e := range entities {
		ref := Ref{ID: e.ID, Type: e.Type}
		for _, name := range append([]string{e.Name}, e.Aliases...) {
			if e.Type == Product {
				r := ref
				r.Acronym = isAcronym(name)
				for _, form := range numberForms(name) {
					root.add(key(form), r)
				}
				continue
			}
			root.add(key(name), ref)
		}
	}
	return root
}

func (g *Gazetteer) addDemonym(word, countryID string) {
	if g.demonyms == nil {
		g.demonyms = map[string]string{}
	}
	g.demonyms[text.Fold(word)] = countryID
}

// Demonym returns the id of the country (or region) whose demonym is word,
// or "".
func (g *Gazetteer) Demonym(word string) string { return g.demonyms[text.Fold(word)] }

// Match finds known names in toks, longest first and left to right, never
// overlapping. Proper names must start with a capital letter in the text;
// products match in any case.
func (g *Gazetteer) Match(toks []text.Token) []Match {
	var out []Match
	for i := 0; i < len(toks); {
		if toks[i].Kind == text.Punct {
			i++
			continue
		}
		end, refs := g.longest(toks, i)
		if end < 0 {
			i++
			continue
		}
		out = append(out, Match{Start: i, End: end, Refs: refs})
		i = end
	}
	return out
}

// longest returns the end of the longest name starting at token i and the
// refs it may denote, or -1.
func (g *Gazetteer) longest(toks []text.Token, i int) (int, []Ref) {
	node := g.trie
	bestEnd, best := -1, []Ref(nil)
	capital := toks[i].Cap || toks[i].Kind == text.Number
	for j := i; j < len(toks); j++ {
		t := toks[j]
		if t.Kind == text.Punct {
			// Names run across hyphens, dots and apostrophes
			// ("Amkodor-Onego", "St. Petersburg", "People's Republic") but
			// not across other punctuation.
			if (t.IsDash() || t.Norm == "." || t.Norm == "'" || t.Norm == "'s") && j > i {
				continue
			}
			if t.Norm != "&" && t.Norm != "+" {
				break
			}
		}
		node = node.next[strings.TrimSuffix(t.Norm, ".")]
		if node == nil {
			break
		}
		word := "" // a one-word name, which may be an abbreviation
		if j == i {
			word = toks[i].Text
		}
		if refs := fitting(node.refs, capital, word); len(refs) > 0 {
			bestEnd, best = j+1, refs
		}
	}
	if bestEnd < 0 && toks[i].Cap {
		if id := g.demonyms[toks[i].Norm]; id != "" {
			return i + 1, []Ref{{ID: id, Type: g.byID[id].Type, Demonym: true}}
		}
	}
	return bestEnd, best
}

// fitting keeps the refs a name may denote given whether it was written
// with a capital letter: products in any case, proper names capitalized,
// abbreviations of goods in capitals only (word is the name when it is
// one word, else "").
func fitting(refs []Ref, capital bool, word string) []Ref {
	abbreviation := false
	if anyAcronym(refs) {
		abbreviation = word != "" && isAcronym(word)
	} else if capital {
		return refs
	}
	if capital && abbreviation {
		return refs
	}
	var out []Ref
	for _, r := range refs {
		if r.Acronym && !abbreviation {
			continue
		}
		if capital || r.Type == Product {
			out = append(out, r)
		}
	}
	return out
}

func anyAcronym(refs []Ref) bool {
	for _, r := range refs {
		if r.Acronym {
			return true
		}
	}
	return false
}

// isAcronym reports a one-word name in capitals, perhaps with a plural
// "s": "LEDs", "CNG".
func isAcronym(name string) bool {
	name = strings.TrimSuffix(name, "s")
	if len(name) < 2 || strings.ContainsAny(name, " -") {
		return false
	}
	for _, r := range name {
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// numberForms returns a product name with its last word in singular and
// plural, since news write both ("a bus", "150 buses").
func numberForms(name string) []string {
	words := strings.Fields(name)
	if len(words) == 0 {
		return nil
	}
	last := words[len(words)-1]
	forms := []string{name}
	head := strings.Join(words[:len(words)-1], " ")
	if head != "" {
		head += " "
	}
	if s := Singular(last); s != last {
		if !verbLike[strings.ToLower(s)] {
			forms = append(forms, head+s)
		}
	} else if p := plural(last); p != last {
		forms = append(forms, head+p)
	}
	return forms
}

// verbLike singulars are everyday verbs or adjectives; a product's plural
// such as "combines" must not make the verb "combine" a product, nor
// "electronics" the "electronic" of "electronic auctions".
var verbLike = map[string]bool{"combine": true, "lift": true, "display": true, "use": true, "supply": true,
	"rail":       true, // "by rail" is a way of shipping, not rails
	"electronic": true}

// uncountable nouns take no plural ending.
var uncountable = map[string]bool{
	"machinery": true, "equipment": true, "milk": true, "meat": true, "beef": true,
	"pork": true, "poultry": true, "butter": true, "cheese": true, "sugar": true,
	"flour": true, "grain": true, "oil": true, "fuel": true, "gas": true, "steel": true,
	"timber": true, "furniture": true, "cement": true, "glass": true, "electricity": true,
	"fish": true, "whey": true, "footwear": true, "clothing": true, "knitwear": true,
	"plywood": true, "paper": true, "cardboard": true, "urea": true, "ammonia": true,
	"bitumen": true, "gasoline": true, "petrol": true, "diesel": true, "rebar": true,
	"wire": true, "linen": true, "hosiery": true, "lingerie": true, "food": true,
	"cattle": true, "livestock": true, "produce": true, "feed": true, "wheat": true,
	"barley": true, "rye": true, "corn": true, "maize": true, "salt": true, "wool": true,
	"cotton": true, "polyethylene": true, "polyamide": true, "caprolactam": true,
	"news": true, "chassis": true, "series": true, "species": true,
}

// Singular returns the singular of an English plural noun by the usual
// spelling rules; words that are not plural come back unchanged.
func Singular(w string) string {
	lw := strings.ToLower(w)
	switch {
	case uncountable[lw] || len(lw) < 4:
		return w
	case strings.HasSuffix(lw, "ies"):
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(lw, "buses"):
		return w[:len(w)-2]
	case strings.HasSuffix(lw, "sses"), strings.HasSuffix(lw, "xes"), strings.HasSuffix(lw, "ches"), strings.HasSuffix(lw, "shes"):
		return w[:len(w)-2]
	case strings.HasSuffix(lw, "ss"), strings.HasSuffix(lw, "us"), strings.HasSuffix(lw, "is"):
		return w
	case strings.HasSuffix(lw, "s"):
		return w[:len(w)-1]
	}
	return w
}

func plural(w string) string {
	lw := strings.ToLower(w)
	switch {
	case uncountable[lw]:
		return w
	case strings.HasSuffix(lw, "y") && len(lw) > 2 && !strings.ContainsRune("aeiou", rune(lw[len(lw)-2])):
		return w[:len(w)-1] + "ies"
	case strings.HasSuffix(lw, "s"), strings.HasSuffix(lw, "x"), strings.HasSuffix(lw, "ch"), strings.HasSuffix(lw, "sh"):
		return w + "es"
	}
	return w + "s"
}
