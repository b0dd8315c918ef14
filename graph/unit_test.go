package graph

import (
	"bytes"
	"encoding/xml"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"tradegraph/graph/model"
)

func TestSearchQuery(t *testing.T) {
	for _, test := range []struct {
		text, want string
		ok         bool
	}{
		{"MAZ", "(maz^2 OR maz*)", true},
		{"Arkhangelsk  Obl", "(arkhangelsk^2 OR arkhangelsk*) AND (obl^2 OR obl*)", true},
		{`maz)(*:"`, "(maz^2 OR maz*)", true},
		{"AND OR NOT", "(and^2 OR and*) AND (or^2 OR or*) AND (not^2 OR not*)", true},
		{"Amkodor-Onego", "(amkodor^2 OR amkodor*) AND (onego^2 OR onego*)", true},
		{"  ", "", false},
		{"*:*", "", false},
	} {
		got, err := searchQuery(test.text)
		if (err == nil) != test.ok || got != test.want {
			t.Errorf("searchQuery(%q) = %q, %v; want %q, ok %v", test.text, got, err, test.want, test.ok)
		}
	}
}

func TestEscapeLucene(t *testing.T) {
	for _, test := range []struct{ in, want string }{
		{"plain", "plain"},
		{`a+b-c&&d||e!(f){g}[h]^i"j~k*l?m:n\o/p`, `a\+b\-c\&\&d\|\|e\!\(f\)\{g\}\[h\]\^i\"j\~k\*l\?m\:n\\o\/p`},
	} {
		if got := escapeLucene(test.in); got != test.want {
			t.Errorf("escapeLucene(%q) = %q, want %q", test.in, got, test.want)
		}
	}
}

func TestCursors(t *testing.T) {
	for _, n := range []int{0, 1, 49, 1 << 20} {
		got, ok := decodeCursor(encodeCursor(n))
		if !ok || got != n {
			t.Errorf("decodeCursor(encodeCursor(%d)) = %d, %v", n, got, ok)
		}
	}
	for _, bad := range []string{"", "x", "bzE6LTE", encodeCursor(5)[:3], "%%%"} {
		if n, ok := decodeCursor(bad); ok {
			t.Errorf("decodeCursor(%q) = %d, want an error", bad, n)
		}
	}
	r := &Resolver{Limits: Limits{MaxPageSize: 10}}
	after := encodeCursor(4)
	p, err := r.pageArgs(nil, &after, 3)
	if err != nil || p != (page{skip: 5, limit: 3}) {
		t.Errorf("pageArgs(nil, cursor 4) = %+v, %v", p, err)
	}
	eleven := 11
	if _, err := r.checkFirst(&eleven, 3); err == nil || err.Error() != "first must be at most 10, the maximum page size (got 11)" {
		t.Errorf("checkFirst(11) = %v", err)
	}
	info := pageInfo(page{skip: 5, limit: 3}, 3, 9)
	if !info.HasNextPage || !info.HasPreviousPage || *info.EndCursor != encodeCursor(7) {
		t.Errorf("pageInfo = %+v", info)
	}
}

func TestParseDate(t *testing.T) {
	for _, test := range []struct {
		in         string
		ok         bool
		start, end string
	}{
		{"2023", true, "2023-01-01", "2023-12-31"},
		{"2023-04", true, "2023-04-01", "2023-04-31"},
		{"2023-04-22", true, "2023-04-22", "2023-04-22"},
		{"2023-13", false, "", ""},
		{"2023-4", false, "", ""},
		{"23", false, "", ""},
		{"--04-22", false, "", ""},
		{"2023-04-22T10:00", false, "", ""},
	} {
		d, err := model.ParseDate(test.in)
		if (err == nil) != test.ok {
			t.Errorf("ParseDate(%q) error = %v, want ok %v", test.in, err, test.ok)
			continue
		}
		if test.ok && (d.Start() != test.start || d.End() != test.end) {
			t.Errorf("ParseDate(%q) = %s..%s, want %s..%s", test.in, d.Start(), d.End(), test.start, test.end)
		}
	}
}

func TestSelectionDepth(t *testing.T) {
	schema := gqlparser.MustLoadSchema(&ast.Source{Input: `type Query { a: A } type A { b: A c: Int }`})
	for _, test := range []struct {
		query string
		want  int
	}{
		{`{ a { c } }`, 2},
		{`{ a { b { b { c } } } }`, 4},
		{`{ a { ...F } } fragment F on A { b { c } }`, 3},
		{`{ a { ... on A { b { c } } } }`, 3},
		{`{ __schema { types { fields { type { ofType { ofType { name } } } } } } a { c } }`, 2},
	} {
		doc, errs := gqlparser.LoadQueryWithRules(schema, test.query, nil)
		if len(errs) > 0 {
			t.Fatalf("parse %q: %v", test.query, errs)
		}
		if got := selectionDepth(doc.Operations[0].SelectionSet, 0); got != test.want {
			t.Errorf("selectionDepth(%q) = %d, want %d", test.query, got, test.want)
		}
	}
}

func TestExportFormats(t *testing.T) {
	g := &model.Subgraph{
		Nodes: []*model.GraphNode{
			{ID: "enterprise:maz", Label: "Enterprise", Name: "MAZ <&>", Properties: map[string]any{
				"id": "enterprise:maz", "mentions": int64(3), "aliases": []any{"Minsk Automobile Plant"}, "confidence": 0.9}},
			{ID: "region:ru-ark", Label: "Region", Name: "Arkhangelsk Oblast", Properties: map[string]any{
				"id": "region:ru-ark", "mentions": 2.5, "source": "gazetteer"}},
		},
		Edges: []*model.GraphEdge{{ID: "e1", Type: "SUPPLIES", Source: "enterprise:maz", Target: "region:ru-ark",
			Properties: map[string]any{"quantity": int64(150), "source": "x\x00y", "sentence": "We supplied 150 vehicles."}}},
	}
	if diff := cmp.Diff([]attr{{"aliases", "string"}, {"confidence", "double"}, {"id", "string"}, {"mentions", "double"}, {"source", "string"}},
		attrsOf(nodeProps(g)), cmp.AllowUnexported(attr{})); diff != "" {
		t.Errorf("attrsOf mismatch (-want +got):\n%s", diff)
	}
	for _, format := range []string{formatGraphML, formatGEXF, formatCytoscape} {
		var buf bytes.Buffer
		if err := writeSubgraph(&buf, format, g, "test"); err != nil {
			t.Fatalf("write %s: %v", format, err)
		}
		if format != formatCytoscape {
			if err := xml.Unmarshal(buf.Bytes(), new(struct{})); err != nil {
				t.Errorf("%s is not well-formed XML: %v\n%s", format, err, buf.String())
			}
		}
		nodes, edges := exportGraph(t, format, buf.Bytes())
		if len(nodes) != 2 || edges != 1 {
			t.Errorf("%s: %v nodes, %d edges", format, nodes, edges)
		}
	}
}
