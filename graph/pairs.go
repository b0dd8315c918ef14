package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// readFunc runs a read query: the resolver's cached read, or the driver
// directly in the benchmark.
type readFunc func(ctx context.Context, query string, params map[string]any) (*neo4j.EagerResult, error)

// pairLevel reports whether supply parameters q filter on the pair alone
// (countries, region, supplier, recipient), which the SupplyPair summary
// answers; a product, status or date filter, or Enterprise.supplies
// ($parents), needs the facts themselves.
func pairLevel(q map[string]any) bool {
	for _, factLevel := range []string{"parents", "product", "statuses", "since", "until"} {
		if q[factLevel] != nil {
			return false
		}
	}
	return true
}

// suppliesStatement returns the query and parameters that answer supply
// parameters q. For a pair-level filter it first resolves the filter's
// names to ids, one short round trip, and writes a WHERE clause with only
// the tests the filter needs: a test on a query variable costs the same
// for every pair it is asked of, even when it cannot fail, and the
// headline question counts tens of thousands of pairs. It reports none
// when a name matches nothing, so nothing can match.
func suppliesStatement(ctx context.Context, read readFunc, q map[string]any) (query string, params map[string]any, none bool, err error) {
	if !pairLevel(q) {
		return querySupplies, q, false, nil
	}
	res, err := read(ctx, queryResolveSupplyFilter, q)
	if err != nil {
		return "", nil, false, fmt.Errorf("resolve supply filter: %w", err)
	}
	if len(res.Records) != 1 {
		return "", nil, false, fmt.Errorf("resolve supply filter: %d records", len(res.Records))
	}
	ids := res.Records[0].AsMap()
	params = make(map[string]any, len(q)+6)
	for k, v := range q {
		params[k] = v
	}
	where, none := supplyPairsWhere(ids, params)
	if none {
		return "", nil, true, nil
	}
	return supplyPairsHead + where + supplyPairsPage + where + supplyPairsTail, params, false, nil
}

// supplyPairsWhere writes the WHERE clause on SupplyPair p for the
// resolved filter lists ids (nil: no filter) and adds their parameters to
// params. One supplier country, and one recipient country with it, become
// a sortKey prefix (schema/pairs.go), which the sortKey index answers in
// order and without reading the pairs.
func supplyPairsWhere(ids map[string]any, params map[string]any) (where string, none bool) {
	lists := map[string][]any{}
	for _, name := range []string{"supplierCountries", "recipientCountries", "regions", "suppliers", "recipients"} {
		l, isList := ids[name].([]any)
		if !isList {
			continue // null: no filter
		}
		if len(l) == 0 {
			return "", true
		}
		lists[name] = l
	}
	var tests []string
	prefix := ""
	sc, rc := lists["supplierCountries"], lists["recipientCountries"]
	if len(sc) == 1 {
		prefix = fmt.Sprint(sc[0]) + "\x01"
		delete(lists, "supplierCountries")
		if len(rc) == 1 {
			prefix += fmt.Sprint(rc[0]) + "\x01"
			delete(lists, "recipientCountries")
		}
	}
	params["pairPrefix"] = prefix
	tests = append(tests, "p.sortKey STARTS WITH $pairPrefix")
	for _, f := range []struct{ list, property string }{
		{"supplierCountries", "supplierCountry"},
		{"recipientCountries", "recipientCountry"},
		{"regions", "region"},
		{"suppliers", "supplier"},
		{"recipients", "recipient"},
	} {
		if l, ok := lists[f.list]; ok {
			params["pair_"+f.list] = l
			tests = append(tests, "p."+f.property+" IN $pair_"+f.list)
		}
	}
	return "WHERE " + strings.Join(tests, " AND "), false
}
