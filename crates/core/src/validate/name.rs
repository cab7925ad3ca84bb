//! A person's name, as it goes onto a civil-status certificate: letters (with Vietnamese or other Latin
//! marks, precomposed or combining), spaces, and the hyphen and apostrophe some names have (H'Hen Niê,
//! Y-Moan). Letters are told by Unicode ranges, so no character tables are shipped to the browser.

/// What is wrong with a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameError {
    /// A character a name cannot have (an emoji, a digit, a symbol); `None` when it is invisible.
    Character(Option<char>),
    /// No letter at all.
    NoLetter,
}

/// Latin letters with their marks: ASCII, Latin-1, Latin Extended-A and -B, and Latin Extended
/// Additional (where ạ … ỹ live).
fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}')
}

/// Combining marks (tones and vowel marks typed decomposed, as some keyboards do).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}')
}

fn is_joiner(c: char) -> bool {
    matches!(c, ' ' | '-' | '\'' | '’')
}

/// Characters that are drawn as nothing (emoji joiners and variation selectors).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{FE00}'..='\u{FE0F}' | '\u{2060}'..='\u{2064}')
}

/// The name with its spaces tidied (one between words, none at the ends), or what to fix.
pub fn check(raw: &str) -> Result<String, NameError> {
    if let Some(bad) = raw.chars().find(|&c| !(is_letter(c) || is_mark(c) || is_joiner(c) || c.is_whitespace())) {
        // Point at a character people can see, if there is one.
        let shown = raw.chars().find(|&c| !(is_letter(c) || is_mark(c) || is_joiner(c) || c.is_whitespace() || is_invisible(c)));
        return Err(NameError::Character(shown.or((!is_invisible(bad)).then_some(bad))));
    }
    if !raw.chars().any(is_letter) {
        return Err(NameError::NoLetter);
    }
    Ok(raw.split_whitespace().collect::<Vec<_>>().join(" "))
}

impl NameError {
    pub fn message(&self, lang: crate::i18n::Lang, label: &str) -> String {
        let vi = lang == crate::i18n::Lang::Vi;
        let rule = if vi {
            format!("{label} chỉ gồm chữ cái (có dấu hoặc không), dấu cách, dấu gạch nối (-) và dấu nháy (')")
        } else {
            format!("{label} can only have letters (with or without accents), spaces, hyphens (-) and apostrophes (')")
        };
        match (self, vi) {
            (NameError::Character(Some(c)), true) => format!("{rule}; hãy xoá “{c}”"),
            (NameError::Character(Some(c)), false) => format!("{rule}; remove “{c}”"),
            (NameError::Character(None), true) => format!("{rule}; hãy xoá ký tự đặc biệt đã dán vào"),
            (NameError::Character(None), false) => format!("{rule}; remove the special character that was pasted in"),
            (NameError::NoLetter, _) => rule,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_as_they_are_written() {
        for name in ["Nguyễn Thị Bình", "NGUYỄN VĂN AN", "H'Hen Niê", "Y-Moan Ênuôl", "Đặng Thu Thảo", "Lê  Văn   Tám "] {
            assert!(check(name).is_ok(), "{name}");
        }
        assert_eq!(check("  Lê  Văn   Tám ").unwrap(), "Lê Văn Tám");
        // Typed decomposed (a base letter then its combining marks).
        assert!(check("Nguye\u{302}\u{303}n").is_ok());
    }

    #[test]
    fn emoji_digits_and_symbols_are_named_for_the_user_to_remove() {
        assert_eq!(check("Nguyễn Thị Bình 👶"), Err(NameError::Character(Some('👶'))));
        assert_eq!(check("Bình2"), Err(NameError::Character(Some('2'))));
        assert_eq!(check("An <b>"), Err(NameError::Character(Some('<'))));
        assert_eq!(check("An\u{200D}"), Err(NameError::Character(None)));
        assert_eq!(check("❤\u{FE0F} An"), Err(NameError::Character(Some('❤'))));
        assert_eq!(check("- '"), Err(NameError::NoLetter));
        let m = NameError::Character(Some('👶')).message(crate::i18n::Lang::Vi, "Họ và tên");
        assert!(m.starts_with("Họ và tên chỉ gồm chữ cái") && m.ends_with("hãy xoá “👶”"), "{m}");
    }

    proptest! {
        #[test]
        fn an_accepted_name_has_only_letters_marks_and_joiners(s in "\\PC{0,30}") {
            if let Ok(name) = check(&s) {
                prop_assert!(name.chars().all(|c| is_letter(c) || is_mark(c) || is_joiner(c)));
                prop_assert!(name.chars().any(is_letter));
                prop_assert_eq!(check(&name), Ok(name.clone()), "tidying twice changes nothing");
            }
        }
    }
}
