package graph

import (
	"bufio"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"tradegraph/graph/model"
)

// Export formats, by file extension.
const (
	formatGraphML   = "graphml" // GraphML: yEd, Gephi, Cytoscape
	formatGEXF      = "gexf"    // GEXF 1.3: Gephi
	formatCytoscape = "cyjs"    // Cytoscape.js JSON (Cytoscape desktop reads it too)
)

// exporter serves /export/{graph,neighborhood,path}.{graphml,gexf,cyjs}:
// the subgraphs of the GraphQL API as files visualization tools open.
type exporter struct {
	r *Resolver
}

func (x *exporter) serve(w http.ResponseWriter, req *http.Request) {
	file := req.PathValue("file")
	name, format, _ := strings.Cut(file, ".")
	if format != formatGraphML && format != formatGEXF && format != formatCytoscape {
		writeText(w, http.StatusNotFound, "unknown export format: want .graphml, .gexf or .cyjs")
		return
	}
	q := req.URL.Query()
	var g *model.Subgraph
	var err error
	switch name {
	case "graph":
		g, err = x.graph(req.Context(), q)
	case "neighborhood":
		g, err = x.neighborhood(req.Context(), q)
	case "path":
		g, err = x.path(req.Context(), q)
	default:
		writeText(w, http.StatusNotFound, "unknown export: want graph, neighborhood or path")
		return
	}
	if err != nil {
		x.fail(w, req, err)
		return
	}
	switch format {
	case formatGraphML:
		w.Header().Set("Content-Type", "application/graphml+xml; charset=utf-8")
	case formatGEXF:
		w.Header().Set("Content-Type", "application/gexf+xml; charset=utf-8")
	default:
		w.Header().Set("Content-Type", "application/json")
	}
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", file))
	if err := writeSubgraph(w, format, g, "tradegraph "+name); err != nil {
		// The status line is gone; the client sees a cut file.
		x.r.Logger.WarnContext(req.Context(), "write export", "file", file, "err", err)
	}
}

// fail answers an export error with the status it deserves.
func (x *exporter) fail(w http.ResponseWriter, req *http.Request, err error) {
	var ce *clientError
	switch {
	case errors.As(err, &ce) && errors.Is(ce.kind, ErrNotFound):
		writeText(w, http.StatusNotFound, ce.msg)
	case errors.As(err, &ce):
		writeText(w, http.StatusBadRequest, ce.msg)
	case errors.Is(err, context.DeadlineExceeded):
		writeText(w, http.StatusGatewayTimeout, "request timed out")
	case errors.Is(err, errUnavailable) || neo4j.IsConnectivityError(err):
		writeText(w, http.StatusServiceUnavailable, "the database is unavailable; try again later")
	default:
		x.r.Logger.ErrorContext(req.Context(), "export failed", "path", req.URL.Path, "err", err)
		writeText(w, http.StatusInternalServerError, "internal error")
	}
}

// intParam reads an integer query parameter, def when absent.
func intParam(q url.Values, name string, def int) (int, error) {
	v := q.Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, invalidf("%s: %q is not an integer", name, v)
	}
	return n, nil
}

// listParam reads a parameter given as a comma-separated list, repeated,
// or both.
func listParam(q url.Values, name string) []string {
	var out []string
	for _, v := range q[name] {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// graph exports the supplies that pass the SupplyFilter given as query
// parameters (same names as the GraphQL input), or the whole entity graph
// when there are none.
func (x *exporter) graph(ctx context.Context, q url.Values) (*model.Subgraph, error) {
	limit, err := intParam(q, "limit", x.r.Limits.withDefaults().MaxSubgraphNodes)
	if err != nil {
		return nil, err
	}
	f := &model.SupplyFilter{}
	filtered := false
	for name, dst := range map[string]**string{
		"supplierCountry": &f.SupplierCountry, "recipientCountry": &f.RecipientCountry, "region": &f.Region,
		"supplier": &f.Supplier, "recipient": &f.Recipient, "product": &f.Product,
	} {
		if v := q.Get(name); v != "" {
			*dst = &v
			filtered = true
		}
	}
	for _, s := range listParam(q, "status") {
		st := model.SupplyStatus(strings.ToUpper(s))
		if !st.IsValid() {
			return nil, invalidf("status: %q is not a supply status", s)
		}
		f.Status = append(f.Status, st)
		filtered = true
	}
	for name, dst := range map[string]**model.Date{"since": &f.Since, "until": &f.Until} {
		if v := q.Get(name); v != "" {
			d, err := model.ParseDate(v)
			if err != nil {
				return nil, invalidf("%s: %q: want YYYY, YYYY-MM or YYYY-MM-DD", name, v)
			}
			*dst = &d
			filtered = true
		}
	}
	if !filtered {
		f = nil
	}
	return x.r.Graph(ctx, GraphArgs{Filter: f, Limit: limit})
}

func (x *exporter) neighborhood(ctx context.Context, q url.Values) (*model.Subgraph, error) {
	a := NeighborhoodArgs{ID: q.Get("id"), Types: listParam(q, "types")}
	if a.ID == "" {
		return nil, invalidf("id: the entity id is required, e.g. ?id=enterprise:maz")
	}
	var err error
	if a.Depth, err = intParam(q, "depth", 1); err != nil {
		return nil, err
	}
	if a.Limit, err = intParam(q, "limit", 100); err != nil {
		return nil, err
	}
	a.IncludeArticles = q.Get("includeArticles") == "true"
	return x.r.Neighborhood(ctx, a)
}

func (x *exporter) path(ctx context.Context, q url.Values) (*model.Subgraph, error) {
	a := PathArgs{From: q.Get("from"), To: q.Get("to")}
	if a.From == "" || a.To == "" {
		return nil, invalidf("from and to: both entity ids are required")
	}
	var err error
	if a.MaxHops, err = intParam(q, "maxHops", 4); err != nil {
		return nil, err
	}
	if a.Limit, err = intParam(q, "limit", 10); err != nil {
		return nil, err
	}
	return x.r.Path(ctx, a)
}

// writeSubgraph writes g in format.
func writeSubgraph(w io.Writer, format string, g *model.Subgraph, title string) error {
	bw := bufio.NewWriter(w)
	var err error
	switch format {
	case formatGraphML:
		err = writeGraphML(bw, g)
	case formatGEXF:
		err = writeGEXF(bw, g, title)
	default:
		err = writeCytoscape(bw, g, title)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// attr is one property column of an export: its name and the type that
// holds every value of it.
type attr struct {
	name string
	typ  string // "string", "long", "double" or "boolean"
}

// attrsOf lists the properties of a set of property maps in name order,
// each typed by the narrowest type that holds all its values. Lists and
// mixed values become strings (JSON for lists).
func attrsOf(maps []map[string]any) []attr {
	types := map[string]string{}
	for _, m := range maps {
		for k, v := range m {
			t := valueType(v)
			switch prev, ok := types[k]; {
			case !ok || prev == t:
				types[k] = t
			case (prev == "long" && t == "double") || (prev == "double" && t == "long"):
				types[k] = "double"
			default:
				types[k] = "string"
			}
		}
	}
	out := make([]attr, 0, len(types))
	for k, t := range types {
		out = append(out, attr{name: k, typ: t})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

func valueType(v any) string {
	switch v.(type) {
	case int64, int:
		return "long"
	case float64:
		return "double"
	case bool:
		return "boolean"
	}
	return "string"
}

// formatValue writes a property value as text of type typ.
func formatValue(v any, typ string) string {
	switch x := v.(type) {
	case string:
		return x
	case int64:
		if typ == "double" {
			return strconv.FormatFloat(float64(x), 'g', -1, 64)
		}
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case nil:
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func nodeProps(g *model.Subgraph) []map[string]any {
	out := make([]map[string]any, len(g.Nodes))
	for i, n := range g.Nodes {
		out[i] = n.Properties
	}
	return out
}

func edgeProps(g *model.Subgraph) []map[string]any {
	out := make([]map[string]any, len(g.Edges))
	for i, e := range g.Edges {
		out[i] = e.Properties
	}
	return out
}

// GraphML document structure (http://graphml.graphdrawing.org/).
type graphML struct {
	XMLName xml.Name     `xml:"graphml"`
	XMLNS   string       `xml:"xmlns,attr"`
	Keys    []graphMLKey `xml:"key"`
	Graph   graphMLGraph `xml:"graph"`
}

type graphMLKey struct {
	ID       string `xml:"id,attr"`
	For      string `xml:"for,attr"`
	AttrName string `xml:"attr.name,attr"`
	AttrType string `xml:"attr.type,attr"`
}

type graphMLGraph struct {
	ID          string        `xml:"id,attr"`
	EdgeDefault string        `xml:"edgedefault,attr"`
	Nodes       []graphMLNode `xml:"node"`
	Edges       []graphMLEdge `xml:"edge"`
}

type graphMLNode struct {
	ID   string        `xml:"id,attr"`
	Data []graphMLData `xml:"data"`
}

type graphMLEdge struct {
	ID     string        `xml:"id,attr"`
	Source string        `xml:"source,attr"`
	Target string        `xml:"target,attr"`
	Data   []graphMLData `xml:"data"`
}

type graphMLData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

// writeGraphML writes g as GraphML. Node keys are "n_<property>", edge
// keys "e_<property>", plus "label"/"name" on nodes and "type" on edges.
func writeGraphML(w io.Writer, g *model.Subgraph) error {
	doc := graphML{XMLNS: "http://graphml.graphdrawing.org/xmlns",
		Graph: graphMLGraph{ID: "tradegraph", EdgeDefault: "directed"}}
	doc.Keys = append(doc.Keys,
		graphMLKey{ID: "label", For: "node", AttrName: "label", AttrType: "string"},
		graphMLKey{ID: "name", For: "node", AttrName: "name", AttrType: "string"},
		graphMLKey{ID: "type", For: "edge", AttrName: "type", AttrType: "string"})
	nattrs, eattrs := attrsOf(nodeProps(g)), attrsOf(edgeProps(g))
	for _, a := range nattrs {
		doc.Keys = append(doc.Keys, graphMLKey{ID: "n_" + a.name, For: "node", AttrName: a.name, AttrType: a.typ})
	}
	for _, a := range eattrs {
		doc.Keys = append(doc.Keys, graphMLKey{ID: "e_" + a.name, For: "edge", AttrName: a.name, AttrType: a.typ})
	}
	for _, n := range g.Nodes {
		node := graphMLNode{ID: n.ID, Data: []graphMLData{{Key: "label", Value: n.Label}, {Key: "name", Value: n.Name}}}
		for _, a := range nattrs {
			if v, ok := n.Properties[a.name]; ok {
				node.Data = append(node.Data, graphMLData{Key: "n_" + a.name, Value: formatValue(v, a.typ)})
			}
		}
		doc.Graph.Nodes = append(doc.Graph.Nodes, node)
	}
	for _, e := range g.Edges {
		edge := graphMLEdge{ID: e.ID, Source: e.Source, Target: e.Target, Data: []graphMLData{{Key: "type", Value: e.Type}}}
		for _, a := range eattrs {
			if v, ok := e.Properties[a.name]; ok {
				edge.Data = append(edge.Data, graphMLData{Key: "e_" + a.name, Value: formatValue(v, a.typ)})
			}
		}
		doc.Graph.Edges = append(doc.Graph.Edges, edge)
	}
	return writeXML(w, doc)
}

func writeXML(w io.Writer, doc any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write xml header: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode xml: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write xml: %w", err)
	}
	return nil
}

// GEXF 1.3 document structure (https://gexf.net/).
type gexf struct {
	XMLName xml.Name  `xml:"gexf"`
	XMLNS   string    `xml:"xmlns,attr"`
	Version string    `xml:"version,attr"`
	Meta    gexfMeta  `xml:"meta"`
	Graph   gexfGraph `xml:"graph"`
}

type gexfMeta struct {
	Creator     string `xml:"creator"`
	Description string `xml:"description"`
}

type gexfGraph struct {
	DefaultEdgeType string           `xml:"defaultedgetype,attr"`
	Mode            string           `xml:"mode,attr"`
	Attributes      []gexfAttributes `xml:"attributes"`
	Nodes           []gexfNode       `xml:"nodes>node"`
	Edges           []gexfEdge       `xml:"edges>edge"`
}

type gexfAttributes struct {
	Class string          `xml:"class,attr"`
	Attrs []gexfAttribute `xml:"attribute"`
}

type gexfAttribute struct {
	ID    string `xml:"id,attr"`
	Title string `xml:"title,attr"`
	Type  string `xml:"type,attr"`
}

type gexfNode struct {
	ID        string         `xml:"id,attr"`
	Label     string         `xml:"label,attr"`
	AttValues []gexfAttValue `xml:"attvalues>attvalue,omitempty"`
}

type gexfEdge struct {
	ID        string         `xml:"id,attr"`
	Source    string         `xml:"source,attr"`
	Target    string         `xml:"target,attr"`
	Label     string         `xml:"label,attr"`
	AttValues []gexfAttValue `xml:"attvalues>attvalue,omitempty"`
}

type gexfAttValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

// writeGEXF writes g as GEXF 1.3. The node label attribute is the caption
// (name); the entity type is the "type" attribute; edges carry their
// relationship type as label and "type".
func writeGEXF(w io.Writer, g *model.Subgraph, title string) error {
	doc := gexf{XMLNS: "http://gexf.net/1.3", Version: "1.3",
		Meta:  gexfMeta{Creator: "tradegraph", Description: title},
		Graph: gexfGraph{DefaultEdgeType: "directed", Mode: "static"}}
	nattrs := append([]attr{{name: "type", typ: "string"}}, attrsOf(nodeProps(g))...)
	eattrs := append([]attr{{name: "type", typ: "string"}}, attrsOf(edgeProps(g))...)
	// GEXF attribute titles must be unique; a property named "type" loses
	// to the node's label or the edge's relationship type.
	nattrs, eattrs = dedupAttrs(nattrs), dedupAttrs(eattrs)
	doc.Graph.Attributes = []gexfAttributes{{Class: "node"}, {Class: "edge"}}
	for i, a := range nattrs {
		doc.Graph.Attributes[0].Attrs = append(doc.Graph.Attributes[0].Attrs, gexfAttribute{ID: "n" + strconv.Itoa(i), Title: a.name, Type: a.typ})
	}
	for i, a := range eattrs {
		doc.Graph.Attributes[1].Attrs = append(doc.Graph.Attributes[1].Attrs, gexfAttribute{ID: "e" + strconv.Itoa(i), Title: a.name, Type: a.typ})
	}
	for _, n := range g.Nodes {
		node := gexfNode{ID: n.ID, Label: n.Name, AttValues: []gexfAttValue{{For: "n0", Value: n.Label}}}
		for i, a := range nattrs[1:] {
			if v, ok := n.Properties[a.name]; ok {
				node.AttValues = append(node.AttValues, gexfAttValue{For: "n" + strconv.Itoa(i+1), Value: formatValue(v, a.typ)})
			}
		}
		doc.Graph.Nodes = append(doc.Graph.Nodes, node)
	}
	for _, e := range g.Edges {
		edge := gexfEdge{ID: e.ID, Source: e.Source, Target: e.Target, Label: e.Type,
			AttValues: []gexfAttValue{{For: "e0", Value: e.Type}}}
		for i, a := range eattrs[1:] {
			if v, ok := e.Properties[a.name]; ok {
				edge.AttValues = append(edge.AttValues, gexfAttValue{For: "e" + strconv.Itoa(i+1), Value: formatValue(v, a.typ)})
			}
		}
		doc.Graph.Edges = append(doc.Graph.Edges, edge)
	}
	return writeXML(w, doc)
}

// dedupAttrs drops later attributes whose name an earlier one has.
func dedupAttrs(attrs []attr) []attr {
	seen := map[string]bool{}
	out := attrs[:0:0]
	for _, a := range attrs {
		if !seen[a.name] {
			seen[a.name] = true
			out = append(out, a)
		}
	}
	return out
}

// cytoscapeReserved are data fields Cytoscape.js gives meaning; a property
// of that name is written as "property_<name>".
func cytoscapeKey(key string, edge bool) string {
	switch key {
	case "id", "parent":
		return "property_" + key
	case "source", "target":
		if edge {
			return "property_" + key
		}
	}
	return key
}

// writeCytoscape writes g as Cytoscape.js JSON: {elements: {nodes, edges}}
// with every property in each element's data, as Cytoscape desktop's
// .cyjs files are laid out.
func writeCytoscape(w io.Writer, g *model.Subgraph, title string) error {
	type element struct {
		Data map[string]any `json:"data"`
	}
	doc := struct {
		FormatVersion string         `json:"format_version"`
		GeneratedBy   string         `json:"generated_by"`
		Target        string         `json:"target_cytoscapejs_version"`
		Data          map[string]any `json:"data"`
		Elements      struct {
			Nodes []element `json:"nodes"`
			Edges []element `json:"edges"`
		} `json:"elements"`
	}{FormatVersion: "1.0", GeneratedBy: "tradegraph", Target: "~3",
		Data: map[string]any{"name": title, "truncated": g.Truncated}}
	doc.Elements.Nodes, doc.Elements.Edges = []element{}, []element{}
	for _, n := range g.Nodes {
		data := map[string]any{}
		for k, v := range n.Properties {
			data[cytoscapeKey(k, false)] = v
		}
		data["id"], data["label"], data["name"] = n.ID, n.Label, n.Name
		doc.Elements.Nodes = append(doc.Elements.Nodes, element{Data: data})
	}
	for _, e := range g.Edges {
		data := map[string]any{}
		for k, v := range e.Properties {
			data[cytoscapeKey(k, true)] = v
		}
		data["id"], data["source"], data["target"] = e.ID, e.Source, e.Target
		data["interaction"], data["type"] = e.Type, e.Type
		doc.Elements.Edges = append(doc.Elements.Edges, element{Data: data})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("encode cytoscape json: %w", err)
	}
	return nil
}
