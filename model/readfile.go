package model

import (
	"fmt"
	"io"
	"os"
)

// TooLargeError is ReadRegularFile's error for a file larger than its limit.
type TooLargeError struct{ Limit int64 }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("larger than %d MiB", e.Limit>>20)
}

// ReadRegularFile reads the file at path as os.ReadFile does, but refuses
// anything but a regular file (a FIFO or a device may never end) and a file
// larger than limit bytes, before reading it or as soon as it grows past
// limit while read.
func ReadRegularFile(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s)", fileKind(info.Mode()))
	}
	if info.Size() > limit {
		return nil, &TooLargeError{limit}
	}
	data := make([]byte, 0, info.Size()+1)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
		if int64(len(data)) > limit {
			return nil, &TooLargeError{limit}
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}
