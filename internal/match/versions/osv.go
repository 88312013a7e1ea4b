package versions

import (
	"errors"
	"slices"
	"strings"
)

// OSVEvent is one event of an OSV range; exactly one field is set.
type OSVEvent struct {
	Introduced   string `json:"introduced,omitempty"`
	Fixed        string `json:"fixed,omitempty"`
	LastAffected string `json:"last_affected,omitempty"`
	Limit        string `json:"limit,omitempty"`
}

func (e OSVEvent) version() string {
	switch {
	case e.Introduced != "":
		return e.Introduced
	case e.Fixed != "":
		return e.Fixed
	case e.LastAffected != "":
		return e.LastAffected
	}
	return e.Limit
}

// OSVRange is an OSV range of type SEMVER or ECOSYSTEM (GIT ranges name
// commits, which SBOM versions are not, and are left out by the caller).
type OSVRange struct {
	Type   string
	Events []OSVEvent
}

// Affected is what an OSV "affected" entry says about versions: its ranges
// and its explicit list of versions. A version is affected when any range
// or the list says so.
type Affected struct {
	Label    string // for String: the advisory id
	Ranges   []OSVRange
	Versions []string
}

// Match implements Matcher, with OSV's evaluation: events sorted by version
// ("0" first); an introduced event at or below the version starts an affected
// stretch, a fixed event at or below it ends one, a last_affected event below
// it ends one, and a limit at or below it ends the range.
func (a *Affected) Match(purlType, v string) (bool, error) {
	for _, x := range a.Versions {
		if x == v {
			return true, nil
		}
	}
	if v == "" {
		return false, errors.New("the component has no version")
	}
	var firstErr error
	for _, x := range a.Versions {
		if c, err := Compare(purlType, v, x); err == nil && c == 0 {
			return true, nil
		}
	}
	for _, r := range a.Ranges {
		ok, err := r.match(purlType, v)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		if ok {
			return true, nil
		}
	}
	return false, firstErr
}

func (r OSVRange) match(purlType, v string) (bool, error) {
	events := slices.Clone(r.Events)
	var sortErr error
	slices.SortStableFunc(events, func(a, b OSVEvent) int {
		av, bv := a.version(), b.version()
		switch {
		case av == bv:
			return 0
		case av == "0":
			return -1
		case bv == "0":
			return 1
		}
		c, err := Compare(purlType, av, bv)
		if err != nil && sortErr == nil {
			sortErr = err
		}
		return c
	})
	if sortErr != nil {
		return false, sortErr
	}
	affected := false
	for _, e := range events {
		switch {
		case e.Introduced != "":
			if e.Introduced == "0" {
				affected = true
				continue
			}
			c, err := Compare(purlType, v, e.Introduced)
			if err != nil {
				return false, err
			}
			if c >= 0 {
				affected = true
			}
		case e.Fixed != "":
			c, err := Compare(purlType, v, e.Fixed)
			if err != nil {
				return false, err
			}
			if c >= 0 {
				affected = false
			}
		case e.LastAffected != "":
			c, err := Compare(purlType, v, e.LastAffected)
			if err != nil {
				return false, err
			}
			if c > 0 {
				affected = false
			}
		case e.Limit != "":
			if e.Limit == "*" {
				continue
			}
			c, err := Compare(purlType, v, e.Limit)
			if err != nil {
				return false, err
			}
			if c >= 0 {
				return false, nil
			}
		}
	}
	return affected, nil
}

func (a *Affected) String() string {
	var parts []string
	for _, r := range a.Ranges {
		var ev []string
		for _, e := range r.Events {
			switch {
			case e.Introduced != "":
				ev = append(ev, ">="+e.Introduced)
			case e.Fixed != "":
				ev = append(ev, "<"+e.Fixed)
			case e.LastAffected != "":
				ev = append(ev, "<="+e.LastAffected)
			case e.Limit != "":
				ev = append(ev, "limit "+e.Limit)
			}
		}
		parts = append(parts, strings.Join(ev, ","))
	}
	if len(a.Versions) > 0 {
		parts = append(parts, "versions "+strings.Join(a.Versions, " "))
	}
	s := strings.Join(parts, " || ")
	if a.Label != "" {
		s = a.Label + ": " + s
	}
	return s
}
