//! The frame of the OpenAPI 3.1 document at `/api/openapi.json`: its title, the security schemes, the
//! tags, and the answers every operation can give, added here so no handler repeats them. The
//! operations themselves come from the handlers' `#[utoipa::path]`, registered with their routes.

use mytho_core::api::ErrorBody;
use mytho_core::dossier::{ACCESS_KEY_HEADER, PHONE_LAST4_HEADER};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};
use utoipa::{Modify, OpenApi};

/// Security scheme names, as handlers name them in `security(...)`.
pub const OFFICER: &str = "officerToken";
pub const TRAINER: &str = "trainerToken";
pub const SECOND_FACTOR: &str = "secondFactor";
pub const ACCESS_KEY: &str = "accessKey";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Mỹ Tho Số city API",
        description = "The contract between the Mỹ Tho Số app and a city backend; the reference gateway implements it. \
            Errors carry a stable code and a message in Vietnamese and English (`Error`). Every anonymous write is \
            limited per client (429 with Retry-After); every secret (second factor, access key, resume code, class \
            code, trainer token, officer credential) is limited per client and per target after a few wrong tries, \
            the right one included during the pause. A backend may leave a feature out: the app hides the area \
            that needs it (`features` in `/config.json`).",
        license(name = "MIT"),
    ),
    components(schemas(ErrorBody)),
    modifiers(&Frame),
    tags(
        (name = "service", description = "Health and this document"),
        (name = "procedures", description = "The procedure catalogue and today's wards"),
        (name = "dossiers", description = "Submission, tracking, supplements, attachments"),
        (name = "drafts", description = "Drafts kept for another device"),
        (name = "payments", description = "Fees: VNPay and VietQR, status from the server only"),
        (name = "classes", description = "Class mode of the digital-skills lessons"),
        (name = "faq", description = "Whether an FAQ answer helped"),
        (name = "officers", description = "The office's own operations (officer credential)"),
    )
)]
pub struct ApiDoc;

struct Frame;

impl Modify for Frame {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        let components = api.components.get_or_insert_with(Default::default);
        let bearer = |what: &str| {
            SecurityScheme::Http(Http::builder().scheme(HttpAuthScheme::Bearer).description(Some(what.to_string())).build())
        };
        let header = |name: &str, what: &str| SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(name, what)));
        components.add_security_scheme(OFFICER, bearer("An officer's named credential (`mytho-gateway officers add`)."));
        components.add_security_scheme(TRAINER, bearer("The trainer token given when the class was started."));
        components.add_security_scheme(
            SECOND_FACTOR,
            header(PHONE_LAST4_HEADER, "The last 4 digits of the phone number given in the application (status only)."),
        );
        components.add_security_scheme(
            ACCESS_KEY,
            header(ACCESS_KEY_HEADER, "The application's access key, printed on the receipt (XXXX-XXXX-XXXX-XXXX)."),
        );
        for (name, description) in SHARED {
            components.responses.insert(name.to_string(), RefOr::T(error_response(description)));
        }
    }
}

/// Answers any operation may give, kept once under `components/responses`.
const SHARED: [(&str, &str); 5] = [
    ("Unavailable", "The server cannot reach its data right now (nothing the client sent is lost; try again)"),
    ("Malformed", "The body is not valid JSON of the documented shape"),
    ("TooLarge", "The body is larger than the server takes"),
    ("NotJson", "The body was not sent as `application/json`"),
    ("TimedOut", "No answer in time"),
];

fn error_response(description: &str) -> Response {
    if description.starts_with("No answer") {
        return ResponseBuilder::new().description(description).build();
    }
    ResponseBuilder::new()
        .description(description)
        .content("application/json", ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build())
        .build()
}

/// The document with the shared answers added to every operation: 503 and 408 to all, and 400, 413 and
/// 415 to those that take a JSON body; and every 429 documents its `Retry-After`.
pub fn finish(mut api: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    for item in api.paths.paths.values_mut() {
        let operations = [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch];
        for op in operations.into_iter().flatten() {
            if let Some(RefOr::T(limited)) = op.responses.responses.get_mut("429") {
                let wait = HeaderBuilder::new()
                    .schema(ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(1)))
                    .description(Some("Seconds to wait before trying again"))
                    .build();
                limited.headers.insert("Retry-After".into(), wait);
            }
            let json_body = op.request_body.as_ref().is_some_and(|b| b.content.contains_key("application/json"));
            let mut add = |status: &str, name: &str| {
                op.responses.responses.entry(status.to_string()).or_insert_with(|| RefOr::Ref(Ref::new(format!("#/components/responses/{name}"))));
            };
            add("503", "Unavailable");
            add("408", "TimedOut");
            if json_body {
                add("400", "Malformed");
                add("413", "TooLarge");
                add("415", "NotJson");
            }
        }
    }
    api
}

/// The README's API table, made from the document: one row per operation, with what it needs.
pub fn markdown_table(doc: &serde_json::Value) -> String {
    let mut out = String::from("| operation | what | needs |\n|---|---|---|\n");
    let Some(paths) = doc["paths"].as_object() else { return out };
    for (path, item) in paths {
        for method in ["get", "post", "put", "delete", "patch"] {
            let Some(op) = item.get(method) else { continue };
            let words = |k: &str| op[k].as_str().unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
            let (summary, description) = (words("summary"), words("description"));
            let what = if description.is_empty() { summary } else { format!("{summary}. {description}") };
            let needs: Vec<&str> = op["security"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s.as_object())
                .flat_map(|s| s.keys())
                .map(|k| match k.as_str() {
                    OFFICER => "officer credential",
                    TRAINER => "trainer token",
                    SECOND_FACTOR => "`X-Phone-Last4`",
                    ACCESS_KEY => "`X-Access-Key`",
                    other => other,
                })
                .collect();
            let limited = op["responses"].get("429").is_some();
            let needs = match (needs.is_empty(), limited) {
                (true, true) => "limited per client".to_string(),
                (true, false) => String::new(),
                (false, _) => needs.join(", "),
            };
            out.push_str(&format!("| `{} {path}` | {} | {needs} |\n", method.to_uppercase(), what.replace('|', "\\|")));
        }
    }
    out
}
