package inventory

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Codeowners is a parsed CODEOWNERS file.
type Codeowners struct {
	File  string // path of the file, relative to the tree root
	Rules []Rule
}

// Rule is one CODEOWNERS line.
type Rule struct {
	Pattern string
	Owners  []string // as written (@org/team, @user, mail)
	Line    int
	re      *regexp.Regexp
}

// ParseCodeowners reads a CODEOWNERS file with GitHub's rules. Lines it
// cannot use (negations, character ranges, owners that are not @handles or
// e-mail addresses) are returned as errors naming the line and skipped.
func ParseCodeowners(file string, data []byte) (*Codeowners, []error) {
	co := &Codeowners{File: file}
	var errs []error
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if i := strings.Index(line, " #"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		fields := strings.Fields(line)
		pat := strings.ReplaceAll(fields[0], `\#`, "#")
		if strings.HasPrefix(pat, "!") || strings.ContainsAny(pat, "[]") {
			errs = append(errs, lineErrorf(n+1, "pattern %q: GitHub does not support negation or character ranges; line ignored", pat))
			continue
		}
		bad := ""
		for _, o := range fields[1:] {
			if !strings.HasPrefix(o, "@") && !strings.Contains(o, "@") {
				bad = o
				break
			}
		}
		if bad != "" {
			errs = append(errs, lineErrorf(n+1, "owner %q is neither @user, @org/team nor an e-mail address; line ignored", bad))
			continue
		}
		co.Rules = append(co.Rules, Rule{Pattern: pat, Owners: fields[1:], Line: n + 1, re: compilePattern(pat)})
	}
	return co, errs
}

// compilePattern turns a CODEOWNERS pattern into a regular expression over
// slash-separated paths relative to the repository root. As in .gitignore: a
// leading or inner "/" anchors the pattern at the root, otherwise it matches
// at any depth; a trailing "/" matches only directories (so everything under
// them); a match on a directory covers all it holds; "*" stays within one
// path element, "**" crosses them. Unlike .gitignore, "docs/*" covers the
// files directly in docs/ and not those in its subdirectories (GitHub's
// documented example).
func compilePattern(pat string) *regexp.Regexp {
	dirOnly := strings.HasSuffix(pat, "/")
	p := strings.TrimSuffix(pat, "/")
	anchored := strings.HasPrefix(p, "/") || strings.Contains(p, "/")
	p = strings.TrimPrefix(p, "/")
	shallow := strings.HasSuffix(p, "/*")
	var b strings.Builder
	b.WriteString("^")
	if !anchored {
		b.WriteString("(?:.*/)?")
	}
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case strings.HasPrefix(p[i:], "**/"):
			b.WriteString("(?:.*/)?")
			i += 2
		case strings.HasPrefix(p[i:], "**"):
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		default:
			// Copy a whole UTF-8 sequence: string(c) of one byte of it
			// would be another character, and "/café/" would never match.
			r, size := utf8.DecodeRuneInString(p[i:])
			b.WriteString(regexp.QuoteMeta(string(r)))
			i += size - 1
		}
	}
	switch {
	case shallow:
		b.WriteString("$")
	case dirOnly:
		b.WriteString("/.*$")
	default:
		b.WriteString("(?:/.*)?$")
	}
	return regexp.MustCompile(b.String())
}

// Match returns the rule that decides the owners of file: the last matching
// one, as GitHub does. Nil when no rule matches.
func (co *Codeowners) Match(file string) *Rule {
	if co == nil {
		return nil
	}
	for i := len(co.Rules) - 1; i >= 0; i-- {
		if co.Rules[i].re.MatchString(file) {
			return &co.Rules[i]
		}
	}
	return nil
}
