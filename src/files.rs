//! A file the user picked, made ready to send: recognised by its first bytes (the core's rules), photos
//! drawn smaller on a canvas and re-encoded as JPEG (a 12 MP photo of a paper goes up as a few hundred
//! KB, without its location data), PDFs read as they are. The bytes are checked again before sending.

use js_sys::{Promise, Uint8Array};
use mytho_core::validate::upload::{self, Plan, UploadError, PHOTO_MAX_SIDE, PHOTO_QUALITY};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasRenderingContext2d, File, HtmlCanvasElement, HtmlImageElement, Url};

/// What goes up: the checked type and the bytes.
pub struct Ready {
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

pub async fn prepare(file: &File) -> Result<Ready, UploadError> {
    let size = file.size() as usize;
    let head = match file.slice_with_i32_and_i32(0, 16) {
        Ok(blob) => bytes_of(&blob).await.ok_or(UploadError::Unreadable)?,
        Err(_) => return Err(UploadError::Unreadable),
    };
    let bytes = match upload::plan(&file.type_(), &head, size)? {
        Plan::SendAsIs => bytes_of(file).await.ok_or(UploadError::Unreadable)?,
        Plan::ScalePhoto => scale_photo(file).await.ok_or(UploadError::Unreadable)?,
    };
    let kind = upload::check(upload::FileKind::sniff(&bytes).map_or("", |k| k.mime()), &bytes)?;
    Ok(Ready { mime: kind.mime(), bytes })
}

async fn bytes_of(blob: &Blob) -> Option<Vec<u8>> {
    let buffer = JsFuture::from(blob.array_buffer()).await.ok()?;
    Some(Uint8Array::new(&buffer).to_vec())
}

async fn scale_photo(file: &File) -> Option<Vec<u8>> {
    let url = Url::create_object_url_with_blob(file).ok()?;
    let scaled = draw_smaller(&url).await;
    Url::revoke_object_url(&url).ok();
    bytes_of(&scaled?).await
}

async fn draw_smaller(url: &str) -> Option<Blob> {
    let img = HtmlImageElement::new().ok()?;
    img.set_src(url);
    // Browsers turn the photo upright from its EXIF orientation when they decode it.
    JsFuture::from(img.decode()).await.ok()?;
    let (width, height) = upload::scaled_size(img.natural_width(), img.natural_height(), PHOTO_MAX_SIDE);
    let canvas: HtmlCanvasElement = web_sys::window()?.document()?.create_element("canvas").ok()?.unchecked_into();
    canvas.set_width(width);
    canvas.set_height(height);
    let ctx: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.unchecked_into();
    // A transparent PNG would turn black as JPEG: paper white behind it.
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, width as f64, height as f64);
    ctx.draw_image_with_html_image_element_and_dw_and_dh(&img, 0.0, 0.0, width as f64, height as f64).ok()?;
    let encoded = Promise::new(&mut |resolve, _| {
        let _ = canvas.to_blob_with_type_and_encoder_options(&resolve, "image/jpeg", &JsValue::from_f64(PHOTO_QUALITY));
    });
    JsFuture::from(encoded).await.ok()?.dyn_into::<Blob>().ok()
}
