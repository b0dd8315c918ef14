// Package loader reads articles into the Neo4j knowledge graph: source →
// document → extraction → rows → one write transaction per batch. Loading
// is idempotent (an unchanged article is skipped, a changed one has its
// facts replaced in one transaction) and crash safe (a killed load, run
// again, ends with the graph an uninterrupted load gives).
package loader

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"golang.org/x/sync/errgroup"

	"tradegraph/internal/dbconn"
	"tradegraph/loader/extract"
	"tradegraph/loader/gazetteer"
	"tradegraph/loader/source"
)

// Config tunes a Loader. The zero value is usable: defaults apply to
// every zero field.
type Config struct {
	// Database is the Neo4j database; empty means the server's default.
	Database string
	// BatchSize is the number of documents written per transaction
	// (default 250). Bigger batches mean fewer round trips and commits;
	// smaller ones less work lost when a batch must be retried.
	BatchSize int
	// Workers is the number of goroutines that extract documents
	// (default GOMAXPROCS). Writes stay on one goroutine, in input order,
	// so that batches never deadlock on the nodes every article names.
	Workers int
	// Force reloads articles even when their hash is already stored.
	Force bool
	// Retries is how many times a batch is tried again after the database
	// became unreachable (default 3), RetryDelay the first pause (default
	// 1 s), doubling each time.
	Retries    int
	RetryDelay time.Duration
	// Progress, when not nil, receives a progress bar (a terminal).
	// Otherwise progress is logged every LogEvery documents (default 1000).
	Progress io.Writer
	LogEvery int
	// HTTP fetches feed and page URLs; nil means the reader's default.
	HTTP *http.Client
}

// maxFailures bounds the failures a Summary keeps; all are logged.
const maxFailures = 100

// Loader writes documents into the graph. It is safe for concurrent use:
// LoadDocument can serve several requests at once.
type Loader struct {
	driver neo4j.DriverWithContext
	gaz    *gazetteer.Gazetteer
	x      *extract.Extractor
	cfg    Config
	logger *slog.Logger
	// beforeWrite, when set, runs inside every write transaction with the
	// ids of its articles; tests use it to make a document fail.
	beforeWrite func(ids []string) error
}

// New returns a Loader that writes through driver and resolves names with
// gaz. A nil logger discards logs.
func New(driver neo4j.DriverWithContext, gaz *gazetteer.Gazetteer, cfg Config, logger *slog.Logger) *Loader {
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 250
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	if cfg.Retries < 0 {
		cfg.Retries = 0
	} else if cfg.Retries == 0 {
		cfg.Retries = 3
	}
	if cfg.RetryDelay <= 0 {
		cfg.RetryDelay = time.Second
	}
	if cfg.LogEvery <= 0 {
		cfg.LogEvery = 1000
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Loader{driver: driver, gaz: gaz, x: extract.New(gaz), cfg: cfg, logger: logger}
}

// Status says what loading did with a document.
type Status string

// The statuses of a loaded document.
const (
	StatusLoaded    Status = "loaded"    // new to the graph
	StatusReplaced  Status = "replaced"  // its older version's facts were replaced
	StatusUnchanged Status = "unchanged" // same hash already stored: skipped
)

// DocResult reports what LoadDocument did.
type DocResult struct {
	ID     string // article id, "article:<hex>"
	Status Status
	// Entities, Facts and Links count what was written for the document:
	// entities it names, text facts, and gazetteer structure relationships.
	// All are zero for an unchanged document.
	Entities int
	Facts    int
	Links    int
	// Warnings are problems that did not stop the document.
	Warnings []string
}

// Summary reports a Load.
type Summary struct {
	Read      int // documents read, plus inputs that could not be read
	Loaded    int // written: new or replaced
	Replaced  int // of Loaded, those that replaced an older version
	Unchanged int // skipped: already in the graph with the same hash
	// Duplicates were superseded by a later document with the same id in
	// the same batch, which was loaded in their place.
	Duplicates int
	Failed     int
	// Failures holds "input: reason" for the first failures.
	Failures []string
	// Entities counts entity node writes (a gazetteer entity is written
	// once per load unless its confidence rises) and Facts the text facts
	// created; Nodes* and Relationships* are the database's own counters.
	Entities             int
	Facts                int
	NodesCreated         int
	NodesDeleted         int
	RelationshipsCreated int
	RelationshipsDeleted int
	Elapsed              time.Duration
}

// String is the one-line summary the load command prints.
func (s Summary) String() string {
	rate := 0.0
	if s.Elapsed > 0 {
		rate = float64(s.Read) / s.Elapsed.Seconds()
	}
	return fmt.Sprintf("read %d documents: %d loaded (%d replaced), %d unchanged, %d duplicates, %d failed; "+
		"%d entities and %d facts written; %d nodes and %d relationships created, %d nodes and %d relationships deleted; %s (%.0f docs/s)",
		s.Read, s.Loaded, s.Replaced, s.Unchanged, s.Duplicates, s.Failed, s.Entities, s.Facts,
		s.NodesCreated, s.RelationshipsCreated, s.NodesDeleted, s.RelationshipsDeleted,
		s.Elapsed.Round(time.Millisecond), rate)
}

// LogValue lets slog print a Summary as attributes.
func (s Summary) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Int("read", s.Read), slog.Int("loaded", s.Loaded), slog.Int("replaced", s.Replaced),
		slog.Int("unchanged", s.Unchanged), slog.Int("duplicates", s.Duplicates), slog.Int("failed", s.Failed),
		slog.Int("entities", s.Entities), slog.Int("facts", s.Facts),
		slog.Int("nodes_created", s.NodesCreated), slog.Int("relationships_created", s.RelationshipsCreated),
		slog.Int("nodes_deleted", s.NodesDeleted), slog.Int("relationships_deleted", s.RelationshipsDeleted),
		slog.Duration("elapsed", s.Elapsed))
}

// item is one document (or one unreadable input) on its way through a
// load.
type item struct {
	doc    *source.Document
	hash   string
	status Status
	rows   *docRows
	// failure is why the item was not written ("" if it was or will be);
	// duplicate marks one superseded within its batch.
	failure   string
	duplicate bool
}

func (it *item) origin() string {
	if it.doc == nil {
		return ""
	}
	return it.doc.Origin
}

// Load reads every document in inputs (files, directories, JSON Lines,
// feeds, URLs) and writes them, batch by batch. A document that cannot be
// read, extracted or written is logged, counted as failed, and the load
// goes on; Load returns an error only when it cannot go on: ctx ended or
// the database stayed unreachable. Documents stream: at most a few batches
// are in memory at once.
func (l *Loader) Load(ctx context.Context, inputs []string) (Summary, error) {
	start := time.Now()
	var sum Summary
	prog := newProgress(l.cfg, l.logger)
	g, gctx := errgroup.WithContext(ctx)
	batches := make(chan []*item, 1)
	prepared := make(chan []*item, 1)
	// Three stages overlap: reading, extraction of the next batch (on
	// cfg.Workers goroutines) and the write of the current one.
	g.Go(func() error {
		defer close(batches)
		return l.read(gctx, inputs, batches)
	})
	g.Go(func() error {
		defer close(prepared)
		for b := range batches {
			if err := l.prepare(gctx, b); err != nil {
				return err
			}
			select {
			case prepared <- b:
			case <-gctx.Done():
				return gctx.Err()
			}
		}
		return nil
	})
	done := newWritten()
	g.Go(func() error {
		for b := range prepared {
			if err := l.write(gctx, b, &sum, done); err != nil {
				return err
			}
			prog.update(&sum)
		}
		return nil
	})
	err := g.Wait()
	if ctx.Err() != nil {
		// Whichever stage noticed first, the cause is the interruption;
		// the reader stops quietly when ctx ends.
		err = fmt.Errorf("load interrupted after %d documents: %w", sum.Read, ctx.Err())
	}
	sum.Elapsed = time.Since(start)
	prog.finish(&sum)
	return sum, err
}

// read groups the documents of inputs into batches of cfg.BatchSize.
func (l *Loader) read(ctx context.Context, inputs []string, out chan<- []*item) error {
	reader := source.Reader{HTTP: l.cfg.HTTP}
	var b []*item
	send := func() error {
		if len(b) == 0 {
			return nil
		}
		select {
		case out <- b:
			b = nil
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	for doc, err := range reader.Read(ctx, inputs) {
		it := &item{doc: doc}
		if err != nil {
			it.doc = nil
			it.failure = err.Error()
		}
		b = append(b, it)
		if len(b) >= l.cfg.BatchSize {
			if err := send(); err != nil {
				return err
			}
		}
	}
	return send()
}

// prepare marks the unchanged and duplicate documents of a batch, with one
// query for the stored hashes, and extracts the rest on cfg.Workers
// goroutines.
func (l *Loader) prepare(ctx context.Context, b []*item) error {
	last := map[string]*item{}
	var ids []string
	for _, it := range b {
		if it.doc == nil {
			continue
		}
		if prev := last[it.doc.ID]; prev != nil {
			prev.duplicate = true
		} else {
			ids = append(ids, it.doc.ID)
		}
		last[it.doc.ID] = it
		it.hash = it.doc.Hash()
		it.status = StatusLoaded
	}
	if len(ids) == 0 {
		return nil // only unreadable inputs
	}
	var have map[string]stored
	err := l.withRetry(ctx, "look up articles", func() error {
		var err error
		have, err = l.existing(ctx, ids)
		return err
	})
	if err != nil {
		return l.fatal("look up articles", err)
	}
	var todo []*item
	for _, it := range b {
		if it.doc == nil || it.duplicate {
			continue
		}
		if s, ok := have[it.doc.ID]; ok {
			it.status = StatusReplaced
			if !l.cfg.Force && s.hash == it.hash && s.extractor == extract.Version {
				it.status = StatusUnchanged
				continue
			}
		}
		todo = append(todo, it)
	}
	work := make(chan *item)
	var wg sync.WaitGroup
	for range min(l.cfg.Workers, len(todo)) {
		wg.Go(func() {
			for it := range work {
				l.extract(it)
			}
		})
	}
	for _, it := range todo {
		work <- it
	}
	close(work)
	wg.Wait()
	return nil
}

// extract turns a document into rows. Extraction is pure; a panic in it
// fails this document only.
func (l *Loader) extract(it *item) {
	res, err := l.x.ExtractChecked(it.doc)
	if err != nil {
		it.failure, it.rows = err.Error(), nil
		return
	}
	rows := buildRows(it.doc, res, l.gaz, it.hash)
	it.rows = &rows
}

// write writes the prepared documents of a batch and counts the batch
// into sum.
func (l *Loader) write(ctx context.Context, b []*item, sum *Summary, done *written) error {
	var todo []*item
	for _, it := range b {
		if it.rows != nil && it.failure == "" {
			todo = append(todo, it)
		}
	}
	if err := l.writeIsolating(ctx, todo, sum, done); err != nil {
		return err
	}
	for _, it := range b {
		sum.Read++
		for _, w := range docWarnings(it) {
			l.logger.Warn("document warning", "input", it.origin(), "warning", w)
		}
		switch {
		case it.failure != "":
			sum.Failed++
			msg := it.failure
			if it.doc != nil {
				msg = it.doc.Origin + ": " + msg
			}
			if len(sum.Failures) < maxFailures {
				sum.Failures = append(sum.Failures, msg)
			}
			if it.doc != nil {
				l.logger.Error("document failed", "input", it.doc.Origin, "err", it.failure)
			} else {
				// The reader's errors start with the input (and line) they
				// are about.
				l.logger.Error("input failed", "err", it.failure)
			}
		case it.duplicate:
			sum.Duplicates++
		case it.status == StatusUnchanged:
			sum.Unchanged++
		default:
			sum.Loaded++
			if it.status == StatusReplaced {
				sum.Replaced++
			}
		}
	}
	return nil
}

// writeIsolating writes items in one transaction. When that fails for a
// reason other than the database being away, it halves the batch and
// writes each half the same way, so that a bad document ends up alone and
// fails alone while the others still go in a few transactions, in their
// order.
func (l *Loader) writeIsolating(ctx context.Context, items []*item, sum *Summary, done *written) error {
	err := l.writeItems(ctx, items, sum, done)
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil || transient(err):
		return l.fatal("write batch", err)
	case len(items) == 1:
		items[0].failure = "write: " + err.Error()
		return nil
	}
	l.logger.Warn("batch failed, splitting it to find the bad document", "documents", len(items), "err", err)
	mid := len(items) / 2
	if err := l.writeIsolating(ctx, items[:mid], sum, done); err != nil {
		return err
	}
	return l.writeIsolating(ctx, items[mid:], sum, done)
}

// writeItems writes items in one transaction, retried while the database
// is unreachable, and adds its counts to sum. done holds the gazetteer
// links the load has written already.
func (l *Loader) writeItems(ctx context.Context, items []*item, sum *Summary, done *written) error {
	if len(items) == 0 {
		return nil
	}
	rows := make([]*docRows, len(items))
	for i, it := range items {
		rows[i] = it.rows
	}
	var c writeCounts
	err := l.withRetry(ctx, "write batch", func() error {
		var err error
		c, err = l.writeBatch(ctx, rows, done)
		return err
	})
	if err != nil {
		return err
	}
	sum.Entities += c.Entities
	sum.Facts += c.Facts
	sum.NodesCreated += c.NodesCreated
	sum.NodesDeleted += c.NodesDeleted
	sum.RelationshipsCreated += c.RelsCreated
	sum.RelationshipsDeleted += c.RelsDeleted
	return nil
}

func docWarnings(it *item) []string {
	var ws []string
	if it.doc != nil {
		ws = append(ws, it.doc.Warnings...)
	}
	if it.rows != nil {
		ws = append(ws, it.rows.Warnings...)
	}
	return ws
}

// fatal wraps an error that stops a load. Connection failures name the
// database URI and the cause, as when the command started.
func (l *Loader) fatal(op string, err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: %w", op, err)
	}
	if transient(err) {
		target := l.driver.Target()
		err = &dbconn.Error{URI: target.String(), Cause: dbconn.Classify(err), Err: err}
	}
	return fmt.Errorf("%s: %w", op, err)
}

// LoadDocument extracts one document and writes it in its own
// transaction, unless the graph holds it with the same hash already. It is
// what an API mutation calls; errors are the document's own or the
// database's.
func (l *Loader) LoadDocument(ctx context.Context, doc *source.Document) (DocResult, error) {
	if doc == nil || doc.ID == "" {
		return DocResult{}, errors.New("load document: no document id")
	}
	it := &item{doc: doc}
	if err := l.prepare(ctx, []*item{it}); err != nil {
		return DocResult{}, err
	}
	res := DocResult{ID: doc.ID, Status: it.status, Warnings: docWarnings(it)}
	if it.status == StatusUnchanged {
		return res, nil
	}
	if it.failure != "" {
		return res, fmt.Errorf("load document %s: %s", doc.ID, it.failure)
	}
	var sum Summary
	if err := l.writeItems(ctx, []*item{it}, &sum, nil); err != nil {
		return res, l.fatal("load document "+doc.ID, err)
	}
	res.Entities = len(it.rows.Mentions)
	res.Facts = len(it.rows.Facts)
	res.Links = len(it.rows.Links)
	return res, nil
}
