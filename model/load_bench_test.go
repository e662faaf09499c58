package model

import (
	"archive/tar"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"kiosk/model/modeltest/corpus"
)

// BenchmarkLoad compares LoadPaths with only reading the same files' bytes
// on the same number of goroutines, on the Reuters-21578 stories and on a
// synthetic library of 10,000 seed-shaped articles. The figures to quote
// are the ratio of load to read ns/op, and peak-heap/lib-bytes.
func BenchmarkLoad(b *testing.B) {
	libs := map[string]func(b *testing.B) string{
		"reuters21578": unpackReuters,
		"synthetic10k": syntheticLibrary,
	}
	for _, name := range []string{"reuters21578", "synthetic10k"} {
		b.Run(name, func(b *testing.B) {
			dir := libs[name](b)
			files, bytes := listFiles(b, dir)
			b.Run("read", func(b *testing.B) {
				b.SetBytes(bytes)
				for b.Loop() {
					readAll(b, files)
				}
			})
			load := func() {
				lib, err := LoadPaths([]string{dir}, nil)
				if err != nil || len(lib.Articles) != len(files) {
					b.Fatalf("loaded %d of %d files: %v", len(lib.Articles), len(files), err)
				}
			}
			b.Run("load", func(b *testing.B) {
				b.SetBytes(bytes)
				// The heap is sampled in a run of its own, so that sampling
				// does not slow the timed runs.
				peak := peakHeapDuring(load)
				b.ResetTimer()
				for b.Loop() {
					load()
				}
				b.ReportMetric(float64(peak)/float64(bytes), "peak-heap/lib-bytes")
			})
		})
	}
}

func readAll(b *testing.B, files []string) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(files); i = int(next.Add(1) - 1) {
				if _, err := os.ReadFile(files[i]); err != nil {
					b.Error(err)
				}
			}
		})
	}
	wg.Wait()
}

// peakHeapDuring samples the live heap while f runs, after a GC so that
// earlier garbage does not count.
func peakHeapDuring(f func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	base := read()
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			if h := read(); h > peak.Load() {
				peak.Store(h)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	f()
	close(stop)
	<-done
	if h := read(); h > peak.Load() {
		peak.Store(h)
	}
	return peak.Load() - min(base, peak.Load())
}

func listFiles(b *testing.B, dir string) ([]string, int64) {
	var files []string
	var total int64
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			info, _ := d.Info()
			total += info.Size()
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return files, total
}

func unpackReuters(b *testing.B) string {
	f, err := os.Open(corpus.Path(b, "reuters21578.tar.gz"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return dir
		}
		if err != nil {
			b.Fatal(err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(h.Name)), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
}

// syntheticLibrary writes 10,000 articles shaped like the seed: byline,
// dateline lead, one paragraph a line, a heading, a comments footer.
func syntheticLibrary(b *testing.B) string {
	dir := b.TempDir()
	para := strings.Repeat("Die Lage zwischen den Großmächten bleibt angespannt, sagen Beobachter in Brüssel. ", 5)
	for i := range 10000 {
		text := fmt.Sprintf("Von: Autor %d\nBerlin – %s\n%s\nEine Überschrift Nummer %d\n%s\n%s\nAktuell sind %d Kommentare vorhanden\nKommentare anzeigen\n",
			i, para, para, i, para, para, i%50)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%05d.txt", i)), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}
