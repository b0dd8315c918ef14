package pairtrain

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"tradegraph/loader/extract"
	"tradegraph/loader/gazetteer"
)

func extractor(t *testing.T) *extract.Extractor {
	t.Helper()
	gaz, err := gazetteer.Load("")
	if err != nil {
		t.Fatal(err)
	}
	return extract.New(gaz).WithPairModel(nil)
}

func TestNamesMatchLikeTheScorer(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"the Minsk Tractor Works", "Minsk Tractor Works", true},
		{"Saint Petersburg", "St Petersburg", true},
		{"OJSC «Gomselmash»", "ojsc gomselmash", true},
		{"MAZ", "MAZ-RUS", false},
	} {
		if got := namesMatch([]string{c.a}, []string{c.b}); got != c.want {
			t.Errorf("namesMatch(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// Training separates a feature that always marks a supply from one that
// never does, and gives the same weights every time.
func TestTrainLearnsAndRepeats(t *testing.T) {
	var examples []Example
	for i := 0; i < 500; i++ {
		examples = append(examples,
			Example{Features: []string{"bias", "good"}, Supply: true},
			Example{Features: []string{"bias", "bad"}, Supply: false})
	}
	m := mustTrain(t, examples, DefaultOptions)
	if p := m.Probability([]string{"bias", "good"}); p < 0.9 {
		t.Errorf("p(good) = %.2f, want > 0.9", p)
	}
	if p := m.Probability([]string{"bias", "bad"}); p > 0.1 {
		t.Errorf("p(bad) = %.2f, want < 0.1", p)
	}
	again := mustTrain(t, examples, DefaultOptions)
	for f, w := range m.Weights {
		if again.Weights[f] != w {
			t.Errorf("weight of %q: %v, then %v", f, w, again.Weights[f])
		}
	}
}

// Crosses let the model learn what two features mean together: "with"
// after "shipped" marks a supply and after "signed" none, "to" the other
// way round, which no weighing of the four alone can tell.
func TestTrainLearnsCrosses(t *testing.T) {
	var examples []Example
	for i := 0; i < 300; i++ {
		examples = append(examples,
			Example{Features: []string{"bias", "shipped", "with"}, Supply: true},
			Example{Features: []string{"bias", "signed", "with"}, Supply: false},
			Example{Features: []string{"bias", "shipped", "to"}, Supply: false},
			Example{Features: []string{"bias", "signed", "to"}, Supply: true})
	}
	for _, crosses := range []bool{false, true} {
		o := DefaultOptions
		o.Crosses = crosses
		m := mustTrain(t, examples, o)
		both := m.Probability([]string{"bias", "shipped", "with"})
		one := m.Probability([]string{"bias", "signed", "with"})
		if crosses && (both < 0.8 || one > 0.2) {
			t.Errorf("with crosses: p(both) = %.2f, p(one) = %.2f", both, one)
		}
		if !crosses && (both > 0.6 || one < 0.4) {
			t.Errorf("without crosses: p(both) = %.2f, p(one) = %.2f: the test no longer needs crosses", both, one)
		}
	}
}

// A candidate pair is a supply when the gold annotation has one between
// the two parties, by any of their names.
func TestExamplesAreLabelledFromGold(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "Bobruiskagromash machines are sold in Kazakhstan by the dealer Agrotechservice.\n")
	write("a.gold.json", `{"entities": [
	  {"type": "Enterprise", "names": ["Bobruiskagromash", "OJSC Bobruiskagromash"]},
	  {"type": "Country", "names": ["Kazakhstan"]}],
	 "supplies": [{"supplier": "OJSC Bobruiskagromash", "recipient": "Kazakhstan"}]}`)
	examples, articles, err := Examples(context.Background(), extractor(t), dir, nil)
	if err != nil || articles != 1 {
		t.Fatalf("Examples: %d articles, err %v", articles, err)
	}
	positives := 0
	for _, ex := range examples {
		want := ex.Supplier == "Bobruiskagromash" && ex.Recipient == "Kazakhstan"
		if ex.Supply != want {
			t.Errorf("%s -> %s labelled %v", ex.Supplier, ex.Recipient, ex.Supply)
		}
		if ex.Supply {
			positives++
		}
	}
	if positives != 1 {
		t.Errorf("%d positive pairs in %d, want 1", positives, len(examples))
	}

	if _, _, err := Examples(context.Background(), extractor(t), dir, []string{"a"}); err != nil {
		t.Errorf("skipping every article: %v", err)
	}
	write("b.txt", "MAZ delivered buses.\n")
	write("b.gold.json", `{"entities": [`)
	if _, _, err := Examples(context.Background(), extractor(t), dir, nil); err == nil || !strings.Contains(err.Error(), "b.gold.json") {
		t.Errorf("broken gold file: err = %v", err)
	}
}

// The embedded model is what train-pairs makes of the dev set: a change
// to the features or the dev set without retraining fails here (run
// `make pair-model`).
func TestEmbeddedModelIsTrainedOnTheDevSet(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the whole dev set")
	}
	if raceEnabled {
		t.Skip("training is single-threaded and ten times slower under the race detector; make test runs this without it")
	}
	examples, _, err := Examples(context.Background(), extractor(t), filepath.Join("..", "..", "testdata", "dev"), nil)
	if err != nil {
		t.Fatal(err)
	}
	trained := mustTrain(t, examples, DefaultOptions)
	embedded := extract.DefaultPairModel()
	if trained.Threshold != embedded.Threshold {
		t.Errorf("threshold: trained %v, embedded %v", trained.Threshold, embedded.Threshold)
	}
	differ := 0
	for _, w := range []struct{ trained, embedded map[string]float64 }{
		{trained.Weights, embedded.Weights}, {trained.Crosses, embedded.Crosses}} {
		for f := range union(w.trained, w.embedded) {
			if math.Abs(w.trained[f]-w.embedded[f]) > 1e-3 {
				differ++
				if differ <= 5 {
					t.Errorf("weight of %q: trained %v, embedded %v", f, w.trained[f], w.embedded[f])
				}
			}
		}
	}
	if differ > 0 {
		t.Errorf("%d weights differ: retrain with `make pair-model`", differ)
	}
}

func mustTrain(t *testing.T, examples []Example, o Options) *extract.PairModel {
	t.Helper()
	m, err := Train(examples, o)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Nothing to learn from is an error, not a panic.
func TestTrainWithoutPairsIsAnError(t *testing.T) {
	if _, err := Train(nil, DefaultOptions); err == nil || !strings.Contains(err.Error(), "no candidate pairs") {
		t.Errorf("no examples: err = %v", err)
	}
}

func union(a, b map[string]float64) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}
