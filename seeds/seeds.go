// Package seeds holds the articles kiosk reads when it is given no paths.
package seeds

import "embed"

// FS is the embedded library. An embed.FS is read-only, so sharing it is safe.
//
//go:embed *.txt
var FS embed.FS
