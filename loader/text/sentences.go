package text

import "strings"

// Sentence is a sentence of a text with its tokens. Offsets are bytes into
// the text that was split.
type Sentence struct {
	Start, End int
	Para       int // index of the paragraph it belongs to
	Tokens     []Token
}

// Sentences splits text into paragraphs at line breaks and paragraphs into
// sentences at a full stop, question or exclamation mark that is followed by
// a capital letter, a digit, a quote or the end of the paragraph.
func Sentences(text string) []Sentence {
	var out []Sentence
	para := 0
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if strings.TrimSpace(text[start:end]) != "" {
			out = splitParagraph(text, start, end, para, out)
			para++
		}
		start = end + 1
	}
	return out
}

func splitParagraph(text string, start, end, para int, out []Sentence) []Sentence {
	toks := Tokenize(text[start:end], start)
	from := 0
	for i := 0; i < len(toks); i++ {
		if !isTerminal(toks[i]) {
			continue
		}
		j := i + 1
		for j < len(toks) && (toks[j].IsQuote() || toks[j].Norm == ")" || isTerminal(toks[j])) && !toks[j].Space {
			j++
		}
		if j < len(toks) {
			next := toks[j]
			if !next.Space || !(next.Cap || next.Kind == Number || next.IsQuote() || next.Norm == "(") {
				continue
			}
		}
		out = append(out, Sentence{Start: toks[from].Start, End: toks[j-1].End, Para: para, Tokens: toks[from:j]})
		from, i = j, j-1
	}
	if from < len(toks) {
		out = append(out, Sentence{Start: toks[from].Start, End: toks[len(toks)-1].End, Para: para, Tokens: toks[from:]})
	}
	return out
}

func isTerminal(t Token) bool {
	return t.Kind == Punct && (t.Norm == "." || t.Norm == "!" || t.Norm == "?" || t.Norm == "…")
}
