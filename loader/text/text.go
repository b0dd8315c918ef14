// Package text cuts clean article text into paragraphs, sentences and
// tokens, and folds words into the form the gazetteer is matched in. It is
// shared by the gazetteer (to index names) and extraction (to read text), so
// that both see a name the same way.
package text

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Kind is the kind of a token.
type Kind uint8

// Token kinds.
const (
	Word Kind = iota
	Number
	Punct
)

// Token is a word, number or punctuation mark with its byte offsets in the
// text it was cut from.
type Token struct {
	Text       string // as written
	Norm       string // folded: lowercase, no diacritics, "-" for any dash, `"` for any quote
	Start, End int    // byte offsets
	Kind       Kind
	Cap        bool // starts with an uppercase letter
	Space      bool // whitespace (or the start of text) comes before it
}

// IsDash reports whether t is a hyphen or dash.
func (t Token) IsDash() bool { return t.Norm == "-" }

// IsQuote reports whether t is a quotation mark of any style.
func (t Token) IsQuote() bool { return t.Norm == `"` }

// AllCaps reports whether t is a word of two or more letters, all upper case.
func (t Token) AllCaps() bool {
	if t.Kind != Word {
		return false
	}
	n := 0
	for _, r := range t.Text {
		if unicode.IsLower(r) { // most words fail here, at their first letter
			return false
		}
		n++
	}
	return n >= 2
}

// abbreviations end with a period that does not end a sentence. The period
// becomes part of the token.
var abbreviations = map[string]bool{
	"st": true, "mr": true, "mrs": true, "ms": true, "dr": true, "prof": true,
	"jr": true, "sr": true, "co": true, "inc": true, "ltd": true, "corp": true,
	"no": true, "nos": true, "vs": true, "etc": true, "approx": true, "jan": true,
	"feb": true, "mar": true, "apr": true, "aug": true, "sept": true, "sep": true,
	"oct": true, "nov": true, "dec": true, "gov": true, "gen": true, "lt": true,
	"col": true, "sq": true, "km": true, "mln": true, "bln": true, "thous": true,
	"pcs": true, "e.g": true, "i.e": true, "fig": true, "vol": true, "ave": true,
}

// Tokenize cuts s into tokens. Offsets are relative to s plus base, so that
// a sentence tokenized on its own keeps offsets into the whole text.
func Tokenize(s string, base int) []Token {
	toks := make([]Token, 0, len(s)/5)
	space := true
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			space = true
			i += size
			continue
		case isWordRune(r):
			j := i
			digits := true
			for j < len(s) {
				r2, n := utf8.DecodeRuneInString(s[j:])
				if isWordRune(r2) {
					if !unicode.IsDigit(r2) {
						digits = false
					}
					j += n
					continue
				}
				// "1,200" and "1.5" stay one number.
				if digits && (r2 == ',' || r2 == '.') && j+1 < len(s) && isDigit(s[j+1]) && j > i {
					j++
					continue
				}
				// "Yo'lovchi", "O'zbekiston", "Xi'an": an apostrophe inside a
				// word, unless it opens "'s" or a contraction ("don't").
				if (r2 == '\'' || r2 == '’') && !digits && inWordApostrophe(s[j+n:]) {
					j += n
					continue
				}
				break
			}
			word := s[i:j]
			tok := Token{Text: word, Start: base + i, End: base + j, Kind: Word, Space: space}
			if digits {
				tok.Kind = Number
				tok.Norm = strings.ReplaceAll(word, ",", "")
			} else {
				tok.Norm = Fold(word)
				first, _ := utf8.DecodeRuneInString(word)
				tok.Cap = unicode.IsUpper(first)
				// "St." and initials such as "A." or "U.S." keep their period.
				if j < len(s) && s[j] == '.' && (abbreviations[tok.Norm] || isInitial(word)) {
					j++
					for j+1 < len(s) && isInitial(s[j:j+1]) && s[j+1] == '.' { // "U.S.A."
						tok.Norm += strings.ToLower(s[j : j+1])
						j += 2
					}
					tok.Text, tok.End = s[i:j], base+j
				}
			}
			toks = append(toks, tok)
			i = j
		default:
			tok := Token{Text: s[i : i+size], Start: base + i, End: base + i + size, Kind: Punct, Space: space}
			tok.Norm = punctNorm(r, tok.Text)
			// "'s" after a word is one token: the possessive.
			if tok.Norm == "'" && i+size < len(s) && (s[i+size] == 's' || s[i+size] == 'S') &&
				(i+size+1 == len(s) || !isWordByte(s[i+size+1])) && !space {
				tok.Text, tok.End, tok.Norm = s[i:i+size+1], base+i+size+1, "'s"
				size++
			}
			toks = append(toks, tok)
			i += size
		}
		space = false
	}
	return toks
}

// inWordApostrophe reports whether rest, the text after an apostrophe
// that follows a letter, goes on with the same word: a letter that does not
// begin a possessive or a contraction ("'s", "'t", "'ll", "'re", "'ve",
// "'d", "'m").
func inWordApostrophe(rest string) bool {
	r, n := utf8.DecodeRuneInString(rest)
	if n == 0 || !unicode.IsLetter(r) {
		return false
	}
	end := n
	for end < len(rest) {
		r2, m := utf8.DecodeRuneInString(rest[end:])
		if !isWordRune(r2) {
			break
		}
		end += m
	}
	switch strings.ToLower(rest[:end]) {
	case "s", "t", "ll", "re", "ve", "d", "m":
		return false
	}
	return true
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// isInitial reports whether w is a single uppercase letter.
func isInitial(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	return n == len(w) && unicode.IsUpper(r)
}

func punctNorm(r rune, s string) string {
	switch r {
	case '-', '‐', '‑', '‒', '–', '—', '―':
		return "-"
	case '"', '«', '»', '“', '”', '„', '‟', '″':
		return `"`
	case '\'', '‘', '’', '‚', '′', '`':
		return "'"
	}
	return s
}

// foldPool holds transformers that strip diacritics; a transformer keeps
// state while it runs, so each goroutine takes its own.
var foldPool = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// Fold lowercases s and strips diacritics ("Türkiye" → "turkiye"), the form
// in which names are compared.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	t := foldPool.Get().(transform.Transformer)
	out, _, err := transform.String(t, s)
	foldPool.Put(t)
	if err != nil {
		out = s
	}
	out = strings.Map(func(r rune) rune {
		switch r {
		case 'ё':
			return 'е'
		case 'ı':
			return 'i'
		case 'ł':
			return 'l'
		}
		return r
	}, strings.ToLower(out))
	return out
}
