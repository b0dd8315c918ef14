// Command tradegraph reads news about bilateral trade into a Neo4j
// knowledge graph and answers analysts' questions about it over GraphQL.
//
//	tradegraph extract FILE...     print what extraction finds, as JSON lines
//	tradegraph load PATH_OR_URL... read articles into Neo4j
//	tradegraph serve               serve the GraphQL API and graph exports
//	tradegraph migrate             apply the Neo4j constraints and indexes, rebuild summaries
//	tradegraph gen-articles        write synthetic articles for scale tests
//	tradegraph train-pairs         train the extractor's pair model on annotated articles
//
// This file is the only reader of flags and environment variables: it
// builds the configuration and hands it to the packages that do the work.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/urfave/cli/v3"
	"golang.org/x/term"

	"tradegraph/graph"
	"tradegraph/internal/dbconn"
	"tradegraph/loader"
	"tradegraph/loader/extract"
	"tradegraph/loader/gazetteer"
	"tradegraph/loader/pairtrain"
	"tradegraph/loader/source"
	"tradegraph/loader/synth"
	"tradegraph/schema"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args, os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "tradegraph:", err)
		os.Exit(1)
	}
}

// run executes the command line args with environment getenv, writing
// results to stdout and logs to stderr. Tests call it directly.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	env := func(key string) cli.ValueSourceChain {
		return cli.NewValueSourceChain(envSource{key: key, getenv: getenv})
	}
	var logger *slog.Logger
	neo4jFlags := []cli.Flag{
		&cli.StringFlag{Name: "neo4j-uri", Value: "bolt://127.0.0.1:7687", Sources: env("NEO4J_URI"),
			Usage: "Neo4j URI: bolt:// for one server, neo4j:// or neo4j+s:// for a cluster or Aura"},
		&cli.StringFlag{Name: "neo4j-user", Value: "neo4j", Sources: env("NEO4J_USER"), Usage: "Neo4j user"},
		&cli.StringFlag{Name: "neo4j-password", Sources: env("NEO4J_PASSWORD"),
			Usage: "Neo4j password; empty means no authentication (the local dev database)"},
		&cli.StringFlag{Name: "neo4j-database", Sources: env("NEO4J_DATABASE"), Usage: "database name; empty means the server's default"},
	}
	gazetteerFlag := &cli.StringFlag{Name: "gazetteer", Sources: env("TRADEGRAPH_GAZETTEER"), TakesFile: true,
		Usage: "directory of gazetteer YAML files that extend or override the built-in ones"}

	app := &cli.Command{
		Name:      "tradegraph",
		Usage:     "a knowledge graph of bilateral trade, read from the news",
		Writer:    stdout,
		ErrWriter: stderr,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "log-format", Value: "text", Sources: env("TRADEGRAPH_LOG_FORMAT"), Usage: "log format: text or json"},
			&cli.StringFlag{Name: "log-level", Value: "info", Sources: env("TRADEGRAPH_LOG_LEVEL"), Usage: "log level: debug, info, warn, error"},
		},
		Before: func(ctx context.Context, cmd *cli.Command) (context.Context, error) {
			var err error
			logger, err = newLogger(stderr, cmd.String("log-format"), cmd.String("log-level"))
			return ctx, err
		},
		Commands: []*cli.Command{
			{
				Name:      "extract",
				Usage:     "print the entities and facts found in articles, one JSON object per document",
				ArgsUsage: "FILE_OR_DIR_OR_URL...",
				Flags: []cli.Flag{gazetteerFlag,
					&cli.BoolFlag{Name: "trace", Usage: "explain the reading sentence by sentence instead of printing JSON"},
					&cli.StringFlag{Name: "pair-model", TakesFile: true,
						Usage: "pair model written by train-pairs instead of the built-in one; \"none\" runs the rules alone"}},
				Action: func(ctx context.Context, cmd *cli.Command) error {
					return runExtract(ctx, cmd.Args().Slice(), extractConfig{Gazetteer: cmd.String("gazetteer"),
						PairModel: cmd.String("pair-model"), Trace: cmd.Bool("trace")}, stdout, logger)
				},
			},
			{
				Name:  "train-pairs",
				Usage: "train the pair model that finds the supplies the extraction rules miss, from annotated articles",
				Flags: []cli.Flag{gazetteerFlag,
					&cli.StringFlag{Name: "dev", Value: "testdata/dev", TakesFile: true, Usage: "directory of NAME.txt articles with NAME.gold.json annotations"},
					&cli.StringSliceFlag{Name: "skip", Usage: "leave out articles whose name starts with this prefix (repeatable), to score on them"},
					&cli.StringFlag{Name: "out", Value: "loader/extract/data/pair-model.json", TakesFile: true, Usage: "model file to write"},
					&cli.FloatFlag{Name: "threshold", Value: pairtrain.DefaultOptions.Threshold, Usage: "probability above which a pair becomes a supply"},
					&cli.BoolFlag{Name: "crosses", Value: pairtrain.DefaultOptions.Crosses, Usage: "weigh every two features seen together too"},
					&cli.FloatFlag{Name: "l2", Value: pairtrain.DefaultOptions.L2, Usage: "weight decay per example"},
					&cli.IntFlag{Name: "min-count", Value: pairtrain.DefaultOptions.MinCount, Usage: "leave out features (and crosses) seen fewer times"},
				},
				Action: func(ctx context.Context, cmd *cli.Command) error {
					opts := pairtrain.DefaultOptions
					opts.Threshold = cmd.Float("threshold")
					opts.Crosses = cmd.Bool("crosses")
					opts.L2 = cmd.Float("l2")
					opts.MinCount = cmd.Int("min-count")
					return runTrainPairs(ctx, cmd.String("dev"), cmd.StringSlice("skip"), cmd.String("out"), cmd.String("gazetteer"), opts, logger)
				},
			},
			{
				Name:      "load",
				Usage:     "read articles into Neo4j: files, directories, JSON Lines, RSS/Atom feeds, URLs",
				ArgsUsage: "PATH_OR_URL...",
				Flags: append([]cli.Flag{gazetteerFlag,
					&cli.IntFlag{Name: "batch-size", Value: 250, Sources: env("TRADEGRAPH_BATCH_SIZE"), Usage: "documents per write transaction"},
					&cli.IntFlag{Name: "workers", Sources: env("TRADEGRAPH_WORKERS"), Usage: "goroutines that extract documents; 0 means one per CPU"},
					&cli.BoolFlag{Name: "force", Usage: "reload articles even when the graph holds them unchanged"},
				}, neo4jFlags...),
				Action: func(ctx context.Context, cmd *cli.Command) error {
					cfg := loader.Config{BatchSize: cmd.Int("batch-size"), Workers: cmd.Int("workers"), Force: cmd.Bool("force")}
					if f, ok := stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
						cfg.Progress = stderr
					}
					return runLoad(ctx, cmd.Args().Slice(), dbConfig(cmd), cmd.String("gazetteer"), cfg, stdout, logger)
				},
			},
			{
				Name:  "gen-articles",
				Usage: "write synthetic articles for scale tests (never into testdata/dev)",
				Flags: []cli.Flag{gazetteerFlag,
					&cli.IntFlag{Name: "n", Value: 1000, Usage: "number of articles"},
					&cli.StringFlag{Name: "out", Required: true, TakesFile: true, Usage: "directory to write the articles to"},
					&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "random seed: the same seed writes the same articles"},
				},
				Action: func(ctx context.Context, cmd *cli.Command) error {
					return runGenArticles(cmd.String("gazetteer"), cmd.Int("n"), cmd.String("out"), cmd.Uint64("seed"), stdout)
				},
			},
			{
				Name:  "serve",
				Usage: "serve the GraphQL API, GraphiQL and graph exports over HTTP",
				Flags: append([]cli.Flag{gazetteerFlag,
					&cli.StringFlag{Name: "addr", Value: "127.0.0.1:8080", Sources: env("TRADEGRAPH_ADDR"), Usage: "listen address HOST:PORT"},
					&cli.StringFlag{Name: "api-key", Sources: env("TRADEGRAPH_API_KEY"),
						Usage: "key the ingestArticle mutation needs in the X-API-Key header; empty disables the mutation (prefer the environment variable)"},
					&cli.IntFlag{Name: "max-page-size", Value: graph.DefaultLimits().MaxPageSize, Sources: env("TRADEGRAPH_MAX_PAGE_SIZE"), Usage: "largest first: argument of a list"},
					&cli.IntFlag{Name: "max-depth", Value: graph.DefaultLimits().MaxDepth, Sources: env("TRADEGRAPH_MAX_DEPTH"), Usage: "deepest selection nesting of a query"},
					&cli.IntFlag{Name: "max-complexity", Value: graph.DefaultLimits().MaxComplexity, Sources: env("TRADEGRAPH_MAX_COMPLEXITY"), Usage: "largest query complexity (a list counts first: times its elements)"},
					&cli.IntFlag{Name: "max-subgraph-nodes", Value: graph.DefaultLimits().MaxSubgraphNodes, Sources: env("TRADEGRAPH_MAX_SUBGRAPH_NODES"), Usage: "most nodes of a neighborhood, path or export"},
					&cli.IntFlag{Name: "max-subgraph-edges", Value: graph.DefaultLimits().MaxSubgraphEdges, Sources: env("TRADEGRAPH_MAX_SUBGRAPH_EDGES"), Usage: "most edges of a neighborhood, path or export"},
					&cli.DurationFlag{Name: "request-timeout", Value: 30 * time.Second, Sources: env("TRADEGRAPH_REQUEST_TIMEOUT"), Usage: "longest a request may take, database included"},
					&cli.Int64Flag{Name: "max-body-bytes", Value: 1 << 20, Sources: env("TRADEGRAPH_MAX_BODY_BYTES"), Usage: "largest request body"},
					&cli.DurationFlag{Name: "shutdown-timeout", Value: 15 * time.Second, Sources: env("TRADEGRAPH_SHUTDOWN_TIMEOUT"), Usage: "how long running requests may finish on SIGTERM"},
					&cli.DurationFlag{Name: "cache-ttl", Value: 10 * time.Second, Sources: env("TRADEGRAPH_CACHE_TTL"),
						Usage: "keep query results this long (0 disables; ingestArticle clears the cache, a separate load is seen after at most this long)"},
				}, neo4jFlags...),
				Action: func(ctx context.Context, cmd *cli.Command) error {
					limits := graph.DefaultLimits()
					limits.MaxPageSize, limits.MaxDepth = cmd.Int("max-page-size"), cmd.Int("max-depth")
					limits.MaxComplexity = cmd.Int("max-complexity")
					limits.MaxSubgraphNodes, limits.MaxSubgraphEdges = cmd.Int("max-subgraph-nodes"), cmd.Int("max-subgraph-edges")
					return runServe(ctx, serveConfig{
						Addr: cmd.String("addr"), DB: dbConfig(cmd), GazetteerDir: cmd.String("gazetteer"),
						APIKey: cmd.String("api-key"), Limits: limits,
						RequestTimeout: cmd.Duration("request-timeout"), MaxBodyBytes: cmd.Int64("max-body-bytes"),
						ShutdownTimeout: cmd.Duration("shutdown-timeout"), CacheTTL: cmd.Duration("cache-ttl"),
					}, stdout, logger)
				},
			},
			{
				Name:  "bench-api",
				Usage: "measure the headline GraphQL query against the loaded graph, beside the same Cypher run with the driver",
				Flags: append([]cli.Flag{
					&cli.IntFlag{Name: "clients", Value: 16, Usage: "concurrent clients"},
					&cli.IntFlag{Name: "requests", Value: 4000, Usage: "requests of the cached GraphQL mode"},
					&cli.IntFlag{Name: "uncached-requests", Value: 320, Usage: "requests of each uncached mode (GraphQL without cache, driver)"},
					&cli.DurationFlag{Name: "cache-ttl", Value: 10 * time.Second, Usage: "the cached mode's result cache TTL, as serve's --cache-ttl"},
					&cli.IntFlag{Name: "block", Value: 200, Usage: "cached requests per round of the alternating modes; uncached modes get their share of each round"},
					&cli.IntFlag{Name: "warmup", Value: 200, Usage: "warm-up requests per mode, not measured"},
					&cli.IntFlag{Name: "first", Value: 50, Usage: "page size of the headline query"},
				}, neo4jFlags...),
				Action: func(ctx context.Context, cmd *cli.Command) error {
					cfg := benchConfig{DB: dbConfig(cmd), Clients: cmd.Int("clients"), Requests: cmd.Int("requests"),
						UncachedRequests: cmd.Int("uncached-requests"), CacheTTL: cmd.Duration("cache-ttl"),
						Block: cmd.Int("block"), Warmup: cmd.Int("warmup"), First: cmd.Int("first")}
					if cfg.Clients < 1 || cfg.Requests < 1 || cfg.UncachedRequests < 1 || cfg.Block < 1 || cfg.Warmup < 0 || cfg.First < 1 {
						return errors.New("bench-api: clients, requests, block and first must be positive")
					}
					return runBenchAPI(ctx, cfg, stdout, logger)
				},
			},
			{
				Name:  "migrate",
				Usage: "create the Neo4j constraints and indexes and rebuild the supply pair summary (idempotent)",
				Flags: neo4jFlags,
				Action: func(ctx context.Context, cmd *cli.Command) error {
					cfg := dbConfig(cmd)
					driver, err := dbconn.Open(ctx, cfg)
					if err != nil {
						return err
					}
					defer closeDriver(driver, logger)
					if err := schema.Apply(ctx, driver, cfg.Database); err != nil {
						return err
					}
					logger.Info("schema applied", "uri", cfg.URI)
					if err := schema.RebuildSupplyPairs(ctx, driver, cfg.Database); err != nil {
						return err
					}
					logger.Info("supply pair summary rebuilt", "uri", cfg.URI)
					return nil
				},
			},
		},
	}
	return app.Run(ctx, args)
}

// envSource is a flag value source that reads the injected environment, so
// that tests can pass their own.
type envSource struct {
	key    string
	getenv func(string) string
}

func (e envSource) Lookup() (string, bool) {
	v := e.getenv(e.key)
	return v, v != ""
}
func (e envSource) String() string   { return "environment variable " + e.key }
func (e envSource) GoString() string { return "envSource{" + e.key + "}" }
func (e envSource) IsFromEnv() bool  { return true }
func (e envSource) Key() string      { return e.key }

func newLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("log level %q: %w", level, err)
	}
	opts := &slog.HandlerOptions{Level: lvl}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("log format %q: want text or json", format)
}

func dbConfig(cmd *cli.Command) dbconn.Config {
	return dbconn.Config{
		URI:      cmd.String("neo4j-uri"),
		User:     cmd.String("neo4j-user"),
		Password: cmd.String("neo4j-password"),
		Database: cmd.String("neo4j-database"),
	}
}

type closer interface {
	Close(context.Context) error
}

func closeDriver(c closer, logger *slog.Logger) {
	if err := c.Close(context.Background()); err != nil {
		logger.Warn("close neo4j driver", "err", err)
	}
}

// errInputs reports that some inputs failed; each failure was logged.
var errInputs = errors.New("some inputs could not be read")

// runExtract prints one JSON object per document read from inputs. A bad
// input is reported on stderr and the others are still printed.
func runExtract(ctx context.Context, inputs []string, cfg extractConfig, stdout io.Writer, logger *slog.Logger) error {
	if len(inputs) == 0 {
		return errors.New("extract: no input files (see --help)")
	}
	x, err := cfg.extractor()
	if err != nil {
		return err
	}
	trace := cfg.Trace
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	failed := 0
	var reader source.Reader
	for doc, err := range reader.Read(ctx, inputs) {
		if err != nil {
			failed++
			logger.Error("skip input", "err", err)
			continue
		}
		for _, w := range doc.Warnings {
			logger.Warn("input", "source", doc.Origin, "warning", w)
		}
		if trace {
			t, err := x.TraceChecked(doc)
			if err != nil {
				failed++
				logger.Error("skip input", "err", err)
				continue
			}
			if _, err := io.WriteString(stdout, t); err != nil {
				return fmt.Errorf("write output: %w", err)
			}
			continue
		}
		res, err := x.ExtractChecked(doc)
		if err != nil {
			failed++
			logger.Error("skip input", "err", err)
			continue
		}
		if err := enc.Encode(res); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("%w: %d failed", errInputs, failed)
	}
	return nil
}

// runLoad writes the documents of inputs into Neo4j and prints a one-line
// summary. It fails when the database cannot be reached or any input
// failed; each failure was logged naming its input.
func runLoad(ctx context.Context, inputs []string, db dbconn.Config, gazDir string, cfg loader.Config, stdout io.Writer, logger *slog.Logger) error {
	if len(inputs) == 0 {
		return errors.New("load: no inputs (see --help)")
	}
	gaz, err := gazetteer.Load(gazDir)
	if err != nil {
		return fmt.Errorf("load gazetteer: %w", err)
	}
	driver, err := dbconn.Open(ctx, db)
	if err != nil {
		return err
	}
	defer closeDriver(driver, logger)
	if err := schema.Prepare(ctx, driver, db.Database); err != nil {
		return err
	}
	cfg.Database = db.Database
	sum, err := loader.New(driver, gaz, cfg, logger).Load(ctx, inputs)
	fmt.Fprintln(stdout, sum)
	if err != nil {
		return err
	}
	if sum.Failed > 0 {
		return fmt.Errorf("%w: %d of %d failed", errInputs, sum.Failed, sum.Read)
	}
	return nil
}

// runGenArticles writes n synthetic articles to dir.
func runGenArticles(gazDir string, n int, dir string, seed uint64, stdout io.Writer) error {
	gaz, err := gazetteer.Load(gazDir)
	if err != nil {
		return fmt.Errorf("load gazetteer: %w", err)
	}
	gen, err := synth.New(gaz, seed)
	if err != nil {
		return err
	}
	if err := gen.WriteDir(dir, n); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d articles to %s\n", n, dir)
	return nil
}

// extractConfig is what extract reads articles with.
type extractConfig struct {
	Gazetteer string // directory extending the built-in gazetteer
	PairModel string // pair model file, "none", or "" for the built-in one
	Trace     bool
}

func (c extractConfig) extractor() (*extract.Extractor, error) {
	gaz, err := gazetteer.Load(c.Gazetteer)
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	x := extract.New(gaz)
	switch c.PairModel {
	case "":
		return x, nil
	case "none":
		return x.WithPairModel(nil), nil
	}
	m, err := extract.LoadPairModel(c.PairModel)
	if err != nil {
		return nil, err
	}
	return x.WithPairModel(m), nil
}

// runTrainPairs trains the pair model on the annotated articles of dir and
// writes it to out.
func runTrainPairs(ctx context.Context, dir string, skip []string, out, gazDir string, opts pairtrain.Options, logger *slog.Logger) error {
	gaz, err := gazetteer.Load(gazDir)
	if err != nil {
		return fmt.Errorf("load gazetteer: %w", err)
	}
	examples, articles, err := pairtrain.Examples(ctx, extract.New(gaz).WithPairModel(nil), dir, skip)
	if err != nil {
		return fmt.Errorf("train-pairs: %w", err)
	}
	if articles == 0 {
		return fmt.Errorf("train-pairs: no annotated articles in %s", dir)
	}
	m, err := pairtrain.Train(examples, opts)
	if err != nil {
		return fmt.Errorf("train-pairs: %s: %w", dir, err)
	}
	m.Trained = fmt.Sprintf("%d articles of %s", articles, filepath.ToSlash(dir))
	data, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("train-pairs: %w", err)
	}
	positives := 0
	for _, ex := range examples {
		if ex.Supply {
			positives++
		}
	}
	logger.Info("pair model written", "file", out, "articles", articles, "pairs", len(examples), "supplies", positives, "features", len(m.Weights))
	return nil
}
