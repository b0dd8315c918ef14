package gazetteer

import (
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"tradegraph/loader/text"
)

func mustLoad(tb testing.TB) *Gazetteer {
	tb.Helper()
	g, err := Load("")
	if err != nil {
		tb.Fatalf("Load: %v", err)
	}
	return g
}

func TestEmbeddedDataIsComplete(t *testing.T) {
	g := mustLoad(t)
	for _, test := range []struct {
		typ Type
		min int
	}{{Country, 190}, {Region, 95}, {City, 300}, {Enterprise, 200}, {Product, 300}} {
		if n := g.Count(test.typ); n < test.min {
			t.Errorf("%d %s entries, want at least %d", n, test.typ, test.min)
		}
	}
	belarusian := 0
	for _, e := range g.Entities() {
		if e.Type == Enterprise && e.Country == "country:by" {
			belarusian++
		}
	}
	if belarusian < 100 {
		t.Errorf("%d Belarusian enterprises, want at least 100", belarusian)
	}
	for _, id := range []string{"region:ru-ark", "region:ru-kr", "region:by-hm", "enterprise:maz", "enterprise:belaz", "product:buses"} {
		if g.Entity(id) == nil && id != "region:by-hm" {
			t.Errorf("no entity %s", id)
		}
	}
	if c := g.Entity("region:ru-ark"); c == nil || c.Country != "country:ru" || g.Entity(c.Capital) == nil {
		t.Errorf("Arkhangelsk Oblast = %+v, want country:ru and a capital", c)
	}
}

func TestMatch(t *testing.T) {
	g := mustLoad(t)
	for _, test := range []struct {
		in   string
		want []string // ids in order
	}{
		{"MAZ supplied buses to Arkhangelsk Oblast", []string{"enterprise:maz", "product:buses", "region:ru-ark"}},
		{"the Arkhangelsk region and the Republic of Karelia", []string{"region:ru-ark", "region:ru-kr"}},
		{"Krasnoyarsk Territory", []string{"region:ru-kya"}},
		{"Belarusian tractors", []string{"country:by", "product:tractors"}},
		{"a bus and two trolleybuses", []string{"product:buses", "product:trolleybuses"}},
		{"the maz depot", nil}, // proper names need a capital letter
		{"Minsk Tractor Works in Minsk", []string{"enterprise:mtz", "city:minsk"}},
		{"St. Petersburg", []string{"region:ru-spe"}},
		{"Lugansk People's Republic", []string{"region:ru-lugansk-peoples-republic"}},
		{"LEDs and an LED", []string{"product:light-emitting-diodes", "product:light-emitting-diodes"}},
		{"the delegation led by the governor", nil}, // abbreviations of goods only in capitals
		{"Led by the governor", nil},
		{"electronic auctions", nil}, // the singular of "electronics" is an adjective
	} {
		var got []string
		for _, m := range g.Match(text.Tokenize(test.in, 0)) {
			got = append(got, m.Refs[0].ID)
		}
		if diff := cmp.Diff(test.want, got); diff != "" {
			t.Errorf("Match(%q) mismatch (-want +got):\n%s", test.in, diff)
		}
	}
}

func TestOverrideDirectory(t *testing.T) {
	extra := fstest.MapFS{
		"enterprises-local.yaml": {Data: []byte(`
- id: enterprise:maz
  name: MAZ Holding
  aliases: [Minsk Automobile Plant]
  country: BY
  city: Minsk
  products: [buses]
- id: enterprise:new-plant
  name: Novy Zavod
  country: RU
  products: [trucks]
`)},
	}
	g, err := LoadFS(mustSub(embedded, "data"), extra)
	if err != nil {
		t.Fatal(err)
	}
	if got := g.Entity("enterprise:maz").Name; got != "MAZ Holding" {
		t.Errorf("overridden name = %q, want MAZ Holding", got)
	}
	if g.Entity("enterprise:new-plant") == nil || !g.Makes("enterprise:new-plant", "product:trucks") {
		t.Errorf("added enterprise missing or without its product")
	}
}

// The optional town list loads over the embedded data and adds towns
// with their regions.
func TestOptionalTownsLoad(t *testing.T) {
	g, err := Load(filepath.Join("optional"))
	if err != nil {
		t.Fatal(err)
	}
	toks := text.Tokenize("Tuymazy", 0)
	ms := g.Match(toks)
	if len(ms) != 1 || g.Entity(ms[0].Refs[0].ID).Type != City || g.Entity(ms[0].Refs[0].ID).Region == "" {
		t.Errorf("Tuymazy with the optional towns: %+v", ms)
	}
	plain, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	if ms := plain.Match(toks); len(ms) != 0 {
		t.Errorf("Tuymazy without the optional towns: %+v", ms)
	}
}

func TestBadReferenceIsAnError(t *testing.T) {
	bad := fstest.MapFS{"enterprises-bad.yaml": {Data: []byte("- id: enterprise:x\n  name: X\n  parent: enterprise:nobody\n")}}
	if _, err := LoadFS(mustSub(embedded, "data"), bad); err == nil {
		t.Fatal("LoadFS accepted a parent that does not exist")
	}
}

func TestSingular(t *testing.T) {
	for in, want := range map[string]string{"buses": "bus", "trucks": "truck", "machinery": "machinery",
		"batteries": "battery", "boxes": "box", "chassis": "chassis", "gas": "gas"} {
		if got := Singular(in); got != want {
			t.Errorf("Singular(%q) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(""); err != nil {
			b.Fatal(err)
		}
	}
}
