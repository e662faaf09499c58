package cli

import (
	"fmt"
	"runtime/debug"
)

// versionString describes the build from its embedded build information:
// the module version when there is one (go install kiosk@v1.2.3, or the
// pseudo-version go build stamps from git), else "devel" with the commit.
func versionString(info *debug.BuildInfo) string {
	if info == nil {
		return "unknown"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var revision, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if revision == "" {
		return "devel"
	}
	if len(revision) > 12 {
		revision = revision[:12]
	}
	if modified == "true" {
		return fmt.Sprintf("devel (%s, modified)", revision)
	}
	return fmt.Sprintf("devel (%s)", revision)
}

// version is this build's version, for the User-Agent of fetches.
func (c *app) version() string {
	info, _ := debug.ReadBuildInfo()
	return versionString(info)
}
