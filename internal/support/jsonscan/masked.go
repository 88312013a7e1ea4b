package jsonscan

import "github.com/sbomx/sbomx/internal/support/jsonmask"

// strMasked is Str with the masks: the next quote, backslash or control
// character is a trailing-zero count away.
func (s *Scanner) strMasked() (Tok, bool) {
	start := s.Pos + 1
	end, esc := skipStr(s.Data, s.m.Stop, s.Pos)
	if end < 0 {
		return Tok{}, false
	}
	var f uint8
	if esc {
		f = tokEsc
	}
	if !s.m.ASCII && jsonmask.Any(s.m.Hi, start, end-1) {
		f |= tokHi
	}
	s.Pos = end
	return Tok{start, end - 1, f}, true
}

// skipMasked is Skip for an object or array at s.Pos, with the masks: one
// loop with a stack of the open containers rather than a call per value and
// per string. It checks what skipObject and Array(Skip) check: the grammar,
// the strings (control characters, escapes), literals, numbers and the
// nesting limit. It is one long function on purpose: it is the scanner's
// hottest loop, and splitting it costs a call per value.
func (s *Scanner) skipMasked() bool {
	d := s.Data
	ws, stop := s.m.WS, s.m.Stop
	i := s.Pos
	stk := s.stack[:0] // the open containers' opening brackets
	depth := s.depth
	defer func() { s.stack = stk[:0] }()

value: // at a value
	if i >= len(d) {
		return false
	}
	switch c := d[i]; c {
	case '"':
		goto str
	case '{', '[':
		if depth++; depth > MaxDepth {
			return false
		}
		stk = append(stk, c)
		i++
		if i < len(d) && d[i] <= ' ' {
			i = jsonmask.NextClear(ws, i)
		}
		if i < len(d) && d[i] == c+2 { // '}' or ']'
			stk = stk[:len(stk)-1]
			depth--
			i++
			goto after
		}
		if c == '{' {
			goto key
		}
		goto value
	case 't', 'f', 'n':
		lit := "null"
		if c == 't' {
			lit = "true"
		} else if c == 'f' {
			lit = "false"
		}
		if i+len(lit) > len(d) || string(d[i:i+len(lit)]) != lit {
			return false
		}
		i += len(lit)
		goto after
	default:
		s.Pos = i
		if !s.number() {
			return false
		}
		i = s.Pos
		goto after
	}

key: // at an object's key
	if i >= len(d) || d[i] != '"' {
		return false
	}
	if i, _ = skipStr(d, stop, i); i < 0 {
		return false
	}
	if i < len(d) && d[i] <= ' ' {
		i = jsonmask.NextClear(ws, i)
	}
	if i >= len(d) || d[i] != ':' {
		return false
	}
	i++
	if i < len(d) && d[i] <= ' ' {
		i = jsonmask.NextClear(ws, i)
	}
	goto value

str: // at a string value
	if i, _ = skipStr(d, stop, i); i < 0 {
		return false
	}

after: // after a value
	if len(stk) == 0 {
		s.Pos = i
		return true
	}
	if i < len(d) && d[i] <= ' ' {
		i = jsonmask.NextClear(ws, i)
	}
	if i >= len(d) {
		return false
	}
	switch top := stk[len(stk)-1]; d[i] {
	case ',':
		i++
		if i < len(d) && d[i] <= ' ' {
			i = jsonmask.NextClear(ws, i)
		}
		if top == '{' {
			goto key
		}
		goto value
	case top + 2:
		stk = stk[:len(stk)-1]
		depth--
		i++
		goto after
	}
	return false
}

// skipStr returns the position after the string at d[i] ('"'), or -1 when
// it is not well-formed, and whether it has escapes.
func skipStr(d []byte, stop []byte, i int) (end int, esc bool) {
	i++
	for {
		if i = jsonmask.NextSet(stop, i); i >= len(d) {
			return -1, false
		}
		switch d[i] {
		case '"':
			return i + 1, esc
		case '\\':
			esc = true
			n := escape(d, i)
			if n == 0 {
				return -1, false
			}
			i += n
		default: // a control character
			return -1, false
		}
	}
}
