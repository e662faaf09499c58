package state

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// fileVersion is the format written. A file with a higher version belongs
// to a newer kiosk: it is left untouched rather than rewritten in a format
// that would lose what the newer version stores.
const fileVersion = 1

// maxFileSize bounds what is read into memory; far above any real state.
const maxFileSize = 64 << 20

type fileData struct {
	Version  int               `json:"version"`
	Articles map[string]record `json:"articles"`
}

// errNewer marks a state file written by a newer kiosk.
var errNewer = errors.New("written by a newer version of kiosk")

// errNotRegular marks a path that is a folder, device or pipe: never read
// (a pipe would block), moved aside or replaced.
var errNotRegular = errors.New("not a regular file")

// readFile returns the records in path, an empty set when the file does not
// exist yet, and an error when it cannot be read or parsed (errNewer when it
// parses but belongs to a newer kiosk, errNotRegular when it is no file).
func readFile(path string) (map[string]record, error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]record{}, nil
	}
	if err == nil && !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is %w", path, errNotRegular)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFileSize {
		return nil, fmt.Errorf("larger than %d MiB", maxFileSize>>20)
	}
	return decode(data)
}

func decode(data []byte) (map[string]record, error) {
	var d fileData
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("not a kiosk state file: %w", err)
	}
	switch {
	case d.Version > fileVersion:
		return nil, fmt.Errorf("%w (format %d, this one reads %d)", errNewer, d.Version, fileVersion)
	case d.Version < 1:
		return nil, errors.New("not a kiosk state file: no format version")
	}
	records := make(map[string]record, len(d.Articles))
	for id, r := range d.Articles {
		if id == "" {
			continue
		}
		r.Position = r.Position.clamped()
		records[id] = r
	}
	return records, nil
}

// writeFile replaces path with records atomically: a temporary file in the
// same folder is written and synced, then renamed over path, and the folder
// is synced so the rename itself survives a crash. Whatever moment the
// process dies, path holds either the old or the new state.
func writeFile(path string, records map[string]record) error {
	data, err := encode(records)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+tmpSuffix+"*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	return syncDir(filepath.Dir(path))
}

// encode writes the file as JSON with one article per line, sorted by ID:
// compact, since a server keeps many of these files, yet easy to read and
// to diff.
func encode(records map[string]record) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "{\"version\": %d, \"articles\": {", fileVersion)
	for i, id := range slices.Sorted(maps.Keys(records)) {
		key, err := json.Marshal(id)
		if err != nil {
			return nil, err
		}
		value, err := json.Marshal(records[id])
		if err != nil {
			return nil, err
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n  ")
		b.Write(key)
		b.WriteString(": ")
		b.Write(value)
	}
	b.WriteString("\n}}\n")
	return b.Bytes(), nil
}

// tmpSuffix names temporary files; any left by a killed writer are removed
// by the next writer while it holds the lock.
const tmpSuffix = ".tmp-"

func removeStaleTemps(path string) {
	stale, _ := filepath.Glob(globEscape(path) + tmpSuffix + "*")
	for _, name := range stale {
		os.Remove(name)
	}
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// moveAside renames an unreadable state file to path.corrupt-<UTC time>
// (with a counter when that name is taken) and returns the new name.
func moveAside(path string, now time.Time) (string, error) {
	base := path + ".corrupt-" + now.UTC().Format("20060102T150405Z")
	target := base
	for n := 2; ; n++ {
		if _, err := os.Lstat(target); errors.Is(err, fs.ErrNotExist) {
			break
		}
		target = fmt.Sprintf("%s-%d", base, n)
	}
	if err := os.Rename(path, target); err != nil {
		return "", err
	}
	return target, syncDir(filepath.Dir(path))
}

// globEscape quotes the characters filepath.Match treats specially.
func globEscape(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		switch r {
		case '*', '?', '[', ']', '\\':
			out = append(out, '\\')
		}
		out = append(out, r)
	}
	return string(out)
}
