package gazetteer

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"

	"tradegraph/loader/text"
)

//go:embed data/*.yaml
var embedded embed.FS

// The data files, in the order they are read: later kinds refer to earlier
// ones (a city names its region, an enterprise its city and products).
var fileKinds = []string{"countries", "regions", "cities", "products", "enterprises", "persons"}

type countryRow struct {
	ISO2     string   `yaml:"iso2"`
	Name     string   `yaml:"name"`
	Capital  string   `yaml:"capital"`
	Aliases  []string `yaml:"aliases"`
	Demonyms []string `yaml:"demonyms"`
}

type regionRow struct {
	ISO      string   `yaml:"iso"`
	ID       string   `yaml:"id"`
	Name     string   `yaml:"name"`
	Kind     string   `yaml:"kind"`
	Country  string   `yaml:"country"`
	Capital  string   `yaml:"capital"`
	Aliases  []string `yaml:"aliases"`
	Demonyms []string `yaml:"demonyms"`
	Note     string   `yaml:"note"`
}

type cityRow struct {
	ID      string   `yaml:"id"`
	Name    string   `yaml:"name"`
	Country string   `yaml:"country"`
	Region  string   `yaml:"region"`
	Aliases []string `yaml:"aliases"`
}

type productRow struct {
	ID       string   `yaml:"id"`
	Name     string   `yaml:"name"`
	Category string   `yaml:"category"`
	Broader  string   `yaml:"broader"`
	Aliases  []string `yaml:"aliases"`
}

type enterpriseRow struct {
	ID       string   `yaml:"id"`
	Name     string   `yaml:"name"`
	Aliases  []string `yaml:"aliases"`
	Country  string   `yaml:"country"`
	City     string   `yaml:"city"`
	Region   string   `yaml:"region"`
	Parent   string   `yaml:"parent"`
	Sector   string   `yaml:"sector"`
	Products []string `yaml:"products"`
}

type personRow struct {
	ID      string   `yaml:"id"`
	Name    string   `yaml:"name"`
	Aliases []string `yaml:"aliases"`
	Country string   `yaml:"country"`
	Role    string   `yaml:"role"`
}

// Load reads the embedded gazetteer and then, when overrideDir is not
// empty, every *.yaml file there whose name starts with a kind
// ("enterprises-extra.yaml", "products.yaml", ...). An override entry with
// the id of an embedded one replaces it; others are added.
func Load(overrideDir string) (*Gazetteer, error) {
	fsyss := []fs.FS{mustSub(embedded, "data")}
	if overrideDir != "" {
		if _, err := os.Stat(overrideDir); err != nil {
			return nil, fmt.Errorf("gazetteer directory: %w", err)
		}
		fsyss = append(fsyss, os.DirFS(overrideDir))
	}
	return LoadFS(fsyss...)
}

// LoadFS reads gazetteer files from each file system in turn.
func LoadFS(fsyss ...fs.FS) (*Gazetteer, error) {
	b := &builder{g: &Gazetteer{byID: map[string]*Entity{}}, names: map[Type]map[string]string{}}
	for _, kind := range fileKinds {
		for _, fsys := range fsyss {
			files, err := fs.Glob(fsys, kind+"*.yaml")
			if err != nil {
				return nil, fmt.Errorf("list %s files: %w", kind, err)
			}
			for _, file := range files {
				if err := b.readFile(fsys, file, kind); err != nil {
					return nil, err
				}
			}
		}
		if kind == "cities" {
			b.linkCapitals()
		}
	}
	if len(b.errs) > 0 {
		return nil, errors.Join(b.errs...)
	}
	if err := b.g.index(); err != nil {
		return nil, err
	}
	return b.g, nil
}

func mustSub(fsys fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	return sub
}

// builder turns rows into entities, resolving the names rows use for each
// other (a city's region by ISO code or name, an enterprise's products by
// name) into ids.
type builder struct {
	g *Gazetteer
	// names maps, per type, a lowercased name or alias (or ISO code) to an
	// id, for resolving references between files.
	names    map[Type]map[string]string
	capitals map[string]string // region id -> capital city name
	errs     []error
}

func (b *builder) readFile(fsys fs.FS, file, kind string) error {
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return fmt.Errorf("read gazetteer %s: %w", file, err)
	}
	errf := func(i int, format string, args ...any) {
		b.errs = append(b.errs, fmt.Errorf("gazetteer %s entry %d: %s", file, i+1, fmt.Sprintf(format, args...)))
	}
	unmarshal := func(v any) error {
		if err := yaml.Unmarshal(data, v); err != nil {
			return fmt.Errorf("parse gazetteer %s: %w", file, err)
		}
		return nil
	}
	switch kind {
	case "countries":
		var rows []countryRow
		if err := unmarshal(&rows); err != nil {
			return err
		}
		for i, r := range rows {
			if r.ISO2 == "" || r.Name == "" {
				errf(i, "country needs iso2 and name")
				continue
			}
			e := &Entity{ID: "country:" + strings.ToLower(r.ISO2), Type: Country, Name: r.Name,
				Aliases: r.Aliases, ISO: strings.ToUpper(r.ISO2)}
			b.add(e, r.ISO2)
			if r.Capital != "" {
				b.setCapital(e.ID, r.Capital)
			}
			for _, d := range r.Demonyms {
				b.g.addDemonym(d, e.ID)
			}
		}
	case "regions":
		var rows []regionRow
		if err := unmarshal(&rows); err != nil {
			return err
		}
		for i, r := range rows {
			country := b.ref(Country, r.Country)
			if r.Name == "" || country == "" {
				errf(i, "region %q needs a name and a known country (got %q)", r.Name, r.Country)
				continue
			}
			id := r.ID
			switch {
			case id != "":
			case r.ISO != "":
				id = "region:" + strings.ToLower(r.ISO)
			default:
				id = "region:" + strings.ToLower(r.Country) + "-" + slug(r.Name)
			}
			e := &Entity{ID: id, Type: Region, Name: r.Name, Aliases: distinct(r.Name, append(r.Aliases, regionVariants(r.Name, r.Aliases)...)),
				Country: country, ISO: r.ISO, Kind: r.Kind}
			b.add(e, r.ISO)
			if r.Capital != "" {
				b.setCapital(id, r.Capital)
			}
			for _, d := range r.Demonyms {
				b.g.addDemonym(d, id)
			}
		}
	case "cities":
		var rows []cityRow
		if err := unmarshal(&rows); err != nil {
			return err
		}
		for i, r := range rows {
			country := b.ref(Country, r.Country)
			region := b.ref(Region, r.Region)
			if r.Name == "" || country == "" || (r.Region != "" && region == "") {
				errf(i, "city %q needs a name, a known country and a known region or none (got %q, %q)", r.Name, r.Country, r.Region)
				continue
			}
			id := r.ID
			if id == "" {
				id = "city:" + slug(r.Name)
				if old := b.g.byID[id]; old != nil && old.Country != country {
					id = "city:" + strings.ToLower(r.Country) + "-" + slug(r.Name)
				}
			}
			b.add(&Entity{ID: id, Type: City, Name: r.Name, Aliases: r.Aliases, Country: country, Region: region})
		}
	case "products":
		var rows []productRow
		if err := unmarshal(&rows); err != nil {
			return err
		}
		for i, r := range rows {
			if r.ID == "" || r.Name == "" {
				errf(i, "product needs id and name")
				continue
			}
			b.add(&Entity{ID: r.ID, Type: Product, Name: r.Name, Aliases: r.Aliases, Category: r.Category, Broader: r.Broader})
		}
	case "enterprises":
		var rows []enterpriseRow
		if err := unmarshal(&rows); err != nil {
			return err
		}
		for i, r := range rows {
			if r.ID == "" || r.Name == "" {
				errf(i, "enterprise needs id and name")
				continue
			}
			e := &Entity{ID: r.ID, Type: Enterprise, Name: r.Name, Aliases: r.Aliases,
				Country: b.ref(Country, r.Country), Parent: r.Parent, Sector: r.Sector}
			if r.City != "" {
				e.City = b.ref(City, r.City)
				if e.City == "" {
					// Moscow and St. Petersburg are regions of their own.
					e.Region = b.ref(Region, r.City)
				}
			}
			if r.Region != "" && e.Region == "" {
				e.Region = b.ref(Region, r.Region)
			}
			if c := b.g.byID[e.City]; c != nil && e.Region == "" {
				e.Region = c.Region
			}
			for _, p := range r.Products {
				if id := b.ref(Product, p); id != "" {
					e.Products = append(e.Products, id)
				} else {
					errf(i, "enterprise %s: unknown product %q", r.ID, p)
				}
			}
			b.add(e)
		}
	case "persons":
		var rows []personRow
		if err := unmarshal(&rows); err != nil {
			return err
		}
		for i, r := range rows {
			if r.ID == "" || r.Name == "" {
				errf(i, "person needs id and name")
				continue
			}
			b.add(&Entity{ID: r.ID, Type: Person, Name: r.Name, Aliases: r.Aliases, Country: b.ref(Country, r.Country), Role: r.Role})
		}
	}
	return nil
}

// add stores e (replacing an entry with the same id) and makes its names
// and extra keys resolvable by later files.
func (b *builder) add(e *Entity, keys ...string) {
	b.g.byID[e.ID] = e
	m := b.names[e.Type]
	if m == nil {
		m = map[string]string{}
		b.names[e.Type] = m
	}
	for _, k := range append(append([]string{e.ID, e.Name}, e.Aliases...), keys...) {
		if k = strings.ToLower(strings.TrimSpace(k)); k != "" {
			if _, taken := m[k]; !taken || k == strings.ToLower(e.Name) {
				m[k] = e.ID
			}
		}
	}
}

// ref resolves a reference (id, ISO code, name or alias) to an id, or "".
func (b *builder) ref(t Type, key string) string {
	return b.names[t][strings.ToLower(strings.TrimSpace(key))]
}

func (b *builder) setCapital(id, name string) {
	if b.capitals == nil {
		b.capitals = map[string]string{}
	}
	b.capitals[id] = name
}

// linkCapitals resolves capitals once cities are read. A country's capital
// may be a region of its own (Moscow is a federal city).
func (b *builder) linkCapitals() {
	for owner, name := range b.capitals {
		id := b.ref(City, name)
		if id == "" && b.g.byID[owner].Type == Country {
			id = b.ref(Region, name)
		}
		if id != "" {
			b.g.byID[owner].Capital = id
		}
	}
}

// regionVariants returns the spellings news use for a region that follow
// from its name: "X Oblast" is also "X Region", "X Krai" also "X Territory",
// "Republic of X" also "X Republic".
func regionVariants(name string, aliases []string) []string {
	var out []string
	for _, n := range append([]string{name}, aliases...) {
		words := strings.Fields(n)
		if len(words) < 2 {
			continue
		}
		stem, last := strings.Join(words[:len(words)-1], " "), words[len(words)-1]
		switch strings.ToLower(last) {
		case "oblast", "region":
			out = append(out, stem+" Oblast", stem+" Region", stem+" Province")
		case "krai", "kray", "territory":
			out = append(out, stem+" Krai", stem+" Territory", stem+" Kray", stem+" Region")
		case "okrug", "district":
			out = append(out, stem+" Okrug", stem+" District", stem+" Area")
		case "republic":
			out = append(out, "Republic of "+stem)
		}
		if strings.EqualFold(words[0], "republic") && len(words) > 2 && strings.EqualFold(words[1], "of") {
			out = append(out, strings.Join(words[2:], " ")+" Republic")
		}
	}
	return out
}

// distinct drops from aliases the name itself and repeated spellings
// (compared without case).
func distinct(name string, aliases []string) []string {
	seen := map[string]bool{strings.ToLower(name): true}
	var out []string
	for _, a := range aliases {
		if k := strings.ToLower(a); !seen[k] {
			seen[k] = true
			out = append(out, a)
		}
	}
	return out
}

// slug turns a name into the lowercase ASCII form used in ids.
func slug(s string) string {
	var sb strings.Builder
	dash := false
	for _, r := range text.Fold(s) {
		switch {
		case r == '\'' || r == '’':
			// "People's" reads "peoples"
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			sb.WriteRune(r)
			dash = false
		case !dash && sb.Len() > 0:
			sb.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(sb.String(), "-")
}

// Slug is slug for other packages: the id form of a discovered name.
func Slug(s string) string { return slug(s) }
