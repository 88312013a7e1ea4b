package corpus

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
)

// isGzip recognises gzip by its magic bytes, whatever the file is called.
func isGzip(data []byte) bool {
	return len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b
}

// gunzip decompresses data, refusing to expand past limit bytes (a gzip
// bomb is a failure with a reason, never an exhausted machine).
func gunzip(data []byte, limit int64) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	zr.Multistream(true)
	out, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	if int64(len(out)) > limit {
		return nil, fmt.Errorf("gzip: expands past the %d-byte limit", limit)
	}
	return out, nil
}
