//! VNPay protocol v2.1.0: the signed pay URL and the verification of what VNPay sends back (IPN and
//! return). Lives only in the gateway: the secret and the signing code never reach the browser.

use hmac::{Hmac, Mac};
use sha2::Sha512;
use std::collections::BTreeMap;

/// `application/x-www-form-urlencoded` as VNPay's reference code writes it (PHP `urlencode`): letters,
/// digits and `-_.` kept, space as `+`, every other byte as `%XX`.
pub fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

pub fn urldecode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = s.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// The signed part of a query: `vnp_*` fields other than the hash, sorted by key, encoded.
pub fn signing_query(params: &BTreeMap<String, String>) -> String {
    params
        .iter()
        .filter(|(k, v)| k.starts_with("vnp_") && *k != "vnp_SecureHash" && *k != "vnp_SecureHashType" && !v.is_empty())
        .map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// HMAC-SHA512 of the signing query, lower-case hex.
pub fn sign(secret: &str, params: &BTreeMap<String, String>) -> String {
    let mut mac = Hmac::<Sha512>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(signing_query(params).as_bytes());
    mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

/// The pay URL: the parameters, then `vnp_SecureHash`.
pub fn pay_url(base: &str, secret: &str, params: &BTreeMap<String, String>) -> String {
    format!("{base}?{}&vnp_SecureHash={}", signing_query(params), sign(secret, params))
}

/// Whether parameters received from VNPay carry a correct signature (compared in constant time).
pub fn verify(secret: &str, params: &BTreeMap<String, String>) -> bool {
    let Some(given) = params.get("vnp_SecureHash") else { return false };
    let expected = sign(secret, params);
    given.len() == expected.len()
        && given.to_ascii_lowercase().bytes().zip(expected.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

/// Parses a raw query string (keeps the last value of a repeated key).
pub fn parse_query(query: &str) -> BTreeMap<String, String> {
    query
        .split('&')
        .filter_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            Some((urldecode(k)?, urldecode(v)?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "TESTSECRETKEY0123456789ABCDEFGHIJ";

    fn params() -> BTreeMap<String, String> {
        [
            ("vnp_Version", "2.1.0"), ("vnp_Command", "pay"), ("vnp_TmnCode", "MYTHOSO1"), ("vnp_Amount", "1000000"),
            ("vnp_CurrCode", "VND"), ("vnp_TxnRef", "MTS2512030001"), ("vnp_OrderInfo", "Thanh toan ho so MTS-251203-0001"),
            ("vnp_OrderType", "other"), ("vnp_Locale", "vn"), ("vnp_ReturnUrl", "http://127.0.0.1:8080/thanh-toan/ket-qua"),
            ("vnp_IpAddr", "127.0.0.1"), ("vnp_CreateDate", "20251203103000"), ("vnp_ExpireDate", "20251203104500"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    /// Computed independently with Python: `hmac.new(secret, query, hashlib.sha512).hexdigest()` over the
    /// query built with `urllib.parse.quote_plus` on the sorted parameters.
    const PYTHON_QUERY: &str = "vnp_Amount=1000000&vnp_Command=pay&vnp_CreateDate=20251203103000&vnp_CurrCode=VND&vnp_ExpireDate=20251203104500&vnp_IpAddr=127.0.0.1&vnp_Locale=vn&vnp_OrderInfo=Thanh+toan+ho+so+MTS-251203-0001&vnp_OrderType=other&vnp_ReturnUrl=http%3A%2F%2F127.0.0.1%3A8080%2Fthanh-toan%2Fket-qua&vnp_TmnCode=MYTHOSO1&vnp_TxnRef=MTS2512030001&vnp_Version=2.1.0";
    const PYTHON_HASH: &str = "db5d00238e6f1f922f37e269f66a4480e22d01eeadf1bd0f4a08be0f8dc859c7aebb59f47d1ba7a94c312f45054234fc3cef5d606fc55e0d28e1ea9e0c77aa3e";

    #[test]
    fn signs_like_the_reference_vector() {
        assert_eq!(signing_query(&params()), PYTHON_QUERY);
        assert_eq!(sign(SECRET, &params()), PYTHON_HASH);
    }

    #[test]
    fn verifies_and_rejects_tampering() {
        let url = pay_url("https://sandbox.example/pay", SECRET, &params());
        let mut received = parse_query(url.split_once('?').unwrap().1);
        assert_eq!(received["vnp_OrderInfo"], "Thanh toan ho so MTS-251203-0001");
        assert!(verify(SECRET, &received));
        received.insert("vnp_Amount".into(), "100".into());
        assert!(!verify(SECRET, &received));
        assert!(!verify("another secret", &parse_query(url.split_once('?').unwrap().1)));
        assert!(!verify(SECRET, &params()), "no hash, no trust");
    }

    #[test]
    fn url_encoding_round_trips() {
        for s in ["a b/c?d=e&f", "Mỹ Tho", "100%", ""] {
            assert_eq!(urldecode(&urlencode(s)).as_deref(), Some(s));
        }
        assert_eq!(urldecode("%zz"), None);
    }
}
