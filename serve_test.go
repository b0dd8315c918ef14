package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"tradegraph/internal/neo4jtest"
	"tradegraph/loader"
	"tradegraph/loader/gazetteer"
)

// mustDevGraph empties the test database named by NEO4J_TEST_URI and
// loads the dev articles into it with the loader, as `load testdata/dev`
// does. It skips without NEO4J_TEST_URI unless NEO4J_TEST_REQUIRED=1.
func mustDevGraph(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	driver, cfg := neo4jtest.MustOpen(t)
	gaz, err := gazetteer.Load("")
	if err != nil {
		t.Fatal(err)
	}
	sum, err := loader.New(driver, gaz, loader.Config{}, nil).Load(ctx, []string{"testdata/dev"})
	if err != nil || sum.Failed > 0 || sum.Loaded == 0 {
		t.Fatalf("load testdata/dev: %v (%s)", err, sum)
	}
	return cfg.URI
}

// servedAPI is a `tradegraph serve` running in the test.
type servedAPI struct {
	url    string
	stderr *syncBuffer
	stop   func() error
}

// syncBuffer is a bytes.Buffer safe for the server's concurrent logs.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// mustStartServe runs `tradegraph serve` on a free port with env and
// returns once it listens. stop cancels its context, as SIGTERM does, and
// returns run's error.
func mustStartServe(t *testing.T, env map[string]string) *servedAPI {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	stderr := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		err := run(ctx, []string{"tradegraph", "serve", "--addr", "127.0.0.1:0"}, func(k string) string { return env[k] }, pw, stderr)
		pw.CloseWithError(io.EOF)
		done <- err
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		cancel()
		t.Fatalf("serve did not start: %v\n%s", err, stderr.String())
	}
	// Drain the rest of stdout so the server never blocks on it.
	go func() {
		if _, err := io.Copy(io.Discard, pr); err != nil {
			return
		}
	}()
	url := strings.Fields(strings.TrimPrefix(line, "serving on "))[0]
	api := &servedAPI{url: url, stderr: stderr}
	stopped := false
	api.stop = func() error {
		if stopped {
			return nil
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(30 * time.Second):
			t.Fatal("serve did not stop within 30 s of cancel")
			return nil
		}
	}
	t.Cleanup(func() {
		if err := api.stop(); err != nil {
			t.Errorf("serve: %v", err)
		}
		if t.Failed() {
			t.Logf("serve log:\n%s", stderr.String())
		}
	})
	return api
}

func (a *servedAPI) graphql(t *testing.T, query string, vars map[string]any, headers map[string]string) (int, map[string]any) {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, a.url+"/graphql", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST /graphql: %v", err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("decode response: %v", err)
	}
	return resp.StatusCode, out
}

func (a *servedAPI) status(t *testing.T, path string) int {
	t.Helper()
	resp, err := http.Get(a.url + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode
}

// waitReady polls /readyz until it answers 200.
func (a *servedAPI) waitReady(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for a.status(t, "/readyz") != http.StatusOK {
		if time.Now().After(deadline) {
			t.Fatal("/readyz never reported ready")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestServeDevArticles is the end-to-end test: the dev articles loaded by
// the loader, `serve` answering the headline question over HTTP.
func TestServeDevArticles(t *testing.T) {
	uri := mustDevGraph(t)
	api := mustStartServe(t, map[string]string{"NEO4J_URI": uri, "TRADEGRAPH_API_KEY": "test-key"})
	api.waitReady(t)
	if got := api.status(t, "/healthz"); got != http.StatusOK {
		t.Errorf("/healthz = %d", got)
	}

	// The headline question, paged through: MAZ may be on any page.
	const headline = `query($after: String) { supplies(filter: {supplierCountry: "Belarus", recipientCountry: "Russia"}, first: 50, after: $after) {
  totalCount
  pageInfo { hasNextPage endCursor }
  edges { node { supplier { name } recipient { name } region { name } products { name } status quantity
    evidence { sentence confidence article { title } } } } } }`
	type node struct {
		Supplier, Recipient struct{ Name string }
		Region              *struct{ Name string }
		Products            []struct{ Name string }
		Status              string
		Quantity            *int
		Evidence            []struct {
			Sentence string
			Article  struct{ Title string }
		}
	}
	var nodes []node
	var after any
	for page := 0; ; page++ {
		status, resp := api.graphql(t, headline, map[string]any{"after": after}, nil)
		if status != http.StatusOK || resp["errors"] != nil {
			t.Fatalf("headline: %d %v", status, resp["errors"])
		}
		var data struct {
			Supplies struct {
				TotalCount int
				PageInfo   struct {
					HasNextPage bool
					EndCursor   string
				}
				Edges []struct{ Node node }
			}
		}
		remarshal(t, resp["data"], &data)
		for _, e := range data.Supplies.Edges {
			nodes = append(nodes, e.Node)
		}
		if !data.Supplies.PageInfo.HasNextPage || page > 100 {
			if len(nodes) != data.Supplies.TotalCount {
				t.Errorf("paged through %d supplies, totalCount %d", len(nodes), data.Supplies.TotalCount)
			}
			break
		}
		after = data.Supplies.PageInfo.EndCursor
	}
	found := false
	for _, n := range nodes {
		if n.Supplier.Name != "MAZ" || n.Recipient.Name != "Arkhangelsk Oblast" {
			continue
		}
		found = true
		if len(n.Products) == 0 || n.Products[0].Name != "buses" {
			t.Errorf("MAZ -> Arkhangelsk products = %v, want buses", n.Products)
		}
		if n.Quantity == nil || *n.Quantity != 150 {
			t.Errorf("MAZ -> Arkhangelsk quantity = %v, want 150", n.Quantity)
		}
		if n.Region == nil || n.Region.Name != "Arkhangelsk Oblast" {
			t.Errorf("MAZ -> Arkhangelsk region = %v", n.Region)
		}
		ok := false
		for _, ev := range n.Evidence {
			if strings.Contains(ev.Sentence, "MAZ buses") && strings.Contains(ev.Article.Title, "Arkhangelsk") {
				ok = true
			}
		}
		if !ok {
			t.Errorf("MAZ -> Arkhangelsk evidence = %+v, want the seed's sentence", n.Evidence)
		}
	}
	if !found {
		t.Errorf("no MAZ -> Arkhangelsk Oblast among %d supplies", len(nodes))
	}

	// Exports of the same graph parse, and name MAZ.
	for _, path := range []string{"/export/graph.graphml?supplierCountry=Belarus&region=Arkhangelsk%20Oblast",
		"/export/neighborhood.gexf?id=enterprise:maz&depth=2", "/export/graph.cyjs"} {
		began := time.Now()
		resp, err := http.Get(api.url + path)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		t.Logf("GET %s: %d bytes in %s", path, len(body), time.Since(began).Round(time.Millisecond))
		if err != nil || resp.StatusCode != http.StatusOK || !bytes.Contains(body, []byte("enterprise:maz")) {
			t.Errorf("GET %s = %d, %d bytes, err %v; want an export naming enterprise:maz", path, resp.StatusCode, len(body), err)
		}
	}

	// ingestArticle writes through the loader; without the key it refuses.
	const ingest = `mutation($in: ArticleInput!) { ingestArticle(input: $in) { articleId status facts article { title } } }`
	in := map[string]any{"in": map[string]any{
		"url": "https://example.org/tradegraph-test/gomselmash-tula", "title": "Gomselmash ships combines to Tula Oblast",
		"published": "2024-06-03",
		"text":      "Gomselmash delivered 40 Palesse combine harvesters to farms in Tula Oblast this spring, the company said.",
	}}
	if _, resp := api.graphql(t, ingest, in, nil); !strings.Contains(toJSON(t, resp["errors"]), "UNAUTHENTICATED") {
		t.Errorf("ingest without a key: %v", resp)
	}
	status, resp := api.graphql(t, ingest, in, map[string]string{"X-API-Key": "test-key"})
	if status != http.StatusOK || resp["errors"] != nil || !strings.Contains(toJSON(t, resp["data"]), `"status":"created"`) {
		t.Fatalf("ingest: %d %v", status, resp)
	}
	_, resp = api.graphql(t, `{ supplies(filter: {supplier: "Gomselmash", region: "Tula Oblast"}) { totalCount edges { node { quantity } } } }`, nil, nil)
	if !strings.Contains(toJSON(t, resp["data"]), `"quantity":40`) {
		t.Errorf("the ingested supply is not queryable: %v", resp)
	}

	// Cancelling the context (what SIGTERM does) stops serve cleanly.
	if err := api.stop(); err != nil {
		t.Errorf("serve returned %v after cancel, want nil", err)
	}
}

// TestServeWithoutNeo4j: serve starts, says it is alive but not ready,
// and answers queries with a clear error, not a 5xx.
func TestServeWithoutNeo4j(t *testing.T) {
	api := mustStartServe(t, map[string]string{"NEO4J_URI": "bolt://127.0.0.1:1"})
	if got := api.status(t, "/healthz"); got != http.StatusOK {
		t.Errorf("/healthz = %d, want 200", got)
	}
	if got := api.status(t, "/readyz"); got != http.StatusServiceUnavailable {
		t.Errorf("/readyz = %d, want 503", got)
	}
	status, resp := api.graphql(t, `{ countries { totalCount } }`, nil, nil)
	if status >= 500 || !strings.Contains(toJSON(t, resp["errors"]), "UNAVAILABLE") {
		t.Errorf("query without Neo4j: %d %v, want an UNAVAILABLE error", status, resp)
	}
	status, resp = api.graphql(t, `mutation { ingestArticle(input: {text: "x"}) { articleId } }`, nil, nil)
	if status >= 500 || !strings.Contains(toJSON(t, resp["errors"]), "disabled") {
		t.Errorf("ingest without a key configured: %d %v, want disabled", status, resp)
	}
	if err := api.stop(); err != nil {
		t.Errorf("serve returned %v after cancel, want nil", err)
	}
	if !strings.Contains(api.stderr.String(), "neo4j not ready") {
		t.Errorf("serve did not log its retries:\n%s", api.stderr.String())
	}
}

func remarshal(t *testing.T, from, to any) {
	t.Helper()
	if err := json.Unmarshal([]byte(toJSON(t, from)), to); err != nil {
		t.Fatal(err)
	}
}

func toJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
