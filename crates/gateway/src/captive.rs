//! The tourist Wi-Fi's welcome page and the RFC 8908 captive-portal API. Captive mini-browsers keep no
//! storage, open no windows and may not run scripts: the page is plain HTML with the app's critical
//! styles, no script, small enough for the first round trip (≈14 KB), and fully usable without
//! JavaScript. The gateway draws it on each request so "today's events" are today's.

use crate::AppState;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue};
use axum::response::{Html, IntoResponse, Response};
use mytho_core::i18n::Lang;
use mytho_core::tourism::directions_link;

pub const PAGE_PATH: &str = "/wifi";
pub const API_PATH: &str = "/api/captive";

/// The page's texts (it is drawn by the gateway, not the app, so its table lives here).
fn t(lang: Lang, key: &str) -> &'static str {
    let (vi, en) = match key {
        "title" => ("Wi‑Fi miễn phí", "Free Wi-Fi"),
        "tagline" => ("Wi‑Fi miễn phí cho du khách tại Mỹ Tho", "Free Wi-Fi for visitors in My Tho"),
        "welcome" => ("Chào mừng bạn đến Mỹ Tho", "Welcome to My Tho"),
        "intro" => ("Mạng Wi‑Fi này miễn phí. Đọc điều khoản bên dưới rồi bấm Kết nối.", "This Wi-Fi is free. Read the terms below, then press Connect."),
        "terms" => ("Điều khoản sử dụng", "Terms of use"),
        "term1" => ("Không dùng mạng cho việc vi phạm pháp luật Việt Nam.", "Do not use the network to break Vietnamese law."),
        "term2" => ("Mạng dùng chung, không mã hóa: đừng gửi mật khẩu hay thông tin ngân hàng qua trang không có https.", "The network is shared and not encrypted: do not send passwords or bank details to pages without https."),
        "term3" => ("Thời gian và tốc độ mỗi lượt kết nối có thể bị giới hạn.", "Each session may be limited in time and speed."),
        "connect" => ("Kết nối", "Connect"),
        "connect_note" => ("Bấm Kết nối nghĩa là bạn đồng ý với các điều khoản trên.", "Pressing Connect means you accept the terms above."),
        "highlights" => ("Điểm nổi bật", "Highlights"),
        "directions" => ("Chỉ đường", "Directions"),
        "today" => ("Sự kiện hôm nay", "Today's events"),
        "no_events" => ("Hôm nay chưa có sự kiện nào trong lịch.", "No events are listed for today."),
        "guide" => ("Mở hướng dẫn du lịch đầy đủ", "Open the full visitor guide"),
        "guide_note" => ("Trang này không lưu được gì. Hãy sao chép đường dẫn dưới đây và mở trong trình duyệt của bạn sau khi đã kết nối:", "This page cannot keep anything. Copy the link below and open it in your own browser once connected:"),
        "guide_label" => ("Đường dẫn hướng dẫn du lịch", "Link to the visitor guide"),
        "hotline" => ("Đường dây nóng", "Hotline"),
        _ => ("", ""),
    };
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[derive(serde::Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    lang: String,
}

fn guide_url(state: &AppState) -> String {
    format!("{}{}", state.public_url, mytho_core::routes::TOURISM)
}

pub async fn page(State(state): State<AppState>, Query(q): Query<PageQuery>, headers: axum::http::HeaderMap) -> Response {
    let lang = Lang::from_code(&q.lang).unwrap_or_default();
    let site = &state.site;
    let config = &site.config;
    let other = lang.other();
    let hotline = escape(&config.hotline);
    let highlights: String = site
        .tourism
        .highlights()
        .take(3)
        .map(|p| {
            format!(
                "<li class=\"entry\"><span class=\"entry__name\">{}</span><span class=\"entry__hint\">{}</span> <a href=\"{}\">{} – {}</a></li>",
                escape(p.name.get(lang)),
                escape(p.description.get(lang)),
                escape(&directions_link(p, lang)),
                t(lang, "directions"),
                escape(p.name.get(lang)),
            )
        })
        .collect();
    let today = crate::dossiers::today();
    let events: Vec<String> = site
        .tourism
        .events_on(today)
        .into_iter()
        .map(|e| format!("<li><strong>{}</strong> – {} ({})</li>", escape(e.name.get(lang)), escape(e.description.get(lang)), escape(e.place.get(lang))))
        .collect();
    let events = if events.is_empty() { format!("<p>{}</p>", t(lang, "no_events")) } else { format!("<ul>{}</ul>", events.join("")) };
    let connect = match &config.wifi {
        Some(w) => {
            let fields: String = w
                .fields
                .iter()
                .map(|(k, v)| format!("<input type=\"hidden\" name=\"{}\" value=\"{}\">", escape(k), escape(v)))
                .collect();
            format!(
                "<form method=\"{}\" action=\"{}\">{fields}<p>{}</p><button type=\"submit\" class=\"button\">{}</button></form>",
                escape(&w.method),
                escape(&w.controller_url),
                t(lang, "connect_note"),
                t(lang, "connect")
            )
        }
        None => String::new(),
    };
    let guide = escape(&guide_url(&state));
    let html = format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{title} – {app}</title><style>{css}</style></head><body>\
<header class=\"site-header\"><div class=\"site-header__bar\"><span class=\"site-header__name\">{app}</span>\
<a class=\"lang-switch\" href=\"{PAGE_PATH}?lang={other_code}\" lang=\"{other_code}\" hreflang=\"{other_code}\">{other_name}</a></div>\
<p class=\"site-header__tagline\">{tagline}</p></header>{demo}\
<main id=\"main\"><h1 class=\"page-title\">{welcome}</h1><p>{intro}</p>\
<h2>{terms}</h2><ul><li>{term1}</li><li>{term2}</li><li>{term3}</li></ul>{connect}\
<h2>{highlights_title}</h2><ul class=\"entries\">{highlights}</ul>\
<h2>{today_title}</h2>{events}\
<h2>{guide_title}</h2><p>{guide_note}</p><p><label for=\"guide-link\">{guide_label}</label><br>\
<input id=\"guide-link\" class=\"guide-link\" type=\"url\" readonly value=\"{guide}\" size=\"40\"></p>\
</main><footer class=\"site-footer\"><p class=\"hotline\">{hotline_label}: <a class=\"hotline__number\" href=\"tel:{hotline}\">{hotline}</a></p></footer></body></html>",
        code = lang.code(),
        title = t(lang, "title"),
        app = escape(config.app_name.get(lang)),
        css = site.critical_css,
        other_code = other.code(),
        other_name = other.native_name(),
        tagline = t(lang, "tagline"),
        welcome = t(lang, "welcome"),
        intro = t(lang, "intro"),
        terms = t(lang, "terms"),
        term1 = t(lang, "term1"),
        term2 = t(lang, "term2"),
        term3 = t(lang, "term3"),
        highlights_title = t(lang, "highlights"),
        today_title = t(lang, "today"),
        guide_title = t(lang, "guide"),
        guide_note = t(lang, "guide_note"),
        guide_label = t(lang, "guide_label"),
        hotline_label = t(lang, "hotline"),
        demo = if state.demo { format!("<p class=\"demo-banner\"><strong>{}</strong></p>", mytho_core::i18n::Msg::DemoNotice.text(lang)) } else { String::new() },
    );
    // Drawn per request, so compressed per request (quickly: a captive link is slow, the CPU is not).
    let accepts = headers.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or("");
    let offered = |name: &str| crate::assets::accepts(accepts, name);
    let (body, encoding) = if offered("br") {
        (crate::assets::brotli_quick(html.as_bytes()), Some("br"))
    } else if offered("gzip") {
        (crate::assets::gzip(html.as_bytes()), Some("gzip"))
    } else {
        (html.into_bytes(), None)
    };
    let mut response = Html(body).into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(if lang == Lang::En { "en" } else { "vi" }));
    if let Some(e) = encoding {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(e));
    }
    response
}

/// RFC 8908: the captive-portal API document. This gateway knows the venue, not the Wi-Fi session, so
/// it reports the portal and the venue page; a controller that tracks sessions can serve its own.
pub async fn api(State(state): State<AppState>) -> Response {
    let body = serde_json::json!({
        "captive": true,
        "user-portal-url": format!("{}{PAGE_PATH}", state.public_url),
        "venue-info-url": guide_url(&state),
    });
    let mut response = body.to_string().into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/captive+json"));
    response
}
