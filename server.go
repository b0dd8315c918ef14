// Command tradegraph reads news about bilateral trade into a Neo4j
// knowledge graph and answers analysts' questions about it over GraphQL.
//
//	tradegraph extract FILE...     print what extraction finds, as JSON lines
//	tradegraph load PATH_OR_URL... read articles into Neo4j
//	tradegraph serve               serve the GraphQL API and graph exports
//	tradegraph migrate             apply the Neo4j constraints and indexes
//	tradegraph gen-articles        write synthetic articles for scale tests
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
	"syscall"

	"github.com/urfave/cli/v3"

	"tradegraph/internal/dbconn"
	"tradegraph/loader/extract"
	"tradegraph/loader/gazetteer"
	"tradegraph/loader/source"
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
					&cli.BoolFlag{Name: "trace", Usage: "explain the reading sentence by sentence instead of printing JSON"}},
				Action: func(ctx context.Context, cmd *cli.Command) error {
					return runExtract(ctx, cmd.Args().Slice(), cmd.String("gazetteer"), cmd.Bool("trace"), stdout, logger)
				},
			},
			{
				Name:  "migrate",
				Usage: "create the Neo4j constraints and indexes (idempotent)",
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
func runExtract(ctx context.Context, inputs []string, gazDir string, trace bool, stdout io.Writer, logger *slog.Logger) error {
	if len(inputs) == 0 {
		return errors.New("extract: no input files (see --help)")
	}
	gaz, err := gazetteer.Load(gazDir)
	if err != nil {
		return fmt.Errorf("load gazetteer: %w", err)
	}
	x := extract.New(gaz)
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
			if _, err := io.WriteString(stdout, x.Trace(doc)); err != nil {
				return fmt.Errorf("write output: %w", err)
			}
			continue
		}
		if err := enc.Encode(x.Extract(doc)); err != nil {
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
