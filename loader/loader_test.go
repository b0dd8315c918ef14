package loader

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"tradegraph/internal/dbconn"
	"tradegraph/loader/source"
)

const seedArticle = "../testdata/dev/seed-arkhangelsk.txt"

func TestLoadSeedTwiceIsIdempotent(t *testing.T) {
	driver := mustOpenNeo4j(t)
	l := New(driver, mustGazetteer(t), Config{}, testLogger(t))

	first := mustLoad(t, l, seedArticle)
	if first.Loaded != 1 || first.Failed != 0 {
		t.Fatalf("first load: %v, want 1 loaded", first)
	}
	before := mustDump(t, driver)

	second := mustLoad(t, l, seedArticle)
	if second.Unchanged != 1 || second.Loaded != 0 {
		t.Errorf("second load: %v, want 1 unchanged", second)
	}
	if diff := cmp.Diff(before, mustDump(t, driver)); diff != "" {
		t.Errorf("graph changed on reloading the same article (-before +after):\n%s", diff)
	}

	// Forcing the reload goes through replacement, which must also leave
	// the graph exactly as it was.
	forced := mustLoad(t, New(driver, mustGazetteer(t), Config{Force: true}, testLogger(t)), seedArticle)
	if forced.Replaced != 1 {
		t.Errorf("forced load: %v, want 1 replaced", forced)
	}
	after := mustDump(t, driver)
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("graph changed on a forced reload (-before +after):\n%s", diff)
	}
	t.Logf("seed article: %s", after.counts())
}

func TestLoadSeedGraph(t *testing.T) {
	driver := mustOpenNeo4j(t)
	mustLoad(t, New(driver, mustGazetteer(t), Config{}, testLogger(t)), seedArticle)

	supplies := query(t, driver, `
		MATCH (:Enterprise {id: 'enterprise:maz'})-[r:SUPPLIES]->(:Region {id: 'region:ru-ark'})
		RETURN r.product AS product, r.productName AS productName, r.quantity AS quantity,
		       r.status AS status, r.sentence AS sentence, r.article AS article, r.published AS published`, nil)
	want := []map[string]any{{
		"product": "product:buses", "productName": "buses", "quantity": int64(150), "status": "delivered",
		"sentence": "We supplied 150 vehicles at the end of 2022 - the beginning of 2023.",
		"article":  "article:8fb154ee76070d5b5ff5", "published": "--04-22",
	}}
	// The evidence sentence is whichever sentence extraction picked; it
	// must at least be one that states the delivery.
	if len(supplies) == 1 {
		if s, _ := supplies[0]["sentence"].(string); strings.Contains(s, "150") || strings.Contains(s, "MAZ buses") {
			want[0]["sentence"] = s
		}
	}
	if diff := cmp.Diff(want, supplies); diff != "" {
		t.Errorf("MAZ -SUPPLIES-> Arkhangelsk Oblast mismatch (-want +got):\n%s", diff)
	}

	for _, test := range []struct {
		name, query string
		want        []map[string]any
	}{
		{
			"region part of Russia",
			`MATCH (:Region {id: 'region:ru-ark'})-[r:PART_OF]->(c:Country) WHERE r.source = 'gazetteer' RETURN c.id AS id, c.name AS name`,
			[]map[string]any{{"id": "country:ru", "name": "Russia"}},
		},
		{
			"article",
			`MATCH (a:Article) RETURN a.id AS id, a.title AS title, a.published AS published, a.source AS source, a.extractor AS extractor`,
			[]map[string]any{{"id": "article:8fb154ee76070d5b5ff5", "published": "--04-22", "source": seedArticle,
				"title": "Lukashenko invites Russia’s Arkhangelsk Oblast to deepen cooperation in mechanical engineering", "extractor": "rules-2"}},
		},
		{
			"MAZ node",
			`MATCH (e:Entity:Enterprise {id: 'enterprise:maz'}) RETURN e.name AS name, e.source AS source, e.mentions AS mentions, e.country AS country, e.nameText STARTS WITH 'MAZ | ' AS nameText`,
			[]map[string]any{{"name": "MAZ", "source": "gazetteer", "mentions": int64(1), "country": "country:by", "nameText": true}},
		},
		{
			// Every entity node has Entity and exactly one other label.
			"labels",
			`MATCH (e:Entity) WHERE size(labels(e)) <> 2 RETURN e.id AS id, labels(e) AS labels`,
			[]map[string]any{},
		},
		{
			// mentions counts the articles naming an entity.
			"mention counts",
			`MATCH (e:Entity) WHERE e.mentions <> COUNT { (e)<-[:MENTIONS]-(:Article) } RETURN e.id AS id`,
			[]map[string]any{},
		},
		{
			// Gazetteer structure comes with the country of every region.
			"regions without country",
			`MATCH (r:Region) WHERE NOT (r)-[:PART_OF {source: 'gazetteer'}]->(:Country) RETURN r.id AS id`,
			[]map[string]any{},
		},
	} {
		t.Run(test.name, func(t *testing.T) {
			got := query(t, driver, test.query, nil)
			if diff := cmp.Diff(test.want, got); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", test.query, diff)
			}
		})
	}
}

// Two versions of one article (same URL), and a second article that
// shares entities with the first.
const (
	articleV1 = `url: https://news.example.com/replace
title: MAZ buses for Kazan
date: 2023-05-10

MAZ supplied 100 buses to Kazan last year. The Severny Machine Plant bought 20 trucks from MAZ.
`
	articleV2 = `url: https://news.example.com/replace
title: BelAZ dump trucks for Kuzbass
date: 2023-05-11

BelAZ delivered 30 dump trucks to Kemerovo Oblast in March.
`
	articleShared = `url: https://news.example.com/shared
title: Severny Machine Plant buys MAZ trucks
date: 2023-06-01

The Severny Machine Plant has purchased 15 trucks from MAZ. MAZ also supplied 40 buses to Kazan.
`
)

func TestChangedArticleReplacesItsFacts(t *testing.T) {
	driver := mustOpenNeo4j(t)
	dir := t.TempDir()
	l := New(driver, mustGazetteer(t), Config{}, testLogger(t))
	v1 := writeFile(t, dir, "v1.txt", articleV1)
	v2 := writeFile(t, dir, "v2.txt", articleV2)

	mustLoad(t, l, v1)
	if got := query(t, driver, `MATCH (e:Enterprise {id: 'enterprise:severny-machine-plant'}) RETURN e.source AS source`, nil); len(got) != 1 {
		t.Fatalf("discovered enterprise after loading v1: %v, want one node (extraction changed?)", got)
	}
	sum := mustLoad(t, l, v2)
	if sum.Replaced != 1 {
		t.Fatalf("load v2: %v, want 1 replaced", sum)
	}
	replaced := mustDump(t, driver)

	for _, test := range []struct {
		name, query string
		want        []map[string]any
	}{
		{"one article", `MATCH (a:Article) RETURN a.title AS title, a.source AS source`,
			[]map[string]any{{"title": "BelAZ dump trucks for Kuzbass", "source": v2}}},
		{"old facts gone", `MATCH (:Enterprise {id: 'enterprise:maz'})-[r]->() WHERE r.article IS NOT NULL RETURN type(r) AS type`,
			[]map[string]any{}},
		{"new supply", `MATCH (:Enterprise {id: 'enterprise:belaz'})-[r:SUPPLIES]->(:Region {id: 'region:ru-kem'}) RETURN r.product AS product, r.quantity AS quantity`,
			[]map[string]any{{"product": "product:dump-trucks", "quantity": int64(30)}}},
		{"orphan discovered entity deleted", `MATCH (e {id: 'enterprise:severny-machine-plant'}) RETURN e.id AS id`,
			[]map[string]any{}},
		// A gazetteer entity no article names any more stays, as a known
		// fact, with no mentions and no confidence.
		{"gazetteer entity kept", `MATCH (e:Enterprise {id: 'enterprise:maz'}) RETURN e.mentions AS mentions, e.confidence AS confidence`,
			[]map[string]any{{"mentions": int64(0), "confidence": nil}}},
		{"mentions of new entities", `MATCH (e:Entity {id: 'enterprise:belaz'}) RETURN e.mentions AS mentions`,
			[]map[string]any{{"mentions": int64(1)}}},
	} {
		t.Run(test.name, func(t *testing.T) {
			if diff := cmp.Diff(test.want, query(t, driver, test.query, nil)); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", test.query, diff)
			}
		})
	}

	// What the article contributes (its node, mentions, facts and the
	// entities it names) is exactly what loading v2 alone gives.
	mustClearDB(t, driver)
	mustLoad(t, New(driver, mustGazetteer(t), Config{}, testLogger(t)), v2)
	if diff := cmp.Diff(articlePart(t, mustDump(t, driver)), articlePart(t, replaced)); diff != "" {
		t.Errorf("replaced article differs from a fresh load of its new version (-fresh +replaced):\n%s", diff)
	}
}

// articlePart keeps the lines of a dump that articles own: Article nodes,
// entities with mentions, MENTIONS and text facts. Gazetteer structure
// and entities nobody mentions any more are left out.
func articlePart(t *testing.T, d dump) dump {
	t.Helper()
	var out dump
	for _, n := range d.Nodes {
		var v struct {
			Labels []string       `json:"labels"`
			Props  map[string]any `json:"props"`
		}
		if err := json.Unmarshal([]byte(n), &v); err != nil {
			t.Fatal(err)
		}
		if slices.Contains(v.Labels, "Article") || v.Props["mentions"] != float64(0) {
			out.Nodes = append(out.Nodes, n)
		}
	}
	for _, r := range d.Rels {
		if strings.Contains(r, `"type":"MENTIONS"`) || strings.Contains(r, `"article":`) {
			out.Rels = append(out.Rels, r)
		}
	}
	return out
}

func TestSharedEntitiesAreMerged(t *testing.T) {
	driver := mustOpenNeo4j(t)
	dir := t.TempDir()
	writeFile(t, dir, "v1.txt", articleV1)
	writeFile(t, dir, "shared.txt", articleShared)
	l := New(driver, mustGazetteer(t), Config{}, testLogger(t))
	mustLoad(t, l, dir)

	got := query(t, driver, `
		MATCH (e:Entity) WHERE e.id IN ['enterprise:maz', 'enterprise:severny-machine-plant', 'city:kazan']
		RETURN e.id AS id, e.mentions AS mentions, e.source AS source ORDER BY id`, nil)
	want := []map[string]any{
		{"id": "city:kazan", "mentions": int64(2), "source": "gazetteer"},
		{"id": "enterprise:maz", "mentions": int64(2), "source": "gazetteer"},
		{"id": "enterprise:severny-machine-plant", "mentions": int64(2), "source": "discovered"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("shared entities mismatch (-want +got):\n%s", diff)
	}

	// Replacing one of the two articles leaves the shared entities, named
	// by the other, with one mention each.
	writeFile(t, dir, "v1.txt", articleV2)
	mustLoad(t, l, dir)
	got = query(t, driver, `
		MATCH (e:Entity) WHERE e.id IN ['enterprise:maz', 'enterprise:severny-machine-plant']
		RETURN e.id AS id, e.mentions AS mentions ORDER BY id`, nil)
	want = []map[string]any{
		{"id": "enterprise:maz", "mentions": int64(1)},
		{"id": "enterprise:severny-machine-plant", "mentions": int64(1)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("shared entities after replacing one article mismatch (-want +got):\n%s", diff)
	}
}

func TestFailedDocumentsDoNotStopTheRest(t *testing.T) {
	driver := mustOpenNeo4j(t)
	dir := t.TempDir()
	good := writeFile(t, dir, "a-good.txt", articleV1)
	bad := writeFile(t, dir, "b-fails-on-write.txt", articleShared)
	writeFile(t, dir, "c-empty.txt", "")
	writeFile(t, dir, "d-binary.txt", "\x00\x01\x02binary")
	writeFile(t, dir, "e-lines.jsonl", `{"url": "https://news.example.com/j1", "title": "BelAZ for Kuzbass", "text": "BelAZ delivered 30 dump trucks to Kemerovo Oblast."}
{"url": "https://news.example.com/j2", "title": "broken
`)
	writeFile(t, dir, "f-feed.xml", "this is not a feed")

	var reader source.Reader
	var badID string
	for doc, err := range reader.Read(context.Background(), []string{bad}) {
		if err != nil {
			t.Fatal(err)
		}
		badID = doc.ID
	}
	l := New(driver, mustGazetteer(t), Config{BatchSize: 50}, testLogger(t))
	l.beforeWrite = func(ids []string) error {
		if slices.Contains(ids, badID) {
			return errors.New("injected write failure")
		}
		return nil
	}
	sum, err := l.Load(context.Background(), []string{dir})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if sum.Read != 7 || sum.Loaded != 2 || sum.Failed != 5 {
		t.Errorf("Load = %v, want 7 read, 2 loaded, 5 failed", sum)
	}
	for _, name := range []string{"b-fails-on-write.txt", "c-empty.txt", "d-binary.txt", "e-lines.jsonl:2", "f-feed.xml"} {
		if !slices.ContainsFunc(sum.Failures, func(f string) bool { return strings.Contains(f, name) }) {
			t.Errorf("Failures %q do not name %s", sum.Failures, name)
		}
	}
	got := query(t, driver, `MATCH (a:Article) RETURN a.source AS source ORDER BY source`, nil)
	want := []map[string]any{{"source": good}, {"source": filepath.Join(dir, "e-lines.jsonl") + ":1"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("articles mismatch (-want +got):\n%s", diff)
	}
}

// TestFeedURLs loads feeds over HTTP (from a local test server): a feed
// URL that fails is an error for that source, and the others go on.
func TestFeedURLs(t *testing.T) {
	driver := mustOpenNeo4j(t)
	const feed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>BelTA</title>
<item><title>MAZ buses for Kazan</title><link>https://news.example.com/f1</link>
<pubDate>Mon, 22 May 2023 10:00:00 +0300</pubDate>
<description>&lt;p&gt;MAZ supplied 100 buses to Kazan last year.&lt;/p&gt;</description></item>
<item><title>BelAZ for Kuzbass</title><link>https://news.example.com/f2</link>
<description>BelAZ delivered 30 dump trucks to Kemerovo Oblast.</description></item>
</channel></rss>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, feed)
		case "/hangs-up":
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close() // no answer at all
			}
		default:
			http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	l := New(driver, mustGazetteer(t), Config{HTTP: srv.Client()}, testLogger(t))

	sum, err := l.Load(context.Background(), []string{srv.URL + "/hangs-up", srv.URL + "/down.xml", srv.URL + "/feed.xml"})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if sum.Loaded != 2 || sum.Failed != 2 {
		t.Errorf("Load = %v, want 2 loaded and 2 failed", sum)
	}
	got := query(t, driver, `MATCH (a:Article) RETURN a.url AS url, a.site AS site, a.published AS published ORDER BY url`, nil)
	want := []map[string]any{
		{"url": "https://news.example.com/f1", "site": "BelTA", "published": "2023-05-22"},
		{"url": "https://news.example.com/f2", "site": "BelTA", "published": ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("articles from the feed mismatch (-want +got):\n%s", diff)
	}
}

func TestUnreachableDatabase(t *testing.T) {
	mustOpenNeo4j(t) // only to honour NEO4J_TEST_URI / NEO4J_TEST_REQUIRED
	// Nothing listens on port 1; the driver's own retries are cut short.
	driver, err := neo4j.NewDriverWithContext("bolt://127.0.0.1:1", neo4j.NoAuth(), func(c *config.Config) {
		c.MaxTransactionRetryTime = time.Millisecond
		c.SocketConnectTimeout = time.Second
	})
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(context.Background())
	l := New(driver, mustGazetteer(t), Config{Retries: 1, RetryDelay: 10 * time.Millisecond}, testLogger(t))

	_, err = l.Load(context.Background(), []string{seedArticle})
	var dbErr *dbconn.Error
	if !errors.As(err, &dbErr) || !strings.Contains(err.Error(), "127.0.0.1:1") || dbErr.Cause != dbconn.CauseRefused {
		t.Errorf("Load with no database = %v, want a dbconn.Error naming the URI and a refused connection", err)
	}
	l = New(driver, mustGazetteer(t), Config{Retries: -1}, testLogger(t))
	_, err = l.LoadDocument(context.Background(), &source.Document{ID: "article:x", Text: "MAZ supplied buses to Kazan."})
	if !errors.As(err, &dbErr) {
		t.Errorf("LoadDocument with no database = %v, want a dbconn.Error", err)
	}
}

func TestLoadDocument(t *testing.T) {
	driver := mustOpenNeo4j(t)
	l := New(driver, mustGazetteer(t), Config{}, testLogger(t))
	doc := &source.Document{ID: "article:api-1", Origin: "api", URL: "https://news.example.com/api-1",
		Title: "MAZ buses for Kazan \xff", Text: "MAZ supplied 100 buses to Kazan last year."}

	for _, test := range []struct {
		name   string
		text   string
		status Status
	}{
		{"new", doc.Text, StatusLoaded},
		{"same", doc.Text, StatusUnchanged},
		{"changed", "BelAZ delivered 30 dump trucks to Kemerovo Oblast.", StatusReplaced},
	} {
		t.Run(test.name, func(t *testing.T) {
			d := *doc
			d.Text = test.text
			res, err := l.LoadDocument(context.Background(), &d)
			if err != nil {
				t.Fatalf("LoadDocument: %v", err)
			}
			if res.Status != test.status || res.ID != doc.ID {
				t.Errorf("LoadDocument = %+v, want status %s", res, test.status)
			}
			if test.status != StatusUnchanged && (res.Entities == 0 || res.Facts == 0) {
				t.Errorf("LoadDocument = %+v, want entities and facts counted", res)
			}
		})
	}
	got := query(t, driver, `MATCH (a:Article)-[:MENTIONS]->(e) RETURN a.title AS title, collect(e.id) AS entities`, nil)
	if len(got) != 1 || got[0]["title"] != "MAZ buses for Kazan \uFFFD" || !slices.Contains(got[0]["entities"].([]any), any("enterprise:belaz")) {
		t.Errorf("graph after LoadDocument: %v", got)
	}
	if _, err := l.LoadDocument(context.Background(), &source.Document{}); err == nil {
		t.Error("LoadDocument(no id) succeeded, want an error")
	}
}

// TestNaiveWriterMatches checks the benchmark's naive writer against the
// batched one: the comparison is only fair if both build the same graph.
func TestNaiveWriterMatches(t *testing.T) {
	driver := mustOpenNeo4j(t)
	dir := t.TempDir()
	mustGenerate(t, dir, 30)
	l := New(driver, mustGazetteer(t), Config{BatchSize: 10}, testLogger(t))
	mustLoad(t, l, dir)
	batched := mustDump(t, driver)

	mustClearDB(t, driver)
	if _, err := loadNaive(context.Background(), l, dir); err != nil {
		t.Fatalf("naive load: %v", err)
	}
	if diff := cmp.Diff(batched, mustDump(t, driver)); diff != "" {
		t.Errorf("naive writer builds another graph (-batched +naive):\n%s", diff)
	}
	t.Logf("30 generated articles: %s", batched.counts())
}

func TestLoadInterrupted(t *testing.T) {
	driver := mustOpenNeo4j(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := New(driver, mustGazetteer(t), Config{}, testLogger(t)).Load(ctx, []string{seedArticle})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Load(canceled context) = %v, want context.Canceled", err)
	}
	if got := countArticles(t, driver); got != 0 {
		t.Errorf("%d articles written after cancel", got)
	}
}

func TestSummaryString(t *testing.T) {
	s := Summary{Read: 10, Loaded: 7, Replaced: 1, Unchanged: 2, Failed: 1, Entities: 30, Facts: 20, Elapsed: 2 * time.Second}
	got := s.String()
	for _, want := range []string{"read 10 documents", "7 loaded (1 replaced)", "2 unchanged", "1 failed", "30 entities", "20 facts", "2s", "(5 docs/s)"} {
		if !strings.Contains(got, want) {
			t.Errorf("Summary.String() = %q, want it to contain %q", got, want)
		}
	}
	if strings.Contains(got, "\n") {
		t.Errorf("Summary.String() = %q, want one line", got)
	}
}
