package graph

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/99designs/gqlgen/graphql/playground"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/vektah/gqlparser/v2/ast"
)

// APIKeyHeader carries the key that ingestArticle needs.
const APIKeyHeader = "X-API-Key"

// Options configure the HTTP handler.
type Options struct {
	Resolver *Resolver
	// RequestTimeout bounds every request, database queries included.
	RequestTimeout time.Duration
	// MaxBodyBytes bounds a request body.
	MaxBodyBytes int64
	// Ready reports whether the service can answer (Neo4j reachable and
	// the schema applied); nil means always ready.
	Ready func(context.Context) error
	// Registry receives the service's metrics and is served at /metrics;
	// nil makes a new one.
	Registry *prometheus.Registry
	// CacheTTL keeps query results and responses this long (0: not at
	// all, but identical concurrent queries still share one round trip;
	// negative: neither); CacheSize bounds the number of entries kept.
	CacheTTL  time.Duration
	CacheSize int
}

// Handler routes tradegraph's HTTP API:
//
//	POST /graphql                    GraphQL (application/json)
//	GET  /                           GraphiQL
//	GET  /export/graph.{graphml,gexf,cyjs}         whole or filtered graph
//	GET  /export/neighborhood.{graphml,gexf,cyjs}  ?id=&depth=&limit=
//	GET  /export/path.{graphml,gexf,cyjs}          ?from=&to=&maxHops=
//	GET  /healthz                    the process is up
//	GET  /readyz                     Neo4j is reachable
//	GET  /metrics                    Prometheus metrics
func Handler(opts Options) http.Handler {
	r := opts.Resolver
	r.Limits = r.Limits.withDefaults()
	if r.Logger == nil {
		r.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.RequestTimeout <= 0 {
		opts.RequestTimeout = 30 * time.Second
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = 1 << 20
	}
	reg := opts.Registry
	if reg == nil {
		reg = prometheus.NewRegistry()
	}
	if opts.CacheSize <= 0 {
		opts.CacheSize = 1000
	}
	r.cache = newQueryCache(opts.CacheSize, opts.CacheTTL)
	m := newMetrics(reg)
	m.watchCache(r.cache)

	mux := http.NewServeMux()
	mux.Handle("POST /graphql", limitBody(opts.MaxBodyBytes, r.cache.serveCached(newGraphQLServer(r, m))))
	mux.HandleFunc("GET /graphql", func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "POST a GraphQL request as application/json; GraphiQL is at /", http.StatusMethodNotAllowed)
	})
	mux.Handle("GET /{$}", playground.Handler("tradegraph", "/graphql"))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, req *http.Request) {
		writeText(w, http.StatusOK, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, req *http.Request) {
		if opts.Ready != nil {
			if err := opts.Ready(req.Context()); err != nil {
				writeText(w, http.StatusServiceUnavailable, "not ready: "+err.Error())
				return
			}
		}
		writeText(w, http.StatusOK, "ready")
	})
	mux.Handle("GET /metrics", m.handler())
	x := &exporter{r: r}
	mux.HandleFunc("GET /export/{file}", x.serve)

	var h http.Handler = mux
	h = withTimeout(opts.RequestTimeout, h)
	h = recoverHTTP(r.Logger, h)
	h = m.instrument(h)
	h = logRequests(r.Logger, h)
	return h
}

// newGraphQLServer configures gqlgen: POST only (no GET, so a link cannot
// run a mutation), the limits, one error presenter, per-operation loaders
// and metrics.
func newGraphQLServer(r *Resolver, m *metrics) http.Handler {
	srv := handler.New(NewExecutableSchema(Config{Resolvers: r, Complexity: complexityRoot(r.Limits)}))
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(extension.Introspection{})
	srv.Use(extension.FixedComplexityLimit(r.Limits.MaxComplexity))
	srv.Use(depthLimit{max: r.Limits.MaxDepth})
	srv.SetErrorPresenter(presentError(r.Logger))
	srv.SetRecoverFunc(recoverPanic(r.Logger))
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(withLoaders(ctx, r))
	})
	srv.AroundResponses(m.observeOperation)
	srv.AroundResponses(markCacheable)
	return withAPIKey(srv)
}

func writeText(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	// A failed write means the client left; there is no one to tell.
	if _, err := io.WriteString(w, msg+"\n"); err != nil {
		return
	}
}

// limitBody reads at most limit bytes of the body and answers 413 beyond,
// before gqlgen sees the request.
func limitBody(limit int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.ContentLength > limit {
			writeText(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body over %d bytes", limit))
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, req.Body, limit))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				writeText(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body over %d bytes", limit))
				return
			}
			writeText(w, http.StatusBadRequest, "could not read the request body")
			return
		}
		req.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, req)
	})
}

// withTimeout gives every request a deadline; resolvers and exports pass
// it to Neo4j, so a slow query ends with a "request timed out" error.
func withTimeout(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		ctx, cancel := context.WithTimeout(req.Context(), d)
		defer cancel()
		next.ServeHTTP(w, req.WithContext(ctx))
	})
}

// recoverHTTP turns a panic outside gqlgen (exports, health) into a logged
// 500 instead of a dropped connection.
func recoverHTTP(logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				logger.ErrorContext(req.Context(), "http handler panicked", "path", req.URL.Path, "panic", fmt.Sprint(p))
				writeText(w, http.StatusInternalServerError, "internal error")
			}
		}()
		next.ServeHTTP(w, req)
	})
}

// apiKey is the key a request presented, hashed so that comparing it
// takes the same time whatever its length.
type apiKey struct {
	sum     [sha256.Size]byte
	present bool
}

type apiKeyCtx struct{}

// withAPIKey records the request's API key header for ingestArticle.
func withAPIKey(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		key := apiKey{}
		if v := req.Header.Get(APIKeyHeader); v != "" {
			key = apiKey{sum: sha256.Sum256([]byte(v)), present: true}
		}
		next.ServeHTTP(w, req.WithContext(context.WithValue(req.Context(), apiKeyCtx{}, key)))
	})
}

func apiKeyFrom(ctx context.Context) apiKey {
	k, _ := ctx.Value(apiKeyCtx{}).(apiKey)
	return k
}

// matches compares the presented key with want in constant time.
func (k apiKey) matches(want string) bool {
	if want == "" {
		return false
	}
	sum := sha256.Sum256([]byte(want))
	return subtle.ConstantTimeCompare(k.sum[:], sum[:]) == 1 && k.present
}

// statusRecorder remembers what a handler wrote, for logs and metrics.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	n, err := s.ResponseWriter.Write(b)
	s.bytes += int64(n)
	return n, err
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// requestInfo collects what inner layers learn about a request (the
// GraphQL operation) for the request log.
type requestInfo struct {
	operation string
}

type requestInfoCtx struct{}

// logRequests writes one structured line per request.
func logRequests(logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		start := time.Now()
		id := req.Header.Get("X-Request-ID")
		if id == "" || len(id) > 64 {
			id = newRequestID()
		}
		w.Header().Set("X-Request-ID", id)
		info := &requestInfo{}
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, req.WithContext(context.WithValue(req.Context(), requestInfoCtx{}, info)))
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		attrs := []any{
			"method", req.Method, "path", req.URL.Path, "status", rec.status,
			"duration_ms", float64(time.Since(start).Microseconds()) / 1000, "bytes", rec.bytes,
			"remote", req.RemoteAddr, "request_id", id,
		}
		if info.operation != "" {
			attrs = append(attrs, "operation", info.operation)
		}
		level := slog.LevelInfo
		if rec.status >= 500 {
			level = slog.LevelError
		}
		logger.Log(req.Context(), level, "http request", attrs...)
	})
}

func newRequestID() string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "unknown"
	}
	return hex.EncodeToString(b[:])
}
