package graph

import (
	"encoding/base64"
	"strconv"
	"strings"

	"tradegraph/graph/model"
)

// page is a window of a sorted result: skip rows, then take limit.
type page struct {
	skip, limit int
}

// cursorPrefix versions the cursor format, so that a future keyset cursor
// can tell old cursors apart.
const cursorPrefix = "o1:"

// encodeCursor makes the opaque cursor of the row at offset.
func encodeCursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + strconv.Itoa(offset)))
}

// decodeCursor returns the offset a cursor names.
func decodeCursor(cursor string) (int, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil || !strings.HasPrefix(string(raw), cursorPrefix) {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimPrefix(string(raw), cursorPrefix))
	if err != nil || n < 0 {
		return 0, false
	}
	return n, true
}

// checkFirst validates a `first` argument against the maximum page size;
// nil means def.
func (r *Resolver) checkFirst(first *int, def int) (int, error) {
	if first == nil {
		return def, nil
	}
	maxSize := r.Limits.withDefaults().MaxPageSize
	switch {
	case *first < 0:
		return 0, invalidf("first must not be negative (got %d)", *first)
	case *first > maxSize:
		return 0, invalidf("first must be at most %d, the maximum page size (got %d)", maxSize, *first)
	}
	return *first, nil
}

// pageArgs validates Relay arguments: the page starts after the row the
// cursor names.
func (r *Resolver) pageArgs(first *int, after *string, def int) (page, error) {
	limit, err := r.checkFirst(first, def)
	if err != nil {
		return page{}, err
	}
	p := page{limit: limit}
	if after != nil && *after != "" {
		n, ok := decodeCursor(*after)
		if !ok {
			return page{}, invalidf("after: %q is not a cursor this API issued", *after)
		}
		p.skip = n + 1
	}
	return p, nil
}

// pageInfo describes n rows starting at p.skip out of total.
func pageInfo(p page, n, total int) *model.PageInfo {
	info := &model.PageInfo{
		HasNextPage:     p.skip+n < total,
		HasPreviousPage: p.skip > 0,
	}
	if n > 0 {
		start, end := encodeCursor(p.skip), encodeCursor(p.skip+n-1)
		info.StartCursor, info.EndCursor = &start, &end
	}
	return info
}

// edges builds a connection's edges from its nodes, numbering cursors from
// p.skip.
func edges[N any, E any](p page, nodes []N, edge func(cursor string, node N) E) []E {
	out := make([]E, len(nodes))
	for i, n := range nodes {
		out[i] = edge(encodeCursor(p.skip+i), n)
	}
	return out
}
