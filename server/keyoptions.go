package server

import (
	"errors"
	"fmt"
	"net"
	"path"
	"slices"
	"strings"
	"time"
)

// keyOptions are the options of one authorized_keys line that kiosk
// honours: where the key may connect from, until when, and for a
// certificate authority, which principals its certificates must name.
type keyOptions struct {
	from       []string // sshd pattern list: "!" negates, * and ? match, a/n is a network
	expiry     time.Time
	ca         bool
	principals []string // with ca: the certificate must name one of these
}

// Options that ask kiosk to withhold what it never offers: it honours them
// by being what it is.
var withheld = map[string]bool{
	"no-agent-forwarding": true, "no-port-forwarding": true, "no-x11-forwarding": true,
	"no-user-rc": true, "permitopen": true, "permitlisten": true, "pty": true,
}

// parseKeyOptions reads the options of an authorized_keys line, or says
// which ones kiosk cannot honour.
func parseKeyOptions(options []string) (keyOptions, error) {
	var o keyOptions
	var problems []error
	names := make([]string, len(options))
	for i, opt := range options {
		names[i], _, _ = strings.Cut(strings.ToLower(opt), "=")
	}
	for _, opt := range options {
		name, value, hasValue := strings.Cut(opt, "=")
		name = strings.ToLower(name)
		value = unquoteOption(value)
		switch {
		case name == "from" && hasValue:
			o.from = strings.Split(value, ",")
			if slices.Contains(o.from, "") || slices.Contains(o.from, "!") {
				problems = append(problems, fmt.Errorf("from=%q has an empty pattern", value))
			}
		case name == "expiry-time" && hasValue:
			t, err := parseExpiry(value)
			if err != nil {
				problems = append(problems, err)
			}
			o.expiry = t
		case name == "cert-authority":
			o.ca = true
		case name == "principals" && hasValue:
			o.principals = strings.Split(value, ",")
		case name == "restrict" && slices.Contains(names, "pty"):
			// "restrict,pty": nothing but a terminal, which is all kiosk
			// offers.
		case name == "restrict" || name == "no-pty":
			problems = append(problems, fmt.Errorf("%s forbids a terminal, and kiosk serves a terminal reader (use restrict,pty)", name))
		case withheld[name]:
		case hasValue:
			problems = append(problems, fmt.Errorf("kiosk cannot honour %s=", name))
		default:
			problems = append(problems, fmt.Errorf("kiosk cannot honour %s", name))
		}
	}
	if len(o.principals) > 0 && !o.ca {
		problems = append(problems, errors.New("principals= belongs to a cert-authority line"))
	}
	return o, errors.Join(problems...)
}

// unquoteOption strips an option value's quotes and its \" escapes.
func unquoteOption(v string) string {
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		v = v[1 : len(v)-1]
	}
	return strings.ReplaceAll(v, `\"`, `"`)
}

// parseExpiry reads sshd's YYYYMMDD[HHMM[SS]] in local time, or in UTC
// with a trailing Z.
func parseExpiry(v string) (time.Time, error) {
	loc := time.Local
	if s, ok := strings.CutSuffix(v, "Z"); ok {
		v, loc = s, time.UTC
	}
	for _, layout := range []string{"20060102", "200601021504", "20060102150405"} {
		if len(v) == len(layout) {
			if t, err := time.ParseInLocation(layout, v, loc); err == nil {
				return t, nil
			}
		}
	}
	return time.Time{}, fmt.Errorf("expiry-time=%q is not YYYYMMDD[HHMM[SS]][Z]", v)
}

// refusal says why a client at remote may not use a key with these options
// now, or "" when it may.
func (o keyOptions) refusal(remote net.Addr, now time.Time) string {
	if !o.expiry.IsZero() && !now.Before(o.expiry) {
		return "the key expired at " + o.expiry.Format(time.RFC3339)
	}
	if o.from != nil && !matchFrom(o.from, remote) {
		return "from= does not match the client's address"
	}
	return ""
}

// matchFrom applies an sshd pattern list to the client's IP address: a
// negated pattern that matches refuses, whatever else matches; otherwise
// one positive match admits. Host names are never looked up, as with
// sshd's default UseDNS no.
func matchFrom(patterns []string, remote net.Addr) bool {
	tcp, ok := remote.(*net.TCPAddr)
	if !ok {
		return false
	}
	ip := tcp.IP
	if v4 := ip.To4(); v4 != nil {
		ip = v4
	}
	matched := false
	for _, p := range patterns {
		neg := strings.HasPrefix(p, "!")
		if matchAddr(strings.TrimPrefix(p, "!"), ip) {
			if neg {
				return false
			}
			matched = true
		}
	}
	return matched
}

func matchAddr(pattern string, ip net.IP) bool {
	if strings.Contains(pattern, "/") {
		_, network, err := net.ParseCIDR(pattern)
		return err == nil && network.Contains(ip)
	}
	ok, err := path.Match(strings.ToLower(pattern), ip.String())
	return err == nil && ok
}
