package model

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// MaxFileSize is the largest file kiosk reads; news articles are far smaller.
const MaxFileSize = 16 << 20

// LoadFS loads every article file in fsys, such as the embedded seeds.
func LoadFS(fsys fs.FS, name string) (*Library, error) {
	var files []source
	var skipped []Skipped
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			skipped = append(skipped, Skipped{p, err.Error()})
		case d.Type().IsRegular() && isArticleName(p):
			info, err := d.Info()
			if err != nil {
				skipped = append(skipped, Skipped{p, errText(err)})
				return nil
			}
			files = append(files, source{p, embeddedKey(p), info.Size(), func() ([]byte, error) { return fs.ReadFile(fsys, p) }})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return load(name, files, skipped, []string{name}, nil)
}

// LoadPaths loads the files and folders a user named. Folders are read
// recursively, following links to folders once; in folders, only .txt,
// .text, .md, .markdown, .html, .htm and extension-less files count, and
// hidden entries are passed over. A file named directly is read whatever its
// name; .html and .htm files are read as web pages (see ParsePage). Files
// that are not articles are skipped with a reason. progress, when not nil,
// is called from several goroutines as files are parsed.
func LoadPaths(paths []string, progress func(done, total int)) (*Library, error) {
	w := walker{seen: map[string]bool{}, keys: map[string]bool{}}
	for _, p := range paths {
		w.add(p, true)
	}
	name := strings.Join(paths, ", ")
	if len(paths) == 1 {
		name = filepath.Base(filepath.Clean(paths[0]))
	}
	return load(name, w.files, w.skipped, paths, progress)
}

type source struct {
	path string
	key  string // the article's Key
	size int64
	read func() ([]byte, error)
}

// walker collects the files below the paths it is given.
type walker struct {
	files   []source
	skipped []Skipped
	seen    map[string]bool // real paths of folders already read
	keys    map[string]bool // keys of the files found: a file named twice is one article
}

func (w *walker) add(p string, named bool) {
	info, err := os.Stat(p)
	if err != nil {
		w.skip(p, statReason(err))
		return
	}
	switch {
	case info.IsDir():
		w.addDir(p)
	case !info.Mode().IsRegular():
		w.skip(p, fmt.Sprintf("not a regular file (%s)", fileKind(info.Mode())))
	case named || isArticleName(p):
		w.addFile(p, info.Size())
	}
}

func (w *walker) addFile(p string, size int64) {
	key := fileKey(p)
	if w.keys[key] {
		return
	}
	w.keys[key] = true
	w.files = append(w.files, source{p, key, size, func() ([]byte, error) { return ReadRegularFile(p, MaxFileSize) }})
}

func (w *walker) addDir(dir string) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		w.skip(dir, statReason(err))
		return
	}
	if w.seen[real] {
		w.skip(dir, "folder already read (a link loop or a second link to it)")
		return
	}
	w.seen[real] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		w.skip(dir, "cannot read folder: "+errText(err))
		return
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		switch {
		case strings.HasPrefix(e.Name(), "."):
		case e.Type().IsRegular():
			// The size is checked once the file is open: no stat here.
			if isArticleName(p) {
				w.addFile(p, 0)
			}
		default:
			w.add(p, false)
		}
	}
}

func (w *walker) skip(p, reason string) {
	w.skipped = append(w.skipped, Skipped{p, reason})
}

// load parses files in parallel and keeps them in path order.
func load(name string, files []source, skipped []Skipped, roots []string, progress func(done, total int)) (*Library, error) {
	slices.SortFunc(files, func(a, b source) int { return strings.Compare(a.path, b.path) })
	articles, reasons := parseAll(files, progress)
	lib := &Library{Name: name, Skipped: skipped}
	for i, a := range articles {
		if a == nil {
			lib.Skipped = append(lib.Skipped, Skipped{files[i].path, reasons[i]})
			continue
		}
		lib.Articles = append(lib.Articles, a)
	}
	slices.SortFunc(lib.Skipped, func(a, b Skipped) int { return strings.Compare(a.Path, b.Path) })
	uniqueIDs(lib.Articles)
	if len(lib.Articles) == 0 {
		return lib, noArticlesError(roots, lib.Skipped)
	}
	return lib, nil
}

// parseAll reads and parses files on a pool of GOMAXPROCS goroutines. For
// each file it returns the article, or nil and the reason it is not one.
func parseAll(files []source, progress func(done, total int)) ([]*Article, []string) {
	articles := make([]*Article, len(files))
	reasons := make([]string, len(files))
	var next, done atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) {
					return
				}
				articles[i], reasons[i] = parseFile(files[i])
				if progress != nil {
					progress(int(done.Add(1)), len(files))
				}
			}
		})
	}
	wg.Wait()
	return articles, reasons
}

func parseFile(src source) (*Article, string) {
	if src.size > MaxFileSize {
		return nil, tooLarge
	}
	data, err := src.read()
	var big *TooLargeError
	switch {
	case errors.As(err, &big) || len(data) > MaxFileSize: // it grew since we looked
		return nil, tooLarge
	case err != nil:
		return nil, errText(err)
	case len(data) == 0:
		return nil, "empty file"
	}
	parse := parseOwned
	if isHTMLName(src.path) {
		parse = parseHTMLFile
	}
	a, err := parse(src.path, data)
	if err != nil {
		return nil, errText(err)
	}
	a.Key = src.key
	return a, ""
}

var tooLarge = fmt.Sprintf("larger than %d MiB: not a news article", MaxFileSize>>20)

// uniqueIDs keeps IDs unique when two files in different folders share a
// base name: later ones (in path order) get a numbered suffix.
func uniqueIDs(articles []*Article) {
	taken := make(map[string]bool, len(articles))
	for _, a := range articles {
		claimID(a, taken)
	}
}

// claimID gives a the first of its ID, ID-2, ID-3, … that is not taken.
func claimID(a *Article, taken map[string]bool) {
	base := a.ID
	for n := 2; taken[a.ID]; n++ {
		a.ID = fmt.Sprintf("%s-%d", base, n)
	}
	taken[a.ID] = true
}

func isArticleName(p string) bool {
	switch strings.ToLower(path.Ext(filepath.ToSlash(p))) {
	case ".txt", ".text", ".md", ".markdown", ".html", ".htm", "":
		return true
	}
	return false
}

func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return m.Type().String()
}

func statReason(err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return "no such file or folder"
	}
	return errText(err)
}

// errText is an error's message without the path that Skipped already
// names.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return err.Error()
}

func noArticlesError(roots []string, skipped []Skipped) error {
	names := make([]string, len(roots))
	for i, r := range roots {
		names[i] = EscapeName(r)
	}
	where := strings.Join(names, ", ")
	if len(skipped) == 0 {
		return fmt.Errorf("no articles in %s: no .txt, .text, .md, .markdown, .html, .htm or extension-less files found; point kiosk at a news file or a folder of them", where)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "no articles could be loaded from %s:", where)
	for i, s := range skipped {
		if i == 5 {
			fmt.Fprintf(&b, "\n  … and %d more", len(skipped)-5)
			break
		}
		fmt.Fprintf(&b, "\n  %s: %s", EscapeName(s.Path), s.Reason)
	}
	return errors.New(b.String())
}
