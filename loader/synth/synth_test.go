package synth

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradegraph/loader/extract"
	"tradegraph/loader/gazetteer"
	"tradegraph/loader/source"
)

func mustGenerator(t *testing.T, seed uint64) (*Generator, *gazetteer.Gazetteer) {
	t.Helper()
	gaz, err := gazetteer.Load("")
	if err != nil {
		t.Fatal(err)
	}
	g, err := New(gaz, seed)
	if err != nil {
		t.Fatal(err)
	}
	return g, gaz
}

func TestDeterministic(t *testing.T) {
	a, _ := mustGenerator(t, 7)
	b, _ := mustGenerator(t, 7)
	other, _ := mustGenerator(t, 8)
	for i := range 20 {
		if diff := cmp.Diff(a.Article(i), b.Article(i)); diff != "" {
			t.Errorf("Article(%d) differs between two generators with seed 7:\n%s", i, diff)
		}
	}
	if a.Article(3) == other.Article(3) {
		t.Errorf("Article(3) is the same for seeds 7 and 8")
	}
	if a.Article(3) == a.Article(4) {
		t.Errorf("Article(3) = Article(4)")
	}
}

// TestArticlesReadAsNews checks that the reader and the extractor see in
// generated articles what they see in real ones: a title, a date, a body
// without the boilerplate, and supply facts.
func TestArticlesReadAsNews(t *testing.T) {
	g, gaz := mustGenerator(t, 1)
	dir := t.TempDir()
	const n = 100
	if err := g.WriteDir(dir, n); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) != n {
		t.Fatalf("WriteDir wrote %d files (%v), want %d", len(files), err, n)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != g.Article(0).Text() {
		t.Errorf("file 0 is not Article(0).Text()")
	}

	x := extract.New(gaz)
	var reader source.Reader
	read, withSupply, withURL := 0, 0, 0
	ids := map[string]bool{}
	for doc, err := range reader.Read(context.Background(), []string{dir}) {
		if err != nil {
			t.Fatalf("read generated article: %v", err)
		}
		read++
		ids[doc.ID] = true
		if doc.URL != "" {
			withURL++
		}
		if doc.Title == "" || doc.Published.Year == 0 {
			t.Errorf("%s: title %q, date %v", doc.Origin, doc.Title, doc.Published)
		}
		if strings.Contains(doc.Text, "Other materials") || strings.Contains(doc.Text, "Photo:") {
			t.Errorf("%s: boilerplate left in the text:\n%s", doc.Origin, doc.Text)
		}
		for _, r := range x.Extract(doc).Relations {
			if r.Type == "SUPPLIES" {
				withSupply++
				break
			}
		}
	}
	if read != n || len(ids) != n {
		t.Errorf("read %d documents with %d ids, want %d", read, len(ids), n)
	}
	if withSupply < n*8/10 {
		t.Errorf("%d of %d articles have a supply fact, want most", withSupply, n)
	}
	if withURL == n || withURL < n*8/10 {
		t.Errorf("%d of %d articles have a URL, want most but not all", withURL, n)
	}
}
