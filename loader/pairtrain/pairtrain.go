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
	"slices"
	"sort"
	"strings"

	"gonum.org/v1/gonum/optimize"

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
	// L2 is the penalty on the squared weights (all but the bias), against
	// the log loss summed over the examples: the larger, the more the model
	// trusts features seen often over crosses seen a few times.
	L2        float64
	MinCount  int     // features (and crosses) seen fewer times are dropped
	Crosses   bool    // weigh every two features seen together too
	Threshold float64 // written into the model
}

// DefaultOptions are the settings the committed model was trained with,
// chosen by cross-validation by batch on the dev set.
var DefaultOptions = Options{L2: 16, MinCount: 2, Crosses: true, Threshold: 0.35}

// Train fits a logistic regression with an L2 penalty by L-BFGS (gonum's:
// with crosses there are some twenty thousand weights, too many for plain
// gradient steps to settle the rare ones). The same examples give the same
// model.
func Train(examples []Example, o Options) (*extract.PairModel, error) {
	var names []string
	rows := numberFeatures(examples, o, &names)
	if len(names) == 0 {
		return nil, fmt.Errorf("no candidate pairs to learn from (%d examples, none with a feature seen %d times)", len(examples), o.MinCount)
	}
	w, err := fit(examples, rows, names, o.L2)
	if err != nil {
		return nil, err
	}
	m := &extract.PairModel{Weights: map[string]float64{}, Threshold: o.Threshold}
	for f, v := range w {
		if math.Abs(v) < 1e-3 {
			continue
		}
		v = math.Round(v*1e4) / 1e4 // a readable, stable file
		if a, b, ok := strings.Cut(names[f], "\x00"); ok {
			if m.Crosses == nil {
				m.Crosses = map[string]float64{}
			}
			m.Crosses[extract.CrossName(a, b)] = v
		} else {
			m.Weights[names[f]] = v
		}
	}
	return m, nil
}

// fit minimizes the summed log loss of the rows plus l2/2 times the
// squared weights other than the bias.
func fit(examples []Example, rows [][]int32, names []string, l2 float64) ([]float64, error) {
	bias := slices.Index(names, "bias")
	objective := func(grad, w []float64) float64 {
		for i := range grad {
			grad[i] = 0
		}
		loss := 0.0
		for i, ex := range examples {
			z := 0.0
			for _, f := range rows[i] {
				z += w[f]
			}
			p := 1 / (1 + math.Exp(-z))
			g := p
			if ex.Supply {
				loss -= math.Log(max(p, 1e-300))
				g = p - 1
			} else {
				loss -= math.Log(max(1-p, 1e-300))
			}
			for _, f := range rows[i] {
				grad[f] += g
			}
		}
		for i, v := range w {
			if i != bias {
				loss += l2 / 2 * v * v
				grad[i] += l2 * v
			}
		}
		return loss
	}
	scratch := make([]float64, len(names))
	problem := optimize.Problem{
		Func: func(w []float64) float64 { return objective(scratch, w) },
		Grad: func(grad, w []float64) { objective(grad, w) },
	}
	settings := &optimize.Settings{GradientThreshold: 1e-5, MajorIterations: 2000}
	result, err := optimize.Minimize(problem, make([]float64, len(names)), settings, &optimize.LBFGS{})
	if result == nil {
		return nil, fmt.Errorf("pair model training: %w", err)
	}
	// An error with a result says the optimizer stopped short of its
	// thresholds (a line search that cannot improve): the weights it
	// reached are the fit.
	return result.X, nil
}

// numberFeatures lists each example's features, and with o.Crosses the
// crosses of any two different ones, as numbers into names (a cross is
// named "a\x00b"), leaving out those seen fewer than o.MinCount times.
func numberFeatures(examples []Example, o Options, names *[]string) [][]int32 {
	// Number every feature name first, so that crosses are counted by
	// pairs of numbers rather than by names built for each example.
	base := map[string]int32{}
	var baseNames []string
	baseRows := make([][]int32, len(examples))
	count := map[uint64]int{}
	for i, ex := range examples {
		for _, f := range ex.Features {
			id, ok := base[f]
			if !ok {
				id = int32(len(baseNames))
				base[f] = id
				baseNames = append(baseNames, f)
			}
			baseRows[i] = append(baseRows[i], id)
		}
		eachFeature(baseRows[i], o.Crosses, func(k uint64) { count[k]++ })
	}
	ids := map[uint64]int32{}
	rows := make([][]int32, len(examples))
	for i := range examples {
		eachFeature(baseRows[i], o.Crosses, func(k uint64) {
			if count[k] < o.MinCount {
				return
			}
			id, ok := ids[k]
			if !ok {
				id = int32(len(*names))
				ids[k] = id
				name := baseNames[k>>32]
				if k&crossBit != 0 {
					name = crossName(baseNames[k>>32], baseNames[k&0x7fffffff])
				}
				*names = append(*names, name)
			}
			rows[i] = append(rows[i], id)
		})
	}
	return rows
}

// crossBit marks a key of eachFeature as a cross.
const crossBit = 1 << 31

// eachFeature calls fn with a key for each feature of a row (its number
// in the high half) and, with crosses, for each two different ones (the
// two numbers, with crossBit set).
func eachFeature(row []int32, crosses bool, fn func(uint64)) {
	for _, a := range row {
		fn(uint64(a) << 32)
	}
	if !crosses {
		return
	}
	for j, a := range row {
		for _, b := range row[j+1:] {
			if a != b {
				fn(uint64(min(a, b))<<32 | crossBit | uint64(max(a, b)))
			}
		}
	}
}

func crossName(a, b string) string { return a + "\x00" + b }
