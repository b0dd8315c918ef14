package loader

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress shows how a load goes: a bar on a terminal, or a log line every
// cfg.LogEvery documents when the output is a file or a pipe (a bar's
// carriage returns would fill a log with noise).
type progress struct {
	bar    *progressbar.ProgressBar
	logger *slog.Logger
	every  int
	next   int
	start  time.Time
	shown  int
}

func newProgress(cfg Config, logger *slog.Logger) *progress {
	p := &progress{logger: logger, every: cfg.LogEvery, next: cfg.LogEvery, start: time.Now()}
	if cfg.Progress != nil {
		// The number of documents is not known in advance (directories and
		// feeds are read as they stream), so the bar counts up with a rate.
		p.bar = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(cfg.Progress),
			progressbar.OptionSetDescription("loading"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("docs"),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionSpinnerType(14),
			progressbar.OptionOnCompletion(func() { fmt.Fprintln(cfg.Progress) }),
		)
	}
	return p
}

func (p *progress) update(sum *Summary) {
	if p.bar != nil {
		p.bar.Describe(fmt.Sprintf("loading (%d loaded, %d unchanged, %d failed)", sum.Loaded, sum.Unchanged, sum.Failed))
		if err := p.bar.Add(sum.Read - p.shown); err != nil {
			p.logger.Debug("progress bar", "err", err)
		}
		p.shown = sum.Read
		return
	}
	if sum.Read < p.next {
		return
	}
	for p.next <= sum.Read {
		p.next += p.every
	}
	p.logger.Info("loading", "read", sum.Read, "loaded", sum.Loaded, "unchanged", sum.Unchanged,
		"failed", sum.Failed, "docs_per_s", int(float64(sum.Read)/time.Since(p.start).Seconds()))
}

func (p *progress) finish(sum *Summary) {
	if p.bar != nil {
		p.update(sum)
		if err := p.bar.Finish(); err != nil {
			p.logger.Debug("progress bar", "err", err)
		}
	}
	p.logger.Info("load finished", "summary", *sum)
}
