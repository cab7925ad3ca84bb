//! The uploads of a practice form (lessons): the file is checked and made smaller on the device as for
//! real, then kept nowhere; nothing leaves the phone.

use super::{ApiFuture, UploadBackend};
use mytho_core::dossier::Uploaded;

pub struct PracticeUploads;

impl UploadBackend for PracticeUploads {
    fn upload<'a>(&'a self, mime: &'a str, bytes: &'a [u8], progress: Box<dyn Fn(u32)>) -> ApiFuture<'a, Uploaded> {
        progress(100);
        // An id shaped like the gateway's (32 hex digits), so the form's rules treat it as attached.
        let id: String = crate::platform::random_id().chars().filter(char::is_ascii_hexdigit).chain(std::iter::repeat('0')).take(32).collect();
        let uploaded = Uploaded { id: id.to_ascii_lowercase(), mime: mime.to_string(), bytes: bytes.len() };
        Box::pin(async move { Ok(uploaded) })
    }
}
