//! Validation rules shared by the app (as the user presses Continue) and the gateway (for every
//! submission: the server never trusts the client). Each error names what is wrong and how to fix it,
//! in both languages, with the field's label put in by the caller.

pub mod date;
pub mod email;
pub mod id_number;
pub mod name;
pub mod phone;
pub mod tax_code;
pub mod upload;

use crate::i18n::Lang;

pub use date::Date;

/// Male or female as recorded on the citizen ID (the number encodes it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

/// A problem with one answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Invalid {
    Required,
    TooShort { min: usize, got: usize },
    TooLong { max: usize, got: usize },
    NotANumber,
    NumberOutOfRange { min: i64, max: i64 },
    Date(date::DateError),
    DateInFuture,
    DateBefore { other_label: crate::i18n::Localized },
    AgeBelow { years: u32 },
    IdNumber(id_number::IdNumberError),
    IdMismatch(id_number::Mismatch),
    Phone(phone::PhoneError),
    Email(email::EmailError),
    TaxCode(tax_code::TaxCodeError),
    Upload(upload::UploadError),
    /// A ward answer that is not one of today's wards (chosen from the list, not typed).
    UnknownWard,
    /// No option of a choice was picked.
    NotChosen,
    /// A paper to attach was not attached (or its upload did not finish).
    NotAttached,
    /// The attachments together are more than one dossier may hold (checked by the server).
    TooManyFiles,
    Name(name::NameError),
}

impl Invalid {
    /// The message shown at the field and in the error summary, e.g.
    /// "Số định danh có 12 chữ số; bạn đã nhập 11".
    pub fn message(&self, lang: Lang, label: &str) -> String {
        let vi = lang == Lang::Vi;
        match self {
            Invalid::Required => pick(vi, format!("Hãy nhập {}", lower_first(label)), format!("Enter {}", lower_first(label))),
            // A label that is a question reads badly after "Hãy chọn": the question is quoted instead.
            Invalid::NotChosen if label.trim_end().ends_with('?') => {
                pick(vi, format!("Hãy chọn câu trả lời cho câu hỏi “{label}”"), format!("Choose an answer to “{label}”"))
            }
            Invalid::NotChosen => pick(vi, format!("Hãy chọn {}", lower_first(label)), format!("Select {}", lower_first(label))),
            Invalid::NotAttached => pick(
                vi,
                format!("{label}: hãy đính kèm ảnh chụp hoặc tệp PDF"),
                format!("{label}: attach a photo or a PDF"),
            ),
            Invalid::Name(e) => e.message(lang, label),
            Invalid::TooManyFiles => pick(
                vi,
                format!("{label}: các tệp đính kèm của hồ sơ quá lớn; hãy chụp lại ảnh nhỏ hơn hoặc gộp các trang vào một tệp PDF"),
                format!("{label}: the application's attachments are too large together; take smaller photos or put the pages in one PDF"),
            ),
            Invalid::UnknownWard => pick(
                vi,
                format!("Hãy tìm và chọn {} trong danh sách phường, xã hiện nay", lower_first(label)),
                format!("Search for and choose {} from today's list of wards and communes", lower_first(label)),
            ),
            Invalid::TooShort { min, got } => pick(
                vi,
                format!("{label} cần ít nhất {min} ký tự; bạn đã nhập {got}"),
                format!("{label} must be at least {min} characters; you entered {got}"),
            ),
            Invalid::TooLong { max, got } => pick(
                vi,
                format!("{label} chỉ được tối đa {max} ký tự; bạn đã nhập {got}"),
                format!("{label} must be {max} characters or fewer; you entered {got}"),
            ),
            Invalid::NotANumber => pick(vi, format!("{label} chỉ gồm chữ số"), format!("{label} must be a number")),
            Invalid::NumberOutOfRange { min, max } => pick(
                vi,
                format!("{label} phải từ {min} đến {max}"),
                format!("{label} must be between {min} and {max}"),
            ),
            Invalid::Date(e) => e.message(lang, label),
            Invalid::DateInFuture => pick(
                vi,
                format!("{label} không được sau ngày hôm nay"),
                format!("{label} must be today or in the past"),
            ),
            Invalid::DateBefore { other_label } => pick(
                vi,
                format!("{label} phải sau {}", lower_first(&other_label.vi)),
                format!("{label} must be after {}", lower_first(&other_label.en)),
            ),
            Invalid::AgeBelow { years } => pick(
                vi,
                format!("Người này cần đủ {years} tuổi; hãy kiểm tra {}", lower_first(label)),
                format!("This person must be at least {years}; check {}", lower_first(label)),
            ),
            Invalid::IdNumber(e) => e.message(lang, label),
            Invalid::IdMismatch(m) => m.message(lang, label),
            Invalid::Phone(e) => e.message(lang, label),
            Invalid::Email(e) => e.message(lang, label),
            Invalid::TaxCode(e) => e.message(lang, label),
            Invalid::Upload(e) => e.message(lang, label),
        }
    }
}

pub(crate) fn pick(vi: bool, vi_text: String, en_text: String) -> String {
    if vi {
        vi_text
    } else {
        en_text
    }
}

/// "Số định danh" inside a sentence: "Hãy nhập số định danh". Proper names keep their capital when the
/// second letter is also a capital (an acronym like "CCCD").
pub(crate) fn lower_first(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if !second.is_ascii_uppercase() => {
            std::iter::once(crate::text::lower_vi(first)).chain(label.chars().skip(1)).collect()
        }
        _ => label.to_string(),
    }
}

/// Text length rule, counted in characters as people see them.
pub fn check_length(value: &str, min: usize, max: usize) -> Result<(), Invalid> {
    let got = value.trim().chars().count();
    if got == 0 && min > 0 {
        Err(Invalid::Required)
    } else if got < min {
        Err(Invalid::TooShort { min, got })
    } else if got > max {
        Err(Invalid::TooLong { max, got })
    } else {
        Ok(())
    }
}

/// What a long text box says as people type (GOV.UK character count): how many characters are left,
/// or how many too many.
pub fn characters_left(value: &str, max: usize, lang: Lang) -> String {
    let got = value.chars().count();
    let vi = lang == Lang::Vi;
    if got <= max {
        let left = max - got;
        if vi { format!("Bạn còn {left} ký tự") } else { format!("You have {left} character{} remaining", if left == 1 { "" } else { "s" }) }
    } else {
        let over = got - max;
        if vi { format!("Bạn đã nhập quá {over} ký tự") } else { format!("You have {over} character{} too many", if over == 1 { "" } else { "s" }) }
    }
}

/// A whole number within a range (spaces and thousands dots allowed: "1.200").
pub fn check_number(value: &str, min: i64, max: i64) -> Result<i64, Invalid> {
    let cleaned: String = value.trim().chars().filter(|c| !matches!(c, ' ' | '.' | ',')).collect();
    if cleaned.is_empty() {
        return Err(Invalid::Required);
    }
    let n: i64 = cleaned.parse().map_err(|_| Invalid::NotANumber)?;
    if n < min || n > max {
        return Err(Invalid::NumberOutOfRange { min, max });
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn messages_name_the_field_and_the_fix() {
        let e = Invalid::IdNumber(id_number::IdNumberError::WrongLength { got: 11 });
        assert_eq!(e.message(Lang::Vi, "Số định danh"), "Số định danh có 12 chữ số; bạn đã nhập 11");
        assert_eq!(e.message(Lang::En, "ID number"), "ID number has 12 digits; you entered 11");
        assert_eq!(Invalid::Required.message(Lang::Vi, "Họ và tên"), "Hãy nhập họ và tên");
        assert_eq!(Invalid::Required.message(Lang::En, "Full name"), "Enter full name");
        assert_eq!(lower_first("CCCD"), "CCCD");
        assert_eq!(lower_first("Địa chỉ"), "địa chỉ");
        assert_eq!(lower_first("Ủy ban"), "ủy ban");
    }

    #[test]
    fn lengths_and_numbers() {
        assert_eq!(check_length("  ", 1, 10), Err(Invalid::Required));
        assert_eq!(check_length("Nguyễn", 1, 5), Err(Invalid::TooLong { max: 5, got: 6 }));
        assert_eq!(check_length("ab", 3, 5), Err(Invalid::TooShort { min: 3, got: 2 }));
        assert_eq!(characters_left("Bình", 10, Lang::Vi), "Bạn còn 6 ký tự");
        assert_eq!(characters_left("Bình", 3, Lang::Vi), "Bạn đã nhập quá 1 ký tự");
        assert_eq!(characters_left("ab", 3, Lang::En), "You have 1 character remaining");
        assert_eq!(check_number("1.200", 1, 5000), Ok(1200));
        assert_eq!(check_number("12a", 1, 50), Err(Invalid::NotANumber));
        assert_eq!(check_number("0", 1, 50), Err(Invalid::NumberOutOfRange { min: 1, max: 50 }));
    }

    proptest! {
        #[test]
        fn messages_never_panic_and_are_never_empty(label in "\\PC{0,20}", got in 0usize..100) {
            for e in [Invalid::Required, Invalid::TooShort { min: 3, got }, Invalid::NotANumber] {
                for lang in Lang::ALL {
                    prop_assert!(!e.message(lang, &label).is_empty());
                }
            }
        }

        #[test]
        fn number_rule_never_panics(s in "\\PC{0,30}") {
            let _ = check_number(&s, -5, 5);
        }
    }
}
