//! Attachments: photos of papers and PDFs only, recognised by their first bytes (magic numbers), not by
//! the name or the type the browser claims, and within a size limit. Checked in the browser before
//! sending and again by the gateway.

use super::pick;
use crate::i18n::Lang;

/// Largest accepted file: photos are scaled down in the browser first, so this is generous.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Jpeg,
    Png,
    Webp,
    Pdf,
}

impl FileKind {
    pub fn mime(self) -> &'static str {
        match self {
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
            FileKind::Webp => "image/webp",
            FileKind::Pdf => "application/pdf",
        }
    }

    /// What the bytes are, by their signature.
    pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(FileKind::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(FileKind::Png)
        } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(FileKind::Webp)
        } else if bytes.starts_with(b"%PDF-") {
            Some(FileKind::Pdf)
        } else {
            None
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UploadError {
    Empty,
    TooLarge { bytes: usize },
    NotAllowed,
    /// The content is not what its type says (a renamed file, or a damaged one).
    Mismatch { declared: String, actual: FileKind },
}

impl UploadError {
    pub fn message(&self, lang: Lang, label: &str) -> String {
        let vi = lang == Lang::Vi;
        match self {
            UploadError::Empty => pick(vi, format!("{label}: tệp trống; hãy chọn lại tệp"), format!("{label}: the file is empty; choose it again")),
            UploadError::TooLarge { bytes } => {
                let mb = (*bytes as f64 / 1_048_576.0 * 10.0).round() / 10.0;
                pick(
                    vi,
                    format!("{label}: tệp {mb} MB, lớn hơn 5 MB; hãy chụp lại hoặc chọn ảnh nhỏ hơn"),
                    format!("{label}: the file is {mb} MB, more than 5 MB; take the photo again or choose a smaller one"),
                )
            }
            UploadError::NotAllowed => pick(
                vi,
                format!("{label}: chỉ nhận ảnh (JPG, PNG, WebP) hoặc tệp PDF"),
                format!("{label}: only photos (JPG, PNG, WebP) or PDF files are accepted"),
            ),
            UploadError::Mismatch { .. } => pick(
                vi,
                format!("{label}: nội dung tệp không đúng loại tệp; hãy chọn lại ảnh hoặc PDF gốc"),
                format!("{label}: the file's content does not match its type; choose the original photo or PDF"),
            ),
        }
    }
}

/// Checks a file as received, with the type the sender declared.
pub fn check(declared_mime: &str, bytes: &[u8]) -> Result<FileKind, UploadError> {
    if bytes.is_empty() {
        return Err(UploadError::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(UploadError::TooLarge { bytes: bytes.len() });
    }
    let Some(actual) = FileKind::sniff(bytes) else { return Err(UploadError::NotAllowed) };
    let declared = declared_mime.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let declared = if declared == "image/jpg" { "image/jpeg".to_string() } else { declared };
    if declared != actual.mime() {
        return Err(UploadError::Mismatch { declared, actual });
    }
    Ok(actual)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn recognised_by_content() {
        assert_eq!(check("image/jpeg", b"\xFF\xD8\xFF\xE0rest"), Ok(FileKind::Jpeg));
        assert_eq!(check("image/jpg", b"\xFF\xD8\xFF\xE1rest"), Ok(FileKind::Jpeg));
        assert_eq!(check("image/png", b"\x89PNG\r\n\x1a\nIHDR"), Ok(FileKind::Png));
        assert_eq!(check("image/webp", b"RIFF\0\0\0\0WEBPVP8 "), Ok(FileKind::Webp));
        assert_eq!(check("application/pdf; charset=binary", b"%PDF-1.7\n"), Ok(FileKind::Pdf));
        assert_eq!(check("application/pdf", b"MZ\x90\0 an exe"), Err(UploadError::NotAllowed));
        assert!(matches!(check("application/pdf", b"\xFF\xD8\xFF\xE0"), Err(UploadError::Mismatch { actual: FileKind::Jpeg, .. })));
        assert_eq!(check("image/png", b""), Err(UploadError::Empty));
        let big = vec![0xFFu8; MAX_BYTES + 1];
        assert_eq!(check("image/jpeg", &big), Err(UploadError::TooLarge { bytes: MAX_BYTES + 1 }));
        assert_eq!(
            UploadError::TooLarge { bytes: 6 * 1_048_576 }.message(Lang::Vi, "Giấy chứng sinh"),
            "Giấy chứng sinh: tệp 6 MB, lớn hơn 5 MB; hãy chụp lại hoặc chọn ảnh nhỏ hơn"
        );
    }

    proptest! {
        #[test]
        fn never_panics(bytes in prop::collection::vec(any::<u8>(), 0..64), mime in "\\PC{0,30}") {
            let _ = check(&mime, &bytes);
        }

        #[test]
        fn accepted_files_are_what_they_claim(body in prop::collection::vec(any::<u8>(), 0..64)) {
            let mut pdf = b"%PDF-".to_vec();
            pdf.extend(body);
            prop_assert_eq!(check("application/pdf", &pdf), Ok(FileKind::Pdf));
            prop_assert!(check("image/png", &pdf).is_err());
        }
    }
}
