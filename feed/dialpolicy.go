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
}

// publicAddress reports whether ip is an address on the public internet:
// not loopback, private (RFC 1918, fc00::/7), link-local (169.254.0.0/16,
// with the cloud metadata service, and fe80::/10), unspecified, multicast
// or reserved. An IPv4 address written as IPv6 is judged as IPv4.
func publicAddress(ip netip.Addr) bool {
	ip = ip.Unmap()
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
	if !publicAddress(ap.Addr()) {
		return fmt.Errorf("%w %s (loopback, private, link-local and reserved addresses are not fetched for readers)", errNonPublicAddress, ap.Addr().Unmap())
	}
	return nil
}
