package extract

import (
	"strings"

	"tradegraph/loader/gazetteer"
	"tradegraph/loader/text"
)

// Relation types besides SUPPLIES; their names equal the Neo4j types in
// package schema.
const (
	relProduces       = "PRODUCES"
	relBasedIn        = "BASED_IN"
	relPartOf         = "PART_OF"
	relSubsidiaryOf   = "SUBSIDIARY_OF"
	relParticipatesIn = "PARTICIPATES_IN"
	relLocatedIn      = "LOCATED_IN"
)

var (
	produceVerbs = set("produce", "produces", "produced", "producing", "manufacture", "manufactures",
		"manufactured", "manufacturing", "make", "makes", "made", "making", "assemble", "assembles",
		"assembled", "assembling", "build", "builds", "built")
	projectVerbs = set("set", "setting", "establish", "establishes", "established", "establishing",
		"launch", "launched", "launches", "launching", "build", "building", "built", "construct",
		"constructing", "constructed", "open", "opened", "opening", "opens", "create", "created",
		"creating", "organize", "organizing", "organise", "organising", "organized", "localize",
		"localizing", "implementing", "implement", "implemented", "develop", "developing")
	projectNouns = set("facility", "plant", "factory", "production", "assembly", "venture",
		"enterprise", "line", "center", "centre", "hub", "cluster", "project", "program",
		"programme", "site", "dealership", "workshop", "terminal")
	subsidiaryWords = set("subsidiary", "subsidiaries", "daughter", "affiliate", "branch", "division")
)

// otherFacts reads the structural facts a text states: who makes what,
// where firms are based, what belongs to what, and joint projects.
func (d *doc) otherFacts() []Relation {
	c := &collector{d: d, seen: map[string]int{}}
	for _, s := range d.sents {
		for _, mp := range d.makerPairs(s) {
			c.add(relProduces, mp.enterprise, mp.product, s, 0.7)
		}
		d.producesByVerb(c, s)
		d.placeFacts(c, s)
		d.subsidiaryFacts(c, s)
		d.projectFacts(c, s)
	}
	// Subsidiaries found by their hyphenated names.
	for _, id := range d.order {
		e := d.entities[id]
		if e != nil && !e.Known && e.Parent != "" {
			if s := d.firstSentenceOf(id); s != nil {
				c.add(relSubsidiaryOf, id, e.Parent, s, 0.8)
			}
		}
	}
	return c.out
}

// collector gathers relations, one per (type, from, to), keeping the
// first evidence sentence and adding later ones.
type collector struct {
	d    *doc
	out  []Relation
	seen map[string]int
}

func (c *collector) add(typ, from, to string, s *sentence, conf float64) *Relation {
	if from == "" || to == "" || from == to {
		return nil
	}
	k := typ + "\x00" + from + "\x00" + to
	if i, ok := c.seen[k]; ok {
		r := &c.out[i]
		ev := c.d.evidence(s, conf)
		if r.Evidence[len(r.Evidence)-1].Start != ev.Start {
			r.Evidence = append(r.Evidence, ev)
		}
		return r
	}
	c.d.ensureEntity(from)
	c.d.ensureEntity(to)
	c.seen[k] = len(c.out)
	c.out = append(c.out, Relation{Type: typ, From: c.d.nameOf(from), To: c.d.nameOf(to), FromID: from, ToID: to,
		Confidence: conf, Evidence: []Evidence{c.d.evidence(s, conf)}})
	return &c.out[len(c.out)-1]
}

func (d *doc) firstSentenceOf(id string) *sentence {
	for _, s := range d.sents {
		for _, m := range s.mentions {
			if m.id == id && !m.ref {
				return s
			}
		}
	}
	return nil
}

// producesByVerb reads "X produces Y" and "Y made by X".
func (d *doc) producesByVerb(c *collector, s *sentence) {
	toks := s.Tokens
	for i, t := range toks {
		if !produceVerbs[t.Norm] {
			continue
		}
		cl := clauseOf(toks, i)
		var maker string
		var products []string
		passive := i+1 < len(toks) && toks[i+1].Norm == "by"
		for _, m := range s.mentions {
			if m.start < cl.start || m.end > cl.end {
				continue
			}
			switch {
			case m.typ == gazetteer.Product && (m.start > i || passive):
				products = append(products, m.id)
			case m.typ == gazetteer.Enterprise && ((m.end <= i && !passive) || (passive && m.start > i)):
				if maker == "" || !passive {
					maker = m.id
				}
			}
		}
		for _, p := range products {
			c.add(relProduces, maker, p, s, 0.75)
		}
	}
}

// placeFacts reads where things are: "Petrozavodsk, Karelia", "Russia's
// Arkhangelsk Oblast", "Amkodor-Onego in Karelia", "the Minsk-based MAZ".
func (d *doc) placeFacts(c *collector, s *sentence) {
	toks := s.Tokens
	ms := s.mentions
	for i := 0; i+1 < len(ms); i++ {
		a, b := ms[i], ms[i+1]
		if a.ref || b.ref || b.start < a.end {
			continue
		}
		gap := toks[a.end:b.start]
		joined := gapWords(gap)
		switch {
		// "Russia's Arkhangelsk Oblast", "Belarus's Brest region"
		case a.typ == gazetteer.Country && !a.demonym && joined == "'s" && b.typ == gazetteer.Region:
			c.add(relPartOf, b.id, a.id, s, 0.9)
		case a.typ == gazetteer.Region && joined == "'s" && b.typ == gazetteer.City:
			c.add(relPartOf, b.id, a.id, s, 0.9)
		// "Petrozavodsk, Karelia", "Kazan (Tatarstan)", "Kstovo in the Nizhny Novgorod region"
		case a.typ == gazetteer.City && b.typ == gazetteer.Region && (joined == "," || joined == "(" || joined == "in" || joined == "in the"):
			c.add(relPartOf, a.id, b.id, s, 0.85)
		case a.typ == gazetteer.Region && b.typ == gazetteer.Country && (joined == "," || joined == "(" || joined == "in"):
			c.add(relPartOf, a.id, b.id, s, 0.85)
		// "Amkodor-Onego in Karelia", "ULK group from the Arkhangelsk region"
		case a.typ == gazetteer.Enterprise && isPlace(b.typ) && (joined == "in" || joined == "in the" || joined == "from the" ||
			joined == "from" || joined == "," || joined == "(" || joined == "based in" || joined == "based in the" ||
			joined == "located in" || joined == "headquartered in" || joined == "of" || joined == "in belarus's" || joined == "in russia's"):
			c.add(relBasedIn, a.id, b.id, s, 0.75)
		// "the Minsk-based MAZ"
		case isPlace(a.typ) && (joined == "-based" || joined == "- based") && b.typ == gazetteer.Enterprise:
			c.add(relBasedIn, b.id, a.id, s, 0.85)
		}
	}
}

func isPlace(t gazetteer.Type) bool {
	return t == gazetteer.City || t == gazetteer.Region || t == gazetteer.Country
}

// gapWords joins the lowercased words between two mentions.
func gapWords(gap []text.Token) string {
	var parts []string
	for _, t := range gap {
		if t.Norm == "'s" {
			parts = append(parts, "'s")
			continue
		}
		if t.IsDash() {
			parts = append(parts, "-")
			continue
		}
		parts = append(parts, t.Norm)
	}
	return strings.ReplaceAll(strings.Join(parts, " "), "- ", "-")
}

// subsidiaryFacts reads "X, a subsidiary of Y", "Y's subsidiary X", "the
// holding's Russian subsidiary LLC X", "X, part of the Y holding".
func (d *doc) subsidiaryFacts(c *collector, s *sentence) {
	toks := s.Tokens
	for i, t := range toks {
		if !subsidiaryWords[t.Norm] && !(t.Norm == "part" && i+1 < len(toks) && toks[i+1].Norm == "of") {
			continue
		}
		var before, after *mention
		for k := range s.mentions {
			m := &s.mentions[k]
			if m.typ != gazetteer.Enterprise {
				continue
			}
			if m.end <= i && i-m.end <= 6 {
				before = m
			}
			if m.start > i && m.start-i <= 5 && after == nil {
				after = m
			}
		}
		if before == nil || after == nil {
			continue
		}
		possessive := before.end < len(toks) && toks[before.end].Norm == "'s"
		if possessive || (after.start > 0 && toks[after.start-1].Norm != "of" && prepBefore(toks, after.start) != "of") {
			c.add(relSubsidiaryOf, after.id, before.id, s, 0.75) // Y's subsidiary X
		} else {
			c.add(relSubsidiaryOf, before.id, after.id, s, 0.75) // X, a subsidiary of Y
		}
	}
}

// projectFacts reads joint undertakings: a plant being set up, an assembly
// line, a joint venture. Participants are the enterprises and regions of
// the sentence; the location is its most specific place.
func (d *doc) projectFacts(c *collector, s *sentence) {
	toks := s.Tokens
	for i, t := range toks {
		isVerb := projectVerbs[t.Norm]
		isJV := t.Norm == "joint" && i+1 < len(toks) && (toks[i+1].Norm == "venture" || toks[i+1].Norm == "production" || toks[i+1].Norm == "project")
		isAssembly := t.Norm == "assembly" && i+1 < len(toks) && (toks[i+1].Norm == "of" || toks[i+1].Norm == "plant" || toks[i+1].Norm == "line" || toks[i+1].Norm == "production" || toks[i+1].Norm == "site")
		if !isVerb && !isJV && !isAssembly {
			continue
		}
		head := ""
		if isVerb {
			for k := i + 1; k < len(toks) && k <= i+7; k++ {
				if projectNouns[toks[k].Norm] {
					head = toks[k].Norm
					break
				}
			}
			if head == "" {
				continue
			}
		} else if isJV {
			head = "joint venture"
		} else {
			head = "assembly"
		}
		var participants []string
		var place, placeRegion, product string
		for _, m := range s.mentions {
			switch m.typ {
			case gazetteer.Enterprise:
				// "the joint venture" refers back to the venture: the cue
				// itself names no participant.
				if m.id != pronWe && m.id != pronYou && !(m.ref && m.start <= i+1 && m.end > i) {
					participants = appendUnique(participants, m.id)
				}
			case gazetteer.City:
				if place == "" || placeRegion != "" {
					place, placeRegion = m.id, ""
				}
			case gazetteer.Region:
				if place == "" {
					place, placeRegion = m.id, m.id
				}
			case gazetteer.Product:
				if product == "" && m.start > i {
					product = m.id
				}
			}
		}
		if len(participants) == 0 {
			continue
		}
		name := d.projectName(participants[0], product, head, place)
		id := d.discover(gazetteer.Project, name, 0.6)
		d.discovered[id].Role = ""
		d.ensureEntity(id)
		for _, p := range participants {
			c.add(relParticipatesIn, p, id, s, 0.6)
		}
		if place != "" {
			c.add(relLocatedIn, id, place, s, 0.6)
		}
		return // one project per sentence
	}
}

// projectName composes a caption for a project: "Amkodor forestry machine
// plant in Petrozavodsk".
func (d *doc) projectName(participant, product, head, place string) string {
	parts := []string{d.nameOf(participant)}
	if product != "" {
		words := strings.Fields(d.nameOf(product))
		if n := len(words); n > 0 {
			words[n-1] = gazetteer.Singular(words[n-1])
		}
		parts = append(parts, strings.Join(words, " "))
	}
	switch head {
	case "facility", "factory", "production", "site", "workshop":
		head = "plant"
	case "center", "centre":
		head = "centre"
	}
	parts = append(parts, head)
	if place != "" {
		parts = append(parts, "in", d.nameOf(place))
	}
	return strings.Join(parts, " ")
}
