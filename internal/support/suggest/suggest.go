// Package suggest finds the known names nearest to a mistyped one, for
// messages such as `--owner "team-paymnets": ...; closest: team-payments` and
// `unknown key "layot" (did you mean "layout"?)`.
package suggest

import (
	"cmp"
	"slices"
	"strings"
)

// Distance is the Levenshtein distance between a and b, in runes, ignoring
// case: the number of runes to insert, delete or replace to turn one into
// the other.
func Distance(a, b string) int {
	ra, rb := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// score is how far candidate c is from word: their distance, or, when c is
// longer, one more than the distance to c's start, so that "team-paymnets"
// finds "team-payments-core" before "team-data-eng" (a name is often
// typed shortened).
func score(word, c string) int {
	d := Distance(word, c)
	if rw, rc := []rune(word), []rune(c); len(rc) > len(rw) {
		d = min(d, Distance(word, string(rc[:len(rw)]))+1)
	}
	return d
}

// Closest returns up to n distinct candidates nearest to word (see score),
// the nearest first; ties keep lexical order, so the answer does not depend
// on the candidates' order.
func Closest(word string, candidates []string, n int) []string {
	type scored struct {
		s string
		d int
	}
	var all []scored
	seen := map[string]bool{}
	for _, c := range candidates {
		if !seen[c] {
			seen[c] = true
			all = append(all, scored{c, score(word, c)})
		}
	}
	slices.SortFunc(all, func(a, b scored) int { return cmp.Or(cmp.Compare(a.d, b.d), strings.Compare(a.s, b.s)) })
	out := make([]string, 0, min(n, len(all)))
	for _, c := range all[:min(n, len(all))] {
		out = append(out, c.s)
	}
	return out
}

// Near returns the candidate nearest to word when it is a likely typo of
// it: at most a third of word's runes apart (at least one).
func Near(word string, candidates []string) (string, bool) {
	best := Closest(word, candidates, 1)
	if len(best) == 0 || Distance(word, best[0]) > max(1, len([]rune(word))/3) {
		return "", false
	}
	return best[0], true
}
