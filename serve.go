package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"tradegraph/graph"
	"tradegraph/internal/dbconn"
	"tradegraph/loader"
	"tradegraph/loader/gazetteer"
	"tradegraph/loader/source"
	"tradegraph/schema"
)

// serveConfig is what the serve command's flags and environment say;
// server.go fills it.
type serveConfig struct {
	Addr            string
	DB              dbconn.Config
	GazetteerDir    string
	APIKey          string
	Limits          graph.Limits
	RequestTimeout  time.Duration
	MaxBodyBytes    int64
	ShutdownTimeout time.Duration
	CacheTTL        time.Duration
}

// runServe serves the API until ctx ends. It starts listening at once,
// even when Neo4j is down: a background task waits for the database with
// backoff (dbconn.WaitReady), applies the schema, and only then does
// /readyz report ready. On ctx's end it stops accepting requests and lets
// running ones finish, for at most ShutdownTimeout.
func runServe(ctx context.Context, cfg serveConfig, stdout io.Writer, logger *slog.Logger) error {
	driver, err := dbconn.Driver(cfg.DB)
	if err != nil {
		return err
	}
	defer closeDriver(driver, logger)

	var ingester graph.Ingester
	if cfg.APIKey != "" {
		gaz, err := gazetteer.Load(cfg.GazetteerDir)
		if err != nil {
			return fmt.Errorf("load gazetteer: %w", err)
		}
		ingester = &loaderIngester{
			loader: loader.New(driver, gaz, loader.Config{Database: cfg.DB.Database}, logger),
			logger: logger,
		}
	} else {
		logger.Info("ingestArticle disabled: no API key (set TRADEGRAPH_API_KEY)")
	}

	var schemaReady atomic.Bool
	prepDone := make(chan struct{})
	prepCtx, stopPrep := context.WithCancel(ctx)
	defer func() {
		stopPrep()
		<-prepDone
	}()
	go func() {
		defer close(prepDone)
		prepareDatabase(prepCtx, driver, cfg.DB, logger)
		schemaReady.Store(prepCtx.Err() == nil)
	}()

	ready := func(ctx context.Context) error {
		if !schemaReady.Load() {
			return errors.New("waiting for neo4j")
		}
		ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		defer cancel()
		if err := driver.VerifyConnectivity(ctx); err != nil {
			return fmt.Errorf("neo4j: %s", dbconn.Classify(err))
		}
		return nil
	}
	handler := graph.Handler(graph.Options{
		Resolver: &graph.Resolver{
			Driver: driver, Database: cfg.DB.Database, Limits: cfg.Limits,
			Ingester: ingester, APIKey: cfg.APIKey, Logger: logger,
			Available: schemaReady.Load,
		},
		RequestTimeout: cfg.RequestTimeout,
		MaxBodyBytes:   cfg.MaxBodyBytes,
		Ready:          ready,
		CacheTTL:       cfg.CacheTTL,
	})
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       cfg.RequestTimeout + 10*time.Second,
		WriteTimeout:      cfg.RequestTimeout + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	addr := ln.Addr().String()
	logger.Info("serving", "addr", addr, "graphql", "http://"+addr+"/graphql", "neo4j", cfg.DB.URI)
	fmt.Fprintf(stdout, "serving on http://%s (GraphiQL at /, GraphQL at /graphql, exports at /export/)\n", addr)

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve http: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down", "timeout", cfg.ShutdownTimeout)
	shutCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("shut down http server: %w", err)
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve http: %w", err)
	}
	logger.Info("stopped")
	return nil
}

// prepareDatabase waits until Neo4j answers and applies the schema,
// trying again with backoff until it succeeds or ctx ends. Wrong
// credentials cannot heal by waiting: it logs them and keeps trying slowly,
// so that /readyz keeps reporting the cause.
func prepareDatabase(ctx context.Context, driver neo4j.DriverWithContext, db dbconn.Config, logger *slog.Logger) {
	delay := time.Second
	for ctx.Err() == nil {
		err := dbconn.WaitReady(ctx, driver, db, func(err error, wait time.Duration) {
			logger.Warn("neo4j not ready; retrying", "err", err, "retry_in", wait)
		})
		if err == nil {
			if err = schema.Prepare(ctx, driver, db.Database); err == nil {
				logger.Info("neo4j ready; schema applied", "uri", db.URI)
				return
			}
		}
		if ctx.Err() != nil {
			return
		}
		logger.Error("neo4j not usable; retrying", "err", err, "retry_in", delay)
		select {
		case <-ctx.Done():
			return
		case <-time.After(delay):
		}
		delay = min(2*delay, 30*time.Second)
	}
}

// loaderIngester adapts the loader to graph.Ingester, so that graph need
// not import loader (STYLE).
type loaderIngester struct {
	loader *loader.Loader
	logger *slog.Logger
}

// Ingest reads the article as the load command would read a JSON file,
// so that ids, cleaning and dates match, and loads it.
func (li *loaderIngester) Ingest(ctx context.Context, a graph.ArticleInput) (graph.IngestResult, error) {
	doc, err := articleDocument(ctx, a, li.logger)
	if err != nil {
		return graph.IngestResult{}, err
	}
	res, err := li.loader.LoadDocument(ctx, doc)
	if err != nil {
		return graph.IngestResult{}, fmt.Errorf("load %s: %w", doc.ID, err)
	}
	status := map[loader.Status]string{
		loader.StatusLoaded: "created", loader.StatusReplaced: "replaced", loader.StatusUnchanged: "unchanged",
	}[res.Status]
	return graph.IngestResult{ArticleID: res.ID, Status: status, Entities: res.Entities,
		Facts: res.Facts + res.Links, Warnings: append(doc.Warnings, res.Warnings...)}, nil
}

// articleDocument turns a mutation's article into a source.Document.
// source has no exported parser for bytes, so the article goes through a
// temporary JSON file and the Reader, the same path `load` takes.
func articleDocument(ctx context.Context, a graph.ArticleInput, logger *slog.Logger) (*source.Document, error) {
	dir, err := os.MkdirTemp("", "tradegraph-ingest-")
	if err != nil {
		return nil, fmt.Errorf("ingest: temporary directory: %w", err)
	}
	defer func() {
		if err := os.RemoveAll(dir); err != nil {
			logger.Warn("remove ingest directory", "dir", dir, "err", err)
		}
	}()
	data, err := json.Marshal(map[string]string{
		"url": a.URL, "title": a.Title, "site": a.Site, "published": a.Published, "text": a.Text,
	})
	if err != nil {
		return nil, fmt.Errorf("ingest: encode article: %w", err)
	}
	path := filepath.Join(dir, "article.json")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return nil, fmt.Errorf("ingest: write article: %w", err)
	}
	var reader source.Reader
	for doc, err := range reader.Read(ctx, []string{path}) {
		if err != nil {
			// The reader names the temporary file; the client knows
			// its article as "the article".
			msg := strings.ReplaceAll(strings.ReplaceAll(err.Error(), path+": ", ""), path, "the article")
			return nil, fmt.Errorf("%w: the article cannot be read: %s", graph.ErrInvalid, msg)
		}
		return doc, nil
	}
	return nil, fmt.Errorf("%w: the article has no text", graph.ErrInvalid)
}
