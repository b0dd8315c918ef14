package graph

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"tradegraph/schema"
)

// deepQuery nests region -> country -> regions n times: 2n+2 levels.
func deepQuery(n int) string {
	q := "id"
	for i := 0; i < n; i++ {
		q = "id country { regions(first: 1) { " + q + " } }"
	}
	return `{ entity(id: "region:ru-ark") { ... on Region { ` + q + ` } } }`
}

func TestBadRequests(t *testing.T) {
	driver := mustOpenNeo4j(t)
	mustLoadFixture(t, driver)
	s := mustServe(t, driver, func(o *Options) {
		o.Resolver.Limits = Limits{MaxPageSize: 100, MaxDepth: 8, MaxComplexity: 5000}
		o.MaxBodyBytes = 4096
	})
	for _, test := range []struct {
		name        string
		contentType string
		body        string
		wantStatus  int    // 0: any 2xx-4xx
		wantError   string // part of an error message
	}{
		{"malformed JSON", "application/json", `{"query": `, http.StatusBadRequest, "could not be decoded"},
		{"syntax error", "application/json", `{"query": "{ supplies( }"}`, 0, "Expected"},
		{"unknown field", "application/json", `{"query": "{ supplies { nope } }"}`, 0, `Cannot query field "nope"`},
		{"unknown argument", "application/json", `{"query": "{ supplies(limit: 5) { totalCount } }"}`, 0, `Unknown argument "limit"`},
		{"wrong argument type", "application/json", `{"query": "{ supplies(first: \"ten\") { totalCount } }"}`, 0, "Int"},
		{"page too big", "application/json", `{"query": "{ supplies(first: 1000) { totalCount } }"}`, 0, "at most 100"},
		{"nested page too big", "application/json", `{"query": "{ entity(id: \"enterprise:maz\") { articles(first: 101) { totalCount } } }"}`, 0, "at most 100"},
		{"negative page", "application/json", `{"query": "{ enterprises(first: -1) { totalCount } }"}`, 0, "negative"},
		{"too deep", "application/json", `{"query": ` + strconvQuote(deepQuery(5)) + `}`, 0, "depth 12, which exceeds the limit of 8"},
		{"too complex", "application/json", `{"query": "{ enterprises(first: 100) { edges { node { articles(first: 100) { edges { node { entities(first: 100) { id } } } } } } } }"}`, 0, "complexity"},
		{"no query", "application/json", `{}`, 0, "no operation"},
		{"unknown operation", "application/json", `{"query": "query A { countries { totalCount } }", "operationName": "B"}`, 0, "operation B not found"},
		{"wrong content type", "text/plain", `{ countries { totalCount } }`, http.StatusBadRequest, ""},
		{"body too big", "application/json", `{"query": "{ countries { totalCount } }", "x": "` + strings.Repeat("a", 5000) + `"}`, http.StatusRequestEntityTooLarge, ""},
		{"bad date", "application/json", `{"query": "{ supplies(filter: {since: \"2023-02-30x\"}) { totalCount } }"}`, 0, "YYYY"},
		{"bad enum", "application/json", `{"query": "{ supplies(filter: {status: [LOST]}) { totalCount } }"}`, 0, "LOST"},
		{"long filter", "application/json", `{"query": "{ supplies(filter: {supplier: \"` + strings.Repeat("x", 300) + `\"}) { totalCount } }"}`, 0, "at most 200"},
		{"mutation without key", "application/json", `{"query": "mutation { ingestArticle(input: {text: \"x\"}) { articleId } }"}`, 0, "disabled"},
	} {
		t.Run(test.name, func(t *testing.T) {
			resp := s.postRaw(t, test.contentType, []byte(test.body), nil)
			if resp.status >= 500 {
				t.Fatalf("status %d: %s", resp.status, resp.raw)
			}
			if test.wantStatus != 0 && resp.status != test.wantStatus {
				t.Errorf("status = %d, want %d (%s)", resp.status, test.wantStatus, resp.raw)
			}
			if test.wantError != "" && !strings.Contains(resp.errorText(), test.wantError) {
				t.Errorf("errors = %q, want one containing %q", resp.errorText(), test.wantError)
			}
			if test.wantStatus == 0 && len(resp.Errors) == 0 {
				t.Errorf("no GraphQL error: %s", resp.raw)
			}
		})
	}
	if status, _, _ := s.get(t, "/graphql"); status != http.StatusMethodNotAllowed {
		t.Errorf("GET /graphql = %d, want 405", status)
	}
	// GraphiQL's schema query nests deeper than MaxDepth; it must pass.
	resp := s.post(t, `{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name ofType { name ofType { name } } } } } } } } } }`, nil, nil)
	if len(resp.Errors) > 0 {
		t.Errorf("introspection: %s", resp.errorText())
	}
}

// fakeIngester records what ingestArticle hands it.
type fakeIngester struct {
	got []ArticleInput
	err error
}

func (f *fakeIngester) Ingest(ctx context.Context, a ArticleInput) (IngestResult, error) {
	f.got = append(f.got, a)
	if f.err != nil {
		return IngestResult{}, f.err
	}
	return IngestResult{ArticleID: "article:seed", Status: "created", Entities: 3, Facts: 1}, nil
}

func TestIngestArticle(t *testing.T) {
	driver := mustOpenNeo4j(t)
	mustLoadFixture(t, driver)
	ing := &fakeIngester{}
	s := mustServe(t, driver, func(o *Options) {
		o.Resolver.APIKey = "s3cret"
		o.Resolver.Ingester = ing
	})
	const m = `mutation($in: ArticleInput!) { ingestArticle(input: $in) { articleId status entities facts warnings article { id title } } }`
	in := map[string]any{"in": map[string]any{"text": "MAZ delivered buses.", "url": " https://example.org/x ", "published": "2024-03"}}
	for _, test := range []struct {
		key      string
		wantCode string
	}{
		{"", codeUnauthorized},
		{"wrong", codeUnauthorized},
		{"s3cret-and-more", codeUnauthorized},
		{"s3cret", ""},
	} {
		headers := map[string]string{}
		if test.key != "" {
			headers[APIKeyHeader] = test.key
		}
		resp := s.post(t, m, in, headers)
		if resp.status >= 500 {
			t.Fatalf("key %q: status %d", test.key, resp.status)
		}
		code := ""
		if len(resp.Errors) > 0 {
			code, _ = resp.Errors[0].Extensions["code"].(string)
		}
		if code != test.wantCode {
			t.Errorf("key %q: code %q (%s), want %q", test.key, code, resp.errorText(), test.wantCode)
		}
		if test.wantCode == "" && !strings.Contains(string(resp.Data), `"title":"Lukashenko invites`) {
			t.Errorf("ingest result %s lacks the stored article", resp.Data)
		}
	}
	if len(ing.got) != 1 || ing.got[0].URL != "https://example.org/x" || ing.got[0].Published != "2024-03" {
		t.Errorf("ingester got %+v, want one trimmed article", ing.got)
	}
	ing.err = fmt.Errorf("%w: no article text", ErrInvalid)
	resp := s.post(t, m, in, map[string]string{APIKeyHeader: "s3cret"})
	if !strings.Contains(resp.errorText(), "no article text") {
		t.Errorf("ingest error = %q, want the invalid article's message", resp.errorText())
	}
	ing.err = errors.New("neo4j: something internal at 10.0.0.1")
	resp = s.post(t, m, in, map[string]string{APIKeyHeader: "s3cret"})
	if resp.errorText() != "internal error" {
		t.Errorf("internal ingest error shown as %q", resp.errorText())
	}
}

// injections are strings with Cypher, Lucene and JSON metacharacters.
var injections = []string{
	`'`, `"`, "`", `\`, `\'`, `'}) MATCH (n) DETACH DELETE n //`,
	`"}) DETACH DELETE n RETURN 1 //`, "x` DETACH DELETE n //",
	`$supplier`, `{id: 1}`, `*:*`, `name:*`, `a OR b`, `\u0000`, "\x00", `%`, `.*`, `(?i).*`,
	`region:ru-ark' OR '1'='1`, `Belarus\"}) RETURN n`, `<script>`, `]]>`, strings.Repeat("(", 50),
}

func TestInjectionChangesNothing(t *testing.T) {
	driver := mustOpenNeo4j(t)
	mustLoadFixture(t, driver)
	s := mustServe(t, driver, func(o *Options) {
		o.Resolver.APIKey = "k"
		o.Resolver.Ingester = &fakeIngester{}
	})
	count := func() string {
		res, err := neo4j.ExecuteQuery(context.Background(), driver,
			`MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS n, count(r) AS r`, nil, neo4j.EagerResultTransformer)
		if err != nil {
			t.Fatalf("count graph: %v", err)
		}
		return fmt.Sprint(res.Records[0].Values)
	}
	before := count()
	queries := []string{
		`query($x: String!) { supplies(filter: {supplierCountry: $x, recipientCountry: $x, region: $x, supplier: $x, recipient: $x, product: $x}, after: $x) { totalCount } }`,
		`query($x: String!) { supplies(filter: {supplier: $x}) { totalCount } }`,
		`query($x: String!) { supplyCounts(by: SUPPLIER, filter: {product: $x}) { supplies } }`,
		`query($x: String!) { topSuppliers(region: $x) { supplies } }`,
		`query($x: ID!) { entity(id: $x) { id } }`,
		`query($x: ID!) { article(id: $x) { id } }`,
		`query($x: String!) { enterprises(filter: {name: $x, country: $x, region: $x, source: $x, sector: $x}) { totalCount } }`,
		`query($x: String!) { regions(filter: {kind: $x}, after: $x) { totalCount } }`,
		`query($x: String!) { products(filter: {category: $x}) { totalCount } }`,
		`query($x: String!) { articles(filter: {site: $x, mentions: $x}) { totalCount } }`,
		`query($x: String!) { search(text: $x) { totalCount } }`,
		`query($x: String!) { search(text: $x, after: $x) { totalCount } }`,
		`query($x: ID!) { neighborhood(id: $x) { truncated } }`,
		`query($x: String!) { neighborhood(id: "enterprise:maz", types: [$x]) { truncated } }`,
		`query($x: ID!) { path(from: $x, to: $x) { truncated } }`,
		`query($x: String!) { entity(id: "enterprise:maz") { articles(after: $x) { totalCount } ... on Enterprise { supplies(filter: {product: $x}) { totalCount } } } }`,
		`query($x: String!) { supplies(filter: {since: $x}) { totalCount } }`,
		`mutation($x: String!) { ingestArticle(input: {text: $x, url: $x, title: $x}) { articleId } }`,
	}
	for _, q := range queries {
		for _, x := range injections {
			headers := map[string]string{}
			if !strings.ContainsAny(x, "\x00\n\r") {
				headers[APIKeyHeader] = x
			}
			resp := s.post(t, q, map[string]any{"x": x}, headers)
			if resp.status >= 500 {
				t.Errorf("%s with %q: status %d", q, x, resp.status)
			}
			for _, leak := range []string{"Neo4jError", "Neo.ClientError", "SyntaxError", "MATCH", "goroutine", "UNWIND"} {
				if strings.Contains(resp.raw, leak) && !strings.Contains(x, leak) {
					t.Errorf("%s with %q leaks %q: %s", q, x, leak, resp.raw)
				}
			}
			for _, e := range resp.Errors {
				if e.Extensions["code"] == codeInternal {
					t.Errorf("%s with %q: internal error", q, x)
				}
			}
		}
		for _, x := range injections {
			for _, path := range []string{"/export/graph.gexf?supplier=", "/export/neighborhood.graphml?id=", "/export/path.cyjs?from=enterprise:maz&to="} {
				status, _, body := s.get(t, path+urlEscape(x))
				if status >= 500 || strings.Contains(string(body), "Neo4jError") {
					t.Errorf("GET %s%q = %d %s", path, x, status, body)
				}
			}
		}
	}
	if after := count(); after != before {
		t.Errorf("graph changed from %s to %s", before, after)
	}
}

func urlEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// TestRoundTrips checks that nested fields cost one query per field path,
// however many parents there are.
func TestRoundTrips(t *testing.T) {
	driver := mustOpenNeo4j(t)
	mustLoadFixture(t, driver)
	s := mustServe(t, driver, nil)
	for _, test := range []struct {
		name  string
		query string
		max   int64
	}{
		// One to resolve the filter's names, one for the page (pairs.go).
		{"headline, fully primed", headlineQuery, 2},
		{"enterprises and four child fields", `{ enterprises(first: 20) { edges { node { name country { name } region { name }
			products(first: 5) { name producers(first: 5) { name } } articles(first: 5) { totalCount edges { node { title entities(first: 10) { name } } } } } } } }`, 7},
		{"nested supplies", `{ enterprises(first: 20) { edges { node { supplies(first: 10) { edges { node { recipient { name } products { name } evidence(first: 5) { article { title } } } } } } } } }`, 2},
		{"supply counts with keys", `{ supplyCounts(by: PRODUCT) { key { name } supplies } }`, 1},
	} {
		t.Run(test.name, func(t *testing.T) {
			// A loader gathers keys for 2 ms; on a busy machine under -race
			// the scheduler can start a list's resolvers later than that
			// and split one batch in two. The fewest round trips of three
			// runs is what the batching itself costs.
			fewest := int64(1 << 30)
			for range 3 {
				start := s.driver.sessions.Load()
				var data map[string]any
				s.mustQuery(t, test.query, map[string]any{"first": 50}, &data)
				fewest = min(fewest, s.driver.sessions.Load()-start)
			}
			if fewest > test.max {
				t.Errorf("%d round trips, want at most %d", fewest, test.max)
			}
		})
	}
}

// TestCypherVocabulary checks that every label and relationship type the
// package's Cypher names exists in schema (STYLE).
func TestCypherVocabulary(t *testing.T) {
	src, err := os.ReadFile("cypher.go")
	if err != nil {
		t.Fatal(err)
	}
	known := append(append([]string{}, schema.AllLabels...), schema.AllRelTypes...)
	// A colon followed by a capitalized name is a label or type; map keys
	// in the queries are lower camelCase.
	re := regexp.MustCompile(`:([A-Z][A-Za-z_]*)\b`)
	seen := 0
	for _, m := range re.FindAllStringSubmatch(string(src), -1) {
		seen++
		if !slices.Contains(known, m[1]) {
			t.Errorf("cypher.go names %q, which schema does not define", m[1])
		}
	}
	if seen < 20 {
		t.Errorf("found only %d labels and types; is the pattern right?", seen)
	}
}

func TestHealthReadyMetrics(t *testing.T) {
	driver := mustOpenNeo4j(t)
	mustLoadFixture(t, driver)
	ready := errors.New("neo4j unreachable")
	s := mustServe(t, driver, func(o *Options) {
		o.Ready = func(context.Context) error { return ready }
	})
	if status, _, _ := s.get(t, "/healthz"); status != http.StatusOK {
		t.Errorf("/healthz = %d", status)
	}
	if status, _, _ := s.get(t, "/readyz"); status != http.StatusServiceUnavailable {
		t.Errorf("/readyz while not ready = %d, want 503", status)
	}
	ready = nil
	if status, _, _ := s.get(t, "/readyz"); status != http.StatusOK {
		t.Errorf("/readyz when ready = %d, want 200", status)
	}
	if status, _, body := s.get(t, "/"); status != http.StatusOK || !strings.Contains(string(body), "graphiql") {
		t.Errorf("GET / = %d, want GraphiQL", status)
	}
	var data map[string]any
	s.mustQuery(t, headlineQuery, nil, &data)
	s.post(t, `{ nope }`, nil, nil)
	_, _, body := s.get(t, "/metrics")
	for _, want := range []string{
		`tradegraph_graphql_operations_total{operation="Headline",status="ok",type="query"} 1`,
		`tradegraph_graphql_operations_total{operation="invalid",status="error",type="unknown"} 1`,
		`tradegraph_graphql_operation_duration_seconds_bucket{operation="Headline",status="ok",type="query",le=`,
		`tradegraph_http_requests_total{code="200",route="/graphql"}`,
		`go_goroutines`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %s\n%s", want, grepLines(string(body), "tradegraph_"))
		}
	}
	if !strings.Contains(s.logs.String(), `operation=Headline`) {
		t.Errorf("request log lacks the operation: %s", s.logs.String())
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// postCached posts a raw GraphQL request body and returns the response's
// X-Cache header and body.
func postCached(t *testing.T, s *testServer, body string) (string, string) {
	t.Helper()
	resp, err := s.Client().Post(s.URL+"/graphql", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.Header.Get("X-Cache"), string(answer)
}

func TestResponseCache(t *testing.T) {
	driver := mustOpenNeo4j(t)
	mustLoadFixture(t, driver)
	s := mustServe(t, driver, func(o *Options) {
		o.CacheTTL = time.Minute
		o.Resolver.APIKey = "k"
		o.Resolver.Ingester = &fakeIngester{}
	})
	const q = `{"query": "{ supplies(filter: {supplier: \"MAZ\"}) { totalCount } }"}`
	post := func() (string, string) { return postCached(t, s, q) }
	first, body1 := post()
	second, body2 := post()
	if first != "" || second != "hit" || body1 != body2 || !strings.Contains(body1, `"totalCount":2`) {
		t.Errorf("X-Cache %q then %q, bodies %s and %s; want a miss, then the same body from the cache", first, second, body1, body2)
	}
	sessions := s.driver.sessions.Load()
	post()
	if s.driver.sessions.Load() != sessions {
		t.Error("a cached response asked Neo4j")
	}
	// A mutation is never kept, and it empties the cache.
	m := `mutation { ingestArticle(input: {text: "x"}) { articleId } }`
	for range 2 {
		if resp := s.post(t, m, nil, map[string]string{APIKeyHeader: "k"}); len(resp.Errors) > 0 {
			t.Fatalf("ingest: %s", resp.errorText())
		}
	}
	if after, _ := post(); after != "" {
		t.Errorf("X-Cache after ingest = %q, want a miss", after)
	}
	// Errors are not kept.
	bad := `{ supplies(first: 1000) { totalCount } }`
	s.post(t, bad, nil, nil)
	if resp := s.post(t, bad, nil, nil); len(resp.Errors) == 0 {
		t.Error("an error response was cached as a success")
	}
}

// TestStaleResponseIsRenewed checks that a response past its TTL is still
// served, marked stale, while one background request renews it, and that
// the renewed answer reads the database afresh.
func TestStaleResponseIsRenewed(t *testing.T) {
	driver := mustOpenNeo4j(t)
	mustLoadFixture(t, driver)
	const ttl = 2 * time.Second
	s := mustServe(t, driver, func(o *Options) { o.CacheTTL = ttl })
	const q = `{"query": "{ entity(id: \"enterprise:maz\") { name } }"}`
	post := func() (string, string) { return postCached(t, s, q) }
	if _, body := post(); !strings.Contains(body, `"name":"MAZ"`) {
		t.Fatalf("first answer %s, want MAZ", body)
	}
	mustRun(t, driver, `MATCH (e:Entity {id: 'enterprise:maz'}) SET e.name = 'MAZ (renamed)'`, nil)
	if state, body := post(); state != "hit" || !strings.Contains(body, `"name":"MAZ"`) {
		t.Fatalf("within the TTL: X-Cache %q, %s; want a hit with the old name", state, body)
	}
	time.Sleep(ttl + ttl/10)
	if state, body := post(); state != "stale" || !strings.Contains(body, `"name":"MAZ"`) {
		t.Fatalf("past the TTL: X-Cache %q, %s; want the old answer, stale", state, body)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		state, body := post()
		if strings.Contains(body, "MAZ (renamed)") {
			if state == "" {
				t.Errorf("the renewed answer came from a miss, not from the renewal")
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the renamed entity never showed: last X-Cache %q, %s", state, body)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
