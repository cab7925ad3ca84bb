//! The app's route table: home and the 404 page in the main module, each area loaded when it is first
//! opened (`#[lazy_route]`: a wasm module of its own, split off by `scripts/build-app.sh`). Each area
//! draws its own addresses with a `<Routes>` of its own.

use crate::api::{CatalogueBackend, DossierBackend, FaqBackend, GatewayBackend, Open311Backend, PaymentBackend, ReportBackend, SubmitBackend, TrackingBackend, UploadBackend};
use crate::pages::{Home, NotFound};
use std::sync::Arc;
use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::{lazy_route, Lazy, LazyRoute, ParamSegment, StaticSegment, WildcardSegment};
use mytho_core::config::AppConfig;
use mytho_core::routes::{Area, FAQ};

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
    view! {
        <Routes fallback=|| view! { <NotFound/> }>
            <Route path=StaticSegment(seg(FAQ)) view=move || built(Area::Faq, || view! { <FaqChat/> })/>
            <Route path=(StaticSegment(seg(FAQ)), StaticSegment("tat-ca")) view=move || built(Area::Faq, || view! { <FaqAll/> })/>
        </Routes>
    }
    .into_any()
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
    use mytho_core::routes::REPORTS;
    let config = expect_context::<AppConfig>();
    // Without a reports endpoint in the config the area is off (its pages answer as unknown ones).
    let Some(open311) = Open311Backend::new(&config) else { return view! { <NotFound/> }.into_any() };
    provide_context::<Arc<dyn ReportBackend>>(Arc::new(open311));
    provide_context::<Arc<dyn UploadBackend>>(Arc::new(gateway()));
    let page = |page: fn() -> AnyView| move || built(Area::Reports, page);
    view! {
        <Routes fallback=|| view! { <NotFound/> }>
            <Route path=StaticSegment(seg(REPORTS)) view=page(|| view! { <ReportPage/> }.into_any())/>
            <Route path=(StaticSegment(seg(REPORTS)), StaticSegment("danh-sach")) view=page(|| view! { <ReportListPage/> }.into_any())/>
            <Route path=(StaticSegment(seg(REPORTS)), ParamSegment("id")) view=page(|| view! { <ReportStatusPage/> }.into_any())/>
        </Routes>
    }
    .into_any()
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
    use leptos_router::components::ParentRoute;
    use mytho_core::routes::PROCEDURES;
    provide_context::<Arc<dyn CatalogueBackend>>(Arc::new(gateway()));
    provide_context::<Arc<dyn DossierBackend>>(Arc::new(gateway()));
    let procedures = || built(Area::Procedures, || view! { <ProcedureLayout/> });
    view! {
        <Routes fallback=|| view! { <NotFound/> }>
            <Route path=StaticSegment(seg(PROCEDURES)) view=move || built(Area::Procedures, || view! { <Catalogue/> })/>
            <ParentRoute path=(StaticSegment(seg(PROCEDURES)), ParamSegment("id")) view=procedures>
                <Route path=StaticSegment("") view=ProcedurePage/>
            </ParentRoute>
        </Routes>
    }
    .into_any()
}

/// A procedure's online form: the steps, the check page and submission; and its practice copy.
fn forms() -> AnyView {
    use crate::pages::dossiers::{FormStep, PracticeStart, ProcedureLayout};
    use leptos_router::components::ParentRoute;
    use mytho_core::routes::{FORM_SEGMENT, PRACTICE_SEGMENT, PROCEDURES};
    provide_context::<Arc<dyn DossierBackend>>(Arc::new(gateway()));
    provide_context::<Arc<dyn SubmitBackend>>(Arc::new(gateway()));
    provide_context::<Arc<dyn UploadBackend>>(Arc::new(gateway()));
    let procedures = || built(Area::Procedures, || view! { <ProcedureLayout/> });
    view! {
        <Routes fallback=|| view! { <NotFound/> }>
            <ParentRoute path=(StaticSegment(seg(PROCEDURES)), ParamSegment("id")) view=procedures>
                <Route path=(StaticSegment(FORM_SEGMENT), ParamSegment("step")) view=FormStep/>
                // The practice copy (lessons): `ProcedureLayout` tells it by its address.
                <Route path=StaticSegment(PRACTICE_SEGMENT) view=PracticeStart/>
                <Route path=(StaticSegment(PRACTICE_SEGMENT), ParamSegment("step")) view=FormStep/>
            </ParentRoute>
        </Routes>
    }
    .into_any()
}

/// Tracking, receipts and the drafts on this device.
fn tracking() -> AnyView {
    use crate::pages::dossiers::{DraftsPage, ProfilePage, ReceiptPage, TrackingPage};
    use mytho_core::routes::TRACKING;
    provide_context::<Arc<dyn DossierBackend>>(Arc::new(gateway()));
    provide_context::<Arc<dyn TrackingBackend>>(Arc::new(gateway()));
    let page = |page: fn() -> AnyView| move || built(Area::Tracking, page);
    view! {
        <Routes fallback=|| view! { <NotFound/> }>
            <Route path=StaticSegment(seg(TRACKING)) view=page(|| view! { <TrackingPage/> }.into_any())/>
            <Route path=(StaticSegment(seg(TRACKING)), StaticSegment("bien-nhan"), ParamSegment("code")) view=page(|| view! { <ReceiptPage/> }.into_any())/>
            <Route path=(StaticSegment(seg(TRACKING)), StaticSegment("ho-so-dang-soan")) view=page(|| view! { <DraftsPage/> }.into_any())/>
            <Route path=(StaticSegment(seg(TRACKING)), StaticSegment("thong-tin-cua-toi")) view=page(|| view! { <ProfilePage/> }.into_any())/>
        </Routes>
    }
    .into_any()
}

/// Paying a fee and the provider's return page.
fn payments() -> AnyView {
    use crate::pages::payments::{PayPage, PayResult, PayStart};
    use mytho_core::routes::PAYMENT;
    provide_context::<Arc<dyn PaymentBackend>>(Arc::new(gateway()));
    view! {
        <Routes fallback=|| view! { <NotFound/> }>
            <Route path=StaticSegment(seg(PAYMENT)) view=PayStart/>
            <Route path=(StaticSegment(seg(PAYMENT)), StaticSegment("ket-qua")) view=PayResult/>
            <Route path=(StaticSegment(seg(PAYMENT)), StaticSegment("ho-so"), ParamSegment("code")) view=PayPage/>
        </Routes>
    }
    .into_any()
}

/// The visitors' guide: its front page with the map, each place, events and local products.
fn tourism() -> AnyView {
    use crate::pages::tourism::{provide_guide, EventsPage, Guide, PlacePage, ProductsPage};
    use mytho_core::routes::TOURISM;
    provide_guide();
    let page = |page: fn() -> AnyView| move || built(Area::Tourism, page);
    view! {
        <Routes fallback=|| view! { <NotFound/> }>
            <Route path=StaticSegment(seg(TOURISM)) view=page(|| view! { <Guide/> }.into_any())/>
            <Route path=(StaticSegment(seg(TOURISM)), StaticSegment("dia-diem"), ParamSegment("id")) view=page(|| view! { <PlacePage/> }.into_any())/>
            <Route path=(StaticSegment(seg(TOURISM)), StaticSegment("su-kien")) view=page(|| view! { <EventsPage/> }.into_any())/>
            <Route path=(StaticSegment(seg(TOURISM)), StaticSegment("dac-san")) view=page(|| view! { <ProductsPage/> }.into_any())/>
        </Routes>
    }
    .into_any()
}

/// Digital-skills lessons, their quizzes and the certificate.
fn tutorials() -> AnyView {
    use crate::pages::lessons::{CertificatePage, ClassPage, JoinPage, LessonList, LessonPage, LessonStore, PresenterPage, QuizPage};
    use mytho_core::routes::TUTORIALS;
    provide_context::<Arc<dyn crate::api::ClassBackend>>(Arc::new(gateway()));
    LessonStore::provide();
    let page = |page: fn() -> AnyView| move || built(Area::Tutorials, page);
    view! {
        <Routes fallback=|| view! { <NotFound/> }>
            <Route path=StaticSegment(seg(TUTORIALS)) view=page(|| view! { <LessonList/> }.into_any())/>
            <Route path=(StaticSegment(seg(TUTORIALS)), StaticSegment("chung-nhan")) view=page(|| view! { <CertificatePage/> }.into_any())/>
            <Route path=(StaticSegment(seg(TUTORIALS)), StaticSegment("lop-hoc")) view=page(|| view! { <ClassPage/> }.into_any())/>
            <Route path=(StaticSegment(seg(TUTORIALS)), StaticSegment("vao-lop")) view=page(|| view! { <JoinPage/> }.into_any())/>
            <Route path=(StaticSegment(seg(TUTORIALS)), ParamSegment("id")) view=page(|| view! { <LessonPage/> }.into_any())/>
            <Route path=(StaticSegment(seg(TUTORIALS)), ParamSegment("id"), StaticSegment("kiem-tra")) view=page(|| view! { <QuizPage/> }.into_any())/>
            <Route path=(StaticSegment(seg(TUTORIALS)), ParamSegment("id"), StaticSegment("trinh-chieu")) view=page(|| view! { <PresenterPage/> }.into_any())/>
        </Routes>
    }
    .into_any()
}
