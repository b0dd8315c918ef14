package extract

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"tradegraph/loader/source"
)

// traceCandidates is how many of a sentence's pair-model candidates the
// trace shows, likeliest first.
const traceCandidates = 5

// Trace explains how a document was read: every sentence with the
// mentions and supply triggers found in it, the supplies the rules read
// from it, and the pairs the pair model scored there, with their
// probabilities and features. It is for people tuning the rules and the
// model (`tradegraph extract --trace`), not for machines.
func (x *Extractor) Trace(doc *source.Document) string {
	d, f := x.readDiscourse(doc.Text, opensWithTitle(doc), 0)
	facts := d.findSupplies(f)
	ruled := map[*sentence][]*fact{}
	for _, fa := range facts {
		ruled[fa.sent] = append(ruled[fa.sent], fa)
	}
	scored := map[*sentence][]tracedPair{}
	if x.pairs != nil {
		for _, c := range d.pairCandidates(f, facts, foundPairs(facts), &features{}) {
			scored[c.sent] = append(scored[c.sent], tracedPair{c, x.pairs.Probability(c.features)})
		}
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "# %s focus=%s addressee=%s home=%s firm=%s host=%s\n", doc.Origin, f.region, f.addressee, f.home, f.firm, d.host())
	for _, s := range d.sents {
		fmt.Fprintf(&sb, "[%d] %s\n", s.index, d.text[s.Start:s.End])
		for _, m := range s.mentions {
			kind := ""
			if m.ref {
				kind = " (ref)"
			}
			if m.demonym {
				kind = " (demonym)"
			}
			fmt.Fprintf(&sb, "    %-10s %-40q -> %s%s\n", m.typ, d.span(s, m.start, m.end), m.id, kind)
		}
		for _, tr := range d.triggersOf(s) {
			cl := clauseOf(s.Tokens, tr.at)
			fmt.Fprintf(&sb, "    trigger %q get=%v noun=%v passive=%v neutral=%v clause=%q\n", s.Tokens[tr.at].Text,
				tr.get, tr.noun, tr.passive, tr.neutral, d.span(s, cl.start, cl.end))
		}
		for _, fa := range ruled[s] {
			fmt.Fprintf(&sb, "    rule    %s -> %s %v %s x%d\n", strings.Join(fa.supplier, ","), strings.Join(fa.recipient, ","),
				fa.products, fa.status, fa.quantity)
		}
		x.tracePairs(&sb, scored[s])
	}
	return sb.String()
}

// tracedPair is a pair-model candidate with its probability.
type tracedPair struct {
	c pairCandidate
	p float64
}

// tracePairs writes a sentence's likeliest candidates; those at or above
// the model's threshold become supplies unless a likelier one names the
// same pair.
func (x *Extractor) tracePairs(sb *strings.Builder, pairs []tracedPair) {
	slices.SortStableFunc(pairs, func(a, b tracedPair) int { return cmp.Compare(b.p, a.p) })
	for i, tp := range pairs {
		if i == traceCandidates {
			fmt.Fprintf(sb, "    pair    ... %d more\n", len(pairs)-i)
			break
		}
		mark := ""
		if tp.p >= x.pairs.Threshold {
			mark = " (above threshold)"
		}
		fmt.Fprintf(sb, "    pair    %s -> %s p=%.2f%s %s\n", tp.c.supplier, tp.c.recipient, tp.p, mark, strings.Join(tp.c.features, " "))
	}
}
