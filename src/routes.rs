//! Each bundle's routes. A bundle knows only its own addresses; links to the others are page loads.

use crate::api::{CatalogueBackend, DossierBackend, FaqBackend, GatewayBackend, PaymentBackend, SubmitBackend, TrackingBackend, UploadBackend};
use crate::pages::{AreaPage, Home, NotFound};
use std::sync::Arc;
use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::{ParamSegment, StaticSegment, WildcardSegment};
use mytho_core::config::AppConfig;
use mytho_core::routes::{Area, FAQ};

/// Home, the 404 page and the areas not built yet.
pub fn shell() -> AnyView {
    view! {
        <Routes fallback=|| view! { <NotFound/> }>
            <Route path=StaticSegment("") view=Home/>
            <Route path=ParamSegment("area") view=AreaPage/>
            <Route path=(ParamSegment("area"), WildcardSegment("rest")) view=AreaPage/>
        </Routes>
    }
    .into_any()
}

/// The FAQ chat and the list of every question.
pub fn faq() -> AnyView {
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

/// The city's backend as configured (see `api`): each bundle provides the traits its pages use.
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
pub fn dossiers() -> AnyView {
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
pub fn forms() -> AnyView {
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
pub fn tracking() -> AnyView {
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
pub fn payments() -> AnyView {
    use crate::pages::payments::{PayPage, PayResult};
    use mytho_core::routes::PAYMENT;
    provide_context::<Arc<dyn PaymentBackend>>(Arc::new(gateway()));
    view! {
        <Routes fallback=|| view! { <NotFound/> }>
            <Route path=(StaticSegment(seg(PAYMENT)), StaticSegment("ket-qua")) view=PayResult/>
            <Route path=(StaticSegment(seg(PAYMENT)), StaticSegment("ho-so"), ParamSegment("code")) view=PayPage/>
        </Routes>
    }
    .into_any()
}

/// The visitors' guide: its front page with the map, each place, events and local products.
pub fn tourism() -> AnyView {
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
pub fn tutorials() -> AnyView {
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
