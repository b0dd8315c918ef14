package loader

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"tradegraph/schema"
)

// batchParams are the query parameters of one write transaction: the rows
// of several articles, with entities named by more than one of them
// merged into one row.
type batchParams struct {
	ids        []string // article ids, whose old facts are deleted first
	known      []any
	discovered []any
	articles   []any
	mentions   []any
	facts      []any
	links      []any
	mentioned  []string // ids of entities that gain mentions
	linkKeys   []link   // the links in links
	// knownRows holds the confidence of each gazetteer entity in known.
	knownRows map[string]*float64
}

// paramsOf merges the rows of a batch. Entities are deduplicated by id:
// a gazetteer entity has the same properties wherever it is named, and a
// discovered one gets the union of spellings and the first value of each
// property, as the database would give it one article at a time. Links
// and gazetteer entities done holds already are left out.
func paramsOf(batch []*docRows, done *written) batchParams {
	var p batchParams
	entities := map[string]*entityRow{}
	var order []string
	for _, rows := range batch {
		p.ids = append(p.ids, rows.ArticleID)
		p.articles = append(p.articles, map[string]any{"id": rows.ArticleID, "props": rows.Article})
		for i := range rows.Entities {
			e := &rows.Entities[i]
			have, ok := entities[e.ID]
			if !ok {
				c := *e
				c.Props = copyMap(e.Props)
				entities[e.ID] = &c
				order = append(order, e.ID)
				continue
			}
			have.Confidence = maxConfidence(have.Confidence, e.Confidence)
			if !have.Known && !e.Known {
				for k, v := range e.Props {
					if _, ok := have.Props[k]; !ok {
						have.Props[k] = v
					}
				}
				for _, a := range e.Aliases {
					if !slices.Contains(have.Aliases, a) {
						have.Aliases = append(have.Aliases, a)
					}
				}
			}
		}
		for _, m := range rows.Mentions {
			p.mentions = append(p.mentions, map[string]any{
				"article": m.Article, "entity": m.Entity, "count": m.Count, "confidence": m.Confidence,
			})
		}
		for _, f := range rows.Facts {
			p.facts = append(p.facts, map[string]any{"type": f.Type, "from": f.From, "to": f.To, "props": f.Props})
		}
	}
	links := map[link]bool{}
	for _, rows := range batch {
		for _, l := range rows.Links {
			key := link{l.Type, l.From, l.To}
			if !links[key] && !done.hasLink(key) {
				links[key] = true
				p.linkKeys = append(p.linkKeys, key)
				p.links = append(p.links, map[string]any{"type": l.Type, "from": l.From, "to": l.To})
			}
		}
	}
	for _, id := range order {
		e := entities[id]
		var conf any
		if e.Confidence != nil {
			conf = *e.Confidence
			p.mentioned = append(p.mentioned, id)
		}
		if e.Known {
			if done.covers(id, e.Confidence) {
				continue
			}
			if p.knownRows == nil {
				p.knownRows = map[string]*float64{}
			}
			p.knownRows[id] = e.Confidence
			p.known = append(p.known, map[string]any{"id": id, "label": e.Label, "props": e.Props, "confidence": conf})
			continue
		}
		aliases := slices.Clone(e.Aliases)
		slices.Sort(aliases)
		if aliases == nil {
			aliases = []string{}
		}
		p.discovered = append(p.discovered, map[string]any{
			"id": id, "label": e.Label, "props": e.Props, "aliases": aliases, "confidence": conf,
		})
	}
	return p
}

func maxConfidence(a, b *float64) *float64 {
	switch {
	case a == nil:
		return b
	case b == nil || *a >= *b:
		return a
	}
	return b
}

func copyMap(m map[string]any) map[string]any {
	c := make(map[string]any, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// writeCounts says what one write transaction did.
type writeCounts struct {
	Entities      int // entity nodes written
	Facts         int // text facts created
	NodesDeleted  int
	NodesCreated  int
	RelsCreated   int
	RelsDeleted   int
	PropertiesSet int
}

// writeBatch replaces the facts of every article in batch in one
// transaction: delete the old MENTIONS and facts, merge entities and
// articles, create the new facts, merge gazetteer structure and recompute
// the counts of every entity touched. Either all of it is committed or
// none, which is what makes a killed load safe to rerun. What done holds
// (committed earlier in the same load) is not written again.
func (l *Loader) writeBatch(ctx context.Context, batch []*docRows, done *written) (writeCounts, error) {
	p := paramsOf(batch, done)
	session := l.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: l.cfg.Database, AccessMode: neo4j.AccessModeWrite})
	defer closeSession(ctx, session, l)
	var lastTouched []string // of the attempt that committed
	c, err := neo4j.ExecuteWrite(ctx, session, func(tx neo4j.ManagedTransaction) (writeCounts, error) {
		var c writeCounts
		if l.beforeWrite != nil {
			if err := l.beforeWrite(p.ids); err != nil {
				return c, err
			}
		}
		run := func(name, query string, params map[string]any) ([]*neo4j.Record, error) {
			res, err := tx.Run(ctx, query, params)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			records, err := res.Collect(ctx)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			sum, err := res.Consume(ctx)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			n := sum.Counters()
			c.NodesCreated += n.NodesCreated()
			c.NodesDeleted += n.NodesDeleted()
			c.RelsCreated += n.RelationshipsCreated()
			c.RelsDeleted += n.RelationshipsDeleted()
			c.PropertiesSet += n.PropertiesSet()
			return records, nil
		}
		start := time.Now()
		// Articles new to the graph have no old facts: only the ids the
		// first query finds go on to the other deletes.
		records, err := run("delete mentions", queryDeleteMentions, map[string]any{"ids": p.ids})
		if err != nil {
			return c, err
		}
		reloaded, touched, err := reloadedArticles(records)
		if err != nil {
			return c, fmt.Errorf("delete mentions: %w", err)
		}
		lastTouched = touched
		timings := []any{"articles", len(p.ids), "delete mentions", time.Since(start).Round(time.Millisecond)}
		// Supply pairs whose facts this batch deletes or creates, and
		// entities whose name or country changes, get their summary
		// refreshed last (schema.SupplyPair).
		pairs := newPairSet(p.facts)
		var changed []string
		collectChanged := func(records []*neo4j.Record) error {
			ids, err := recordStrings(records, "changed")
			changed = append(changed, ids...)
			return err
		}
		steps := []struct {
			name, query string
			params      map[string]any
			skip        bool
			read        func([]*neo4j.Record) error // of the step's records, when not nil
		}{
			{"delete facts", queryDeleteFacts, map[string]any{"ids": reloaded}, len(reloaded) == 0, pairs.addRecords},
			{"merge gazetteer entities", queryMergeKnown, map[string]any{"rows": p.known}, len(p.known) == 0, collectChanged},
			{"merge discovered entities", queryMergeDiscovered, map[string]any{"rows": p.discovered}, len(p.discovered) == 0, collectChanged},
			{"merge articles", queryMergeArticles, map[string]any{"rows": p.articles}, false, nil},
			{"create mentions", queryCreateMentions, map[string]any{"rows": p.mentions}, len(p.mentions) == 0, nil},
			{"create facts", queryCreateFacts, map[string]any{"rows": p.facts}, len(p.facts) == 0, nil},
			{"merge structure", queryMergeLinks, map[string]any{"rows": p.links}, len(p.links) == 0, nil},
			{"count mentions", queryCountMentions, map[string]any{"ids": without(p.mentioned, touched)}, len(p.mentioned) == 0, nil},
			{"recompute reloaded entities", queryRecomputeTouched, map[string]any{"ids": touched}, len(touched) == 0, nil},
			{"refresh supply pairs", schema.RefreshSupplyPairs, nil, false, nil},
			{"refresh pairs of changed entities", schema.RefreshEntityPairs, nil, false, nil},
		}
		for _, s := range steps {
			// The last two steps take what the earlier ones found.
			switch s.query {
			case schema.RefreshSupplyPairs:
				s.params, s.skip = map[string]any{"pairs": pairs.list}, len(pairs.list) == 0
			case schema.RefreshEntityPairs:
				s.params, s.skip = map[string]any{"ids": changed}, len(changed) == 0
			}
			if s.skip {
				continue
			}
			t := time.Now()
			records, err := run(s.name, s.query, s.params)
			if err != nil {
				return c, err
			}
			if s.read != nil {
				if err := s.read(records); err != nil {
					return c, fmt.Errorf("%s: %w", s.name, err)
				}
			}
			timings = append(timings, s.name, time.Since(t).Round(time.Millisecond))
		}
		l.logger.Debug("batch written", timings...)
		c.Entities = len(p.known) + len(p.discovered)
		c.Facts = len(p.facts)
		return c, nil
	}, neo4j.WithTxMetadata(map[string]any{"app": "tradegraph-loader"}))
	if err == nil {
		done.commit(p.linkKeys, p.knownRows, lastTouched)
	}
	return c, err
}

// pairSet gathers the distinct [supplier, recipient] pairs of SUPPLIES
// facts a batch touches.
type pairSet struct {
	seen map[[2]string]bool
	list [][]string
}

// newPairSet starts a set with the pairs of the SUPPLIES among facts.
func newPairSet(facts []any) *pairSet {
	ps := &pairSet{seen: map[[2]string]bool{}}
	for _, f := range facts {
		row := f.(map[string]any)
		if row["type"] == schema.RelSupplies {
			ps.add(row["from"].(string), row["to"].(string))
		}
	}
	return ps
}

func (ps *pairSet) add(from, to string) {
	if k := [2]string{from, to}; !ps.seen[k] {
		ps.seen[k] = true
		ps.list = append(ps.list, []string{from, to})
	}
}

// addRecords adds the pairs of queryDeleteFacts' records.
func (ps *pairSet) addRecords(records []*neo4j.Record) error {
	for _, r := range records {
		pairs, _, err := neo4j.GetRecordValue[[]any](r, "pairs")
		if err != nil {
			return err
		}
		for _, p := range pairs {
			ends, _ := p.([]any)
			if len(ends) != 2 {
				return fmt.Errorf("supply pair %v: want [supplier, recipient]", p)
			}
			from, ok1 := ends[0].(string)
			to, ok2 := ends[1].(string)
			if !ok1 || !ok2 {
				return fmt.Errorf("supply pair %v: ids are not strings", p)
			}
			ps.add(from, to)
		}
	}
	return nil
}

// recordStrings returns the string values of key in records.
func recordStrings(records []*neo4j.Record, key string) ([]string, error) {
	out := make([]string, 0, len(records))
	for _, r := range records {
		v, _, err := neo4j.GetRecordValue[string](r, key)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// reloadedArticles reads the result of queryDeleteMentions: the ids of the
// articles the graph held already and the entities they named.
func reloadedArticles(records []*neo4j.Record) (ids, touched []string, err error) {
	seen := map[string]bool{}
	for _, r := range records {
		id, _, err := neo4j.GetRecordValue[string](r, "id")
		if err != nil {
			return nil, nil, err
		}
		entities, _, err := neo4j.GetRecordValue[[]any](r, "entities")
		if err != nil {
			return nil, nil, err
		}
		ids = append(ids, id)
		for _, e := range entities {
			if e, ok := e.(string); ok && !seen[e] {
				seen[e] = true
				touched = append(touched, e)
			}
		}
	}
	return ids, touched, nil
}

// written remembers what a load has committed that later batches need
// not write again: gazetteer links (the same few hundred, a region PART_OF
// Russia, would otherwise be merged in every batch) and gazetteer entity
// nodes with the highest confidence given to them. Both are pure functions
// of the gazetteer, and the loader never deletes either, so the memory
// stays true for the load; entities whose mentions a reload removed are
// forgotten, as their confidence may have dropped. A nil *written
// remembers nothing.
type written struct {
	mu    sync.Mutex
	links map[link]bool
	known map[string]float64 // entity id → confidence written (-1: none)
}

// link is the key of a gazetteer structure relationship.
type link struct{ typ, from, to string }

func newWritten() *written {
	return &written{links: map[link]bool{}, known: map[string]float64{}}
}

func (w *written) hasLink(k link) bool {
	if w == nil {
		return false
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.links[k]
}

// covers reports whether gazetteer entity id was written with at least
// confidence conf (nil: any).
func (w *written) covers(id string, conf *float64) bool {
	if w == nil {
		return false
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	have, ok := w.known[id]
	return ok && (conf == nil || *conf <= have)
}

// commit records what a committed transaction wrote.
func (w *written) commit(links []link, known map[string]*float64, touched []string) {
	if w == nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, k := range links {
		w.links[k] = true
	}
	for id, conf := range known {
		c := -1.0
		if conf != nil {
			c = *conf
		}
		if have, ok := w.known[id]; !ok || c > have {
			w.known[id] = c
		}
	}
	for _, id := range touched {
		delete(w.known, id)
	}
}

// without returns the ids of a that are not in b.
func without(a, b []string) []string {
	if len(b) == 0 {
		return a
	}
	drop := make(map[string]bool, len(b))
	for _, id := range b {
		drop[id] = true
	}
	out := make([]string, 0, len(a))
	for _, id := range a {
		if !drop[id] {
			out = append(out, id)
		}
	}
	return out
}

// existing returns the stored hash and extractor version of the articles
// among ids that are in the graph, in one query.
func (l *Loader) existing(ctx context.Context, ids []string) (map[string]stored, error) {
	session := l.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: l.cfg.Database, AccessMode: neo4j.AccessModeRead})
	defer closeSession(ctx, session, l)
	return neo4j.ExecuteRead(ctx, session, func(tx neo4j.ManagedTransaction) (map[string]stored, error) {
		res, err := tx.Run(ctx, queryExistingArticles, map[string]any{"ids": ids})
		if err != nil {
			return nil, fmt.Errorf("look up articles: %w", err)
		}
		out := map[string]stored{}
		for res.Next(ctx) {
			r := res.Record()
			id, _, err := neo4j.GetRecordValue[string](r, "id")
			if err != nil {
				return nil, fmt.Errorf("look up articles: %w", err)
			}
			// A node written by hand may lack either property; it then
			// counts as changed and is rewritten.
			hash, _, _ := neo4j.GetRecordValue[string](r, "hash")
			version, _, _ := neo4j.GetRecordValue[string](r, "extractor")
			out[id] = stored{hash: hash, extractor: version}
		}
		if err := res.Err(); err != nil {
			return nil, fmt.Errorf("look up articles: %w", err)
		}
		return out, nil
	})
}

// stored is what the graph holds of an article already.
type stored struct{ hash, extractor string }

func closeSession(ctx context.Context, s neo4j.SessionWithContext, l *Loader) {
	if err := s.Close(context.WithoutCancel(ctx)); err != nil {
		l.logger.Warn("close neo4j session", "err", err)
	}
}

// transient reports whether err may heal by itself: the server went away
// or is busy, or the driver's own retries ran out of time.
func transient(err error) bool {
	return neo4j.IsConnectivityError(err) || neo4j.IsRetryable(err) || neo4j.IsTransactionExecutionLimit(err)
}

// withRetry runs op, and runs it again after a growing pause when it fails
// with a transient error, up to cfg.Retries more times. The driver already
// retries inside a managed transaction for MaxTransactionRetryTime; this
// outer loop rides out a database restart that takes longer.
func (l *Loader) withRetry(ctx context.Context, what string, op func() error) error {
	delay := l.cfg.RetryDelay
	for attempt := 1; ; attempt++ {
		err := op()
		if err == nil || ctx.Err() != nil || !transient(err) || attempt > l.cfg.Retries {
			return err
		}
		l.logger.Warn("neo4j write failed, retrying", "op", what, "attempt", attempt, "retry_in", delay, "err", err)
		select {
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		case <-time.After(delay):
		}
		delay = min(2*delay, 30*time.Second)
	}
}
