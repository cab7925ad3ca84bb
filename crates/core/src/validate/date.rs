//! Calendar dates entered as separate day, month and year boxes (the GOV.UK pattern).

use super::pick;
use crate::i18n::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatePart {
    Day,
    Month,
    Year,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateError {
    Missing(DatePart),
    NotANumber(DatePart),
    OutOfRange(DatePart),
    /// For example 31/4 or 29/2 in a year that is not a leap year.
    NoSuchDay { day: u32, month: u32, year: i32 },
}

impl DatePart {
    fn name(self, vi: bool) -> &'static str {
        match (self, vi) {
            (DatePart::Day, true) => "ngày",
            (DatePart::Month, true) => "tháng",
            (DatePart::Year, true) => "năm",
            (DatePart::Day, false) => "day",
            (DatePart::Month, false) => "month",
            (DatePart::Year, false) => "year",
        }
    }
}

impl DateError {
    pub fn message(&self, lang: Lang, label: &str) -> String {
        let vi = lang == Lang::Vi;
        match *self {
            DateError::Missing(part) => pick(
                vi,
                format!("{label} cần có {}", part.name(vi)),
                format!("{label} must include a {}", part.name(vi)),
            ),
            DateError::NotANumber(part) => pick(
                vi,
                format!("{label}: {} chỉ gồm chữ số", part.name(vi)),
                format!("{label}: the {} must be a number", part.name(vi)),
            ),
            DateError::OutOfRange(DatePart::Day) => pick(vi, format!("{label}: ngày phải từ 1 đến 31"), format!("{label}: the day must be from 1 to 31")),
            DateError::OutOfRange(DatePart::Month) => pick(vi, format!("{label}: tháng phải từ 1 đến 12"), format!("{label}: the month must be from 1 to 12")),
            DateError::OutOfRange(DatePart::Year) => pick(
                vi,
                format!("{label}: năm phải có 4 chữ số, ví dụ 1985"),
                format!("{label}: the year must have 4 digits, for example 1985"),
            ),
            DateError::NoSuchDay { day, month, year } => pick(
                vi,
                format!("{label}: tháng {month}/{year} không có ngày {day}"),
                format!("{label}: {month}/{year} has no day {day}"),
            ),
        }
    }
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// Reads the three boxes as typed (spaces allowed, leading zeros allowed).
    pub fn from_parts(day: &str, month: &str, year: &str) -> Result<Date, DateError> {
        let num = |s: &str, part: DatePart, max_len: usize| -> Result<u32, DateError> {
            let s = s.trim();
            if s.is_empty() {
                return Err(DateError::Missing(part));
            }
            if !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(DateError::NotANumber(part));
            }
            if s.len() > max_len {
                return Err(DateError::OutOfRange(part));
            }
            s.parse().map_err(|_| DateError::OutOfRange(part))
        };
        let d = num(day, DatePart::Day, 2)?;
        let m = num(month, DatePart::Month, 2)?;
        let y = num(year, DatePart::Year, 4)?;
        if !(1..=31).contains(&d) {
            return Err(DateError::OutOfRange(DatePart::Day));
        }
        if !(1..=12).contains(&m) {
            return Err(DateError::OutOfRange(DatePart::Month));
        }
        if !(1900..=2199).contains(&y) {
            return Err(DateError::OutOfRange(DatePart::Year));
        }
        let y = y as i32;
        Date::new(y, m, d).ok_or(DateError::NoSuchDay { day: d, month: m, year: y })
    }

    /// Whole years from `self` (a birth date) to `on`.
    pub fn age_on(self, on: Date) -> i32 {
        let mut age = on.year - self.year;
        if (on.month, on.day) < (self.month, self.day) {
            age -= 1;
        }
        age
    }

    /// Days since 1970-01-01 (negative before), by the civil-calendar algorithm of H. Hinnant.
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        (self.days_since_epoch() + 3).rem_euclid(7) as u32
    }

    /// The date `n` working days (Monday to Friday) after this one; public holidays are not known here.
    pub fn add_working_days(self, n: u32) -> Date {
        let mut days = self.days_since_epoch();
        let mut left = n;
        while left > 0 {
            days += 1;
            if Date::from_days_since_epoch(days).weekday() < 5 {
                left -= 1;
            }
        }
        Date::from_days_since_epoch(days)
    }

    /// `yyyy-mm-dd`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Reads `yyyy-mm-dd` (also the date part of an RFC 3339 time).
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut parts = s.get(..10)?.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// `dd/mm/yyyy`, as dates are written in Việt Nam (and on its official papers in English too).
    pub fn display(self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }
}

/// A UTC time from the server (`2025-12-03T08:05:00Z`, or SQLite's `2025-12-03 08:05:00`) as Việt Nam
/// time (GMT+7, no daylight saving): `03/12/2025 15:05`. Unreadable input is shown as it came.
pub fn vn_datetime(utc: &str) -> String {
    let parse = || -> Option<String> {
        let date = Date::parse_iso(utc)?;
        let time = utc.get(11..16)?;
        let (h, m) = time.split_once(':')?;
        let minutes = h.parse::<i64>().ok()? * 60 + m.parse::<i64>().ok()? + 7 * 60;
        let day = Date::from_days_since_epoch(date.days_since_epoch() + minutes.div_euclid(24 * 60));
        let minutes = minutes.rem_euclid(24 * 60);
        Some(format!("{} {:02}:{:02}", day.display(), minutes / 60, minutes % 60))
    };
    parse().unwrap_or_else(|| utc.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn iso_and_display_forms() {
        let d = Date::new(2025, 12, 3).unwrap();
        assert_eq!(Date::parse_iso(&d.iso()), Some(d));
        assert_eq!(Date::parse_iso("2025-12-03T08:05:00Z"), Some(d));
        assert_eq!(Date::parse_iso("2025-02-30"), None);
        assert_eq!(Date::parse_iso("2025"), None);
        assert_eq!(d.display(), "03/12/2025");
    }

    #[test]
    fn server_times_in_vietnam_time() {
        assert_eq!(vn_datetime("2025-12-03T08:05:00Z"), "03/12/2025 15:05");
        assert_eq!(vn_datetime("2025-12-31 20:30:00"), "01/01/2026 03:30");
        assert_eq!(vn_datetime("soon"), "soon");
    }

    #[test]
    fn parts_are_checked_one_by_one() {
        assert_eq!(Date::from_parts("05", "7", "2025"), Ok(Date { year: 2025, month: 7, day: 5 }));
        assert_eq!(Date::from_parts("", "7", "2025"), Err(DateError::Missing(DatePart::Day)));
        assert_eq!(Date::from_parts("5", "July", "2025"), Err(DateError::NotANumber(DatePart::Month)));
        assert_eq!(Date::from_parts("5", "13", "2025"), Err(DateError::OutOfRange(DatePart::Month)));
        assert_eq!(Date::from_parts("5", "7", "25"), Err(DateError::OutOfRange(DatePart::Year)));
        assert_eq!(Date::from_parts("29", "2", "2023"), Err(DateError::NoSuchDay { day: 29, month: 2, year: 2023 }));
        assert!(Date::from_parts("29", "2", "2024").is_ok());
        assert!(Date::from_parts("29", "2", "2000").is_ok());
        assert!(Date::from_parts("29", "2", "2100").is_err());
        assert_eq!(
            DateError::NoSuchDay { day: 31, month: 4, year: 2025 }.message(Lang::Vi, "Ngày sinh"),
            "Ngày sinh: tháng 4/2025 không có ngày 31"
        );
    }

    #[test]
    fn ages() {
        let born = Date::new(2007, 11, 23).unwrap();
        assert_eq!(born.age_on(Date::new(2025, 11, 22).unwrap()), 17);
        assert_eq!(born.age_on(Date::new(2025, 11, 23).unwrap()), 18);
    }

    #[test]
    fn calendar_arithmetic() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Date::new(2026, 11, 23).unwrap().weekday(), 0); // a Monday
        let friday = Date::new(2026, 11, 27).unwrap();
        assert_eq!(friday.add_working_days(1), Date::new(2026, 11, 30).unwrap());
        assert_eq!(friday.add_working_days(0), friday);
        assert_eq!(Date::new(2026, 11, 23).unwrap().add_working_days(7), Date::new(2026, 12, 2).unwrap());
    }

    proptest! {
        #[test]
        fn days_round_trip(days in -100_000i64..200_000) {
            let d = Date::from_days_since_epoch(days);
            prop_assert_eq!(d.days_since_epoch(), days);
            prop_assert!(Date::new(d.year, d.month, d.day).is_some());
        }

        #[test]
        fn any_real_date_round_trips(y in 1900i32..2200, m in 1u32..13, d in 1u32..32) {
            let parsed = Date::from_parts(&d.to_string(), &format!("{m:02}"), &y.to_string());
            prop_assert_eq!(parsed.is_ok(), d <= days_in_month(y, m));
            if let Ok(date) = parsed {
                prop_assert_eq!(date.iso(), format!("{y:04}-{m:02}-{d:02}"));
            }
        }

        #[test]
        fn never_panics(d in "\\PC{0,6}", m in "\\PC{0,6}", y in "\\PC{0,8}") {
            let _ = Date::from_parts(&d, &m, &y);
        }
    }
}
