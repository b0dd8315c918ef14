package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"codeberg.org/readeck/go-readability/v2"
	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
)

// headerRE matches the "key: value" lines that may open a text article.
var headerRE = regexp.MustCompile(`^(?i)(url|link|title|date|published|source|site|author):\s*(.*)$`)

// readText reads a plain-text article: optional header lines (url, title,
// date, source), a blank line, then the text.
func readText(origin string, data []byte) (*Document, error) {
	raw, fixed := validUTF8(string(data))
	doc := &Document{Origin: origin}
	if fixed {
		doc.Warnings = append(doc.Warnings, "invalid UTF-8 replaced")
	}
	raw = strings.TrimLeft(strings.ReplaceAll(raw, "\r\n", "\n"), "\ufeff")
	lines := strings.SplitN(raw, "\n", 32)
	header := map[string]string{}
	for i, line := range lines {
		if strings.TrimSpace(line) == "" && i > 0 && len(header) == i {
			raw = strings.Join(lines[i+1:], "\n")
			break
		}
		m := headerRE.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			header = map[string]string{} // not a header after all
			break
		}
		header[strings.ToLower(m[1])] = strings.TrimSpace(m[2])
	}
	doc.URL = first(header["url"], header["link"])
	doc.Site = first(header["source"], header["site"])
	doc.Title = header["title"]
	if d := first(header["date"], header["published"]); d != "" {
		doc.setDate(d)
	}
	return doc.finish(raw, doc.Title != "")
}

// finish cleans the raw text into doc and assigns its id.
func (d *Document) finish(raw string, hasTitle bool) (*Document, error) {
	p := clean(raw, hasTitle)
	if d.Title == "" {
		d.Title = p.Title
	}
	if d.Published.IsZero() {
		d.Published = p.Date
	}
	d.Dateline = p.Dateline
	switch {
	case p.Body != "" && p.Title == "" && d.Title != "":
		d.Text = d.Title + "\n\n" + p.Body
	default:
		d.Text = p.Body
	}
	if strings.TrimSpace(p.Body) == "" || p.Body == p.Title {
		return nil, fmt.Errorf("%s: no article text", d.Origin)
	}
	d.assignID()
	return d, nil
}

func (d *Document) setDate(s string) {
	if date, ok := ParseDate(s); ok {
		d.Published = date
	} else {
		d.Warnings = append(d.Warnings, fmt.Sprintf("unrecognized date %q", s))
	}
}

func first(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// readHTML reads a web page and keeps only the article body, as Mozilla's
// Readability does; the body then goes through the same cleaning as text.
func readHTML(origin string, data []byte, pageURL string) (*Document, error) {
	raw, fixed := validUTF8(string(data))
	var base *url.URL
	if pageURL != "" {
		base, _ = url.Parse(pageURL) // a bad URL only loses link resolution
	}
	article, err := readability.FromReader(strings.NewReader(raw), base)
	if err != nil {
		return nil, fmt.Errorf("%s: read HTML: %w", origin, err)
	}
	if article.Node == nil {
		return nil, fmt.Errorf("%s: no article text in the HTML", origin)
	}
	var body strings.Builder
	if err := article.RenderText(&body); err != nil {
		return nil, fmt.Errorf("%s: render HTML text: %w", origin, err)
	}
	doc := &Document{Origin: origin, URL: pageURL, Title: strings.TrimSpace(article.Title()), Site: article.SiteName()}
	if fixed {
		doc.Warnings = append(doc.Warnings, "invalid UTF-8 replaced")
	}
	if t, err := article.PublishedTime(); err == nil {
		doc.Published = dateOf(t)
	}
	return doc.finish(body.String(), doc.Title != "")
}

// jsonArticle is the shape of a JSON or JSON Lines article.
type jsonArticle struct {
	URL       string `json:"url"`
	Link      string `json:"link"`
	Title     string `json:"title"`
	Published string `json:"published"`
	Date      string `json:"date"`
	Source    string `json:"source"`
	Site      string `json:"site"`
	Text      string `json:"text"`
	HTML      string `json:"html"`
}

// readJSON reads JSON Lines, or a JSON array of articles, or one article.
// A bad line or element is reported with its position and the rest go on.
func readJSON(origin string, data []byte, yield func(*Document, error) bool) bool {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		var items []json.RawMessage
		if err := json.Unmarshal(trimmed, &items); err != nil {
			return yield(nil, fmt.Errorf("%s: invalid JSON array: %w", origin, err))
		}
		for i, item := range items {
			if !yield(jsonDocument(fmt.Sprintf("%s[%d]", origin, i), item)) {
				return false
			}
		}
		return true
	}
	// One object spread over several lines is a .json file, not JSON Lines.
	if json.Valid(trimmed) {
		return yield(jsonDocument(origin, trimmed))
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), MaxInputBytes)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		if !yield(jsonDocument(fmt.Sprintf("%s:%d", origin, n), line)) {
			return false
		}
	}
	if err := sc.Err(); err != nil {
		return yield(nil, fmt.Errorf("%s: %w", origin, err))
	}
	return true
}

func jsonDocument(origin string, data []byte) (*Document, error) {
	var a jsonArticle
	if err := json.Unmarshal(data, &a); err != nil {
		return nil, fmt.Errorf("%s: invalid JSON: %w", origin, err)
	}
	url := first(a.URL, a.Link)
	var doc *Document
	var err error
	switch {
	case strings.TrimSpace(a.Text) != "":
		doc = &Document{Origin: origin, URL: url, Title: a.Title, Site: first(a.Source, a.Site)}
		if d := first(a.Published, a.Date); d != "" {
			doc.setDate(d)
		}
		doc, err = doc.finish(a.Text, a.Title != "")
	case strings.TrimSpace(a.HTML) != "":
		doc, err = readHTML(origin, []byte(a.HTML), url)
		if err == nil {
			doc.Title = first(a.Title, doc.Title)
			doc.Site = first(a.Source, a.Site, doc.Site)
			if d := first(a.Published, a.Date); d != "" {
				doc.setDate(d)
			}
			doc.assignID()
		}
	default:
		return nil, fmt.Errorf("%s: no \"text\" or \"html\" field", origin)
	}
	return doc, err
}

// readFeed reads every item of an RSS or Atom feed as a document. Feed
// items carry HTML snippets or full content; both become plain text.
func readFeed(origin string, data []byte, yield func(*Document, error) bool) bool {
	feed, err := gofeed.NewParser().ParseString(string(data))
	if err != nil {
		return yield(nil, fmt.Errorf("%s: not an RSS/Atom feed: %w", origin, err))
	}
	for i, item := range feed.Items {
		body := first(item.Content, item.Description)
		itemOrigin := fmt.Sprintf("%s#%d", origin, i+1)
		if item.Link != "" {
			itemOrigin = origin + "#" + item.Link
		}
		doc := &Document{Origin: itemOrigin, URL: item.Link, Title: strings.TrimSpace(item.Title), Site: feed.Title}
		if item.PublishedParsed != nil {
			doc.Published = dateOf(*item.PublishedParsed)
		} else if item.UpdatedParsed != nil {
			doc.Published = dateOf(*item.UpdatedParsed)
		}
		if !yield(doc.finish(htmlText(body), doc.Title != "")) {
			return false
		}
	}
	return true
}

// blockTags end a paragraph when turning HTML into text.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "blockquote": true, "tr": true, "section": true,
	"article": true, "figure": true, "figcaption": true, "ul": true, "ol": true, "table": true,
}

// htmlText turns an HTML fragment into text with one paragraph per block.
// Text that is not HTML comes back as it is.
func htmlText(fragment string) string {
	if !strings.Contains(fragment, "<") {
		return html.UnescapeString(fragment)
	}
	root, err := html.Parse(strings.NewReader(fragment))
	if err != nil {
		return fragment
	}
	var sb strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			sb.WriteString(n.Data)
		case html.ElementNode:
			if n.Data == "script" || n.Data == "style" || n.Data == "figcaption" {
				return
			}
			if blockTags[n.Data] {
				sb.WriteString("\n")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && blockTags[n.Data] {
			sb.WriteString("\n")
		}
	}
	walk(root)
	return sb.String()
}
