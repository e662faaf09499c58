package model

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// errBinary is returned for data that is not text in any encoding we read.
var errBinary = errors.New("binary data, not text")

// decode turns a file's bytes into UTF-8 text with LF line endings. The
// text may share data's memory: data must not change afterwards. It reads
// UTF-8 (with or without a BOM), UTF-16 with a BOM or with the zero-byte
// pattern of mostly-ASCII UTF-16, and takes anything else that is not valid
// UTF-8 as Windows-1252.
func decode(data []byte) (string, error) {
	var text string
	switch {
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		text = unsafeString(data[3:])
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		return decodeUTF16(data[2:], unicode.LittleEndian)
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		return decodeUTF16(data[2:], unicode.BigEndian)
	default:
		if e, ok := sniffUTF16(data); ok {
			return decodeUTF16(data, e)
		}
		if looksBinary(data) {
			return "", errBinary
		}
		if utf8.Valid(data) {
			text = unsafeString(data)
		} else {
			b, err := charmap.Windows1252.NewDecoder().Bytes(data)
			if err != nil {
				return "", err
			}
			text = string(b)
		}
	}
	return normalizeNewlines(text), nil
}

func decodeUTF16(data []byte, e unicode.Endianness) (string, error) {
	b, err := unicode.UTF16(e, unicode.IgnoreBOM).NewDecoder().Bytes(data)
	if err != nil {
		return "", err
	}
	if looksBinary(b) {
		return "", errBinary
	}
	return normalizeNewlines(string(b)), nil
}

// sniffUTF16 recognises UTF-16 without a BOM by its zero bytes: text in a
// Latin script has a zero high byte in almost every code unit, so zeros pile
// up at odd offsets (little-endian) or even offsets (big-endian) only.
func sniffUTF16(data []byte) (unicode.Endianness, bool) {
	n := min(len(data), 4096) &^ 1
	if n < 4 {
		return unicode.LittleEndian, false
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	units := n / 2
	switch {
	case odd*10 >= units*7 && even*20 <= units:
		return unicode.LittleEndian, true
	case even*10 >= units*7 && odd*20 <= units:
		return unicode.BigEndian, true
	}
	return unicode.LittleEndian, false
}

// looksBinary reports whether data holds NUL bytes in its first 8 KB, as git
// decides; no text encoding we read (other than UTF-16) produces them.
func looksBinary(data []byte) bool {
	return bytes.IndexByte(data[:min(len(data), 8192)], 0) >= 0
}

func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// unsafeString views b as a string without copying; b must never change.
func unsafeString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
