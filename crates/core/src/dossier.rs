//! Dossiers: their official statuses (one-stop-shop vocabulary), which moves between them are allowed,
//! and their codes (`<agency>-<yymmdd>-<random>`, like `H15.50-251203-K7M4QP`), access keys and the
//! headers that carry a dossier's secrets (never the URL: proxies keep URLs in their logs).

use crate::i18n::{Lang, Localized};
use crate::validate::Date;
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Submitted,
    Received,
    Processing,
    AwaitingSupplement,
    AwaitingPayment,
    ResultReady,
    Delivered,
    Refused,
    Withdrawn,
}

impl Status {
    pub const ALL: [Status; 9] = [
        Status::Submitted, Status::Received, Status::Processing, Status::AwaitingSupplement, Status::AwaitingPayment,
        Status::ResultReady, Status::Delivered, Status::Refused, Status::Withdrawn,
    ];

    /// The official name.
    pub fn name(self, lang: Lang) -> &'static str {
        let (vi, en) = match self {
            Status::Submitted => ("Mới nộp", "Submitted"),
            Status::Received => ("Đã tiếp nhận", "Received"),
            Status::Processing => ("Đang xử lý", "Being processed"),
            Status::AwaitingSupplement => ("Chờ bổ sung hồ sơ", "Waiting for more documents"),
            Status::AwaitingPayment => ("Chờ thực hiện nghĩa vụ tài chính", "Waiting for payment"),
            Status::ResultReady => ("Đã có kết quả", "Result ready"),
            Status::Delivered => ("Đã trả kết quả", "Result handed over"),
            Status::Refused => ("Từ chối", "Refused"),
            Status::Withdrawn => ("Công dân rút", "Withdrawn by the citizen"),
        };
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// Where a dossier may go from here.
    pub fn next(self) -> &'static [Status] {
        use Status::*;
        match self {
            Submitted => &[Received, Refused, Withdrawn],
            Received => &[Processing, AwaitingSupplement, Refused, Withdrawn],
            Processing => &[AwaitingSupplement, AwaitingPayment, ResultReady, Refused],
            AwaitingSupplement => &[Processing, Refused, Withdrawn],
            AwaitingPayment => &[Processing, ResultReady, Withdrawn],
            ResultReady => &[Delivered],
            Delivered | Refused | Withdrawn => &[],
        }
    }

    pub fn can_move_to(self, to: Status) -> bool {
        self.next().contains(&to)
    }

    /// Moves that must tell the citizen why (the reason is shown when tracking).
    pub fn needs_reason(self) -> bool {
        matches!(self, Status::AwaitingSupplement | Status::Refused)
    }

    pub fn is_final(self) -> bool {
        self.next().is_empty()
    }
}

/// "Quá hạn": the appointment date has passed and the dossier is still open.
pub fn is_overdue(status: Status, appointment: Date, today: Date) -> bool {
    today > appointment && !matches!(status, Status::ResultReady | Status::Delivered | Status::Refused | Status::Withdrawn)
}

/// Characters of the random part of a dossier code: the unambiguous alphabet of resume codes.
pub const CODE_RANDOM_LEN: usize = 6;

/// `<agency>-<yymmdd>-<suffix>`: the suffix is random ([`CODE_RANDOM_LEN`] characters of
/// [`RESUME_ALPHABET`], ≈ 887 million a day), so codes cannot be walked. Dossiers from before kept their
/// 4-digit sequence.
pub fn dossier_code(agency: &str, date: Date, suffix: &str) -> String {
    format!("{agency}-{:02}{:02}{:02}-{suffix}", date.year % 100, date.month, date.day)
}

/// The header that carries the second factor (the phone's last 4 digits) of a status lookup.
pub const PHONE_LAST4_HEADER: &str = "x-phone-last4";
/// The header that carries a dossier's access key (to read or correct what the citizen typed).
pub const ACCESS_KEY_HEADER: &str = "x-access-key";

/// A dossier access key: 16 characters of [`RESUME_ALPHABET`] in groups of four (≈ 79 random bits), made
/// at submission, given once with the receipt, kept by the server only as a hash.
pub const ACCESS_KEY_LEN: usize = 16;

/// An access key as typed or scanned: case, spaces and dashes ignored; `None` if it cannot be one.
pub fn normalize_access_key(input: &str) -> Option<String> {
    grouped(input, ACCESS_KEY_LEN)
}

/// `len` characters of the unambiguous alphabet, grouped by four with dashes.
fn grouped(input: &str, len: usize) -> Option<String> {
    let chars: String = input.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_uppercase();
    if chars.len() != len || !chars.bytes().all(|b| RESUME_ALPHABET.contains(&b)) {
        return None;
    }
    let groups: Vec<&str> = (0..len).step_by(4).map(|i| &chars[i..(i + 4).min(len)]).collect();
    Some(groups.join("-"))
}

/// The second factor as typed ("56 78" → "5678"): exactly four digits, or `None`.
pub fn normalize_phone_last4(input: &str) -> Option<String> {
    let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// The second factor of a phone number (normalised, as `+84912345678`).
pub fn phone_last4(phone: &str) -> Option<String> {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 4).then(|| digits[digits.len() - 4..].iter().collect())
}

/// Whether a typed code has the right shape (before asking the server), ignoring case and spaces.
pub fn normalize_code(input: &str) -> Option<String> {
    let code: String = input.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    let mut parts = code.rsplitn(3, '-');
    let (seq, date, agency) = (parts.next()?, parts.next()?, parts.next()?);
    let ok = !agency.is_empty()
        && agency.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.')
        && date.len() == 6
        && date.bytes().all(|b| b.is_ascii_digit())
        && is_code_suffix(seq);
    ok.then_some(code)
}

/// The last part of a code: a sequence of 4–6 digits (dossiers from before random codes) or
/// [`CODE_RANDOM_LEN`] characters of the unambiguous alphabet.
fn is_code_suffix(seq: &str) -> bool {
    let old = (4..=6).contains(&seq.len()) && seq.bytes().all(|b| b.is_ascii_digit());
    old || (seq.len() == CODE_RANDOM_LEN && seq.bytes().all(|b| RESUME_ALPHABET.contains(&b)))
}

/// One status change as the citizen sees it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub status: Status,
    /// RFC 3339, UTC.
    pub at: String,
    /// Why (for a supplement request or a refusal), in both languages when the officer gave both.
    pub note: Option<Localized>,
    /// Set on the entry of a fee payment the gateway recorded: the amount paid, in đồng.
    #[serde(default)]
    pub paid_vnd: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lifecycle_of_domain_md() {
        use Status::*;
        let happy = [Submitted, Received, Processing, AwaitingSupplement, Processing, AwaitingPayment, ResultReady, Delivered];
        for pair in happy.windows(2) {
            assert!(pair[0].can_move_to(pair[1]), "{:?} → {:?}", pair[0], pair[1]);
        }
        assert!(!Submitted.can_move_to(ResultReady));
        assert!(!Delivered.can_move_to(Processing));
        assert!(Refused.is_final() && Withdrawn.is_final() && Delivered.is_final());
        assert!(AwaitingSupplement.needs_reason() && Refused.needs_reason() && !Received.needs_reason());
    }

    #[test]
    fn every_status_is_reachable_and_named() {
        for s in Status::ALL {
            let reachable = s == Status::Submitted || Status::ALL.iter().any(|from| from.can_move_to(s));
            assert!(reachable, "{s:?}");
            assert!(!s.name(Lang::Vi).is_empty() && !s.name(Lang::En).is_empty());
        }
        assert_eq!(Status::AwaitingSupplement.name(Lang::Vi), "Chờ bổ sung hồ sơ");
    }

    #[test]
    fn codes() {
        let d = Date::new(2025, 12, 3).unwrap();
        assert_eq!(dossier_code("H15.50", d, "K7M4QP"), "H15.50-251203-K7M4QP");
        assert_eq!(normalize_code(" h15.50-251203-k7m4qp ").as_deref(), Some("H15.50-251203-K7M4QP"));
        assert_eq!(normalize_code(" h15.50-251203-2035 ").as_deref(), Some("H15.50-251203-2035"), "codes from before stay valid");
        assert_eq!(normalize_code("MTS-251203-K7M4Q0"), None, "0 is not in the alphabet");
        assert_eq!(normalize_code("MTS-251203-K7M4"), None, "random parts have six characters");
        assert_eq!(normalize_code("H15.50-25123-2035"), None);
        assert_eq!(normalize_code("2035"), None);
        assert_eq!(normalize_phone_last4(" 56 78 ").as_deref(), Some("5678"));
        assert_eq!(normalize_phone_last4("567"), None);
        assert_eq!(normalize_phone_last4("56a8"), None);
        assert_eq!(phone_last4("+84912345678").as_deref(), Some("5678"));
        assert_eq!(phone_last4("12"), None);
    }

    #[test]
    fn access_keys_are_read_forgivingly() {
        assert_eq!(normalize_access_key("abcd efgh jkmn pqrs").as_deref(), Some("ABCD-EFGH-JKMN-PQRS"));
        assert_eq!(normalize_access_key("ABCD-EFGH-JKMN-PQR"), None);
        assert_eq!(normalize_access_key("ABCD-EFGH-JKMN-PQR1"), None, "1 is not in the alphabet");
    }

    #[test]
    fn overdue_is_derived() {
        let due = Date::new(2025, 12, 10).unwrap();
        let after = Date::new(2025, 12, 11).unwrap();
        assert!(is_overdue(Status::Processing, due, after));
        assert!(!is_overdue(Status::Processing, due, due));
        assert!(!is_overdue(Status::ResultReady, due, after));
    }
}

pub const DOSSIERS_PATH: &str = "/dossiers";
pub const OFFICER_DOSSIERS_PATH: &str = "/officer/dossiers";

/// `POST /api/v1/dossiers`. The key is made when the user presses Submit and kept with the draft, so
/// a retry after a lost answer creates nothing new.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmitDossier {
    pub procedure_id: String,
    #[cfg_attr(feature = "openapi", schema(inline))]
    pub answers: crate::forms::Answers,
    pub idempotency_key: String,
}

/// What the citizen keeps after submitting (the giấy tiếp nhận).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub code: String,
    pub procedure_id: String,
    pub status: Status,
    /// RFC 3339, UTC.
    pub submitted_at: String,
    /// `yyyy-mm-dd`, the day the result is due.
    pub appointment: String,
    /// The fee to pay online in đồng, fixed at submission (absent when free or paid at the counter).
    #[serde(default)]
    pub fee_vnd: Option<u64>,
    /// The dossier's access key, only in the answer to a submission (the server keeps a hash): with it
    /// the citizen reads and corrects the answers, on this device or, typed from the paper, another.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_key: Option<String>,
}

/// One field's problem in a refused submission, in both languages.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    pub field: String,
    pub target: String,
    pub message: Localized,
}

/// `GET /api/v1/dossiers/{code}` with the phone's last 4 digits in [`PHONE_LAST4_HEADER`]: status only,
/// no personal data.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tracking {
    pub code: String,
    pub procedure_id: String,
    pub procedure_name: Localized,
    pub status: Status,
    pub appointment: String,
    pub overdue: bool,
    pub timeline: Vec<TimelineEntry>,
    /// The fee to pay online, when the procedure has one.
    #[serde(default)]
    pub fee_vnd: Option<u64>,
    /// Where paying it stands, as the gateway recorded it (paid if any payment was; else the latest).
    #[serde(default)]
    pub payment: Option<crate::payment::PaymentStatus>,
}

/// `POST /api/v1/officer/dossiers/{code}/status`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    pub status: Status,
    #[serde(default)]
    pub note: Option<Localized>,
}

/// An idempotency key as the app makes it: 16 to 64 letters, digits or dashes.
pub fn is_idempotency_key(key: &str) -> bool {
    (16..=64).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// `POST /api/v1/dossiers/{code}/supplement`: the citizen's corrected answers after a request for more
/// documents (the app opens the stored answers prefilled, so nothing is typed twice). The access key
/// goes in [`ACCESS_KEY_HEADER`].
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Supplement {
    #[cfg_attr(feature = "openapi", schema(inline))]
    pub answers: crate::forms::Answers,
}

/// `GET /api/v1/dossiers/{code}/answers` with the access key in [`ACCESS_KEY_HEADER`]: what was
/// submitted, to prefill a supplement.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredAnswers {
    pub procedure_id: String,
    #[cfg_attr(feature = "openapi", schema(inline))]
    pub answers: crate::forms::Answers,
}

pub const DRAFTS_PATH: &str = "/drafts";
/// How long the gateway keeps a draft saved for another device.
pub const DRAFT_DAYS: u32 = 7;
/// Resume codes use letters and digits people do not confuse (no 0/O, 1/I/L).
pub const RESUME_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// `POST /api/v1/drafts`: a draft the user chose to continue on another device.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaveDraft {
    pub procedure_id: String,
    #[cfg_attr(feature = "openapi", schema(inline))]
    pub answers: crate::forms::Answers,
    /// The step the user was on.
    pub step: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftSaved {
    /// `XXXX-XXXX-XXXX`: about 59 random bits, so it cannot be guessed.
    pub resume_code: String,
    /// RFC 3339, UTC.
    pub expires_at: String,
}

/// A resume code as typed: case, spaces and dashes ignored; `None` if it cannot be one.
pub fn normalize_resume_code(input: &str) -> Option<String> {
    grouped(input, 12)
}

#[cfg(test)]
mod resume_tests {
    use super::*;

    #[test]
    fn resume_codes_are_read_forgivingly() {
        assert_eq!(normalize_resume_code("abcd efgh jkmn").as_deref(), Some("ABCD-EFGH-JKMN"));
        assert_eq!(normalize_resume_code("ABCD-EFGH-JKM"), None);
        assert_eq!(normalize_resume_code("ABCD-EFGH-JKM0"), None, "0 is not in the alphabet");
    }
}

pub const UPLOADS_PATH: &str = "/uploads";

/// `POST /api/v1/uploads` (the file as the body, its type in `Content-Type`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Uploaded {
    /// Put in the form's answer for the file field.
    pub id: String,
    pub mime: String,
    pub bytes: usize,
}
