package render

import (
	"fmt"
	"strings"
)

// Theme says which colours suit the terminal: dark or light text on the
// other, or auto to ask the terminal for its background.
type Theme string

// The themes, in the order help and completion list them.
const (
	ThemeAuto  Theme = "auto"
	ThemeDark  Theme = "dark"
	ThemeLight Theme = "light"
)

// Themes are the names --theme accepts.
func Themes() []string {
	return []string{string(ThemeAuto), string(ThemeDark), string(ThemeLight)}
}

// ParseTheme reads a theme's name.
func ParseTheme(name string) (Theme, error) {
	for _, t := range Themes() {
		if name == t {
			return Theme(t), nil
		}
	}
	names := Themes()
	return "", fmt.Errorf("%q is not a theme: use %s or %s", name, strings.Join(names[:len(names)-1], ", "), names[len(names)-1])
}
