//! Typed fetch with a timeout, abort on cleanup, and retries with backoff and jitter.

use crate::platform;
use gloo_net::http::{Request, Response};
use leptos::prelude::on_cleanup;
use mytho_core::api::{ApiError, ErrorBody};
use mytho_core::retry::RetryPolicy;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

#[derive(Clone, Copy, Debug)]
pub struct RequestOptions {
    pub timeout_ms: u32,
    /// Use [`RetryPolicy::ONCE`] for anything that is not idempotent.
    pub retry: RetryPolicy,
}

// Only `decode` depends on the answer's type: the requests themselves (retries, timeout, abort) are
// compiled once, not once per type of answer, and the browser parses the JSON (`crate::json`).

/// GET and decode JSON; retried as the options allow.
pub async fn get_json<T: DeserializeOwned>(url: &str, options: &RequestOptions) -> Result<T, ApiError> {
    decode(fetch_json(Method::Get, url, &[], options).await?)
}

/// GET with request headers (a dossier's secrets travel there, never in the URL) and decode JSON.
pub async fn get_json_with<T: DeserializeOwned>(url: &str, headers: &[(&str, &str)], options: &RequestOptions) -> Result<T, ApiError> {
    decode(fetch_json(Method::Get, url, headers, options).await?)
}

/// GET a text body (`config.json`, which `api::load_config` parses and checks itself, so that a broken
/// file is explained on the error page; `mytho-gateway check-config` also refuses unknown fields).
pub async fn get_text(url: &str, options: &RequestOptions) -> Result<String, ApiError> {
    let response = with_retries(Method::Get, url, &[], options).await?;
    response.text().await.map_err(|_| ApiError::Offline)
}

/// A successful answer's JSON, as the browser parsed it; retried as the options allow.
pub async fn fetch_json(method: Method, url: &str, headers: &[(&str, &str)], options: &RequestOptions) -> Result<JsValue, ApiError> {
    json(with_retries(method, url, headers, options).await?).await
}

/// The body of an answer parsed by the browser: a body that is not JSON is a decoding error; one cut
/// off on its way, a lost connection.
pub async fn json(response: Response) -> Result<JsValue, ApiError> {
    let parsing = web_sys::Response::from(response).json().map_err(|_| ApiError::Offline)?;
    JsFuture::from(parsing).await.map_err(|e| {
        if e.is_instance_of::<js_sys::SyntaxError>() {
            ApiError::Decode(crate::json::message(&e))
        } else {
            ApiError::Offline
        }
    })
}

/// Parsed JSON into `T`.
pub fn decode<T: DeserializeOwned>(value: JsValue) -> Result<T, ApiError> {
    crate::json::read(value).map_err(ApiError::Decode)
}

/// POST a JSON body, once (a POST is not repeated behind the user's back); the answer's body is ignored.
pub async fn post_json<B: serde::Serialize>(url: &str, body: &B, options: &RequestOptions) -> Result<(), ApiError> {
    let json = serde_json::to_string(body).map_err(|e| ApiError::Decode(e.to_string()))?;
    send(Method::Post(json), url, options.timeout_ms).await.map(|_| ())
}

/// POST a JSON body and decode the answer. Retried as the options allow: only for requests the server
/// recognises when they come twice (a submission's idempotency key).
pub async fn post_for<B: serde::Serialize, T: DeserializeOwned>(url: &str, body: &B, options: &RequestOptions) -> Result<T, ApiError> {
    post_for_with(url, body, &[], options).await
}

/// POST a JSON body with request headers and decode the answer.
pub async fn post_for_with<B: serde::Serialize, T: DeserializeOwned>(
    url: &str,
    body: &B,
    headers: &[(&str, &str)],
    options: &RequestOptions,
) -> Result<T, ApiError> {
    let json = serde_json::to_string(body).map_err(|e| ApiError::Decode(e.to_string()))?;
    decode(fetch_json(Method::Post(json), url, headers, options).await?)
}

#[derive(Clone)]
pub enum Method {
    Get,
    Post(String),
    Put(String),
    /// A form body (`application/x-www-form-urlencoded`), as Open311 takes reports.
    Form(String),
}

async fn with_retries(method: Method, url: &str, headers: &[(&str, &str)], options: &RequestOptions) -> Result<Response, ApiError> {
    let mut attempts = 0;
    loop {
        attempts += 1;
        match send_as(method.clone(), url, options.timeout_ms, headers).await {
            Ok(response) => return Ok(response),
            Err(err) if options.retry.should_retry(attempts, &err) => {
                platform::sleep(options.retry.delay_ms(attempts - 1, js_sys::Math::random())).await;
            }
            Err(err) => return Err(err),
        }
    }
}

/// One request. It is aborted when its timeout fires or when the reactive owner that started it goes
/// away (the user left the page).
async fn send(method: Method, url: &str, timeout_ms: u32) -> Result<Response, ApiError> {
    send_as(method, url, timeout_ms, &[]).await
}

/// One request with these headers; not retried.
pub async fn send_as(method: Method, url: &str, timeout_ms: u32, headers: &[(&str, &str)]) -> Result<Response, ApiError> {
    checked(send_raw(method, url, timeout_ms, headers).await?).await
}

/// One request, its answer whatever its status (for a protocol with errors of its own shape).
pub async fn send_raw(method: Method, url: &str, timeout_ms: u32, headers: &[(&str, &str)]) -> Result<Response, ApiError> {
    let controller = AbortController::new().map_err(|_| ApiError::Offline)?;
    let signal = controller.signal();
    let timed_out = Rc::new(Cell::new(false));

    let on_timeout = {
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        Closure::once(move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let window = web_sys::window().ok_or(ApiError::Offline)?;
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            on_timeout.as_ref().unchecked_ref(),
            timeout_ms as i32,
        )
        .unwrap_or(0);
    let on_leave = SendWrapper::new(controller);
    on_cleanup(move || on_leave.abort());

    let builder = match &method {
        Method::Get => Request::get(url),
        Method::Post(_) | Method::Form(_) => Request::post(url),
        Method::Put(_) => Request::put(url),
    }
    .abort_signal(Some(&signal));
    let builder = headers.iter().fold(builder, |b, (name, value)| b.header(name, value));
    let sent = match method {
        Method::Get => builder.send().await,
        Method::Post(json) | Method::Put(json) => match builder.header("content-type", "application/json").body(json) {
            Ok(request) => request.send().await,
            Err(e) => Err(e),
        },
        Method::Form(body) => match builder.header("content-type", "application/x-www-form-urlencoded").body(body) {
            Ok(request) => request.send().await,
            Err(e) => Err(e),
        },
    };
    window.clear_timeout_with_handle(timer);
    drop(on_timeout);

    let response = sent.map_err(|_| {
        if timed_out.get() {
            ApiError::Timeout
        } else if !platform::is_online() {
            ApiError::Offline
        } else {
            // A request that failed without reaching a server (DNS, refused, dropped).
            ApiError::Offline
        }
    })?;
    Ok(response)
}

/// POST raw bytes (a file) and decode the answer, reporting the share sent (0–100) as it goes. Fetch
/// cannot report upload progress, so this one request uses XMLHttpRequest. Sent once; aborted when the
/// page that started it goes away.
pub async fn post_bytes_for<T: DeserializeOwned>(
    url: &str,
    mime: &str,
    bytes: &[u8],
    timeout_ms: u32,
    progress: Box<dyn Fn(u32)>,
) -> Result<T, ApiError> {
    use web_sys::{ProgressEvent, XmlHttpRequest};
    let xhr = XmlHttpRequest::new().map_err(|_| ApiError::Offline)?;
    xhr.open("POST", url).map_err(|_| ApiError::Offline)?;
    let _ = xhr.set_request_header("Content-Type", mime);
    xhr.set_timeout(timeout_ms);
    let on_progress = Closure::<dyn Fn(ProgressEvent)>::new(move |ev: ProgressEvent| {
        if ev.length_computable() && ev.total() > 0.0 {
            progress((ev.loaded() / ev.total() * 100.0).floor().min(100.0) as u32);
        }
    });
    let upload = xhr.upload().map_err(|_| ApiError::Offline)?;
    upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    // `loadend` comes after success, failure, timeout and abort alike; the status tells them apart.
    let done = js_sys::Promise::new(&mut |resolve, _| xhr.set_onloadend(Some(&resolve)));
    let on_leave = SendWrapper::new(xhr.clone());
    on_cleanup(move || {
        let _ = on_leave.abort();
    });
    xhr.send_with_opt_u8_array(Some(bytes)).map_err(|_| ApiError::Offline)?;
    let _ = JsFuture::from(done).await;
    upload.set_onprogress(None);
    drop(on_progress);

    let status = xhr.status().unwrap_or(0);
    let text = xhr.response_text().ok().flatten().unwrap_or_default();
    match status {
        0 => Err(ApiError::Offline),
        200..=299 => crate::json::parse(&text).map_err(ApiError::Decode),
        _ => Err(ApiError::from_status(status, crate::json::parse::<ErrorBody>(&text).ok())),
    }
}

/// PUT a JSON body once; the answer's body is ignored (a learner's progress).
pub async fn put_json<B: serde::Serialize>(url: &str, body: &B, timeout_ms: u32) -> Result<(), ApiError> {
    let json = serde_json::to_string(body).map_err(|e| ApiError::Decode(e.to_string()))?;
    send(Method::Put(json), url, timeout_ms).await.map(|_| ())
}

/// The response when it succeeded, or the error with the server's own message when it sent one.
async fn checked(response: Response) -> Result<Response, ApiError> {
    if response.ok() {
        Ok(response)
    } else {
        let status = response.status();
        let body = json(response).await.ok().and_then(|v| decode::<ErrorBody>(v).ok());
        Err(ApiError::from_status(status, body))
    }
}
