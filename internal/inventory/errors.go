package inventory

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
)

// LineError is a problem at one line of an ownership file.
type LineError struct {
	Line int
	Msg  string
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

func lineErrorf(line int, format string, a ...any) error {
	return &LineError{Line: line, Msg: fmt.Sprintf(format, a...)}
}

var yamlLine = regexp.MustCompile(`\bline (\d+)\b`)

// warningOf turns a parse error into a Warning naming the file and, where
// the error knows it, the line.
func warningOf(file string, err error) Warning {
	var le *LineError
	if errors.As(err, &le) {
		return Warning{File: file, Line: le.Line, Message: le.Msg}
	}
	w := Warning{File: file, Message: err.Error()}
	if m := yamlLine.FindStringSubmatch(w.Message); m != nil {
		w.Line, _ = strconv.Atoi(m[1])
	}
	return w
}
