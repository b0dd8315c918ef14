package source

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// page is what cleaning finds in the text of a news page.
type page struct {
	Title    string
	Body     string // paragraphs separated by blank lines
	Date     Date   // a timestamp line such as "12:30, 22 April", if any
	Dateline string // the place of an agency dateline, "MINSK", if any
}

// Boilerplate that news sites put around an article. Each pattern matches a
// whole paragraph, lowercased and trimmed.
var (
	// A timestamp or date line: "12:30, 22 April", "22 April 2023, 12:30",
	// "April 22, 2023", "22.04.2023 12:30", "Published: ...".
	timestampRE = regexp.MustCompile(`(?i)^((published|updated|posted|date)\s*:?\s*)?(\d{1,2}:\d{2}\s*,?\s*)?(\d{1,2}\s+` + monthRE + `(,?\s+\d{4})?|` + monthRE + `\s+\d{1,2}(,?\s+\d{4})?|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2})(\s*(,|at|\|)?\s*\d{1,2}:\d{2}(\s*(am|pm))?)?(\s*\(?(gmt|utc|msk)[^)]*\)?)?$|^\d{1,2}:\d{2}$`)
	// Photo and video credits.
	creditRE = regexp.MustCompile(`(?i)^(photo|photos|image|picture|video|illustration|pictured|source of photo)s?\b\s*(:|by|courtesy|credit|—|-|–)|^photo courtesy\b|^(photo|image)\s*:|\bphoto:\s*\S+$|^фото\b`)
	// A byline: "By Olga Petrova", "Author: ...".
	bylineRE = regexp.MustCompile(`^([Bb]y|[Aa]uthor:|[Tt]ext:|[Ww]ritten by)\s+\p{Lu}[\p{L}.'-]*(\s+\p{Lu}[\p{L}.'-]*){0,3}(,\s*[\p{L} ]+)?$`)
	// Single lines of page furniture.
	furnitureRE = regexp.MustCompile(`(?i)^(share|share this|tags?|keywords|print|views|comments?|(tags?|keywords|topics)\s*:[^.!?]*|subscribe\b.*|follow us\b.*|join us\b.*|read (also|more)\s*:.*|see also\s*:.*|also read\s*:.*|related\s*:.*|source\s*:.*|advertisement|ad|©.*|\(c\).*|all rights reserved.*|when using .*materials.*|copying .*prohibited.*|send|email|facebook|twitter|telegram|vk|vkontakte|whatsapp|viber|ok|odnoklassniki|home|news|economics|politics|society|regions|world|sports?|culture|menu|search|login|main page|back to top|previous|next)\s*[:.]?$`)
	// A heading after which the rest of the page is navigation: lists of
	// other headlines.
	trailerRE = regexp.MustCompile(`(?i)^(other (materials|news|articles|stories)|related (news|articles|materials|stories|posts)|more (news|stories|articles|on (this|the) topic)|latest (news|articles)|top (news|stories)|you (may|might) also (like|be interested in)|most (read|popular|viewed)|popular( news)?|news feed|recommended|read also|see also|also read|more in|news by topic)(\s+(of|on|from|in|by|about)\b[^.!?]{0,60})?\s*:?$`)
	// An agency dateline opening the first paragraph: "MINSK, 22 April
	// (BelTA) - ", "MOSCOW, April 22. /TASS/. ", "Moscow. 22 April. INTERFAX - ".
	datelineRE = regexp.MustCompile(`^(\p{Lu}[\p{Lu} .'-]{1,30})(,\s*\p{Lu}[\p{L} .-]{1,25})?[,.]?\s+((\d{1,2}\s+` + monthRE + `|` + monthRE + `\s+\d{1,2})(,?\s+\d{4})?)?\.?\s*(\([\p{L} .-]{2,30}\)|/[\p{L} -]{2,20}/\.?|(INTERFAX|Interfax)(-[\p{L}]+)?)\s*[-–—.:]*\s*`)
)

// clean separates an article from the page around it. It drops timestamp,
// credit, byline and share lines, cuts the trailing lists of other
// headlines, and takes a short first line without final punctuation as the
// title when hasTitle is false.
func clean(raw string, hasTitle bool) page {
	var p page
	var paras []string
	for _, line := range strings.Split(normalizeSpace(raw), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		lower := strings.ToLower(line)
		switch {
		case trailerRE.MatchString(lower) && len(paras) > 0 && len(line) < 120:
			p.Body = strings.Join(paras, "\n\n")
			return p
		case timestampRE.MatchString(line):
			if p.Date.IsZero() {
				p.Date, _ = ParseDate(line)
			}
			continue
		case creditRE.MatchString(line) && len(line) < 160,
			bylineRE.MatchString(line) && !strings.HasSuffix(line, ".") && len(line) < 80,
			furnitureRE.MatchString(line) && len(line) < 160:
			continue
		}
		if len(paras) == 0 && !hasTitle && p.Title == "" && looksLikeTitle(line) {
			p.Title = line
			paras = append(paras, line)
			continue
		}
		if len(paras) == 0 || (len(paras) == 1 && p.Title != "") {
			if m := datelineRE.FindStringSubmatchIndex(line); m != nil {
				p.Dateline = strings.TrimSpace(line[m[2]:m[3]])
				line = line[m[1]:]
			}
		}
		paras = append(paras, line)
	}
	p.Body = strings.Join(paras, "\n\n")
	return p
}

// looksLikeTitle reports whether a first line reads like a headline: short
// and without a full stop at the end.
func looksLikeTitle(line string) bool {
	if utf8.RuneCountInString(line) > 200 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	return last != '.' && last != ':' && last != ','
}

// normalizeSpace turns line breaks, non-breaking and zero-width spaces and
// control characters into plain spaces and newlines.
func normalizeSpace(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\r', r == '\u2028', r == '\u2029', r == '\f', r == '\v':
			return '\n'
		case r == '\u00a0', r == '\t', r == '\u2009', r == '\u202f', r == '\u2007':
			return ' '
		case r == '\u200b', r == '\u200c', r == '\u200d', r == '\ufeff', r == '\u00ad':
			return -1
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}
