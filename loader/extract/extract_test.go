package extract

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"tradegraph/loader/gazetteer"
	"tradegraph/loader/source"
	"tradegraph/loader/text"
)

var (
	gazOnce sync.Once
	gaz     *gazetteer.Gazetteer
	gazErr  error
)

func mustExtractor(tb testing.TB) *Extractor {
	tb.Helper()
	gazOnce.Do(func() { gaz, gazErr = gazetteer.Load("") })
	if gazErr != nil {
		tb.Fatalf("load gazetteer: %v", gazErr)
	}
	return New(gaz)
}

// supplies renders the SUPPLIES relations of a result compactly.
func supplies(r *Result) []string {
	var out []string
	for _, rel := range r.Relations {
		if rel.Type != "SUPPLIES" {
			continue
		}
		s := fmt.Sprintf("%s -> %s %v %s", rel.From, rel.To, rel.Products, rel.Status)
		if rel.Quantity > 0 {
			s += fmt.Sprintf(" x%d", rel.Quantity)
		}
		out = append(out, s)
	}
	return out
}

func extractText(t *testing.T, x *Extractor, body string) *Result {
	t.Helper()
	doc := &source.Document{ID: "article:test", Origin: "test.txt", Text: body}
	return x.Extract(doc)
}

// The cases below pin down what the rules read; the pair model, which may
// add pairs a rule leaves out on purpose, is judged on the annotated
// articles instead (TestDevSetQuality) and by its own tests.
func TestSupplies(t *testing.T) {
	x := mustExtractor(t).WithPairModel(nil)
	for _, test := range []struct {
		name string
		text string
		want []string
	}{
		{"active past with quantity", "MAZ supplied 150 buses to Arkhangelsk Oblast in 2023.",
			[]string{"MAZ -> Arkhangelsk Oblast [buses] delivered x150"}},
		{"recipient buys", "Farms of the Omsk Region have bought 146 tractors from the Minsk Tractor Works.",
			[]string{"MTZ -> Omsk Oblast [tractors] delivered x146"}},
		{"maker before goods", "Road services of Nizhny Novgorod Oblast operate more than 200 Amkodor loaders.",
			[]string{"Amkodor -> Nizhny Novgorod Oblast [loaders] ongoing x200"}},
		{"negotiations", "Negotiations are underway on the supply of 50 MAZ buses to Novosibirsk.",
			[]string{"MAZ -> Novosibirsk [buses] negotiating x50"}},
		{"plan", "Gomselmash plans to ship 30 combine harvesters to Altai Krai next year.",
			[]string{"Gomselmash -> Altai Krai [combine harvesters] planned x30"}},
		{"country supplier", "Belarus is ready to supply tractors to the Voronezh region.",
			[]string{"Belarus -> Voronezh Oblast [tractors] proposed"}},
		{"contract between parties", "MAZ and the Kazan municipal carrier Metroelectrotrans signed a contract for the supply of 100 buses.",
			[]string{"MAZ -> Metroelectrotrans [buses] contracted x100"}},
		{"continuation keeps the deal", "We thank Tatarstan for choosing MAZ buses. We supplied 150 vehicles last year.",
			[]string{"MAZ -> Republic of Tatarstan [buses] delivered x150"}},
		{"two deals of one pair", "Mogilevliftmash shipped 190 elevators to the Bryansk region in 2023. This year the plant signed a contract for another 350 units.",
			[]string{"Mogilevliftmash -> Bryansk Oblast [elevators] delivered x190", "Mogilevliftmash -> Bryansk Oblast [elevators] contracted x350"}},
		{"long name and short form in brackets supply nobody", "Yekaterinburg renews its fleet. Last year the Ural Transport Machinery Plant (Uraltransmash) delivered trams to Perm.",
			[]string{"Uraltransmash -> Perm [trams] delivered"}},
		{"makers of a part after among them", "Last year Metroelectrotrans received 60 new buses, among them 20 MAZ-203 buses and 40 buses of the Likino Bus Plant.",
			[]string{"MAZ -> Metroelectrotrans [buses] delivered x20", "LiAZ -> Metroelectrotrans [buses] delivered x40"}},
		// No split by a maker "of Belarus"; and the article's country is
		// no supplier the sentence does not name as one.
		{"of a place after goods is no maker of a part", "Last year Metroelectrotrans received 60 new buses, among them 20 buses of Belarus.",
			nil},
		{"the lessor pays, the maker supplies", "In Oryol, the first 15 of the 43 MAZ buses which the city is to receive this year under an agreement with GTLK have been put on the routes.",
			[]string{"MAZ -> Oryol [buses] planned x43"}},
		{"a lessor without a maker supplies nothing", "The city is to receive buses this year under an agreement with GTLK.", nil},
		{"a firm for which the goods went to its country", "Gomselmash shipped 5 combines to Uzbekistan for the Navbahor Agro cluster.",
			[]string{"Gomselmash -> Navbahor Agro [combine harvesters] delivered x5"}},
		{"goods for a place's own use keep the place", "Gomselmash shipped 5 combines to Uzbekistan for the harvest.",
			[]string{"Gomselmash -> Uzbekistan [combine harvesters] delivered x5"}},
		{"listed regions and one more", "MTZ delivered tractors to the Bryansk and Kursk regions and the Republic of Tatarstan.",
			[]string{"MTZ -> Bryansk Oblast [tractors] delivered", "MTZ -> Kursk Oblast [tractors] delivered", "MTZ -> Republic of Tatarstan [tractors] delivered"}},
		{"goods built on a chassis are made by the firm named after", "Izhevsk received 12 road sweepers on MAZ chassis produced by the Mogilev plant Mogilevtransmash.",
			[]string{"Mogilevtransmash -> Izhevsk [road sweepers] delivered x12"}},
		{"goods on a chassis of one maker are its goods", "Chuvashia plans to buy 35 road sweepers on MAZ chassis.",
			[]string{"MAZ -> Chuvash Republic [road sweepers chassis] planned x35"}},
		{"a country's goods after several of its makers stay the country's", "Izhevsk received 12 road sweepers produced by Mogilevtransmash and 10 Amkodor front loaders. Over three years the city has received 86 units of Belarusian municipal machinery.",
			[]string{"Mogilevtransmash -> Izhevsk [road sweepers] delivered x12", "Amkodor -> Izhevsk [front loaders] delivered x10", "Belarus -> Izhevsk [municipal vehicles] delivered x86"}},
		{"a country's goods after one of its makers are the maker's", "Izhevsk received 10 Amkodor front loaders. Over three years the city has received 86 units of Belarusian municipal machinery.",
			[]string{"Amkodor -> Izhevsk [front loaders] delivered x10", "Amkodor -> Izhevsk [municipal vehicles] delivered x86"}},
		{"another batch of the same goods goes to the same buyer", "Izhevsk received 12 road sweepers produced by Mogilevtransmash. The keys were handed over on Monday. The drivers praised the machines. Negotiations are under way with Mogilevtransmash on the supply of another 15 road sweepers.",
			[]string{"Mogilevtransmash -> Izhevsk [road sweepers] delivered x12", "Mogilevtransmash -> Izhevsk [road sweepers] negotiating x15"}},
		{"another batch of other goods has no buyer", "Izhevsk received 12 road sweepers produced by Mogilevtransmash. The keys were handed over on Monday. The drivers praised the machines. Negotiations are under way with Mogilevtransmash on the supply of another 15 tractors.",
			[]string{"Mogilevtransmash -> Izhevsk [road sweepers] delivered x12"}},
		{"a dealer passes on its maker's goods", "The Minsk Tractor Works together with its official dealer Sibagrotrade opened a centre in Krasnoyarsk. Sibagrotrade has sold 1,200 Belarus tractors to farms of the Krasnoyarsk Territory.",
			[]string{"MTZ -> Krasnoyarsk Krai [tractors] delivered x1200"}},
		{"a dealer that buys from its maker is the buyer", "Gomselmash and its Kazakh dealer Zhasyl Dala signed a contract for 60 combines.",
			[]string{"Gomselmash -> Zhasyl Dala [combine harvesters] contracted x60"}},
		{"regions named by kind after and", "MTZ delivered tractors to Krasnoyarsk Krai and the neighbouring republics of Khakassia and Tuva.",
			[]string{"MTZ -> Krasnoyarsk Krai [tractors] delivered", "MTZ -> Republic of Khakassia [tractors] delivered", "MTZ -> Tuva Republic [tractors] delivered"}},
		{"the dealer's director speaks for the dealer", "The Minsk Tractor Works together with its official dealer Sibagrotrade opened a centre in Krasnoyarsk.\n\n\"We expect to sell 300 tractors a year in Khakassia,\" the dealer's director Pavel Gritsenko said.",
			[]string{"MTZ -> Republic of Khakassia [tractors] planned x300"}},
		{"sold through chains in a region", "Bellakt baby formula is sold through pharmacy chains in the Astrakhan region.",
			[]string{"Bellakt -> Astrakhan Oblast [baby food] ongoing"}},
		{"a channel without a place names no buyer", "Bellakt baby formula is sold through pharmacy chains.", nil},
		{"a where clause names the distributor", "In May Savushkin Product sent the first batch of cheese to Rostov-on-Don, where it is sold in the stores of the Rostov distributor Yugprodtorg.",
			[]string{"Savushkin Product -> Yugprodtorg [cheese] delivered"}},
		{"a where clause without a seller keeps the city", "In May Savushkin Product sent the first batch of cheese to Rostov-on-Don, where it is sold in the stores of Magnit.",
			[]string{"Savushkin Product -> Rostov-on-Don [cheese] delivered"}},
		{"goods that went to farms in an article about a region", "Omsk Oblast renews its farm machinery.\n\nFarms of the Omsk region bought new machinery this year.\n\nThirty Gomselmash combines went to farms in August.",
			[]string{"Gomselmash -> Omsk Oblast [combine harvesters] delivered x30"}},
		{"goods that went to farms with no region in focus", "Gomselmash had a good year.\n\nThirty Gomselmash combines went to farms in August.", nil},
		{"the city of a name is that city", "Belkommunmash is based in Minsk. Over three years the city of Saratov has received 64 trolleybuses manufactured by Belkommunmash.",
			[]string{"Belkommunmash -> Saratov [trolleybuses] delivered x64"}},
		{"goods for the regional programme go to the region in focus", "Ulyanovsk Oblast and Belarus expand ties.\n\nThe governor of Ulyanovsk Oblast met the ambassador.\n\nAmkodor is ready to offer its road construction machinery for the regional road programme.",
			[]string{"Amkodor -> Ulyanovsk Oblast [road construction machinery] proposed"}},
		{"a regional dealer is no buyer", "Ulyanovsk Oblast and Belarus expand ties.\n\nThe governor of Ulyanovsk Oblast met the ambassador.\n\nAmkodor is ready to offer its road construction machinery through the regional dealer.", nil},
		{"most of the goods just made went to a place", "Bryanskselmash assembled 1,150 combine harvesters in 2023. Most of them went to farms in the Bryansk and Kursk regions.",
			[]string{"Bryanskselmash -> Bryansk Oblast [combine harvesters] delivered", "Bryanskselmash -> Kursk Oblast [combine harvesters] delivered"}},
		{"of them without goods made before names no goods", "Bryanskselmash hired 150 workers in 2023. Most of them went to Kursk.", nil},
		{"list of regions", "MTZ delivered tractors to the Bryansk, Kursk and Oryol regions.",
			[]string{"MTZ -> Bryansk Oblast [tractors] delivered", "MTZ -> Kursk Oblast [tractors] delivered", "MTZ -> Oryol Oblast [tractors] delivered"}},
		{"a market after a copula buys", "Russia remains the main market for Savushkin Product cheese.",
			[]string{"Savushkin Product -> Russia [cheese] ongoing"}},
		{"a market without a copula is a place", "MTZ sold 17,000 tractors on the Russian market.", nil},
		{"destinations of the article's firm get its last goods",
			"Kommunarka makes chocolate. Kommunarka shipped chocolate to Russia in 2023. Kommunarka is old. Other destinations include Uzbekistan and Georgia.",
			[]string{"Kommunarka -> Russia [chocolate] delivered", "Kommunarka -> Uzbekistan [chocolate] ongoing", "Kommunarka -> Georgia [chocolate] ongoing"}},
		{"contract with a region's clusters", "Gomselmash signed contracts for 60 combine harvesters with agricultural clusters of the Kashkadarya Region.",
			[]string{"Gomselmash -> Kashkadarya Region [combine harvesters] contracted x60"}},
		{"the parties of the last deal", "BELAZ and KTK signed a contract for 14 dump trucks. The parties also discussed the supply of BELAZ-78250 front loaders.",
			[]string{"BelAZ -> Kuzbass Fuel Company [dump trucks] contracted x14", "BelAZ -> Kuzbass Fuel Company [front loaders] negotiating"}},
		{"a region's share of the goods just told", "BELAZ shipped more than 600 dump trucks to Russia in 2023, and Kemerovo Oblast accounts for roughly half of them.",
			[]string{"BelAZ -> Russia [dump trucks] delivered x600", "BelAZ -> Kemerovo Oblast [dump trucks] ongoing"}},
		{"'the enterprise' is the firm introduced as one", "The municipal enterprise «Gorelektrotransport» operates more than 100 trolleybuses made by Belkommunmash, and this year the enterprise received another 20 vehicles.",
			[]string{"Belkommunmash -> Gorelektrotransport [trolleybuses] ongoing x100", "Belkommunmash -> Gorelektrotransport [trolleybuses] delivered x20"}},
		{"'and' with the preposition again joins places", "MAZ buses serve urban routes both in Novosibirsk and in Berdsk.",
			[]string{"MAZ -> Novosibirsk [buses] ongoing", "MAZ -> Berdsk [buses] ongoing"}},
		{"goods on the shelves of a region's chains", "Dairy products of Savushkin Product are on the shelves of all major retail chains of the Novosibirsk region.",
			[]string{"Savushkin Product -> Novosibirsk Oblast [dairy products] ongoing"}},
		{"a brand model names its maker; a farm named after a person", "Agrocomplex named after N. Tkachev received 45 Belarus-3522 tractors in 2023.",
			[]string{"MTZ -> Agrocomplex named after N. Tkachev [tractors] delivered x45"}},
		{"including goods assembled by another maker", "Farms in Tatarstan purchased 160 Gomselmash combines last year, including 70 machines assembled by Bryanskselmash.",
			[]string{"Gomselmash -> Republic of Tatarstan [combine harvesters] delivered x160", "Bryanskselmash -> Republic of Tatarstan [combine harvesters] delivered x70"}},
		{"a list of places mixes regions and cities", "Mogilevliftmash elevators have also been delivered to Moscow Oblast, Nizhny Novgorod and Krasnoyarsk Krai.",
			[]string{"Mogilevliftmash -> Moscow Oblast [elevators] delivered", "Mogilevliftmash -> Nizhny Novgorod [elevators] delivered", "Mogilevliftmash -> Krasnoyarsk Krai [elevators] delivered"}},
		{"the firm's goods are exported, apart from one country", "Mogilevliftmash shipped 40 elevators to Krasnoyarsk Krai. Apart from Russia, the company's products are regularly exported to Kazakhstan and Uzbekistan.",
			[]string{"Mogilevliftmash -> Krasnoyarsk Krai [elevators] delivered x40", "Mogilevliftmash -> Kazakhstan [elevators] ongoing", "Mogilevliftmash -> Uzbekistan [elevators] ongoing"}},
		{"a brand with a model code is no antecedent", "MAZ and JSC «Toshshahartranskhizmat» signed a contract for the supply of 150 MAZ-203 buses. Since 2021 the company has already received over 400 buses from Minsk.",
			[]string{"MAZ -> Toshshahartranskhizmat [buses] contracted x150", "MAZ -> Toshshahartranskhizmat [buses] delivered x400"}},
		{"its customers are firms listed with their towns", "BMZ shipped steel cord to Russia in 2023. Its key customers are KAMA TYRES in Nizhnekamsk (Tatarstan) and Cordiant in Yaroslavl.",
			[]string{"BMZ -> Russia [steel cord] delivered", "BMZ -> KAMA TYRES [steel cord] ongoing", "BMZ -> Cordiant [steel cord] ongoing"}},
		{"a share of a country's exports", "Belarus exported dairy products worth $2.9 billion last year, and about 80% of these went to Russia.",
			[]string{"Belarus -> Russia [dairy products] delivered"}},
		{"trade turnover is no supply", "Trade between Belarus and the Omsk Region exceeded $250 million in 2023.", nil},
		{"goods must be named", "Belarus and Russia discussed supplies and cooperation.", nil},
		{"a place before a firm's name only qualifies it", "Atlant delivered 60,000 compressors to the Tatarstan refrigerator maker Pozis last year.",
			[]string{"Atlant -> Pozis [compressors] delivered x60000"}},
		{"a firm referred to stays the latest firm", "The Bobruisk plant of tractor parts and units has become a key supplier of pumps for Rostselmash. Pumps made in Bobruisk are installed on combines assembled in Rostov-on-Don, and the Belarusian plant has doubled its capacity. The plant also ships hydraulic cylinders to the Cheboksary plant Promtraktor.",
			[]string{"Bobruisk Plant of Tractor Parts and Units -> Rostselmash [pumps] delivered", "Bobruisk Plant of Tractor Parts and Units -> Promtraktor [hydraulic cylinders] ongoing"}},
		{"a place in an event's name is no party", "MAZ has signed an agreement to supply buses at the St. Petersburg International Economic Forum.", nil},
		{"a city's transit operator is a firm", "This spring the Cheboksary Trolleybus Administration received ten more trolleybuses from Belkommunmash.",
			[]string{"Belkommunmash -> Cheboksary Trolleybus Administration [trolleybuses] delivered x10"}},
		{"a named firm in the country supplied is a deal of its own; an apposition's goods are not traded",
			"Integral, the Minsk-based chipmaker, sells microcircuits to Russian customers. In March it signed a contract with the Moscow company Itelma, a maker of electronic control units for cars and trucks, for 1.2 million microcircuits to be delivered this year.",
			[]string{"Integral -> Russia [microchips] ongoing", "Integral -> Itelma [microchips] contracted"}},
		{"a count in hyphenated words", "Thirty-eight grain combines made by the Belarusian holding Gomselmash were handed over to agricultural enterprises of the Tyumen region.",
			[]string{"Gomselmash -> Tyumen Oblast [combine harvesters] delivered x38"}},
		{"a maker's brand names the maker", "Farmers in the Amur region bought 85 Palesse combines last year.",
			[]string{"Gomselmash -> Amur Oblast [combine harvesters] delivered x85"}},
		{"a possessive apposition describes the subject", "Farmers in the Amur region, Russia's largest soybean producer, bought 85 Palesse combines last year.",
			[]string{"Gomselmash -> Amur Oblast [combine harvesters] delivered x85"}},
		{"retail chains that sell the goods buy them", "Santa Bremor products are sold by the Magnit and Pyaterochka chains across the country.",
			[]string{"Santa Bremor -> Magnit [] ongoing", "Santa Bremor -> Pyaterochka [] ongoing"}},
		{"goods sold through a chain go to it", "Savushkin Product ships cottage cheese to the Kaliningrad region. Most of it is sold through the Spar Kaliningrad chain.",
			[]string{"Savushkin Product -> Kaliningrad Oblast [cottage cheese] ongoing", "Savushkin Product -> SPAR Kaliningrad [cottage cheese] ongoing"}},
		{"a retail chain is no supplier", "Pyaterochka plans to start deliveries of chilled fish to Sakhalin.", nil},
		{"goods running in a place are there", "More than 200 MAZ buses are already running in the Kaliningrad region.",
			[]string{"MAZ -> Kaliningrad Oblast [buses] ongoing x200"}},
		{"a firm testing goods has them; an introductory phrase is no apposition",
			"Since the spring, the RFP Group, one of the largest timber companies in the Far East, has been testing two Amkodor harvesters.",
			[]string{"Amkodor -> RFP Group [forestry harvesters] delivered x2"}},
		{"'it received' is the firm named last, not the brand on the goods",
			"The Eastern Mining Company operates more than 100 BELAZ dump trucks, and in 2024 it received twelve more 130-tonne BELAZ-75131 vehicles.",
			[]string{"BelAZ -> Eastern Mining Company [dump trucks] ongoing x100", "BelAZ -> Eastern Mining Company [dump trucks] delivered x12"}},
		{"deliveries agreed after a delivery are a deal of their own",
			"Avtodiesel shipped more than 9,000 engines to the Minsk Automobile Plant (MAZ) last year, and the two companies have agreed to increase deliveries in 2024.",
			[]string{"YaMZ -> MAZ [engines] delivered x9000", "YaMZ -> MAZ [engines] contracted"}},
		{"parts for a maker's goods go to the maker", "Elektrovypryamitel supplies power semiconductor devices for the traction drives of BELAZ dump trucks.",
			[]string{"Elektrovypryamitel -> BelAZ [semiconductors] ongoing"}},
		{"the goods named first are the goods of a contract", "In January, MMZ and the Pavlovo Bus Plant signed a contract for 3,000 engines for PAZ buses.",
			[]string{"Minsk Motor Plant -> PAZ [engines] contracted x3000"}},
		{"a contract told without goods, then what it provides for",
			"Mogilevliftmash has signed a new contract with the Fund for Capital Repair of Moscow for 2024. It provides for the supply of more than 1,300 elevators.",
			[]string{"Mogilevliftmash -> Fund for Capital Repair of Moscow [elevators] contracted x1300"}},
		{"a farm that worked with a maker's machines; 'his cooperative' is the one he heads",
			"Viktor Zhuravlev heads the Druzhba agricultural cooperative near Blagoveshchensk, which has worked with Gomselmash machines since 2016. His cooperative took delivery of four tracked combines in August.",
			[]string{"Gomselmash -> Druzhba [combine harvesters] delivered x4"}},
		{"'worked on' a maker's goods", "Farms of the Chuvash Republic have always worked on MTZ tractors.",
			[]string{"MTZ -> Chuvash Republic [tractors] delivered"}},
		{"a carrier named after its town with a hyphen", "The municipal carrier Kaliningrad-GorTrans intends to buy 40 buses assembled by Avtotor in 2026.",
			[]string{"Avtotor -> Kaliningrad-GorTrans [buses] planned x40"}},
		{"goods in operation in a place are used there", "About two thousand MTZ tractors are in operation in the Chuvash Republic.",
			[]string{"MTZ -> Chuvash Republic [tractors] ongoing x2000"}},
		{"items of several makers in an including-list, each with its own number and place",
			"Last year, 85 new buses arrived in the Irkutsk region, including 40 MAZ vehicles for Irkutsk and 45 small-class PAZ buses, which went to district centers.",
			[]string{"MAZ -> Irkutsk [buses] delivered x40", "PAZ -> Irkutsk Oblast [buses] delivered x45"}},
		{"goods named only as the kind of a fleet are no goods", "The average age of the urban bus fleet in the Irkutsk Region should go down to 9 years.", nil},
		{"where goods are made is no recipient, what they go into no goods",
			"The Bobruisk plant of tractor parts and units ships gear pumps to Rostselmash. Pumps made in Bobruisk are installed on the combines assembled in Rostov-on-Don.",
			[]string{"Bobruisk Plant of Tractor Parts and Units -> Rostselmash [pumps] ongoing"}},
		{"a place a party is based in is no party",
			"In April Atlant signed a contract with the retailer DNS for fifty thousand refrigerators. The Vladivostok-based chain had previously bought Atlant products only through distributors.",
			[]string{"Atlant -> DNS [refrigerators] delivered x50000"}},
		{"a size before a model does not hide the preposition", "Elsib from Novosibirsk has already delivered the first 20 traction generators for the 130-tonne BELAZ-7513.",
			[]string{"Elsib -> BelAZ [traction generators] delivered x20"}},
		{"goods 'of' a maker; 'No. 8' is no negation", "The city's municipal carrier Passenger Enterprise No. 8 operates more than 100 buses of the Minsk Automobile Plant.",
			[]string{"MAZ -> Passenger Enterprise No. 8 [buses] ongoing x100"}},
		{"a brand on an earlier clause's goods is not the next clause's subject",
			"The ULK group operates more than 30 Amkodor harvesters and forwarders at its cutting areas and plans to buy another 10 harvesters in 2025.",
			[]string{"Amkodor -> Ustyansky Timber Company [forestry harvesters forwarders] ongoing x30", "Amkodor -> Ustyansky Timber Company [forestry harvesters] planned x10"}},
		{"goods bought for a named firm go to it", "The Omsk region is considering the purchase of 30 trolleybuses from Belkommunmash for the municipal enterprise Electric Transport.",
			[]string{"Belkommunmash -> Electric Transport [trolleybuses] negotiating x30"}},
		{"goods in use and goods under talks are two deals", "MAZ buses serve urban routes in Novosibirsk. Negotiations are underway on the supply of 50 MAZ buses for Novosibirsk's suburban routes.",
			[]string{"MAZ -> Novosibirsk [buses] negotiating x50", "MAZ -> Novosibirsk [buses] ongoing"}},
		{"a place that locates a firm is no party", "OJSC «Gomselmash» sells combines both directly from Gomel and through its Russian plant, CJSC «Bryanskselmash» in Bryansk, whose machines qualify for Russian subsidies.", nil},
		{"a name described as a firm right after it is a firm", "Santa Bremor buys herring from Gidrostroy, the fishing company based on the Kuril island of Iturup.",
			[]string{"Gidrostroy -> Santa Bremor [herring] ongoing"}},
		{"a legal form closing a name", "The Belarusian Potash Company shipped potash fertilisers to Binh Dien Fertilizer JSC last year.",
			[]string{"Belarusian Potash Company -> Binh Dien Fertilizer [potash fertilizers] delivered"}},
		{"'the Kungur company' is the Kungur plant named before", "The Kungur Machine-Building Plant mounts its rigs on chassis of MZKT. Last year the Kungur company received 24 MZKT chassis.",
			[]string{"MZKT -> Kungur Machine-Building Plant [chassis] delivered x24"}},
		{"a brand's goods made by another firm are that firm's", "The municipal company Toshshahartranskhizmat operates around 700 Isuzu buses produced by SamAuto in Samarkand and 40 Yutong trolleybuses.",
			[]string{"SamAuto -> Toshshahartranskhizmat [buses] ongoing x700", "Yutong -> Toshshahartranskhizmat [trolleybuses] ongoing x40"}},
		{"a known firm's name with a word firms name subsidiaries by", "Gazprom Neft will supply crude oil to Naftan, and Yutong Rus delivered 30 buses to Kazan.",
			[]string{"Gazprom Neft -> Naftan [crude oil] planned", "Yutong Rus -> Kazan [buses] delivered x30"}},
		{"a place-led name with goods in it, closed by a legal form", "MTZ shipped tractor kits to Ganja Automobile Plant OJSC last year.",
			[]string{"MTZ -> Ganja Automobile Plant [assembly kits] delivered"}},
		{"markets of the article's firm, whose goods were told; 'followed by' ranks, it does not supply",
			"Kommunarka is a Minsk confectionery factory. Kommunarka exported confectionery to 25 countries last year, and Kommunarka plans to grow. Russia remains the main market, accounting for 71% of the export volume. The second largest buyer is Kazakhstan (9% of exports), followed by China.",
			[]string{"Kommunarka -> Russia [confectionery] ongoing", "Kommunarka -> Kazakhstan [confectionery] ongoing"}},
		{"goods sold 'there' go to the place named before", "Kommunarka makes chocolate. Russia is a big market. Last year Kommunarka sold 100 tonnes of chocolate there.",
			[]string{"Kommunarka -> Russia [chocolate] delivered"}},
		{"'Belarus tractors' are the MTZ brand", "Farmers in the Voronezh region have received 56 Belarus tractors since the start of the year.",
			[]string{"MTZ -> Voronezh Oblast [tractors] delivered x56"}},
		{"goods working on a place's fields are there", "Gomselmash combines have been working on Voronezh fields since 2008.",
			[]string{"Gomselmash -> Voronezh Oblast [combine harvesters] delivered"}},
		{"'the carrier' is the firm introduced as one a few sentences back",
			"The first 25 MAZ buses will be handed over to the municipal carrier Nizhegorodpassazhiravtotrans. The buses were bought via leasing from GTLK. MAZ buses make up a third of the fleet. In 2023 the carrier received 80 vehicles from the Minsk plant.",
			[]string{"MAZ -> Nizhegorodpassazhiravtotrans [buses] planned x25", "MAZ -> Nizhegorodpassazhiravtotrans [buses] delivered x80"}},
		{"'the Russian truck maker' is the last Russian firm named",
			"Belshina will supply tyres to KAMAZ in 2025. Last year Belshina shipped 22,000 tyres to the Russian truck maker.",
			[]string{"Belshina -> KAMAZ [tires] delivered x22000", "Belshina -> KAMAZ [tires] planned"}},
		{"a supply noun whose verb is future is planned", "MTZ has signed a contract with the Kazakh company KazAgroTrade for 600 tractors. A further batch of 150 machines will be delivered in August.",
			[]string{"MTZ -> KazAgroTrade [tractors] contracted x600", "MTZ -> KazAgroTrade [tractors] planned x150"}},
		{"goods 'intended for' a firm, with an aside between them and the verb",
			"BELAZ will supply 24 mining dump trucks to companies of Yakutia this year. Sixteen of the vehicles, with a payload of 220 tonnes, are intended for the diamond miner ALROSA under a contract signed last autumn.",
			[]string{"BelAZ -> Republic of Sakha (Yakutia) [mining dump trucks] planned x24", "BelAZ -> ALROSA [mining dump trucks] contracted x16"}},
		{"'another' goods of another kind go to the same recipient",
			"Since January, Amkodor has delivered 60 front loaders to OJSC «Tatavtodor». The holding plans to ship another 25 machines, mostly snow-clearing equipment, by the end of the year.",
			[]string{"Amkodor -> Tatavtodor [front loaders] delivered x60", "Amkodor -> Tatavtodor [snowplows] planned x25"}},
		{"the goods of a contract are for the one named after them", "The region signed a contract with the Amkodor holding for five wheel loaders for the road company Vyatavtodor.",
			[]string{"Amkodor -> Vyatavtodor [front loaders] contracted x5"}},
		{"'we' in a quote is the speaker's firm", "The Pobeda agricultural company farms 20,000 hectares in Stavropol Krai. \"We bought four Gomselmash combines last year,\" says Pobeda's chief engineer Nikolai Shevchenko.",
			[]string{"Gomselmash -> Pobeda [combine harvesters] delivered x4"}},
		{"handed over to a discovered firm", "Gomselmash shipped ten combines to Orenburg Oblast. The combines were handed over to the Urozhai agricultural company.",
			[]string{"Gomselmash -> Orenburg Oblast [combine harvesters] delivered x10", "Gomselmash -> Urozhai [combine harvesters] delivered"}},
		{"arrived in a city and handed over to a firm: one delivery, to the firm", "Gomselmash said ten combines arrived in Orenburg last week and were handed over to the Urozhai agricultural company.",
			[]string{"Gomselmash -> Urozhai [combine harvesters] delivered x10"}},
		{"a discovered farm as recipient", "Gomselmash has agreed to supply nine forage harvesters to the Razdolye dairy farm near Buzuluk.",
			[]string{"Gomselmash -> Razdolye [forage harvesters] contracted x9"}},
		{"a total split by maker after a colon", "Last year farms in the Omsk region bought 150 new tractors: 90 from MTZ and 40 from the Petersburg Tractor Plant.",
			[]string{"MTZ -> Omsk Oblast [tractors] delivered x90", "Petersburg Tractor Plant -> Omsk Oblast [tractors] delivered x40"}},
		{"items that exceed the total are no split", "Gomselmash shipped 30 combines to Omsk Oblast: 120 from its Gomel plant were shipped earlier.",
			[]string{"Gomselmash -> Omsk Oblast [combine harvesters] delivered x30"}},
		{"bare 'tiles' are ceramic tiles", "Last year Keramin exported tiles to Kazakhstan.",
			[]string{"Keramin -> Kazakhstan [ceramic tiles] delivered"}},
		{"goods a firm added are goods it received", "Last month the Eastern Mining Company added twelve more BELAZ dump trucks to its fleet.",
			[]string{"BelAZ -> Eastern Mining Company [dump trucks] delivered x12"}},
		{"'added' without a count of goods is no supply", "Rostselmash added new dealers in the Omsk region last year.", nil},
		{"a discovered firm named bare later buys", "The Pobeda agricultural company farms wheat near Stavropol. Pobeda buys all its nitrogen fertiliser from Grodno Azot.",
			[]string{"Grodno Azot -> Pobeda [nitrogen fertilizers] ongoing"}},
		{"the owner of a market sells to it", "Gomselmash makes combine harvesters. Altai Krai is one of Gomselmash's largest markets in Siberia.",
			[]string{"Gomselmash -> Altai Krai [combine harvesters] ongoing"}},
		{"presence on a market is no buyer", "Gomselmash is present on the Russian market.", nil},
		{"a market named after its deal is no deal of its own", "Moscow remains Mogilevliftmash's key market. Mogilevliftmash shipped 40 elevators to Moscow.",
			[]string{"Mogilevliftmash -> Moscow [elevators] delivered x40"}},
		{"a retailer in a contract buys", "The toy maker Polesie has signed a contract with the retailer Detsky Mir for the supply of 1.5 million toys.",
			[]string{"Polesie -> Detsky Mir [toys] contracted"}},
		{"a demonym before coordinated modifiers of buyers", "Grodno Azot is negotiating deliveries of caprolactam to Vietnamese chemical and fibre companies.",
			[]string{"Grodno Azot -> Vietnam [caprolactam] negotiating"}},
		{"a demonym on the goods is no party", "Farmers bought Russian tractors and Belarusian combines for their farms.", nil},
		{"the two sides of talks", "KAMAZ is in talks with the Food Corporation of Kazakhstan on 150 grain trucks.",
			[]string{"KAMAZ -> Food Corporation of Kazakhstan [grain trucks] negotiating x150"}},
		{"a deal listed as parties, a colon and goods", "Deals signed at the exhibition include:\n\n– Gomselmash and the Aktobe agroholding Ak Bidai: 30 forage harvesters;",
			[]string{"Gomselmash -> Ak Bidai [forage harvesters] contracted x30"}},
		{"parties and a colon without a count of goods are no deal", "MTZ and Gomselmash: tractors and combines for the Russian market.", nil},
		{"'the enterprise' is no lender named since", "The fleet of the municipal enterprise Izhdorblagoustroystvo was renewed. The machines were bought through Sberbank Leasing. The enterprise received 10 Amkodor front loaders.",
			[]string{"Amkodor -> Izhdorblagoustroystvo [front loaders] delivered x10"}},
		{"'the enterprise' with only a lender named receives nothing", "The machines were bought through Sberbank Leasing. The enterprise received 10 Amkodor front loaders.", nil},
		{"the winner of a purchase supplies its buyer", "Gortrans of Yekaterinburg has summed up the results of the auction for the purchase of new Belarusian trolleybuses. The winner was BKM Holding, which offered to supply 31 trolleybuses.",
			[]string{"Belkommunmash -> Yekaterinburg [trolleybuses] proposed x31", "Belkommunmash -> Yekaterinburg [trolleybuses] ongoing"}},
		{"a firm of another country does not win the purchase", "Gortrans of Yekaterinburg has summed up the results of the auction for the purchase of new Belarusian trolleybuses. The winner was Uraltransmash, which offered to supply 31 trolleybuses.",
			[]string{"Belarus -> Yekaterinburg [trolleybuses] ongoing"}},
		{"an order received makes the subject the supplier", "The Brest-based Gefest has received an order from Arkhangelskoblgaz for 3,000 gas stoves.",
			[]string{"Brestgazoapparat -> Arkhangelskoblgaz [gas stoves] contracted x3000"}},
		{"a maker's part installed on another's machines", "MMZ engines are also installed on Agromash tractors made in Cheboksary.",
			[]string{"Minsk Motor Plant -> Agromash [engines] ongoing"}},
		{"a machine equipped with parts from makers", "Today the bulk of MAZ vehicles leave the assembly line with engines from the Yaroslavl Motor Plant (YaMZ), part of the Russian GAZ Group, and from the MAZ-Weichai joint venture.",
			[]string{"YaMZ -> MAZ [engines] ongoing", "MAZ-Weichai -> MAZ [engines] ongoing"}},
		{"a part installed in a place goes to the place", "MMZ engines were installed in Cheboksary.",
			[]string{"Minsk Motor Plant -> Cheboksary [engines] delivered"}},
		{"a part no longer installed", "Belshina tyres are no longer fitted to KAMAZ trucks.", nil},
		{"goods that operate in a place", "Some 500 MAZ buses operate in the Omsk region.",
			[]string{"MAZ -> Omsk Oblast [buses] ongoing x500"}},
		{"a country's count of machinery", "Over the past five years, Belarus has supplied more than 2,000 units of machinery to the Omsk region.",
			[]string{"Belarus -> Omsk Oblast [] delivered x2000"}},
		// An offer with no buyer is no supply to the region the article is
		// about: annotators named one in 3 of 26 such sentences.
		{"an offer names no buyer of itself", "Belarus and the Omsk region discuss cooperation. The governor visited Minsk. MAZ is ready to supply buses.",
			nil},
		{"an offer to a foreign country's buyers is not the region's", "Belarus and the Omsk region discuss cooperation. The governor visited Minsk. MAZ is ready to supply buses to Kazakh carriers.",
			[]string{"MAZ -> Kazakhstan [buses] proposed"}},
		{"a purchase without a buyer in an article about a region, by maker", "The Kurgan region renews its fleet. Among grain harvesters, 22 Gomselmash combines and 15 combines of Rostselmash were bought.",
			[]string{"Gomselmash -> Kurgan Oblast [combine harvesters] delivered x22", "Rostselmash -> Kurgan Oblast [combine harvesters] delivered x15"}},
		{"a purchase of unnamed origin is no home country's supply", "Farmers of the Kurgan region have purchased 214 units of new agricultural machinery. Belarusian combines are popular.", nil},
		{"the contract of the deal just told", "OJSC «Belshina» has shipped the first batch of 24 large-size tyres to JSC «Gaisky GOK». The contract signed in February provides for the delivery of 120 tyres during 2025.",
			[]string{"Belshina -> Gaisky GOK [tires] delivered x24", "Belshina -> Gaisky GOK [tires] contracted x120"}},
		{"a dealer named after its place sells its maker's goods", "MTZ makes tractors in Minsk. In 2025 the plant's dealer in the republic of Bashkortostan, LLC «Agrotekhsnab-Ufa», sold 412 Belarus tractors to farms of the republic.",
			[]string{"MTZ -> Republic of Bashkortostan [tractors] delivered x412"}},
		{"the party after the supply word receives, not one before it", "The counsellor drew attention to the possibilities of Amkodor for the renewal of the fleet and proposed the supply of graders and loaders to the state enterprise Tulaavtodor.",
			[]string{"Amkodor -> Tulaavtodor [graders loaders] proposed"}},
		{"offer the city goods", "Tomsk renews its transport. Belkommunmash was prepared to offer the city trolleybuses with an extended autonomous range.",
			[]string{"Belkommunmash -> Tomsk [trolleybuses] proposed"}},
		{"the first batch of a contract still to come is part of it", "MTZ signed a contract with the Thanh Hoa provincial agricultural service cooperative for 150 tractors. The first batch of 40 tractors will be shipped from Minsk in February.",
			[]string{"MTZ -> Thanh Hoa [tractors] contracted x150"}},
		{"a rival maker of the goods is no buyer", "Most of the combine fleet is accounted for by Rostselmash machines, but Gomselmash combines are common too.", nil},
		{"a parent's goods do not make a subsidiary a rival", "Gomselmash shipped 300 combine harvesters to Bryanskselmash for final assembly.",
			[]string{"Gomselmash -> Bryanskselmash [combine harvesters] delivered x300"}},
		{"brands found in retail chains", "The leader remains Savushkin Product, whose brands can be found both in the Pyaterochka and Perekrestok chains.",
			[]string{"Savushkin Product -> Pyaterochka [] ongoing", "Savushkin Product -> Perekrestok [] ongoing"}},
		{"sold through a named distributor", "Kommunarka sells its chocolate in Russia through its official distributor, the Smolensk company Slavyanskaya Torgovaya Kompaniya.",
			[]string{"Kommunarka -> Slavyanskaya Torgovaya Kompaniya [chocolate] ongoing"}},
		{"sold in a city through a distributor: both", "The largest exporter is the Mogilev holding Servolux, whose sausages are sold in Moscow and the Moscow region through the distributor Belmyaso-Trade.",
			[]string{"Servolux -> Moscow [sausages] ongoing", "Servolux -> Moscow Oblast [sausages] ongoing", "Servolux -> Belmyaso-Trade [sausages] ongoing"}},
		{"a firm's output told, then where parts of it went", "LLC MTZ-Altai, the subsidiary of the Minsk Tractor Works, produced 1,140 tractors in 2025. According to him, 520 of the tractors stayed in Altai Krai. Another 465 went to neighbouring Russian regions: 180 to the Novosibirsk region and 150 to the Omsk region.",
			[]string{"MTZ-Altai -> Altai Krai [tractors] ongoing x520", "MTZ-Altai -> Novosibirsk Oblast [tractors] delivered x180", "MTZ-Altai -> Omsk Oblast [tractors] delivered x150"}},
		{"the maker's subsidiary that signed supplies", "The largest item is the contract with MAZ-Rus, the Russian subsidiary of the Minsk Automobile Plant, for 120 MAZ-203 low-floor buses for Chelyabinsk.",
			[]string{"MAZ-Rus -> Chelyabinsk [city buses] contracted x120"}},
		{"'N more' counts more of the goods just told", "Farms of the Omsk region work on about 2,800 Belarus tractors of the Minsk Tractor Works, and this year they bought 96 more under the regional programme.",
			[]string{"MTZ -> Omsk Oblast [tractors] ongoing x2800", "MTZ -> Omsk Oblast [tractors] delivered x96"}},
		{"'we' offer goods that the next sentence's firm makes", "Krasnoyarsk Krai and Belarus discuss cooperation. \"We will offer you our electric buses. MAZ has mastered them.\"",
			[]string{"MAZ -> Krasnoyarsk Krai [electric buses] proposed"}},
		{"'your' before a firm's name is no party", "\"RUSAL's Krasnoyarsk aluminium smelter ships aluminium wire rod to your Gomelkabel.\"",
			[]string{"Krasnoyarsk Aluminium Smelter -> Gomelkabel [aluminium alloys] ongoing"}},
		{"'them' stands for the goods named before, and a gapped list follows", "Belarus tractors traditionally lead in the Volga region: farms in Tatarstan bought 412 of them last year, in Bashkortostan 368 and in the Voronezh region 255.",
			[]string{"MTZ -> Republic of Tatarstan [tractors] delivered x412", "MTZ -> Republic of Bashkortostan [tractors] delivered x368", "MTZ -> Voronezh Oblast [tractors] delivered x255"}},
		{"a ranking of regions by a country's equipment", "By region, Tatarstan was the leader in terms of Belarusian equipment obtained through Rosagroleasing last year (146 units), followed by Bashkortostan (131) and the Orenburg region (97).",
			[]string{"Belarus -> Republic of Tatarstan [] delivered x146", "Belarus -> Republic of Bashkortostan [] delivered x131", "Belarus -> Orenburg Oblast [] delivered x97"}},
		{"buying part of its goods from a city-based firm", "Since 2023 Savushkin has been buying part of its starter cultures from the Moscow-based company Lactoferma.",
			[]string{"Lactoferma -> Savushkin Product [starter cultures] delivered"}},
		{"growth that came from goods is no purchase", "Savushkin Product grew last year, and the main growth came from hard cheeses.", nil},
		{"a memorandum of intent between two firms", "A memorandum of intent between OJSC «Borisovdrev» and LLC «Lipetskmebel» on the supply of birch plywood starting from 2026.",
			[]string{"Borisovdrev -> Lipetskmebel [plywood] planned"}},
		{"a retailer of the goods is no rival maker", "Pinskdrev has concluded a contract with the Russian furniture retailer Hoff for upholstered furniture and bedroom sets.",
			[]string{"Pinskdrev -> Hoff [furniture] contracted"}},
		{"goods for another firm's products leave that firm the buyer", "Minsk Bearing Plant makes bearings. Supplies to AvtoVAZ grew to 1.1 million bearings for LADA Vesta and LADA Granta cars.",
			[]string{"Minsk Bearing Plant -> AvtoVAZ [bearings] ongoing"}},
		{"'the company' opening a sentence is the last sentence's subject", "Kuzbassrazrezugol signed a contract with the Belarusian Cement Plant for the supply of thermal coal. The company also supplies coal to Krasnoselskstroymaterialy.",
			[]string{"Kuzbassrazrezugol -> Belarusian Cement Plant [coal] contracted", "Kuzbassrazrezugol -> Krasnoselskstroymaterialy [coal] ongoing"}},
		{"'the republic' after an oblast is the country", "Kemerovo Oblast mines coal for Belarus. Gazprom remains the main supplier of gas to the republic.",
			[]string{"Gazprom -> Belarus [gas] ongoing"}},
		{"goods of a country's brands", "Over the past two years, the farms of Bashkortostan have bought about 150 tractors of Chinese brands.",
			[]string{"China -> Republic of Bashkortostan [tractors] delivered x150"}},
		{"goods purchased in a country come from it", "The Minsk Bearing Plant makes bearings. In 2025 the Minsk Bearing Plant switched to Russian steel. The Minsk Bearing Plant exports to 19 countries. Polyamide cages for its bearings are purchased in China.",
			[]string{"China -> Minsk Bearing Plant [polyamide] ongoing"}},
		{"a retail chain that sells a maker's goods bought them", "Horizont makes TV sets in Minsk. The Chelyabinsk chain RBT.ru sells Horizont TVs in more than 200 stores.",
			[]string{"Horizont -> RBT.ru [TV sets] ongoing"}},
		{"looking for partners is no sale", "The Minsk Motor Plant is looking for partners among Kazakh tractor assemblers.", nil},
		{"a place's producer named after it receives", "OJSC Mogilevkhimvolokno supplies polyester staple fibre to the Tula nonwovens producer Nortex-Tula.",
			[]string{"Mogilevkhimvolokno -> Nortex-Tula [polyester fibers] ongoing"}},
		{"a place's plant of a firm supplies as the firm", "The Nizhnekamsk plant of SIBUR continues to supply synthetic rubber to the tyre maker Belshina.",
			[]string{"Sibur -> Belshina [synthetic rubber] ongoing"}},
		{"goods named in bulk to a chain after its kind", "Mark Formelle plans to start supplying its home wear to the off-price chain Familia.",
			[]string{"Mark Formelle -> Familia [home wear] planned"}},
		{"goods offered to a firm named right after the verb", "The Izhevsk company Kupol has offered the Minsk Tractor Works electronic control units.",
			[]string{"Kupol -> MTZ [electronic control units] proposed"}},
		{"a consignment told maker by maker in the next sentence", "A new batch of Belarusian agricultural machinery has arrived in Zimbabwe. The consignment comprises 120 Belarus tractors made by the Minsk Tractor Works, twenty PALESSE combine harvesters from Gomselmash and 40 tractor trailers produced by Bobruiskagromash.",
			[]string{"MTZ -> Zimbabwe [tractors] delivered x120", "Gomselmash -> Zimbabwe [combine harvesters] delivered x20", "Bobruiskagromash -> Zimbabwe [trailers] delivered x40"}},
		{"a receipt told maker by maker in the next sentence", "The Omsk road company Avtodor-Omsk has received twelve new machines. The batch includes five MAZ dump trucks, four Amkodor front loaders and three BELARUS tractors from the Minsk Tractor Works.",
			[]string{"MAZ -> Avtodor-Omsk [dump trucks] delivered x5", "Amkodor -> Avtodor-Omsk [front loaders] delivered x4", "MTZ -> Avtodor-Omsk [tractors] delivered x3"}},
		{"a contract's direction from what the article says a firm makes", "Polotsk Clutch Plant (PCP, Vitebsk region), one of the largest makers of clutches for trucks and tractors, has signed an agreement with KAMAZ for the supply of 9,500 clutch sets in 2026.",
			[]string{"Polotsk Clutch Plant -> KAMAZ [clutches] contracted x9500"}},
		{"a number after a model's name counts nothing", "The Polotsk Clutch Plant will ship clutches for Ural 4320 trucks to KAMAZ.",
			[]string{"Polotsk Clutch Plant -> KAMAZ [clutches] planned"}},
		{"the brand before its goods is the maker", "In 2024 farms of the Tula region bought 58 Belarus tractors.",
			[]string{"MTZ -> Tula Oblast [tractors] delivered x58"}},
		{"a role with a country is the last firm of that country", "Ekibastuz miners put eight BELAZ dump trucks into service. In 2025 the Magnitogorsk plant MMK shipped 35,000 tonnes of steel to the Belarusian customer.",
			[]string{"BelAZ -> Ekibastuz [dump trucks] delivered x8", "MMK -> BelAZ [steel] delivered"}},
		{"goods shipped to a country for one of its regions go to the region", "Fifty PALESSE combine harvesters made by Gomselmash have been shipped to Kazakhstan for farmers of the Kostanay region.",
			[]string{"Gomselmash -> Kostanay Region [combine harvesters] delivered x50"}},
		{"goods put into operation were received", "In Krasnoyarsk Krai, Polyus Krasnoyarsk put into operation twenty-two BELAZ-75131 dump trucks.",
			[]string{"BelAZ -> Polyus Krasnoyarsk [dump trucks] delivered x22"}},
		{"goods commissioned were received", "Bogatyr Komir commissioned eight BELAZ dump trucks at its open pit.",
			[]string{"BelAZ -> Bogatyr Komir [dump trucks] delivered x8"}},
		{"putting a plan into operation is no receipt", "The region put its new transport plan into operation in May.", nil},
		{"a firm that works mainly on a maker's goods uses them", "The road company Pskovavtodor works mainly on MAZ dump trucks.",
			[]string{"MAZ -> Pskovavtodor [dump trucks] ongoing"}},
		{"\"the enterprise\" said of one firm again and again keeps meaning it", "OJSC Belshina raised its exports in the first quarter. The enterprise exported tyres worth $68 million. The enterprise employs 9,000 people. The enterprise has been supplying tyres to KAMAZ for years. Rostselmash receives tyres for its combines, while the Petersburg Tractor Plant fits them on its tractors. The enterprise also shipped tyres to Serbia.",
			[]string{"Belshina -> KAMAZ [tires] ongoing", "Belshina -> Rostselmash [tires] ongoing", "Belshina -> Serbia [tires] delivered"}},
		{"\"the company\" is the last subject, not a customer named after a preposition", "LLC Yugra-Neftegazservis is one of the largest oilfield service companies in the okrug. The company has 40 fracturing crews, working mainly for the subsidiaries of Rosneft and Gazprom Neft. Over the past three years the company bought 40 MAZ chassis.",
			[]string{"MAZ -> Yugra-Neftegazservis [chassis] delivered x40"}},
		{"the second half of a hyphenated word is no goods", "MAZ delivered 10 all-wheel-drive trucks to Tula.",
			[]string{"MAZ -> Tula [trucks] delivered x10"}},
		{"a fleet told by what its owner has: a count of a maker's goods", "The open pit of Bogatyr Komir has 60 BELAZ dump trucks. The company has 2,800 employees.",
			[]string{"BelAZ -> Bogatyr Komir [dump trucks] ongoing x60"}},
		{"two parties agreed on a supply: the maker supplies", "JV Santa Bremor LLC and the Nizhny Novgorod retail chain Narodny agreed on the supply of fish preserves for 110 stores of the chain.",
			[]string{"Santa Bremor -> Narodny [canned fish] contracted"}},
		{"a plant named by its city and goods is the known maker there", "Nizhnekamskneftekhim has been the main supplier of synthetic rubbers to the Bobruisk tire plant for more than ten years.",
			[]string{"Nizhnekamskneftekhim -> Belshina [synthetic rubber] ongoing"}},
		{"a firm that relies on a maker's equipment uses it", "Meanwhile, Elgaugol, which develops the Elga deposit, still relies mainly on Komatsu equipment purchased before 2022.",
			[]string{"Komatsu -> Elgaugol [] ongoing"}},
		{"'took' goods is bought them", "UGC, Yuzhuralzoloto, took seven 45-tonne BELAZ-7547 trucks in the spring.",
			[]string{"BelAZ -> Yuzhuralzoloto [trucks] delivered x7"}},
		{"goods of a second maker in the same purchase", "JSC Novosibirskavtodor bought twelve DZ-98 heavy motor graders from the Chelyabinsk plant ChSDM this year and ten Amkodor 332S4 loaders.",
			[]string{"ChSDM -> Novosibirskavtodor [graders] delivered x12", "Amkodor -> Novosibirskavtodor [loaders] delivered x10"}},
		{"'the joint venture' is the one introduced as such", "Gomselmash and the Novosibirsk company Agrotekh have registered the joint venture Palesse-Sibir. Agrotekh owns 51% of it. Gomselmash owns 49%. The partners will invest 1.2 billion rubles. According to him, the joint venture intends to sell its combines in the Omsk and Tomsk regions.",
			[]string{"Palesse-Sibir -> Omsk Oblast [combine harvesters] planned", "Palesse-Sibir -> Tomsk Oblast [combine harvesters] planned"}},
		{"'the agroholding' is the firm named before", "Khanka Agrarian Company farms 62,000 hectares in Primorye. This spring the agroholding received thirty tractors from the Minsk Tractor Works.",
			[]string{"MTZ -> Khanka Agrarian Company [tractors] delivered x30"}},
		{"'the company' is the firm whose name says company, not the last one named", "Khanka Agrarian Company farms 62,000 hectares. Last year it bought tractors from the Minsk Tractor Works. The company's director said it will buy ten Gomselmash combines next year.",
			[]string{"MTZ -> Khanka Agrarian Company [tractors] delivered", "Gomselmash -> Khanka Agrarian Company [combine harvesters] planned x10"}},
		{"'the city carrier X' is the carrier, not the city", "Izhevsk renews its fleet. MAZ offered the city carrier Tomskavtotrans 40 buses.",
			[]string{"MAZ -> Tomskavtotrans [buses] proposed x40"}},
		{"'our' in an interview is the firm of the director introduced", "The general director of the Mogilev Automobile Plant (MoAZ), Viktor Shumsky, visited Krasnoyarsk.\n\n– What share goes abroad?\n\n– Last year the Almalyk Mining and Metallurgical Combine in Uzbekistan received 20 of our articulated dump trucks.",
			[]string{"MoAZ -> Almalyk MMC [articulated dump trucks] delivered x20"}},
		{"'the parties' after two firms cooperating", "The Minsk Tractor Works has been cooperating with the Chelyabinsk Forge-and-Press Plant for several years. For 2025 the parties signed an agreement on the delivery of 42,000 forgings.",
			[]string{"Chelyabinsk Forge-and-Press Plant -> MTZ [forgings] contracted x42000"}},
		{"'the parties' after two known firms, one a maker of the goods", "MTZ has been cooperating with Severstal for years. The parties signed an agreement on 42,000 tonnes of steel.",
			[]string{"Severstal -> MTZ [steel] contracted"}},
		{"goods that come from a firm go to the firm the paragraph is about", "Grodno Azot is Belarus's largest fertiliser maker. The plant itself depends on Russian raw materials: natural gas for its ammonia lines comes from Gazprom.",
			[]string{"Gazprom -> Grodno Azot [natural gas] ongoing"}},
		{"a discovered firm's short form in brackets names it later", "The Chelyabinsk Forge-and-Press Plant (ChKPZ) makes forgings. Last year ChKPZ shipped 9,800 beams to the Minsk Automobile Plant.",
			[]string{"Chelyabinsk Forge-and-Press Plant -> MAZ [beams] delivered x9800"}},
		{"an article about one firm: its goods whoever the buyer", "Lidselmash increased exports. Lidselmash made 2,000 grain dryers. Lidselmash shipped grain dryers to Russia. Negotiations are under way on the delivery of another ten loaders for farms in the Belgorod region.",
			[]string{"Lidselmash -> Russia [grain dryers] delivered", "Lidselmash -> Belgorod Oblast [loaders] negotiating x10"}},
	} {
		t.Run(test.name, func(t *testing.T) {
			got := supplies(extractText(t, x, test.text))
			if diff := cmp.Diff(test.want, got); diff != "" {
				t.Errorf("Extract(%q) supplies mismatch (-want +got):\n%s", test.text, diff)
			}
		})
	}
}

func TestEvidenceOffsetsAreCharacters(t *testing.T) {
	x := mustExtractor(t)
	body := "«Belarus’ news»\n\nMAZ supplied 150 buses to Arkhangelsk Oblast."
	r := extractText(t, x, body)
	runes := []rune(body)
	for _, rel := range r.Relations {
		for _, ev := range rel.Evidence {
			if got := string(runes[ev.Start:ev.End]); got != ev.Sentence {
				t.Errorf("evidence [%d,%d) spells %q, want %q", ev.Start, ev.End, got, ev.Sentence)
			}
		}
	}
	if len(r.Relations) == 0 {
		t.Fatal("no relations")
	}
}

func TestEntities(t *testing.T) {
	x := mustExtractor(t)
	r := extractText(t, x, "OJSC «Amkodor-Pinsk» and the First Mining Company met Governor Alexander Tsybulsky in Petrozavodsk, Karelia. Belarusian tractors arrived.")
	var got []string
	for _, e := range r.Entities {
		got = append(got, e.Type+":"+e.Name)
	}
	want := []string{"Enterprise:Amkodor-Pinsk", "Enterprise:First Mining Company", "Person:Alexander Tsybulsky",
		"City:Petrozavodsk", "Region:Republic of Karelia", "Country:Belarus", "Product:tractors"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("entities mismatch (-want +got):\n%s", diff)
	}
}

// In trade news "Korean" goods are South Korean.
func TestKoreanIsSouthKorea(t *testing.T) {
	x := mustExtractor(t)
	var got []string
	for _, e := range extractText(t, x, "The fleet consisted mostly of Korean and Chinese buses.").Entities {
		if e.Type == "Country" {
			got = append(got, e.Name)
		}
	}
	if diff := cmp.Diff([]string{"South Korea", "China"}, got); diff != "" {
		t.Errorf("countries mismatch (-want +got):\n%s", diff)
	}
}

// Capitalised words that only look like firms.
func TestNotFirms(t *testing.T) {
	x := mustExtractor(t)
	for _, text := range []string{
		"Cooperation works both ways.",
		"The programme provides for Days of Mordovian Culture in Mogilev in spring 2025.",
		"Since January, the holding has delivered 60 front loaders.",
	} {
		r := extractText(t, x, text)
		for _, e := range r.Entities {
			if e.Type == "Enterprise" {
				t.Errorf("%q: enterprise %q", text, e.Name)
			}
		}
		if r.Relations == nil {
			t.Errorf("%q: relations are nil, want an empty list", text)
		}
	}
}

// Goods named as a field of work or as the way others travel are not
// traded goods.
func TestFieldsAndTransportAreNotGoods(t *testing.T) {
	x := mustExtractor(t)
	for _, text := range []string{
		"In agricultural machinery, the plant has become a key supplier.",
		"The two countries agreed to expand cooperation in microelectronics.",
		"Microelectronics is the most difficult area.",
		"The trucks travel by ferry across the Baltic.",
		"From there the FESCO ferry takes them to Kholmsk.",
		"DNS is one of Russia's largest electronics retailers.",
	} {
		for _, e := range extractText(t, x, text).Entities {
			if e.Type == "Product" && e.Name != "trucks" {
				t.Errorf("%q: product %q", text, e.Name)
			}
		}
	}
}

// TestDevSetQuality scores extraction on the project's annotated dev set
// with the shared scorer and fails when quality falls below the floors
// reached so far. It needs python3 and ../shared/eval/score.py.
func TestDevSetQuality(t *testing.T) {
	scorer := filepath.Join("..", "..", "..", "shared", "eval", "score.py")
	if _, err := os.Stat(scorer); err != nil {
		t.Skipf("no scorer at %s", scorer)
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	x := mustExtractor(t)
	for i, set := range []struct {
		dir                string
		entities, supplies float64
	}{
		{filepath.Join("..", "..", "testdata", "dev"), 0.88, 0.59},
		{filepath.Join("..", "..", "..", "shared", "eval", "dev"), 0.95, 0.95},
	} {
		pred := filepath.Join(t.TempDir(), "pred.jsonl")
		if keep := os.Getenv("TRADEGRAPH_PRED_DIR"); keep != "" {
			pred = filepath.Join(keep, fmt.Sprintf("set%d.jsonl", i)) // kept for inspection
		}
		f, err := os.Create(pred)
		if err != nil {
			t.Fatal(err)
		}
		w := bufio.NewWriter(f)
		files, _ := filepath.Glob(filepath.Join(set.dir, "*.txt"))
		var r source.Reader
		for doc, err := range r.Read(context.Background(), files) {
			if err != nil {
				t.Fatal(err)
			}
			if err := json.NewEncoder(w).Encode(x.Extract(doc)); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(python, scorer, set.dir, pred).CombinedOutput()
		if err != nil {
			t.Fatalf("score.py: %v\n%s", err, out)
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		summary := lines[len(lines)-1]
		t.Logf("%s: %s", set.dir, summary)
		if got := metric(t, summary, "entities_f1"); got < set.entities {
			t.Errorf("%s: entities F1 %.3f below %.2f\n%s", set.dir, got, set.entities, out)
		}
		if got := metric(t, summary, "supplies_f1"); got < set.supplies {
			t.Errorf("%s: supplies F1 %.3f below %.2f\n%s", set.dir, got, set.supplies, out)
		}
	}
}

func metric(t *testing.T, summary, name string) float64 {
	m := regexp.MustCompile(name + `=([0-9.]+)`).FindStringSubmatch(summary)
	if m == nil {
		t.Fatalf("no %s in %q", name, summary)
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func FuzzExtract(f *testing.F) {
	for _, seed := range []string{"", "MAZ supplied 150 buses to Arkhangelsk Oblast.", "the region's «", "We. You. The plant.",
		"OJSC «» – -", "1,200 2022-2023 No. 8 ,,,", "Bryansk, Kursk and Oryol regions", "\xff\xfe MAZ"} {
		f.Add(seed)
	}
	x := mustExtractor(f)
	f.Fuzz(func(t *testing.T, body string) {
		r := x.Extract(&source.Document{ID: "article:fuzz", Origin: "fuzz", Text: body})
		n := len([]rune(body))
		for _, rel := range r.Relations {
			for _, ev := range rel.Evidence {
				if ev.Start < 0 || ev.End > n || ev.Start > ev.End {
					t.Fatalf("evidence [%d,%d) outside %d characters", ev.Start, ev.End, n)
				}
			}
		}
	})
}

// BenchmarkExtract measures extraction over the dev articles (about 3 KB
// each) on one goroutine; articles/s is the figure the README reports.
// "rules" leaves the pair model out, to show what it costs.
func BenchmarkExtract(b *testing.B) {
	x := mustExtractor(b)
	b.Run("rules", func(b *testing.B) { benchmarkExtract(b, x.WithPairModel(nil)) })
	b.Run("rules+pairs", func(b *testing.B) { benchmarkExtract(b, x) })
}

func benchmarkExtract(b *testing.B, x *Extractor) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "dev", "*.txt"))
	var docs []*source.Document
	var r source.Reader
	size := 0
	for doc, err := range r.Read(context.Background(), files) {
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc)
		size += len(doc.Text)
	}
	b.SetBytes(int64(size / len(docs)))
	b.ResetTimer()
	n := 0
	for b.Loop() {
		x.Extract(docs[n%len(docs)])
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// An interview introduced as one with a firm's director speaks for the
// firm even when the firm is named too seldom to be the article's.
func TestIntervieweeSpeaksForFirm(t *testing.T) {
	x := mustExtractor(t)
	title := "Gomel Chemical Plant director on sulphur and Russian farmers"
	text := title + "\n\nDirector general Sergei Klimenkov told our correspondent about raw materials.\n\n" +
		"– Where does the sulphur come from?\n\n– We buy sulphur from Naftan.\n\n" +
		"– And what about exports?\n\n– Lukoil is a competitor too."
	doc := &source.Document{ID: "article:test", Origin: "test.txt", Title: title, Text: text}
	got := supplies(x.WithPairModel(nil).Extract(doc))
	if !slices.Contains(got, "Naftan -> Gomel Chemical Plant [sulfur] ongoing") {
		t.Errorf("the interviewee's firm buys nothing: %v", got)
	}
}

// A scraped page often prints the headline again as the body's first
// line; both are the headline, which never makes a deal of its own.
func TestRepeatedHeadlineIsTitle(t *testing.T) {
	x := mustExtractor(t)
	title := "Tyumen farmers receive 38 new Palesse combines"
	doc := &source.Document{ID: "article:test", Origin: "test.txt", Title: title,
		Text: title + "\n\n" + title + "\n\nThirty-eight grain combines made by Gomselmash were handed over to farms of the Tyumen region on 18 July."}
	got := supplies(x.Extract(doc))
	want := []string{"Gomselmash -> Tyumen Oblast [combine harvesters] delivered x38"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("supplies mismatch (-want +got):\n%s", diff)
	}
}

// A headline's "Belarusian tractors" sums up the body's firms that
// supply tractors, whoever receives them there.
func TestHeadlineCountrySumsUpBodyFirms(t *testing.T) {
	x := mustExtractor(t)
	title := "Smolensk farmers renew machine fleet with Belarusian tractors"
	doc := &source.Document{ID: "article:test", Origin: "test.txt", Title: title,
		Text: title + "\n\nThe agroholding Vazuza-Agro bought 12 tractors from the Minsk Tractor Works."}
	got := supplies(x.WithPairModel(nil).Extract(doc))
	want := []string{"MTZ -> Vazuza-Agro [tractors] delivered x12"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("supplies mismatch (-want +got):\n%s", diff)
	}
}

// A headline's "Belarusian manufacturer to deliver trolleybuses to
// Yekaterinburg" is the body's deal of a firm with a buyer based there.
func TestHeadlineCountryIsBodyFirm(t *testing.T) {
	x := mustExtractor(t)
	title := "Belarusian manufacturer to deliver 31 trolleybuses to Yekaterinburg"
	doc := &source.Document{ID: "article:test", Origin: "test.txt", Title: title,
		Text: title + "\n\nThe municipal enterprise \"Gortrans\" of Yekaterinburg has chosen Belkommunmash, which will supply 31 trolleybuses to Gortrans."}
	got := supplies(x.Extract(doc))
	for _, s := range got {
		if strings.HasPrefix(s, "Belarus ->") {
			t.Errorf("headline country kept beside the body firm: %v", got)
		}
	}
}

// TestDiscoveredEnterprises checks how firms the gazetteer lacks are read
// from the way news name them.
func TestDiscoveredEnterprises(t *testing.T) {
	x := mustExtractor(t)
	for _, test := range []struct {
		name string
		text string
		want []string // discovered enterprises, in order
	}{
		{"name before an organisation phrase", "The combines were handed over to the Urozhai agricultural company.",
			[]string{"Urozhai"}},
		{"a name that makes goods", "Incotex, which makes the well-known Mercury meters, buys our microcontrollers.",
			[]string{"Incotex"}},
		{"a name in apposition to an organisation noun", "It signed a contract with the state pharmacy organisation of Krasnodar Krai, Kubanfarmatsiya, for 2.2 million packs.",
			[]string{"Kubanfarmatsiya"}},
		{"the other party of talks after the goods", "We are negotiating a large supply of LED driver microcircuits with Lumenex in St. Petersburg.",
			[]string{"Lumenex"}},
		{"a retailer named by its stores", "Its cheeses have been on the shelves of the Magnum stores since February.",
			[]string{"Magnum"}},
		{"an operator's park after an organisation noun, its city after it", "The municipal enterprise Gorodskoy Avtobusny Park of Blagoveshchensk signed a contract for 35 buses.",
			[]string{"Gorodskoy Avtobusny Park"}},
		{"a place glued to an unknown word names a firm of the place", "Dmitry Voronin, general director of Yugra-Neftegazservis, said the trucks went to Kuzbass-Trans.",
			[]string{"Yugra-Neftegazservis", "Kuzbass-Trans"}},
		{"a number after a hyphen belongs to the name", "The plant supplies slate to the Bryansk building materials chain Stroydvor-32, which sells it through 18 stores.",
			[]string{"Stroydvor-32"}},
		{"a Russian farm title before the name", "The dryers were installed at Agrofirma Zolotaya Niva last year.",
			[]string{"Zolotaya Niva"}},
		{"combinat is a kombinat", "BelAZ trucks work at the Navoi Mining and Metallurgical Combinat in Uzbekistan.",
			[]string{"Navoi Mining and Metallurgical Combinat"}},
		{"role noun before a hyphenated name", "In the south we work with the Volgograd distributor Keram-Yug.",
			[]string{"Keram-Yug"}},
		{"role noun after a possessive", "Repairs will be carried out by the company's dealer Agrotekhservis.",
			[]string{"Agrotekhservis"}},
		{"hyphenated name after from", "Now we get kaolin from Plast-Rifey in the Chelyabinsk region.",
			[]string{"Plast-Rifey"}},
		{"a place joined to a name", "The municipal carrier Kaliningrad-GorTrans intends to buy 40 buses.",
			[]string{"Kaliningrad-GorTrans"}},
		{"organisation of a country", "KAMAZ is in talks with the Food Corporation of Kazakhstan on 150 grain trucks.",
			[]string{"Food Corporation of Kazakhstan"}},
		{"subsidiary name runs to its organisation word", "The ambassador visited UEC-Perm Motors in Perm.",
			[]string{"UEC-Perm Motors"}},
		{"municipal transport firm", "The contract was signed by the municipal enterprise Smolensk Tram and Trolleybus Administration.",
			[]string{"Smolensk Tram and Trolleybus Administration"}},
		{"appositive says what the name is", "It signed a contract with Gidrostroy, the fishing company based on Iturup.",
			[]string{"Gidrostroy"}},
		{"a name with a country in it", "Belshina signed a contract with the distributor ShinTrade Kazakhstan.",
			[]string{"ShinTrade Kazakhstan"}},
		{"producers like", "Russian producers like Kerama Marazzi have modernised their plants.",
			[]string{"Kerama Marazzi"}},
		{"no firm inside an event name", "He laid flowers at the monument to the soldiers of the Great Patriotic War in Perm.", nil},
		{"an abbreviation of goods is no firm", "The plant buys purified terephthalic acid (PTA) abroad. Polief, the PTA producer in Ufa, is upgrading.", nil},
		{"a common word opening a sentence is no firm", "Cooperation works both ways.", nil},
		{"an agro cluster is a firm", "The machines went to the Navbahor Agro cluster.", []string{"Navbahor Agro"}},
		{"a place's cluster is no firm", "The machines went to the Kaluga automotive cluster.", nil},
		{"a place then for opens no name", "The first machines were shipped to Uzbekistan for the Navbahor Agro cluster.", []string{"Navbahor Agro"}},
		{"a long name and its short form in brackets are one firm", "The Ural Transport Machinery Plant (Uraltransmash) handed over 22 trams.", nil},
		{"the other party of an order", "The Brest-based Gefest has received an order from Arkhangelskoblgaz for gas stoves.",
			[]string{"Arkhangelskoblgaz"}},
		{"a demonym before a spelt-out legal form", "BPC signed a contract with Ghanaian Farm Inputs Limited for the supply of potash.",
			[]string{"Ghanaian Farm Inputs"}},
		{"a known subsidiary before a legal form is read once", `SberLeasing, a leasing company of Sber, and MAZ-RUS LLC, the official distributor of OJSC "MAZ", have signed an agreement.`, []string{"MAZ-RUS"}},
		{"a mining and processing plant", "Belshina shipped 24 tyres to Gaisky GOK.", []string{"Gaisky GOK"}},
		{"a city before a plant of something", "The Kaluga Plant of Automotive Electrical Equipment (KZATE) will double its supplies.",
			[]string{"Kaluga Plant of Automotive Electrical Equipment"}},
		{"glued Russian names", "Amkodor proposed graders to Tulaavtodor, and Naftan sells bitumen to Smolenskavtodor.",
			[]string{"Tulaavtodor", "Smolenskavtodor"}},
		{"an English word with a stem inside is no firm", "Almost all of them were Vehicles.", nil},
		{"a known firm then a place names its subsidiary", "Polyus Aldan, the company's subsidiary in Yakutia, tests a truck.",
			[]string{"Polyus Aldan"}},
		{"talks with a state-owned firm", "Negotiations with the state-owned Agro Nusantara are continuing.", []string{"Agro Nusantara"}},
		{"a hyphenated name joined by and", "MTZ ships spare parts to the Chelyabinsk Forge-and-Press Plant.", []string{"Chelyabinsk Forge-and-Press Plant"}},
		{"a long fund name placed in a region", "Mogilevliftmash signed a contract with the Regional Fund for Capital Repair of Apartment Buildings of the Vladimir Region for 90 elevators.",
			[]string{"Regional Fund for Capital Repair of Apartment Buildings of the Vladimir Region"}},
		{"a place and a capitalised word of goods after a role noun", "The buses went to the city's operator Shymkent Bus.", []string{"Shymkent Bus"}},
		{"a hyphenated glued name is read whole", "MTZ and its dealer, Volga-Agrotekhnika, agreed on deliveries.", []string{"Volga-Agrotekhnika"}},
		{"a contract with the Fund is no new firm", "The Fund for Capital Repair signed it. Mogilevliftmash has a contract with the Fund.", []string{"Fund for Capital Repair"}},
		{"a known firm's name run on by a hyphen after a legal form", "LLC MTZ-Altai assembles tractors.", []string{"MTZ-Altai"}},
		{"a municipal enterprise with a number", "This year our municipal enterprise KPATP-5 signed a contract for 45 buses.", []string{"KPATP-5"}},
		{"a place-led name closed by a legal form", "The buses were purchased by the city carrier Oskemen Avtobus Park LLP.", []string{"Oskemen Avtobus Park"}},
		{"a place-led name after an organisation noun", "The loaders went to the municipal enterprise Oskemen Spetsavtobaza.", []string{"Oskemen Spetsavtobaza"}},
		{"an acronym and a name are not one firm", "Chinese makers SJEC and Canny Elevator offer cheaper lifts.", nil},
		{"a person described by the company's title is no firm", "\"We grew,\" Andrei Lutsevich, the company's commercial director, told Kommersant.", nil},
		{"a Russian municipal institution's legal form", "Last year the road maintenance service of Chelyabinsk, MBU DEUK, received 30 tractors.", []string{"DEUK"}},
		{"a regional operator of capital repairs", "In the Chelyabinsk region the Regional Operator of Capital Repairs signed a contract for 1,200 elevators.",
			[]string{"Regional Operator of Capital Repairs"}},
		{"talks with a person are no firm", "The minister held talks with Ivanov on the supply of buses.", nil},
		{"a discovered short form in brackets names the same firm", "The Kolomna Bus Works (KBW) handed over 22 buses.",
			[]string{"Kolomna Bus Works"}},
	} {
		t.Run(test.name, func(t *testing.T) {
			var got []string
			for _, e := range extractText(t, x, test.text).Entities {
				if e.Type == "Enterprise" && !e.Known {
					got = append(got, e.Name)
					if e.Confidence >= confGazetteer {
						t.Errorf("%s: confidence %.2f, want below the gazetteer's", e.Name, e.Confidence)
					}
				}
			}
			if diff := cmp.Diff(test.want, got); diff != "" {
				t.Errorf("Extract(%q) discovered enterprises mismatch (-want +got):\n%s", test.text, diff)
			}
		})
	}
}

// TestNumberWordsAreNoGoods checks that a count written as a word, which
// may follow a supply word, never becomes a discovered product.
func TestNumberWordsAreNoGoods(t *testing.T) {
	x := mustExtractor(t)
	r := extractText(t, x, "A Russian plant orders engines in batches. Long-term contracts of three to five years are needed.")
	for _, e := range r.Entities {
		if e.Type == "Product" && (e.Name == "three" || e.Name == "five") {
			t.Errorf("product %q from a number word", e.Name)
		}
	}
}

// TestDiscoveredCountry checks that a discovered firm gets the country the
// text ties it to, so that the API's country filters find it.
func TestDiscoveredCountry(t *testing.T) {
	x := mustExtractor(t)
	for _, test := range []struct {
		text, firm, country string
	}{
		{"In Kuzbass, the Kemerovo municipal enterprise Spetsavtokhozyaistvo bought twelve tractors.", "Spetsavtokhozyaistvo", "country:ru"},
		{"The Russian road company Tulaavtodor bought graders.", "Tulaavtodor", "country:ru"},
		{"The buses were purchased by the city carrier Oskemen Avtobus Park LLP.", "Oskemen Avtobus Park", "country:kz"},
		{"MAZ signed a contract with MUP Gorelektrotrans for buses.", "Gorelektrotrans", "country:ru"},
	} {
		t.Run(test.firm, func(t *testing.T) {
			for _, e := range extractText(t, x, test.text).Entities {
				if e.Name == test.firm {
					if e.Country != test.country {
						t.Errorf("%s: country %q, want %q", e.Name, e.Country, test.country)
					}
					return
				}
			}
			t.Errorf("Extract(%q): no enterprise %s", test.text, test.firm)
		})
	}
}

// TestExtractCheckedTurnsPanicIntoError checks that a failure inside the
// rules costs one document, not the run: a nil document makes Extract
// panic, and ExtractChecked reports it as an error instead.
func TestExtractCheckedTurnsPanicIntoError(t *testing.T) {
	x := mustExtractor(t)
	if _, err := x.ExtractChecked(nil); err == nil || !strings.Contains(err.Error(), "internal error") {
		t.Fatalf("ExtractChecked(nil) error = %v, want an internal error", err)
	}
	if _, err := x.TraceChecked(nil); err == nil || !strings.Contains(err.Error(), "internal error") {
		t.Fatalf("TraceChecked(nil) error = %v, want an internal error", err)
	}
	doc := &source.Document{ID: "article:ok", Origin: "ok.txt", Text: "MAZ supplied 150 buses to Arkhangelsk Oblast."}
	res, err := x.ExtractChecked(doc)
	if err != nil || len(res.Relations) == 0 {
		t.Fatalf("ExtractChecked(ok.txt) = %v, %v; want facts and no error", res, err)
	}
}

// TestSameOutputEveryRun checks that reading a text twice gives the same
// output, down to the order of spellings: Go's maps iterate at random.
func TestSameOutputEveryRun(t *testing.T) {
	x := mustExtractor(t)
	body, err := os.ReadFile(filepath.Join("..", "..", "testdata", "dev", "b-kamaz-belarus.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var first []byte
	for i := range 8 {
		got, err := json.Marshal(extractText(t, x, string(body)))
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = got
		} else if string(got) != string(first) {
			t.Fatalf("run %d differs from the first:\n%s\n%s", i, first, got)
		}
	}
}

// A headline that opens with the firm named most often makes it the
// article's firm, even when other firms together are named more: its
// exports are its own, not the country's.
func TestHeadlineFirmIsTheArticlesFirm(t *testing.T) {
	x := mustExtractor(t).WithPairModel(nil)
	var r source.Reader
	for doc, err := range r.Read(context.Background(), []string{filepath.Join("..", "..", "testdata", "dev", "l-belkard-cardan-shafts-kirovets.txt")}) {
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(supplies(x.Extract(doc)), "\n")
		for _, want := range []string{"Belcard -> Kazakhstan", "Belcard -> Serbia"} {
			if !strings.Contains(got, want+" ") {
				t.Errorf("no %q among\n%s", want, got)
			}
		}
		if strings.Contains(got, "Belarus -> Kazakhstan") {
			t.Errorf("the country exports in the firm's stead:\n%s", got)
		}
	}
}

// In an interview whose speaker is introduced without the firm's name,
// "we" is the firm the article is about.
func TestInterviewWeIsTheArticlesFirm(t *testing.T) {
	x := mustExtractor(t).WithPairModel(nil)
	body := "BELAZ expects to ship more than 500 mining dump trucks to Russia this year. BELAZ exhibits in Novokuznetsk. " +
		"Deputy Director General for Sales Viktor Goncharik told TASS about new contracts.\n\n" +
		"- How has the market changed?\n\n- Russia accounts for seventy percent of BELAZ exports.\n\n" +
		"- Who are your largest customers?\n\n- Yesterday we signed a contract with SUEK-Kuzbass for 24 trucks."
	got := strings.Join(supplies(extractText(t, x, body)), "\n")
	if !strings.Contains(got, "BelAZ -> SUEK-Kuzbass [trucks] contracted x24") {
		t.Errorf("supplies:\n%s\nwant BelAZ -> SUEK-Kuzbass [trucks] contracted x24", got)
	}
}

// Goods sent to the home city of the firm an article is about go to the
// firm: "supplied to Bobruisk" in a Belshina press release.
func TestGoodsToTheArticlesFirmsCity(t *testing.T) {
	x := mustExtractor(t).WithPairModel(nil)
	title := "Belshina ships tyres to Kuzbass"
	body := "Belshina has shipped 120 large tyres to Kuzbass miners. Belshina makes tyres for dump trucks. " +
		"Belshina plans to raise exports. Synthetic rubber is supplied to Bobruisk by PJSC Nizhnekamskneftekhim."
	doc := &source.Document{ID: "article:test", Origin: "test.txt", Title: title, Text: title + "\n\n" + body}
	got := strings.Join(supplies(x.Extract(doc)), "\n")
	if !strings.Contains(got, "Nizhnekamskneftekhim -> Belshina [synthetic rubber]") {
		t.Errorf("supplies:\n%s\nwant Nizhnekamskneftekhim -> Belshina [synthetic rubber]", got)
	}
}

// An order told with the part of it already done is two supplies: the
// order contracted and the part delivered.
func TestPartOfOrderDelivered(t *testing.T) {
	x := mustExtractor(t).WithPairModel(nil)
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"The first ten of 25 BKM 32100D trolleybuses made by the Belarusian holding Belkommunmash have arrived in Petrozavodsk.",
			[]string{"Belkommunmash -> Petrozavodsk [trolleybuses] delivered x10", "Belkommunmash -> Petrozavodsk [trolleybuses] contracted x25"}},
		{"The municipal enterprise KPATP-5 signed a contract with MAZ for forty-five buses, and seventeen of them are already on the routes.",
			[]string{"MAZ -> KPATP-5 [buses] contracted x45", "MAZ -> KPATP-5 [buses] delivered x17"}},
	} {
		doc := &source.Document{ID: "article:test", Origin: "test.txt", Text: tc.text}
		got := supplies(x.Extract(doc))
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%q: supplies mismatch (-want +got):\n%s", tc.text, diff)
		}
	}
}

// A word of use before the verb of the statement does not stand for it:
// "with an autonomous running range ... were purchased by X".
func TestPurchaseVerbOutranksWordOfUse(t *testing.T) {
	toks := text.Tokenize("The vehicles with an autonomous running range of up to 20 km were purchased by the city.", 0)
	trs := findTriggers(toks, nil)
	if len(trs) != 1 || toks[trs[0].at].Norm != "purchased" || !trs[0].get || !trs[0].passive {
		var words []string
		for _, tr := range trs {
			words = append(words, toks[tr.at].Norm)
		}
		t.Errorf("triggers = %v, want one: purchased (get, passive)", words)
	}
}

// A number right after a maker's name is its model, not a count.
func TestModelNumberAfterMakerIsNoCount(t *testing.T) {
	checkRuleSupplies(t, "Amkodor supplied Amkodor 2551 forwarders to the Arkhangelsk Pulp and Paper Mill.",
		[]string{"Amkodor -> Arkhangelsk Pulp and Paper Mill [forwarders] delivered"})
}

// A bare word that ends the name of goods the article named is those
// goods: "harvesters" after "forage harvesters" are no forestry machines.
func TestShortFormOfNamedGoods(t *testing.T) {
	x := mustExtractor(t).WithPairModel(nil)
	doc := &source.Document{ID: "article:test", Origin: "test.txt",
		Text: "The farm bought 12 PALESSE forage harvesters from Gomselmash. The harvesters worked through the whole season."}
	products := productNames(x.Extract(doc))
	if want := []string{"forage harvesters"}; !slices.Equal(products, want) {
		t.Errorf("products = %v, want %v", products, want)
	}
}

// Goods that name what a worker or a tool works with are no goods of
// their own: "sand spreaders", "grain traders".
func TestGoodsBeforeAgentNoun(t *testing.T) {
	x := mustExtractor(t).WithPairModel(nil)
	doc := &source.Document{ID: "article:test", Origin: "test.txt",
		Text: "The road company received eight MAZ dump trucks fitted with sand spreaders."}
	if products := productNames(x.Extract(doc)); slices.Contains(products, "sand") {
		t.Errorf("products = %v, want no sand", products)
	}
}

// Goods named as the first half of a hyphenated word, and the lone cab
// of a machine being described, are no goods; cabs supplied as goods and
// goods joined to goods stay.
func TestGoodsAsModifiersAndTheCab(t *testing.T) {
	x := mustExtractor(t).WithPairModel(nil)
	cases := []struct {
		text      string
		want, not string
	}{
		{"Gomselmash supplied 40 combines to the grain-growing regions of Kazakhstan.", "combine harvesters", "grain"},
		{"The farm received ten Belarus tractors. The cab is warm and the mirrors are heated.", "tractors", "truck cabs"},
		{"Severstal supplies rolled steel for frames and cabs to MAZ.", "truck cabs", ""},
	}
	for _, c := range cases {
		products := productNames(x.Extract(&source.Document{ID: "article:test", Origin: "test.txt", Text: c.text}))
		if !slices.Contains(products, c.want) || c.not != "" && slices.Contains(products, c.not) {
			t.Errorf("%q: products = %v, want %q and no %q", c.text, products, c.want, c.not)
		}
	}
}

// A firm described by its goods and a maker noun, before its name or in
// an apposition, makes those goods, which decides who supplies whom
// under a contract between two firms nobody lists.
func TestMakerNounDescribesFirm(t *testing.T) {
	for _, text := range []string{
		"The float glass manufacturer LLC «Zarya-Steklo» signed a contract with LLC «OknaStroyService» for the supply of float glass.",
		"LLC «Zarya-Steklo», a Russian float glass maker, signed a contract with LLC «OknaStroyService» for the supply of float glass.",
	} {
		checkRuleSupplies(t, text, []string{"Zarya-Steklo -> OknaStroyService [glass] contracted"})
	}
}

// The place of an agency dateline, cut from the text by the reader, is an
// entity of the article; an unknown word there adds nothing.
func TestDatelinePlaceIsAnEntity(t *testing.T) {
	x := mustExtractor(t)
	for place, want := range map[string]string{"MINSK": "Minsk", "ST. PETERSBURG": "Saint Petersburg", "OUR CORRESPONDENT": ""} {
		doc := &source.Document{ID: "article:test", Origin: "test.txt", Dateline: place,
			Text: "Residents of Russia bought butter on the exchange."}
		places := entityNames(x.Extract(doc), "City", "Region")
		if want == "" && len(places) > 0 || want != "" && !slices.Equal(places, []string{want}) {
			t.Errorf("dateline %q: places %v, want %q", place, places, want)
		}
	}
}

// productNames lists the names of the goods a result names.
func productNames(res *Result) []string { return entityNames(res, "Product") }

// entityNames lists the names of a result's entities of the given types.
func entityNames(res *Result, types ...string) []string {
	var out []string
	for _, e := range res.Entities {
		if slices.Contains(types, e.Type) {
			out = append(out, e.Name)
		}
	}
	return out
}

// What a receiver was said to get, told maker by maker in the next
// sentences, goes to that receiver.
func TestMakersPartsOfAReceipt(t *testing.T) {
	checkRuleSupplies(t, "The fleet of the institution «Orenburgdorservis» has been replenished with 24 new units of machinery.\n\n"+
		"The Amkodor holding supplied six Amkodor 342C4 front loaders. Four motor graders were supplied by the Bryansk Arsenal plant.",
		[]string{"Amkodor -> Orenburgdorservis [front loaders] delivered x6", "Bryansk Arsenal -> Orenburgdorservis [graders] delivered x4"})
}

// A short form in brackets after a known firm names it later in the text.
func TestShortFormOfKnownFirm(t *testing.T) {
	checkRuleSupplies(t, "The Shcherbinka Elevator Plant (ShchLZ) is the largest Russian maker of lifts. Last year ShchLZ supplied 2,700 lifts to the Moscow region.",
		[]string{"Shcherbinka Elevator Plant -> Moscow Oblast [lifts] delivered x2700"})
}

// checkRuleSupplies compares the supplies the rules alone read in text
// with want.
func checkRuleSupplies(t *testing.T, text string, want []string) {
	t.Helper()
	doc := &source.Document{ID: "article:test", Origin: "test.txt", Text: text}
	got := supplies(mustExtractor(t).WithPairModel(nil).Extract(doc))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("supplies mismatch (-want +got):\n%s", diff)
	}
}

// A port named in full is the company that runs it; a port named by its
// town alone is the town.
func TestNamedPortIsAFirm(t *testing.T) {
	checkRuleSupplies(t, "Amkodor is in talks with the Vladivostok Commercial Sea Port on the supply of forklifts.",
		[]string{"Amkodor -> Vladivostok Commercial Sea Port [forklifts] negotiating"})
	checkRuleSupplies(t, "Amkodor shipped ten forklifts to the port of Vanino.",
		[]string{"Amkodor -> Vanino [forklifts] delivered x10"})
}

// A name introduced by where it is based is a firm, even opening the
// sentence.
func TestBasedInNamesAFirm(t *testing.T) {
	checkRuleSupplies(t, "Uralasbest, based in the town of Asbest, operates about seventy BELAZ dump trucks.",
		[]string{"BelAZ -> Uralasbest [dump trucks] ongoing x70"})
}

// "X runs them": the subject operates the goods just told.
func TestRunsThemNamesTheUser(t *testing.T) {
	checkRuleSupplies(t, "MAZ supplied 85 buses to Krasnoyarsk. The municipal enterprise KPATP-5 runs them on the busiest routes.",
		[]string{"MAZ -> Krasnoyarsk [buses] delivered x85", "MAZ -> KPATP-5 [buses] ongoing"})
}

// A firm named at the end of a quote is not the speaker's firm: "...
// seventy Belkommunmash vehicles," the president said.
func TestQuotedFirmIsNotTheSpeaker(t *testing.T) {
	x := mustExtractor(t).WithPairModel(nil)
	text := "\"We supplied buses to your city, and the depot operates seventy Belkommunmash vehicles,\" the president said.\n\n" +
		"\"We are ready to supply Kaluga with more buses.\""
	got := supplies(x.Extract(&source.Document{ID: "article:test", Origin: "test.txt", Text: text}))
	if slices.Contains(got, "Belkommunmash -> Kaluga [buses] delivered") || slices.Contains(got, "Belkommunmash -> Kaluga [buses] proposed") {
		t.Errorf("the president's \"we\" read as Belkommunmash: %v", got)
	}
}

// "supplied 420 to the region, and the Fund has ordered another 150": two
// deals, not one handed on to the fund.
func TestAnotherOrderIsADealOfItsOwn(t *testing.T) {
	checkRuleSupplies(t, "Turchin met the governor of Sverdlovsk Oblast.\n\n"+
		"Mogilevliftmash has supplied 420 elevators to Sverdlovsk Oblast, and this year the Regional Capital Repair Fund has ordered another 150.",
		[]string{"Mogilevliftmash -> Sverdlovsk Oblast [elevators] delivered x420",
			"Mogilevliftmash -> Regional Capital Repair Fund [elevators] contracted x150"})
}

// Two known firms with their legal forms in a row stay two known firms:
// no name found across them cuts the second in two.
func TestListedLegalFormsKeepKnownNames(t *testing.T) {
	x := mustExtractor(t).WithPairModel(nil)
	doc := &source.Document{ID: "article:test", Origin: "test.txt",
		Text: "The exporters are OJSC Brest Meat Processing Plant and OJSC Grodno Meat Processing Plant."}
	firms := entityNames(x.Extract(doc), "Enterprise")
	if want := []string{"Brest Meat Processing Plant", "Grodno Meat Processing Plant"}; !slices.Equal(firms, want) {
		t.Errorf("firms = %v, want %v", firms, want)
	}
}

// A capitalised goods word after "the <place> company" is the company's
// name.
func TestGoodsWordNamedAsFirm(t *testing.T) {
	checkRuleSupplies(t, "The Tambov company Pigment supplies organic pigments to the Lida-based paint maker Lakokraska.",
		[]string{"Pigment -> Lakokraska [pigments] ongoing"})
}

// Several words may describe the kind of firm before its name:
// "to the regional road maintenance company LLC Volgodorservis".
func TestLongFirmDescriptionKeepsThePreposition(t *testing.T) {
	checkRuleSupplies(t, "Amkodor delivered 12 front loaders to the regional road maintenance company LLC Volgodorservis.",
		[]string{"Amkodor -> Volgodorservis [front loaders] delivered x12"})
}

// A legal form after a name ends it: "Agrofirma Rodina LLP of the
// Tselinograd district" is Agrofirma Rodina LLP.
func TestLegalFormEndsTheName(t *testing.T) {
	checkRuleSupplies(t, "Agrofirma Rodina LLP of the Tselinograd district bought six combines from Gomselmash.",
		[]string{"Gomselmash -> Rodina [combine harvesters] delivered x6"})
}

// A model number after a brand and a space names the maker, not the
// country: "BELARUS 3522", "Belarus 1221.3"; a year does not.
func TestBrandWithModelNumber(t *testing.T) {
	x := mustExtractor(t).WithPairModel(nil)
	for text, want := range map[string]string{
		"The farm bought five BELARUS 3522 tractors.":    "Enterprise",
		"The bulk are the Belarus 1221.3 and the 82.1.":  "Enterprise",
		"In Belarus 2025 was a good year for exporters.": "Country",
	} {
		var got string
		for _, e := range x.Extract(&source.Document{ID: "article:test", Origin: "test.txt", Text: text}).Entities {
			if e.Name == "MTZ" || e.Name == "Belarus" {
				got = e.Type
			}
		}
		if got != want {
			t.Errorf("%q: Belarus read as %q, want %s", text, got, want)
		}
	}
}

// A fair is no firm, where the text calls it a fair and after.
func TestFairIsNoFirm(t *testing.T) {
	x := mustExtractor(t).WithPairModel(nil)
	doc := &source.Document{ID: "article:test", Origin: "test.txt",
		Text: "Enterprises of Mogilev Oblast have signed contracts at the Innoprom 2025 international industrial trade fair in Yekaterinburg. Our task at Innoprom was to sign papers."}
	for _, e := range x.Extract(doc).Entities {
		if e.Type == "Enterprise" {
			t.Errorf("enterprise %q in a text that names none", e.Name)
		}
	}
}

// "X, the operator's fleet ..." says nothing of what X is: here X is a
// person, named in full before.
func TestPossessiveAfterNameIsNoDescription(t *testing.T) {
	x := mustExtractor(t).WithPairModel(nil)
	doc := &source.Document{ID: "article:test", Origin: "test.txt",
		Text: "According to the director general of the company, Denis Kharitonov, the operator's fleet of 126 garbage trucks is worn out. The choice, Kharitonov explained, was determined by price."}
	for _, e := range x.Extract(doc).Entities {
		if e.Type == "Enterprise" && strings.Contains(e.Name, "Kharitonov") {
			t.Errorf("the person Kharitonov read as the firm %q", e.Name)
		}
	}
}
