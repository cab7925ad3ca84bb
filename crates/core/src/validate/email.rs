//! Email addresses: the structure people get wrong (missing @, no domain, spaces), not full RFC 5322.

use super::pick;
use crate::i18n::Lang;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EmailError {
    Empty,
    NoAt,
    HasSpaces,
    BadDomain,
    TooLong,
}

impl EmailError {
    pub fn message(&self, lang: Lang, label: &str) -> String {
        let vi = lang == Lang::Vi;
        match self {
            EmailError::Empty => super::Invalid::Required.message(lang, label),
            EmailError::TooLong => pick(vi, format!("{label} quá dài"), format!("{label} is too long")),
            _ => pick(
                vi,
                format!("{label} chưa đúng dạng; hãy nhập theo mẫu ten@vidu.vn"),
                format!("{label} is not in the right format; enter it like name@example.com"),
            ),
        }
    }
}

/// Returns the address trimmed.
pub fn check(input: &str) -> Result<String, EmailError> {
    let value = input.trim();
    if value.is_empty() {
        return Err(EmailError::Empty);
    }
    if value.len() > 254 {
        return Err(EmailError::TooLong);
    }
    if value.chars().any(char::is_whitespace) {
        return Err(EmailError::HasSpaces);
    }
    let (local, domain) = value.rsplit_once('@').ok_or(EmailError::NoAt)?;
    if local.is_empty() || local.len() > 64 || local.contains('@') {
        return Err(EmailError::NoAt);
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty() && !l.starts_with('-') && !l.ends_with('-') && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || !c.is_ascii())
    };
    if labels.len() < 2 || !labels.iter().all(label_ok) || labels.last().is_some_and(|tld| tld.len() < 2) {
        return Err(EmailError::BadDomain);
    }
    Ok(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn common_mistakes() {
        assert_eq!(check(" an.nguyen@mytho.gov.vn ").as_deref(), Ok("an.nguyen@mytho.gov.vn"));
        assert_eq!(check(""), Err(EmailError::Empty));
        assert_eq!(check("an.nguyen.gmail.com"), Err(EmailError::NoAt));
        assert_eq!(check("an nguyen@gmail.com"), Err(EmailError::HasSpaces));
        assert_eq!(check("an@gmail"), Err(EmailError::BadDomain));
        assert_eq!(check("an@gmail..com"), Err(EmailError::BadDomain));
        assert_eq!(check("@gmail.com"), Err(EmailError::NoAt));
    }

    proptest! {
        #[test]
        fn plain_addresses_pass(local in "[a-z0-9._]{1,20}", domain in "[a-z0-9]{1,10}", tld in "[a-z]{2,4}") {
            let address = format!("{local}@{domain}.{tld}");
            prop_assert!(check(&address).is_ok());
        }

        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = check(&s);
        }
    }
}
