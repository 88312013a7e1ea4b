package inventory

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sbomx/sbomx/internal/support/suggest"
	"github.com/sbomx/sbomx/internal/support/yamlx"
)

// Ownership sources, as named in .sbomx.yaml's precedence list.
const (
	SourceInventory  = "inventory"  // an inventory file (--inventory, or listed in .sbomx.yaml)
	SourceBackstage  = "backstage"  // catalog-info.yaml
	SourceLeanIX     = "leanix"     // leanix.yaml beside the SBOM
	SourceLayout     = "layout"     // .sbomx.yaml layout: gives product (and service) only
	SourceCodeowners = "codeowners" // CODEOWNERS: gives owners only
	SourceSBOM       = "sbom"       // the SBOM's own metadata: gives owner only
)

// DefaultPrecedence is the order owner and product sources are consulted in,
// most deliberate first.
var DefaultPrecedence = []string{SourceInventory, SourceBackstage, SourceLeanIX, SourceLayout, SourceCodeowners, SourceSBOM}

// ConfigFile is the tree-level configuration file's name, at the tree root.
const ConfigFile = ".sbomx.yaml"

// Config is the tree-level configuration (.sbomx.yaml or --config).
type Config struct {
	File string `yaml:"-"` // where it was read from, for messages
	// Layout names the path segments that are product and service, such as
	// "{product}/{service}" or "teams/*/{service}". Without it sbomx never
	// takes a product from folder names.
	Layout string `yaml:"layout"`
	// Inventory lists inventory files (CSV or YAML), relative to the tree root.
	Inventory []string `yaml:"inventory"`
	// Precedence reorders the ownership sources; sources left out are not used.
	Precedence []string `yaml:"precedence"`
	// LayoutFrom says where Layout came from when it was not File
	// ("--layout"), for owner and product sources.
	LayoutFrom string `yaml:"-"`
	// Warnings are problems that leave the configuration usable: keys sbomx
	// does not know (a typo such as "layot" would otherwise be ignored in
	// silence).
	Warnings []Warning `yaml:"-"`
}

// configKeys are the keys .sbomx.yaml may have, in the order documented.
var configKeys = []string{"layout", "inventory", "precedence"}

// ParseConfig reads .sbomx.yaml.
func ParseConfig(file string, data []byte) (Config, error) {
	cfg := Config{File: file}
	docs, err := yamlx.Documents(data)
	if err != nil {
		return cfg, err
	}
	if len(docs) == 0 {
		return cfg, nil
	}
	if len(docs) > 1 {
		return cfg, lineErrorf(docs[1].Line, "want one YAML document")
	}
	var raw struct {
		Layout     string `yaml:"layout"`
		Inventory  any    `yaml:"inventory"`
		Precedence []string
	}
	if err := docs[0].Decode(&raw); err != nil {
		return cfg, err
	}
	cfg.Warnings = unknownKeys(file, docs[0].Keys())
	cfg.Layout = strings.Trim(strings.TrimSpace(raw.Layout), "/")
	switch v := raw.Inventory.(type) {
	case nil:
	case string:
		cfg.Inventory = []string{v}
	case []any:
		for _, x := range v {
			cfg.Inventory = append(cfg.Inventory, fmt.Sprint(x))
		}
	default:
		return cfg, fmt.Errorf("inventory: want a file name or a list of them")
	}
	for _, s := range raw.Precedence {
		s = strings.ToLower(strings.TrimSpace(s))
		if !slices.Contains(DefaultPrecedence, s) {
			return cfg, fmt.Errorf("precedence: unknown source %q (known: %s)", s, strings.Join(DefaultPrecedence, ", "))
		}
		if !slices.Contains(cfg.Precedence, s) {
			cfg.Precedence = append(cfg.Precedence, s)
		}
	}
	if err := CheckLayout(cfg.Layout); err != nil {
		return cfg, err
	}
	return cfg, nil
}

// unknownKeys warns about each key that is not one of configKeys,
// suggesting the key it is likely a typo of.
func unknownKeys(file string, keys []yamlx.Key) []Warning {
	var out []Warning
	for _, k := range keys {
		if slices.Contains(configKeys, k.Name) {
			continue
		}
		msg := fmt.Sprintf("unknown key %q, ignored (known: %s", k.Name, strings.Join(configKeys, ", "))
		if near, ok := suggest.Near(k.Name, configKeys); ok {
			msg += fmt.Sprintf("; did you mean %q?", near)
		}
		out = append(out, Warning{File: file, Line: k.Line, Message: msg + ")"})
	}
	return out
}

func (c *Config) precedence() []string {
	if len(c.Precedence) > 0 {
		return c.Precedence
	}
	return DefaultPrecedence
}

// CheckLayout reports what is wrong with a layout such as "{product}/{service}".
func CheckLayout(layout string) error {
	if layout == "" {
		return nil
	}
	segs := strings.Split(layout, "/")
	if !slices.Contains(segs, "{service}") && !slices.Contains(segs, "{product}") {
		return fmt.Errorf("layout %q: names neither {product} nor {service}", layout)
	}
	for _, s := range segs {
		if strings.ContainsAny(s, "{}") && s != "{service}" && s != "{product}" {
			return fmt.Errorf("layout %q: segment %q: want {product}, {service}, * or a folder name", layout, s)
		}
	}
	return nil
}

// applyLayout matches a folder against the layout, segment by segment from
// the tree root; deeper folders belong to the matched service. prefix is the
// part of dir the layout matched: the service's folder.
func applyLayout(layout, dir string) (product, service, prefix string, ok bool) {
	if layout == "" || dir == "." {
		return "", "", "", false
	}
	segs := strings.Split(layout, "/")
	parts := strings.Split(dir, "/")
	if len(parts) < len(segs) {
		return "", "", "", false
	}
	for i, s := range segs {
		switch s {
		case "{product}":
			product = parts[i]
		case "{service}":
			service = parts[i]
		case "*":
		default:
			if s != parts[i] {
				return "", "", "", false
			}
		}
	}
	return product, service, strings.Join(parts[:len(segs)], "/"), true
}
