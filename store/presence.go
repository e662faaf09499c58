package store

import "sync"

// presence counts, by reader, the States open in this process. Limit never
// forgets a reader who is here: when they were last seen is written as they
// leave, so until then it may be long ago.
type presence struct {
	mu      sync.Mutex
	readers map[string]int
}

func (p *presence) arrive(reader string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.readers == nil {
		p.readers = map[string]int{}
	}
	p.readers[reader]++
}

func (p *presence) leave(reader string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.readers[reader]--; p.readers[reader] <= 0 {
		delete(p.readers, reader)
	}
}

func (p *presence) here(reader string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.readers[reader] > 0
}
