package server

import (
	"crypto/rand"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"charm.land/log/v2"
	gossh "golang.org/x/crypto/ssh"
)

func TestFromPatternListsMatchAsSshdDoes(t *testing.T) {
	for _, c := range []struct {
		patterns, ip string
		want         bool
	}{
		{"10.9.9.9", "127.0.0.1", false},
		{"127.0.0.1", "127.0.0.1", true},
		{"127.0.0.*", "127.0.0.7", true},
		{"127.0.0.?", "127.0.0.17", false},
		{"10.0.0.0/8,127.0.0.0/8", "127.1.2.3", true},
		{"127.0.0.*,!127.0.0.2", "127.0.0.2", false},
		{"!127.0.0.2,127.0.0.*", "127.0.0.3", true},
		{"!10.0.0.1", "127.0.0.1", false}, // only negations: nothing admits
		{"2001:db8::/32", "2001:db8::5", true},
		{"*", "::1", true},
		{"example.com", "127.0.0.1", false}, // names are never looked up
	} {
		remote := &net.TCPAddr{IP: net.ParseIP(c.ip), Port: 22}
		if got := matchFrom(strings.Split(c.patterns, ","), remote); got != c.want {
			t.Errorf("from=%q for %s: %v, want %v", c.patterns, c.ip, got, c.want)
		}
	}
}

func TestKeyOptionsKioskCannotHonourAreRefused(t *testing.T) {
	for _, opts := range [][]string{
		{"restrict", `command="/bin/false"`},
		{`command="ls"`},
		{`environment="A=b"`},
		{"no-pty"},
		{"restrict"},
		{"port-forwarding"},
		{"no-touch-required"},
		{`principals="a"`},
		{`expiry-time="tomorrow"`},
		{"frobnicate"},
	} {
		if _, err := parseKeyOptions(opts); err == nil {
			t.Errorf("%v accepted", opts)
		}
	}
	for _, opts := range [][]string{
		{"restrict", "pty"},
		{"no-port-forwarding", "no-agent-forwarding", "no-X11-forwarding", "no-user-rc", `permitopen="h:1"`},
		{`from="10.0.0.0/8"`, `expiry-time="20991231Z"`},
		{"cert-authority", `principals="ops,reader"`},
	} {
		if _, err := parseKeyOptions(opts); err != nil {
			t.Errorf("%v refused: %v", opts, err)
		}
	}
	if o, _ := parseKeyOptions([]string{`expiry-time="200001021530"`}); !o.expiry.Equal(time.Date(2000, 1, 2, 15, 30, 0, 0, time.Local)) {
		t.Errorf("expiry-time parsed as %v", o.expiry)
	}
}

func authorizedLine(options string, key gossh.PublicKey) string {
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(key)))
	if options != "" {
		line = options + " " + line
	}
	return line + "\n"
}

func userCert(t *testing.T, ca gossh.Signer, user gossh.Signer, principals []string, after, before time.Time) gossh.Signer {
	t.Helper()
	cert := &gossh.Certificate{
		Key: user.PublicKey(), CertType: gossh.UserCert, KeyId: "test",
		ValidPrincipals: principals,
		ValidAfter:      uint64(after.Unix()), ValidBefore: uint64(before.Unix()),
	}
	if err := cert.SignCert(rand.Reader, ca); err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewCertSigner(cert, user)
	if err != nil {
		t.Fatal(err)
	}
	return signer
}

func TestAuthorizedKeysOptionsAreHonoured(t *testing.T) {
	var (
		elsewhere, notFromTwo, expired, commanded, later = newClientKey(t), newClientKey(t), newClientKey(t), newClientKey(t), newClientKey(t)
		ca, opsCA, otherCA, user                         = newClientKey(t), newClientKey(t), newClientKey(t), newClientKey(t)
	)
	path := filepath.Join(t.TempDir(), "authorized_keys")
	file := authorizedLine(`from="10.9.9.9"`, elsewhere.PublicKey()) +
		authorizedLine(`from="127.0.0.*,!127.0.0.2"`, notFromTwo.PublicKey()) +
		authorizedLine(`expiry-time="20000101"`, expired.PublicKey()) +
		authorizedLine(`restrict,command="/bin/false"`, commanded.PublicKey()) +
		authorizedLine(`expiry-time="20991231Z",no-port-forwarding`, later.PublicKey()) +
		authorizedLine("cert-authority", ca.PublicKey()) +
		authorizedLine(`cert-authority,principals="ops"`, opsCA.PublicKey())
	if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	ts := startServer(t, Config{AuthorizedKeysPath: path, Logger: log.New(logs), MaxSessionsPerClient: -1, RateLimit: -1})
	if !strings.Contains(logs.String(), "cannot honour command=") || !strings.Contains(logs.String(), ":4:") {
		t.Errorf("the log at start should name the line and the option it cannot honour:\n%s", logs)
	}

	now := time.Now()
	for _, c := range []struct {
		name  string
		from  string
		key   gossh.Signer
		admit bool
	}{
		{"from= another address", "127.0.0.1", elsewhere, false},
		{"from= matching", "127.0.0.1", notFromTwo, true},
		{"from= negated", "127.0.0.2", notFromTwo, false},
		{"expired", "127.0.0.1", expired, false},
		{"restrict,command=", "127.0.0.1", commanded, false},
		{"expires later", "127.0.0.1", later, true},
		{"the CA's own key", "127.0.0.1", ca, false},
		{"certificate for the user", "127.0.0.1", userCert(t, ca, user, []string{"reader"}, now.Add(-time.Hour), now.Add(time.Hour)), true},
		{"certificate for someone else", "127.0.0.1", userCert(t, ca, user, []string{"mallory"}, now.Add(-time.Hour), now.Add(time.Hour)), false},
		{"expired certificate", "127.0.0.1", userCert(t, ca, user, []string{"reader"}, now.Add(-2*time.Hour), now.Add(-time.Hour)), false},
		{"certificate of an unlisted CA", "127.0.0.1", userCert(t, otherCA, user, []string{"reader"}, now.Add(-time.Hour), now.Add(time.Hour)), false},
		{"principals= named", "127.0.0.1", userCert(t, opsCA, user, []string{"ops"}, now.Add(-time.Hour), now.Add(time.Hour)), true},
		{"principals= not named", "127.0.0.1", userCert(t, opsCA, user, []string{"reader"}, now.Add(-time.Hour), now.Add(time.Hour)), false},
	} {
		client, err := dialFrom(t, ts.addr, c.from, c.key)
		if client != nil {
			client.Close()
		}
		if admitted := err == nil; admitted != c.admit {
			t.Errorf("%s: admitted %v, want %v (%v)", c.name, admitted, c.admit, err)
		}
	}

	// A re-read says again which line is refused.
	before := strings.Count(logs.String(), "cannot honour")
	time.Sleep(10 * time.Millisecond) // a new modification time
	if err := os.WriteFile(path, []byte(file+authorizedLine(`environment="X=1"`, user.PublicKey())), 0o600); err != nil {
		t.Fatal(err)
	}
	if c, err := dialFrom(t, ts.addr, "127.0.0.1", later); err == nil {
		c.Close()
	}
	if after := logs.String(); strings.Count(after, "cannot honour") <= before || !strings.Contains(after, "environment") {
		t.Errorf("the re-read file's refused lines were not logged:\n%s", after)
	}
}
