package graph

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// gqlResponse is a GraphQL response as a client sees it.
type gqlResponse struct {
	status int
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Path       []any          `json:"path"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
	raw string
}

// errorText joins the error messages, for assertions.
func (r gqlResponse) errorText() string {
	var msgs []string
	for _, e := range r.Errors {
		msgs = append(msgs, e.Message)
	}
	return strings.Join(msgs, "; ")
}

// testServer is the API over HTTP against the test database.
type testServer struct {
	*httptest.Server
	driver *countingDriver
	logs   *bytes.Buffer
}

// mustServe starts the HTTP API on a loaded test database. configure may
// change the resolver (limits, API key) before the handler is built.
func mustServe(tb testing.TB, driver neo4j.DriverWithContext, configure func(*Options)) *testServer {
	tb.Helper()
	cd := &countingDriver{DriverWithContext: driver}
	logs := &bytes.Buffer{}
	logger := slog.New(slog.NewTextHandler(&lockedWriter{w: logs}, nil))
	opts := Options{
		Resolver:       &Resolver{Driver: cd, Logger: logger},
		RequestTimeout: 30 * time.Second,
		MaxBodyBytes:   64 << 10,
	}
	if configure != nil {
		configure(&opts)
	}
	srv := httptest.NewServer(Handler(opts))
	tb.Cleanup(func() {
		srv.Close()
		if tb.Failed() {
			tb.Logf("server log:\n%s", logs.String())
		}
	})
	return &testServer{Server: srv, driver: cd, logs: logs}
}

// post sends a GraphQL request with headers.
func (s *testServer) post(tb testing.TB, query string, vars map[string]any, headers map[string]string) gqlResponse {
	tb.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		tb.Fatalf("encode request: %v", err)
	}
	return s.postRaw(tb, "application/json", body, headers)
}

func (s *testServer) postRaw(tb testing.TB, contentType string, body []byte, headers map[string]string) gqlResponse {
	tb.Helper()
	req, err := http.NewRequest(http.MethodPost, s.URL+"/graphql", bytes.NewReader(body))
	if err != nil {
		tb.Fatalf("new request: %v", err)
	}
	req.Header.Set("Content-Type", contentType)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := s.Client().Do(req)
	if err != nil {
		tb.Fatalf("POST /graphql: %v", err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("read response: %v", err)
	}
	out := gqlResponse{status: resp.StatusCode, raw: string(raw)}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/") {
		if err := json.Unmarshal(raw, &out); err != nil {
			tb.Fatalf("decode response %q: %v", raw, err)
		}
	}
	return out
}

// mustQuery posts a query that must succeed and decodes its data into v.
func (s *testServer) mustQuery(tb testing.TB, query string, vars map[string]any, v any) {
	tb.Helper()
	resp := s.post(tb, query, vars, nil)
	if resp.status != http.StatusOK || len(resp.Errors) > 0 {
		tb.Fatalf("query failed: status %d, errors %s\nquery: %s", resp.status, resp.errorText(), query)
	}
	if err := json.Unmarshal(resp.Data, v); err != nil {
		tb.Fatalf("decode data %s: %v", resp.Data, err)
	}
}

// get fetches a path of the test server.
func (s *testServer) get(tb testing.TB, path string) (int, http.Header, []byte) {
	tb.Helper()
	resp, err := s.Client().Get(s.URL + path)
	if err != nil {
		tb.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	return resp.StatusCode, resp.Header, body
}

// lockedWriter serializes writes from concurrent request logs.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
