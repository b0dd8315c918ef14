package graph

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

type subgraphJSON struct {
	Nodes []struct {
		ID         string         `json:"id"`
		Label      string         `json:"label"`
		Name       string         `json:"name"`
		Properties map[string]any `json:"properties"`
	} `json:"nodes"`
	Edges []struct {
		ID         string         `json:"id"`
		Type       string         `json:"type"`
		Source     string         `json:"source"`
		Target     string         `json:"target"`
		Properties map[string]any `json:"properties"`
	} `json:"edges"`
	Truncated bool `json:"truncated"`
}

const subgraphFields = `{ nodes { id label name properties } edges { id type source target properties } truncated }`

// checkSubgraph checks that every edge joins nodes of the subgraph and
// returns the sorted node ids.
func checkSubgraph(t *testing.T, g subgraphJSON) []string {
	t.Helper()
	ids := []string{}
	in := map[string]bool{}
	for _, n := range g.Nodes {
		if in[n.ID] {
			t.Errorf("node %s twice", n.ID)
		}
		in[n.ID] = true
		ids = append(ids, n.ID)
		if n.Label == "" || n.Name == "" || n.Properties["id"] != n.ID {
			t.Errorf("node %+v lacks a label, name or properties", n)
		}
	}
	for _, e := range g.Edges {
		if !in[e.Source] || !in[e.Target] {
			t.Errorf("edge %s %s->%s leaves the subgraph", e.Type, e.Source, e.Target)
		}
	}
	slices.Sort(ids)
	return ids
}

func TestNeighborhoodAndPath(t *testing.T) {
	driver := mustOpenNeo4j(t)
	mustLoadFixture(t, driver)
	s := mustServe(t, driver, nil)

	var data struct {
		Neighborhood subgraphJSON `json:"neighborhood"`
	}
	s.mustQuery(t, `{ neighborhood(id: "enterprise:maz", depth: 1) `+subgraphFields+` }`, nil, &data)
	got := checkSubgraph(t, data.Neighborhood)
	want := []string{"city:minsk", "city:petrozavodsk", "enterprise:maz", "product:buses", "region:ru-ark"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("neighborhood(maz, 1) nodes mismatch (-want +got):\n%s", diff)
	}
	if data.Neighborhood.Nodes[0].ID != "enterprise:maz" {
		t.Errorf("first node = %s, want the center", data.Neighborhood.Nodes[0].ID)
	}
	supplies := 0
	for _, e := range data.Neighborhood.Edges {
		if e.Type == "SUPPLIES" && e.Target == "region:ru-ark" {
			supplies++
			if e.Properties["article"] == nil || e.Properties["sentence"] == nil {
				t.Errorf("SUPPLIES edge properties %v lack the evidence", e.Properties)
			}
		}
	}
	if supplies != 2 {
		t.Errorf("MAZ->Arkhangelsk SUPPLIES edges = %d, want one per fact (2)", supplies)
	}

	s.mustQuery(t, `{ neighborhood(id: "enterprise:maz", depth: 2, limit: 4, types: ["SUPPLIES", "PART_OF"]) `+subgraphFields+` }`, nil, &data)
	checkSubgraph(t, data.Neighborhood)
	if len(data.Neighborhood.Nodes) != 4 || !data.Neighborhood.Truncated {
		t.Errorf("limited neighborhood: %d nodes, truncated %v; want 4, true", len(data.Neighborhood.Nodes), data.Neighborhood.Truncated)
	}
	for _, e := range data.Neighborhood.Edges {
		if e.Type != "SUPPLIES" && e.Type != "PART_OF" {
			t.Errorf("edge type %s outside types", e.Type)
		}
	}

	s.mustQuery(t, `{ neighborhood(id: "enterprise:gomselmash", depth: 1, includeArticles: true) `+subgraphFields+` }`, nil, &data)
	got = checkSubgraph(t, data.Neighborhood)
	want = []string{"article:a3", "enterprise:gomselmash", "region:ru-oms"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("neighborhood with articles mismatch (-want +got):\n%s", diff)
	}

	var path struct {
		Path subgraphJSON `json:"path"`
	}
	s.mustQuery(t, `{ path(from: "enterprise:maz", to: "enterprise:amkodor-onego", maxHops: 4) `+subgraphFields+` }`, nil, &path)
	got = checkSubgraph(t, path.Path)
	// MAZ supplies Petrozavodsk, where Amkodor-Onego is based.
	want = []string{"city:petrozavodsk", "enterprise:amkodor-onego", "enterprise:maz"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("path(maz, amkodor-onego) nodes mismatch (-want +got):\n%s", diff)
	}
	if len(path.Path.Edges) != 2 {
		t.Errorf("path edges = %d, want 2", len(path.Path.Edges))
	}
	s.mustQuery(t, `{ path(from: "enterprise:maz", to: "enterprise:amkodor-onego", maxHops: 1) `+subgraphFields+` }`, nil, &path)
	if len(path.Path.Nodes) != 0 {
		t.Errorf("path within 1 hop = %v, want none", path.Path.Nodes)
	}
	s.mustQuery(t, `{ path(from: "enterprise:maz", to: "enterprise:maz") `+subgraphFields+` }`, nil, &path)
	if len(path.Path.Nodes) != 1 || len(path.Path.Edges) != 0 {
		t.Errorf("path to itself = %+v, want the node alone", path.Path)
	}

	for _, q := range []string{
		`{ neighborhood(id: "enterprise:nope") { truncated } }`,
		`{ neighborhood(id: "article:seed") { truncated } }`,
		`{ neighborhood(id: "enterprise:maz", depth: 9) { truncated } }`,
		`{ neighborhood(id: "enterprise:maz", limit: 0) { truncated } }`,
		`{ neighborhood(id: "enterprise:maz", types: ["DELETE"]) { truncated } }`,
		`{ path(from: "enterprise:maz", to: "enterprise:nope") { truncated } }`,
		`{ path(from: "enterprise:maz", to: "enterprise:belaz", maxHops: 7) { truncated } }`,
	} {
		resp := s.post(t, q, nil, nil)
		if len(resp.Errors) == 0 || resp.status >= 500 || resp.Errors[0].Extensions["code"] == codeInternal {
			t.Errorf("%s: status %d, errors %q, want a client error", q, resp.status, resp.errorText())
		}
	}
}

// GraphML, as far as the tests read it back.
type graphMLDoc struct {
	Keys []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		Nodes []struct {
			ID   string `xml:"id,attr"`
			Data []struct {
				Key   string `xml:"key,attr"`
				Value string `xml:",chardata"`
			} `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			ID     string `xml:"id,attr"`
			Source string `xml:"source,attr"`
			Target string `xml:"target,attr"`
		} `xml:"edge"`
	} `xml:"graph"`
}

type gexfDoc struct {
	Version string `xml:"version,attr"`
	Graph   struct {
		Attributes []struct {
			Class string `xml:"class,attr"`
			Attrs []struct {
				ID    string `xml:"id,attr"`
				Title string `xml:"title,attr"`
			} `xml:"attribute"`
		} `xml:"attributes"`
		Nodes []struct {
			ID    string `xml:"id,attr"`
			Label string `xml:"label,attr"`
		} `xml:"nodes>node"`
		Edges []struct {
			ID     string `xml:"id,attr"`
			Source string `xml:"source,attr"`
			Target string `xml:"target,attr"`
			Label  string `xml:"label,attr"`
		} `xml:"edges>edge"`
	} `xml:"graph"`
}

type cyjsDoc struct {
	Elements struct {
		Nodes []struct {
			Data map[string]any `json:"data"`
		} `json:"nodes"`
		Edges []struct {
			Data map[string]any `json:"data"`
		} `json:"edges"`
	} `json:"elements"`
}

// exportGraph parses an export in any format into node ids and edge
// (source, target) pairs, checking that edges join exported nodes.
func exportGraph(t *testing.T, format string, body []byte) (nodes []string, edges int) {
	t.Helper()
	in := map[string]bool{}
	var ends [][2]string
	switch format {
	case "graphml":
		var doc graphMLDoc
		if err := xml.Unmarshal(body, &doc); err != nil {
			t.Fatalf("parse GraphML: %v\n%s", err, body)
		}
		keys := map[string]bool{}
		for _, k := range doc.Keys {
			keys[k.ID] = true
		}
		for _, n := range doc.Graph.Nodes {
			nodes = append(nodes, n.ID)
			for _, d := range n.Data {
				if !keys[d.Key] {
					t.Errorf("GraphML data key %q is not declared", d.Key)
				}
			}
		}
		for _, e := range doc.Graph.Edges {
			ends = append(ends, [2]string{e.Source, e.Target})
		}
	case "gexf":
		var doc gexfDoc
		if err := xml.Unmarshal(body, &doc); err != nil {
			t.Fatalf("parse GEXF: %v\n%s", err, body)
		}
		if doc.Version != "1.3" {
			t.Errorf("GEXF version %q", doc.Version)
		}
		for _, n := range doc.Graph.Nodes {
			nodes = append(nodes, n.ID)
			if n.Label == "" {
				t.Errorf("GEXF node %s has no label", n.ID)
			}
		}
		for _, e := range doc.Graph.Edges {
			ends = append(ends, [2]string{e.Source, e.Target})
		}
	case "cyjs":
		var doc cyjsDoc
		if err := json.Unmarshal(body, &doc); err != nil {
			t.Fatalf("parse Cytoscape JSON: %v\n%s", err, body)
		}
		for _, n := range doc.Elements.Nodes {
			id, _ := n.Data["id"].(string)
			nodes = append(nodes, id)
		}
		for _, e := range doc.Elements.Edges {
			src, _ := e.Data["source"].(string)
			dst, _ := e.Data["target"].(string)
			ends = append(ends, [2]string{src, dst})
		}
	}
	for _, n := range nodes {
		in[n] = true
	}
	for _, e := range ends {
		if !in[e[0]] || !in[e[1]] {
			t.Errorf("%s edge %s->%s joins a node not in the export", format, e[0], e[1])
		}
	}
	slices.Sort(nodes)
	return nodes, len(ends)
}

func TestExports(t *testing.T) {
	driver := mustOpenNeo4j(t)
	mustLoadFixture(t, driver)
	s := mustServe(t, driver, nil)
	for _, test := range []struct {
		path      string
		wantNodes []string // nil: just check it parses and is not empty
		wantEdges int      // -1: any
	}{
		{"/export/graph.FORMAT?supplierCountry=Belarus&region=RU-ARK", []string{"country:by", "enterprise:amkodor", "enterprise:maz", "region:ru-ark"}, 4},
		{"/export/graph.FORMAT?supplier=MAZ&status=delivered,contracted", []string{"enterprise:maz", "region:ru-ark"}, 2},
		{"/export/graph.FORMAT?since=2022&until=2022", []string{"enterprise:gomselmash", "region:ru-oms"}, 1},
		{"/export/graph.FORMAT", nil, -1},
		{"/export/neighborhood.FORMAT?id=enterprise:maz&depth=1", []string{"city:minsk", "city:petrozavodsk", "enterprise:maz", "product:buses", "region:ru-ark"}, -1},
		{"/export/neighborhood.FORMAT?id=region:ru-ark&depth=2&includeArticles=true", nil, -1},
		{"/export/path.FORMAT?from=enterprise:maz&to=enterprise:amkodor-onego", []string{"city:petrozavodsk", "enterprise:amkodor-onego", "enterprise:maz"}, 2},
	} {
		for _, format := range []string{"graphml", "gexf", "cyjs"} {
			path := strings.Replace(test.path, "FORMAT", format, 1)
			t.Run(path, func(t *testing.T) {
				status, header, body := s.get(t, path)
				if status != http.StatusOK {
					t.Fatalf("GET %s = %d %s", path, status, body)
				}
				if !strings.Contains(header.Get("Content-Disposition"), "attachment") {
					t.Errorf("Content-Disposition = %q", header.Get("Content-Disposition"))
				}
				nodes, edges := exportGraph(t, format, body)
				if test.wantNodes == nil && len(nodes) == 0 {
					t.Errorf("export has no nodes")
				}
				if test.wantNodes != nil {
					if diff := cmp.Diff(test.wantNodes, nodes); diff != "" {
						t.Errorf("nodes mismatch (-want +got):\n%s", diff)
					}
				}
				if test.wantEdges >= 0 && edges != test.wantEdges {
					t.Errorf("edges = %d, want %d", edges, test.wantEdges)
				}
			})
		}
	}
	// The whole graph includes articles' entities but no articles.
	_, _, body := s.get(t, "/export/graph.cyjs")
	nodes, _ := exportGraph(t, "cyjs", body)
	if len(nodes) != len(newFixture().nodes) {
		t.Errorf("whole graph = %d nodes, want every entity (%d)", len(nodes), len(newFixture().nodes))
	}
	for _, test := range []struct {
		path   string
		status int
	}{
		{"/export/graph.svg", http.StatusNotFound},
		{"/export/everything.gexf", http.StatusNotFound},
		{"/export/neighborhood.gexf", http.StatusBadRequest},
		{"/export/neighborhood.gexf?id=enterprise:nope", http.StatusNotFound},
		{"/export/neighborhood.gexf?id=enterprise:maz&depth=x", http.StatusBadRequest},
		{"/export/neighborhood.gexf?id=enterprise:maz&depth=99", http.StatusBadRequest},
		{"/export/path.graphml?from=enterprise:maz", http.StatusBadRequest},
		{"/export/graph.graphml?status=lost", http.StatusBadRequest},
		{"/export/graph.graphml?since=yesterday", http.StatusBadRequest},
		{"/export/graph.graphml?limit=100000000", http.StatusBadRequest},
	} {
		if status, _, body := s.get(t, test.path); status != test.status {
			t.Errorf("GET %s = %d %s, want %d", test.path, status, body, test.status)
		}
	}
}
