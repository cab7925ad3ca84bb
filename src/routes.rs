//! The app's pages: home and the 404 page in the main module, each area loaded when it is first opened
//! (`lazy_area!`: a wasm module of its own, split off by `scripts/build-app.sh`). Which area and
//! which of its pages an address opens is the core's table (`mytho_core::routes`: `Bundle`, `Route`),
//! tested natively; leptos_router keeps the address, history and links. Its `<Routes>` matching is not
//! used: it cost the main module and each area its generic code per route type (without it the home
//! page 150 → 128 KB brotli, the journey through the areas 532 → 486 KB).

use crate::api::{CatalogueBackend, DossierBackend, FaqBackend, GatewayBackend, Open311Backend, PaymentBackend, ReportBackend, SubmitBackend, TrackingBackend, UploadBackend};
use crate::i18n::use_i18n;
use crate::pages::{AreaUnavailable, Home, NotFound};
use crate::platform;
use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use leptos::wasm_split::SplitLoaderError;
use mytho_core::config::AppConfig;
use mytho_core::i18n::Msg;
use mytho_core::routes::{Area, Bundle, Page, Route as PageRoute};

/// Every address of the app: the area of the open address (`Bundle::of_path`), its module fetched the
/// first time it opens. While the next area's module is on its way the page shown stays (it keeps its
/// own page, see [`open_page`]), with a notice once the wait is long enough to notice; then the new
/// area replaces it at once. If the module cannot come (offline, and never opened on this device), a
/// page says so and offers a retry, and the rest of the app goes on working. The first page is drawn
/// once `drawn` is set (a task after the shell, see `start`); `first_screen`, shown until then, leaves
/// in the same change.
pub fn app(drawn: RwSignal<bool>, first_screen: Option<web_sys::Element>) -> AnyView {
    use leptos_router::location::{BrowserUrl, LocationProvider};
    let i18n = use_i18n();
    let path = use_location().pathname;
    let location = use_context::<BrowserUrl>();
    // `start` fetched the first page's area; had that failed, `area` fails too and says so.
    let shown = RwSignal::new(Bundle::of_path(&path.get_untracked()));
    // The open address's area could not come (its page says so); `again`: nor on a retry.
    let unavailable = RwSignal::new(false);
    let again = RwSignal::new(false);
    // What the notice says while the next area is on its way (nothing at first).
    let opening = RwSignal::new(None::<Msg>);
    let retry = Trigger::new();
    // The last move asked for, and whether its module came (or failed): only it may change the page.
    let asked = Rc::new(Cell::new((0u32, false)));
    Effect::new(move |before: Option<String>| {
        retry.track();
        let now = path.get();
        // The same address again: the retry button asked.
        let retried = before.as_ref() == Some(&now);
        // Cleared at once, said again if this try fails too: each tap is answered.
        if retried {
            again.set(false);
        }
        let bundle = Bundle::of_path(&now);
        let location = location.clone();
        let ticket = asked.get().0.wrapping_add(1);
        asked.set((ticket, false));
        // A short wait goes unremarked (a notice that flashes is noise); a longer one is announced, and
        // a very long one (a weak connection: the browser may wait minutes) is said to be so.
        let waiting = asked.clone();
        leptos::task::spawn_local(async move {
            let slow = if retried { Msg::PageOpeningSlowRetry } else { Msg::PageOpeningSlow };
            for (after, msg) in [(OPENING_NOTICE_MS, Msg::PageOpening), (OPENING_SLOW_MS - OPENING_NOTICE_MS, slow)] {
                platform::sleep(after).await;
                if waiting.get() != (ticket, false) {
                    return;
                }
                opening.set(Some(msg));
            }
        });
        let asked = asked.clone();
        leptos::task::spawn_local(async move {
            // A retry's answer takes a moment even when the fetch fails at once: a tap that changed
            // nothing on the screen would seem ignored (and an alert repeated at once is not re-read).
            let pause = async move {
                if retried {
                    platform::sleep(RETRY_ANSWER_MS).await;
                }
            };
            let (loaded, ()) = futures::join!(preload_bundle(bundle), pause);
            // A later move may have asked for another page meanwhile: the last one asked wins.
            if asked.get() != (ticket, false) {
                return;
            }
            asked.set((ticket, true));
            opening.set(None);
            again.set(!loaded && retried);
            // In this order no moment draws an area whose code is not here.
            if !loaded && !unavailable.get_untracked() {
                unavailable.set(true);
            }
            if shown.get_untracked() != bundle {
                shown.set(bundle);
            }
            if loaded && unavailable.get_untracked() {
                unavailable.set(false);
            }
            // The address bar takes the new address once its page is drawn (as `<Routes>` did).
            if let Some(location) = location {
                location.ready_to_complete();
            }
        });
        now
    });
    let page = move || {
        if !drawn.get() {
            return ().into_any();
        }
        if let Some(first_screen) = &first_screen {
            first_screen.remove();
        }
        match (shown.get(), unavailable.get()) {
            (_, true) => view! { <AreaUnavailable again=again.read_only() retry/> }.into_any(),
            (Bundle::Shell, _) => pages(Bundle::Shell, |page| match page {
                Some(Page::Home) => view! { <Home/> }.into_any(),
                _ => view! { <NotFound/> }.into_any(),
            }),
            // Only when `start` could not fetch the first page's area: then this page says so.
            (bundle, _) => Suspend::new(async move {
                area(bundle).await.unwrap_or_else(|_| {
                    unavailable.set(true);
                    ().into_any()
                })
            })
            .into_any(),
        }
    };
    let notice = Signal::derive(move || opening.get().map_or("", |msg| i18n.tr(msg)));
    view! {
        <p class="notice notice--live notice--opening" role="status">{notice}</p>
        {page}
    }
    .into_any()
}

/// How long the next page's code may take before a notice says it is on its way.
const OPENING_NOTICE_MS: u32 = 300;
/// How long before the notice says the page is slow to come, and why that may be.
const OPENING_SLOW_MS: u32 = 8_000;
/// The shortest time a retry takes to answer (the notice above shows from `OPENING_NOTICE_MS`).
const RETRY_ANSWER_MS: u32 = 600;

/// An area's view: its module's code, ready at once when [`preload`] has fetched it.
async fn area(bundle: Bundle) -> Result<AnyView, SplitLoaderError> {
    match bundle {
        Bundle::Shell => Ok(view! { <NotFound/> }.into_any()),
        Bundle::Dossiers => dossiers_area().await,
        Bundle::Forms => forms_area().await,
        Bundle::Tracking => tracking_area().await,
        Bundle::Faq => faq_area().await,
        Bundle::Payments => payments_area().await,
        Bundle::Tourism => tourism_area().await,
        Bundle::Tutorials => tutorials_area().await,
        Bundle::Reports => reports_area().await,
    }
}

/// One lazily loaded area, `$draw` its pages: a wasm module of its own (`$module`, the name the build
/// and `Bundle::module` know it by), fetched the first time one of its addresses opens. `fallible`: a
/// module that cannot come is an error to show, not a panic (which would stop the whole app).
macro_rules! lazy_area {
    ($view:ident, $preload:ident, $module:ident, $draw:ident) => {
        #[leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, preload($preload), fallible)]
        fn $view() -> Result<AnyView, SplitLoaderError> {
            Ok($draw())
        }
    };
}
lazy_area!(dossiers_area, preload_dossiers, __dossiers_area_view_0, dossiers);
lazy_area!(forms_area, preload_forms, __forms_area_view_0, forms);
lazy_area!(tracking_area, preload_tracking, __tracking_area_view_0, tracking);
lazy_area!(faq_area, preload_faq, __faq_area_view_0, faq);
lazy_area!(payments_area, preload_payments, __payments_area_view_0, payments);
lazy_area!(tourism_area, preload_tourism, __tourism_area_view_0, tourism);
lazy_area!(tutorials_area, preload_tutorials, __tutorials_area_view_0, tutorials);
lazy_area!(reports_area, preload_reports, __reports_area_view_0, reports);

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

/// Fetches the code of the area that draws `path`, so the first render needs no wait. False when
/// it cannot come.
pub async fn preload(path: &str) -> bool {
    preload_bundle(Bundle::of_path(path)).await
}

async fn preload_bundle(bundle: Bundle) -> bool {
    match bundle {
        Bundle::Shell => Ok(()),
        Bundle::Dossiers => preload_dossiers().await,
        Bundle::Forms => preload_forms().await,
        Bundle::Tracking => preload_tracking().await,
        Bundle::Faq => preload_faq().await,
        Bundle::Payments => preload_payments().await,
        Bundle::Tourism => preload_tourism().await,
        Bundle::Tutorials => preload_tutorials().await,
        Bundle::Reports => preload_reports().await,
    }
    .is_ok()
}

/// Citizen reports (Open311): the form, the list and each report's status.
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
