package extract

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// relationPairs lists "from -> to" of a result's supplies.
func relationPairs(r *Result) []string {
	var out []string
	for _, rel := range r.Relations {
		if rel.Type == "SUPPLIES" {
			out = append(out, rel.From+" -> "+rel.To)
		}
	}
	return out
}

// A model that finds every pair likely adds the pairs the rules missed,
// with a lower confidence and the sentence as evidence, and keeps every
// supply the rules found. (Built in code, as train-pairs builds one, it
// is weighed like one read from a file: the bias must count to pass 0.9.)
func TestPairModelAddsWhatTheRulesMiss(t *testing.T) {
	text := "Bobruiskagromash machines are sold in Kazakhstan by the dealer Agrotechservice."
	rules := extractText(t, mustExtractor(t).WithPairModel(nil), text)
	eager := &PairModel{Weights: map[string]float64{"bias": 10}, Threshold: 0.9}
	both := extractText(t, mustExtractor(t).WithPairModel(eager), text)

	if got := relationPairs(rules); !slices.Equal(got, []string{"Agrotechservice -> Kazakhstan"}) {
		t.Fatalf("rules alone: %v", got)
	}
	got := relationPairs(both)
	for _, want := range []string{"Agrotechservice -> Kazakhstan", "Bobruiskagromash -> Kazakhstan"} {
		if !slices.Contains(got, want) {
			t.Errorf("with the model: %v, want %q among them", got, want)
		}
	}
	if slices.Contains(got, "Kazakhstan -> Bobruiskagromash") || slices.Contains(got, "Kazakhstan -> Agrotechservice") {
		t.Errorf("a country supplies no firm: %v", got)
	}
	for _, rel := range both.Relations {
		if rel.Type != "SUPPLIES" || rel.From != "Bobruiskagromash" {
			continue
		}
		if rel.Confidence <= 0 || rel.Confidence > 0.6 {
			t.Errorf("a model's supply has confidence %v, want (0, 0.6]", rel.Confidence)
		}
		if len(rel.Evidence) != 1 || !strings.Contains(rel.Evidence[0].Sentence, "Bobruiskagromash machines") {
			t.Errorf("evidence = %+v", rel.Evidence)
		}
	}
}

// A model that finds no pair likely leaves the rules' output as it is.
func TestPairModelBelowThresholdChangesNothing(t *testing.T) {
	text := "Bobruiskagromash machines are sold in Kazakhstan by the dealer Agrotechservice. MAZ delivered 20 buses to Vitebsk."
	rules := extractText(t, mustExtractor(t).WithPairModel(nil), text)
	shy := &PairModel{Weights: map[string]float64{"bias": 10}, Threshold: 1.5}
	with := extractText(t, mustExtractor(t).WithPairModel(shy), text)
	if a, b := relationPairs(rules), relationPairs(with); !slices.Equal(a, b) {
		t.Errorf("rules %v, with a model that adds nothing %v", a, b)
	}
}

// The embedded model loads, has weights, and a threshold a probability
// can pass.
func TestDefaultPairModel(t *testing.T) {
	m := DefaultPairModel()
	if len(m.Weights) < 50 || m.Threshold <= 0 || m.Threshold >= 1 {
		t.Fatalf("embedded model: %d weights, threshold %v", len(m.Weights), m.Threshold)
	}
	if p := m.Probability(nil); p != 0.5 {
		t.Errorf("no features: probability %v, want 0.5", p)
	}
}

func TestLoadPairModelNamesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "model.json")
	if _, err := LoadPairModel(path); err == nil || !strings.Contains(err.Error(), "model.json") {
		t.Errorf("missing file: err = %v", err)
	}
	if err := os.WriteFile(path, []byte(`{"weights": [1, 2]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadPairModel(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("malformed file: err = %v", err)
	}
}

// A feature story names the firm it visits as a party and refers back to
// it; the makers of its machines, however often named, are not its host.
func TestHostOfAFeatureStory(t *testing.T) {
	x := mustExtractor(t)
	text := "The Ilyinsky cooperative near Sheksna keeps 900 cows. Its fleet is mostly MAZ trucks and Belarus tractors. " +
		"The cooperative bought four MAZ grain carriers last year. Ilyinsky also runs a dairy. " +
		"The cooperative plans to buy two more MAZ trucks. MAZ trucks are cheap to repair, the cooperative's chairman says."
	d, _ := x.readDiscourse(text, false, 0)
	if got := d.entity(d.host()); got == nil || got.Name != "Ilyinsky" {
		t.Errorf("host = %+v, want Ilyinsky", got)
	}
	d, _ = x.readDiscourse("MAZ delivered 20 buses to Vitebsk. Amkodor delivered loaders to Minsk.", false, 0)
	if got := d.host(); got != "" {
		t.Errorf("host of a news item with no leading firm = %q", got)
	}
}
