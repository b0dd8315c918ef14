package loader

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"tradegraph/loader/source"
	"tradegraph/schema"
)

// loadNaive loads every document in dir the way a first attempt would:
// one document at a time, one statement per node and relationship (the
// loader's own queries with one-row lists), one transaction per document.
// It exists only as the baseline of BenchmarkBatchedVsNaive, and
// TestNaiveWriterMatches keeps it honest.
func loadNaive(ctx context.Context, l *Loader, dir string) (int, error) {
	var reader source.Reader
	n := 0
	for doc, err := range reader.Read(ctx, []string{dir}) {
		if err != nil {
			return n, err
		}
		hash := doc.Hash()
		have, err := l.existing(ctx, []string{doc.ID})
		if err != nil {
			return n, err
		}
		if s, ok := have[doc.ID]; ok && s.hash == hash {
			continue
		}
		rows := buildRows(doc, l.x.Extract(doc), l.gaz, hash)
		if err := l.writeNaive(ctx, &rows); err != nil {
			return n, fmt.Errorf("write %s: %w", doc.Origin, err)
		}
		n++
	}
	return n, nil
}

func (l *Loader) writeNaive(ctx context.Context, rows *docRows) error {
	p := paramsOf([]*docRows{rows}, nil)
	session := l.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: l.cfg.Database})
	defer closeSession(ctx, session, l)
	_, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		run := func(query, key string, value any) ([]*neo4j.Record, error) {
			res, err := tx.Run(ctx, query, map[string]any{key: value})
			if err != nil {
				return nil, err
			}
			return res.Collect(ctx)
		}
		each := func(query, key string, values []any) error {
			for _, v := range values {
				if _, err := run(query, key, []any{v}); err != nil {
					return err
				}
			}
			return nil
		}
		records, err := run(queryDeleteMentions, "ids", p.ids)
		if err != nil {
			return nil, err
		}
		reloaded, touched, err := reloadedArticles(records)
		if err != nil {
			return nil, err
		}
		pairs := newPairSet(p.facts)
		if len(reloaded) > 0 {
			records, err := run(queryDeleteFacts, "ids", reloaded)
			if err != nil {
				return nil, err
			}
			if err := pairs.addRecords(records); err != nil {
				return nil, err
			}
		}
		// Every entity of the document, a superset of those whose name or
		// country changed, gets its pairs refreshed.
		var entities []any
		for _, rows := range [][]any{p.known, p.discovered} {
			for _, row := range rows {
				entities = append(entities, row.(map[string]any)["id"])
			}
		}
		pairList := make([]any, len(pairs.list))
		for i, pair := range pairs.list {
			pairList[i] = pair
		}
		for _, step := range []struct {
			query, key string
			values     []any
		}{
			{queryMergeKnown, "rows", p.known},
			{queryMergeDiscovered, "rows", p.discovered},
			{queryMergeArticles, "rows", p.articles},
			{queryCreateMentions, "rows", p.mentions},
			{queryCreateFacts, "rows", p.facts},
			{queryMergeLinks, "rows", p.links},
			{queryCountMentions, "ids", anys(without(p.mentioned, touched))},
			{queryRecomputeTouched, "ids", anys(touched)},
			{schema.RefreshSupplyPairs, "pairs", pairList},
			{schema.RefreshEntityPairs, "ids", entities},
		} {
			if err := each(step.query, step.key, step.values); err != nil {
				return nil, err
			}
		}
		return nil, nil
	})
	return err
}

func anys(ids []string) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}
