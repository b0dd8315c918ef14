// Package pairtrain trains the extractor's pair model (extract.PairModel)
// on annotated articles: every candidate pair of parties the extractor sees
// in a supply sentence is labelled by whether the gold annotation has a
// supply between them, and a logistic regression learns the weights.
//
// Training is deterministic: the same articles give the same model, so the
// committed model can be checked against the dev set it came from.
package pairtrain

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"tradegraph/loader/extract"
	"tradegraph/loader/source"
)

// Example is a labelled candidate pair.
type Example struct {
	Features []string
	Supply   bool
	// Article, Supplier, Recipient and Sentence say where the pair was read.
	Article, Supplier, Recipient, Sentence string
}

// gold is the part of a gold annotation the labels need.
type gold struct {
	Entities []struct {
		Type   string   `json:"type"`
		Names  []string `json:"names"`
		Region []string `json:"region"`
	} `json:"entities"`
	Supplies []struct {
		Supplier  string `json:"supplier"`
		Recipient string `json:"recipient"`
	} `json:"supplies"`
}

// Examples reads the annotated articles of dir (NAME.txt with
// NAME.gold.json), skipping those whose name starts with one of skip, and
// labels their candidate pairs.
func Examples(ctx context.Context, x *extract.Extractor, dir string, skip []string) ([]Example, int, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.gold.json"))
	if err != nil {
		return nil, 0, err
	}
	sort.Strings(paths)
	var out []Example
	articles := 0
	var reader source.Reader
	for _, goldPath := range paths {
		stem := strings.TrimSuffix(filepath.Base(goldPath), ".gold.json")
		if skipped(stem, skip) {
			continue
		}
		g, err := readGold(goldPath)
		if err != nil {
			return nil, 0, err
		}
		for doc, err := range reader.Read(ctx, []string{filepath.Join(dir, stem+".txt")}) {
			if err != nil {
				return nil, 0, err
			}
			articles++
			for _, ex := range x.PairExamples(doc) {
				out = append(out, Example{Features: ex.Features, Supply: g.hasSupply(ex.SupplierNames, ex.RecipientNames),
					Article: stem, Supplier: first(ex.SupplierNames), Recipient: first(ex.RecipientNames), Sentence: ex.Sentence})
			}
		}
	}
	return out, articles, nil
}

func first(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return names[0]
}

func skipped(stem string, prefixes []string) bool {
	for _, p := range prefixes {
		if p != "" && strings.HasPrefix(stem, p) {
			return true
		}
	}
	return false
}

func readGold(path string) (*gold, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var g gold
	if err := json.Unmarshal(data, &g); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &g, nil
}

// hasSupply reports whether the gold has a supply between parties known by
// these spellings, matched as the scorer matches them.
func (g *gold) hasSupply(supplier, recipient []string) bool {
	for _, s := range g.Supplies {
		if namesMatch(supplier, g.names(s.Supplier)) && namesMatch(recipient, g.names(s.Recipient)) {
			return true
		}
	}
	return false
}

// names are the spellings of the gold entity called name; a city also
// answers to its region's names.
func (g *gold) names(name string) []string {
	for _, e := range g.Entities {
		for _, n := range e.Names {
			if n == name {
				return append(append([]string{}, e.Names...), e.Region...)
			}
		}
	}
	return []string{name}
}

var nonWord = regexp.MustCompile(`[^\p{L}\p{N}_]+`)

// norm folds a name as the scorer does.
func norm(name string) string {
	s := strings.TrimSpace(nonWord.ReplaceAllString(strings.ToLower(name), " "))
	s = strings.TrimPrefix(s, "the ")
	return strings.ReplaceAll(s, "saint ", "st ")
}

func namesMatch(a, b []string) bool {
	set := map[string]bool{}
	for _, x := range a {
		set[norm(x)] = true
	}
	for _, y := range b {
		if set[norm(y)] {
			return true
		}
	}
	return false
}

// Options steer training.
type Options struct {
	Epochs    int     // passes over the examples
	Rate      float64 // learning rate
	L2        float64 // weight decay per example
	MinCount  int     // features seen fewer times are dropped
	Threshold float64 // written into the model
}

// DefaultOptions are the settings the committed model was trained with.
var DefaultOptions = Options{Epochs: 40, Rate: 0.05, L2: 1e-4, MinCount: 2, Threshold: 0.3}

// Train fits a logistic regression by stochastic gradient descent, in the
// examples' order so that the result is reproducible.
func Train(examples []Example, o Options) *extract.PairModel {
	count := map[string]int{}
	for _, ex := range examples {
		for _, f := range ex.Features {
			count[f]++
		}
	}
	w := map[string]float64{}
	for epoch := 0; epoch < o.Epochs; epoch++ {
		rate := o.Rate / (1 + float64(epoch)/10)
		for _, ex := range examples {
			z := 0.0
			for _, f := range ex.Features {
				if count[f] >= o.MinCount {
					z += w[f]
				}
			}
			p := 1 / (1 + math.Exp(-z))
			y := 0.0
			if ex.Supply {
				y = 1
			}
			g := y - p
			for _, f := range ex.Features {
				if count[f] >= o.MinCount {
					w[f] += rate * (g - o.L2*w[f])
				}
			}
		}
	}
	m := &extract.PairModel{Weights: map[string]float64{}, Threshold: o.Threshold}
	for f, v := range w {
		if math.Abs(v) >= 1e-3 {
			m.Weights[f] = math.Round(v*1e4) / 1e4 // a readable, stable file
		}
	}
	return m
}
