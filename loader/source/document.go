// Package source reads articles from files, directories, JSON Lines, HTML
// pages and RSS/Atom feeds, and turns each into a Document: its metadata and
// its clean text, without page boilerplate.
package source

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Document is one article, ready for extraction.
type Document struct {
	// ID identifies the article across loads: derived from its URL, or
	// from its content when it has no URL.
	ID string `json:"id"`
	// Origin says where the document was read: a file path, "path:line" for
	// JSON Lines, or a feed URL with the item's index.
	Origin string `json:"source"`
	URL    string `json:"url,omitempty"`
	Title  string `json:"title,omitempty"`
	// Site is the publisher ("BelTA") when known.
	Site      string `json:"site,omitempty"`
	Published Date   `json:"published"`
	// Dateline is the place an agency dateline opened the text with
	// ("MINSK" of "MINSK, 22 April (BelTA) –"), which the text no longer
	// carries: where the news was reported from, an entity of the article.
	Dateline string `json:"dateline,omitempty"`
	// Text is the clean article: the title as the first paragraph when the
	// text itself carried it, then the body, paragraphs separated by blank
	// lines. Extraction offsets point into Text.
	Text string `json:"-"`
	// Warnings are problems that did not stop reading (invalid UTF-8
	// replaced, a date that could not be parsed).
	Warnings []string `json:"warnings,omitempty"`
}

// Hash returns a digest of everything the graph keeps of the document, so
// that a reload can tell an unchanged article from a changed one.
func (d *Document) Hash() string {
	h := sha256.New()
	for _, s := range []string{d.URL, d.Title, d.Site, d.Published.String(), d.Text} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// assignID sets the document's id from its URL, or from its content when
// there is none.
func (d *Document) assignID() {
	key := d.URL
	if key == "" {
		key = d.Title + "\x00" + d.Text
	}
	sum := sha256.Sum256([]byte(key))
	d.ID = "article:" + hex.EncodeToString(sum[:10])
}

// Date is a publication date as far as it is known: news pages often give
// "12:30, 22 April" and leave the year implied. Zero fields are unknown.
type Date struct {
	Year, Month, Day int
}

// IsZero reports whether nothing of the date is known.
func (d Date) IsZero() bool { return d == Date{} }

// String formats the known part in ISO 8601 style: "2023-04-22",
// "2023-04", "2023", or "--04-22" when only the month and day are known.
func (d Date) String() string {
	switch {
	case d.Year != 0 && d.Month != 0 && d.Day != 0:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	case d.Year != 0 && d.Month != 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case d.Year != 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Month != 0 && d.Day != 0:
		return fmt.Sprintf("--%02d-%02d", d.Month, d.Day)
	}
	return ""
}

// MarshalText writes the String form, empty when unknown.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

func dateOf(t time.Time) Date {
	if t.IsZero() {
		return Date{}
	}
	return Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
}

var months = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
	"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

const monthRE = `(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?`

var (
	isoDateRE = regexp.MustCompile(`^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[T ].*)?$`)
	dmyRE     = regexp.MustCompile(`(?i)\b(\d{1,2})\s+` + monthRE + `(?:,?\s+(\d{4}))?\b`)
	mdyRE     = regexp.MustCompile(`(?i)\b` + monthRE + `\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b`)
	numDateRE = regexp.MustCompile(`\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b`)
)

// ParseDate reads the dates news pages print: ISO dates and timestamps,
// RFC 1123 feed dates, "22 April 2023", "April 22, 2023", "22.04.2023" and
// year-less "12:30, 22 April". It reports false when it finds no date.
func ParseDate(s string) (Date, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, false
	}
	for _, layout := range []string{time.RFC3339, time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, "Mon, 2 Jan 2006 15:04:05 -0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return dateOf(t), true
		}
	}
	if m := isoDateRE.FindStringSubmatch(s); m != nil {
		return valid(atoi(m[1]), atoi(m[2]), atoi(m[3]))
	}
	if m := numDateRE.FindStringSubmatch(s); m != nil {
		return valid(atoi(m[3]), atoi(m[2]), atoi(m[1]))
	}
	if m := dmyRE.FindStringSubmatch(s); m != nil {
		return valid(atoi(m[3]), months[strings.ToLower(m[2])], atoi(m[1]))
	}
	if m := mdyRE.FindStringSubmatch(s); m != nil {
		return valid(atoi(m[3]), months[strings.ToLower(m[1])], atoi(m[2]))
	}
	return Date{}, false
}

func valid(y, m, d int) (Date, bool) {
	if m < 1 || m > 12 || d < 0 || d > 31 || (y != 0 && (y < 1900 || y > 2200)) {
		return Date{}, false
	}
	return Date{Year: y, Month: m, Day: d}, true
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}
