package versions

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Vers is a purl version range, "vers:<scheme>/<constraint>|<constraint>...",
// evaluated with the algorithm of the vers specification: "=" and "!="
// constraints first, then the others, sorted by version, read as intervals.
type Vers struct {
	text   string
	scheme string // the versioning scheme, a purl type ("maven", "npm", "pypi", ...)
	star   bool
	ops    []op
}

// ParseVers parses a vers range.
func ParseVers(s string) (*Vers, error) {
	rest, ok := strings.CutPrefix(s, "vers:")
	if !ok {
		return nil, fmt.Errorf("%q: not a vers range (vers:<scheme>/<constraints>)", s)
	}
	scheme, cons, ok := strings.Cut(rest, "/")
	if !ok || scheme == "" || strings.TrimSpace(cons) == "" {
		return nil, fmt.Errorf("%q: want vers:<scheme>/<constraints>", s)
	}
	v := &Vers{text: s, scheme: strings.ToLower(scheme)}
	if strings.TrimSpace(cons) == "*" {
		v.star = true
		return v, nil
	}
	sc := schemeOf(v.scheme)
	for _, c := range strings.Split(cons, "|") {
		o, err := parseOp(c)
		if err != nil {
			return nil, fmt.Errorf("%q: %w", s, err)
		}
		if sc != nil {
			if _, err := sc.parse(o.version); err != nil {
				return nil, fmt.Errorf("%q: %w", s, err)
			}
		}
		v.ops = append(v.ops, o)
	}
	return v, nil
}

// op is one vers comparison such as ">=2.17.0": plain order in the scheme.
type op struct {
	cmp     string // "<", "<=", ">", ">=", "=", "!="
	version string
}

func (o op) holds(purlType, v string) (bool, error) {
	c, err := Compare(purlType, v, o.version)
	if err != nil {
		return false, err
	}
	return holdsOp(o.cmp, c), nil
}

func parseOp(s string) (op, error) {
	s = strings.TrimSpace(s)
	for _, c := range []string{"<=", ">=", "!=", "<", ">", "="} {
		if strings.HasPrefix(s, c) {
			v := strings.TrimSpace(s[len(c):])
			if v == "" {
				return op{}, fmt.Errorf("%q: no version after %s", s, c)
			}
			// "<<2.0", "=>1.0": not a version after the operator.
			if strings.ContainsAny(v[:1], "<>=!") {
				return op{}, fmt.Errorf("%q: unknown operator", s)
			}
			return op{cmp: c, version: v}, nil
		}
	}
	if s == "" {
		return op{}, errors.New("empty constraint")
	}
	return op{cmp: "=", version: s}, nil
}

// Scheme is the vers versioning scheme (a purl type).
func (v *Vers) Scheme() string { return v.scheme }

func (v *Vers) String() string { return v.text }

// Match implements Matcher. The vers scheme decides the ordering when the
// component's own ecosystem has none.
func (v *Vers) Match(purlType, version string) (bool, error) {
	if v.star {
		return true, nil
	}
	if version == "" {
		return false, errors.New("the component has no version")
	}
	if OSVEcosystem(purlType) == "" {
		purlType = v.scheme
	}
	// A single constraint is simply tested (as the reference implementations
	// univers and versatile do): without this "vers:npm/!=1.2.3" matched
	// nothing, since the pairwise pass below never sees "!=".
	if len(v.ops) == 1 {
		return v.ops[0].holds(purlType, version)
	}
	var ranges []op
	for _, o := range v.ops {
		switch o.cmp {
		case "=", "!=":
			c, err := Compare(purlType, version, o.version)
			if err != nil {
				return false, err
			}
			if c == 0 {
				return o.cmp == "=", nil
			}
		default:
			ranges = append(ranges, o)
		}
	}
	var sortErr error
	slices.SortStableFunc(ranges, func(a, b op) int {
		c, err := Compare(purlType, a.version, b.version)
		if err != nil && sortErr == nil {
			sortErr = err
		}
		return c
	})
	if sortErr != nil {
		return false, sortErr
	}
	for i, cur := range ranges {
		lower := cur.cmp == ">" || cur.cmp == ">="
		if i == 0 && !lower {
			if h, err := cur.holds(purlType, version); err != nil || h {
				return h, err
			}
		}
		if i == len(ranges)-1 {
			if lower {
				return cur.holds(purlType, version)
			}
			break
		}
		next := ranges[i+1]
		if lower && (next.cmp == "<" || next.cmp == "<=") {
			h1, err := cur.holds(purlType, version)
			if err != nil {
				return false, err
			}
			h2, err := next.holds(purlType, version)
			if err != nil {
				return false, err
			}
			if h1 && h2 {
				return true, nil
			}
		}
	}
	return false, nil
}
