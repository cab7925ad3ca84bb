//! The 12-digit personal ID number (số định danh cá nhân, on the CCCD card): `PPP G YY NNNNNN`.
//! No checksum, but its parts must make sense and can be checked against the date of birth, the sex
//! and the province where the birth was registered.

use super::{pick, Date, Sex};
use crate::i18n::Lang;

/// Province codes (pre-2025; they do not change with the merger) and names.
pub const PROVINCES: &[(u16, &str)] = &[
    (1, "Hà Nội"), (2, "Hà Giang"), (4, "Cao Bằng"), (6, "Bắc Kạn"), (8, "Tuyên Quang"), (10, "Lào Cai"),
    (11, "Điện Biên"), (12, "Lai Châu"), (14, "Sơn La"), (15, "Yên Bái"), (17, "Hòa Bình"), (19, "Thái Nguyên"),
    (20, "Lạng Sơn"), (22, "Quảng Ninh"), (24, "Bắc Giang"), (25, "Phú Thọ"), (26, "Vĩnh Phúc"), (27, "Bắc Ninh"),
    (30, "Hải Dương"), (31, "Hải Phòng"), (33, "Hưng Yên"), (34, "Thái Bình"), (35, "Hà Nam"), (36, "Nam Định"),
    (37, "Ninh Bình"), (38, "Thanh Hóa"), (40, "Nghệ An"), (42, "Hà Tĩnh"), (44, "Quảng Bình"), (45, "Quảng Trị"),
    (46, "Thừa Thiên Huế"), (48, "Đà Nẵng"), (49, "Quảng Nam"), (51, "Quảng Ngãi"), (52, "Bình Định"), (54, "Phú Yên"),
    (56, "Khánh Hòa"), (58, "Ninh Thuận"), (60, "Bình Thuận"), (62, "Kon Tum"), (64, "Gia Lai"), (66, "Đắk Lắk"),
    (67, "Đắk Nông"), (68, "Lâm Đồng"), (70, "Bình Phước"), (72, "Tây Ninh"), (74, "Bình Dương"), (75, "Đồng Nai"),
    (77, "Bà Rịa - Vũng Tàu"), (79, "TP Hồ Chí Minh"), (80, "Long An"), (82, "Tiền Giang"), (83, "Bến Tre"),
    (84, "Trà Vinh"), (86, "Vĩnh Long"), (87, "Đồng Tháp"), (89, "An Giang"), (91, "Kiên Giang"), (92, "Cần Thơ"),
    (93, "Hậu Giang"), (94, "Sóc Trăng"), (95, "Bạc Liêu"), (96, "Cà Mau"),
];

pub fn province_name(code: u16) -> Option<&'static str> {
    PROVINCES.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

/// What a valid number says about its holder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdNumber {
    pub province: u16,
    pub sex: Sex,
    pub birth_year: i32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdNumberError {
    Empty,
    NotDigits,
    /// Old 9-digit CMND numbers expired on 2024-12-31.
    OldCmnd,
    WrongLength { got: usize },
    UnknownProvince { code: String },
    BadCenturyDigit { digit: u8 },
}

/// A part of the number that disagrees with another answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mismatch {
    BirthYear { in_number: i32, answered: i32 },
    Sex { in_number: Sex },
    Province { in_number: &'static str, answered: &'static str },
}

impl IdNumberError {
    pub fn message(&self, lang: Lang, label: &str) -> String {
        let vi = lang == Lang::Vi;
        match self {
            IdNumberError::Empty => super::Invalid::Required.message(lang, label),
            IdNumberError::NotDigits => pick(vi, format!("{label} chỉ gồm 12 chữ số, không có chữ hay dấu"), format!("{label} must be 12 digits, with no letters or signs")),
            IdNumberError::OldCmnd => pick(
                vi,
                format!("{label} có 12 chữ số. Số chứng minh nhân dân 9 số đã hết giá trị; hãy nhập số trên thẻ căn cước"),
                format!("{label} has 12 digits. Old 9-digit ID numbers have expired; enter the number on your citizen ID card"),
            ),
            IdNumberError::WrongLength { got } => pick(
                vi,
                format!("{label} có 12 chữ số; bạn đã nhập {got}"),
                format!("{label} has 12 digits; you entered {got}"),
            ),
            IdNumberError::UnknownProvince { code } => pick(
                vi,
                format!("{label}: 3 chữ số đầu ({code}) không phải mã tỉnh; hãy kiểm tra lại số trên thẻ"),
                format!("{label}: the first 3 digits ({code}) are not a province code; check the number on the card"),
            ),
            IdNumberError::BadCenturyDigit { digit } => pick(
                vi,
                format!("{label}: chữ số thứ 4 ({digit}) không hợp lệ; hãy kiểm tra lại số trên thẻ"),
                format!("{label}: the 4th digit ({digit}) is not valid; check the number on the card"),
            ),
        }
    }
}

impl Mismatch {
    pub fn message(&self, lang: Lang, label: &str) -> String {
        let vi = lang == Lang::Vi;
        match self {
            Mismatch::BirthYear { in_number, answered } => pick(
                vi,
                format!("{label} cho biết năm sinh {in_number}, nhưng ngày sinh bạn nhập là năm {answered}; hãy kiểm tra lại một trong hai"),
                format!("{label} says born in {in_number}, but the date of birth you entered is in {answered}; check one of them"),
            ),
            Mismatch::Sex { in_number } => {
                let (vi_sex, en_sex) = match in_number {
                    Sex::Male => ("nam", "male"),
                    Sex::Female => ("nữ", "female"),
                };
                pick(
                    vi,
                    format!("{label} là của người giới tính {vi_sex}, khác với giới tính bạn chọn; hãy kiểm tra lại"),
                    format!("{label} belongs to a {en_sex} person, unlike the sex you chose; check them"),
                )
            }
            Mismatch::Province { in_number, answered } => pick(
                vi,
                format!("{label} được cấp theo nơi đăng ký khai sinh {in_number}, không phải {answered}; hãy kiểm tra lại"),
                format!("{label} was issued for a birth registered in {in_number}, not {answered}; check them"),
            ),
        }
    }
}

/// Checks the structure. Spaces (as printed on the card) are ignored.
pub fn check(input: &str) -> Result<IdNumber, IdNumberError> {
    let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.is_empty() {
        return Err(IdNumberError::Empty);
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(IdNumberError::NotDigits);
    }
    match digits.len() {
        12 => {}
        9 => return Err(IdNumberError::OldCmnd),
        got => return Err(IdNumberError::WrongLength { got }),
    }
    let d = digits.as_bytes();
    let province: u16 = digits[..3].parse().unwrap_or(0);
    if province_name(province).is_none() {
        return Err(IdNumberError::UnknownProvince { code: digits[..3].to_string() });
    }
    let g = d[3] - b'0';
    let (century, sex) = match g {
        0 => (1900, Sex::Male),
        1 => (1900, Sex::Female),
        2 => (2000, Sex::Male),
        3 => (2000, Sex::Female),
        4 => (2100, Sex::Male),
        5 => (2100, Sex::Female),
        digit => return Err(IdNumberError::BadCenturyDigit { digit }),
    };
    let yy: i32 = digits[4..6].parse().unwrap_or(0);
    Ok(IdNumber { province, sex, birth_year: century + yy })
}

/// Every way the number disagrees with the other answers given.
pub fn cross_check(id: &IdNumber, birth: Option<Date>, sex: Option<Sex>, birth_province: Option<u16>) -> Vec<Mismatch> {
    let mut out = Vec::new();
    if let Some(b) = birth.filter(|b| b.year != id.birth_year) {
        out.push(Mismatch::BirthYear { in_number: id.birth_year, answered: b.year });
    }
    if sex.is_some_and(|s| s != id.sex) {
        out.push(Mismatch::Sex { in_number: id.sex });
    }
    if let Some(p) = birth_province.filter(|p| *p != id.province) {
        if let (Some(in_number), Some(answered)) = (province_name(id.province), province_name(p)) {
            out.push(Mismatch::Province { in_number, answered });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn structure() {
        let id = check("082 3 05 123456").unwrap();
        assert_eq!(id, IdNumber { province: 82, sex: Sex::Female, birth_year: 2005 });
        assert_eq!(check("079090000001").unwrap(), IdNumber { province: 79, sex: Sex::Male, birth_year: 1990 });
        assert_eq!(check(""), Err(IdNumberError::Empty));
        assert_eq!(check("08230512345"), Err(IdNumberError::WrongLength { got: 11 }));
        assert_eq!(check("312345678"), Err(IdNumberError::OldCmnd));
        assert_eq!(check("08230512345a"), Err(IdNumberError::NotDigits));
        assert_eq!(check("003305123456"), Err(IdNumberError::UnknownProvince { code: "003".into() }));
        assert_eq!(check("082605123456"), Err(IdNumberError::BadCenturyDigit { digit: 6 }));
    }

    #[test]
    fn cross_checks_say_which_part_disagrees() {
        let id = check("082305123456").unwrap();
        let birth = Date::new(2005, 3, 1);
        assert!(cross_check(&id, birth, Some(Sex::Female), Some(82)).is_empty());
        let m = cross_check(&id, Date::new(2004, 3, 1), Some(Sex::Male), Some(87));
        assert_eq!(m.len(), 3);
        assert_eq!(m[0].message(Lang::Vi, "Số định danh"), "Số định danh cho biết năm sinh 2005, nhưng ngày sinh bạn nhập là năm 2004; hãy kiểm tra lại một trong hai");
        assert!(m[2].message(Lang::Vi, "Số định danh").contains("Tiền Giang"));
    }

    proptest! {
        #[test]
        fn every_well_formed_number_passes_and_agrees_with_its_holder(
            p in 0usize..63, female in any::<bool>(), year in 1900i32..2100, rest in 0u32..1_000_000
        ) {
            let (code, _) = PROVINCES[p];
            let g = (year - 1900) / 100 * 2 + i32::from(female);
            let number = format!("{code:03}{g}{:02}{rest:06}", year % 100);
            let id = check(&number).unwrap();
            let sex = if female { Sex::Female } else { Sex::Male };
            prop_assert_eq!(id, IdNumber { province: code, sex, birth_year: year });
            prop_assert!(cross_check(&id, Date::new(year, 6, 15), Some(sex), Some(code)).is_empty());
        }

        #[test]
        fn never_panics(s in "\\PC{0,20}") {
            let _ = check(&s);
        }
    }
}
