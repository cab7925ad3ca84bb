use leptos::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc};

/// A QR code as SVG: one path of dark modules inside the quiet zone the standard asks for.
pub fn qr_svg(payload: &str, label: String) -> impl IntoView {
    let code = QrCode::encode_text(payload, QrCodeEcc::Medium).ok();
    code.map(|code| {
        const QUIET: i32 = 4;
        let size = code.size();
        let mut d = String::new();
        for y in 0..size {
            for x in 0..size {
                if code.get_module(x, y) {
                    d.push_str(&format!("M{},{}h1v1h-1z", x + QUIET, y + QUIET));
                }
            }
        }
        let view_box = format!("0 0 {0} {0}", size + 2 * QUIET);
        view! {
            <svg class="qr" viewBox=view_box role="img" aria-label=label shape-rendering="crispEdges">
                <rect width="100%" height="100%" fill="#fff"/>
                <path d=d fill="#000"/>
            </svg>
        }
    })
}
