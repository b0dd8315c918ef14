package extract

// Word lists that say how trade news are written. They are small and
// closed, so they live in code; open-ended knowledge (names) lives in the
// gazetteer's data files.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// brandMakers are model brands that are also place names, with their
// maker: "Belarus-3522" is an MTZ tractor.
var brandMakers = map[string]string{"belarus": "enterprise:mtz"}

// orgHeads end the name of an organisation that makes or trades things:
// "First Mining Company", "Yaroslavl Motor Plant".
var orgHeads = set("company", "companies", "plant", "works", "factory", "holding", "group",
	"corporation", "corp", "concern", "combine", "bank", "exchange", "mill", "refinery",
	"shipyard", "manufacturer", "motors", "agroholding", "railway", "railways", "airlines", "port",
	"enterprise", "association", "cooperative", "fund", "leasing", "trading", "transport",
	"transit", "logistics", "industries", "industry", "systems", "technologies", "engineering",
	"machinery", "upravleniye", "kombinat", "zavod", "mining", "energy", "oil", "gas", "agro",
	"autotrans", "passazhiravtotrans", "avtotrans", "tyres", "tires", "cables", "foods", "dairy",
	"steel", "metals", "chemicals", "pharm", "pharma", "holdings", "partnership", "terminal",
	"elevator", "mines", "resources", "trolleybus", "gok", "gmk", "glassworks", "steelworks", "ironworks",
	"brewery", "distillery", "combinat")

// transitOperatorHeads after a transitWord name a municipal transit
// operator ("Trolleybus Administration", "Tram Depot"), not an authority.
var transitOperatorHeads = set("administration", "directorate", "department", "depot", "fleet")

var transitWords = set("trolleybus", "tram", "bus", "transport", "tramway", "metro", "electrotransport")

// strongOrgHeads are heads that make a name an organisation on their own;
// the weaker ones above need two or more capitalised words before them.
var strongOrgHeads = set("company", "plant", "works", "factory", "holding", "corporation",
	"concern", "combine", "bank", "exchange", "mill", "refinery", "shipyard", "agroholding",
	"group", "enterprise", "association", "kombinat", "zavod", "upravleniye", "railway", "railways", "gok", "gmk",
	"glassworks", "steelworks", "ironworks", "brewery", "combinat")

// legalForms are company legal forms written before or after a name.
var legalForms = set("ojsc", "jsc", "cjsc", "pjsc", "llc", "ltd", "inc", "gmbh", "ag", "plc",
	"oao", "zao", "ooo", "pao", "ao", "rue", "ue", "jv", "spe", "fe", "co", "sa", "nv", "bv",
	"llp", "corp", "jscb", "limited", "mbu", "mku", "gbu", "gku", "mau", "fku", "pvt", "gup", "mup", "fgup", "sue", "mue", "oao's", "ojsc's", "jsc's",
	// Russian kinds of farm written before the name as a title:
	// "Agrofirma Zolotaya Niva", "SPK Rassvet", "KFKh Ivanov".
	"agrofirma", "agrokombinat", "ptitsefabrika", "spk", "kfkh", "skhpk")

// spelledLegalForms are legal forms written as capitalised words that
// close a firm's name: "Indian Potash Limited", "Tyremart Ltd".
var spelledLegalForms = set("limited", "ltd", "inc", "corp", "gmbh", "plc", "llc", "incorporated")

// notOrg words mark a capitalised phrase as an authority, school or event,
// which the guidelines exclude from enterprises.
var notOrg = set("ministry", "committee", "university", "academy", "institute", "agency",
	"chamber", "council", "government", "administration", "executive", "parliament", "assembly",
	"embassy", "union", "forum", "office", "service", "department", "court", "school",
	"commission", "party", "museum", "theatre", "theater", "college", "duma", "house",
	"federation", "state", "republic", "oblast", "region", "krai", "district", "okrug",
	"national", "federal", "center", "centre", "news", "television", "tv", "radio", "newspaper",
	"program", "programme", "project", "expo", "exhibition", "fair", "festival", "week",
	"games", "team", "club", "church", "hospital", "clinic", "police", "army", "forces",
	"mission", "consulate", "delegation", "working", "intergovernmental", "supreme",
	"eurasian", "economic", "bilateral", "investment", "development", "trade", "industrial",
	"park", "zone", "sez", "summit", "conference", "congress", "council's")

// determiners open a noun phrase and are not part of a name.
var determiners = set("the", "a", "an", "this", "that", "these", "those", "its", "their",
	"our", "your", "his", "her", "another", "each", "every", "some", "such", "both", "all")

// Supply triggers. give words make their subject the supplier ("MAZ
// supplied"), get words make it the recipient ("the region bought").
var giveVerbs = set("supply", "supplies", "supplied", "supplying", "deliver", "delivers",
	"delivered", "delivering", "ship", "ships", "shipped", "shipping", "export", "exports",
	"exported", "exporting", "sell", "sells", "sold", "selling", "send", "sends", "sent",
	"sending", "provide", "provides", "provided", "providing", "dispatch", "dispatched",
	"dispatches", "transfer", "transferred", "hand", "handed", "offer", "offers", "offered",
	"offering", "manufacture", "manufactured", "installed", "install", "installs", "due", "intended", "destined",
	"earmarked")

var giveNouns = set("talks", "negotiations", "supply", "supplies", "delivery", "deliveries", "shipment", "shipments",
	"export", "exports", "batch", "consignment", "supplier", "suppliers",
	"contract", "contracts", "order", "orders", "agreement", "purchase", "purchases", "memorandum")

var getVerbs = set("buy", "buys", "bought", "buying", "purchase", "purchased", "purchasing",
	"order", "ordered", "orders", "ordering", "receive", "receives", "received", "receiving",
	"acquire", "acquired", "acquires", "import", "imports", "imported", "importing", "use",
	"uses", "used", "using", "operate", "operates", "operated", "operating", "choose",
	"chooses", "chose", "chosen", "choosing", "get", "gets", "got", "lease", "leased",
	"leases", "sourced", "source", "sources", "come", "comes", "came", "available", "run", "runs", "work", "works", "serve", "serves", "served", "opted", "procure", "procured", "procures",
	"went", "go", "goes", "arrived", "arrive", "arrives", "shelves", "running", "working", "worked", "testing", "operation",
	"took", "takes", "taken", // "UGC took seven BELAZ-7547 trucks"
	"relies", "rely", "relied", "relying", // "Elgaugol relies mainly on Komatsu equipment"
	"found", "represented", "stayed", "remained", "obtained",
	"add", "adds", "added",
	"put", "puts", "putting", "commissioned", // "put into operation 22 BELAZ trucks"
	"has", "have", "owns", "own") // "the depot has 60 MAZ buses"

// Status cues, matched on words near a trigger.
var (
	negotiationCues = set("negotiate", "negotiates", "negotiated", "negotiating", "negotiation",
		"negotiations", "talks", "discuss", "discussed", "discusses", "discussing", "discussion",
		"considering", "consider", "considers", "consultations", "examining", "studying")
	contractCues = set("contract", "contracts", "contracted", "signed", "sign", "agreement",
		"agreements", "ordered", "order", "deal", "deals", "agreed")
	proposalCues = set("ready", "propose", "proposes", "proposed", "proposal", "offer", "offers",
		"offered", "offering", "suggest", "suggests", "suggested", "could", "can", "might",
		"interested", "invite", "invites", "invited", "relevant", "possible", "possibility",
		"potential", "opportunity", "opportunities", "willing", "would", "prepared", "want",
		"wants", "hope", "hopes", "should")
	planCues = set("will", "plan", "plans", "planned", "planning", "intend", "intends",
		"intended", "going", "expected", "expects", "expect", "scheduled", "aim", "aims",
		"next", "upcoming", "future", "shall", "prepare", "preparing", "to be", "is to", "are to", "due")
	pastCues = set("supplied", "delivered", "shipped", "exported", "sold", "sent", "provided",
		"received", "bought", "purchased", "acquired", "imported", "chose", "chosen", "got", "took",
		"dispatched", "transferred", "handed", "went", "arrived", "leased", "procured", "opted",
		"equipped", "manufactured", "added", "commissioned", "put", "already", "last", "ago", "earlier", "past", "has", "have", "had")
	ongoingCues = set("supplies", "delivers", "ships", "exports", "sells", "sends", "provides",
		"buys", "uses", "operates", "receives", "imports", "run", "runs", "works", "work",
		"use", "operate", "regularly", "continue", "continues", "continuing", "ongoing",
		"traditionally", "constantly", "annually", "every", "currently", "supplying", "operating",
		"using", "account", "accounts", "remain", "remains", "is", "are", "goes", "go")
)

// placePreps introduce a recipient ("to Kazan", "for the region").
var recipientPreps = set("to", "for", "into", "in", "across", "throughout", "among", "at", "within")

// sourcePreps introduce a supplier ("from MAZ", "by Gomselmash").
var sourcePreps = set("from", "by")

// genericProducts are nouns that stand for goods already named nearby
// ("150 vehicles", "the machines") and carry no product kind of their own.
var genericProducts = set("vehicles", "vehicle", "machines", "machine", "units", "unit",
	"goods", "products", "equipment", "machinery", "items", "pieces", "sets", "models", "them", "brands",
	"cars", "pcs", "copies", "it")

// countUnits are words after a number that say it counts items.
var countUnits = set("units", "unit", "pieces", "items", "pcs", "sets", "vehicles", "machines",
	"cars", "wagons", "copies")

// measureUnits follow numbers that are amounts, not counts.
var measureUnits = set("tonnes", "tons", "ton", "tonne", "t", "kg", "kilograms", "litres",
	"liters", "cubic", "percent", "%", "per", "million", "billion", "bn", "mln", "m", "thousand",
	"rubles", "roubles", "dollars", "usd", "euros", "eur", "byn", "years", "year", "months",
	"days", "km", "kilometres", "kilometers", "hectares", "ha", "people", "jobs", "mw", "kw",
	"kwh", "hp", "horsepower", "degrees", "times", "hours", "minutes", "metres", "meters",
	"square", "sq", "seats", "passengers", "workers", "employees", "specialists", "students",
	"companies", "enterprises", "regions", "countries", "dealers", "contracts", "agreements",
	"st", "nd", "rd", "th", "positions", "models", "modifications", "types", "kinds", "brands",
	"items", "names")

// regionPlurals follow a list of region stems: "the Bryansk, Kursk and
// Oryol regions".
var regionPlurals = map[string]string{
	"regions": "Region", "oblasts": "Oblast", "territories": "Territory", "krais": "Krai",
	"republics": "Republic",
}

// deictic nouns refer back to an entity of a type: "the region", "the plant".
var deicticTypes = map[string]string{
	"region": "Region", "oblast": "Region", "republic": "Region", "krai": "Region",
	"territory": "Region", "okrug": "Region", "city": "City", "capital": "City",
	"plant": "Enterprise", "company": "Enterprise", "enterprise": "Enterprise",
	"holding": "Enterprise", "factory": "Enterprise", "manufacturer": "Enterprise",
	"producer": "Enterprise", "concern": "Enterprise", "works": "Enterprise",
	"maker": "Enterprise", "group": "Enterprise", "firm": "Enterprise", "carrier": "Enterprise",
	"operator": "Enterprise", "automaker": "Enterprise", "corporation": "Enterprise",
	"miner": "Enterprise", "retailer": "Enterprise", "developer": "Enterprise",
	"steelmaker": "Enterprise", "carmaker": "Enterprise", "chain": "Enterprise", "cooperative": "Enterprise",
	"agroholding": "Enterprise", "agrofirm": "Enterprise", "refinery": "Enterprise", "distributor": "Enterprise",
	"venture": "Enterprise",
	"country": "Country",
}

// firstNames open a person's name; with a capitalised word after them they
// make one. Transliterations vary, so variants are listed.
var firstNames = set(
	"aleksandr", "alexander", "alexandr", "aleksander", "alexei", "aleksei", "alexey", "aleksey",
	"anatoly", "anatoliy", "andrei", "andrey", "anton", "arkady", "artem", "artyom", "artur",
	"boris", "bogdan", "denis", "dmitry", "dmitri", "dmitriy", "eduard", "evgeny", "evgeniy",
	"yevgeny", "yevgeniy", "fyodor", "fedor", "gennady", "gennadiy", "georgy", "georgiy", "gleb",
	"grigory", "igor", "ilya", "ivan", "kirill", "konstantin", "leonid", "maksim", "maxim",
	"mikhail", "nikita", "nikolai", "nikolay", "oleg", "pavel", "petr", "pyotr", "peter", "radiy",
	"roman", "ruslan", "rustam", "sergei", "sergey", "semyon", "stanislav", "stepan", "taras",
	"timur", "vadim", "valentin", "valery", "valeriy", "vasily", "vasiliy", "viktor", "victor",
	"vitaly", "vitaliy", "vladimir", "vladislav", "vyacheslav", "yaroslav", "yury", "yuri", "yuriy",
	"alla", "anna", "elena", "yelena", "irina", "natalia", "natalya", "olga", "svetlana",
	"tatiana", "tatyana", "marina", "maria", "yulia", "julia", "valentina", "lyudmila",
	"ludmila", "nadezhda", "galina", "oksana", "ekaterina", "yekaterina", "kristina", "darya",
	"daria", "inna", "larisa", "veronika", "zhanna", "vera", "lidia", "alena", "alyona", "nina",
	"mikalai", "siarhei", "uladzimir", "aliaksandr", "andrei", "raman", "piotr", "dzmitry",
	"viachaslau", "yauhen", "ihar", "aliaksei", "pavel", "volha", "natallia", "tatsiana",
	"shavkat", "kassym", "kassym-jomart", "nursultan", "ilham", "nikol", "sadyr", "emomali",
	"xi", "li", "wang", "narendra", "recep", "nicolas", "emmerson", "miguel", "ebrahim",
	"masoud", "abdulla", "serdar", "gurbanguly", "askar", "alikhan", "roman", "mikhail", "artur",
	"rustem", "marat", "ramil", "rafael", "aleksandra", "ramzan", "gevorg", "sergo", "denis",
	"vladimir", "nikolai", "yury", "igor", "ilshat", "rustam", "airat", "aidar", "bulat",
	"ayrat", "minnikhanov", "anvar", "murat", "zhaksylyk", "bakhyt", "yerlan", "daniyar",
	"petro", "volodymyr", "ilia", "lev", "matvei", "mark", "aleksandar", "filipp", "vsevolod",
	"yegor", "egor", "yakov", "zakhar", "arseny", "german", "pyotr", "savva", "timofei",
)

// personTitles precede a person's name: "Governor Gleb Nikitin".
var personTitles = set("president", "governor", "minister", "premier", "chairman",
	"chairwoman", "director", "ceo", "head", "ambassador", "deputy", "mayor", "speaker",
	"chief", "manager", "secretary", "envoy", "representative", "vice", "general", "chairperson",
	"leader", "founder", "owner", "spokesman", "spokeswoman", "adviser", "advisor", "aide",
	"commissioner", "counsellor", "counselor", "consul", "senator", "deputy", "mr", "mrs", "ms", "dr")
