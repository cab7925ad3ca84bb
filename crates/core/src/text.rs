//! Vietnamese text folding for search: "Đăng ký", "dang ky", "ĐĂNG KÝ" and "đăng ký" typed with
//! combining marks all become "dang ky". Works on precomposed (NFC) and decomposed (NFD) input alike by
//! rules over a few Unicode ranges, so no normalisation tables ship in the app.

/// The base letter of a Latin letter with marks, in lower case; `None` for characters to drop
/// (combining marks); other characters are kept, ASCII ones lower-cased. (No `char::to_lowercase`:
/// its Unicode tables would weigh more in the app than everything else here.)
fn fold_char(c: char) -> Option<char> {
    let u = c as u32;
    let base = match u {
        0x0300..=0x036F => return None, // combining marks (tones, circumflex, breve, horn)
        0x1EA0..=0x1EB7 => 'a',
        0x1EB8..=0x1EC7 => 'e',
        0x1EC8..=0x1ECB => 'i',
        0x1ECC..=0x1EE3 => 'o',
        0x1EE4..=0x1EF1 => 'u',
        0x1EF2..=0x1EF9 => 'y',
        0x00C0..=0x00C5 | 0x00E0..=0x00E5 | 0x0102 | 0x0103 => 'a',
        0x00C7 | 0x00E7 => 'c',
        // Đ đ and the look-alike Ð (U+00D0) have no decomposition: folded explicitly.
        0x00D0 | 0x0110 | 0x0111 => 'd',
        0x00C8..=0x00CB | 0x00E8..=0x00EB => 'e',
        0x00CC..=0x00CF | 0x00EC..=0x00EF | 0x0128 | 0x0129 => 'i',
        0x00D1 | 0x00F1 => 'n',
        0x00D2..=0x00D6 | 0x00D8 | 0x00F2..=0x00F6 | 0x00F8 | 0x01A0 | 0x01A1 => 'o',
        0x00D9..=0x00DC | 0x00F9..=0x00FC | 0x0168 | 0x0169 | 0x01AF | 0x01B0 => 'u',
        0x00DD | 0x00FD | 0x00FF => 'y',
        _ => return Some(c.to_ascii_lowercase()),
    };
    Some(base)
}

/// `x` with `places` decimals ("12.5"), by integer arithmetic: formatting a float would add 11 KB of
/// wasm to a bundle that needs nothing else of it.
pub fn decimal(x: f64, places: u32) -> String {
    let scale = 10i64.pow(places);
    let n = (x * scale as f64).round() as i64;
    let sign = if n < 0 { "-" } else { "" };
    let n = n.unsigned_abs();
    let scale = scale as u64;
    match places {
        0 => format!("{sign}{n}"),
        _ => format!("{sign}{}.{:0width$}", n / scale, n % scale, width = places as usize),
    }
}

/// Lower case for ASCII and Vietnamese letters, without Unicode tables (capitals of the Vietnamese
/// block sit just before their small letters).
pub fn lower_vi(c: char) -> char {
    let u = c as u32;
    let lower = match u {
        0x41..=0x5A => u + 0x20,
        0xC0..=0xDE if u != 0xD7 => u + 0x20,
        0x1EA0..=0x1EF9 if u.is_multiple_of(2) => u + 1,
        0x0102 | 0x0110 | 0x0128 | 0x0168 | 0x01A0 => u + 1,
        0x01AF => 0x01B0,
        _ => u,
    };
    char::from_u32(lower).unwrap_or(c)
}

/// Folds a text for matching: lower case, no marks, đ → d.
pub fn fold(text: &str) -> String {
    text.chars().filter_map(fold_char).collect()
}

/// Folded words: runs of ASCII letters and digits. Folding has made Vietnamese ASCII, so anything else
/// (signs, apostrophes, emoji, other scripts) separates words.
pub fn tokens(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// Undoes Telex keystrokes left in a folded word ("ddawng" → "dang", "kys" → "ky"), or `None` when the
/// word shows no trace of Telex.
pub fn untelex(word: &str) -> Option<String> {
    if !word.is_ascii() || word.len() < 2 {
        return None;
    }
    let mut s = word.replace("dd", "d");
    for (from, to) in [("aw", "a"), ("aa", "a"), ("ee", "e"), ("oo", "o"), ("ow", "o"), ("uw", "u"), ("w", "u")] {
        s = s.replace(from, to);
    }
    // A tone key typed last: s f r x j after a vowel or a final consonant of a syllable.
    if let Some(stripped) = s.strip_suffix(['s', 'f', 'r', 'x', 'j']) {
        let ends_well = stripped.ends_with(['a', 'e', 'i', 'o', 'u', 'y'])
            || ["c", "ch", "m", "n", "ng", "nh", "p", "t"].iter().any(|f| stripped.ends_with(f));
        if ends_well && stripped.len() >= 2 {
            s = stripped.to_string();
        }
    }
    (s != word).then_some(s)
}

/// Edit distance (insert, delete, substitute, swap of neighbours) if at most `max`, else `None`.
pub fn within_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (j, cell) in d.iter_mut().take(w).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * w] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1).min(d[i * w + j - 1] + 1).min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
    }
    let result = d[a.len() * w + b.len()];
    (result <= max).then_some(result)
}

#[cfg(test)]
mod tests {
    #[test]
    fn decimals_are_written_without_float_formatting() {
        assert_eq!(decimal(12.345, 1), "12.3");
        assert_eq!(decimal(0.05, 2), "0.05");
        assert_eq!(decimal(-3.26, 1), "-3.3");
        assert_eq!(decimal(599.6, 0), "600");
        assert_eq!(decimal(7.0, 2), "7.00");
    }

    proptest::proptest! {
        #[test]
        fn a_decimal_reads_back_to_within_half_a_unit(x in -10_000.0f64..10_000.0, places in 0u32..4) {
            let back: f64 = decimal(x, places).parse().unwrap();
            proptest::prop_assert!((back - x).abs() <= 0.5 / 10f64.powi(places as i32) + 1e-9);
        }
    }

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_vietnamese_in_every_form() {
        assert_eq!(fold("Đăng ký khai sinh"), "dang ky khai sinh");
        assert_eq!(fold("ĐĂNG KÝ"), "dang ky");
        assert_eq!(fold("Ðăng ký"), "dang ky"); // U+00D0, the look-alike
        assert_eq!(fold("hòa"), fold("hoà"));
        // Decomposed input (as some phone keyboards send): e + dot below + circumflex.
        assert_eq!(fold("Vi\u{0065}\u{0323}\u{0302}t"), "viet");
        assert_eq!(fold("Việt"), "viet");
        assert_eq!(fold("ưởng ợ ữ ỹ ẵ"), "uong o u y a");
        assert_eq!(fold("Chứng thực 2.000đ"), "chung thuc 2.000d");
    }

    #[test]
    fn every_vietnamese_letter_folds_to_ascii() {
        let letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
        for c in letters.chars().chain(letters.to_uppercase().chars()) {
            let f = fold(&c.to_string());
            assert!(f.len() == 1 && f.is_ascii(), "{c} → {f}");
        }
    }

    #[test]
    fn lower_case_matches_the_standard_library_for_vietnamese() {
        let letters = "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴĐ";
        for c in letters.chars() {
            assert_eq!(lower_vi(c), c.to_lowercase().next().unwrap(), "{c}");
        }
        assert_eq!(lower_vi('1'), '1');
    }

    #[test]
    fn tokens_split_on_signs() {
        assert_eq!(tokens("baby's birth, CCCD!"), vec!["baby", "s", "birth", "cccd"]);
    }

    #[test]
    fn telex_residue_is_undone() {
        assert_eq!(untelex("ddawng").as_deref(), Some("dang"));
        assert_eq!(untelex("kys").as_deref(), Some("ky"));
        assert_eq!(untelex("hoocj").as_deref(), Some("hoc"));
        assert_eq!(untelex("thuwowngf").as_deref(), Some("thuong"));
        assert_eq!(untelex("sinh"), None);
    }

    #[test]
    fn distances() {
        assert_eq!(within_distance("khai", "khai", 1), Some(0));
        assert_eq!(within_distance("thuong", "thoung", 1), Some(1)); // swap
        assert_eq!(within_distance("registr", "register", 1), Some(1));
        assert_eq!(within_distance("abc", "xyz", 2), None);
    }

    proptest! {
        #[test]
        fn folding_is_idempotent_and_never_longer(s in "\\PC{0,40}") {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once.clone());
            prop_assert!(once.chars().count() <= s.chars().count());
        }

        #[test]
        fn distance_is_symmetric(a in "[a-z]{0,8}", b in "[a-z]{0,8}") {
            prop_assert_eq!(within_distance(&a, &b, 3), within_distance(&b, &a, 3));
        }

        #[test]
        fn untelex_never_panics(s in "\\PC{0,20}") {
            let _ = untelex(&s);
        }
    }
}
