package cli

import (
	"fmt"
	"regexp"

	"github.com/spf13/cobra"
)

// badValue matches pflag's message for a value its flag cannot take; pflag
// has no error type for it.
var badValue = regexp.MustCompile(`^invalid argument "(.*)" for "(?:-\w, )?--([\w-]+)" flag: `)

// flagError turns a flag parsing error into a usage error; a value the flag
// cannot take is reported with the flag's name and what it wants, not in
// the parser's words (`strconv.ParseInt: parsing "abc": invalid syntax`).
func flagError(cmd *cobra.Command, err error) error {
	if m := badValue.FindStringSubmatch(err.Error()); m != nil {
		if f := cmd.Flags().Lookup(m[2]); f != nil {
			if want, ok := flagWants(f.Value.Type(), f.DefValue); ok {
				err = fmt.Errorf("--%s %q is not %s (--%s: %s)", f.Name, m[1], want, f.Name, f.Usage)
			}
		}
	}
	return &usageError{cmd: cmd.CommandPath(), err: err}
}

// flagWants says what a flag of type typ takes, with def as an example.
func flagWants(typ, def string) (string, bool) {
	switch typ {
	case "int", "int64", "uint", "uint64":
		if def == "0" {
			return "a whole number", true
		}
		return "a whole number, such as " + def, true
	case "duration":
		return "a duration with a unit, such as 90s, 10m or 1h30m", true
	case "bool":
		return "true or false", true
	}
	return "", false
}
