package feed

import (
	"bytes"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// xmlDeclEncoding matches the encoding named in an XML declaration.
var xmlDeclEncoding = regexp.MustCompile(`^<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']`)

// toUTF8 decides, in one place, how the bytes of a feed are decoded, so
// that they are decoded exactly once:
//
//   - a UTF-16 byte order mark wins; the body is decoded and its XML
//     declaration rewritten to say UTF-8;
//   - an XML declaration that names an encoding is left to the XML parser,
//     which honours it (decoding here as well would make mojibake);
//   - otherwise a body that is valid UTF-8 is UTF-8, whatever the HTTP
//     header says (a Latin-1 text is practically never valid UTF-8, while
//     servers often label UTF-8 feeds ISO-8859-1);
//   - otherwise the charset of the HTTP Content-Type decodes it, and
//     without one Windows-1252, the superset of ISO-8859-1 that such files
//     are nearly always written in.
func toUTF8(body []byte, contentType string) []byte {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	if enc := utf16ByBOM(body); enc != nil {
		if out, err := enc.NewDecoder().Bytes(body); err == nil {
			return declareUTF8(out)
		}
	}
	head := bytes.TrimLeft(body, " \t\r\n")
	if m := xmlDeclEncoding.FindSubmatch(head); m != nil && len(m[1]) > 0 {
		return body
	}
	if utf8.Valid(body) {
		return body
	}
	enc := encodingFromContentType(contentType)
	if enc == nil {
		enc = charmap.Windows1252
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return body
	}
	return out
}

func utf16ByBOM(body []byte) encoding.Encoding {
	switch {
	case bytes.HasPrefix(body, []byte{0xfe, 0xff}):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	case bytes.HasPrefix(body, []byte{0xff, 0xfe}):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	}
	return nil
}

// declareUTF8 rewrites the encoding an XML declaration names to UTF-8, for
// a body this package has already decoded.
func declareUTF8(body []byte) []byte {
	m := xmlDeclEncoding.FindSubmatchIndex(body)
	if m == nil {
		return body
	}
	out := make([]byte, 0, len(body))
	out = append(out, body[:m[2]]...)
	out = append(out, "UTF-8"...)
	return append(out, body[m[3]:]...)
}

// encodingFromContentType is the encoding the charset parameter of an HTTP
// Content-Type names for a body that is not valid UTF-8, or nil when it
// names none, an unknown one, or UTF-8.
func encodingFromContentType(contentType string) encoding.Encoding {
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return nil
	}
	label := strings.TrimSpace(params["charset"])
	if label == "" {
		return nil
	}
	enc, name := charset.Lookup(label)
	if name == "utf-8" {
		return nil // the body was not valid UTF-8: the header is wrong
	}
	return enc
}
