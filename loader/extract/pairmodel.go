package extract

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
	"sync"

	"tradegraph/loader/gazetteer"
	"tradegraph/loader/source"
)

// PairModel is a logistic model over the features of a candidate pair
// (pairs.go) and over the pairs of those features: the probability that
// an annotator would read a supply from the first party to the second out
// of the sentence. The pairs let the model weigh a feature by the company
// it keeps (a "with" before a firm means one thing when the supply word
// is "shipped" and another when it is "signed"); they were worth about a
// point of supplies F1 in cross-validation by batch. It is trained by
// `tradegraph train-pairs` on the annotated dev set (loader/pairtrain).
type PairModel struct {
	Weights map[string]float64 `json:"weights"`
	// Crosses weighs two features seen together, keyed by CrossName.
	Crosses map[string]float64 `json:"crosses,omitempty"`
	// Threshold is the probability above which a pair the rules missed
	// becomes a supply.
	Threshold float64 `json:"threshold"`
	// Trained names the data the model was trained on, for the record.
	Trained string `json:"trained,omitempty"`

	// What scoring looks up, built from the maps when the model is read:
	// each feature's number, its weight by number, and the crosses'
	// weights by the two numbers, in a square table while it is small (a
	// cross is looked up for every two features of every candidate) and
	// in a map beyond.
	ids    map[string]int32
	base   []float64
	table  []float32
	crossW map[uint64]float64
	once   sync.Once
	err    error // from compiling, for a model built in code
}

// maxCrossTable bounds the features of a model whose crosses are kept in
// a square table: 2048 features make 16 MB.
const maxCrossTable = 2048

// crossSep joins the two names of a cross; no feature name contains it.
const crossSep = " & "

// CrossName names the cross of two features, in the order of their names.
func CrossName(a, b string) string {
	if b < a {
		a, b = b, a
	}
	return a + crossSep + b
}

func crossKey(a, b int32) uint64 {
	if b < a {
		a, b = b, a
	}
	return uint64(a)<<32 | uint64(b)
}

// compiled numbers the model's features for scoring, once, whether the
// model was read from a file or built in code (Train); it reports a cross
// whose name does not join two features, which is then left out.
func (m *PairModel) compiled() error {
	m.once.Do(func() { m.err = m.compile() })
	return m.err
}

func (m *PairModel) compile() error {
	m.ids = map[string]int32{}
	id := func(name string) int32 {
		n, ok := m.ids[name]
		if !ok {
			n = int32(len(m.base))
			m.ids[name] = n
			m.base = append(m.base, 0)
		}
		return n
	}
	for name, w := range m.Weights {
		m.base[id(name)] = w
	}
	var err error
	crossW := make(map[uint64]float64, len(m.Crosses))
	for name, w := range m.Crosses {
		a, b, ok := strings.Cut(name, crossSep)
		if !ok {
			err = fmt.Errorf("cross %q does not join two features with %q", name, crossSep)
			continue
		}
		crossW[crossKey(id(a), id(b))] = w
	}
	n := len(m.base)
	if n > maxCrossTable {
		m.crossW = crossW
		return err
	}
	m.table = make([]float32, n*n)
	for k, w := range crossW {
		a, b := int(k>>32), int(k&0xffffffff)
		m.table[a*n+b], m.table[b*n+a] = float32(w), float32(w)
	}
	return err
}

// cross returns the weight of the cross of features a and b.
func (m *PairModel) cross(a, b int32) float64 {
	if m.table != nil {
		return float64(m.table[int(a)*len(m.base)+int(b)])
	}
	return m.crossW[crossKey(a, b)]
}

//go:embed data/pair-model.json
var embeddedPairModel []byte

// DefaultPairModel is the model trained on the project's dev set.
func DefaultPairModel() *PairModel {
	m, err := parsePairModel(embeddedPairModel)
	if err != nil {
		panic(fmt.Sprintf("embedded pair model: %v", err)) // fixed at build time
	}
	return m
}

// LoadPairModel reads a model written by train-pairs.
func LoadPairModel(path string) (*PairModel, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("pair model: %w", err)
	}
	m, err := parsePairModel(data)
	if err != nil {
		return nil, fmt.Errorf("pair model %s: %w", path, err)
	}
	return m, nil
}

func parsePairModel(data []byte) (*PairModel, error) {
	var m PairModel
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	if m.Weights == nil {
		m.Weights = map[string]float64{}
	}
	if err := m.compiled(); err != nil {
		return nil, err
	}
	return &m, nil
}

// Probability scores a feature list.
func (m *PairModel) Probability(names []string) float64 {
	_ = m.compiled() // a malformed cross is left out
	fs := features{model: m}
	for _, f := range names {
		fs.add(f)
	}
	return sigmoid(fs.total())
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// WithPairModel returns an extractor that scores candidate pairs with m;
// nil turns the model off and leaves the rules alone.
func (x *Extractor) WithPairModel(m *PairModel) *Extractor {
	if m != nil {
		_ = m.compiled() // a model built in code is numbered here; a malformed cross is left out
	}
	return &Extractor{gaz: x.gaz, pairs: m}
}

// PairExample is one candidate pair of a document, for training: the
// spellings each party goes by in the output and the pair's features.
type PairExample struct {
	SupplierNames, RecipientNames []string
	Features                      []string
	Sentence                      string // where the pair was read
}

// PairExamples lists the candidate pairs of a document: the pairs of
// parties of its supply sentences that the rules did not join.
func (x *Extractor) PairExamples(doc *source.Document) []PairExample {
	d, f := x.readDiscourse(doc.Text, opensWithTitle(doc), 0)
	facts := d.findSupplies(f)
	cands := d.pairCandidates(f, facts, foundPairs(facts), &features{})
	for _, c := range cands {
		d.ensureEntity(c.supplier)
		d.ensureEntity(c.recipient)
	}
	names := map[string][]string{}
	for _, e := range d.outputEntities() {
		names[e.ID] = append([]string{e.Name}, e.Aliases...)
	}
	out := make([]PairExample, 0, len(cands))
	for _, c := range cands {
		out = append(out, PairExample{SupplierNames: names[c.supplier], RecipientNames: names[c.recipient], Features: c.features,
			Sentence: d.text[c.sent.Start:c.sent.End]})
	}
	return out
}

// learnedSupplies adds a supply for each pair the rules did not find and
// the model finds likely, read from the sentence that scores it highest.
func (d *doc) learnedSupplies(f focus, facts []*fact, m *PairModel) []*fact {
	if m == nil {
		return nil
	}
	found := foundPairs(facts)
	type scored struct {
		c pairCandidate
		p float64
	}
	best := map[[2]string]scored{}
	var keys [][2]string
	for _, c := range d.pairCandidates(f, facts, found, &features{model: m}) {
		k := [2]string{c.supplier, c.recipient}
		p := sigmoid(c.z)
		if p < m.Threshold {
			continue
		}
		if old, ok := best[k]; !ok || p > old.p {
			if !ok {
				keys = append(keys, k)
			}
			best[k] = scored{c, p}
		}
	}
	probs := make(map[[2]string]float64, len(best))
	for k, b := range best {
		probs[k] = b.p
	}
	var out []*fact
	for _, k := range keys {
		if d.lessLikelyPlace(k, probs) || found[[2]string{k[0], d.cityRegion(k[1])}] {
			continue
		}
		out = append(out, d.pairFact(best[k].c, best[k].p))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].sent.index < out[j].sent.index })
	return out
}

// lessLikelyPlace reports whether a pair's recipient is a city or region
// that another likelier pair names too: a city and its region are one
// recipient to the reader.
func (d *doc) lessLikelyPlace(k [2]string, probs map[[2]string]float64) bool {
	p := probs[k]
	if region := d.cityRegion(k[1]); region != "" {
		if q, ok := probs[[2]string{k[0], region}]; ok && q > p {
			return true
		}
	}
	for _, e := range d.entities {
		if e.Type == string(gazetteer.City) && e.Region == k[1] {
			if q, ok := probs[[2]string{k[0], e.ID}]; ok && q >= p {
				return true
			}
		}
	}
	return false
}

// cityRegion is the region of a city entity, or "".
func (d *doc) cityRegion(id string) string {
	if e := d.entity(id); e != nil && e.Type == string(gazetteer.City) {
		return e.Region
	}
	return ""
}

// pairFact reads a supply between a candidate's parties from its
// sentence: status, quantity and time from the clause of the supply word
// nearest to them, and the goods the supplier makes among the sentence's,
// else the goods of that clause, else of the sentence, else the
// supplier's goods named just before.
func (d *doc) pairFact(c pairCandidate, p float64) *fact {
	s, tr := c.sent, c.trigger
	toks := s.Tokens
	fa := &fact{sent: s, supplier: []string{c.supplier}, recipient: []string{c.recipient}, conf: 0.6 * p}
	cl := clauseOf(toks, tr.at)
	var made, inClause, all []string
	for _, m := range s.mentions {
		if m.typ != gazetteer.Product || attributive(toks, s.mentions, m) {
			continue
		}
		all = appendUnique(all, m.id)
		if m.start >= cl.start && m.end <= cl.end {
			inClause = appendUnique(inClause, m.id)
		}
		if d.makes(c.supplier, m.id) {
			made = appendUnique(made, m.id)
		}
	}
	switch {
	case len(made) > 0:
		fa.products = made
	case len(inClause) > 0:
		fa.products = inClause
	case len(all) > 0:
		fa.products = all
	default:
		fa.products = d.recentProductsOf(s, c.supplier)
	}
	fa.status = status(toks, tr, cl)
	fa.quantity = nearestQuantity(toks, s.mentions, cl, tr.at)
	fa.when = d.whenOf(s, cl)
	return fa
}

// foundPairs are the supplier and recipient pairs of the rules' facts.
func foundPairs(facts []*fact) map[[2]string]bool {
	found := map[[2]string]bool{}
	for _, fa := range facts {
		for _, a := range fa.supplier {
			for _, b := range fa.recipient {
				found[[2]string{a, b}] = true
			}
		}
	}
	return found
}
