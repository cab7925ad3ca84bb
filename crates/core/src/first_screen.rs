//! What an area's page shows before its wasm has arrived, and without JavaScript: the top of the area's
//! own first page, in the app's words and markup (`scripts/build-app.sh` puts it in the page's `<main>`).
//! Everything here is drawn again by the app at the same size, so nothing jumps when it takes over and
//! the page's largest text is painted with the HTML (tests/e2e/shell.spec.ts checks both). The
//! catalogue's search works from here too: it is a plain GET form to the same address.

use crate::i18n::{Lang, Msg};
use crate::routes::Bundle;

/// The first screen of `bundle`'s page, in Vietnamese. `None` for the shell, whose first screen is the
/// home page in `index.html`.
pub fn html(bundle: Bundle) -> Option<String> {
    let (title, intro) = match bundle {
        Bundle::Shell => return None,
        Bundle::Dossiers => (Msg::CatalogueTitle, Some(Intro::Plain(Msg::CatalogueIntro))),
        Bundle::Forms => (Msg::AreaProcedures, None),
        Bundle::Tracking => (Msg::AreaTracking, Some(Intro::Plain(Msg::TrackIntro))),
        Bundle::Faq => (Msg::AreaFaq, Some(Intro::Plain(Msg::FaqIntro))),
        Bundle::Payments => (Msg::PayAction, None),
        Bundle::Reports => (Msg::AreaReports, Some(Intro::Plain(Msg::ReportsIntro))),
        Bundle::Tourism => (Msg::GuideTitle, Some(Intro::Lead(Msg::GuideIntro))),
        Bundle::Tutorials => (Msg::LessonsTitle, Some(Intro::Lead(Msg::LessonsIntro))),
    };
    let mut out = format!("      <h1 class=\"page-title\">{}</h1>\n", text(title));
    match intro {
        Some(Intro::Plain(intro)) => out.push_str(&format!("      <p>{}</p>\n", text(intro))),
        Some(Intro::Lead(intro)) => out.push_str(&format!("      <p class=\"lead\">{}</p>\n", text(intro))),
        None => {}
    }
    if bundle == Bundle::Dossiers {
        out.push_str(&catalogue_search());
    }
    out.push_str(&format!("      <p class=\"notice\" role=\"status\">{}</p>\n", text(Msg::Loading)));
    Some(out)
}

/// How an area introduces itself: a plain paragraph, or the larger `lead` of the guide and lessons.
enum Intro {
    Plain(Msg),
    Lead(Msg),
}

/// The catalogue's search form and the link to the drafts, as `pages::dossiers::Catalogue` draws them.
fn catalogue_search() -> String {
    format!(
        "      <form class=\"search\" role=\"search\">\n        \
         <label class=\"label\" for=\"procedure-search\">{}</label>\n        \
         <p class=\"hint\" id=\"procedure-search-hint\">{}</p>\n        \
         <div class=\"search__row\">\n          \
         <input class=\"input\" type=\"search\" id=\"procedure-search\" name=\"q\" autocomplete=\"off\" aria-describedby=\"procedure-search-hint\">\n          \
         <button class=\"button\" type=\"submit\">{}</button>\n        \
         </div>\n      </form>\n      <p><a href=\"{}\">{}</a></p>\n",
        text(Msg::SearchLabel),
        text(Msg::SearchHint),
        text(Msg::SearchButton),
        crate::routes::DRAFTS,
        text(Msg::DraftsTitle)
    )
}

/// A text for HTML: the first screen is in Vietnamese, like `<html lang="vi">`.
fn text(msg: Msg) -> String {
    msg.text(Lang::Vi).replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_area_page_has_its_heading_and_a_loading_line_and_the_shell_has_none() {
        assert!(html(Bundle::Shell).is_none());
        for bundle in Bundle::ALL.into_iter().filter(|b| *b != Bundle::Shell) {
            let page = html(bundle).unwrap();
            assert_eq!(page.matches("<h1 class=\"page-title\">").count(), 1, "{bundle:?}");
            assert!(page.ends_with(&format!("<p class=\"notice\" role=\"status\">{}</p>\n", Msg::Loading.text(Lang::Vi))), "{bundle:?}");
        }
    }

    #[test]
    fn the_guide_and_lessons_open_with_a_lead_as_the_app_draws_them() {
        assert!(html(Bundle::Tourism).unwrap().contains(&format!("<p class=\"lead\">{}</p>", Msg::GuideIntro.text(Lang::Vi))));
        assert!(html(Bundle::Tutorials).unwrap().contains(&format!("<p class=\"lead\">{}</p>", Msg::LessonsIntro.text(Lang::Vi))));
        assert!(html(Bundle::Faq).unwrap().contains(&format!("<p>{}</p>", Msg::FaqIntro.text(Lang::Vi))));
    }

    #[test]
    fn the_catalogue_can_be_searched_before_the_app_arrives() {
        let page = html(Bundle::Dossiers).unwrap();
        // A GET form to the page's own address, whose `q` the app reads.
        assert!(page.contains("<form class=\"search\" role=\"search\">"));
        assert!(page.contains("name=\"q\""));
        assert!(page.contains(&format!("<label class=\"label\" for=\"procedure-search\">{}</label>", Msg::SearchLabel.text(Lang::Vi))));
        assert!(page.contains(&format!("<a href=\"{}\">", crate::routes::DRAFTS)));
    }

    #[test]
    fn texts_cannot_break_the_markup() {
        for (_, msg) in Msg::ALL {
            let escaped = text(*msg);
            assert!(!escaped.contains('<') && !escaped.contains('>') && !escaped.contains('"'));
        }
    }
}
