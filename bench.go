package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"sync"
	"time"

	"tradegraph/graph"
	"tradegraph/graph/model"
	"tradegraph/internal/dbconn"
)

// benchConfig is what the bench-api command's flags say.
type benchConfig struct {
	DB               dbconn.Config
	Clients          int
	Requests         int // of the cached GraphQL mode
	UncachedRequests int // of each uncached mode
	CacheTTL         time.Duration
	Block            int // cached requests per round; uncached ones get their share
	Warmup           int
	First            int
}

// benchHeadline is the analysts' headline question, as the issue asks it.
const benchHeadline = `query Headline($first: Int) {
  supplies(filter: {supplierCountry: "Belarus", recipientCountry: "Russia"}, first: $first) {
    totalCount
    edges { cursor node {
      supplier { id name } recipient { id name } region { id name }
      products { id name } status quantity
      evidence { sentence confidence article { id title url published } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`

// benchMode is one way of asking the headline question.
type benchMode struct {
	name     string
	requests int
	run      func(context.Context) error
	lat      []time.Duration
	elapsed  time.Duration
}

// runBenchAPI measures the headline query three ways in one run, against
// the graph already loaded in Neo4j:
//
//   - graphql: over HTTP through the full stack as `serve` builds it (an
//     in-process server on a loopback port), with its result cache;
//   - graphql-nocache: the same with the cache and the sharing of
//     concurrent identical queries off, so every request runs the Cypher;
//   - driver: the same Cypher run directly with the driver.
//
// graphql-nocache against driver is the GraphQL layer's overhead. The
// modes take turns in rounds, each with cfg.Clients concurrent clients, so
// that all see the same database caches and machine load.
func runBenchAPI(ctx context.Context, cfg benchConfig, stdout io.Writer, logger *slog.Logger) error {
	driver, err := dbconn.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer closeDriver(driver, logger)

	limits := graph.DefaultLimits()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: cfg.Clients}}
	body, err := json.Marshal(map[string]any{"query": benchHeadline, "variables": map[string]any{"first": cfg.First}})
	if err != nil {
		return fmt.Errorf("encode query: %w", err)
	}
	serveGraphQL := func(ttl time.Duration) (func(context.Context) error, string, error) {
		handler := graph.Handler(graph.Options{
			Resolver: &graph.Resolver{Driver: driver, Database: cfg.DB.Database, Limits: limits,
				Logger: slog.New(slog.DiscardHandler)},
			RequestTimeout: time.Minute,
			CacheTTL:       ttl,
		})
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, "", fmt.Errorf("listen: %w", err)
		}
		srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
		go func() {
			if err := srv.Serve(ln); err != nil && err != http.ErrServerClosed {
				logger.Error("bench server", "err", err)
			}
		}()
		context.AfterFunc(ctx, func() {
			if err := srv.Close(); err != nil {
				logger.Warn("close bench server", "err", err)
			}
		})
		url := "http://" + ln.Addr().String() + "/graphql"
		return func(ctx context.Context) error { return postHeadline(ctx, client, url, body) }, url, nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cached, url, err := serveGraphQL(cfg.CacheTTL)
	if err != nil {
		return err
	}
	uncached, _, err := serveGraphQL(-1)
	if err != nil {
		return err
	}
	filter := &model.SupplyFilter{SupplierCountry: ptr("Belarus"), RecipientCountry: ptr("Russia")}
	viaDriver := func(ctx context.Context) error {
		_, err := graph.RunSupplies(ctx, driver, cfg.DB.Database, filter, cfg.First, limits.MaxPageSize)
		return err
	}
	counts, err := graphCounts(ctx, client, url)
	if err != nil {
		return err
	}
	modes := []*benchMode{
		{name: "graphql", requests: cfg.Requests, run: cached},
		{name: "graphql-nocache", requests: cfg.UncachedRequests, run: uncached},
		{name: "driver", requests: cfg.UncachedRequests, run: viaDriver},
	}
	rounds := max(1, (cfg.Requests+cfg.Block-1)/cfg.Block)
	for _, m := range modes {
		if _, err := measure(ctx, cfg.Clients, min(cfg.Warmup, m.requests), m.run); err != nil {
			return fmt.Errorf("warm up %s: %w", m.name, err)
		}
	}
	for round := range rounds {
		for _, m := range modes {
			// Each mode's requests spread evenly over the rounds.
			n := m.requests*(round+1)/rounds - m.requests*round/rounds
			if n == 0 {
				continue
			}
			start := time.Now()
			d, err := measure(ctx, cfg.Clients, n, m.run)
			if err != nil {
				return fmt.Errorf("%s: %w", m.name, err)
			}
			m.elapsed += time.Since(start)
			m.lat = append(m.lat, d...)
		}
	}

	fmt.Fprintf(stdout, "graph: %s\n", counts)
	fmt.Fprintf(stdout, "headline query: supplies(filter: {supplierCountry: Belarus, recipientCountry: Russia}, first: %d) with totalCount, evidence and articles\n", cfg.First)
	fmt.Fprintf(stdout, "%d concurrent clients per mode; modes take turns in %d rounds; cache TTL %s; %d warm-up requests per mode\n\n",
		cfg.Clients, rounds, cfg.CacheTTL, cfg.Warmup)
	fmt.Fprintf(stdout, "%-16s %8s %10s %10s %10s %10s %8s\n", "mode", "requests", "p50", "p90", "p99", "mean", "req/s")
	stats := map[string][4]time.Duration{}
	for _, m := range modes {
		slices.Sort(m.lat)
		var sum time.Duration
		for _, x := range m.lat {
			sum += x
		}
		s := [4]time.Duration{quantile(m.lat, 0.50), quantile(m.lat, 0.90), quantile(m.lat, 0.99), sum / time.Duration(len(m.lat))}
		stats[m.name] = s
		fmt.Fprintf(stdout, "%-16s %8d %10s %10s %10s %10s %8.0f\n", m.name, len(m.lat), ms(s[0]), ms(s[1]), ms(s[2]), ms(s[3]),
			float64(len(m.lat))/m.elapsed.Seconds())
	}
	g, d := stats["graphql-nocache"], stats["driver"]
	fmt.Fprintf(stdout, "\nGraphQL layer overhead (graphql-nocache / driver): p50 %.2fx, p90 %.2fx, p99 %.2fx, mean %.2fx\n",
		ratio(g[0], d[0]), ratio(g[1], d[1]), ratio(g[2], d[2]), ratio(g[3], d[3]))
	return nil
}

// postHeadline sends the headline query and checks the answer has no
// errors.
func postHeadline(ctx context.Context, client *http.Client, url string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	// The whole answer is read, as any client must. gqlgen writes "errors"
	// before "data", so an answer that starts with "data" has none; only
	// others are decoded, to say what went wrong. Decoding every answer
	// would charge the client's JSON parsing to the GraphQL layer, which
	// the driver mode, handed Go values, does not pay.
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("read response: %w", err)
	}
	if resp.StatusCode == http.StatusOK && bytes.HasPrefix(answer, []byte(`{"data":`)) {
		return nil
	}
	var out struct {
		Errors []any `json:"errors"`
	}
	if err := json.Unmarshal(answer, &out); err != nil {
		return fmt.Errorf("decode response (status %d): %w", resp.StatusCode, err)
	}
	return fmt.Errorf("graphql: status %d, errors %v", resp.StatusCode, out.Errors)
}

func ptr[T any](v T) *T { return &v }

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000) }

func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// quantile returns the q-quantile of sorted latencies (nearest rank).
func quantile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q*float64(len(sorted))+0.5) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

// measure runs fn n times on clients goroutines and returns each call's
// latency. The first error stops it.
func measure(ctx context.Context, clients, n int, fn func(context.Context) error) ([]time.Duration, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan struct{})
	var mu sync.Mutex
	var out []time.Duration
	var firstErr error
	var wg sync.WaitGroup
	for range clients {
		wg.Go(func() {
			for range jobs {
				start := time.Now()
				err := fn(ctx)
				d := time.Since(start)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
					cancel()
				}
				out = append(out, d)
				mu.Unlock()
			}
		})
	}
send:
	for range n {
		select {
		case jobs <- struct{}{}:
		case <-ctx.Done():
			break send
		}
	}
	close(jobs)
	wg.Wait()
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	return out, firstErr
}

// graphCounts describes the loaded graph in one line, asking the API.
func graphCounts(ctx context.Context, client *http.Client, url string) (string, error) {
	body := []byte(`{"query": "{ articles(first: 0) { totalCount } supplies(first: 0) { totalCount } enterprises(first: 0) { totalCount } }"}`)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return "", fmt.Errorf("count the graph: %w", err)
	}
	defer resp.Body.Close()
	var out struct {
		Data map[string]struct {
			TotalCount int `json:"totalCount"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return "", fmt.Errorf("count the graph: %w", err)
	}
	return fmt.Sprintf("%d articles, %d enterprises, %d (supplier, recipient) supplies",
		out.Data["articles"].TotalCount, out.Data["enterprises"].TotalCount, out.Data["supplies"].TotalCount), nil
}
