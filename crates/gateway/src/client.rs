//! Who sent a request, for per-client limits: the peer's address or, for the trusted proxy's requests,
//! the last address of its `X-Forwarded-For` (the one it saw). IPv6 clients count by their /64, which
//! one home or phone network holds whole.

use crate::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

/// The client as limits count it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientKey(pub String);

impl FromRequestParts<AppState> for ClientKey {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        Ok(ClientKey(of(parts, state.trusted_proxy)))
    }
}

/// The client of a request (without connection info, as in a router called directly: `unknown`).
pub fn of(parts: &Parts, trusted_proxy: Option<IpAddr>) -> String {
    let Some(ConnectInfo(peer)) = parts.extensions.get::<ConnectInfo<SocketAddr>>() else { return "unknown".into() };
    let forwarded = parts.headers.get("x-forwarded-for").and_then(|v| v.to_str().ok());
    key(peer.ip(), trusted_proxy, forwarded)
}

fn key(peer: IpAddr, trusted_proxy: Option<IpAddr>, forwarded: Option<&str>) -> String {
    let from_proxy = (trusted_proxy == Some(peer)).then_some(forwarded).flatten();
    let ip = from_proxy.and_then(|f| f.rsplit(',').next()).and_then(|a| a.trim().parse().ok()).unwrap_or(peer);
    match ip {
        IpAddr::V6(v6) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or_else(String::new, |v4| v4.to_string()),
        IpAddr::V4(v4) => v4.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::key;

    #[test]
    fn a_client_is_its_address_or_what_the_trusted_proxy_forwarded() {
        let proxy = "10.0.0.2".parse().ok();
        let peer = "203.0.113.9".parse().unwrap();
        assert_eq!(key(peer, None, Some("1.2.3.4")), "203.0.113.9", "a header from anyone is ignored");
        assert_eq!(key(peer, proxy, Some("1.2.3.4")), "203.0.113.9", "only the proxy's is read");
        let p = proxy.unwrap();
        assert_eq!(key(p, proxy, Some("6.6.6.6, 1.2.3.4")), "1.2.3.4", "the address the proxy saw, not one the client wrote");
        assert_eq!(key(p, proxy, Some("nonsense")), "10.0.0.2");
        assert_eq!(key(p, proxy, None), "10.0.0.2");
        let a = key("2001:db8:1:2:aaaa::1".parse().unwrap(), None, None);
        assert_eq!(a, key("2001:db8:1:2:bbbb::9".parse().unwrap(), None, None), "one /64");
        assert_eq!(a, "2001:db8:1:2::/64");
        assert_eq!(key("::ffff:192.0.2.7".parse().unwrap(), None, None), "192.0.2.7");
    }
}
