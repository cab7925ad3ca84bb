//! The boundary between the app and "the city's backend".

use super::http::{decode, get_json, get_json_with, post_bytes_for, post_for, post_for_with, post_json, put_json, send_as, json, Method, RequestOptions};
use mytho_core::classes::{ClassStarted, Dashboard, JoinClass, Joined, LearnerProgress, StartClass, CLASSES_PATH};
use mytho_core::api::{ApiError, FaqFeedback, Health, FAQ_FEEDBACK_PATH, HEALTH_PATH};
use mytho_core::dossier::{
    DraftSaved, Receipt, SaveDraft, StoredAnswers, SubmitDossier, Supplement, Tracking, Uploaded, ACCESS_KEY_HEADER, DOSSIERS_PATH,
    DRAFTS_PATH, PHONE_LAST4_HEADER, UPLOADS_PATH,
};
use mytho_core::payment::{PaymentStarted, PaymentState, StartPayment, PAYMENTS_PATH};
use mytho_core::procedures::{Procedure, ProcedureList, PROCEDURES_PATH};
use mytho_core::wards::{WardHit, WARDS_PATH};
use mytho_core::config::AppConfig;
use mytho_core::retry::RetryPolicy;
use std::future::Future;
use std::pin::Pin;

/// Futures run on the browser's single thread, so they need not be `Send`.
pub type ApiFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, ApiError>> + 'a>>;

/// What every page asks of a city's backend. Each feature has its own trait beside this one, so a
/// bundle links only the calls it makes (a trait object keeps all of its methods); an adapter
/// implements them for one kind of server.
pub trait CityBackend: Send + Sync {
    /// Whether the backend is up; the app warns people when it is not.
    fn health(&self) -> ApiFuture<'_, Health>;
}

pub trait FaqBackend: Send + Sync {
    /// Records whether an FAQ answer helped.
    fn send_faq_feedback<'a>(&'a self, feedback: &'a FaqFeedback) -> ApiFuture<'a, ()>;
}

pub trait PaymentBackend: Send + Sync {
    /// Starts (or resumes) paying a dossier's fee; the server takes the amount from the procedure.
    fn start_payment<'a>(&'a self, code: &'a str, start: &'a StartPayment) -> ApiFuture<'a, PaymentStarted>;

    /// A dossier's payments as the server recorded them, newest first.
    fn payments<'a>(&'a self, code: &'a str, phone_last4: &'a str) -> ApiFuture<'a, Vec<PaymentState>>;

    /// What the server recorded for the provider's return (`query` as the provider sent it).
    fn vnpay_return<'a>(&'a self, query: &'a str) -> ApiFuture<'a, PaymentState>;
}

/// The catalogue: only the dossiers bundle lists procedures.
pub trait CatalogueBackend: Send + Sync {
    /// Fields and one line per procedure.
    fn procedures(&self) -> ApiFuture<'_, ProcedureList>;
}

/// What a procedure's page, its form and tracking load.
pub trait DossierBackend: Send + Sync {
    /// One procedure in full, with its form.
    fn procedure<'a>(&'a self, id: &'a str) -> ApiFuture<'a, Procedure>;
}

/// What the forms send: only the forms bundle carries these calls.
pub trait SubmitBackend: Send + Sync {
    /// Submits a dossier. Safe to repeat: the server keeps one dossier per idempotency key.
    fn submit_dossier<'a>(&'a self, dossier: &'a SubmitDossier) -> ApiFuture<'a, Receipt>;

    /// Sends corrected answers for a dossier waiting for a supplement, with its access key.
    fn supplement<'a>(&'a self, code: &'a str, access_key: &'a str, supplement: &'a Supplement) -> ApiFuture<'a, Receipt>;

    /// Keeps a draft on the server for a while, under a resume code, to continue on another device.
    fn save_draft<'a>(&'a self, draft: &'a SaveDraft) -> ApiFuture<'a, DraftSaved>;

    /// Today's wards and communes matching a name, today's or an old one.
    fn wards<'a>(&'a self, query: &'a str) -> ApiFuture<'a, Vec<WardHit>>;
}

/// What tracking reads: only the tracking bundle carries these calls.
pub trait TrackingBackend: Send + Sync {
    /// A dossier's status and timeline, for its code and the last 4 digits of the applicant's phone.
    fn track<'a>(&'a self, code: &'a str, phone_last4: &'a str) -> ApiFuture<'a, Tracking>;

    /// The answers stored with a dossier (to fix what the office asked for), with its access key.
    fn stored_answers<'a>(&'a self, code: &'a str, access_key: &'a str) -> ApiFuture<'a, StoredAnswers>;

    /// A draft kept under a resume code.
    fn load_draft<'a>(&'a self, resume_code: &'a str) -> ApiFuture<'a, SaveDraft>;
}

/// Class mode: trainers start, follow and end classes; learners join and send their progress.
pub trait ClassBackend: Send + Sync {
    fn start_class<'a>(&'a self, start: &'a StartClass) -> ApiFuture<'a, ClassStarted>;
    fn join_class<'a>(&'a self, code: &'a str, join: &'a JoinClass) -> ApiFuture<'a, Joined>;
    /// Safe to send again (after a lost connection).
    fn send_progress<'a>(&'a self, code: &'a str, learner: &'a str, progress: &'a LearnerProgress) -> ApiFuture<'a, ()>;
    fn dashboard<'a>(&'a self, code: &'a str, token: &'a str) -> ApiFuture<'a, Dashboard>;
    fn close_class<'a>(&'a self, code: &'a str, token: &'a str) -> ApiFuture<'a, ()>;
    /// The attendance and results as the server's CSV file, byte for byte (its UTF-8 byte-order mark
    /// tells spreadsheet programs how to read Vietnamese names).
    fn export_class<'a>(&'a self, code: &'a str, token: &'a str) -> ApiFuture<'a, Vec<u8>>;
}

/// Attachments, apart from [`DossierBackend`] so that only the forms bundle carries the upload code.
pub trait UploadBackend: Send + Sync {
    /// Sends a checked file (a scaled photo or a PDF), reporting the percentage sent; its id goes in
    /// the form's answer.
    fn upload<'a>(&'a self, mime: &'a str, bytes: &'a [u8], progress: Box<dyn Fn(u32)>) -> ApiFuture<'a, Uploaded>;
}

/// The reference city gateway (this repository's `crates/gateway`), or any server speaking its API.
pub struct GatewayBackend {
    api_base: String,
    origin_base: String,
    options: RequestOptions,
}

impl GatewayBackend {
    pub fn new(config: &AppConfig) -> GatewayBackend {
        // Health sits beside the versioned API: `/api/health` for the base `/api/v1`.
        let origin_base = config
            .api_base_url
            .strip_suffix(mytho_core::api::API_V1)
            .unwrap_or(&config.api_base_url)
            .to_string();
        GatewayBackend {
            api_base: config.api_base_url.clone(),
            origin_base,
            options: RequestOptions { timeout_ms: config.request_timeout_ms, retry: RetryPolicy::default() },
        }
    }
}

impl CityBackend for GatewayBackend {
    fn health(&self) -> ApiFuture<'_, Health> {
        Box::pin(async move { get_json(&format!("{}{}", self.origin_base, HEALTH_PATH), &self.options).await })
    }
}

impl FaqBackend for GatewayBackend {
    fn send_faq_feedback<'a>(&'a self, feedback: &'a FaqFeedback) -> ApiFuture<'a, ()> {
        let once = RequestOptions { retry: RetryPolicy::ONCE, ..self.options };
        Box::pin(async move { post_json(&format!("{}{}", self.api_base, FAQ_FEEDBACK_PATH), feedback, &once).await })
    }
}

impl CatalogueBackend for GatewayBackend {
    fn procedures(&self) -> ApiFuture<'_, ProcedureList> {
        Box::pin(async move { get_json(&format!("{}{PROCEDURES_PATH}", self.api_base), &self.options).await })
    }
}

impl DossierBackend for GatewayBackend {
    fn procedure<'a>(&'a self, id: &'a str) -> ApiFuture<'a, Procedure> {
        Box::pin(async move { get_json(&format!("{}{PROCEDURES_PATH}/{}", self.api_base, slug(id)), &self.options).await })
    }
}

impl SubmitBackend for GatewayBackend {
    fn submit_dossier<'a>(&'a self, dossier: &'a SubmitDossier) -> ApiFuture<'a, Receipt> {
        Box::pin(async move { post_for(&format!("{}{DOSSIERS_PATH}", self.api_base), dossier, &self.options).await })
    }

    fn supplement<'a>(&'a self, code: &'a str, access_key: &'a str, supplement: &'a Supplement) -> ApiFuture<'a, Receipt> {
        // Sent once: a second copy would find the dossier already back in processing.
        let once = RequestOptions { retry: RetryPolicy::ONCE, ..self.options };
        Box::pin(async move {
            let url = format!("{}{DOSSIERS_PATH}/{}/supplement", self.api_base, slug(code));
            post_for_with(&url, supplement, &[(ACCESS_KEY_HEADER, access_key)], &once).await
        })
    }

    fn save_draft<'a>(&'a self, draft: &'a SaveDraft) -> ApiFuture<'a, DraftSaved> {
        // Each press makes a new code: sent once.
        let once = RequestOptions { retry: RetryPolicy::ONCE, ..self.options };
        Box::pin(async move { post_for(&format!("{}{DRAFTS_PATH}", self.api_base), draft, &once).await })
    }

    fn wards<'a>(&'a self, query: &'a str) -> ApiFuture<'a, Vec<WardHit>> {
        let q = js_sys::encode_uri_component(query).as_string().unwrap_or_default();
        Box::pin(async move { get_json(&format!("{}{WARDS_PATH}?q={q}", self.api_base), &self.options).await })
    }
}

impl TrackingBackend for GatewayBackend {
    fn track<'a>(&'a self, code: &'a str, phone_last4: &'a str) -> ApiFuture<'a, Tracking> {
        Box::pin(async move {
            let url = format!("{}{DOSSIERS_PATH}/{}", self.api_base, slug(code));
            get_json_with(&url, &[(PHONE_LAST4_HEADER, phone_last4)], &self.options).await
        })
    }

    fn stored_answers<'a>(&'a self, code: &'a str, access_key: &'a str) -> ApiFuture<'a, StoredAnswers> {
        Box::pin(async move {
            let url = format!("{}{DOSSIERS_PATH}/{}/answers", self.api_base, slug(code));
            get_json_with(&url, &[(ACCESS_KEY_HEADER, access_key)], &self.options).await
        })
    }

    fn load_draft<'a>(&'a self, resume_code: &'a str) -> ApiFuture<'a, SaveDraft> {
        Box::pin(async move { get_json(&format!("{}{DRAFTS_PATH}/{}", self.api_base, slug(resume_code)), &self.options).await })
    }
}

impl ClassBackend for GatewayBackend {
    fn start_class<'a>(&'a self, start: &'a StartClass) -> ApiFuture<'a, ClassStarted> {
        let once = RequestOptions { retry: RetryPolicy::ONCE, ..self.options };
        Box::pin(async move { post_for(&format!("{}{CLASSES_PATH}", self.api_base), start, &once).await })
    }

    fn join_class<'a>(&'a self, code: &'a str, join: &'a JoinClass) -> ApiFuture<'a, Joined> {
        let once = RequestOptions { retry: RetryPolicy::ONCE, ..self.options };
        Box::pin(async move { post_for(&format!("{}{CLASSES_PATH}/{}/learners", self.api_base, slug(code)), join, &once).await })
    }

    fn send_progress<'a>(&'a self, code: &'a str, learner: &'a str, progress: &'a LearnerProgress) -> ApiFuture<'a, ()> {
        let url = format!("{}{CLASSES_PATH}/{}/learners/{}", self.api_base, slug(code), slug(learner));
        Box::pin(async move { put_json(&url, progress, self.options.timeout_ms).await })
    }

    fn dashboard<'a>(&'a self, code: &'a str, token: &'a str) -> ApiFuture<'a, Dashboard> {
        let url = format!("{}{CLASSES_PATH}/{}", self.api_base, slug(code));
        Box::pin(async move {
            let auth = format!("Bearer {token}");
            let r = send_as(Method::Get, &url, self.options.timeout_ms, &[("authorization", &auth)]).await?;
            decode(json(r).await?)
        })
    }

    fn close_class<'a>(&'a self, code: &'a str, token: &'a str) -> ApiFuture<'a, ()> {
        let url = format!("{}{CLASSES_PATH}/{}/close", self.api_base, slug(code));
        Box::pin(async move {
            let auth = format!("Bearer {token}");
            send_as(Method::Post(String::new()), &url, self.options.timeout_ms, &[("authorization", &auth)]).await.map(|_| ())
        })
    }

    fn export_class<'a>(&'a self, code: &'a str, token: &'a str) -> ApiFuture<'a, Vec<u8>> {
        let url = format!("{}{CLASSES_PATH}/{}/export.csv", self.api_base, slug(code));
        Box::pin(async move {
            let auth = format!("Bearer {token}");
            let r = send_as(Method::Get, &url, self.options.timeout_ms, &[("authorization", &auth)]).await?;
            r.binary().await.map_err(|_| ApiError::Offline)
        })
    }
}

impl UploadBackend for GatewayBackend {
    fn upload<'a>(&'a self, mime: &'a str, bytes: &'a [u8], progress: Box<dyn Fn(u32)>) -> ApiFuture<'a, Uploaded> {
        // A slow link needs time for a few hundred KB: a minute plus the usual timeout.
        let timeout = self.options.timeout_ms + 60_000;
        Box::pin(async move { post_bytes_for(&format!("{}{UPLOADS_PATH}", self.api_base), mime, bytes, timeout, progress).await })
    }
}

impl PaymentBackend for GatewayBackend {
    fn start_payment<'a>(&'a self, code: &'a str, start: &'a StartPayment) -> ApiFuture<'a, PaymentStarted> {
        // Safe to repeat: the gateway resumes the pending payment rather than making a second one.
        Box::pin(async move { post_for(&format!("{}{DOSSIERS_PATH}/{}{PAYMENTS_PATH}", self.api_base, slug(code)), start, &self.options).await })
    }

    fn payments<'a>(&'a self, code: &'a str, phone_last4: &'a str) -> ApiFuture<'a, Vec<PaymentState>> {
        Box::pin(async move {
            let url = format!("{}{DOSSIERS_PATH}/{}{PAYMENTS_PATH}", self.api_base, slug(code));
            get_json_with(&url, &[(PHONE_LAST4_HEADER, phone_last4)], &self.options).await
        })
    }

    fn vnpay_return<'a>(&'a self, query: &'a str) -> ApiFuture<'a, PaymentState> {
        // The provider's signed parameters go back to the gateway as they came (it checks them).
        Box::pin(async move { get_json(&format!("{}{PAYMENTS_PATH}/vnpay/return?{query}", self.api_base), &self.options).await })
    }
}

/// Keeps only the characters a code, a slug or digits may have, so typed text never changes the path.
fn slug(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_')).collect()
}
