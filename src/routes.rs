//! The app's pages: home and the 404 page in the main module, each area loaded when it is first opened
//! (`#[lazy_route]`: a wasm module of its own, split off by `scripts/build-app.sh`). Which area and
//! which of its pages an address opens is the core's table (`mytho_core::routes`: `Bundle`, `Route`),
//! tested natively; leptos_router keeps the address, history and links. Its `<Routes>` matching is not
//! used: it cost the main module and each area its generic code per route type (without it the home
//! page 150 → 128 KB brotli, the journey through the areas 532 → 486 KB).

use crate::api::{CatalogueBackend, DossierBackend, FaqBackend, GatewayBackend, Open311Backend, PaymentBackend, ReportBackend, SubmitBackend, TrackingBackend, UploadBackend};
use crate::pages::{Home, NotFound};
use std::sync::Arc;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use leptos_router::{lazy_route, LazyRoute};
use mytho_core::config::AppConfig;
use mytho_core::routes::{Area, Bundle, Page, Route as PageRoute};

/// Every address of the app: the area of the open address (`Bundle::of_path`), its module fetched the
/// first time it opens. While the next area's module is on its way the page shown stays (it keeps its
/// own page, see [`open_page`]), then the new area replaces it at once.
pub fn app() -> AnyView {
    use leptos_router::location::{BrowserUrl, LocationProvider};
    let path = use_location().pathname;
    let location = use_context::<BrowserUrl>();
    // `start` preloaded the first page's area.
    let shown = RwSignal::new(Bundle::of_path(&path.get_untracked()));
    Effect::new(move |_| {
        let bundle = path.with(|path| Bundle::of_path(path));
        let location = location.clone();
        leptos::task::spawn_local(async move {
            preload_bundle(bundle).await;
            // A later move may have asked for another area meanwhile: the last one asked wins.
            if path.try_with_untracked(|path| Bundle::of_path(path)) != Some(bundle) {
                return;
            }
            if shown.try_get_untracked().is_some_and(|shown| shown != bundle) {
                shown.set(bundle);
            }
            // The address bar takes the new address once its page is drawn (as `<Routes>` did).
            if let Some(location) = location {
                location.ready_to_complete();
            }
        });
    });
    (move || match shown.get() {
        Bundle::Shell => pages(Bundle::Shell, |page| match page {
            Some(Page::Home) => view! { <Home/> }.into_any(),
            _ => view! { <NotFound/> }.into_any(),
        }),
        bundle => Suspend::new(area(bundle)).into_any(),
    })
    .into_any()
}

/// An area's view: its module's code, ready at once when [`preload`] has fetched it.
async fn area(bundle: Bundle) -> AnyView {
    match bundle {
        Bundle::Shell => view! { <NotFound/> }.into_any(),
        Bundle::Dossiers => DossiersArea::view(DossiersArea).await,
        Bundle::Forms => FormsArea::view(FormsArea).await,
        Bundle::Tracking => TrackingArea::view(TrackingArea).await,
        Bundle::Faq => FaqArea::view(FaqArea).await,
        Bundle::Payments => PaymentsArea::view(PaymentsArea).await,
        Bundle::Tourism => TourismArea::view(TourismArea).await,
        Bundle::Tutorials => TutorialsArea::view(TutorialsArea).await,
        Bundle::Reports => ReportsArea::view(ReportsArea).await,
    }
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
    preload_bundle(Bundle::of_path(path)).await
}

async fn preload_bundle(bundle: Bundle) {
    match bundle {
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

/// What `read` finds in the open address, while the address is one of `bundle`'s: while the app moves
/// to another area, the area shown keeps its value until it is dropped, so nothing of it is drawn or
/// fetched for an address it does not own.
fn own_address<T: Clone + PartialEq + Send + Sync + 'static>(bundle: Bundle, read: impl Fn(&str) -> T + Send + Sync + 'static) -> Memo<T> {
    let path = use_location().pathname;
    Memo::new(move |previous: Option<&T>| {
        path.with(|path| match previous {
            Some(previous) if Bundle::of_path(path) != bundle => previous.clone(),
            _ => read(path),
        })
    })
}

/// The page of the open address: a new value only when the page changes, not when its id or step does.
fn open_page(bundle: Bundle) -> Memo<Option<Page>> {
    own_address(bundle, |path| PageRoute::of_path(path).map(|r| r.page))
}

/// An area's pages: `draw` gives the view of the open one (`None`: an address the area does not have).
fn pages(bundle: Bundle, draw: fn(Option<Page>) -> AnyView) -> AnyView {
    let page = open_page(bundle);
    (move || draw(page.get())).into_any()
}

/// What the open address names (`Route::id` or `Route::step`), decoded as the browser shows it.
pub(crate) fn use_route_part(part: for<'a> fn(PageRoute<'a>) -> &'a str) -> Memo<String> {
    let bundle = Bundle::of_path(&use_location().pathname.get_untracked());
    own_address(bundle, move |path| {
        let raw = PageRoute::of_path(path).map_or("", part);
        js_sys::decode_uri_component(raw).ok().and_then(|s| s.as_string()).unwrap_or_else(|| raw.to_string())
    })
}

/// The id the open address names (procedure, lesson, place, report; a receipt's or payment's code).
pub(crate) fn use_route_id() -> Memo<String> {
    use_route_part(|r| r.id)
}
