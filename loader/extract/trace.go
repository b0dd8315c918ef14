package extract

import (
	"fmt"
	"strings"

	"tradegraph/loader/source"
)

// Trace explains how a document was read: every sentence with the
// mentions and supply triggers found in it. It is for people tuning the
// rules (`tradegraph extract --trace`), not for machines.
func (x *Extractor) Trace(doc *source.Document) string {
	d, f := x.readDiscourse(doc.Text, doc.Title != "" && strings.HasPrefix(doc.Text, doc.Title), 0)
	var sb strings.Builder
	fmt.Fprintf(&sb, "# %s focus=%s addressee=%s home=%s firm=%s\n", doc.Origin, f.region, f.addressee, f.home, f.firm)
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
		for _, tr := range findTriggers(s.Tokens, s.mentions) {
			cl := clauseOf(s.Tokens, tr.at)
			fmt.Fprintf(&sb, "    trigger %q get=%v noun=%v passive=%v neutral=%v clause=%q\n", s.Tokens[tr.at].Text,
				tr.get, tr.noun, tr.passive, tr.neutral, d.span(s, cl.start, cl.end))
		}
	}
	return sb.String()
}
