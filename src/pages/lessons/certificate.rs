use super::{back_to_lessons, with_lessons, LessonStore};
use crate::components::use_page_title;
use crate::i18n::use_i18n;
use crate::platform;
use leptos::prelude::*;
use mytho_core::i18n::Msg;
use mytho_core::validate::Date;

/// The certificate, once every lesson is done: the learner types the name to print (kept nowhere).
#[component]
pub fn CertificatePage() -> impl IntoView {
    let i18n = use_i18n();
    let store = expect_context::<LessonStore>();
    let name = RwSignal::new(String::new());
    use_page_title(move || i18n.tr(Msg::CertificateTitle).to_string());
    with_lessons(move |lessons, lang| {
        let progress = store.progress.get();
        let Some(day) = progress.certificate_day(lessons) else {
            return view! {
                {back_to_lessons(lang)}
                <h1 class="page-title">{Msg::CertificateTitle.text(lang)}</h1>
                <p>{format!("{} {}/{}", Msg::CertificateNotYet.text(lang), progress.done_count(lessons), lessons.lessons.len())}</p>
            }
            .into_any();
        };
        let day = Date::parse_iso(&day).map(|d| d.display()).unwrap_or(day);
        view! {
            {back_to_lessons(lang)}
            <h1 class="page-title no-print">{Msg::CertificateTitle.text(lang)}</h1>
            <div class="form-group no-print">
                <label class="label" for="certificate-name">{Msg::CertificateName.text(lang)}</label>
                <input class="input" id="certificate-name" autocomplete="name" prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))/>
            </div>
            <section class="certificate" aria-labelledby="certificate-title">
                <p class="certificate__city">"Mỹ Tho Số"</p>
                <h2 class="certificate__title" id="certificate-title">{Msg::CertificateTitle.text(lang).to_uppercase()}</h2>
                <p class="certificate__name">{move || name.get()}</p>
                <p>{Msg::CertificateText.text(lang)}</p>
                <p>{format!("{}: {day}", Msg::CertificateDate.text(lang))}</p>
            </section>
            <p class="no-print"><button type="button" class="button" on:click=|_| platform::print()>{Msg::CertificatePrint.text(lang)}</button></p>
        }
        .into_any()
    })
}
