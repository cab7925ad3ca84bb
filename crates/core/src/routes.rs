//! The app's addresses. The router uses them, and the gateway uses them to answer an unknown address
//! with status 404 (still serving the app, which shows its own 404 page).

use crate::i18n::Msg;

pub const HOME: &str = "/";
pub const PROCEDURES: &str = "/dich-vu-cong";
pub const TRACKING: &str = "/tra-cuu";
/// The drafts kept on this device, in the tracking area.
pub const DRAFTS: &str = "/tra-cuu/ho-so-dang-soan";
pub const FAQ: &str = "/hoi-dap";
pub const TUTORIALS: &str = "/ky-nang-so";
pub const TOURISM: &str = "/du-lich";
/// Citizen reports: the form, `/phan-anh/danh-sach` (the public list), `/phan-anh/<number>` (one report).
pub const REPORTS: &str = "/phan-anh";
pub const REPORTS_LIST: &str = "/phan-anh/danh-sach";
pub fn report_path(id: &str) -> String {
    format!("{REPORTS}/{id}")
}
/// Paying a dossier's fee, and where the payment provider sends the citizen back.
pub const PAYMENT: &str = "/thanh-toan";
pub const PAYMENT_RETURN: &str = "/thanh-toan/ket-qua";
/// A place of the visitors' guide: `/du-lich/dia-diem/<id>`.
pub fn place_path(id: &str) -> String {
    format!("{TOURISM}/dia-diem/{id}")
}
/// `/dich-vu-cong/<procedure>/nop/<step>`: the pages of a procedure's online form.
pub const FORM_SEGMENT: &str = "nop";
/// `/dich-vu-cong/<procedure>/tap/<step>`: its practice copy, opened from a lesson ("Thử ngay").
pub const PRACTICE_SEGMENT: &str = "tap";
/// `?bai=<lesson>&buoc=<n>` on a practice's first address: the lesson step it goes back to.
pub const LESSON_QUERY: &str = "bai";
pub const LESSON_STEP_QUERY: &str = "buoc";

/// A lesson's step: `/ky-nang-so/<lesson>?buoc=<n>` (from 1).
pub fn lesson_step_path(lesson: &str, step: usize) -> String {
    format!("{TUTORIALS}/{lesson}?{LESSON_STEP_QUERY}={step}")
}

/// The practice copy of a procedure's form, opened from a lesson's step.
pub fn practice_path(procedure_id: &str, lesson: &str, step: usize) -> String {
    format!("{PROCEDURES}/{procedure_id}/{PRACTICE_SEGMENT}?{LESSON_QUERY}={lesson}&{LESSON_STEP_QUERY}={step}")
}

/// The way back kept on the device by a practice's first address: used only if it is still a lesson
/// address (storage is not trusted to hold what was put there), else the lessons' list.
pub fn stored_lesson_return(stored: Option<&str>) -> String {
    stored.filter(|p| p.starts_with(&format!("{TUTORIALS}/"))).map_or_else(|| TUTORIALS.to_string(), str::to_string)
}

/// Where a practice goes back to: the lesson step named in its address when it is a plain lesson id
/// and number (never another site), else the lessons' list.
pub fn practice_return(lesson: Option<&str>, step: Option<&str>) -> String {
    match (lesson.filter(|l| crate::lessons::is_slug(l)), step.and_then(|s| s.parse::<usize>().ok())) {
        (Some(lesson), Some(step)) if step >= 1 => lesson_step_path(lesson, step),
        (Some(lesson), _) => format!("{TUTORIALS}/{lesson}"),
        _ => TUTORIALS.to_string(),
    }
}

/// The main areas of the app, in the order the navigation shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Area {
    Procedures,
    Tracking,
    Reports,
    Faq,
    Tutorials,
    Tourism,
}

impl Area {
    pub const ALL: [Area; 6] = [Area::Procedures, Area::Tracking, Area::Reports, Area::Faq, Area::Tutorials, Area::Tourism];

    pub fn path(self) -> &'static str {
        match self {
            Area::Procedures => PROCEDURES,
            Area::Tracking => TRACKING,
            Area::Reports => REPORTS,
            Area::Faq => FAQ,
            Area::Tutorials => TUTORIALS,
            Area::Tourism => TOURISM,
        }
    }

    pub fn name(self) -> Msg {
        match self {
            Area::Procedures => Msg::AreaProcedures,
            Area::Tracking => Msg::AreaTracking,
            Area::Reports => Msg::AreaReports,
            Area::Faq => Msg::AreaFaq,
            Area::Tutorials => Msg::AreaTutorials,
            Area::Tourism => Msg::AreaTourism,
        }
    }

    pub fn hint(self) -> Msg {
        match self {
            Area::Procedures => Msg::AreaProceduresHint,
            Area::Tracking => Msg::AreaTrackingHint,
            Area::Reports => Msg::AreaReportsHint,
            Area::Faq => Msg::AreaFaqHint,
            Area::Tutorials => Msg::AreaTutorialsHint,
            Area::Tourism => Msg::AreaTourismHint,
        }
    }

    /// The area whose address starts with `/segment` (`"hoi-dap"` → FAQ).
    pub fn from_segment(segment: &str) -> Option<Area> {
        Area::ALL.into_iter().find(|a| a.path()[1..] == *segment)
    }

    /// Whether the city's config offers this area.
    pub fn enabled(self, features: &crate::config::Features) -> bool {
        match self {
            Area::Procedures => features.procedures,
            Area::Tracking => features.tracking,
            Area::Reports => features.reports,
            Area::Faq => features.faq,
            Area::Tutorials => features.tutorials,
            Area::Tourism => features.tourism,
        }
    }
}

/// The groups of areas of the one app: each is a wasm module of its own, fetched the first time one of its
/// addresses opens, and has its own page in `dist/` (its first screen, and preload hints for its
/// module) for a visit that lands on it. Moving between them is client-side navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Bundle {
    /// Home, the 404 page and the areas not built yet.
    Shell,
    /// The procedure catalogue and each procedure's page.
    Dossiers,
    /// A procedure's online form: its steps, the check page and submission.
    Forms,
    /// Tracking, receipts and the drafts on this device ("my applications").
    Tracking,
    Faq,
    /// Paying a fee (VNPay hand-off, VietQR) and the provider's return page.
    Payments,
    /// Citizen reports (Open311): the form, one report, the public list.
    Reports,
    /// The visitors' guide: places, map, events, local products, itineraries.
    Tourism,
    /// Digital-skills lessons, their quizzes and the certificate.
    Tutorials,
}

impl Bundle {
    pub const ALL: [Bundle; 9] = [
        Bundle::Shell,
        Bundle::Dossiers,
        Bundle::Forms,
        Bundle::Tracking,
        Bundle::Faq,
        Bundle::Payments,
        Bundle::Reports,
        Bundle::Tourism,
        Bundle::Tutorials,
    ];

    /// The lazily loaded module that draws this group of areas, as the app's `lazy_area!` names it
    /// (`__faq_area_view_0` → `faq_area`) and the wasm splitter puts it in the module's file name.
    /// `None` for the shell, which is in the main module.
    pub fn module(self) -> Option<&'static str> {
        match self {
            Bundle::Shell => None,
            Bundle::Dossiers => Some("dossiers_area"),
            Bundle::Forms => Some("forms_area"),
            Bundle::Tracking => Some("tracking_area"),
            Bundle::Faq => Some("faq_area"),
            Bundle::Payments => Some("payments_area"),
            Bundle::Reports => Some("reports_area"),
            Bundle::Tourism => Some("tourism_area"),
            Bundle::Tutorials => Some("tutorials_area"),
        }
    }

    /// The content file the area fetches when it opens (the city edits it; cached by the service worker).
    pub fn content(self) -> Option<&'static str> {
        match self {
            Bundle::Faq => Some("faq.json"),
            Bundle::Tourism => Some("tourism.json"),
            Bundle::Tutorials => Some("lessons.json"),
            _ => None,
        }
    }

    /// The page of `dist/` that opens on this group of areas (its own first screen).
    pub fn page(self) -> &'static str {
        match self {
            Bundle::Shell => "index.html",
            Bundle::Dossiers => "dich-vu-cong.html",
            Bundle::Forms => "nop-ho-so.html",
            Bundle::Tracking => "tra-cuu.html",
            Bundle::Faq => "hoi-dap.html",
            Bundle::Payments => "thanh-toan.html",
            Bundle::Tourism => "du-lich.html",
            Bundle::Tutorials => "ky-nang-so.html",
            Bundle::Reports => "phan-anh.html",
        }
    }

    /// The bundle that draws a path (the shell for anything it does not know, to show its 404 page).
    pub fn of_path(path: &str) -> Bundle {
        let path = path.split(['?', '#']).next().unwrap_or("");
        if under(path, PAYMENT) {
            return Bundle::Payments;
        }
        if let Some(rest) = path.strip_prefix(PROCEDURES).and_then(|r| r.strip_prefix('/')) {
            if matches!(rest.split('/').nth(1), Some(FORM_SEGMENT | PRACTICE_SEGMENT)) {
                return Bundle::Forms;
            }
        }
        Area::ALL
            .into_iter()
            .find(|area| under(path, area.path()))
            .map_or(Bundle::Shell, Area::bundle)
    }
}

/// Every page of the app. Each area's module draws the page of the open address from this table
/// ([`Route::of_path`]); the app's router only picks the area.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    Home,
    Catalogue,
    /// `/dich-vu-cong/<id>`
    Procedure,
    /// `/dich-vu-cong/<id>/nop/<step>`
    FormStep,
    /// `/dich-vu-cong/<id>/tap`
    PracticeStart,
    /// `/dich-vu-cong/<id>/tap/<step>`
    PracticeStep,
    Tracking,
    /// `/tra-cuu/bien-nhan/<code>`
    Receipt,
    Drafts,
    Profile,
    FaqChat,
    FaqAll,
    PayStart,
    PayResult,
    /// `/thanh-toan/ho-so/<code>`
    PayDossier,
    Guide,
    /// `/du-lich/dia-diem/<id>`
    Place,
    Events,
    Products,
    Lessons,
    Certificate,
    Class,
    Join,
    /// `/ky-nang-so/<id>`, and below it its quiz and its presenter view.
    Lesson,
    Quiz,
    Presenter,
    ReportForm,
    ReportList,
    /// `/phan-anh/<id>`
    Report,
}

/// An address read as a page and what it names: `id` is the procedure, receipt or payment code, place,
/// lesson or report (as written in the address, still percent-encoded); `step` a form's step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route<'a> {
    pub page: Page,
    pub id: &'a str,
    pub step: &'a str,
}

impl<'a> Route<'a> {
    /// The page of `path` (query and fragment ignored, empty segments too), or `None` for an address
    /// the app does not have (its 404 page).
    pub fn of_path(path: &'a str) -> Option<Route<'a>> {
        let path = path.split(['?', '#']).next().unwrap_or("");
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let page = |page| Some(Route { page, id: "", step: "" });
        let named = |page, id| Some(Route { page, id, step: "" });
        let step = |page, id, step| Some(Route { page, id, step });
        let [area, rest @ ..] = segments.as_slice() else { return page(Page::Home) };
        if *area == &PAYMENT[1..] {
            return match rest {
                [] => page(Page::PayStart),
                ["ket-qua"] => page(Page::PayResult),
                ["ho-so", code] => named(Page::PayDossier, code),
                _ => None,
            };
        }
        match (Area::from_segment(area)?, rest) {
            (Area::Procedures, []) => page(Page::Catalogue),
            (Area::Procedures, [id]) => named(Page::Procedure, id),
            (Area::Procedures, [id, FORM_SEGMENT, s]) => step(Page::FormStep, id, s),
            (Area::Procedures, [id, PRACTICE_SEGMENT]) => named(Page::PracticeStart, id),
            (Area::Procedures, [id, PRACTICE_SEGMENT, s]) => step(Page::PracticeStep, id, s),
            (Area::Tracking, []) => page(Page::Tracking),
            (Area::Tracking, ["bien-nhan", code]) => named(Page::Receipt, code),
            (Area::Tracking, ["ho-so-dang-soan"]) => page(Page::Drafts),
            (Area::Tracking, ["thong-tin-cua-toi"]) => page(Page::Profile),
            (Area::Faq, []) => page(Page::FaqChat),
            (Area::Faq, ["tat-ca"]) => page(Page::FaqAll),
            (Area::Tourism, []) => page(Page::Guide),
            (Area::Tourism, ["dia-diem", id]) => named(Page::Place, id),
            (Area::Tourism, ["su-kien"]) => page(Page::Events),
            (Area::Tourism, ["dac-san"]) => page(Page::Products),
            (Area::Tutorials, []) => page(Page::Lessons),
            (Area::Tutorials, ["chung-nhan"]) => page(Page::Certificate),
            (Area::Tutorials, ["lop-hoc"]) => page(Page::Class),
            (Area::Tutorials, ["vao-lop"]) => page(Page::Join),
            (Area::Tutorials, [id]) => named(Page::Lesson, id),
            (Area::Tutorials, [id, "kiem-tra"]) => named(Page::Quiz, id),
            (Area::Tutorials, [id, "trinh-chieu"]) => named(Page::Presenter, id),
            (Area::Reports, []) => page(Page::ReportForm),
            (Area::Reports, ["danh-sach"]) => page(Page::ReportList),
            (Area::Reports, [id]) => named(Page::Report, id),
            _ => None,
        }
    }
}

/// Whether `path` is `base` or below it.
fn under(path: &str, base: &str) -> bool {
    path.strip_prefix(base).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

impl Area {
    pub fn bundle(self) -> Bundle {
        match self {
            Area::Procedures => Bundle::Dossiers,
            Area::Tracking => Bundle::Tracking,
            Area::Reports => Bundle::Reports,
            Area::Faq => Bundle::Faq,
            Area::Tourism => Bundle::Tourism,
            Area::Tutorials => Bundle::Tutorials,
        }
    }
}

/// Whether a request path is one of the app's pages (so the gateway answers 200 with the app; 404, with
/// the app still, for anything else, an unknown page inside an area included).
pub fn is_app_path(path: &str) -> bool {
    Route::of_path(path).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn known_areas_and_their_subpages_are_app_paths() {
        for area in Area::ALL {
            let p = area.path();
            assert!(is_app_path(p));
            assert!(is_app_path(&format!("{p}/")));
            assert!(is_app_path(&format!("{p}?x=1")));
        }
        assert!(is_app_path("/"));
        assert!(is_app_path("/?lang=en"));
    }

    #[test]
    fn a_practice_goes_back_only_to_a_lesson() {
        assert_eq!(practice_path("khai-sinh", "nop-ho-so", 2), "/dich-vu-cong/khai-sinh/tap?bai=nop-ho-so&buoc=2");
        assert_eq!(practice_return(Some("nop-ho-so"), Some("2")), "/ky-nang-so/nop-ho-so?buoc=2");
        assert_eq!(practice_return(Some("nop-ho-so"), Some("x")), "/ky-nang-so/nop-ho-so");
        for evil in ["//evil.example", "https://evil.example", "../..", "a b", ""] {
            assert_eq!(practice_return(Some(evil), Some("1")), TUTORIALS, "{evil}");
        }
        assert_eq!(practice_return(None, None), TUTORIALS);
        assert_eq!(Bundle::of_path(&practice_return(Some("nop-ho-so"), Some("2"))), Bundle::Tutorials);
        let kept = practice_return(Some("nop-ho-so"), Some("2"));
        assert_eq!(stored_lesson_return(Some(&kept)), kept);
        for tampered in [Some("javascript:alert(1)"), Some("https://evil.example/ky-nang-so/x"), Some("/ky-nang-so"), None] {
            assert_eq!(stored_lesson_return(tampered), TUTORIALS, "{tampered:?}");
        }
    }

    #[test]
    fn each_path_has_one_bundle() {
        assert_eq!(Bundle::of_path("/"), Bundle::Shell);
        assert_eq!(Bundle::of_path("/dich-vu-cong/khai-sinh?x=1"), Bundle::Dossiers);
        assert_eq!(Bundle::of_path("/dich-vu-cong/khai-sinh/nop/child?tro-lai=1"), Bundle::Forms);
        assert_eq!(Bundle::of_path(&crate::draft::step_path("ket-hon", crate::draft::CHECK_STEP)), Bundle::Forms);
        assert_eq!(Bundle::of_path("/dich-vu-cong/nop"), Bundle::Dossiers, "a procedure whose id is the segment");
        assert_eq!(Bundle::of_path(&practice_path("khai-sinh", "nop-ho-so", 2)), Bundle::Forms);
        assert_eq!(Bundle::of_path("/dich-vu-cong/khai-sinh/tap/child"), Bundle::Forms);
        assert_eq!(Bundle::of_path("/tra-cuu"), Bundle::Tracking);
        assert_eq!(Bundle::of_path("/hoi-dap/tat-ca"), Bundle::Faq);
        assert_eq!(Bundle::of_path("/hoi-dapx"), Bundle::Shell);
        assert_eq!(Bundle::of_path("/du-lich/dia-diem/cho-my-tho"), Bundle::Tourism);
        assert_eq!(Bundle::of_path("/ky-nang-so/vneid/kiem-tra"), Bundle::Tutorials);
        assert_eq!(Bundle::of_path("/thanh-toan/ket-qua?vnp_TxnRef=1"), Bundle::Payments);
        assert!(is_app_path(PAYMENT_RETURN));
        let pages: std::collections::HashSet<_> = Bundle::ALL.iter().map(|b| b.page()).collect();
        assert_eq!(pages.len(), Bundle::ALL.len());
    }

    #[test]
    fn each_page_is_read_from_its_address_with_what_it_names() {
        let cases = [
            ("/", Page::Home, "", ""),
            ("/dich-vu-cong", Page::Catalogue, "", ""),
            ("/dich-vu-cong/1.001193/?x=1", Page::Procedure, "1.001193", ""),
            ("/dich-vu-cong/nop", Page::Procedure, "nop", ""),
            (&crate::draft::step_path("ket-hon", crate::draft::CHECK_STEP), Page::FormStep, "ket-hon", crate::draft::CHECK_STEP),
            (&practice_path("khai-sinh", "nop-ho-so", 2), Page::PracticeStart, "khai-sinh", ""),
            ("/dich-vu-cong/khai-sinh/tap/child", Page::PracticeStep, "khai-sinh", "child"),
            (TRACKING, Page::Tracking, "", ""),
            ("/tra-cuu/bien-nhan/MT-2026-000001", Page::Receipt, "MT-2026-000001", ""),
            (DRAFTS, Page::Drafts, "", ""),
            ("/tra-cuu/thong-tin-cua-toi", Page::Profile, "", ""),
            ("/hoi-dap/", Page::FaqChat, "", ""),
            ("/hoi-dap/tat-ca", Page::FaqAll, "", ""),
            (PAYMENT, Page::PayStart, "", ""),
            ("/thanh-toan/ket-qua?vnp_TxnRef=1", Page::PayResult, "", ""),
            ("/thanh-toan/ho-so/MT-1", Page::PayDossier, "MT-1", ""),
            (TOURISM, Page::Guide, "", ""),
            (&place_path("cho-my-tho"), Page::Place, "cho-my-tho", ""),
            ("/du-lich/su-kien", Page::Events, "", ""),
            ("/du-lich/dac-san#top", Page::Products, "", ""),
            (TUTORIALS, Page::Lessons, "", ""),
            ("/ky-nang-so/chung-nhan", Page::Certificate, "", ""),
            ("/ky-nang-so/lop-hoc?ma=AB12", Page::Class, "", ""),
            ("/ky-nang-so/vao-lop", Page::Join, "", ""),
            (&lesson_step_path("vneid", 2), Page::Lesson, "vneid", ""),
            ("/ky-nang-so/vneid/kiem-tra", Page::Quiz, "vneid", ""),
            ("/ky-nang-so/vneid/trinh-chieu", Page::Presenter, "vneid", ""),
            (REPORTS, Page::ReportForm, "", ""),
            (REPORTS_LIST, Page::ReportList, "", ""),
            (&report_path("42"), Page::Report, "42", ""),
        ];
        for (path, page, id, step) in cases {
            assert_eq!(Route::of_path(path), Some(Route { page, id, step }), "{path}");
            assert!(is_app_path(path), "{path}");
        }
        // The reserved lesson ids are pages of their own, never lessons.
        for id in crate::lessons::RESERVED_IDS {
            assert_ne!(Route::of_path(&format!("{TUTORIALS}/{id}")).map(|r| r.page), Some(Page::Lesson), "{id}");
        }
    }

    #[test]
    fn addresses_the_app_does_not_have_are_no_page() {
        for p in ["/khong-co", "/hoi-dapx", "/hoi-dap/x", "/dich-vu-cong/a/nop", "/dich-vu-cong/a/b", "/tra-cuu/bien-nhan",
            "/thanh-toan/ho-so", "/du-lich/dia-diem", "/ky-nang-so/a/b", "/phan-anh/1/2", "/index.html"] {
            assert_eq!(Route::of_path(p), None, "{p}");
        }
    }

    #[test]
    fn a_page_is_drawn_by_the_bundle_its_address_loads() {
        let pages = ["/", "/dich-vu-cong", "/dich-vu-cong/a", "/dich-vu-cong/a/nop/1", "/dich-vu-cong/a/tap", "/dich-vu-cong/a/tap/1",
            "/tra-cuu", "/tra-cuu/bien-nhan/a", "/hoi-dap", "/thanh-toan/ho-so/a", "/du-lich/dac-san", "/ky-nang-so/a/kiem-tra", "/phan-anh/1"];
        let bundles = [Bundle::Shell, Bundle::Dossiers, Bundle::Dossiers, Bundle::Forms, Bundle::Forms, Bundle::Forms,
            Bundle::Tracking, Bundle::Tracking, Bundle::Faq, Bundle::Payments, Bundle::Tourism, Bundle::Tutorials, Bundle::Reports];
        for (path, bundle) in pages.into_iter().zip(bundles) {
            assert!(Route::of_path(path).is_some(), "{path}");
            assert_eq!(Bundle::of_path(path), bundle, "{path}");
        }
    }

    #[test]
    fn unknown_segments_are_no_area() {
        for s in ["", "/hoi-dap", "hoi", "hoi-dap/"] {
            assert_eq!(Area::from_segment(s), None, "{s}");
        }
    }

    #[test]
    fn everything_else_is_not() {
        for p in ["/khong-co", "/hoi-dapx", "/api/v1", "/tra", "/du-lich-x/1", "/index.html", "/hoi-dap/khong-co", "/du-lich/1"] {
            assert!(!is_app_path(p), "{p}");
        }
    }

    #[test]
    fn area_paths_are_distinct_ascii_slugs_and_named_in_both_languages() {
        for (i, a) in Area::ALL.iter().enumerate() {
            let p = a.path();
            assert!(p.starts_with('/') && p[1..].bytes().all(|b| b.is_ascii_lowercase() || b == b'-'));
            for b in &Area::ALL[i + 1..] {
                assert_ne!(p, b.path());
            }
            assert_ne!(a.name().text(Lang::Vi), a.name().text(Lang::En));
            assert_eq!(Area::from_segment(&p[1..]), Some(*a));
        }
    }
}
