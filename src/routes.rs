//! The app's route table: home and the 404 page in the main module, each area loaded when it is first
//! opened (`#[lazy_route]`: a wasm module of its own, split off by `scripts/build-app.sh`). Each area
//! draws the page of its addresses from the core's table (`mytho_core::routes::Route`): a nested
//! `<Routes>` per area cost each area ≈ 2 KB brotli of the router's generic code per route type.

use crate::api::{CatalogueBackend, DossierBackend, FaqBackend, GatewayBackend, Open311Backend, PaymentBackend, ReportBackend, SubmitBackend, TrackingBackend, UploadBackend};
use crate::pages::{Home, NotFound};
use std::sync::Arc;
use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::hooks::use_location;
use leptos_router::{lazy_route, Lazy, LazyRoute, ParamSegment, StaticSegment, WildcardSegment};
use mytho_core::config::AppConfig;
use mytho_core::routes::{Area, Bundle, Page, Route as PageRoute, FAQ};

/// Every address of the app. An area's own page and everything below it go to its lazy route: one
/// route (a wildcard also matches nothing), so moving within an area keeps its view and what it loaded.
pub fn app() -> AnyView {
    use mytho_core::routes::{FORM_SEGMENT, PAYMENT, PRACTICE_SEGMENT, PROCEDURES, REPORTS, TOURISM, TRACKING, TUTORIALS};
    let p = StaticSegment(seg(PROCEDURES));
    view! {
        <Routes fallback=|| view! { <NotFound/> }>
            <Route path=StaticSegment("") view=Home/>
            <Route path=(p, ParamSegment("id"), StaticSegment(FORM_SEGMENT), WildcardSegment("rest")) view={Lazy::<FormsArea>::new()}/>
            <Route path=(p, ParamSegment("id"), StaticSegment(PRACTICE_SEGMENT), WildcardSegment("rest")) view={Lazy::<FormsArea>::new()}/>
            <Route path=(p, WildcardSegment("rest")) view={Lazy::<DossiersArea>::new()}/>
            <Route path=(StaticSegment(seg(TRACKING)), WildcardSegment("rest")) view={Lazy::<TrackingArea>::new()}/>
            <Route path=(StaticSegment(seg(REPORTS)), WildcardSegment("rest")) view={Lazy::<ReportsArea>::new()}/>
            <Route path=(StaticSegment(seg(FAQ)), WildcardSegment("rest")) view={Lazy::<FaqArea>::new()}/>
            <Route path=(StaticSegment(seg(PAYMENT)), WildcardSegment("rest")) view={Lazy::<PaymentsArea>::new()}/>
            <Route path=(StaticSegment(seg(TOURISM)), WildcardSegment("rest")) view={Lazy::<TourismArea>::new()}/>
            <Route path=(StaticSegment(seg(TUTORIALS)), WildcardSegment("rest")) view={Lazy::<TutorialsArea>::new()}/>
        </Routes>
    }
    .into_any()
}

/// One lazily loaded area: its module is fetched the first time one of its addresses opens.
macro_rules! lazy_area {
    ($name:ident, $routes:ident) => {
        pub struct $name;
        #[lazy_route]
        impl LazyRoute for $name {
            fn data() -> Self {
                $name
            }
            fn view(this: Self) -> AnyView {
                let _ = this;
                $routes()
            }
        }
    };
}
lazy_area!(DossiersArea, dossiers);
lazy_area!(FormsArea, forms);
lazy_area!(TrackingArea, tracking);
lazy_area!(FaqArea, faq);
lazy_area!(PaymentsArea, payments);
lazy_area!(TourismArea, tourism);
lazy_area!(TutorialsArea, tutorials);
lazy_area!(ReportsArea, reports);

/// The FAQ chat and the list of every question.
fn faq() -> AnyView {
    use crate::pages::faq::{FaqAll, FaqChat, FaqStore};
    provide_context::<Arc<dyn FaqBackend>>(Arc::new(gateway()));
    FaqStore::provide();
    pages(Bundle::Faq, |page| {
        built(Area::Faq, || match page {
            Some(Page::FaqChat) => view! { <FaqChat/> }.into_any(),
            Some(Page::FaqAll) => view! { <FaqAll/> }.into_any(),
            _ => view! { <NotFound/> }.into_any(),
        })
    })
}

/// Fetches the code of the area that draws `path`, so the first render needs no wait.
pub async fn preload(path: &str) {
    use mytho_core::routes::Bundle;
    match Bundle::of_path(path) {
        Bundle::Shell => {}
        Bundle::Dossiers => DossiersArea::preload().await,
        Bundle::Forms => FormsArea::preload().await,
        Bundle::Tracking => TrackingArea::preload().await,
        Bundle::Faq => FaqArea::preload().await,
        Bundle::Payments => PaymentsArea::preload().await,
        Bundle::Tourism => TourismArea::preload().await,
        Bundle::Tutorials => TutorialsArea::preload().await,
        Bundle::Reports => ReportsArea::preload().await,
    }
}

/// The city's backend as configured (see `api`): each bundle provides the traits its pages use.
fn reports() -> AnyView {
    use crate::pages::reports::{ReportListPage, ReportPage, ReportStatusPage};
    let config = expect_context::<AppConfig>();
    // Without a reports endpoint in the config the area is off (its pages answer as unknown ones).
    let Some(open311) = Open311Backend::new(&config) else { return view! { <NotFound/> }.into_any() };
    provide_context::<Arc<dyn ReportBackend>>(Arc::new(open311));
    provide_context::<Arc<dyn UploadBackend>>(Arc::new(gateway()));
    pages(Bundle::Reports, |page| {
        built(Area::Reports, || match page {
            Some(Page::ReportForm) => view! { <ReportPage/> }.into_any(),
            Some(Page::ReportList) => view! { <ReportListPage/> }.into_any(),
            Some(Page::Report) => view! { <ReportStatusPage/> }.into_any(),
            _ => view! { <NotFound/> }.into_any(),
        })
    })
}

fn gateway() -> GatewayBackend {
    GatewayBackend::new(&expect_context::<AppConfig>())
}

/// A built area's page, or 404 when the city switched the area off.
pub(crate) fn built<V: IntoView + 'static>(area: Area, page: impl FnOnce() -> V) -> AnyView {
    if area.enabled(&expect_context::<AppConfig>().features) {
        page().into_any()
    } else {
        view! { <NotFound/> }.into_any()
    }
}

/// A route segment from one of the core's addresses (`/hoi-dap` → `hoi-dap`).
pub(crate) fn seg(path: &'static str) -> &'static str {
    path.trim_start_matches('/')
}

/// The procedure catalogue and each procedure's page.
fn dossiers() -> AnyView {
    use crate::pages::dossiers::{Catalogue, ProcedureLayout, ProcedurePage};
    provide_context::<Arc<dyn CatalogueBackend>>(Arc::new(gateway()));
    provide_context::<Arc<dyn DossierBackend>>(Arc::new(gateway()));
    pages(Bundle::Dossiers, |page| {
        built(Area::Procedures, || match page {
            Some(Page::Catalogue) => view! { <Catalogue/> }.into_any(),
            Some(Page::Procedure) => view! { <ProcedureLayout><ProcedurePage/></ProcedureLayout> }.into_any(),
            _ => view! { <NotFound/> }.into_any(),
        })
    })
}

/// A procedure's online form: the steps, the check page and submission; and its practice copy.
fn forms() -> AnyView {
    use crate::pages::dossiers::{FormStep, PracticeStart, ProcedureLayout};
    provide_context::<Arc<dyn DossierBackend>>(Arc::new(gateway()));
    provide_context::<Arc<dyn SubmitBackend>>(Arc::new(gateway()));
    provide_context::<Arc<dyn UploadBackend>>(Arc::new(gateway()));
    // The procedure stays loaded from one step to the next: only the part below its layout changes.
    let page = open_page(Bundle::Forms);
    let known = Memo::new(move |_| page.get().is_some());
    let step = move || match page.get() {
        // The practice copy (lessons): `ProcedureLayout` tells it by its address.
        Some(Page::PracticeStart) => view! { <PracticeStart/> }.into_any(),
        _ => view! { <FormStep/> }.into_any(),
    };
    (move || {
        built(Area::Procedures, || match known.get() {
            true => view! { <ProcedureLayout>{step}</ProcedureLayout> }.into_any(),
            false => view! { <NotFound/> }.into_any(),
        })
    })
    .into_any()
}

/// Tracking, receipts and the drafts on this device.
fn tracking() -> AnyView {
    use crate::pages::dossiers::{DraftsPage, ProfilePage, ReceiptPage, TrackingPage};
    provide_context::<Arc<dyn DossierBackend>>(Arc::new(gateway()));
    provide_context::<Arc<dyn TrackingBackend>>(Arc::new(gateway()));
    pages(Bundle::Tracking, |page| {
        built(Area::Tracking, || match page {
            Some(Page::Tracking) => view! { <TrackingPage/> }.into_any(),
            Some(Page::Receipt) => view! { <ReceiptPage/> }.into_any(),
            Some(Page::Drafts) => view! { <DraftsPage/> }.into_any(),
            Some(Page::Profile) => view! { <ProfilePage/> }.into_any(),
            _ => view! { <NotFound/> }.into_any(),
        })
    })
}

/// Paying a fee and the provider's return page.
fn payments() -> AnyView {
    use crate::pages::payments::{PayPage, PayResult, PayStart};
    provide_context::<Arc<dyn PaymentBackend>>(Arc::new(gateway()));
    pages(Bundle::Payments, |page| match page {
        Some(Page::PayStart) => view! { <PayStart/> }.into_any(),
        Some(Page::PayResult) => view! { <PayResult/> }.into_any(),
        Some(Page::PayDossier) => view! { <PayPage/> }.into_any(),
        _ => view! { <NotFound/> }.into_any(),
    })
}

/// The visitors' guide: its front page with the map, each place, events and local products.
fn tourism() -> AnyView {
    use crate::pages::tourism::{provide_guide, EventsPage, Guide, PlacePage, ProductsPage};
    provide_guide();
    pages(Bundle::Tourism, |page| {
        built(Area::Tourism, || match page {
            Some(Page::Guide) => view! { <Guide/> }.into_any(),
            Some(Page::Place) => view! { <PlacePage/> }.into_any(),
            Some(Page::Events) => view! { <EventsPage/> }.into_any(),
            Some(Page::Products) => view! { <ProductsPage/> }.into_any(),
            _ => view! { <NotFound/> }.into_any(),
        })
    })
}

/// Digital-skills lessons, their quizzes and the certificate.
fn tutorials() -> AnyView {
    use crate::pages::lessons::{CertificatePage, ClassPage, JoinPage, LessonList, LessonPage, LessonStore, PresenterPage, QuizPage};
    provide_context::<Arc<dyn crate::api::ClassBackend>>(Arc::new(gateway()));
    LessonStore::provide();
    pages(Bundle::Tutorials, |page| {
        built(Area::Tutorials, || match page {
            Some(Page::Lessons) => view! { <LessonList/> }.into_any(),
            Some(Page::Certificate) => view! { <CertificatePage/> }.into_any(),
            Some(Page::Class) => view! { <ClassPage/> }.into_any(),
            Some(Page::Join) => view! { <JoinPage/> }.into_any(),
            Some(Page::Lesson) => view! { <LessonPage/> }.into_any(),
            Some(Page::Quiz) => view! { <QuizPage/> }.into_any(),
            Some(Page::Presenter) => view! { <PresenterPage/> }.into_any(),
            _ => view! { <NotFound/> }.into_any(),
        })
    })
}

/// The page of the open address, while it is one of `bundle`'s: a new value only when the page changes,
/// not when its id or step does. While the app moves to another area this one keeps its page until it
/// is dropped, so nothing of it is drawn or fetched for an address it does not own.
fn open_page(bundle: Bundle) -> Memo<Option<Page>> {
    let path = use_location().pathname;
    Memo::new(move |previous: Option<&Option<Page>>| {
        path.with(|path| match previous {
            Some(previous) if Bundle::of_path(path) != bundle => *previous,
            _ => PageRoute::of_path(path).map(|r| r.page),
        })
    })
}

/// An area's pages: `draw` gives the view of the open one (`None`: an address the area does not have).
fn pages(bundle: Bundle, draw: fn(Option<Page>) -> AnyView) -> AnyView {
    let page = open_page(bundle);
    (move || draw(page.get())).into_any()
}

/// What the open address names (`Route::id` or `Route::step`), decoded as the browser shows it; it keeps
/// its value while the app leaves for another area, like [`open_page`].
pub(crate) fn use_route_part(part: for<'a> fn(PageRoute<'a>) -> &'a str) -> Memo<String> {
    let path = use_location().pathname;
    let bundle = Bundle::of_path(&path.get_untracked());
    Memo::new(move |previous: Option<&String>| {
        path.with(|path| match previous {
            Some(previous) if Bundle::of_path(path) != bundle => previous.clone(),
            _ => {
                let raw = PageRoute::of_path(path).map_or("", part);
                js_sys::decode_uri_component(raw).ok().and_then(|s| s.as_string()).unwrap_or_else(|| raw.to_string())
            }
        })
    })
}

/// The id the open address names (procedure, lesson, place, report; a receipt's or payment's code).
pub(crate) fn use_route_id() -> Memo<String> {
    use_route_part(|r| r.id)
}
