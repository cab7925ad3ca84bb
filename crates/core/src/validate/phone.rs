//! Vietnamese phone numbers, accepted as people write them ("0912 345 678", "+84 912.345.678",
//! "0084-912-345-678") and stored in E.164 (`+84912345678`).

use super::pick;
use crate::i18n::Lang;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PhoneError {
    Empty,
    BadCharacters,
    WrongLength { got: usize },
    UnknownPrefix { prefix: String },
}

impl PhoneError {
    pub fn message(&self, lang: Lang, label: &str) -> String {
        let vi = lang == Lang::Vi;
        match self {
            PhoneError::Empty => super::Invalid::Required.message(lang, label),
            PhoneError::BadCharacters => pick(
                vi,
                format!("{label} chỉ gồm chữ số (có thể có dấu cách, dấu chấm hoặc +84), ví dụ 0912 345 678"),
                format!("{label} must be digits (spaces, dots or +84 allowed), like 0912 345 678"),
            ),
            PhoneError::WrongLength { got } => pick(
                vi,
                format!("{label}: số di động có 10 chữ số, bắt đầu bằng 0; bạn đã nhập {got}"),
                format!("{label}: a mobile number has 10 digits starting with 0; you entered {got}"),
            ),
            PhoneError::UnknownPrefix { prefix } => pick(
                vi,
                format!("{label}: đầu số {prefix} không phải đầu số điện thoại ở Việt Nam; hãy kiểm tra lại"),
                format!("{label}: {prefix} is not a Vietnamese phone prefix; check the number"),
            ),
        }
    }
}

/// Mobile prefixes after the leading 0: 3[2-9], 5[2689], 7[06-9], 8[1-9], 9[0-9].
fn is_mobile_prefix(a: u8, b: u8) -> bool {
    match a {
        b'3' => (b'2'..=b'9').contains(&b),
        b'5' => matches!(b, b'2' | b'6' | b'8' | b'9'),
        b'7' => matches!(b, b'0' | b'6'..=b'9'),
        b'8' => (b'1'..=b'9').contains(&b),
        b'9' => b.is_ascii_digit(),
        _ => false,
    }
}

/// Normalises to E.164. Mobiles: 0 + prefix + 7 digits; landlines: 02xx + 7 digits.
pub fn normalize(input: &str) -> Result<String, PhoneError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(PhoneError::Empty);
    }
    let mut digits = String::new();
    let mut plus = false;
    for c in trimmed.chars() {
        match c {
            '0'..='9' => digits.push(c),
            // "+84" or "(+84)": a plus only before any digit.
            '+' if digits.is_empty() && !plus => plus = true,
            ' ' | '.' | '-' | '(' | ')' => {}
            _ => return Err(PhoneError::BadCharacters),
        }
    }
    let national = if plus {
        match digits.strip_prefix("84") {
            Some(rest) => format!("0{rest}"),
            None => return Err(PhoneError::UnknownPrefix { prefix: format!("+{}", &digits[..digits.len().min(3)]) }),
        }
    } else if let Some(rest) = digits.strip_prefix("0084") {
        format!("0{rest}")
    } else if digits.starts_with("84") && digits.len() >= 11 {
        format!("0{}", &digits[2..])
    } else {
        digits
    };
    let b = national.as_bytes();
    if b.len() < 3 || b[0] != b'0' {
        return Err(PhoneError::WrongLength { got: b.len() });
    }
    let landline = b[1] == b'2';
    let want = if landline { 11 } else { 10 };
    if b.len() != want {
        return Err(PhoneError::WrongLength { got: b.len() });
    }
    if !landline && !is_mobile_prefix(b[1], b[2]) {
        return Err(PhoneError::UnknownPrefix { prefix: national[..3].to_string() });
    }
    Ok(format!("+84{}", &national[1..]))
}

/// The last four digits, as a second factor to track a dossier.
pub fn last_four(e164: &str) -> &str {
    &e164[e164.len().saturating_sub(4)..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_the_ways_people_write_numbers() {
        for input in ["0912345678", "0912 345 678", "091.234.5678", "+84 912 345 678", "84912345678", "0084-912-345-678", "(+84) 912345678"] {
            assert_eq!(normalize(input).as_deref(), Ok("+84912345678"), "{input}");
        }
        assert_eq!(normalize("0273 3872 123").as_deref(), Ok("+842733872123"));
        assert_eq!(last_four("+84912345678"), "5678");
    }

    #[test]
    fn refuses_with_a_reason() {
        assert_eq!(normalize(" "), Err(PhoneError::Empty));
        assert_eq!(normalize("0912a45678"), Err(PhoneError::BadCharacters));
        assert_eq!(normalize("091234567"), Err(PhoneError::WrongLength { got: 9 }));
        assert_eq!(normalize("0112345678"), Err(PhoneError::UnknownPrefix { prefix: "011".into() }));
        assert_eq!(normalize("0512345678"), Err(PhoneError::UnknownPrefix { prefix: "051".into() }));
        assert_eq!(normalize("+1 202 555 0100"), Err(PhoneError::UnknownPrefix { prefix: "+120".into() }));
        assert_eq!(
            PhoneError::WrongLength { got: 9 }.message(Lang::Vi, "Số điện thoại"),
            "Số điện thoại: số di động có 10 chữ số, bắt đầu bằng 0; bạn đã nhập 9"
        );
    }

    proptest! {
        #[test]
        fn every_mobile_number_normalises_however_it_is_written(
            prefix in prop::sample::select(vec!["32", "39", "52", "56", "58", "59", "70", "76", "79", "81", "89", "90", "99"]),
            rest in "[0-9]{7}", style in 0usize..4
        ) {
            let national = format!("0{prefix}{rest}");
            let written = match style {
                0 => national.clone(),
                1 => format!("+84 {}", &national[1..]),
                2 => format!("{} {} {}", &national[..4], &national[4..7], &national[7..]),
                _ => format!("0084.{}", &national[1..]),
            };
            prop_assert_eq!(normalize(&written), Ok(format!("+84{}", &national[1..])));
        }

        #[test]
        fn never_panics(s in "\\PC{0,20}") {
            let _ = normalize(&s);
        }
    }
}
