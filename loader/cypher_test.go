package loader

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"tradegraph/schema"
)

var (
	nodeLabelsRE = regexp.MustCompile(`\(\s*\w*((?::\w+)+)`)
	relTypeRE    = regexp.MustCompile(`\[\s*\w*:(\w+)`)
)

// TestQueriesUseSchemaNames checks that every label and relationship type
// written in the loader's Cypher is one package schema defines, so that a
// typo cannot create a label nothing else reads.
func TestQueriesUseSchemaNames(t *testing.T) {
	queries := map[string]string{
		"queryExistingArticles": queryExistingArticles, "queryDeleteMentions": queryDeleteMentions,
		"queryDeleteFacts": queryDeleteFacts, "queryMergeKnown": queryMergeKnown,
		"queryMergeDiscovered": queryMergeDiscovered, "queryMergeArticles": queryMergeArticles,
		"queryCreateMentions": queryCreateMentions, "queryCreateFacts": queryCreateFacts,
		"queryMergeLinks": queryMergeLinks, "queryCountMentions": queryCountMentions,
		"queryRecomputeTouched": queryRecomputeTouched,
	}
	found := 0
	for name, q := range queries {
		for _, m := range nodeLabelsRE.FindAllStringSubmatch(q, -1) {
			for _, label := range strings.Split(strings.TrimPrefix(m[1], ":"), ":") {
				found++
				if !slices.Contains(schema.AllLabels, label) {
					t.Errorf("%s uses label %q, not in schema.AllLabels", name, label)
				}
			}
		}
		for _, m := range relTypeRE.FindAllStringSubmatch(q, -1) {
			found++
			if !slices.Contains(schema.AllRelTypes, m[1]) {
				t.Errorf("%s uses relationship type %q, not in schema.AllRelTypes", name, m[1])
			}
		}
	}
	if found < 20 {
		t.Errorf("found %d labels and types in the queries; is the pattern broken?", found)
	}
	// The queries that spell out every fact or structure type must not
	// miss one.
	for _, typ := range schema.FactTypes {
		if !strings.Contains(queryDeleteFacts, "[r:"+typ+" ") {
			t.Errorf("queryDeleteFacts does not delete %s facts", typ)
		}
	}
	for _, typ := range []string{schema.RelPartOf, schema.RelBasedIn, schema.RelSubsidiaryOf, schema.RelProduces} {
		if !strings.Contains(queryMergeLinks, "row.type = '"+typ+"' MERGE (a)-[:"+typ+" ") {
			t.Errorf("queryMergeLinks does not write %s links", typ)
		}
	}
}
