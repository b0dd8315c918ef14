package extract

import (
	"slices"
	"strings"
	"unicode"

	"tradegraph/loader/gazetteer"
	"tradegraph/loader/text"
)

// Confidence of mentions by how they were found.
const (
	confGazetteer  = 0.95
	confLegalForm  = 0.85 // "OJSC «Gomselmash»": a legal form is a strong cue
	confOrgHead    = 0.75 // "First Mining Company"
	confOrgNoun    = 0.65 // "the Bryanskselmash plant", "the company Sibagromash"
	confSubsidiary = 0.8  // "Amkodor-Onego" after a known "Amkodor"
	confPerson     = 0.8
	confGoods      = 0.5 // goods named after "deliveries of", not in the gazetteer
	confNewsName   = 0.6 // "the Urozhai agricultural company", "the dealer Agrotekhservis"
	confRepeat     = 0.6 // "Pobeda" after "the Pobeda agricultural company"
)

// capStop are capitalised words that open sentences or headlines and are
// never the first word of a name.
var capStop = set("the", "a", "an", "in", "on", "at", "since", "today", "yesterday",
	"earlier", "later", "last", "next", "this", "that", "these", "those", "according",
	"meanwhile", "however", "also", "besides", "moreover", "now", "then", "thus", "so",
	"as", "for", "from", "with", "by", "of", "to", "and", "but", "or", "if", "when", "while",
	"after", "before", "during", "under", "over", "about", "its", "their", "our", "your",
	"his", "her", "we", "they", "he", "she", "it", "i", "you", "there", "here", "all", "both",
	"each", "every", "some", "many", "most", "several", "other", "another", "such", "what",
	"which", "who", "how", "why", "where", "q", "a:", "question", "answer", "mr", "ms", "mrs",
	"photo", "source", "read", "tags", "other", "new", "head",
	"general", "deputy", "director", "governor", "president", "minister", "chairman", "ceo",
	"only", "even", "still", "just", "already", "again", "yet", "in-between")

// isNameWord reports whether a token can be part of a capitalised name.
func isNameWord(t text.Token) bool {
	return t.Kind == text.Word && (t.Cap || t.AllCaps())
}

// subsidiaryTail returns the end of one or two capitalised words right
// after the known firm m that make a subsidiary's name ("Gazprom Neft",
// "SANY Rus", "MAZ Asia"), or 0. A run that goes on capitalised (a
// headline in title case) is no such name.
func subsidiaryTail(toks []text.Token, ms []mention, m mention) int {
	if m.modifier || m.ref || m.end >= len(toks) {
		return 0
	}
	end := m.end
	for end < len(toks) && end < m.end+2 && toks[end].Cap && toks[end].Space && subsidiaryNameWords[toks[end].Norm] && mentionAt(ms, end) < 0 {
		end++
	}
	if end == m.end || end < len(toks) && toks[end].Kind == text.Word && toks[end].Cap {
		return 0
	}
	return end
}

// subsidiaryNameWords are what firms add to their name to name a
// subsidiary: "Gazprom Neft", "Yutong Rus", "SANY Asia", "TMH Service".
var subsidiaryNameWords = set("rus", "russia", "asia", "europe", "neft", "dobycha", "transgaz", "service", "services", "trade",
	"trading", "invest", "engineering", "leasing", "logistics", "energo", "energy", "motors", "avto", "auto", "agro",
	"export", "import", "international", "finance", "capital", "development", "distribution", "retail",
	"systems", "technologies", "solutions", "kazakhstan", "uzbekistan", "vostok", "zapad", "sibir", "ural", "yug", "sever")

// eventAfter reports an event noun after a name, past a year and a few
// lowercase words: "Innoprom 2025 international industrial trade fair",
// "the Belagro exhibition".
func eventAfter(toks []text.Token, at int) bool {
	k := at
	if k < len(toks) && toks[k].Kind == text.Number {
		k++
	}
	for n := 0; k < len(toks) && n < 4; k, n = k+1, n+1 {
		t := toks[k]
		if eventNouns[t.Norm] {
			return true
		}
		if t.Kind != text.Word || t.Cap && n > 0 {
			return false
		}
	}
	return false
}

// eventNouns name fairs, forums and the like, which are no firms.
var eventNouns = set("fair", "fairs", "exhibition", "exhibitions", "expo", "forum", "show", "salon", "congress",
	"summit", "conference", "festival", "week", "exposition")

// capRun returns the end of the run of name words starting at i, allowing
// "of", "and", "&" and dashes between words ("Bank of Georgia",
// "Tramvaino-Trolleybusnoye Upravleniye"). It stops after max words.
func capRun(toks []text.Token, i, max int) int {
	j, words := i, 0
	for j < len(toks) && words < max {
		t := toks[j]
		switch {
		case isNameWord(t) && t.Norm == "no" && j+1 < len(toks) && toks[j+1].Kind == text.Number:
			return j + 2 // "Passenger Enterprise No. 8"
		case j > i && t.AllCaps() && legalForms[t.Norm] && j+1 < len(toks) && (toks[j+1].Norm == "of" || toks[j+1].Norm == "and"):
			return j + 1 // "Agrofirma Rodina LLP of the Tselinograd district": the legal form ends the name
		case isNameWord(t):
			j++
			words++
		case t.IsDash() && !t.Space && j > i && j+1 < len(toks) && toks[j+1].Kind == text.Number && !toks[j+1].Space &&
			(j+2 == len(toks) || !toks[j+2].IsDash() || toks[j+2].Space):
			return j + 2 // "Stroydvor-32", "Passazhiravtotrans-2"
		case t.IsDash() && !t.Space && j+3 < len(toks) && (toks[j+1].Norm == "and" || toks[j+1].Norm == "i") &&
			toks[j+2].IsDash() && !toks[j+2].Space && isNameWord(toks[j+3]) && j > i:
			j += 3 // "Chelyabinsk Forge-and-Press Plant"
		case (t.IsDash() && !t.Space) || t.Norm == "&" || t.Norm == "of" || t.Norm == "and" || t.Norm == "for":
			// "SJEC and Canny Elevator": an acronym before "and" is a name
			// of its own, unlike "Tram and Trolleybus Administration".
			if t.Norm == "and" && j > i && toks[j-1].AllCaps() && len(toks[j-1].Text) > 1 {
				return j
			}
			if j+1 < len(toks) && isNameWord(toks[j+1]) && j > i && !(t.IsDash() && toks[j+1].Space) {
				j++
				continue
			}
			// "of the City of Moscow"
			if (t.Norm == "of" || t.Norm == "for") && j+2 < len(toks) && toks[j+1].Norm == "the" && isNameWord(toks[j+2]) && j > i {
				j += 2
				continue
			}
			return j
		default:
			return j
		}
	}
	return j
}

// discoverEnterprises finds organisations the gazetteer does not know, from
// how news name them: legal forms, organisation words, quoted names and
// hyphenated subsidiaries of known enterprises.
func (d *doc) discoverEnterprises(s *sentence, ms []mention) []mention {
	toks := s.Tokens
	var found []mention
	add := func(start, end, nameStart, nameEnd int, conf float64, parent string) {
		if nameEnd <= nameStart {
			return
		}
		// "MAZ-RUS LLC": a name already found may not be read again in part.
		for _, f := range found {
			if start < f.end && f.start < end {
				return
			}
		}
		// A known enterprise inside the span is the better reading, unless
		// the name runs on from it by a hyphen: "LLC MTZ-Altai" is MTZ's
		// subsidiary.
		for _, m := range ms {
			if m.start >= start && m.end <= end && m.typ == gazetteer.Enterprise && parent == "" {
				if m.start == nameStart && m.end < nameEnd && toks[m.end].IsDash() && !toks[m.end].Space {
					parent = m.id
					break
				}
				return
			}
			// "... and OJSC Grodno Meat Processing Plant": nor may a name
			// found cut a known one in two.
			if m.typ == gazetteer.Enterprise && !m.ref && m.start < start && start < m.end && m.end <= end {
				return
			}
		}
		// "Polyus Aldan, the company's subsidiary": a name found right
		// after a known firm's name is that firm's local subsidiary.
		if parent == "" && start == nameStart && nameEnd-nameStart <= 2 && start > 0 && toks[start].Space {
			if k := mentionAt(ms, start-1); k >= 0 && ms[k].end == start && ms[k].typ == gazetteer.Enterprise && !ms[k].ref &&
				!ms[k].modifier && toks[ms[k].start].Cap {
				start, nameStart, parent = ms[k].start, ms[k].start, ms[k].id
			}
		}
		name := cleanName(d.span(s, nameStart, nameEnd))
		if name == "" || !isPlausibleOrgName(name) || d.events[name] {
			return
		}
		// "the Innoprom 2025 international industrial trade fair": an
		// event, here and wherever the text names it again.
		if eventAfter(toks, nameEnd) {
			if d.events == nil {
				d.events = map[string]bool{}
			}
			d.events[name] = true
			return
		}
		// "the Kungur company" after "the Kungur Machine-Building Plant":
		// the firm named in full before.
		if nameEnd-nameStart == 1 && parent == "" {
			if id := d.firmNamedFrom(name); id != "" {
				found = append(found, mention{start: start, end: end, id: id, typ: gazetteer.Enterprise, conf: confRepeat})
				return
			}
		}
		id := d.discover(gazetteer.Enterprise, name, conf)
		// "the Thanh Hoa provincial agricultural service cooperative": the
		// name with what the firm is, as the text writes it, is a spelling.
		if nameEnd < end && nameStart == start {
			if full := cleanName(d.span(s, start, end)); full != name && !strings.ContainsAny(full, ",;:()") {
				if e := d.discovered[id]; !slices.Contains(e.Aliases, full) {
					e.Aliases = append(e.Aliases, full)
				}
			}
		}
		if parent != "" {
			d.discovered[id].Parent = parent
		}
		d.setCountryFromContext(id, toks, ms, start, end)
		if parent == "" {
			d.noteFirmName(id, toks[nameStart:nameEnd])
		}
		// "The Chelyabinsk Forge-and-Press Plant (ChKPZ)" or "(OZAA,
		// Mogilev region)": the short form in brackets names the firm
		// wherever the text uses it later.
		if shortFormInBrackets(toks, end) {
			d.noteFirmName(id, toks[end+1:end+2])
			if e := d.discovered[id]; !slices.Contains(e.Aliases, toks[end+1].Text) {
				e.Aliases = append(e.Aliases, toks[end+1].Text)
			}
		}
		found = append(found, mention{start: start, end: end, id: id, typ: gazetteer.Enterprise, conf: conf})
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		// Legal form then a quoted or capitalised name: OJSC «Gomselmash».
		if t.Cap && i+1 < len(toks) && legalForms[t.Norm] { // an all-caps word is capitalised too
			if toks[i+1].IsQuote() {
				if end := closingQuote(toks, i+1); end > 0 {
					add(i, end+1, i+2, end, confLegalForm, "")
					i = end
					continue
				}
			}
			if end := capRun(toks, i+1, 6); end > i+1 && !legalForms[toks[i+1].Norm] {
				add(i, end, i+1, end, confLegalForm, "")
				i = end - 1
				continue
			}
		}
		// "Agrocomplex named after N. Tkachev": Russian and Belarusian
		// farms and plants are often named after a person.
		if end := namedAfterEnd(toks, i); end > 0 && mentionAt(ms, i) < 0 && !containsNotOrg(toks, i, end) {
			add(i, end, i, end, confOrgNoun, "")
			i = end - 1
			continue
		}
		// A quoted name after an organisation noun: the company «X».
		if t.IsQuote() && i > 0 && (deicticTypes[toks[i-1].Norm] == "Enterprise" || orgHeads[toks[i-1].Norm]) {
			if end := closingQuote(toks, i); end > 0 && end-i <= 7 {
				add(i-1, end+1, i+1, end, confOrgNoun, "")
				i = end
				continue
			}
		}
		// A capitalised goods word named as a firm: "the Tambov company
		// Pigment supplies organic pigments".
		if k := mentionAt(ms, i); k >= 0 && ms[k].typ == gazetteer.Product && ms[k].start == i && t.Cap && i >= 2 &&
			deicticTypes[toks[i-1].Norm] == "Enterprise" && !toks[i-1].Cap && mentionAt(ms, i-2) >= 0 && isPlace(ms[mentionAt(ms, i-2)].typ) {
			if end := capRun(toks, i, 3); end >= ms[k].end {
				add(i, end, i, end, confOrgNoun, "")
				i = end - 1
				continue
			}
		}
		// A quoted name before an organisation noun: the «Bobruiskagromash» holding.
		if t.IsQuote() {
			if end := closingQuote(toks, i); end > 0 && end-i <= 7 && end+1 < len(toks) &&
				deicticTypes[toks[end+1].Norm] == "Enterprise" && !toks[end+1].Cap {
				add(i, end+2, i+1, end, confOrgNoun, "")
				i = end + 1
				continue
			}
		}
		if !isNameWord(t) || (capStop[t.Norm] && !t.AllCaps()) {
			continue
		}
		if start, end, ns, ne, ok := d.discoverNewsName(ms, toks, i); ok {
			add(start, end, ns, ne, confNewsName, "")
			i = end - 1
			continue
		}
		// A known enterprise joined by a hyphen to a capitalised word is
		// its subsidiary: Amkodor-Onego, BELAZ-24.
		if k := mentionAt(ms, i); k >= 0 && ms[k].typ == gazetteer.Enterprise && ms[k].start == i {
			m := ms[k]
			if m.end+1 < len(toks) && toks[m.end].IsDash() && !toks[m.end].Space && !toks[m.end+1].Space &&
				isNameWord(toks[m.end+1]) && !isModelCode(toks[m.end+1]) {
				e := m.end + 2
				// "UEC-Perm Motors": the subsidiary's name runs on to its
				// organisation word.
				if r := capRun(toks, m.end+1, 3); r > e && orgHeads[toks[r-1].Norm] {
					e = r
				}
				add(i, e, i, e, confSubsidiary, m.id)
				i = e - 1
				continue
			}
			// "Polyus Aldan", "Sibur Tobolsk": a known firm's name then a
			// place, with nothing between, names its local subsidiary.
			if p := mentionAt(ms, m.end); p >= 0 && ms[p].start == m.end && isPlace(ms[p].typ) && !ms[p].demonym && !ms[p].ref &&
				toks[m.end].Cap && toks[m.end].Space && !m.modifier && (ms[p].end == len(toks) || toks[ms[p].end].Norm != "'s") {
				add(i, ms[p].end, i, ms[p].end, confSubsidiary, m.id)
				i = ms[p].end - 1
				continue
			}
			// "Gazprom Neft", "Yutong Rus": a known firm's name then one or
			// two capitalised words the text names nothing by.
			if e := subsidiaryTail(toks, ms, m); e > 0 && !(d.titled && s.Para == 0) {
				add(i, e, i, e, confSubsidiary, m.id)
				i = e - 1
				continue
			}
			i = m.end - 1
			continue
		}
		// "Yugra-Neftegazservis", "Kuzbass-Trans": a place glued by a
		// hyphen to a capitalised word the gazetteer does not know names a
		// firm of that place.
		if k := mentionAt(ms, i); k >= 0 && ms[k].start == i && (ms[k].typ == gazetteer.Region || ms[k].typ == gazetteer.City) &&
			!ms[k].demonym && ms[k].end+1 < len(toks) && toks[ms[k].end].IsDash() && !toks[ms[k].end].Space && !toks[ms[k].end+1].Space &&
			isNameWord(toks[ms[k].end+1]) && mentionAt(ms, ms[k].end+1) < 0 && !isModelCode(toks[ms[k].end+1]) &&
			!calendarWords[toks[ms[k].end+1].Norm] {
			e := ms[k].end + 2
			add(i, e, i, e, confOrgNoun, "")
			i = e - 1
			continue
		}
		// "shipped to Uzbekistan for the Navbahor Agro cluster": a place
		// then "for" or "and" opens no name; a name may follow.
		if k := mentionAt(ms, i); k >= 0 && ms[k].start == i && isPlace(ms[k].typ) && ms[k].end < len(toks) &&
			(toks[ms[k].end].Norm == "for" || toks[ms[k].end].Norm == "and") {
			i = ms[k].end
			continue
		}
		end := capRun(toks, i, 7)
		if end == i {
			continue
		}
		// "Russia's Avtoelektronika", "the Minsk-based Integral", "Elsib
		// from Novosibirsk": an unknown name tied to a place is a firm.
		afterName := i > 0 && (firstNames[toks[i-1].Norm] || personTitles[toks[i-1].Norm] || isInitialToken(toks[i-1]))
		runStart := i == 0 || !isNameWord(toks[i-1]) || capStop[toks[i-1].Norm]
		if end-i <= 2 && runStart && mentionAt(ms, i) < 0 && !firstNames[t.Norm] && !personTitles[t.Norm] && !notOrg[t.Norm] && !afterName &&
			d.gaz.Demonym(t.Norm) == "" && (placePossessive(ms, toks, i) || placeBased(ms, toks, i) || fromPlace(ms, toks, end) && !qualified(ms, toks, i)) {
			add(i, end, i, end, confOrgNoun-0.1, "")
			i = end - 1
			continue
		}
		// "SPb GUP «Passazhiravtotrans»": the legal form and quote decide.
		if k := legalFormBeforeQuote(toks, i, end); k > i {
			i = k - 1
			continue
		}
		// "Managing Company of Holding «BELAVTOMAZ»": a descriptive legal
		// form before a quoted name.
		if end < len(toks) && toks[end].IsQuote() && orgHeads[toks[end-1].Norm] {
			if q := closingQuote(toks, end); q > 0 {
				add(i, q+1, end+1, q, confLegalForm, "")
				i = q
				continue
			}
		}
		// Name then legal form: Setl Group LLC.
		if end < len(toks) && legalForms[toks[end].Norm] && (toks[end].AllCaps() || toks[end].Cap) {
			add(i, end+1, i, end, confLegalForm, "")
			i = end
			continue
		}
		// The legal form may close the run of capitalised words itself:
		// "Binh Dien Fertilizer JSC".
		// "Indian Potash Limited": a name led by a demonym and closed by a
		// spelt-out legal form keeps the demonym.
		if end-i >= 2 && legalForms[toks[end-1].Norm] && (toks[end-1].AllCaps() || spelledLegalForms[toks[end-1].Norm]) &&
			(mentionAt(ms, i) < 0 || demonymAt(ms, i) || placeLed(ms, toks, i, end-1)) {
			add(i, end, i, end-1, confLegalForm, "")
			i = end - 1
			continue
		}
		// An unknown name described right after it as a firm: "Gidrostroy,
		// the fishing company based on Iturup", "X, one of the country's
		// leading producers of NPK fertilisers".
		if end-i <= 3 && mentionAt(ms, i) < 0 && (i > 0 || basedIn(toks, end)) && !d.isPersonStart(toks, i) && !firstNames[t.Norm] && d.gaz.Demonym(t.Norm) == "" &&
			!calendarWords[t.Norm] &&
			!containsNotOrg(toks, i, end) && describedAsFirm(toks, end) {
			add(i, end, i, end, confOrgNoun, "")
			i = end - 1
			continue
		}
		// An organisation word opening a long name: "Fund for Capital
		// Repair of ...", "Bank of Georgia".
		// "Regional Fund for Capital Repair ...": one adjective may open it.
		head := i
		if orgAdjectives[t.Norm] && i+1 < end && (strongOrgHeads[toks[i+1].Norm] || longNameHeads[toks[i+1].Norm]) {
			head = i + 1
		}
		if strongOrgHeads[toks[head].Norm] || longNameHeads[toks[head].Norm] {
			end := capRun(toks, i, 10) // such names run long
			if head+1 < end && (toks[head+1].Norm == "of" || toks[head+1].Norm == "for") && countWords(toks, i, end) >= 2 &&
				!containsNotOrg(toks, i, ownTail(toks, head, end)) {
				// "Kaluga Plant of Automotive Electrical Equipment": the
				// city before the organisation word is part of the name.
				start := i
				if k := mentionAt(ms, i-1); i > 0 && k >= 0 && ms[k].end == i && ms[k].typ == gazetteer.City && toks[ms[k].start].Cap {
					start = ms[k].start
				}
				add(start, end, start, end, confOrgHead, "")
				i = end - 1
				continue
			}
		}
		// "Food Corporation of Kazakhstan": a name, an organisation word
		// and "of" a place.
		if k := orgOfPlace(ms, toks, i, end); k > 0 && !containsNotOrg(toks, i, end) {
			add(i, end, i, end, confOrgHead, "")
			i = end - 1
			continue
		}
		// "Cheboksary Trolleybus Administration", "Smolensk Tram and
		// Trolleybus Administration": a city's transit operator, which
		// buys vehicles like any firm.
		if head := lastNameWord(toks, i, end); head > i && transitOperator(toks, i, head) {
			add(i, end, i, end, confOrgHead, "")
			i = end - 1
			continue
		}
		// Capitalised words ending in an organisation word: First Mining
		// Company; "No. 8" may follow.
		if head := lastNameWord(toks, i, end); head >= 0 && orgHeads[toks[head].Norm] {
			words := countWords(toks, i, head)
			if words >= 1 && (strongOrgHeads[toks[head].Norm] || words >= 2) && !containsNotOrg(toks, i, end) &&
				(strongOrgHeads[toks[head].Norm] && (words >= 2 || onlyCities(ms, toks, i, head)) || !allKnownPlaces(ms, toks, i, head)) {
				if end+1 < len(toks) && toks[end].Norm == "no" && toks[end+1].Kind == text.Number {
					end += 2
				}
				add(i, end, i, end, confOrgHead, "")
				i = end - 1
				continue
			}
		}
		// A name before a lowercase organisation noun: the Bryanskselmash
		// plant. Not when the name is a known place ("the Minsk plant").
		// "the Navbahor Agro cluster": an agro-industrial cluster is a firm.
		if end < len(toks) && (deicticTypes[toks[end].Norm] == "Enterprise" || toks[end].Norm == "cluster") && !toks[end].Cap && i > 0 && !d.definedAcronym(t) &&
			mentionAt(ms, i) < 0 && !containsNotOrg(toks, i, end) && end-i <= 3 && d.gaz.Demonym(t.Norm) == "" &&
			!(toks[end].Norm == "works" && (i == 0 || !determiners[toks[i-1].Norm])) { // "Cooperation works both ways"
			add(i, end+1, i, end, confOrgNoun, "")
			i = end
			continue
		}
		// A name, a word of trade and an organisation noun: "the Druzhba
		// agricultural cooperative". Not before another name ("the Ishim
		// agricultural holding Agrokompleks Ishimsky").
		if end-i <= 2 && end+1 < len(toks) && toks[end].Kind == text.Word && !toks[end].Cap && !isPrepLike(toks[end].Norm) &&
			(deicticTypes[toks[end+1].Norm] == "Enterprise" || toks[end+1].Norm == "cooperative") && !toks[end+1].Cap &&
			!(end+2 < len(toks) && isNameWord(toks[end+2])) && mentionAt(ms, i) < 0 && !containsNotOrg(toks, i, end) &&
			d.gaz.Demonym(t.Norm) == "" && !firstNames[t.Norm] && i > 0 && determiners[toks[i-1].Norm] {
			add(i, end+2, i, end, confOrgNoun, "")
			i = end + 1
			continue
		}
		// "Tulaavtodor", "Kurganstalmost", "Yugprodtorg": Russian firms
		// glue a place or a trade to a word of their business.
		if end-i <= 3 && gluedOrgName(toks[end-1].Norm) && d.unknownName(ms, toks, i, end) &&
			(i == 0 || !toks[i-1].IsDash() || toks[i-1].Space) {
			add(i, end, i, end, confOrgNoun-0.1, "")
			i = end - 1
			continue
		}
		// An organisation noun then a name: the company Sibagromash, the
		// municipal enterprise KPATP-5, the enterprise Oskemen Spetsavtobaza.
		// After such a noun, "Park" and "Centre" are the operator's own
		// words: the municipal enterprise Gorodskoy Avtobusny Park. "Of
		// Blagoveshchensk" after it says where it is, not what it is.
		if i > 0 && deicticTypes[toks[i-1].Norm] == "Enterprise" && !toks[i-1].Cap {
			end = beforeOfPlace(ms, toks, i, end)
		}
		if i > 0 && deicticTypes[toks[i-1].Norm] == "Enterprise" && !toks[i-1].Cap && (mentionAt(ms, i) < 0 || placeLed(ms, toks, i, end)) &&
			!containsNotOrgExcept(toks, i, end, operatorWords) && end-i <= 4 && !d.isPersonStart(toks, i) {
			if end+1 < len(toks) && t.AllCaps() && end == i+1 && toks[end].IsDash() && !toks[end].Space && toks[end+1].Kind == text.Number {
				end += 2
			}
			add(i, end, i, end, confOrgNoun, "")
			i = end - 1
		}
	}
	if len(found) == 0 {
		return ms
	}
	return replaceOverlapping(ms, found)
}

// longNameHeads open the long names of funds and operators that buy for
// a region: "Fund for Capital Repair of ...", "Regional Operator of
// Capital Repairs".
var longNameHeads = set("fund", "operator")

// orgAdjectives may open an organisation's name before its organisation
// word: "Regional Fund for Capital Repair".
var orgAdjectives = set("regional", "municipal", "city", "first", "central", "united", "joint")

// ownTail returns where the name's own words end in [head, end): before
// the "of the ... Region" that places it, whose words may be anything.
func ownTail(toks []text.Token, head, end int) int {
	for k := head + 2; k+1 < end; k++ {
		if toks[k].Norm == "of" && toks[k+1].Norm == "the" {
			return k
		}
	}
	return end
}

// placeLed reports a name in [i, end) that opens with a known place and
// goes on with words nobody knows: "Oskemen Avtobus Park LLP".
func placeLed(ms []mention, toks []text.Token, i, end int) bool {
	k := mentionAt(ms, i)
	if k < 0 || ms[k].start != i || !isPlace(ms[k].typ) || ms[k].end >= end {
		return false
	}
	// The word after the place may name goods: "Kazan Tractor Plant LLC".
	next := mentionAt(ms, ms[k].end)
	return isNameWord(toks[ms[k].end]) && (next < 0 || ms[next].typ == gazetteer.Product)
}

// demonymAt reports whether token i is a country's adjective and nothing
// else is named from it.
func demonymAt(ms []mention, i int) bool {
	k := mentionAt(ms, i)
	return k >= 0 && ms[k].demonym && ms[k].end == i+1
}

// shortFormInBrackets reports a short form in brackets at k, right after
// a firm's name: "(ChKPZ)", "(OZAA, Mogilev region)".
func shortFormInBrackets(toks []text.Token, k int) bool {
	return k+2 < len(toks) && toks[k].Norm == "(" && (toks[k+2].Norm == ")" || toks[k+2].Norm == ",") && shortForm(toks[k+1])
}

// shortForm reports a token written as an abbreviation: "ChKPZ", "KBW".
func shortForm(t text.Token) bool {
	upper := 0
	for _, r := range t.Text {
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return t.Kind == text.Word && t.Cap && upper >= 2 && len(t.Text) <= 10
}

// orgStems end the glued names of Russian firms: "-avtodor" (road
// works), "-neftekhim" (petrochemicals), "-torg" (trade), "-mash"
// (machine building) and the like.
var orgStems = []string{"avtodor", "stroy", "stroystvo", "neftekhim", "neft", "khim", "mash", "trans",
	"energo", "gaz", "prom", "torg", "snab", "servis", "tekhnika", "metall", "avto", "kanal", "zavod",
	"kombinat", "lizing", "leasing", "bank", "trade", "agro", "stalmost", "zoloto", "ugol", "moloko",
	"myaso", "khleb", "invest", "komplekt", "kabel", "tsvetmet", "steklo", "mebel", "azot", "volokno"}

// gluedOrgName reports a single word built as such a name: a stem after
// at least three letters of place or trade.
func gluedOrgName(w string) bool {
	if len(w) < 7 || strings.ContainsAny(w, "-'") {
		return false
	}
	for _, stem := range orgStems {
		if strings.HasSuffix(w, stem) && len(w)-len(stem) >= 3 {
			return true
		}
	}
	return false
}

// basedIn reports ", based in" at k: "Uralasbest, based in the town of
// Asbest, operates ...". People are seldom introduced by where they are
// based, so the name before is a firm even when it opens the sentence.
func basedIn(toks []text.Token, k int) bool {
	return k+2 < len(toks) && toks[k].Norm == "," && toks[k+1].Norm == "based" && (toks[k+2].Norm == "in" || toks[k+2].Norm == "near")
}

// describedAsFirm reports ", the fishing company", ", one of the leading
// producers" at k: an apposition whose head names a firm.
func describedAsFirm(toks []text.Token, k int) bool {
	if basedIn(toks, k) {
		return true
	}
	if k+1 >= len(toks) || toks[k].Norm != "," || !articleOpeners[toks[k+1].Norm] {
		return false
	}
	for j := k + 2; j < len(toks) && j <= k+7; j++ {
		w := toks[j].Norm
		if w == "," || w == "'s" || toks[j].Kind == text.Punct {
			return false
		}
		if deicticTypes[w] == "Enterprise" || firmPlurals[w] {
			// "Polyus Aldan, the company's subsidiary in Yakutia": a firm;
			// "Lutsevich, the company's commercial director": a person;
			// "Kharitonov, the operator's fleet is worn out": a clause.
			if j+1 < len(toks) && toks[j+1].Norm == "'s" {
				return j+2 < len(toks) && ownedFirmNouns[toks[j+2].Norm]
			}
			// The head ends the apposition: ", the holding has delivered"
			// is a clause, not a description.
			return j+1 >= len(toks) || toks[j+1].Kind == text.Punct || isPrepLike(toks[j+1].Norm) || basedWords[toks[j+1].Norm] ||
				toks[j+1].Norm == "which" || toks[j+1].Norm == "that"
		}
	}
	return false
}

// ownedFirmNouns name a firm by what it is to another: "the company's
// subsidiary".
var ownedFirmNouns = set("subsidiary", "subsidiaries", "affiliate", "branch", "division", "unit", "plant",
	"dealer", "distributor", "partner", "supplier", "customer")

// calendarWords are capitalised but never firms.
var calendarWords = set("january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

// firmPlurals head "one of the largest producers".
var firmPlurals = set("companies", "producers", "manufacturers", "makers", "plants", "holdings", "carriers", "operators", "firms")

// qualified reports a word after "of" or a place adjective: "Days of
// Mordovian Culture in Mogilev" names an event, not a firm from Mogilev.
func qualified(ms []mention, toks []text.Token, i int) bool {
	return i > 0 && (toks[i-1].Norm == "of" || mentionAt(ms, i-1) >= 0)
}

// placePossessive reports "Russia's X": a place and "'s" right before i.
func placePossessive(ms []mention, toks []text.Token, i int) bool {
	if i < 2 || toks[i-1].Norm != "'s" {
		return false
	}
	k := mentionAt(ms, i-2)
	return k >= 0 && isPlace(ms[k].typ) && !ms[k].demonym
}

// placeBased reports "the Minsk-based X".
func placeBased(ms []mention, toks []text.Token, i int) bool {
	if i < 3 || toks[i-1].Norm != "based" || !toks[i-2].IsDash() {
		return false
	}
	k := mentionAt(ms, i-3)
	return k >= 0 && isPlace(ms[k].typ)
}

// fromPlace reports "X from Novosibirsk", "X in Kaluga": a city right after
// the name, with "from" or "in".
func fromPlace(ms []mention, toks []text.Token, end int) bool {
	if end+1 >= len(toks) || (toks[end].Norm != "from" && toks[end].Norm != "in") {
		return false
	}
	k := mentionAt(ms, end+1)
	return k >= 0 && ms[k].typ == gazetteer.City
}

// legalFormBeforeQuote returns the index of a legal form in [i, end) that a
// quoted name follows, or -1.
func legalFormBeforeQuote(toks []text.Token, i, end int) int {
	for k := i; k < end; k++ {
		if legalForms[toks[k].Norm] && k+1 < len(toks) && toks[k+1].IsQuote() {
			return k
		}
	}
	return -1
}

// closingQuote returns the index of the quote that closes the one at i, or
// -1 when none does within a short name's length.
func closingQuote(toks []text.Token, i int) int {
	for j := i + 1; j < len(toks) && j <= i+9; j++ {
		if toks[j].IsQuote() {
			if j == i+1 {
				return -1
			}
			return j
		}
		if toks[j].Norm == "." || toks[j].Norm == "," && j == i+1 {
			return -1
		}
	}
	return -1
}

func lastNameWord(toks []text.Token, i, end int) int {
	if end-i >= 3 && toks[end-1].Kind == text.Number && toks[end-2].Norm == "no" {
		end -= 2 // "Passenger Enterprise No. 8"
	}
	for k := end - 1; k >= i; k-- {
		if toks[k].Kind == text.Word && isNameWord(toks[k]) {
			return k
		}
	}
	return -1
}

// countWords counts the name words in [i, j).
func countWords(toks []text.Token, i, j int) int {
	n := 0
	for k := i; k < j; k++ {
		if isNameWord(toks[k]) {
			n++
		}
	}
	return n
}

func containsNotOrg(toks []text.Token, i, j int) bool {
	return containsNotOrgExcept(toks, i, j, nil)
}

// containsNotOrgExcept is containsNotOrg that lets the words of allowed
// pass.
func containsNotOrgExcept(toks []text.Token, i, j int, allowed map[string]bool) bool {
	for k := i; k < j; k++ {
		// "Belmyaso-Trade": a word hyphened onto a name is part of it.
		if notOrg[toks[k].Norm] && !allowed[toks[k].Norm] && !(k > i && toks[k-1].IsDash() && !toks[k-1].Space && !toks[k].Space) {
			return true
		}
	}
	return false
}

// beforeOfPlace cuts a name run at "of" when a known place follows it:
// "Gorodskoy Avtobusny Park of Blagoveshchensk".
func beforeOfPlace(ms []mention, toks []text.Token, i, end int) int {
	for k := i + 1; k+1 < end; k++ {
		if toks[k].Norm == "of" {
			if m := mentionAt(ms, k+1); m >= 0 && isPlace(ms[m].typ) && ms[m].start == k+1 {
				return k
			}
		}
	}
	return end
}

// operatorWords name transport and service operators ("Avtobusny Park",
// "Spetsavtocentre") though they also name places and authorities.
var operatorWords = set("park", "centre", "center", "service")

// allKnownPlaces reports whether every word in [i, j) belongs to a known
// place or country mention: "Minsk Region" plus a head is not a new firm.
func allKnownPlaces(ms []mention, toks []text.Token, i, j int) bool {
	for k := i; k < j; k++ {
		if !isNameWord(toks[k]) {
			continue
		}
		m := mentionAt(ms, k)
		if m < 0 || ms[m].typ == gazetteer.Enterprise || ms[m].typ == gazetteer.Product {
			return false
		}
	}
	return true
}

// onlyCities reports whether the name words in [i, j) are a city's name:
// "Segezha Group", "Kolomna Plant" are firms named after their town.
func onlyCities(ms []mention, toks []text.Token, i, j int) bool {
	k := mentionAt(ms, i)
	return k >= 0 && ms[k].typ == gazetteer.City && ms[k].end == j
}

// cleanName trims quotes, legal forms and a leading article from a name.
func cleanName(s string) string {
	s = strings.Trim(s, " \"'«»“”„‘’")
	words := strings.Fields(s)
	for len(words) > 0 && (legalForms[strings.ToLower(words[0])] || determiners[strings.ToLower(words[0])]) {
		words = words[1:]
	}
	for len(words) > 0 && legalForms[strings.ToLower(strings.Trim(words[len(words)-1], ",."))] {
		words = words[:len(words)-1]
	}
	return strings.Trim(strings.Join(words, " "), " \"'«»“”„‘’,.")
}

// isPlausibleOrgName rejects names that are only function words or too long.
func isPlausibleOrgName(name string) bool {
	words := strings.Fields(name)
	if len(words) == 0 || len(words) > 14 || len(name) < 2 {
		return false
	}
	lower := strings.ToLower(name)
	switch {
	case len(words) == 1 && (calendarWords[lower] || giveNouns[lower]): // "on Thursday", "Delivery"
		return false
	case strings.HasPrefix(lower, "no."): // "No. 36"
		return false
	case wrapperNames[strings.TrimPrefix(lower, "the ")]:
		// OJSC "Managing Company of Holding "BELKARD"": the holding's
		// own name inside the quotes is the firm.
		return false
	}
	for _, w := range words {
		if !capStop[strings.ToLower(w)] {
			return true
		}
	}
	return false
}

// wrapperNames are the legal wrappers of a holding's name, not names.
var wrapperNames = set("managing company of holding", "management company of holding", "managing company of the holding",
	"management company of the holding", "managing company", "management company")

// discover records an entity found in the text (not in the gazetteer) and
// returns its id. The same name found twice gets the same id.
func (d *doc) discover(t gazetteer.Type, name string, conf float64) string {
	prefix := strings.ToLower(string(t))
	id := prefix + ":" + gazetteer.Slug(name)
	if d.discovered == nil {
		d.discovered = map[string]*Entity{}
	}
	if e := d.discovered[id]; e != nil {
		if conf > e.Confidence {
			e.Confidence = conf
		}
		return id
	}
	d.discovered[id] = &Entity{ID: id, Type: string(t), Name: name, Confidence: conf}
	return id
}

// firmNamedFrom returns the one firm found so far whose longer name opens
// with word, or "".
func (d *doc) firmNamedFrom(word string) string {
	found := ""
	for id, e := range d.discovered {
		if e.Type == string(gazetteer.Enterprise) && strings.HasPrefix(e.Name, word+" ") {
			if found != "" {
				return ""
			}
			found = id
		}
	}
	return found
}

// setCountryFromContext gives a discovered enterprise the country the text
// ties it to: a demonym or a place just before the name ("the Russian
// road company X", "the Kemerovo municipal enterprise X"), its parent's
// country, or a legal form used in one country only ("MUP", "LLP").
func (d *doc) setCountryFromContext(id string, toks []text.Token, ms []mention, start, end int) {
	e := d.discovered[id]
	if e == nil || e.Country != "" {
		return
	}
	for k := start - 1; k >= 0 && k >= start-6; k-- {
		t := toks[k]
		if t.Kind == text.Punct && !t.IsDash() && !t.IsQuote() || giveVerbs[t.Norm] || getVerbs[t.Norm] || auxiliaries[t.Norm] ||
			isPrepLike(t.Norm) && t.Norm != "of" {
			break
		}
		if c := d.gaz.Demonym(t.Norm); c != "" && t.Cap {
			if g := d.gaz.Entity(c); g != nil && g.Type == gazetteer.Country {
				e.Country = c
			} else if g != nil {
				e.Country, e.Region = g.Country, g.ID
			}
			return
		}
		if m := mentionAt(ms, k); m >= 0 && isPlace(ms[m].typ) && !ms[m].ref {
			if g := d.gaz.Entity(ms[m].id); g != nil {
				switch g.Type {
				case gazetteer.Country:
					e.Country = g.ID
				case gazetteer.Region:
					e.Country, e.Region = g.Country, g.ID
				case gazetteer.City:
					e.Country, e.Region, e.City = g.Country, g.Region, g.ID
				}
				return
			}
		}
	}
	if p := d.gaz.Entity(e.Parent); p != nil {
		e.Country = p.Country
		return
	}
	for k := max(start-1, 0); k < end+1 && k < len(toks); k++ {
		if c := legalFormCountry[toks[k].Norm]; c != "" && toks[k].AllCaps() {
			e.Country = c
			return
		}
	}
}

// legalFormCountry maps legal forms used in one country only to it.
var legalFormCountry = map[string]string{
	"ooo": "country:ru", "pjsc": "country:ru", "pao": "country:ru", "mup": "country:ru", "gup": "country:ru",
	"fgup": "country:ru", "mbu": "country:ru", "mku": "country:ru", "gbu": "country:ru", "gku": "country:ru",
	"fku": "country:ru", "mau": "country:ru", "llp": "country:kz", "too": "country:kz", "rue": "country:by",
	"rup": "country:by", "ue": "country:by",
}

// isPersonStart reports whether a person's name starts at token i.
func (d *doc) isPersonStart(toks []text.Token, i int) bool {
	return firstNames[toks[i].Norm] && i+1 < len(toks) && isNameWord(toks[i+1])
}

// discoverPersons finds people: a known first name followed by a
// capitalised surname, and later mentions of the surname alone.
func (d *doc) discoverPersons(s *sentence, ms []mention, surnames map[string]string) []mention {
	toks := s.Tokens
	var found []mention
	for i := 0; i < len(toks); i++ {
		if mentionAt(ms, i) >= 0 || !isNameWord(toks[i]) {
			continue
		}
		if d.isPersonStart(toks, i) || (isInitialToken(toks[i]) && i+1 < len(toks) && isNameWord(toks[i+1])) {
			end := i + 2
			// A patronymic or second surname may follow.
			if end < len(toks) && isNameWord(toks[end]) && mentionAt(ms, end) < 0 && !orgHeads[toks[end].Norm] &&
				(strings.HasSuffix(toks[end].Norm, "ich") || strings.HasSuffix(toks[end].Norm, "vna")) {
				end++
			}
			if mentionAt(ms, i+1) >= 0 || orgHeads[toks[i+1].Norm] || notOrg[toks[i+1].Norm] {
				continue
			}
			surname := toks[end-1].Norm
			name := d.span(s, i, end)
			id := surnames[surname]
			if id == "" {
				if isInitialToken(toks[i]) {
					name = toks[end-1].Text
				}
				id = d.discover(gazetteer.Person, name, confPerson)
				surnames[surname] = id
			} else if e := d.discovered[id]; e != nil && len(strings.Fields(e.Name)) < len(strings.Fields(name)) && !isInitialToken(toks[i]) {
				e.Name = name // prefer the full name as the caption
			}
			found = append(found, mention{start: i, end: end, id: id, typ: gazetteer.Person, conf: confPerson})
			i = end - 1
			continue
		}
		// A title then a capitalised word: "President Lukashenko".
		if id := surnames[toks[i].Norm]; id != "" {
			found = append(found, mention{start: i, end: i + 1, id: id, typ: gazetteer.Person, conf: confPerson})
			continue
		}
		if i > 0 && personTitles[toks[i-1].Norm] && !capStop[toks[i].Norm] && !orgHeads[toks[i].Norm] &&
			!notOrg[toks[i].Norm] && (i+1 == len(toks) || !isNameWord(toks[i+1])) {
			id := d.discover(gazetteer.Person, toks[i].Text, confPerson-0.1)
			surnames[toks[i].Norm] = id
			found = append(found, mention{start: i, end: i + 1, id: id, typ: gazetteer.Person, conf: confPerson - 0.1})
		}
	}
	if len(found) == 0 {
		return ms
	}
	return append(ms, found...)
}

// namedAfterEnd returns the end of "Name named after [initials] Surname"
// starting at i, or 0.
func namedAfterEnd(toks []text.Token, i int) int {
	if !isNameWord(toks[i]) || i+4 >= len(toks) || toks[i+1].Norm != "named" || toks[i+2].Norm != "after" {
		return 0
	}
	k := i + 3
	for k < len(toks) && (isInitialToken(toks[k]) || toks[k].Norm == "." && !toks[k].Space) {
		k++
	}
	if k < len(toks) && isNameWord(toks[k]) {
		return k + 1
	}
	return 0
}

// isModelCode reports whether a word after a brand is a model code such as
// "MAZ-203" or "BELAZ-75306M", not a name.
func isModelCode(t text.Token) bool {
	digits := 0
	for _, r := range t.Text {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	return digits > 0
}

func isInitialToken(t text.Token) bool {
	return t.Kind == text.Word && len(t.Text) == 2 && t.Text[1] == '.' && t.Cap
}

// notGoods are nouns that follow "supplies of" or a supply verb without
// being goods: "the supply of all the needs", "deliveries of this volume".
var notGoods = set("needs", "need", "volume", "volumes", "terms", "prices", "price", "partners",
	"markets", "market", "figures", "figure", "contracts", "contract", "deliveries", "supplies",
	"opportunities", "opportunity", "services", "service", "conditions", "quality", "range",
	"share", "growth", "level", "number", "amount", "value", "worth", "part", "possibility",
	"issue", "issues", "way", "ways", "time", "year", "years", "result", "results", "order",
	"orders", "schedule", "plan", "plans", "program", "programme", "project", "projects",
	"cooperation", "trade", "turnover", "export", "exports", "import", "imports", "logistics",
	"lot", "lots", "kind", "kinds", "type", "types", "batch", "batches", "first", "rest",
	"demand", "interest", "chain", "chains", "cost", "costs", "money", "funds", "credit",
	"loans", "investment", "investments", "support", "help", "assistance", "information",
	"data", "experience", "technology", "technologies", "knowledge", "training", "staff",
	"people", "specialists", "engineers", "workers", "guests", "visitors", "delegation", "delegations",
	"colleagues", "participants", "clients", "customers", "residents", "investors", "authorities",
	"magnitude", "scale", "size", "one", "ones", "other", "others",
	"them", "it", "this", "that", "these", "those", "all", "some", "any", "each", "more",
	"most", "such", "up", "out", "over", "back", "here", "there", "now", "well", "too",
	"abroad", "overseas", "domestically", "goes", "comes", "tonnes", "tons", "tonne", "million", "billion",
	"thousand", "understanding", "payments", "subsidies", "benefits", "claims", "proposals", "routes", "groups",
	"arrives", "becomes", "belongs", "euros", "dollars", "rubles", "roubles", "metres", "meters", "accounts",
	"both", "sides", "side", "parties", "party", "companies", "enterprises", "region",
	"regions", "country", "countries", "city", "cities", "farms", "farmers", "total",
	"end", "beginning", "start", "half", "quarter", "month", "months", "week", "weeks",
	"decade", "decades", "season", "seasons", "period", "holding", "company", "plant", "enterprise",
	"group", "factory", "firm", "concern", "corporation", "operator", "carrier", "dealer",
	"distributor", "customer", "customers", "client", "clients", "partner", "buyer", "buyers")

// massGoods are singular nouns that name goods in bulk: "supplying its
// home wear to", "ships road bitumen to".
var massGoods = set("wear", "clothing", "footwear", "furniture", "fabric", "yarn", "fibre", "fiber",
	"steel", "coal", "timber", "plywood", "glass", "cement", "paper", "cardboard", "rubber", "bitumen",
	"fuel", "knitwear", "hosiery", "underwear", "lingerie", "porcelain", "ceramics", "feed", "seed")

// stopAfterGoods end a goods phrase.
var stopAfterGoods = set("to", "for", "from", "in", "into", "with", "by", "at", "on", "under",
	"worth", "of", "and", "or", "as", "than", "that", "which", "who", "will", "would", "is",
	"are", "was", "were", "has", "have", "had", "be", "been", "this", "next", "last", "since",
	"until", "through", "via", "across", "within", "between", "among", "per", "totaling",
	"totalling", "amounting", "valued", "including", "such", "not", "also", "already")

// goodsPhrases finds goods named after a supply word that the gazetteer
// does not know: "deliveries of cotton yarn", "buying Uzbek cotton fiber".
// It returns token spans [start, end) of lowercase noun phrases.
func goodsPhrases(toks []text.Token, ms []mention, at int, end int, verb, get bool) [][2]int {
	i := at + 1
	if i < end && toks[i].Norm == "of" {
		i++
	} else if !verb {
		return nil // a supply noun names goods only with "of"
	}
	// "buying part of its starter cultures", "most of the grain".
	if i+2 < end && (toks[i].Norm == "part" || toks[i].Norm == "most" || toks[i].Norm == "some" || toks[i].Norm == "all") &&
		toks[i+1].Norm == "of" {
		i += 2
	}
	var out [][2]int
	for i < end {
		// Skip what may stand before goods: articles, numbers, "more
		// than", brands and demonyms.
		for i < end && (determiners[toks[i].Norm] || toks[i].Kind == text.Number || numberWords[toks[i].Norm] > 0 || toks[i].Norm == "more" ||
			toks[i].Norm == "than" || toks[i].Norm == "over" || toks[i].Norm == "about" || toks[i].Norm == "around" ||
			toks[i].Norm == "up" || toks[i].Norm == "new" || toks[i].Norm == "additional" || toks[i].Norm == "further" ||
			toks[i].Cap || toks[i].IsDash() || toks[i].IsQuote() || mentionAt(ms, i) >= 0 && ms[mentionAt(ms, i)].typ != gazetteer.Product) {
			if mentionAt(ms, i) >= 0 && ms[mentionAt(ms, i)].typ == gazetteer.Product {
				break
			}
			i++
		}
		if i >= end || mentionAt(ms, i) >= 0 || toks[i].Kind != text.Word {
			return out
		}
		j := i
		for j < end && j-i < 5 && (toks[j].Kind == text.Word && !toks[j].Cap && !stopAfterGoods[toks[j].Norm] ||
			toks[j].IsDash() && !toks[j].Space && j > i) && mentionAt(ms, j) < 0 {
			j++
		}
		for j > i && toks[j-1].IsDash() {
			j--
		}
		// A bare generic word ("equipment") names no kind of goods; with a
		// modifier it does ("snow-clearing equipment").
		ok := j > i && !notGoods[toks[j-1].Norm] && len(toks[j-1].Norm) > 2 && !(j-i == 1 && genericProducts[toks[i].Norm]) &&
			!notGoods[toks[i].Norm] && !hasFunctionWord(toks[i:j])
		// After a verb only a plural noun phrase followed by its recipient
		// reads as goods: "supplies fresh vegetables to", "buys ... from".
		if verb && ok {
			last := toks[j-1].Norm
			next := ""
			if j < len(toks) {
				next = toks[j].Norm
			}
			// "buying starter cultures from Lactoferma": a buyer names its
			// seller after them.
			ok = (strings.HasSuffix(last, "s") && !strings.HasSuffix(last, "ss") || massGoods[last]) &&
				(next == "to" || next == "for" || get && next == "from")
		}
		if ok {
			out = append(out, [2]int{i, j})
		}
		if j < end && toks[j].Norm == "and" {
			i = j + 1
			continue
		}
		return out
	}
	return out
}

// functionWords never appear inside a goods name.
var functionWords = set("what", "during", "before", "after", "when", "if", "remain", "remains",
	"whose", "where", "while", "because", "since", "so", "then", "there", "here", "very",
	"is", "are", "be", "been", "being", "was", "were", "do", "does", "did", "can", "could",
	"may", "might", "must", "shall", "should", "will", "would", "not", "no", "yes", "only")

func hasFunctionWord(toks []text.Token) bool {
	for _, t := range toks {
		w := t.Norm
		if functionWords[w] || strings.HasSuffix(w, "ed") && len(w) > 4 && !strings.HasSuffix(w, "eed") {
			return true
		}
	}
	return false
}

// discoverGoods adds product mentions for goods named after the supply
// triggers of a sentence that the gazetteer does not know.
func (d *doc) discoverGoods(s *sentence) {
	toks := s.Tokens
	var found []mention
	for _, tr := range findTriggers(toks, s.mentions) {
		cl := clauseOf(toks, tr.at)
		hasProduct := false
		for _, m := range s.mentions {
			if m.typ == gazetteer.Product && m.start >= cl.start && m.end <= cl.end {
				hasProduct = true
			}
		}
		if hasProduct {
			continue
		}
		verb := !tr.noun && !tr.neutral
		for _, sp := range goodsPhrases(toks, s.mentions, tr.at, cl.end, verb, tr.get) {
			name := d.span(s, sp[0], sp[1])
			id := d.discover(gazetteer.Product, name, confGoods)
			found = append(found, mention{start: sp[0], end: sp[1], id: id, typ: gazetteer.Product, conf: confGoods})
		}
	}
	if len(found) == 0 {
		return
	}
	s.mentions = replaceOverlapping(s.mentions, found)
	sortMentions(s.mentions)
	for _, m := range found {
		d.register(m, s)
	}
}
