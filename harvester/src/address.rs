//! Which network addresses a harvest may connect to, and the DNS resolver that enforces it.
//!
//! Source URLs come from configuration that institutions ask operators to add, and from
//! redirects that sources send: a URL whose host is, or resolves to, a private, loopback,
//! link-local, CGNAT, unique-local or cloud-metadata address would let a feed reach into
//! the clearinghouse's own network (SSRF). Unless the operator allows it
//! (`harvest.allow_private_addresses`, or a source's `allow_private_address`), such
//! addresses are refused:
//!
//! - host names through [`PublicOnlyResolver`], the DNS resolver of the guarded client,
//!   so that every connection, redirects and a re-resolved (rebound) name included, is
//!   checked against the addresses it really goes to;
//! - IP literals, which never reach a resolver, through [`check_url`] before a request
//!   and in the redirect policy of the guarded client.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use url::{Host, Url};

/// Why a connection was refused: the host is, or resolves only to, addresses that are
/// not public. Travels through reqwest's error chain and is turned into
/// [`crate::HarvestError::PrivateAddress`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{host} {}", describe(.addresses))]
pub(crate) struct PrivateAddressRefused {
    /// The host as written in the URL.
    pub host: String,
    /// The refused addresses.
    pub addresses: Vec<IpAddr>,
}

fn describe(addresses: &[IpAddr]) -> String {
    let listed: Vec<String> = addresses.iter().map(ToString::to_string).collect();
    match listed.as_slice() {
        [single] if single.parse::<IpAddr>().is_ok() => {
            format!("is (or resolves to) the non-public address {single}")
        }
        _ => format!(
            "resolves only to non-public addresses ({})",
            listed.join(", ")
        ),
    }
}

/// Whether a harvest may connect to `ip` without the operator's explicit allowance:
/// false for loopback, private (RFC 1918), CGNAT, link-local (cloud metadata at
/// 169.254.169.254), unspecified, broadcast, multicast, documentation, benchmarking and
/// reserved IPv4 ranges, and for their IPv6 counterparts (loopback, unique-local
/// `fc00::/7`, link-local, site-local, multicast, documentation) and IPv6 forms that embed
/// an IPv4 address (mapped, compatible, NAT64, 6to4), judged by the embedded address.
pub fn is_public_address(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    let refused = a == 0 // "this network", 0.0.0.0
        || a == 10
        || a == 127
        || (a == 100 && (64..128).contains(&b)) // CGNAT 100.64/10
        || (a == 169 && b == 254) // link-local, cloud metadata
        || (a == 172 && (16..32).contains(&b))
        || (a == 192 && b == 168)
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 192 && b == 0 && c == 2) // TEST-NET-1
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || (a == 198 && b == 51 && c == 100) // TEST-NET-2
        || (a == 203 && b == 0 && c == 113) // TEST-NET-3
        || a >= 224; // multicast, reserved, broadcast
    !refused
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    if let Some(v4) = embedded_v4(ip) {
        return is_public_v4(v4);
    }
    let segments = ip.segments();
    let first = segments[0];
    let refused = ip.is_unspecified()
        || ip.is_loopback()
        || (first & 0xfe00) == 0xfc00 // unique local fc00::/7 (fd00::/8 included)
        || (first & 0xffc0) == 0xfe80 // link-local
        || (first & 0xffc0) == 0xfec0 // site-local (deprecated)
        || (first & 0xff00) == 0xff00 // multicast
        || (first == 0x2001 && segments[1] == 0x0db8) // documentation
        || (first == 0x0100 && segments[1..4] == [0, 0, 0]); // discard-only 100::/64
    !refused
}

/// The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 (`64:ff9b::/96`) or
/// 6to4 (`2002::/16`) IPv6 address.
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let segments = ip.segments();
    let low = |high: u16, low: u16| {
        Ipv4Addr::new((high >> 8) as u8, high as u8, (low >> 8) as u8, low as u8)
    };
    if let Some(v4) = ip.to_ipv4_mapped() {
        return Some(v4);
    }
    if segments[..6] == [0, 0, 0, 0, 0, 0] && !ip.is_loopback() && !ip.is_unspecified() {
        return Some(low(segments[6], segments[7]));
    }
    if segments[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return Some(low(segments[6], segments[7]));
    }
    if segments[0] == 0x2002 {
        return Some(low(segments[1], segments[2]));
    }
    None
}

/// Refuses a URL whose host is a non-public IP literal (host names are checked by
/// [`PublicOnlyResolver`] when the connection is made).
pub(crate) fn check_url(url: &Url) -> Result<(), PrivateAddressRefused> {
    let ip = match url.host() {
        Some(Host::Ipv4(v4)) => IpAddr::V4(v4),
        Some(Host::Ipv6(v6)) => IpAddr::V6(v6),
        Some(Host::Domain(_)) | None => return Ok(()),
    };
    if is_public_address(ip) {
        Ok(())
    } else {
        Err(PrivateAddressRefused {
            host: url.host_str().unwrap_or_default().to_owned(),
            addresses: vec![ip],
        })
    }
}

/// The system resolver, keeping only public addresses: a name that resolves to none is
/// refused with [`PrivateAddressRefused`]. Every connection of the guarded client goes
/// through it, so a name that is re-resolved to another address later (DNS rebinding) is
/// checked again.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PublicOnlyResolver;

impl Resolve for PublicOnlyResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let resolved: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let (public, refused): (Vec<SocketAddr>, Vec<SocketAddr>) = resolved
                .into_iter()
                .partition(|addr| is_public_address(addr.ip()));
            if public.is_empty() {
                let addresses = refused.iter().map(SocketAddr::ip).collect();
                return Err(Box::new(PrivateAddressRefused { host, addresses })
                    as Box<dyn std::error::Error + Send + Sync>);
            }
            if !refused.is_empty() {
                tracing::warn!(
                    host = %host,
                    refused = ?refused.iter().map(SocketAddr::ip).collect::<Vec<_>>(),
                    "dropped non-public addresses of a harvest host"
                );
            }
            Ok(Box::new(public.into_iter()) as Addrs)
        })
    }
}

/// The redirect policy of the guarded client: at most ten hops, and no hop to a
/// non-public IP literal (host names are checked by the resolver on connection).
pub(crate) fn guarded_redirect_policy() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        if attempt.previous().len() >= 10 {
            return attempt.error("too many redirects (more than 10)");
        }
        match check_url(attempt.url()) {
            Ok(()) => attempt.follow(),
            Err(refused) => attempt.error(refused),
        }
    })
}

/// The redirect policy for a source the operator allowed a private address: at most ten
/// hops, each to the host the request was first sent to (its scheme and port may
/// change). The allowance is for that source's own server, not for whatever private
/// address it redirects to (another service on the network, a cloud metadata endpoint).
pub(crate) fn own_host_redirect_policy() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        if attempt.previous().len() >= 10 {
            return attempt.error("too many redirects (more than 10)");
        }
        let first = attempt.previous().first().and_then(|url| url.host_str());
        let next = attempt.url().host_str();
        if first.is_some() && first == next {
            attempt.follow()
        } else {
            let refused = format!(
                "refused to follow a redirect from {} to {}: a source allowed a private address is followed only within its own host",
                first.unwrap_or_default(),
                next.unwrap_or_default()
            );
            attempt.error(refused)
        }
    })
}

/// The [`PrivateAddressRefused`] somewhere in an error's chain of causes.
pub(crate) fn refusal_in(err: &(dyn std::error::Error + 'static)) -> Option<PrivateAddressRefused> {
    let mut current = Some(err);
    while let Some(error) = current {
        if let Some(refused) = error.downcast_ref::<PrivateAddressRefused>() {
            return Some(refused.clone());
        }
        current = error.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_addresses() {
        let check = |text: &str, public: bool| {
            let ip: IpAddr = text.parse().unwrap();
            assert_eq!(is_public_address(ip), public, "{text}");
        };
        for refused in [
            "0.0.0.0",
            "10.1.2.3",
            "127.0.0.1",
            "127.255.0.9",
            "100.64.0.1",
            "100.127.255.255",
            "169.254.169.254",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "192.0.0.8",
            "198.18.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "::",
            "::1",
            "fd00::1",
            "fc00::1",
            "fd00:ec2::254",
            "fe80::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "::10.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "2002:c0a8:0101::1",
            "2001:db8::1",
        ] {
            check(refused, false);
        }
        for public in [
            "8.8.8.8",
            "1.1.1.1",
            "100.63.255.255",
            "100.128.0.1",
            "172.15.0.1",
            "172.32.0.1",
            "193.0.14.129",
            "2a00:1450:4001::1",
            "::ffff:8.8.8.8",
            "2002:0808:0808::1",
        ] {
            check(public, true);
        }
    }

    #[test]
    fn refuses_private_ip_literals_only() {
        let check = |url: &str, ok: bool| {
            assert_eq!(check_url(&Url::parse(url).unwrap()).is_ok(), ok, "{url}");
        };
        check("http://127.0.0.1:8080/feed", false);
        check("http://[::1]/feed", false);
        check("http://169.254.169.254/latest/meta-data/", false);
        check("http://0.0.0.0/", false);
        check("http://[fd00::1]/", false);
        check("https://8.8.8.8/feed", true);
        check("https://feeds.example/feed", true);
    }

    #[tokio::test]
    async fn the_resolver_refuses_names_of_loopback_addresses() {
        let name: Name = "localhost".parse().unwrap();
        let err = match PublicOnlyResolver.resolve(name).await {
            Ok(addrs) => panic!("resolved to {:?}", addrs.collect::<Vec<_>>()),
            Err(err) => err,
        };
        let refused = refusal_in(err.as_ref()).expect("a PrivateAddressRefused");
        assert_eq!(refused.host, "localhost");
        assert!(
            refused.addresses.iter().all(|ip| ip.is_loopback()),
            "{refused:?}"
        );
    }
}
