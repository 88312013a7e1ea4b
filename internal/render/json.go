package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"

	"github.com/sbomx/sbomx/pkg/answers"
)

// jsonFormat is the versioned contract: the answer's own JSON types
// (pkg/answers), indented, HTML left unescaped so that "<2.17.0" reads as
// written.
type jsonFormat struct{ every }

func (jsonFormat) impact(w io.Writer, res *answers.Result, _ Options) error { return JSON(w, res) }

func (jsonFormat) services(w io.Writer, res *answers.ServicesResult, _ Options) error {
	return JSON(w, res)
}

func (jsonFormat) packages(w io.Writer, res *answers.PackagesResult, _ Options) error {
	return packagesJSON(w, res)
}

// JSON writes the result as one indented JSON document.
func JSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// packagesJSON writes the catalog as JSON would (the same bytes), one
// package at a time: a landscape's catalog lists every service of every
// package version, hundreds of megabytes of text for 5,000 services, which
// JSON would first build in memory, twice (compact, then indented).
func packagesJSON(w io.Writer, res *answers.PackagesResult) error {
	frame := *res
	frame.Packages = []answers.PackageInfo{}
	var head bytes.Buffer
	if err := JSON(&head, &frame); err != nil {
		return err
	}
	const empty = `"packages": []`
	at := bytes.Index(head.Bytes(), []byte(empty))
	if at < 0 || len(res.Packages) == 0 {
		_, err := w.Write(head.Bytes())
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(head.Bytes()[:at+len(empty)-1]) // up to and with "["
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("    ", "  ")
	enc.SetEscapeHTML(false)
	for i := range res.Packages {
		buf.Reset()
		if err := enc.Encode(&res.Packages[i]); err != nil {
			return err
		}
		sep := ",\n    "
		if i == 0 {
			sep = "\n    "
		}
		bw.WriteString(sep)
		bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	}
	bw.WriteString("\n  ]")
	bw.Write(head.Bytes()[at+len(empty):])
	return bw.Flush()
}
