package extract

import (
	"context"
	"fmt"
	"os"
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
