package feed

import (
	"errors"
	"fmt"
	"net/netip"
	"syscall"
)

// errNonPublicAddress is why a PublicOnly fetcher refused to connect.
var errNonPublicAddress = errors.New("refused to connect to a non-public address")

// nonPublicPrefixes are ranges that net/netip's predicates do not name but
// that reach no public host: "this network", carrier-grade NAT (where some
// clouds keep their metadata service), IETF protocol assignments,
// benchmarking, reserved and broadcast.
var nonPublicPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("240.0.0.0/4"),
	// Local-use NAT64 (RFC 8215): a network's own translator, with the
	// IPv4 address placed as that network chooses.
	netip.MustParsePrefix("64:ff9b:1::/48"),
	// Teredo: the IPv4 addresses in it are a relay's and an obfuscated
	// client's; no public site is reached through one.
	netip.MustParsePrefix("2001::/32"),
}

// The well-known NAT64 prefix (RFC 6052) and 6to4 (RFC 3056) carry an IPv4
// address, which the host connects to in the end: 64:ff9b::a9fe:a9fe is
// the metadata service on a network with NAT64.
var (
	nat64Prefix = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour   = netip.MustParsePrefix("2002::/16")
)

// embeddedIPv4 is the IPv4 address an address of NAT64 or 6to4 carries,
// and ip itself for any other.
func embeddedIPv4(ip netip.Addr) netip.Addr {
	b := ip.As16()
	switch {
	case nat64Prefix.Contains(ip):
		return netip.AddrFrom4([4]byte(b[12:16]))
	case sixToFour.Contains(ip):
		return netip.AddrFrom4([4]byte(b[2:6]))
	}
	return ip
}

// publicAddress reports whether ip is an address on the public internet:
// not loopback, private (RFC 1918, fc00::/7), link-local (169.254.0.0/16,
// with the cloud metadata service, and fe80::/10), unspecified, multicast
// or reserved. An IPv4 address written as IPv6 (mapped, or in NAT64 or
// 6to4) is judged as IPv4.
func publicAddress(ip netip.Addr) bool {
	ip = embeddedIPv4(ip.Unmap())
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsUnspecified() ||
		ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() {
		return false
	}
	for _, p := range nonPublicPrefixes {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// refuseNonPublic is a net.Dialer.Control for PublicOnly fetchers. It sees
// the address about to be connected to, after DNS resolution and for every
// redirect, so a host name that resolves to a private address, or a
// redirect to one, is refused too.
func refuseNonPublic(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: cannot read the address %q", errNonPublicAddress, address)
	}
	if ip := ap.Addr().Unmap(); !publicAddress(ip) {
		name := ip.String()
		if v4 := embeddedIPv4(ip); v4 != ip {
			name += " (" + v4.String() + ")"
		}
		return fmt.Errorf("%w %s (loopback, private, link-local and reserved addresses are not fetched for readers)", errNonPublicAddress, name)
	}
	return nil
}
