// Package synth writes synthetic news articles about Belarus–Russia trade
// for scale tests of the loader: Belarusian enterprises supplying their own
// products to Russian regions, cities and enterprises, in the sentence
// patterns and with the page boilerplate real news have. Generation is
// deterministic: the same seed and gazetteer give the same articles, and
// article i does not depend on how many others are generated.
//
// The articles are not evaluation data and must never be mixed into
// testdata/dev, whose gold annotations are written by hand.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"tradegraph/loader/gazetteer"
)

// Generator makes articles from a gazetteer's names.
type Generator struct {
	seed       uint64
	suppliers  []*gazetteer.Entity // Belarusian enterprises that make something
	regions    []*gazetteer.Entity // Russian regions
	cities     []*gazetteer.Entity // Russian cities
	buyers     []*gazetteer.Entity // Russian enterprises
	byRegions  []*gazetteer.Entity // Belarusian oblasts
	gaz        *gazetteer.Gazetteer
	productsOf map[string][]string // supplier id → product names
}

// New prepares a generator; it fails when gaz lacks the names it needs.
func New(gaz *gazetteer.Gazetteer, seed uint64) (*Generator, error) {
	g := &Generator{seed: seed, gaz: gaz, productsOf: map[string][]string{}}
	for _, e := range gaz.Entities() { // ordered by id: deterministic
		switch {
		case e.Type == gazetteer.Enterprise && e.Country == "country:by" && len(e.Products) > 0:
			for _, p := range e.Products {
				if pe := gaz.Entity(p); pe != nil {
					g.productsOf[e.ID] = append(g.productsOf[e.ID], pe.Name)
				}
			}
			if len(g.productsOf[e.ID]) > 0 {
				g.suppliers = append(g.suppliers, e)
			}
		case e.Type == gazetteer.Region && e.Country == "country:ru":
			g.regions = append(g.regions, e)
		case e.Type == gazetteer.Region && e.Country == "country:by":
			g.byRegions = append(g.byRegions, e)
		case e.Type == gazetteer.City && e.Country == "country:ru":
			g.cities = append(g.cities, e)
		case e.Type == gazetteer.Enterprise && e.Country == "country:ru":
			g.buyers = append(g.buyers, e)
		}
	}
	if len(g.suppliers) == 0 || len(g.regions) == 0 || len(g.cities) == 0 || len(g.buyers) == 0 || len(g.byRegions) == 0 {
		return nil, fmt.Errorf("gazetteer lacks Belarusian suppliers or Russian regions, cities or enterprises")
	}
	return g, nil
}

// Article is one generated news item.
type Article struct {
	URL   string // empty for some: their id then comes from the content
	Title string
	Date  string // YYYY-MM-DD
	Body  string // with a timestamp, a photo credit and a trailing list of other headlines
}

// Text renders the article as a text file with header lines, as the
// loader's reader expects.
func (a Article) Text() string {
	var sb strings.Builder
	if a.URL != "" {
		fmt.Fprintf(&sb, "url: %s\n", a.URL)
	}
	fmt.Fprintf(&sb, "title: %s\ndate: %s\n\n%s\n", a.Title, a.Date, a.Body)
	return sb.String()
}

var months = []string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// Article returns article number i.
func (g *Generator) Article(i int) Article {
	r := rand.New(rand.NewPCG(g.seed, uint64(i)))
	year, month, day := 2019+r.IntN(6), 1+r.IntN(12), 1+r.IntN(28)
	w := &writer{g: g, r: r, year: year}

	supplier := pick(r, g.suppliers)
	recipient := w.recipient()
	product := pick(r, g.productsOf[supplier.ID])
	title := w.title(supplier, recipient, product)

	var paras []string
	paras = append(paras, w.lead(supplier, recipient, product))
	for range 1 + r.IntN(3) {
		s := pick(r, g.suppliers)
		paras = append(paras, w.supplyParagraph(s, w.recipient()))
	}
	paras = append(paras, w.filler())
	if r.IntN(3) == 0 {
		paras = append(paras, w.discovered(supplier))
	}
	r.Shuffle(len(paras)-1, func(a, b int) { paras[a+1], paras[b+1] = paras[b+1], paras[a+1] })

	var body strings.Builder
	fmt.Fprintf(&body, "%02d:%02d, %d %s\n\n", r.IntN(24), r.IntN(60), day, months[month-1])
	if r.IntN(2) == 0 {
		fmt.Fprintf(&body, "Photo: %s\n\n", pick(r, []string{"BelTA", "press service", "archive", "TASS"}))
	}
	body.WriteString(strings.Join(paras, "\n\n"))
	body.WriteString("\n\nOther materials of «Economics»\n\n")
	for range 3 {
		s := pick(r, g.suppliers)
		fmt.Fprintf(&body, "%s to present new %s at an expo in %s\n\n%02d:%02d, %d %s\n\n",
			s.Name, pick(r, g.productsOf[s.ID]), pick(r, g.cities).Name, r.IntN(24), r.IntN(60), 1+r.IntN(28), pick(r, months))
	}
	a := Article{
		Title: title,
		Date:  fmt.Sprintf("%04d-%02d-%02d", year, month, day),
		Body:  strings.TrimSpace(body.String()),
	}
	if r.IntN(20) != 0 {
		a.URL = fmt.Sprintf("https://news.example.com/economics/%04d/%02d/%02d/%s-%d", year, month, day, slug(title), i)
	}
	return a
}

// writer holds the state of one article being written.
type writer struct {
	g    *Generator
	r    *rand.Rand
	year int
}

// recipient picks a Russian region (named in one of the ways news name
// them), city or enterprise.
func (w *writer) recipient() string {
	switch n := w.r.IntN(10); {
	case n < 5:
		reg := pick(w.r, w.g.regions)
		if len(reg.Aliases) > 0 && w.r.IntN(3) == 0 {
			return "the " + pick(w.r, reg.Aliases)
		}
		if !strings.HasPrefix(reg.Name, "Republic") && w.r.IntN(2) == 0 {
			return "Russia's " + reg.Name
		}
		return reg.Name
	case n < 8:
		return pick(w.r, w.g.cities).Name
	default:
		return pick(w.r, w.g.buyers).Name
	}
}

func (w *writer) title(supplier *gazetteer.Entity, recipient, product string) string {
	recipient = strings.TrimPrefix(recipient, "the ")
	return upperFirst(pick(w.r, []string{
		"%[1]s to supply %[3]s to %[2]s",
		"%[2]s receives a new batch of %[3]s from %[1]s",
		"%[1]s expands cooperation with %[2]s",
		"Belarus, %[2]s discuss supplies of %[3]s",
		"%[2]s interested in Belarusian %[3]s",
	}), supplier.Name, recipient, product)
}

// lead opens the article with its main supply.
func (w *writer) lead(supplier *gazetteer.Entity, recipient, product string) string {
	qty := 10 + w.r.IntN(300)
	return upperFirst(pick(w.r, []string{
		"%[1]s has delivered %[4]d %[3]s to %[2]s, the company's press service said.",
		"%[1]s shipped %[4]d %[3]s to %[2]s in %[5]d, BelTA has learned.",
		"%[1]s signed a contract to supply %[4]d %[3]s to %[2]s, the plant reported on Tuesday.",
		"%[2]s bought %[4]d %[3]s from %[1]s under a regional modernization program.",
		"%[1]s will supply %[4]d %[3]s to %[2]s next year, the parties agreed at a meeting in Minsk.",
	}), supplier.Name, recipient, product, qty, w.year-1)
}

// supplyParagraph states another supply, with a status cue and sometimes
// a sentence of context around it.
func (w *writer) supplyParagraph(supplier *gazetteer.Entity, recipient string) string {
	product := w.g.product(w.r, supplier)
	qty := 5 + w.r.IntN(500)
	s := upperFirst(pick(w.r, []string{
		"%[1]s supplied %[4]d %[3]s to %[2]s last year.",
		"Negotiations are underway to supply %[3]s made by %[1]s to %[2]s.",
		"%[1]s is ready to supply %[3]s to %[2]s.",
		"%[2]s operates %[4]d %[3]s made by %[1]s.",
		"%[1]s plans to ship a batch of %[3]s to %[2]s in %[5]d.",
		"Earlier, %[1]s sent %[4]d %[3]s to %[2]s.",
		"%[2]s has purchased %[4]d %[3]s from %[1]s since %[5]d.",
		"%[1]s and %[2]s are discussing the supply of %[3]s.",
	}), supplier.Name, recipient, product, qty, w.year-w.r.IntN(3))
	if w.r.IntN(2) == 0 {
		s += " " + pick(w.r, []string{
			"The machines are serviced by a local dealer.",
			"Warranty service will be provided on site.",
			"The deliveries are part of an import substitution program.",
			"The sides also discussed training of specialists.",
		})
	}
	return s
}

// filler is the politics and statistics around the trade news.
func (w *writer) filler() string {
	byReg := pick(w.r, w.g.byRegions)
	ruReg := pick(w.r, w.g.regions)
	return fmt.Sprintf(pick(w.r, []string{
		"Trade between %[1]s and %[2]s grew by %[3]d percent in %[4]d. The sides discussed cooperation in agriculture, education and tourism.",
		"Delegations of %[1]s and %[2]s met in Minsk. The governor said the partnership had good prospects and thanked the Belarusian side.",
		"In %[4]d, trade between %[1]s and %[2]s reached $%[3]d million. Belarusian enterprises are interested in new markets.",
	}), byReg.Name, ruReg.Name, 5+w.r.IntN(90), w.year-1)
}

// discovered names a company the gazetteer does not know, as small firms
// appear in real news.
func (w *writer) discovered(supplier *gazetteer.Entity) string {
	name := pick(w.r, []string{"Severny", "Uralsky", "Volzhsky", "Sibirsky", "Donskoy", "Baltiysky", "Kamsky", "Oksky"}) +
		" " + pick(w.r, []string{"Machine Plant", "Agroholding", "Transport Company", "Mining Company", "Timber Works"})
	return fmt.Sprintf("%s also supplied %s to the %s.", supplier.Name, w.g.product(w.r, supplier), name)
}

func (g *Generator) product(r *rand.Rand, supplier *gazetteer.Entity) string {
	return pick(r, g.productsOf[supplier.ID])
}

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// upperFirst formats a sentence and capitalizes its first letter ("the
// Republic of Tyva operates" opens a sentence as "The Republic ...").
func upperFirst(format string, args ...any) string {
	s := fmt.Sprintf(format, args...)
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func slug(s string) string {
	var sb strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			sb.WriteRune(c)
			dash = false
		} else if !dash && sb.Len() > 0 {
			sb.WriteByte('-')
			dash = true
		}
	}
	return strings.Trim(sb.String(), "-")
}

// WriteDir writes articles 0..n-1 to dir as article-NNNNNN.txt files,
// creating dir. Files are written one at a time, so n is not bounded by
// memory.
func (g *Generator) WriteDir(dir string, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	width := max(6, len(fmt.Sprint(n-1)))
	for i := range n {
		path := filepath.Join(dir, fmt.Sprintf("article-%0*d.txt", width, i))
		if err := os.WriteFile(path, []byte(g.Article(i).Text()), 0o644); err != nil {
			return fmt.Errorf("write article: %w", err)
		}
	}
	return nil
}

// Suppliers returns the ids of the enterprises the generator uses as
// suppliers, sorted, for tests that check what a load found.
func (g *Generator) Suppliers() []string {
	ids := make([]string, len(g.suppliers))
	for i, e := range g.suppliers {
		ids[i] = e.ID
	}
	slices.Sort(ids)
	return ids
}
