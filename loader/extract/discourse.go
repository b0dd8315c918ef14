package extract

import (
	"strings"

	"tradegraph/loader/gazetteer"
	"tradegraph/loader/text"
)

// focus is what an article is about, so that "the region", "your region"
// and "we" can be resolved.
type focus struct {
	region string // the region the article is mostly about
	// addressee is the region whose head the speaker talks to ("your
	// region"); it defaults to region.
	addressee string
	// home is the country on the supplying side, usually the country of
	// most enterprises and demonyms in the text ("we supply").
	home string
	// firm is the enterprise the article is about, when one takes at
	// least half of all enterprise mentions.
	firm string
}

// findFocus weighs the regions and countries of the document.
func (d *doc) findFocus() focus {
	var f focus
	regionScore := map[string]float64{}
	countryScore := map[string]float64{}
	for _, s := range d.sents {
		weight := 1.0
		if s.index == 0 {
			weight = 2 // the title says what the article is about
		}
		for k, m := range s.mentions {
			if m.ref {
				continue
			}
			switch m.typ {
			case gazetteer.Region:
				regionScore[m.id] += weight
				// "Governor of X", "Head of X": the speaker's partner.
				if k > 0 || m.start > 1 {
					if m.start >= 2 && s.Tokens[m.start-1].Norm == "of" && leaderWord(s.Tokens[m.start-2]) {
						regionScore[m.id] += 2
						if f.addressee == "" {
							f.addressee = m.id
						}
					}
				}
			case gazetteer.City:
				if r := d.regionOf(m.id); r != "" {
					regionScore[r] += weight / 2
				}
			case gazetteer.Country:
				countryScore[m.id] += weight
			case gazetteer.Enterprise:
				if c := d.countryOf(m.id); c != "" {
					countryScore[c] += weight
				}
			}
		}
	}
	f.region = best(regionScore, d.firstSeen)
	if f.addressee == "" {
		f.addressee = f.region
	}
	firms, total := map[string]float64{}, 0.0
	for _, s := range d.sents {
		for _, m := range s.mentions {
			// A brand ("Belarus tractors") names the goods, not the firm
			// the article is about.
			if m.typ == gazetteer.Enterprise && !m.ref && !m.brand {
				firms[m.id]++
				total++
			}
		}
	}
	if id := best(firms, d.firstSeen); id != "" && firms[id] >= 3 {
		second := runnerUp(firms, id)
		// A headline that opens with the firm named most often is about
		// it: "BELKARD starts serial deliveries of cardan shafts".
		if firms[id]*2 >= total || firms[id] >= 2*second || firms[id] > second && d.headlineSubject() == id {
			f.firm = id
		}
	}
	recipientCountry := d.countryOf(f.region)
	delete(countryScore, recipientCountry)
	f.home = best(countryScore, d.firstSeen)
	return f
}

func leaderWord(t text.Token) bool {
	switch t.Norm {
	case "governor", "head", "leader", "mayor", "president", "chairman", "administration", "government":
		return true
	}
	return false
}

// best returns the key with the highest score, the earliest seen on ties,
// and the first in order of ids when seen in one sentence, so that a
// document always reads the same.
func best(score map[string]float64, firstSeen map[string]int) string {
	id, top := "", 0.0
	for k, v := range score {
		if v > top || v == top && id != "" && (firstSeen[k] < firstSeen[id] || firstSeen[k] == firstSeen[id] && k < id) {
			id, top = k, v
		}
	}
	return id
}

// runnerUp returns the highest score of a key other than top.
func runnerUp(score map[string]float64, top string) float64 {
	second := 0.0
	for k, v := range score {
		if k != top && v > second {
			second = v
		}
	}
	return second
}

// regionOf returns the region id of a city or enterprise, or the id itself
// for a region.
func (d *doc) regionOf(id string) string {
	if e := d.entity(id); e != nil {
		switch e.Type {
		case string(gazetteer.Region):
			return e.ID
		case string(gazetteer.City), string(gazetteer.Enterprise):
			if e.Region != "" {
				return e.Region
			}
			if c := d.entity(e.City); c != nil {
				return c.Region
			}
		}
	}
	return ""
}

// headlineSubject is the enterprise that opens the headline of a titled
// text, or "".
func (d *doc) headlineSubject() string {
	if !d.titled || len(d.sents) == 0 {
		return ""
	}
	s := d.sents[0]
	if len(s.mentions) > 0 && s.mentions[0].start == 0 && s.mentions[0].typ == gazetteer.Enterprise && !s.mentions[0].ref {
		return s.mentions[0].id
	}
	return ""
}

// countryOf returns the country id of any entity.
func (d *doc) countryOf(id string) string {
	e := d.entity(id)
	if e == nil {
		return ""
	}
	if e.Type == string(gazetteer.Country) {
		return e.ID
	}
	if e.Country != "" {
		return e.Country
	}
	if r := d.entity(e.Region); r != nil {
		return r.Country
	}
	if c := d.entity(e.City); c != nil {
		return d.countryOf(c.ID)
	}
	if p := d.entity(e.Parent); p != nil && p.ID != e.ID {
		return p.Country
	}
	return ""
}

// entity returns the document's or the gazetteer's entity for id.
func (d *doc) entity(id string) *Entity {
	if id == "" {
		return nil
	}
	if e := d.entities[id]; e != nil {
		return e
	}
	if e := d.discovered[id]; e != nil {
		return e
	}
	if g := d.gaz.Entity(id); g != nil {
		return &Entity{ID: g.ID, Type: string(g.Type), Name: g.Name, Country: g.Country, Region: g.Region,
			City: g.City, Parent: g.Parent, ISO: g.ISO, Kind: g.Kind}
	}
	return nil
}

// plantNouns name a production site, which a holding is not.
var plantNouns = set("plant", "factory", "works")

// qualifiedNouns follow a deictic noun used as an adjective.
var qualifiedNouns = set("repair", "repairs", "investment", "investments", "construction", "expenditure",
	"expenditures", "market", "markets", "manager", "managers", "director", "directors", "workers",
	"staff", "management", "site", "sites", "territory", "budget", "budgets", "authorities", "administration",
	"council", "committee", "government", "governments", "level", "program", "programme", "status")

// sayVerbs attribute a quote to its speaker.
var sayVerbs = set("said", "says", "noted", "stressed", "told", "added", "explained", "emphasized",
	"emphasised", "stated", "reported", "commented", "announced", "according", "statement", "believes",
	"talked", "spoke", "interview", "interviewed", "asked")

// speakerTitles near an enterprise name make it the speaker's company:
// "BELAZ Director General ... said".
var speakerTitles = set("director", "ceo", "head", "chairman", "deputy", "spokesman", "spokeswoman",
	"manager", "president", "press", "service", "representative", "official", "statement", "executive",
	"engineer", "agronomist", "owner", "founder")

// findSpeakers notes, per paragraph, the enterprise whose representative
// speaks in it, so that "we will supply" in a company's quote means the
// company and not its country.
func (d *doc) findSpeakers() {
	d.speaker = map[int]string{}
	defer func() {
		// An interview speaks for one company throughout.
		if len(d.speaker) > 0 {
			first := ""
			for _, s := range d.sents {
				if e := d.speaker[s.Para]; e != "" {
					first = e
					break
				}
			}
			d.speaker[-1] = first
		}
		d.weIsSpeaker()
	}()
	for _, s := range d.sents {
		if _, done := d.speaker[s.Para]; done {
			continue
		}
		toks := s.Tokens
		// "Keramin's sales director", "says Pobeda's chief engineer": a
		// firm's representative is introduced, quote or not.
		for _, m := range s.mentions {
			if m.typ != gazetteer.Enterprise || m.modifier || m.end+1 >= len(toks) || toks[m.end].Norm != "'s" {
				continue
			}
			for k := m.end + 1; k < min(len(toks), m.end+4); k++ {
				if speakerTitles[toks[k].Norm] && toks[k].Norm != "statement" && toks[k].Norm != "service" {
					d.speaker[s.Para] = m.id
				}
			}
		}
		// "The general director of the Mogilev Automobile Plant (MoAZ),
		// Viktor Shumsky": the person introduced speaks for the firm.
		for k := 0; k+2 < len(toks); k++ {
			if !speakerTitles[toks[k].Norm] || toks[k].Norm == "statement" || toks[k].Norm == "service" || toks[k+1].Norm != "of" {
				continue
			}
			j := k + 2
			if toks[j].Norm == "the" {
				j++
			}
			if m := mentionAt(s.mentions, j); m >= 0 && s.mentions[m].typ == gazetteer.Enterprise && !s.mentions[m].ref {
				d.speaker[s.Para] = s.mentions[m].id
				break
			}
		}
		// "the dealer's director said": the one dealer the text named.
		if dealer := d.onlyDealer(); dealer != "" {
			for k := 0; k+2 < len(toks); k++ {
				if (toks[k].Norm == "dealer" || toks[k].Norm == "distributor") && toks[k+1].Norm == "'s" && speakerTitles[toks[k+2].Norm] {
					d.speaker[s.Para] = dealer
				}
			}
		}
		if _, done := d.speaker[s.Para]; done {
			continue
		}
		for i, t := range toks {
			if !sayVerbs[t.Norm] {
				continue
			}
			for _, m := range s.mentions {
				if m.typ != gazetteer.Enterprise || m.modifier || abs(m.start-i) > 10 {
					continue
				}
				for k := max(0, m.start-4); k < min(len(toks), m.end+5); k++ {
					// "... seventy Belkommunmash vehicles," the president
					// said: a quote's end parts the firm from the title.
					if speakerTitles[toks[k].Norm] && !punctBetween(toks, k, m) {
						d.speaker[s.Para] = m.id
					}
				}
			}
		}
	}
}

// punctBetween reports punctuation other than a hyphen or an apostrophe
// between token k and mention m.
func punctBetween(toks []text.Token, k int, m mention) bool {
	lo, hi := k+1, m.start
	if k >= m.end {
		lo, hi = m.end, k
	}
	for j := lo; j < hi; j++ {
		if toks[j].Kind == text.Punct && !toks[j].IsDash() && toks[j].Norm != "'s" && toks[j].Norm != "'" {
			return true
		}
	}
	return false
}

// onlyDealer returns the dealer the text named, if it named one.
func (d *doc) onlyDealer() string {
	if len(d.dealerOf) != 1 {
		return ""
	}
	for dealer := range d.dealerOf {
		return dealer
	}
	return ""
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// pronoun kinds a mention may stand for.
const (
	pronWe  = "we"
	pronYou = "you"
)

// resolveReferences adds mentions for "the region", "the plant", "your
// region", "the three regions" and the like, pointing to the entity they
// most likely mean: the latest one of that type, or the article's focus.
func (d *doc) resolveReferences(f focus) {
	var recent []mention // named mentions seen so far, latest last
	var lastList []mention
	var described []description
	var here []mention // reused: the mentions a reference may point back to
	type stickyRef struct {
		id   string
		uses int
	}
	sticky := map[string]stickyRef{}
	for _, s := range d.sents {
		toks := s.Tokens
		var added []mention
		for i, t := range toks {
			if mentionAt(s.mentions, i) >= 0 {
				continue
			}
			// "the Fund", "the Holding": the firm named last whose name has
			// that word.
			if t.Cap && i > 0 && toks[i-1].Norm == "the" && (orgHeads[t.Norm] || t.Norm == "fund") && !(i+1 < len(toks) && isNameWord(toks[i+1])) {
				if id := d.latestNamed(recent, t.Norm); id != "" {
					added = append(added, mention{start: i, end: i + 1, id: id, typ: gazetteer.Enterprise, ref: true, conf: 0.6})
				}
				continue
			}
			typ, ok := deicticTypes[t.Norm]
			// "the Belarusian customer": a role is a firm when its
			// country says which.
			if !ok && partyRoles[t.Norm] && i >= 2 && toks[i-2].Norm == "the" && d.gaz.Demonym(toks[i-1].Norm) != "" {
				typ, ok = "Enterprise", true
			}
			if t.Norm != "there" && (!ok || i == 0 || t.Cap) {
				continue
			}
			// "the Belarusian company Belkommunmash": a description of the
			// name that follows, not a reference back.
			// "the city carrier Tomskavtotrans": a modifier of the firm's kind.
			if typ != "Enterprise" && i+1 < len(toks) && (roleNouns[toks[i+1].Norm] || orgNouns[toks[i+1].Norm]) {
				continue
			}
			// "offer the city trolleybuses": goods after it are no name.
			if k := mentionAt(s.mentions, i+1); i+1 < len(toks) && (k >= 0 && s.mentions[k].typ != gazetteer.Product || toks[i+1].IsQuote() || isNameWord(toks[i+1])) {
				continue
			}
			// "the city of Saratov", "the region of Murmansk": the name
			// follows.
			if i+2 < len(toks) && toks[i+1].Norm == "of" && typ != "Enterprise" {
				if k := mentionAt(s.mentions, i+2); k >= 0 && s.mentions[k].start == i+2 && string(s.mentions[k].typ) == typ {
					continue
				}
			}
			// Named mentions earlier in this sentence count as recent.
			// ("Rosatom supplies fuel to the plant": not Rosatom itself;
			// "MTZ and Bashkortostan signed an agreement under which the
			// republic's farms ...": Bashkortostan.)
			possessive := i+1 < len(toks) && toks[i+1].Norm == "'s"
			here = append(here[:0], recent...)
			for _, m := range s.mentions {
				if m.end <= i && !m.ref && (possessive || crossesBoundary(toks, m.end-1, i) || relativeBetween(toks, m.end, i)) {
					here = append(here, m)
				}
			}
			before := here[len(recent):len(here):len(here)] // this sentence's names
			here = append(here, added...)
			// "there": the place named last.
			if t.Norm == "there" && i > 0 && toks[i-1].Norm != "is" && toks[i-1].Norm != "are" {
				if id := d.latest(here, nil, "Region", "City", "Country"); id != "" {
					added = append(added, mention{start: i, end: i + 1, id: id, typ: d.typeOf(id), ref: true, conf: 0.5})
				}
				continue
			}
			if !ok || i == 0 || t.Cap {
				continue
			}
			// "capital repair", "the plant manager": the noun qualifies
			// another one and refers to nothing.
			if i+1 < len(toks) && qualifiedNouns[toks[i+1].Norm] {
				continue
			}
			prev := toks[i-1].Norm
			if t.Norm == "venture" && prev == "joint" && i >= 2 {
				prev = toks[i-2].Norm // "the joint venture"
			}
			// "the regional capital": the capital of the region in focus.
			if t.Norm == "capital" && prev == "regional" && i >= 2 && toks[i-2].Norm == "the" && f.region != "" {
				if c := d.capitalOf(f.region); c != "" {
					added = append(added, mention{start: i - 1, end: i + 1, id: c, typ: d.typeOf(c), ref: true, conf: 0.6})
					continue
				}
			}
			// "the Russian capital": that country's capital.
			if t.Norm == "capital" && i >= 2 && toks[i-2].Norm == "the" {
				if c := d.gaz.Demonym(prev); c != "" {
					if g := d.gaz.Entity(c); g != nil && g.Capital != "" {
						added = append(added, mention{start: i - 1, end: i + 1, id: g.Capital, typ: d.typeOf(g.Capital), ref: true, conf: 0.7})
					}
					continue
				}
			}
			// "the Pinsk plant", "the Minsk company": the firm of that city.
			if typ == "Enterprise" {
				// "the Bobruisk tire plant": words of what it makes may
				// stand between; the known plant of that city that makes it
				// is meant even when the article has not named it.
				at, goods, words := i-1, []string(nil), []string(nil)
				for n := 0; n < 2 && at > 0 && toks[at].Kind == text.Word && !toks[at].Cap; n++ {
					if k := mentionAt(s.mentions, at); k >= 0 {
						if s.mentions[k].typ != gazetteer.Product {
							break
						}
						goods = append(goods, s.mentions[k].id)
						at = s.mentions[k].start
					} else {
						words = append(words, toks[at].Norm)
					}
					at--
				}
				if k := mentionAt(s.mentions, at); k < 0 || s.mentions[k].typ != gazetteer.City {
					at, goods, words = i-1, nil, nil
				}
				if k := mentionAt(s.mentions, at); k >= 0 && s.mentions[k].typ == gazetteer.City && s.mentions[k].start > 0 &&
					determiners[toks[s.mentions[k].start-1].Norm] {
					id := d.enterpriseIn(s.mentions[k].id, here)
					if id == "" && len(goods)+len(words) > 0 {
						id = d.gaz.MakerIn(s.mentions[k].id, goods, words)
					}
					if id != "" {
						added = append(added, mention{start: i, end: i + 1, id: id, typ: gazetteer.Enterprise, ref: true, conf: 0.6})
					}
					continue
				}
			}
			// "the Belarusian carrier", "the Russian truck maker": the last
			// firm of that country.
			demonymAt := i - 1
			if i >= 3 && toks[i-3].Norm == "the" && d.gaz.Demonym(toks[i-2].Norm) != "" && toks[i-1].Kind == text.Word && !toks[i-1].Cap {
				demonymAt = i - 2
			}
			if typ == "Enterprise" && demonymAt >= 1 && toks[demonymAt-1].Norm == "the" {
				if c := d.gaz.Demonym(toks[demonymAt].Norm); c != "" {
					// A firm named as a party, else as the maker of goods
					// ("eight BELAZ dump trucks ... the Belarusian
					// manufacturer").
					if id := d.latestOfCountry(here, c); id != "" {
						added = append(added, mention{start: i, end: i + 1, id: id, typ: gazetteer.Enterprise, ref: true, conf: 0.6})
					}
					continue
				}
			}
			switch {
			case typ == "Region" && (prev == "your" || prev == "our") && f.addressee != "":
				added = append(added, mention{start: i, end: i + 1, id: f.addressee, typ: gazetteer.Region, ref: true, conf: 0.7})
			case typ == "City" && prev == "your" && f.addressee != "" && d.capitalOf(f.addressee) != "":
				// "your city": the capital of the region spoken to.
				c := d.capitalOf(f.addressee)
				added = append(added, mention{start: i, end: i + 1, id: c, typ: d.typeOf(c), ref: true, conf: 0.6})
			case prev == "the" || prev == "this" || prev == "that" || prev == "our" || prev == "your" || prev == "its" ||
				typ == "Enterprise" && (prev == "his" || prev == "her"): // "his cooperative": the one he heads
				id := d.latest(here, nil, typ)
				// "Khanka Agrarian Company ... received thirty tractors from
				// the Minsk Tractor Works. We asked the company's director":
				// a firm whose own name says "company" is "the company".
				if typ == "Enterprise" && kindNouns[t.Norm] {
					if k := d.latestOfKind(here, t.Norm, 6); k != "" && !d.nameEndsWith(id, t.Norm) {
						id = k
					}
				}
				// "bought through Sberbank Leasing. The enterprise received 12
				// sweepers": a lender is no plant or enterprise; the firm
				// named before it is.
				if typ == "Enterprise" && (plantNouns[t.Norm] || t.Norm == "enterprise") && id != "" && isFinancier(d.entity(id)) {
					id = d.latestExcept(here, isFinancier)
				}
				// "Gazprom remains the main supplier of energy resources to
				// the republic" in an article on Belarus and Kuzbass: an
				// oblast is no republic; the country is.
				if t.Norm == "republic" && typ == "Region" && (id == "" || d.regionKind(id) != "republic") {
					if r := d.latestRepublic(here); r != "" {
						id = r
					} else if c := d.latest(here, nil, "Country"); c != "" {
						added = append(added, mention{start: i, end: i + 1, id: c, typ: gazetteer.Country, ref: true, conf: 0.5})
						continue
					}
				}
				// "Kuzbassrazrezugol signed a contract with the Belarusian
				// Cement Plant. The company also supplies coal to ...": a
				// sentence that opens with "the company" goes on about the
				// last sentence's subject, not the firm named last.
				// So does one that names no firm before it, when the firm
				// named last was only a customer or partner in a
				// prepositional phrase ("... working for the subsidiaries
				// of Gazprom Neft. Its director told how the company ...").
				if typ == "Enterprise" && noMentionBefore(s, i) && (i <= 4 || d.namedAfterPrep(s.index-1, id)) && !plantNouns[t.Norm] {
					subj, coordinated := d.subjectOf(s.index-1), d.coordinatedSubject(s.index-1)
					if subj == "" && i > 4 {
						// "The company has 40 crews, working for Gazprom Neft."
						subj, coordinated = d.referredSubjectOf(s.index-1), false
					}
					if subj != "" && subj != id && d.typeOf(subj) == gazetteer.Enterprise && !d.mentionedBefore(id, before) && !coordinated {
						id = subj
					}
				}
				// In an article about one firm, "the company" is that firm
				// unless another was named in this very sentence; "the
				// plant" is the last plant rather than a holding.
				switch {
				case typ != "Enterprise" || f.firm == "" || id == f.firm || d.mentionedBefore(id, before):
				case plantNouns[t.Norm]:
					if d.gaz.IsHolding(id) && !d.gaz.IsHolding(f.firm) && d.mentionedRecently(f.firm, s.index, 2) {
						id = f.firm
					} else if !d.gaz.IsHolding(f.firm) && d.subjectOf(s.index-1) != id && d.subjectOf(s.index) != id {
						// "... and the Petersburg Tractor Plant also remain
						// regular customers. In the fourth quarter the plant
						// delivered": a customer named in passing is not the
						// plant the article is about.
						id = f.firm
					}
				case d.subjectOf(s.index-1) == id:
					// "KTK has been a customer ... Today the company's fleet":
					// the last sentence's subject stays in focus.
				case d.mentionedRecently(f.firm, s.index, 2) && !(d.gaz.IsHolding(f.firm) && !d.gaz.IsHolding(id) && t.Norm != "holding"):
					id = f.firm
				}
				// "the holding": the parent of the plant named last, or the
				// last named holding.
				if id != "" && t.Norm == "holding" && !d.gaz.IsHolding(id) {
					if e := d.entity(id); e != nil && e.Parent != "" && d.mentionedBefore(e.Parent, here) {
						id = e.Parent
					} else if h := d.latestHolding(here); h != "" {
						id = h
					}
				}
				if typ == "Enterprise" && (prev == "the" || prev == "his" || prev == "her") {
					if named := describedAs(append(described, descriptionsBefore(s, i)...), t.Norm, s.index); named != "" {
						id = named
					}
				}
				// "the enterprise" used three times for one firm keeps
				// meaning it: news name their subject once, then by its
				// kind, though they name customers in between.
				if typ == "Enterprise" && prev == "the" {
					st := sticky[t.Norm]
					if st.uses >= stickyUses && id != "" {
						id = st.id
					}
					if id != "" && (st.id == "" || st.id == id) {
						sticky[t.Norm] = stickyRef{id, st.uses + 1}
					}
				}
				if id != "" {
					added = append(added, mention{start: i, end: i + 1, id: id, typ: gazetteer.Type(typ), ref: true, conf: 0.6})
				} else if typ == "Region" && f.region != "" {
					added = append(added, mention{start: i, end: i + 1, id: f.region, typ: gazetteer.Region, ref: true, conf: 0.5})
				}
			}
		}
		// "the three regions", "these regions", "both regions": the regions
		// of the last list of regions.
		for i, t := range toks {
			if t.Norm != "regions" || i == 0 || len(lastList) < 2 || mentionAt(s.mentions, i) >= 0 {
				continue
			}
			switch toks[i-1].Norm {
			case "three", "two", "four", "five", "these", "both", "all", "those":
				for _, m := range lastList {
					added = append(added, mention{start: i, end: i + 1, id: m.id, typ: gazetteer.Region, ref: true, conf: 0.6})
				}
			}
		}
		// Pronouns "we/our/us" and "you/your" stand for the two sides.
		for i, t := range toks {
			// "your city", "our region": the noun says who is meant.
			if (t.Norm == "our" || t.Norm == "your") && i+1 < len(toks) && deicticTypes[toks[i+1].Norm] != "" {
				continue
			}
			// "to your Gomelkabel": the name that follows is the party.
			if (t.Norm == "our" || t.Norm == "your") && i+1 < len(toks) {
				if k := mentionAt(s.mentions, i+1); k >= 0 && s.mentions[k].typ == gazetteer.Enterprise && !s.mentions[k].ref {
					continue
				}
			}
			switch t.Norm {
			case "we", "our", "us":
				added = append(added, mention{start: i, end: i + 1, id: pronWe, ref: true, conf: 0.5})
			case "you", "your":
				added = append(added, mention{start: i, end: i + 1, id: pronYou, ref: true, conf: 0.5})
			}
		}
		described = append(described, descriptionsBefore(s, len(toks))...)
		var regions []mention
		for _, m := range added {
			// "the Belarusian plant ... The plant also ships": a firm
			// referred to stays recent too, though below the names of its
			// sentence ("KTK is a customer of the Belarusian manufacturer.
			// Today the company's fleet ...": KTK).
			if m.typ == gazetteer.Enterprise {
				recent = append(recent, m)
			}
		}
		for _, m := range s.mentions {
			if !m.ref {
				recent = append(recent, m)
				if m.typ == gazetteer.Region {
					regions = append(regions, m)
				}
			}
		}
		if len(regions) >= 2 {
			lastList = regions
		}
		if len(added) > 0 {
			s.mentions = append(s.mentions, added...)
			sortMentions(s.mentions)
		}
		if len(recent) > 40 {
			// Move the last 40 to the front, so the buffer is reused.
			recent = recent[:copy(recent, recent[len(recent)-40:])]
		}
	}
}

// description is a firm introduced with a common noun: "the municipal
// enterprise «Gorelektrotransport»", "the timber company Tomlesdrev".
type description struct {
	noun, id string
	sent     int
}

// descriptionsBefore returns the firms of a sentence, up to token end,
// written after (or beginning with) a deictic noun.
func descriptionsBefore(s *sentence, end int) []description {
	var out []description
	for _, m := range s.mentions {
		if m.ref || m.typ != gazetteer.Enterprise || m.end > end {
			continue
		}
		k := m.start
		if w := s.Tokens[k].Norm; deicticTypes[w] == "Enterprise" && m.end-m.start > 1 {
			out = append(out, description{w, m.id, s.index}) // "enterprise «Gorelektrotransport»"
			continue
		}
		if w := s.Tokens[m.end-1]; deicticTypes[w.Norm] == "Enterprise" && !w.Cap && m.end-m.start > 1 {
			out = append(out, description{w.Norm, m.id, s.index}) // "the Druzhba agricultural cooperative"
			continue
		}
		for k--; k >= 0 && s.Tokens[k].IsQuote(); k-- {
		}
		if k >= 0 && deicticTypes[s.Tokens[k].Norm] == "Enterprise" {
			out = append(out, description{s.Tokens[k].Norm, m.id, s.index})
		}
	}
	return out
}

// describedAs returns the firm last introduced with noun in sentence i or
// the three before: "the enterprise" then means it, not the firm named
// last. "The joint venture" means the one introduced as such further back.
func describedAs(ds []description, noun string, i int) string {
	window := 3
	if noun == "venture" {
		window = 12 // an article has one joint venture, named once
	}
	for k := len(ds) - 1; k >= 0 && i-ds[k].sent <= window; k-- {
		if ds[k].noun == noun {
			return ds[k].id
		}
	}
	return ""
}

// relativeBetween reports whether a relative pronoun lies in [i, j).
func relativeBetween(toks []text.Token, i, j int) bool {
	for k := i; k < j; k++ {
		switch toks[k].Norm {
		case "which", "that", "where", "whose", "who":
			return true
		}
	}
	return false
}

// latest returns the id of the most recent mention of one of types,
// looking at current first, then recent.
func (d *doc) latest(recent, current []mention, types ...string) string {
	for _, list := range [][]mention{current, recent} {
		for i := len(list) - 1; i >= 0; i-- {
			m := list[i]
			if m.id == pronWe || m.id == pronYou || m.demonym || m.modifier {
				continue
			}
			for _, t := range types {
				if string(m.typ) == t || t == "City" && m.typ == gazetteer.Region && d.isFederalCity(m.id) {
					return m.id
				}
			}
		}
	}
	return ""
}

// latestOfCountry returns the last firm of country c among recent
// mentions, preferring one named as a party to one named as a maker.
func (d *doc) latestOfCountry(recent []mention, c string) string {
	maker := ""
	for k := len(recent) - 1; k >= 0; k-- {
		m := recent[k]
		if m.typ != gazetteer.Enterprise || d.countryOf(m.id) != c {
			continue
		}
		if !m.modifier {
			return m.id
		}
		if maker == "" {
			maker = m.id
		}
	}
	return maker
}

// partyRoles name a party by its part in a deal.
var partyRoles = set("customer", "buyer", "supplier", "partner", "client")

// stickyUses is how many times "the enterprise" must have meant one firm
// before it keeps meaning it.
const stickyUses = 3

// referredSubjectOf returns the firm sentence k opens with when it names
// it by a reference ("The company has 40 crews"), or "".
func (d *doc) referredSubjectOf(k int) string {
	if k < 0 {
		return ""
	}
	s := d.sents[k]
	for _, m := range s.mentions {
		if m.modifier || m.typ == gazetteer.Product || m.typ == gazetteer.Person {
			continue
		}
		if p, _ := prepAt(s.Tokens, m.start); p != "" || !m.ref || m.typ != gazetteer.Enterprise || m.id == pronWe || m.id == pronYou {
			return ""
		}
		return m.id
	}
	return ""
}

// namedAfterPrep reports whether sentence k names firm id only after a
// preposition: as a customer or partner, not as the subject.
func (d *doc) namedAfterPrep(k int, id string) bool {
	if k < 0 || id == "" {
		return false
	}
	s := d.sents[k]
	found := false
	for j, m := range s.mentions {
		if m.id != id || m.ref {
			continue
		}
		// "of Rosneft and Gazprom Neft": the first of a list carries the
		// preposition.
		first := m
		for k := j - 1; k >= 0; k-- {
			if gap := s.Tokens[s.mentions[k].end:first.start]; len(gap) == 1 && (gap[0].Norm == "and" || gap[0].Norm == ",") {
				first = s.mentions[k]
				continue
			}
			break
		}
		if p, _ := prepAt(s.Tokens, first.start); p == "" {
			return false
		}
		found = true
	}
	return found
}

// kindNouns are the words for a firm that its name may end with: "the
// company" is "Khanka Agrarian Company" sooner than "MTZ".
var kindNouns = set("company", "agroholding", "agrofirm", "cooperative", "corporation")

// latestOfKind returns the firm among the last n enterprise mentions
// whose name ends with noun, or "".
func (d *doc) latestOfKind(recent []mention, noun string, n int) string {
	for i := len(recent) - 1; i >= 0 && n > 0; i-- {
		m := recent[i]
		if m.typ != gazetteer.Enterprise || m.demonym || m.modifier {
			continue
		}
		n--
		if d.nameEndsWith(m.id, noun) {
			return m.id
		}
	}
	return ""
}

// nameEndsWith reports whether an entity's name ends with the word noun.
func (d *doc) nameEndsWith(id, noun string) bool {
	e := d.entity(id)
	return e != nil && strings.HasSuffix(strings.ToLower(e.Name), " "+noun)
}

// latestExcept returns the id of the most recent named enterprise that
// skip does not reject, or "".
func (d *doc) latestExcept(recent []mention, skip func(*Entity) bool) string {
	for i := len(recent) - 1; i >= 0; i-- {
		m := recent[i]
		if m.typ == gazetteer.Enterprise && !m.demonym && !m.modifier && d.entity(m.id) != nil && !skip(d.entity(m.id)) {
			return m.id
		}
	}
	return ""
}

// capitalOf returns the id of a region's capital, or "".
func (d *doc) capitalOf(region string) string {
	if g := d.gaz.Entity(region); g != nil {
		return g.Capital
	}
	return ""
}

// isFederalCity reports whether a region is a city ("the city" may mean
// Moscow).
func (d *doc) isFederalCity(id string) bool {
	g := d.gaz.Entity(id)
	return g != nil && g.Kind == "federal city"
}

// latestNamed returns the last named enterprise whose name contains word.
func (d *doc) latestNamed(ms []mention, word string) string {
	for i := len(ms) - 1; i >= 0; i-- {
		if ms[i].typ != gazetteer.Enterprise {
			continue
		}
		if e := d.entity(ms[i].id); e != nil && strings.Contains(" "+strings.ToLower(e.Name)+" ", " "+word+" ") {
			return e.ID
		}
	}
	return ""
}

// latestHolding returns the last named enterprise that is a holding.
func (d *doc) latestHolding(ms []mention) string {
	for i := len(ms) - 1; i >= 0; i-- {
		if ms[i].typ == gazetteer.Enterprise && d.gaz.IsHolding(ms[i].id) {
			return ms[i].id
		}
	}
	return ""
}

// subjectOf returns the entity named first in sentence i when no
// preposition stands before it: the sentence's likely subject.
// latestRepublic returns the last region named that is a republic.
func (d *doc) latestRepublic(recent []mention) string {
	for i := len(recent) - 1; i >= 0; i-- {
		if m := recent[i]; m.typ == gazetteer.Region && d.regionKind(m.id) == "republic" {
			return m.id
		}
	}
	return ""
}

// coordinatedSubject reports "MAZ and JSC «X» signed": two subjects, so
// "the company" after them may be either.
func (d *doc) coordinatedSubject(i int) bool {
	if i < 0 || i >= len(d.sents) {
		return false
	}
	s := d.sents[i]
	for _, m := range s.mentions {
		if m.ref || m.modifier || m.typ == gazetteer.Product || m.typ == gazetteer.Person {
			continue
		}
		return m.end < len(s.Tokens) && s.Tokens[m.end].Norm == "and"
	}
	return false
}

// noMentionBefore reports that nothing is named in s before token i:
// "Last year the company sold" opens with the company as its subject.
func noMentionBefore(s *sentence, i int) bool {
	for _, m := range s.mentions {
		if m.start < i {
			return false
		}
	}
	return true
}

// regionKind returns the kind of a known region: "oblast", "republic", ...
func (d *doc) regionKind(id string) string {
	if e := d.gaz.Entity(id); e != nil {
		return e.Kind
	}
	return ""
}

func (d *doc) subjectOf(i int) string {
	if i < 0 || i >= len(d.sents) {
		return ""
	}
	s := d.sents[i]
	for _, m := range s.mentions {
		if m.ref || m.modifier || m.typ == gazetteer.Product || m.typ == gazetteer.Person {
			continue
		}
		if p, _ := prepAt(s.Tokens, m.start); p != "" {
			return ""
		}
		return m.id
	}
	return ""
}

// mentionedRecently reports whether id is named in sentence i or the n
// before it.
func (d *doc) mentionedRecently(id string, i, n int) bool {
	for k := i; k >= 0 && k >= i-n; k-- {
		for _, m := range d.sents[k].mentions {
			if m.id == id {
				return true
			}
		}
	}
	return false
}

// mentionedBefore reports whether id is among ms.
func (d *doc) mentionedBefore(id string, ms []mention) bool {
	for _, m := range ms {
		if m.id == id {
			return true
		}
	}
	return false
}

// typeOf returns the type of an entity id.
func (d *doc) typeOf(id string) gazetteer.Type {
	if e := d.entity(id); e != nil {
		return gazetteer.Type(e.Type)
	}
	return ""
}

// enterpriseIn returns an enterprise of the document based in city: one
// mentioned recently, else a known one.
func (d *doc) enterpriseIn(city string, recent []mention) string {
	in := func(e *Entity) bool {
		if e == nil || e.Type != string(gazetteer.Enterprise) {
			return false
		}
		if e.City == city {
			return true
		}
		// "Amkodor-Pinsk" is the Pinsk plant even when nobody said where
		// it is.
		c := d.entity(city)
		return e.City == "" && c != nil && strings.Contains(strings.ToLower(e.Name), strings.ToLower(c.Name))
	}
	for i := len(recent) - 1; i >= 0; i-- {
		if e := d.entity(recent[i].id); in(e) {
			return e.ID
		}
	}
	for _, id := range d.order {
		if in(d.entities[id]) {
			return id
		}
	}
	return ""
}

// speakingFirm is the firm whose representative speaks in a paragraph, or
// in the article when it is an interview, or "".
func (d *doc) speakingFirm(para int) string {
	if e := d.speaker[para]; e != "" {
		return e
	}
	return d.speaker[-1]
}

// weIsSpeaker makes "we", "our" and "us" the speaking firm where a firm's
// representative speaks: in "we buy all our fertiliser there", said by
// Pobeda's chief engineer, "we" is Pobeda, not the country.
// isInterview reports a text of questions and answers: at least two
// questions that open a paragraph with a dash or a "Q:".
func (d *doc) isInterview() bool {
	questions, para := 0, -1
	for _, s := range d.sents {
		if s.Para == para || len(s.Tokens) == 0 {
			continue
		}
		para = s.Para
		first := s.Tokens[0]
		if !first.IsDash() && first.Norm != "q" {
			continue
		}
		for _, t := range d.sents[s.index:] {
			if t.Para != para {
				break
			}
			if last := t.Tokens[len(t.Tokens)-1]; last.Norm == "?" {
				questions++
				break
			}
		}
	}
	return questions >= 2
}

// interviewee returns the firm whose manager the headline or lead
// introduces: "Gomel Chemical Plant director on apatite", "the head of
// Amkodor told our correspondent". An interview with no firm of its own
// speaks for it.
func (d *doc) interviewee() string {
	for _, s := range d.sents {
		if s.Para > 2 {
			break
		}
		toks, ms := s.Tokens, s.mentions
		for _, m := range ms {
			if m.typ != gazetteer.Enterprise || m.modifier {
				continue
			}
			after := m.end < len(toks) && managerWords[toks[m.end].Norm]
			before := m.start >= 2 && toks[m.start-1].Norm == "of" && managerWords[toks[m.start-2].Norm] ||
				m.start >= 3 && toks[m.start-1].Norm == "the" && toks[m.start-2].Norm == "of" && managerWords[toks[m.start-3].Norm]
			if after || before {
				return m.id
			}
		}
	}
	return ""
}

var managerWords = set("director", "head", "ceo", "chief", "chairman", "manager", "boss")

func (d *doc) weIsSpeaker() {
	for _, s := range d.sents {
		firm := d.speakingFirm(s.Para)
		if firm == "" {
			continue
		}
		for k, m := range s.mentions {
			if m.id == pronWe {
				s.mentions[k].id, s.mentions[k].typ = firm, gazetteer.Enterprise
			}
		}
	}
}
