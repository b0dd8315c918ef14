package text

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTokenize(t *testing.T) {
	for _, test := range []struct {
		name string
		in   string
		want []string // Norm of each token
	}{
		{"words and numbers", "MAZ supplied 1,200 buses.", []string{"maz", "supplied", "1200", "buses", "."}},
		{"possessive", "Russia's Arkhangelsk Oblast", []string{"russia", "'s", "arkhangelsk", "oblast"}},
		{"curly possessive", "Russia’s region", []string{"russia", "'s", "region"}},
		{"abbreviation keeps its period", "St. Petersburg", []string{"st", "petersburg"}},
		{"initials", "U.S. market", []string{"us", "market"}},
		{"dashes and quotes", "OJSC «Amkodor-Onego» – Karelia", []string{"ojsc", `"`, "amkodor", "-", "onego", `"`, "-", "karelia"}},
		{"diacritics fold", "Türkiye Homieĺ", []string{"turkiye", "homiel"}},
		{"decimal", "1.5 billion", []string{"1.5", "billion"}},
	} {
		t.Run(test.name, func(t *testing.T) {
			var got []string
			for _, tok := range Tokenize(test.in, 0) {
				got = append(got, tok.Norm)
			}
			if diff := cmp.Diff(test.want, got); diff != "" {
				t.Errorf("Tokenize(%q) mismatch (-want +got):\n%s", test.in, diff)
			}
		})
	}
}

func TestTokenOffsets(t *testing.T) {
	in := "Belarus’ «MAZ» supplied buses"
	for _, tok := range Tokenize(in, 10) {
		if got := in[tok.Start-10 : tok.End-10]; got != tok.Text {
			t.Errorf("token %q has offsets [%d,%d) spelling %q", tok.Text, tok.Start, tok.End, got)
		}
	}
}

func TestSentences(t *testing.T) {
	in := "MAZ supplied 150 buses to St. Petersburg. The city is happy!\n\n\"We will buy more.\" He said so. U.S. firms left in 2022.\nNew line"
	var got []string
	for _, s := range Sentences(in) {
		got = append(got, in[s.Start:s.End])
	}
	want := []string{
		"MAZ supplied 150 buses to St. Petersburg.",
		"The city is happy!",
		"\"We will buy more.\"",
		"He said so.",
		"U.S. firms left in 2022.",
		"New line",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Sentences mismatch (-want +got):\n%s", diff)
	}
}

func FuzzSentences(f *testing.F) {
	for _, seed := range []string{"", "A. B.", "«»", "1,2.3", "St. \xff", "Russia’s  region.\n\nNext", "-'s"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, s := range Sentences(in) {
			if s.Start < 0 || s.End > len(in) || s.Start > s.End {
				t.Fatalf("sentence offsets [%d,%d) outside %d bytes", s.Start, s.End, len(in))
			}
			for _, tok := range s.Tokens {
				if tok.Start < s.Start || tok.End > s.End || in[tok.Start:tok.End] != tok.Text {
					t.Fatalf("token %q offsets [%d,%d) do not spell it", tok.Text, tok.Start, tok.End)
				}
			}
		}
	})
}

// An apostrophe inside a word keeps it whole ("Yo'lovchi", "Xi'an"), but
// not one that opens a possessive or a contraction.
func TestApostropheInsideWord(t *testing.T) {
	var got []string
	for _, tok := range Tokenize("Qarshi Yo'lovchi Trans, Xi’an, Russia's, don't", 0) {
		got = append(got, tok.Text)
	}
	want := []string{"Qarshi", "Yo'lovchi", "Trans", ",", "Xi’an", ",", "Russia", "'s", ",", "don", "'", "t"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tokens mismatch (-want +got):\n%s", diff)
	}
}
