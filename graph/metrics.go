package graph

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/vektah/gqlparser/v2/ast"
)

// maxOperationNames bounds the operation label: names come from clients,
// and every new name is a new time series. Names past the first ones seen
// count as "other".
const maxOperationNames = 200

// metrics are the service's Prometheus metrics, registered on one
// registry per handler (no global registry, so tests can build many).
type metrics struct {
	reg          *prometheus.Registry
	httpRequests *prometheus.CounterVec
	httpDuration *prometheus.HistogramVec
	opRequests   *prometheus.CounterVec
	opDuration   *prometheus.HistogramVec

	mu    sync.Mutex
	names map[string]bool
}

func newMetrics(reg *prometheus.Registry) *metrics {
	buckets := []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}
	m := &metrics{
		reg: reg,
		httpRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tradegraph_http_requests_total",
			Help: "HTTP requests by route and status code.",
		}, []string{"route", "code"}),
		httpDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "tradegraph_http_request_duration_seconds", Help: "HTTP request latency by route and status code.",
			Buckets: buckets,
		}, []string{"route", "code"}),
		opRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tradegraph_graphql_operations_total",
			Help: "GraphQL operations by operation name, type and status (ok or error).",
		}, []string{"operation", "type", "status"}),
		opDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "tradegraph_graphql_operation_duration_seconds", Help: "GraphQL operation latency by operation name, type and status.",
			Buckets: buckets,
		}, []string{"operation", "type", "status"}),
		names: map[string]bool{},
	}
	// Registering twice on one registry is a programming error, caught
	// at startup.
	reg.MustRegister(m.httpRequests, m.httpDuration, m.opRequests, m.opDuration,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// watchCache exports the query cache's hit and miss counts.
func (m *metrics) watchCache(c *queryCache) {
	if c == nil {
		return
	}
	m.reg.MustRegister(
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "tradegraph_query_cache_hits_total", Help: "Neo4j queries answered from the result cache.",
		}, func() float64 { return float64(c.hits.Load()) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "tradegraph_query_cache_misses_total", Help: "Neo4j queries not in the result cache (run, or joined while running).",
		}, func() float64 { return float64(c.misses.Load()) }))
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// route names a request path for the route label; unknown paths share one
// value so that scanners cannot grow the label set.
func route(path string) string {
	switch {
	case path == "/graphql", path == "/", path == "/healthz", path == "/readyz", path == "/metrics":
		return path
	case strings.HasPrefix(path, "/export/"):
		name, _, _ := strings.Cut(strings.TrimPrefix(path, "/export/"), ".")
		switch name {
		case "graph", "neighborhood", "path":
			return "/export/" + name
		}
	}
	return "other"
}

// isOperationName accepts GraphQL names of reasonable length.
func isOperationName(s string) bool {
	if s == "" || len(s) > 64 || (s[0] >= '0' && s[0] <= '9') {
		return false
	}
	for _, c := range s {
		if c != '_' && (c < '0' || c > '9') && (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') {
			return false
		}
	}
	return true
}

// instrument counts and times every HTTP request.
func (m *metrics) instrument(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, req)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		labels := prometheus.Labels{"route": route(req.URL.Path), "code": strconv.Itoa(rec.status)}
		m.httpRequests.With(labels).Inc()
		m.httpDuration.With(labels).Observe(time.Since(start).Seconds())
	})
}

// operationLabel returns a bounded label value for a client's operation
// name: the name, or the first root field of an anonymous operation.
func (m *metrics) operationLabel(opCtx *graphql.OperationContext) string {
	name := opCtx.OperationName
	if name == "" && opCtx.Operation != nil {
		name = opCtx.Operation.Name
	}
	if name == "" && opCtx.Operation != nil {
		for _, sel := range opCtx.Operation.SelectionSet {
			if f, ok := sel.(*ast.Field); ok {
				name = f.Name
				break
			}
		}
	}
	if !isOperationName(name) {
		return "other"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.names[name] {
		if len(m.names) >= maxOperationNames {
			return "other"
		}
		m.names[name] = true
	}
	return name
}

// observeOperation is a gqlgen response middleware: it times each
// response and records the operation's name and outcome, also for the
// request log.
func (m *metrics) observeOperation(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	start := time.Now()
	resp := next(ctx)
	op, typ := "invalid", "unknown"
	if graphql.HasOperationContext(ctx) {
		opCtx := graphql.GetOperationContext(ctx)
		if opCtx.Operation != nil {
			op, typ = m.operationLabel(opCtx), string(opCtx.Operation.Operation)
		}
	}
	status := "ok"
	if resp == nil || len(resp.Errors) > 0 {
		status = "error"
	}
	labels := prometheus.Labels{"operation": op, "type": typ, "status": status}
	m.opRequests.With(labels).Inc()
	m.opDuration.With(labels).Observe(time.Since(start).Seconds())
	if info, ok := ctx.Value(requestInfoCtx{}).(*requestInfo); ok {
		info.operation = op
	}
	return resp
}
