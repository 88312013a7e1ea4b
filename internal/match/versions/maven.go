package versions

import (
	"cmp"
	"math/big"
	"strings"
)

// Maven's version order, ported from ComparableVersion (maven-artifact
// 3.8.7, the order DefaultArtifactVersion and VersionRange use): a version
// is a list of items split at "." and "-" and at each change between digits
// and letters; "-" (and a letter after ".") opens a sub-list; trailing
// "null" items (0, "", "ga", "final", "release", empty lists) do not count;
// qualifiers order alpha < beta < milestone < rc = cr < snapshot < "" = ga =
// final = release < sp < any other (alphabetically); a number is above any
// qualifier and any sub-list. (osv-scalibr's comparator differs from Maven
// on versions such as 2.0.a and 1-0.alpha, so sbomx keeps its own.)

type mavenItem interface {
	// compare orders the item against another, or against nothing (nil),
	// as Item.compareTo does.
	compare(o mavenItem) int
	isNull() bool
}

type mavenInt struct{ v *big.Int }

type mavenString struct{ v string }

type mavenList []mavenItem

var mavenQualifiers = map[string]string{"alpha": "0", "beta": "1", "milestone": "2", "rc": "3", "snapshot": "4", "": "5", "sp": "6"}

var mavenAliases = map[string]string{"ga": "", "final": "", "release": "", "cr": "rc"}

func newMavenString(s string, followedByDigit bool) mavenString {
	if followedByDigit && len(s) == 1 {
		switch s {
		case "a":
			s = "alpha"
		case "b":
			s = "beta"
		case "m":
			s = "milestone"
		}
	}
	if a, ok := mavenAliases[s]; ok {
		s = a
	}
	return mavenString{s}
}

// comparable is comparableQualifier: known qualifiers by rank, others after
// them in alphabetical order ("7-xyz"), compared as strings.
func (s mavenString) comparable() string {
	if r, ok := mavenQualifiers[s.v]; ok {
		return r
	}
	return "7-" + s.v
}

func (i mavenInt) isNull() bool    { return i.v.Sign() == 0 }
func (s mavenString) isNull() bool { return s.comparable() == "5" }
func (l mavenList) isNull() bool   { return len(l) == 0 }

func (i mavenInt) compare(o mavenItem) int {
	switch o := o.(type) {
	case nil:
		return i.v.Sign() // 1.0 == 1, 1.1 > 1
	case mavenInt:
		return i.v.Cmp(o.v)
	}
	return 1 // 1.1 > 1-sp, 1.1 > 1-1
}

func (s mavenString) compare(o mavenItem) int {
	switch o := o.(type) {
	case nil:
		return strings.Compare(s.comparable(), "5") // 1-rc < 1, 1-sp > 1
	case mavenString:
		return strings.Compare(s.comparable(), o.comparable())
	}
	return -1 // 1.any < 1.1, 1.any < 1-1
}

func (l mavenList) compare(o mavenItem) int {
	switch o := o.(type) {
	case nil:
		for _, it := range l {
			if c := it.compare(nil); c != 0 {
				return c
			}
		}
		return 0
	case mavenInt:
		return -1 // 1-1 < 1.0.x
	case mavenString:
		return 1 // 1-1 > 1-sp
	case mavenList:
		for i := 0; i < len(l) || i < len(o); i++ {
			var c int
			switch {
			case i >= len(l):
				c = -o[i].compare(nil)
			case i >= len(o):
				c = l[i].compare(nil)
			default:
				c = l[i].compare(o[i])
			}
			if c != 0 {
				return c
			}
		}
	}
	return 0
}

// normalize removes trailing null items, stopping at the first non-null
// item that is not a list.
func (l mavenList) normalize() mavenList {
	for i := len(l) - 1; i >= 0; i-- {
		if l[i].isNull() {
			l = append(l[:i], l[i+1:]...)
		} else if _, isList := l[i].(mavenList); !isList {
			break
		}
	}
	return l
}

// parseMavenItems is ComparableVersion.parseVersion. Lists are built as a
// stack of open lists; each is normalised when closed (at the end), then
// put in its parent.
func parseMavenItems(version string) mavenList {
	version = strings.ToLower(version)
	stack := []mavenList{{}}
	top := func() *mavenList { return &stack[len(stack)-1] }
	add := func(it mavenItem) { *top() = append(*top(), it) }
	open := func() { stack = append(stack, mavenList{}) }
	isDigit, start := false, 0
	for i := 0; i < len(version); i++ {
		c := version[i]
		switch {
		case c == '.' || c == '-':
			if i == start {
				add(mavenInt{big.NewInt(0)})
			} else {
				add(parseMavenItem(isDigit, version[start:i]))
			}
			start = i + 1
			if c == '-' {
				open()
			}
		case c >= '0' && c <= '9':
			if !isDigit && i > start {
				// 1.0.0.X1 < 1.0.0-X2: treat .X as -X for a qualifier X.
				if len(*top()) > 0 {
					open()
				}
				add(newMavenString(version[start:i], true))
				start = i
				open()
			}
			isDigit = true
		default:
			if isDigit && i > start {
				add(parseMavenItem(true, version[start:i]))
				start = i
				open()
			}
			isDigit = false
		}
	}
	if len(version) > start {
		if !isDigit && len(*top()) > 0 {
			open()
		}
		add(parseMavenItem(isDigit, version[start:]))
	}
	// Close the lists: each, normalised, is the last item of its parent.
	for len(stack) > 1 {
		l := stack[len(stack)-1].normalize()
		stack = stack[:len(stack)-1]
		add(l)
	}
	return stack[0].normalize()
}

func parseMavenItem(isDigit bool, s string) mavenItem {
	if isDigit {
		n, _ := new(big.Int).SetString(s, 10)
		return mavenInt{n}
	}
	return newMavenString(s, false)
}

// mavenVersion is a parsed Maven version.
type mavenVersion struct {
	text  string
	items mavenList
}

func parseMaven(s string) (any, error) {
	if err := validMaven(s); err != nil {
		return nil, err
	}
	return mavenVersion{text: s, items: parseMavenItems(s)}, nil
}

func cmpMaven(a, b any) int {
	return cmp.Compare(a.(mavenVersion).items.compare(b.(mavenVersion).items), 0)
}
