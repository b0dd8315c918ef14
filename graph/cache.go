package graph

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/hashicorp/golang-lru/v2/expirable"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"golang.org/x/sync/singleflight"
)

// queryCache sits between the resolvers and Neo4j. Identical queries that
// run at the same time share one round trip (singleflight), and, when ttl
// is positive, results are kept for ttl: analysts' dashboards ask the same
// questions over and over, and the graph changes only when articles are
// loaded. ingestArticle empties the cache; a separate `load` process is
// seen after at most ttl, plus the one renewal described at serveCached.
//
// Cached results are shared between requests: code reading them must not
// modify the maps and slices inside records (convert.go copies what it
// keeps).
type queryCache struct {
	ttl time.Duration
	lru *expirable.LRU[string, *neo4j.EagerResult] // nil when ttl is 0
	// responses keeps whole GraphQL responses to queries (never
	// mutations) by request body: a repeated question skips parsing,
	// execution and JSON encoding too. Entries live for two ttl: fresh,
	// then stale while renewed. nil when ttl is 0.
	responses *expirable.LRU[[sha256.Size]byte, cachedResponse]
	group     singleflight.Group
	// renewing holds the keys of responses being renewed.
	renewing sync.Map
	// gen counts purges, so that a query that started before a purge does
	// not store its (older) result after it.
	gen    atomic.Uint64
	hits   atomic.Uint64
	misses atomic.Uint64
}

// sharedQueryTimeout bounds a query that several requests wait for; it
// does not follow any one request's context, so that the first caller
// giving up does not fail the others.
const sharedQueryTimeout = time.Minute

// newQueryCache makes a cache keeping size results for ttl; ttl 0 keeps
// nothing but still shares concurrent identical queries, and a negative
// ttl turns both off (nil).
func newQueryCache(size int, ttl time.Duration) *queryCache {
	if ttl < 0 {
		return nil
	}
	c := &queryCache{ttl: ttl}
	if ttl > 0 {
		c.lru = expirable.NewLRU[string, *neo4j.EagerResult](size, nil, ttl)
		c.responses = expirable.NewLRU[[sha256.Size]byte, cachedResponse](size, nil, 2*ttl)
	}
	return c
}

// get returns the cached result of query with params, or runs it once for
// all concurrent callers.
func (c *queryCache) get(ctx context.Context, query string, params map[string]any,
	run func(context.Context) (*neo4j.EagerResult, error)) (*neo4j.EagerResult, error) {
	p, err := json.Marshal(params)
	if err != nil {
		return nil, fmt.Errorf("cache key: %w", err)
	}
	key := query + "\x00" + string(p)
	if _, renewing := ctx.Value(renewCtx{}).(renewCtx); c.lru != nil && !renewing {
		if res, ok := c.lru.Get(key); ok {
			c.hits.Add(1)
			return res, nil
		}
	}
	c.misses.Add(1)
	ch := c.group.DoChan(key, func() (any, error) {
		gen := c.gen.Load()
		qctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sharedQueryTimeout)
		defer cancel()
		res, err := run(qctx)
		if err == nil && c.lru != nil && c.gen.Load() == gen {
			c.lru.Add(key, res)
		}
		return res, err
	})
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case r := <-ch:
		if r.Err != nil {
			return nil, r.Err
		}
		return r.Val.(*neo4j.EagerResult), nil
	}
}

// purge forgets every cached result, after the graph changed.
func (c *queryCache) purge() {
	c.gen.Add(1)
	if c.lru != nil {
		c.lru.Purge()
		c.responses.Purge()
	}
}

// cachedResponse is a successful query's response as it was sent.
type cachedResponse struct {
	body        []byte
	contentType string
	operation   string // for the request log
	stored      time.Time
}

// renewCtx marks the context of a renewal: its queries skip the cached
// results, which are as old as the response being renewed.
type renewCtx struct{}

// cacheableCtx marks, from inside gqlgen, that a response may be kept: a
// query (not a mutation) that answered without errors.
type cacheableCtx struct{}

type cacheable struct {
	ok        atomic.Bool
	operation atomic.Value // string
}

// markCacheable is a gqlgen response middleware that tells
// serveCached whether this response may be kept.
func markCacheable(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	flag, ok := ctx.Value(cacheableCtx{}).(*cacheable)
	if !ok || resp == nil || len(resp.Errors) > 0 || !graphql.HasOperationContext(ctx) {
		return resp
	}
	opCtx := graphql.GetOperationContext(ctx)
	if opCtx.Operation != nil && opCtx.Operation.Operation == ast.Query {
		flag.ok.Store(true)
		flag.operation.Store(opCtx.Operation.Name)
	}
	return resp
}

// serveCached answers a POST /graphql whose body (and Accept header) it has
// answered within ttl from the kept response, and keeps the responses
// that markCacheable approves. A response older than ttl is still served
// for another ttl while one background request renews it: a busy question
// never makes its clients wait for its expiry, and an answer is at most
// two ttl old, or one ttl and one renewal when the question is asked
// again in its second ttl.
func (c *queryCache) serveCached(next http.Handler) http.Handler {
	if c == nil || c.responses == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, err := io.ReadAll(req.Body)
		if err != nil {
			writeText(w, http.StatusBadRequest, "could not read the request body")
			return
		}
		req.Body = io.NopCloser(bytes.NewReader(body))
		h := sha256.New()
		h.Write([]byte(req.Header.Get("Accept")))
		h.Write([]byte{0})
		h.Write(body)
		var key [sha256.Size]byte
		h.Sum(key[:0])
		if hit, ok := c.responses.Get(key); ok {
			c.hits.Add(1)
			state := "hit"
			if time.Since(hit.stored) >= c.ttl {
				state = "stale"
				c.renew(next, key, req.Header.Clone(), body)
			}
			if info, ok := req.Context().Value(requestInfoCtx{}).(*requestInfo); ok {
				info.operation = hit.operation + " (cached)"
			}
			w.Header().Set("Content-Type", hit.contentType)
			w.Header().Set("X-Cache", state)
			// A failed write means the client left.
			if _, err := w.Write(hit.body); err != nil {
				return
			}
			return
		}
		c.serveAndKeep(next, key, w, req)
	})
}

// serveAndKeep runs req through next and keeps the response when it may.
func (c *queryCache) serveAndKeep(next http.Handler, key [sha256.Size]byte, w http.ResponseWriter, req *http.Request) {
	gen := c.gen.Load()
	flag := &cacheable{}
	rec := &teeRecorder{ResponseWriter: w}
	next.ServeHTTP(rec, req.WithContext(context.WithValue(req.Context(), cacheableCtx{}, flag)))
	if flag.ok.Load() && rec.status == http.StatusOK && c.gen.Load() == gen && rec.buf.Len() <= maxCachedResponse {
		op, _ := flag.operation.Load().(string)
		c.responses.Add(key, cachedResponse{body: rec.buf.Bytes(), contentType: rec.Header().Get("Content-Type"),
			operation: op, stored: time.Now()})
	}
}

// renew asks the question of a stale response again in the background,
// once however many clients see it stale, and keeps the new answer.
func (c *queryCache) renew(next http.Handler, key [sha256.Size]byte, header http.Header, body []byte) {
	if _, busy := c.renewing.LoadOrStore(key, true); busy {
		return
	}
	go func() {
		defer c.renewing.Delete(key)
		ctx, cancel := context.WithTimeout(context.WithValue(context.Background(), renewCtx{}, renewCtx{}), sharedQueryTimeout)
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, "/graphql", bytes.NewReader(body))
		if err != nil {
			return
		}
		req.Header = header
		c.serveAndKeep(next, key, discardResponse{header: http.Header{}}, req)
	}()
}

// discardResponse is the ResponseWriter of a renewal, which nobody reads
// but the cache.
type discardResponse struct{ header http.Header }

func (d discardResponse) Header() http.Header         { return d.header }
func (d discardResponse) Write(b []byte) (int, error) { return len(b), nil }
func (d discardResponse) WriteHeader(int)             {}

// maxCachedResponse bounds one kept response, so that the cache's memory
// stays near size times this.
const maxCachedResponse = 1 << 20

// teeRecorder passes a response through and keeps a copy of it.
type teeRecorder struct {
	http.ResponseWriter
	status int
	buf    bytes.Buffer
}

func (t *teeRecorder) WriteHeader(code int) {
	if t.status == 0 {
		t.status = code
	}
	t.ResponseWriter.WriteHeader(code)
}

func (t *teeRecorder) Write(b []byte) (int, error) {
	if t.status == 0 {
		t.status = http.StatusOK
	}
	if t.buf.Len() <= maxCachedResponse {
		t.buf.Write(b)
	}
	return t.ResponseWriter.Write(b)
}
