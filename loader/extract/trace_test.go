package extract

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"tradegraph/loader/source"
)

// TestTrace prints the trace of the files in TRADEGRAPH_TRACE, for people
// tuning the rules while the command does not build.
func TestTrace(t *testing.T) {
	file := os.Getenv("TRADEGRAPH_TRACE")
	if file == "" {
		t.Skip("set TRADEGRAPH_TRACE=path/to/article.txt")
	}
	x := mustExtractor(t)
	var r source.Reader
	for doc, err := range r.Read(context.Background(), []string{file}) {
		if err != nil {
			t.Fatal(err)
		}
		fmt.Print(x.Trace(doc))
	}
}

// The trace shows each sentence's supplies as the rules read them and the
// pairs the model scored there, marking those likely enough to be added.
func TestTraceShowsRulesAndPairs(t *testing.T) {
	eager := &PairModel{Weights: map[string]float64{"bias": 10}, Threshold: 0.5}
	x := mustExtractor(t).WithPairModel(eager)
	doc := &source.Document{ID: "article:test", Origin: "test.txt",
		Text: "MAZ delivered 20 buses to Vitebsk. Bobruiskagromash machines are sold in Kazakhstan by the dealer Agrotechservice."}
	got := x.Trace(doc)
	for _, want := range []string{
		"rule    enterprise:maz -> city:vitebsk [product:buses] delivered x20",
		"pair    enterprise:bobruiskagromash -> country:kz p=1.00 (above threshold) bias",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("trace lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(x.WithPairModel(nil).Trace(doc), "    pair ") {
		t.Error("a trace without a model shows pairs")
	}
}
