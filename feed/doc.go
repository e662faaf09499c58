// Package feed reads the news that lives in feeds: it parses RSS, Atom and
// JSON Feed into kiosk's own types, fetches feeds politely over HTTP, reads
// and writes OPML subscription lists, and finds the feeds a web page names.
//
// The package is pure: plain values in, typed results out, no database and
// no package-level mutable state. Item content stays HTML; turning it into
// article blocks is the model's job.
package feed
