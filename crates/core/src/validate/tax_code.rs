//! Tax codes (mã số thuế): 10 digits with a check digit, or 13 (`XXXXXXXXXX-NNN`, a branch). Since
//! 2025-07-01 individuals and household businesses use their 12-digit ID number instead.

use super::id_number::{self, IdNumberError};
use super::pick;
use crate::i18n::Lang;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TaxCodeError {
    Empty,
    BadFormat,
    WrongLength { got: usize },
    CheckDigit,
    /// A 12-digit value is checked as an ID number.
    IdNumber(IdNumberError),
}

impl TaxCodeError {
    pub fn message(&self, lang: Lang, label: &str) -> String {
        let vi = lang == Lang::Vi;
        match self {
            TaxCodeError::Empty => super::Invalid::Required.message(lang, label),
            TaxCodeError::BadFormat => pick(
                vi,
                format!("{label} gồm 10 chữ số, hoặc 13 chữ số dạng 0123456789-001"),
                format!("{label} has 10 digits, or 13 written like 0123456789-001"),
            ),
            TaxCodeError::WrongLength { got } => pick(
                vi,
                format!("{label} có 10 hoặc 13 chữ số (cá nhân dùng số định danh 12 chữ số); bạn đã nhập {got}"),
                format!("{label} has 10 or 13 digits (individuals use their 12-digit ID number); you entered {got}"),
            ),
            TaxCodeError::CheckDigit => pick(
                vi,
                format!("{label} không đúng (chữ số kiểm tra không khớp); hãy kiểm tra lại từng chữ số"),
                format!("{label} is not valid (its check digit does not match); check each digit"),
            ),
            TaxCodeError::IdNumber(e) => e.message(lang, label),
        }
    }
}

const WEIGHTS: [u32; 9] = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/// The 10th digit for the first nine, or `None` when no digit can be valid (remainder 0).
pub fn check_digit(first_nine: &[u8; 9]) -> Option<u8> {
    let s: u32 = first_nine.iter().zip(WEIGHTS).map(|(d, w)| u32::from(*d) * w).sum();
    match s % 11 {
        0 => None,
        10 => Some(0),
        r => Some((10 - r) as u8),
    }
}

/// Returns the code as written canonically (`0123456789` or `0123456789-001`).
pub fn check(input: &str) -> Result<String, TaxCodeError> {
    let value: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if value.is_empty() {
        return Err(TaxCodeError::Empty);
    }
    let (main, branch) = match value.split_once('-') {
        Some((m, b)) => (m.to_string(), Some(b.to_string())),
        None if value.len() == 13 && value.is_ascii() => (value[..10].to_string(), Some(value[10..].to_string())),
        None => (value.clone(), None),
    };
    if !main.bytes().all(|b| b.is_ascii_digit()) || branch.as_ref().is_some_and(|b| b.len() != 3 || !b.bytes().all(|c| c.is_ascii_digit())) {
        return Err(TaxCodeError::BadFormat);
    }
    if main.len() == 12 && branch.is_none() {
        id_number::check(&main).map_err(TaxCodeError::IdNumber)?;
        return Ok(main);
    }
    if main.len() != 10 {
        return Err(TaxCodeError::WrongLength { got: main.len() + branch.map_or(0, |b| b.len()) });
    }
    let d: Vec<u8> = main.bytes().map(|b| b - b'0').collect();
    let first: [u8; 9] = d[..9].try_into().expect("nine digits");
    if check_digit(&first) != Some(d[9]) {
        return Err(TaxCodeError::CheckDigit);
    }
    Ok(match branch {
        Some(b) => format!("{main}-{b}"),
        None => main,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn published_examples() {
        assert_eq!(check("0100233488").as_deref(), Ok("0100233488"));
        assert_eq!(check("0314409058").as_deref(), Ok("0314409058"));
        assert_eq!(check("0100233480"), Err(TaxCodeError::CheckDigit));
        assert_eq!(check("0100233488-001").as_deref(), Ok("0100233488-001"));
        assert_eq!(check("0100233488001").as_deref(), Ok("0100233488-001"));
        assert_eq!(check("082305123456").as_deref(), Ok("082305123456"));
        assert!(matches!(check("003305123456"), Err(TaxCodeError::IdNumber(_))));
        assert_eq!(check("12345"), Err(TaxCodeError::WrongLength { got: 5 }));
        assert_eq!(check("01002334A8"), Err(TaxCodeError::BadFormat));
    }

    proptest! {
        #[test]
        fn the_check_digit_decides(first in prop::array::uniform9(0u8..10), wrong in 1u8..10) {
            let prefix: String = first.iter().map(|d| char::from(b'0' + d)).collect();
            match check_digit(&first) {
                Some(c) => {
                    let good = format!("{prefix}{c}");
                    prop_assert!(check(&good).is_ok());
                    prop_assert_eq!(check(&format!("{prefix}{}", (c + wrong) % 10)), Err(TaxCodeError::CheckDigit));
                }
                None => for c in 0..10u8 {
                    prop_assert_eq!(check(&format!("{prefix}{c}")), Err(TaxCodeError::CheckDigit));
                },
            }
        }

        #[test]
        fn never_panics(s in "\\PC{0,20}") {
            let _ = check(&s);
        }
    }
}
