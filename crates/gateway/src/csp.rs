//! The Content-Security-Policy for the app: scripts only from this origin (an inline block only by its
//! hash, never `'unsafe-inline'`), wasm compilation via `'wasm-unsafe-eval'`, workers from this origin.

use base64::Engine;
use sha2::{Digest, Sha256};

/// Hashes (`'sha256-…'`) of the inline `<script>` and `<style>` blocks of an HTML page.
pub fn inline_hashes(html: &str) -> (Vec<String>, Vec<String>) {
    (hashes_of(html, "script"), hashes_of(html, "style"))
}

fn hashes_of(html: &str, tag: &str) -> Vec<String> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        let Some(tag_end) = after.find('>') else { break };
        let attrs = &after[..tag_end];
        let body_and_more = &after[tag_end + 1..];
        let Some(body_end) = body_and_more.find(&close) else { break };
        // `<scripts` or `<styles` are not our tags; external scripts need no hash.
        let is_tag = attrs.is_empty() || attrs.starts_with(char::is_whitespace);
        if is_tag && !attrs.contains("src=") {
            let digest = Sha256::digest(&body_and_more.as_bytes()[..body_end]);
            let hash = format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest));
            // The same block on several pages (the critical CSS) is listed once.
            if !out.contains(&hash) {
                out.push(hash);
            }
        }
        rest = &body_and_more[body_end + close.len()..];
    }
    out
}

/// The full policy for a page whose inline blocks are `html`'s; `origins` are the city's API and
/// reports endpoint when they live on other origins.
pub fn policy(html: &str, origins: &[&str]) -> String {
    let (scripts, styles) = inline_hashes(html);
    let mut connect = String::from("'self'");
    for origin in origins {
        connect.push(' ');
        connect.push_str(origin);
    }
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{}; style-src 'self'{}; img-src 'self' data: blob:; \
         font-src 'self'; connect-src {connect}; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'; manifest-src 'self'; worker-src 'self'",
        scripts.iter().map(|h| format!(" {h}")).collect::<String>(),
        styles.iter().map(|h| format!(" {h}")).collect::<String>(),
    )
}

/// The captive Wi-Fi page: no script at all, its one inline style by hash, and a form that may post to
/// the Wi-Fi controller (another origin, often a bare IP on the venue network).
pub fn captive_policy(css: &str, controller_url: Option<&str>) -> String {
    let style = format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(css.as_bytes())));
    let controller = controller_url
        .and_then(|u| {
            let rest = u.strip_prefix("https://").or_else(|| u.strip_prefix("http://"))?;
            let host_end = rest.find('/').unwrap_or(rest.len());
            Some(format!(" {}", &u[..u.len() - rest.len() + host_end]))
        })
        .unwrap_or_default();
    format!("default-src 'none'; style-src {style}; img-src 'self' data:; form-action 'self'{controller}; base-uri 'none'; frame-ancestors 'none'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inline_blocks_only() {
        let html = r#"<style>b{}</style><script src="/a.js"></script><script type="module">go()</script><scripts>x</scripts>"#;
        let (scripts, styles) = inline_hashes(html);
        // Reference values from `printf 'go()' | openssl dgst -sha256 -binary | base64`.
        assert_eq!(scripts, vec!["'sha256-5KYv+PUboo5h+0+YAtGRPbwv5d/QxzHslP4YGnUaxRw='".to_string()]);
        assert_eq!(styles.len(), 1);
        let p = policy(html, &["https://api.example.vn"]);
        assert!(p.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-5KYv+"));
        assert!(p.contains("connect-src 'self' https://api.example.vn;"));
        assert!(!p.contains("unsafe-inline") && !p.contains("'unsafe-eval'"));
    }
}
