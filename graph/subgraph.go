package graph

import (
	"context"
	"fmt"
	"slices"

	"tradegraph/graph/model"
	"tradegraph/schema"
)

// maxPathHops is the longest path `path` looks for; queryShortestPaths
// spells it in its pattern, which cannot take a parameter.
const maxPathHops = 6

// maxPaths bounds how many shortest paths `path` returns.
const maxPaths = 100

// NeighborhoodArgs are the arguments of neighborhood and its export.
type NeighborhoodArgs struct {
	ID              string
	Depth           int
	Limit           int
	Types           []string
	IncludeArticles bool
}

// PathArgs are the arguments of path and its export.
type PathArgs struct {
	From, To string
	MaxHops  int
	Limit    int
}

// relTypes validates relationship types against the schema; nil for none.
func relTypes(types []string) (any, error) {
	if len(types) == 0 {
		return nil, nil
	}
	for _, t := range types {
		if !isRelType(t) {
			return nil, invalidf("types: %q is not a relationship type (want one of %v)", t, schema.AllRelTypes)
		}
	}
	return types, nil
}

// Neighborhood returns the entities within a.Depth hops of a.ID and the
// relationships between them. It walks breadth first, one query per hop,
// and keeps the nearest and most mentioned nodes when a.Limit cuts.
func (r *Resolver) Neighborhood(ctx context.Context, a NeighborhoodArgs) (*model.Subgraph, error) {
	lim := r.Limits.withDefaults()
	if a.Depth < 0 || a.Depth > lim.MaxNeighborhoodDepth {
		return nil, invalidf("depth must be between 0 and %d (got %d)", lim.MaxNeighborhoodDepth, a.Depth)
	}
	if a.Limit < 1 || a.Limit > lim.MaxSubgraphNodes {
		return nil, invalidf("limit must be between 1 and %d (got %d)", lim.MaxSubgraphNodes, a.Limit)
	}
	types, err := relTypes(a.Types)
	if err != nil {
		return nil, err
	}
	center, err := loadersFrom(ctx, r).entityByID(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	if center == nil {
		return nil, &clientError{kind: ErrNotFound, msg: fmt.Sprintf("no entity with id %q", a.ID)}
	}
	seen := []string{a.ID}
	frontier := []string{a.ID}
	truncated := false
	for d := 0; d < a.Depth && len(frontier) > 0 && !truncated; d++ {
		room := a.Limit - len(seen)
		if room <= 0 {
			truncated = true
			break
		}
		// Ask for one more than fits, to learn whether the limit cut.
		res, err := r.read(ctx, queryNeighbors, map[string]any{
			"frontier": frontier, "seen": seen, "types": types, "articles": a.IncludeArticles, "limit": room + 1,
		})
		if err != nil {
			return nil, fmt.Errorf("neighborhood of %s, hop %d: %w", a.ID, d+1, err)
		}
		frontier = frontier[:0:0]
		for _, rec := range res.Records {
			id, err := record[string](rec, "id")
			if err != nil {
				return nil, err
			}
			if len(frontier) == room {
				truncated = true
				break
			}
			frontier = append(frontier, id)
		}
		seen = append(seen, frontier...)
	}
	g, err := r.subgraph(ctx, seen, types)
	if err != nil {
		return nil, err
	}
	g.Truncated = g.Truncated || truncated
	return g, nil
}

// subgraph returns the nodes with ids and the relationships among them,
// at most MaxSubgraphEdges of them.
func (r *Resolver) subgraph(ctx context.Context, ids []string, types any) (*model.Subgraph, error) {
	edgeLimit := r.Limits.withDefaults().MaxSubgraphEdges
	idSet := make(map[string]any, len(ids))
	for _, id := range ids {
		idSet[id] = true
	}
	res, err := r.read(ctx, querySubgraph, map[string]any{"ids": ids, "idSet": idSet, "types": types, "edgeLimit": edgeLimit + 1})
	if err != nil {
		return nil, fmt.Errorf("subgraph of %d nodes: %w", len(ids), err)
	}
	g := &model.Subgraph{Nodes: []*model.GraphNode{}, Edges: []*model.GraphEdge{}}
	if len(res.Records) == 0 {
		return g, nil
	}
	row := props(res.Records[0].AsMap())
	// Keep the caller's order of nodes: the center first, then by hop.
	byID := map[string]*model.GraphNode{}
	for _, m := range row.maps("nodes") {
		n := toGraphNode(m)
		byID[n.ID] = n
	}
	for _, id := range ids {
		if n, ok := byID[id]; ok {
			g.Nodes = append(g.Nodes, n)
			delete(byID, id)
		}
	}
	for _, m := range row.maps("edges") {
		if len(g.Edges) == edgeLimit {
			g.Truncated = true
			break
		}
		g.Edges = append(g.Edges, toGraphEdge(m))
	}
	return g, nil
}

// toGraphNode converts a node map (entityMapN) for visualization: the
// label is the entity label (or Article), the caption its name (or title).
func toGraphNode(m props) *model.GraphNode {
	labels := m.strings("labels")
	label := entityLabel(labels)
	name := m.str(schema.PropName)
	if label == "" && slices.Contains(labels, schema.LabelArticle) {
		label = schema.LabelArticle
		name = m.str(schema.PropTitle)
	}
	properties := make(map[string]any, len(m))
	for k, v := range m {
		// labels is the query's addition; nameText repeats name and aliases.
		if k != "labels" && k != schema.PropNameText {
			properties[k] = v
		}
	}
	return &model.GraphNode{ID: m.str(schema.PropID), Label: label, Name: name, Properties: properties}
}

// toGraphEdge converts an edge map of querySubgraph or queryShortestPaths.
func toGraphEdge(m props) *model.GraphEdge {
	properties, _ := m["properties"].(map[string]any)
	if properties == nil {
		properties = map[string]any{}
	}
	return &model.GraphEdge{
		ID: m.str("id"), Type: m.str("type"), Source: m.str("source"), Target: m.str("target"),
		Properties: properties,
	}
}

// Path returns up to a.Limit shortest paths between two entities, through
// entities only, as one subgraph: their nodes and exactly their
// relationships.
func (r *Resolver) Path(ctx context.Context, a PathArgs) (*model.Subgraph, error) {
	if a.MaxHops < 1 || a.MaxHops > maxPathHops {
		return nil, invalidf("maxHops must be between 1 and %d (got %d)", maxPathHops, a.MaxHops)
	}
	if a.Limit < 1 || a.Limit > maxPaths {
		return nil, invalidf("limit must be between 1 and %d (got %d)", maxPaths, a.Limit)
	}
	ld := loadersFrom(ctx, r)
	from, to := ld.entity.LoadThunk(ctx, a.From), ld.entity.LoadThunk(ctx, a.To)
	for _, end := range []struct {
		id    string
		thunk func() (model.Entity, error)
	}{{a.From, from}, {a.To, to}} {
		e, err := end.thunk()
		if err != nil && !isLoaderNotFound(err) {
			return nil, err
		}
		if e == nil {
			return nil, &clientError{kind: ErrNotFound, msg: fmt.Sprintf("no entity with id %q", end.id)}
		}
	}
	g := &model.Subgraph{Nodes: []*model.GraphNode{}, Edges: []*model.GraphEdge{}}
	if a.From == a.To {
		// Neo4j's shortest path search refuses equal ends; the path is
		// the node itself.
		sub, err := r.subgraph(ctx, []string{a.From}, []string{})
		if err != nil {
			return nil, err
		}
		sub.Edges = []*model.GraphEdge{}
		return sub, nil
	}
	res, err := r.read(ctx, queryShortestPaths, map[string]any{
		"from": a.From, "to": a.To, "maxHops": a.MaxHops, "limit": a.Limit, "types": nil,
	})
	if err != nil {
		return nil, fmt.Errorf("paths from %s to %s: %w", a.From, a.To, err)
	}
	seenNode, seenEdge := map[string]bool{}, map[string]bool{}
	for _, rec := range res.Records {
		row := props(rec.AsMap())
		for _, m := range row.maps("nodes") {
			if n := toGraphNode(m); !seenNode[n.ID] {
				seenNode[n.ID] = true
				g.Nodes = append(g.Nodes, n)
			}
		}
		for _, m := range row.maps("edges") {
			if e := toGraphEdge(m); !seenEdge[e.ID] {
				seenEdge[e.ID] = true
				g.Edges = append(g.Edges, e)
			}
		}
	}
	return g, nil
}

// GraphArgs select the graph export: the supplies that pass Filter when
// it is set, else the whole entity graph; at most Limit nodes (or facts).
type GraphArgs struct {
	Filter *model.SupplyFilter
	Limit  int
}

// Graph returns the whole entity graph (most mentioned entities first) or,
// with a filter, the supplies that pass it with their suppliers and
// recipients.
func (r *Resolver) Graph(ctx context.Context, a GraphArgs) (*model.Subgraph, error) {
	lim := r.Limits.withDefaults()
	if a.Limit < 1 || a.Limit > lim.MaxSubgraphNodes {
		return nil, invalidf("limit must be between 1 and %d (got %d)", lim.MaxSubgraphNodes, a.Limit)
	}
	if a.Filter == nil {
		res, err := r.read(ctx, queryGraphNodes, map[string]any{"limit": a.Limit + 1})
		if err != nil {
			return nil, fmt.Errorf("graph export nodes: %w", err)
		}
		ids := make([]string, 0, len(res.Records))
		for _, rec := range res.Records {
			id, err := record[string](rec, "id")
			if err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
		truncated := len(ids) > a.Limit
		if truncated {
			ids = ids[:a.Limit]
		}
		g, err := r.subgraph(ctx, ids, nil)
		if err != nil {
			return nil, err
		}
		g.Truncated = g.Truncated || truncated
		return g, nil
	}
	params, err := supplyParams(a.Filter)
	if err != nil {
		return nil, err
	}
	edgeLimit := min(a.Limit, lim.MaxSubgraphEdges)
	params["limit"] = edgeLimit + 1
	res, err := r.read(ctx, querySupplyEdges, params)
	if err != nil {
		return nil, fmt.Errorf("graph export supplies: %w", err)
	}
	g := &model.Subgraph{Nodes: []*model.GraphNode{}, Edges: []*model.GraphEdge{}}
	seen := map[string]bool{}
	for _, rec := range res.Records {
		if len(g.Edges) == edgeLimit {
			g.Truncated = true
			break
		}
		row := props(rec.AsMap())
		for _, key := range []string{"source", "target"} {
			m, _ := row[key].(map[string]any)
			if n := toGraphNode(m); !seen[n.ID] {
				seen[n.ID] = true
				g.Nodes = append(g.Nodes, n)
			}
		}
		src, _ := row["source"].(map[string]any)
		dst, _ := row["target"].(map[string]any)
		row["source"], row["target"] = props(src).str(schema.PropID), props(dst).str(schema.PropID)
		g.Edges = append(g.Edges, toGraphEdge(row))
	}
	return g, nil
}
