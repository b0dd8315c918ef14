package source

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// readAll reads inputs and returns the documents and the error messages.
func readAll(t *testing.T, inputs ...string) ([]*Document, []string) {
	t.Helper()
	var r Reader
	var docs []*Document
	var errs []string
	for doc, err := range r.Read(context.Background(), inputs) {
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		docs = append(docs, doc)
	}
	return docs, errs
}

func TestCleanDropsPageFurniture(t *testing.T) {
	raw := `Lukashenko invites Arkhangelsk Oblast to deepen cooperation

12:30, 22 April

photo: BELTA

By Olga Petrova

MINSK, 22 April (BelTA) – We suggest deepening cooperation, the president said.

Read also: Belarus, Perm Krai outline new avenues

The supply of logging machines is also relevant.

Tags: Amkodor, Arkhangelsk Oblast, logging machines

Share:

Other materials of «Economics»

Belarusian tractor presented in Kazan
21:00, 17 May`
	p := clean(raw, false)
	want := page{
		Title: "Lukashenko invites Arkhangelsk Oblast to deepen cooperation",
		Body: "Lukashenko invites Arkhangelsk Oblast to deepen cooperation\n\n" +
			"We suggest deepening cooperation, the president said.\n\n" +
			"The supply of logging machines is also relevant.",
		Date:     Date{Month: 4, Day: 22},
		Dateline: "MINSK",
	}
	if diff := cmp.Diff(want, p); diff != "" {
		t.Errorf("clean mismatch (-want +got):\n%s", diff)
	}
}

func TestParseDate(t *testing.T) {
	for _, test := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"2024-06-11", "2024-06-11", true},
		{"2024-06-11T10:15:00+03:00", "2024-06-11", true},
		{"12:30, 22 April", "--04-22", true},
		{"22 April 2023", "2023-04-22", true},
		{"April 3, 2024", "2024-04-03", true},
		{"27.02.2024 17:40", "2024-02-27", true},
		{"Thu, 04 Jul 2024 09:15:00 +0300", "2024-07-04", true},
		{"yesterday", "", false},
		{"31 Foo 2024", "", false},
	} {
		got, ok := ParseDate(test.in)
		if got.String() != test.want || ok != test.ok {
			t.Errorf("ParseDate(%q) = %q, %v; want %q, %v", test.in, got, ok, test.want, test.ok)
		}
	}
}

func TestReadTextHeader(t *testing.T) {
	docs, errs := readAll(t, "testdata/header.txt")
	if len(errs) != 0 || len(docs) != 1 {
		t.Fatalf("Read(header.txt) = %d docs, errors %v", len(docs), errs)
	}
	d := docs[0]
	got := []string{d.URL, d.Title, d.Site, d.Published.String(), d.Text}
	want := []string{"https://example.org/h", "Header article", "BelTA", "2023-04-22",
		"Header article\n\nMAZ supplied 150 buses to Arkhangelsk Oblast."}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("header article mismatch (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(d.ID, "article:") {
		t.Errorf("ID = %q, want an article: id", d.ID)
	}
}

func TestReadHTMLKeepsTheArticleOnly(t *testing.T) {
	docs, errs := readAll(t, "testdata/page.html")
	if len(errs) != 0 || len(docs) != 1 {
		t.Fatalf("Read(page.html) = %d docs, errors %v", len(docs), errs)
	}
	d := docs[0]
	if !strings.Contains(d.Text, "MAZ has delivered 40 city buses to Omsk") {
		t.Errorf("text lost the article body:\n%s", d.Text)
	}
	for _, junk := range []string{"Home", "Gomselmash to present", "All rights reserved", "Photo courtesy", "By Olga Petrova", "(BelTA)"} {
		if strings.Contains(d.Text, junk) {
			t.Errorf("text keeps page furniture %q:\n%s", junk, d.Text)
		}
	}
	if d.Published.String() != "2024-03-05" {
		t.Errorf("published = %q, want 2024-03-05", d.Published)
	}
}

func TestReadJSONLinesGoesOnAfterBadLines(t *testing.T) {
	docs, errs := readAll(t, "testdata/articles.jsonl")
	var titles []string
	for _, d := range docs {
		titles = append(titles, d.Title)
	}
	if diff := cmp.Diff([]string{"MTZ tractors for Bryansk", "Elevators"}, titles); diff != "" {
		t.Errorf("documents mismatch (-want +got):\n%s", diff)
	}
	wantErrs := []string{"testdata/articles.jsonl:2: invalid JSON", `testdata/articles.jsonl:3: no "text" or "html" field`}
	if len(errs) != len(wantErrs) {
		t.Fatalf("errors = %q, want %d", errs, len(wantErrs))
	}
	for i, w := range wantErrs {
		if !strings.HasPrefix(errs[i], w) {
			t.Errorf("error %d = %q, want prefix %q", i, errs[i], w)
		}
	}
	if docs[1].Published.String() != "2024-04-03" {
		t.Errorf("published = %q, want 2024-04-03", docs[1].Published)
	}
}

func TestReadFeed(t *testing.T) {
	docs, errs := readAll(t, "testdata/feed.rss")
	if len(errs) != 0 || len(docs) != 2 {
		t.Fatalf("Read(feed.rss) = %d docs, errors %v", len(docs), errs)
	}
	if got := docs[0].Text; !strings.Contains(got, "45 combine harvesters to Altai Krai") || strings.Contains(got, "<p>") {
		t.Errorf("item text = %q", got)
	}
	if docs[0].Published.String() != "2024-07-04" || docs[0].URL != "https://example.org/n1" || docs[0].Site != "BelTA Economics" {
		t.Errorf("item metadata = %q %q %q", docs[0].Published, docs[0].URL, docs[0].Site)
	}
}

func TestBadInputsNameTheInputAndLoseNothing(t *testing.T) {
	inputs := []string{"testdata/empty.txt", "testdata/binary.bin", "testdata/notafeed.rss", "testdata/nobody.html",
		"testdata/missing.txt", "testdata/header.txt", "testdata/invalid-utf8.txt"}
	docs, errs := readAll(t, inputs...)
	for _, want := range []string{"testdata/empty.txt: empty input", "testdata/binary.bin: binary data",
		"testdata/notafeed.rss: not an RSS/Atom feed", "testdata/missing.txt: stat: no such file", "testdata/nobody.html: "} {
		found := false
		for _, e := range errs {
			found = found || strings.HasPrefix(e, want)
		}
		if !found {
			t.Errorf("no error starting %q among %q", want, errs)
		}
	}
	if len(docs) != 2 {
		t.Fatalf("got %d documents, want the 2 good ones", len(docs))
	}
	bad := docs[1]
	if diff := cmp.Diff([]string{"invalid UTF-8 replaced"}, bad.Warnings); diff != "" {
		t.Errorf("warnings mismatch (-want +got):\n%s", diff)
	}
	if strings.Contains(bad.Text, "Other materials") || !strings.Contains(bad.Text, "MAZ supplied 150 buses") {
		t.Errorf("text = %q", bad.Text)
	}
}

func TestReadDirSkipsGoldFiles(t *testing.T) {
	docs, errs := readAll(t, filepath.Join("..", "..", "testdata", "dev"))
	if len(errs) != 0 {
		t.Fatalf("errors reading the dev set: %v", errs)
	}
	for _, d := range docs {
		if strings.HasSuffix(d.Origin, ".json") {
			t.Errorf("read annotation file %s as an article", d.Origin)
		}
	}
	if len(docs) < 20 {
		t.Errorf("read %d dev articles, want at least 20", len(docs))
	}
}

func TestHugeTextIsOneDocument(t *testing.T) {
	line := "MAZ supplied 150 buses to Arkhangelsk Oblast at the end of 2022. "
	raw := []byte("title: Big\n\n" + strings.Repeat(line, (20<<20)/len(line)))
	var r Reader
	n := 0
	for doc, err := range r.parseAll("big.txt", "text", raw) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if len(doc.Text) < 20<<20-len(line) {
			t.Errorf("text shrank to %d bytes", len(doc.Text))
		}
	}
	if n != 1 {
		t.Errorf("got %d documents, want 1", n)
	}
}

func FuzzClean(f *testing.F) {
	for _, seed := range []string{"", "Title\n\n12:30, 22 April\n\nBody.", "Other materials\nx", "photo: X", "\xff\xfe", "MINSK, 5 March (BelTA) – x"} {
		f.Add(seed, false)
	}
	f.Fuzz(func(t *testing.T, raw string, hasTitle bool) {
		p := clean(raw, hasTitle)
		// Cleaning only drops text and rearranges white space (invalid
		// bytes become one U+FFFD each).
		if visible(p.Body) > visible(raw) {
			t.Fatalf("clean grew the text: %d > %d visible characters", visible(p.Body), visible(raw))
		}
		if !utf8.ValidString(p.Body) || !utf8.ValidString(p.Title) {
			t.Fatalf("clean returned invalid UTF-8")
		}
	})
}

func FuzzReadFormats(f *testing.F) {
	for _, seed := range []string{"", "{}", `{"text":"a"}`, "[", "<rss><channel><item><title>x</title></item></channel></rss>",
		"<html><body><p>x</p></body></html>", "title: x\n\ny", "\x00"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var r Reader
		for _, format := range []string{"text", "html", "json", "feed"} {
			for doc, err := range r.parseAll("fuzz", format, data) {
				if err == nil && (doc == nil || doc.ID == "") {
					t.Fatalf("%s: document without id and without error", format)
				}
			}
		}
	})
}

// visible counts the characters of s that are not white space.
func visible(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// An agency dateline is cut from the text and its place kept apart.
func TestDatelinePlaceIsKept(t *testing.T) {
	for raw, want := range map[string]string{
		"MINSK, March 14 (Interfax-West) - Residents of Russia bought butter.": "MINSK",
		"MOSCOW, April 22. /TASS/. KAMAZ sold trucks.":                         "MOSCOW",
		"ST. PETERSBURG, 5 June (BelTA) – Belshina sold tyres.":                "ST. PETERSBURG",
		"Residents of Russia bought butter in MINSK, the exchange said.":       "",
	} {
		p := clean(raw, true)
		if p.Dateline != want || strings.Contains(p.Body, "(") {
			t.Errorf("%q: dateline %q, body %q; want dateline %q and no agency", raw, p.Dateline, p.Body, want)
		}
	}
}
