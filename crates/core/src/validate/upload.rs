//! Attachments: photos of papers and PDFs only, recognised by their first bytes (magic numbers), not by
//! the name or the type the browser claims, and within a size limit. Checked in the browser before
//! sending and again by the gateway.

use super::pick;
use crate::i18n::Lang;

/// Largest accepted file: photos are scaled down in the browser first, so this is generous.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;

/// Largest photo the browser tries to scale down (a phone's 12 MP picture is 3–8 MB); larger ones would
/// exhaust a cheap phone's memory while decoding.
pub const MAX_PHOTO_BYTES: usize = 40 * 1024 * 1024;

/// Longest side of a photo after scaling: a paper stays readable and a 12 MP photo (4000 × 3000)
/// becomes 2000 × 1500, a few hundred KB as JPEG.
pub const PHOTO_MAX_SIDE: u32 = 2000;

/// JPEG quality of the scaled photo (0–1, as `canvas.toBlob` takes it).
pub const PHOTO_QUALITY: f64 = 0.8;

/// An upload id as the gateway makes them: 32 lowercase hex digits (128 random bits).
pub fn is_upload_id(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

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
    /// A photo the browser could not open (damaged, or a format it cannot draw).
    Unreadable,
}

impl UploadError {
    pub fn message(&self, lang: Lang, label: &str) -> String {
        let vi = lang == Lang::Vi;
        match self {
            UploadError::Empty => pick(vi, format!("{label}: tệp trống; hãy chọn lại tệp"), format!("{label}: the file is empty; choose it again")),
            UploadError::TooLarge { bytes } => {
                let size = size_text(*bytes, lang);
                pick(
                    vi,
                    format!("{label}: tệp {size}, lớn hơn 5 MB; hãy chụp lại hoặc chọn ảnh nhỏ hơn"),
                    format!("{label}: the file is {size}, more than 5 MB; take the photo again or choose a smaller one"),
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
            UploadError::Unreadable => pick(
                vi,
                format!("{label}: không mở được ảnh này; hãy chụp lại hoặc chọn ảnh JPG, PNG"),
                format!("{label}: this photo cannot be opened; take it again or choose a JPG or PNG photo"),
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
    let declared = canonical_mime(declared_mime);
    if declared != actual.mime() {
        return Err(UploadError::Mismatch { declared, actual });
    }
    Ok(actual)
}

fn canonical_mime(declared: &str) -> String {
    let declared = declared.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if declared == "image/jpg" { "image/jpeg".to_string() } else { declared }
}

/// What the browser does with a file the user picked, decided from its declared type, its first bytes
/// and its size before anything is read in full.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plan {
    /// A photo: drawn smaller on a canvas and sent as JPEG (which also drops its location data).
    ScalePhoto,
    /// A PDF: sent as it is, once [`check`] passes on its bytes.
    SendAsIs,
}

/// `declared` may be empty (some phones give no type); `head` is the file's first bytes (16 are enough).
pub fn plan(declared: &str, head: &[u8], size: usize) -> Result<Plan, UploadError> {
    if size == 0 {
        return Err(UploadError::Empty);
    }
    let Some(actual) = FileKind::sniff(head) else { return Err(UploadError::NotAllowed) };
    let declared = canonical_mime(declared);
    if !declared.is_empty() && declared != actual.mime() {
        return Err(UploadError::Mismatch { declared, actual });
    }
    match actual {
        FileKind::Pdf if size > MAX_BYTES => Err(UploadError::TooLarge { bytes: size }),
        FileKind::Pdf => Ok(Plan::SendAsIs),
        _ if size > MAX_PHOTO_BYTES => Err(UploadError::TooLarge { bytes: size }),
        _ => Ok(Plan::ScalePhoto),
    }
}

/// The size to draw a `width` × `height` photo at: the longest side at most `max_side`, the shape kept,
/// never enlarged, never zero.
pub fn scaled_size(width: u32, height: u32, max_side: u32) -> (u32, u32) {
    let longest = width.max(height);
    if longest <= max_side || longest == 0 {
        return (width.max(1), height.max(1));
    }
    let scale = |side: u32| ((side as u64 * max_side as u64 + longest as u64 / 2) / longest as u64).max(1) as u32;
    (scale(width), scale(height))
}

/// "312 KB", "1,4 MB" / "1.4 MB", "6 MB": a file's size as people read it (Vietnamese writes a decimal
/// comma). Integer arithmetic: formatting a float would add 11 KB of wasm.
pub fn size_text(bytes: usize, lang: Lang) -> String {
    const MB: u64 = 1_048_576;
    if (bytes as u64) < MB {
        return format!("{} KB", bytes.div_ceil(1024));
    }
    let tenths = (bytes as u64 * 10 + MB / 2) / MB;
    match tenths % 10 {
        0 => format!("{} MB", tenths / 10),
        d => format!("{}{}{d} MB", tenths / 10, if lang == Lang::Vi { ',' } else { '.' }),
    }
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

    #[test]
    fn a_plan_from_the_first_bytes() {
        let jpeg = b"\xFF\xD8\xFF\xE0\0\x10JFIF";
        assert_eq!(plan("image/jpeg", jpeg, 8_000_000), Ok(Plan::ScalePhoto), "a 12 MP photo is scaled, not refused");
        assert_eq!(plan("", jpeg, 1000), Ok(Plan::ScalePhoto), "no declared type: the bytes decide");
        assert_eq!(plan("application/pdf", b"%PDF-1.4", 1000), Ok(Plan::SendAsIs));
        assert_eq!(plan("application/pdf", b"%PDF-1.4", MAX_BYTES + 1), Err(UploadError::TooLarge { bytes: MAX_BYTES + 1 }));
        assert_eq!(plan("image/png", b"\x89PNG\r\n\x1a\n", MAX_PHOTO_BYTES + 1), Err(UploadError::TooLarge { bytes: MAX_PHOTO_BYTES + 1 }));
        assert_eq!(plan("application/x-msdownload", b"MZ\x90\0", 1000), Err(UploadError::NotAllowed));
        assert!(matches!(plan("application/pdf", jpeg, 1000), Err(UploadError::Mismatch { actual: FileKind::Jpeg, .. })));
        assert_eq!(plan("image/jpeg", jpeg, 0), Err(UploadError::Empty));
    }

    #[test]
    fn photos_keep_their_shape() {
        assert_eq!(scaled_size(4000, 3000, 2000), (2000, 1500));
        assert_eq!(scaled_size(3000, 4000, 2000), (1500, 2000));
        assert_eq!(scaled_size(1200, 900, 2000), (1200, 900), "never enlarged");
        assert_eq!(scaled_size(100_000, 1, 2000), (2000, 1), "never zero");
        assert_eq!(size_text(319_488, Lang::Vi), "312 KB");
        assert_eq!(size_text(1_468_006, Lang::Vi), "1,4 MB");
        assert_eq!(size_text(1_468_006, Lang::En), "1.4 MB");
        assert_eq!(size_text(6 * 1_048_576, Lang::Vi), "6 MB");
        assert_eq!(size_text(1_048_576 * 53 / 10, Lang::Vi), "5,3 MB");
        assert!(UploadError::TooLarge { bytes: 1_048_576 * 53 / 10 }.message(Lang::Vi, "Ảnh").contains("tệp 5,3 MB"));
        assert!(is_upload_id("0123456789abcdef0123456789abcdef"));
        assert!(!is_upload_id("0123456789ABCDEF0123456789abcdef"));
        assert!(!is_upload_id("../etc/passwd"));
    }

    proptest! {
        #[test]
        fn a_size_reads_back_to_within_a_twentieth_of_a_megabyte(bytes in 1_048_576usize..200_000_000) {
            let text = size_text(bytes, Lang::Vi);
            let mb: f64 = text.trim_end_matches(" MB").replace(',', ".").parse().unwrap();
            prop_assert!((mb - bytes as f64 / 1_048_576.0).abs() <= 0.05 + 1e-9, "{} {}", bytes, text);
        }

        #[test]
        fn scaled_photos_fit(w in 0u32..50_000, h in 0u32..50_000, max in 1u32..5000) {
            let (sw, sh) = scaled_size(w, h, max);
            prop_assert!(sw >= 1 && sh >= 1);
            prop_assert!(sw.max(sh) <= max.max(w.max(h).min(max)).max(1));
            prop_assert!(sw <= w.max(1) && sh <= h.max(1), "never enlarged");
        }

        #[test]
        fn plans_never_panic(head in prop::collection::vec(any::<u8>(), 0..16), mime in "\\PC{0,30}", size in 0usize..100_000_000) {
            let _ = plan(&mime, &head, size);
        }

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
