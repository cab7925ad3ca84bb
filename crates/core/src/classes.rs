//! Class mode: a trainer starts a class, learners join with its short code and a display name, their
//! progress and quiz scores reach the trainer's dashboard, and the attendance is exported as CSV.

use crate::dossier::RESUME_ALPHABET;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Kept on the device: the class a trainer started here (its code and token), and the one a learner
/// joined (its code and the learner's id).
pub const TRAINER_KEY: &str = "mts.class.trainer";
pub const MEMBERSHIP_KEY: &str = "mts.class.learner";

pub const CLASSES_PATH: &str = "/classes";
/// Characters of a class code (from the resume codes' alphabet: no 0/O, 1/I/L).
pub const CLASS_CODE_LEN: usize = 6;
pub const NAME_MAX: usize = 40;

/// A class code as typed: case, spaces and dashes ignored; `None` if it cannot be one.
pub fn normalize_class_code(input: &str) -> Option<String> {
    let chars: String = input.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_uppercase();
    (chars.len() == CLASS_CODE_LEN && chars.bytes().all(|b| RESUME_ALPHABET.contains(&b))).then(|| format!("{}-{}", &chars[..3], &chars[3..]))
}

/// Quiz scores by lesson, each `[right, of]`, as the API's document has them.
#[cfg(feature = "openapi")]
fn scores_schema() -> utoipa::openapi::Object {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Type};
    let pair = ArrayBuilder::new().items(ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(0)).maximum(Some(u32::MAX))).min_items(Some(2)).max_items(Some(2));
    ObjectBuilder::new().schema_type(Type::Object).additional_properties(Some(pair)).description(Some("Quiz scores by lesson: `[right, of]`.")).build()
}

/// A display name: at most [`NAME_MAX`] characters as typed, not only spaces, no control characters;
/// kept trimmed with inner spaces collapsed.
pub fn clean_name(input: &str) -> Option<String> {
    let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
    (!name.is_empty() && input.chars().count() <= NAME_MAX && !input.chars().any(char::is_control)).then_some(name)
}

/// [`clean_name`]'s rule as a JSON Schema pattern (ECMA and Python alike), as [`JoinClass`] documents it.
pub const NAME_PATTERN: &str = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$";

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartClass {
    /// The lesson taught (learners may go on to others).
    pub lesson_id: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassStarted {
    pub code: String,
    /// Kept by the trainer's device: it opens the dashboard, closes the class and exports it.
    pub trainer_token: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinClass {
    #[cfg_attr(feature = "openapi", schema(max_length = 40, pattern = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$"))]
    pub name: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Joined {
    pub learner_id: String,
    pub lesson_id: String,
}

/// A learner's progress, sent whenever it changes (and again after a lost connection): the same body
/// twice is harmless.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerProgress {
    pub lesson_id: String,
    /// The step reached (from 1).
    #[cfg_attr(feature = "openapi", schema(maximum = 4294967295u32))]
    #[serde(deserialize_with = "whole")]
    pub step: u32,
    /// Quiz scores by lesson: `[right, of]`.
    #[serde(default, deserialize_with = "whole_scores")]
    #[cfg_attr(feature = "openapi", schema(schema_with = scores_schema))]
    pub scores: BTreeMap<String, [u32; 2]>,
}

/// A JSON integer as JSON Schema counts them: `4` and `4.0` alike (serde would refuse the second).
fn whole_number<E: serde::de::Error>(n: serde_json::Number) -> Result<u32, E> {
    let v = n.as_u64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0).map(|f| f as u64));
    v.and_then(|v| u32::try_from(v).ok()).ok_or_else(|| E::custom(format!("{n} is not a whole number from 0 to {}", u32::MAX)))
}

fn whole<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    whole_number(serde_json::Number::deserialize(d)?)
}

fn whole_scores<'de, D: serde::Deserializer<'de>>(d: D) -> Result<BTreeMap<String, [u32; 2]>, D::Error> {
    BTreeMap::<String, [serde_json::Number; 2]>::deserialize(d)?
        .into_iter()
        .map(|(k, [a, b])| Ok((k, [whole_number(a)?, whole_number(b)?])))
        .collect()
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LearnerRow {
    pub name: String,
    pub lesson_id: String,
    pub step: u32,
    #[cfg_attr(feature = "openapi", schema(schema_with = scores_schema))]
    pub scores: BTreeMap<String, [u32; 2]>,
    /// RFC 3339, UTC.
    pub joined_at: String,
    pub updated_at: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub code: String,
    pub lesson_id: String,
    pub closed: bool,
    pub learners: Vec<LearnerRow>,
}

/// One CSV field (RFC 4180): quoted when needed; a leading `=`, `+`, `-` or `@` is defused so a
/// spreadsheet never runs a learner's name as a formula.
pub fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) { format!("'{value}") } else { value.to_string() };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// The attendance and results of a class, one learner per line.
pub fn attendance_csv(dashboard: &Dashboard, lessons: &[&str]) -> String {
    let mut out = String::from("name,joined_at,lesson,step");
    for l in lessons {
        out.push(',');
        out.push_str(&csv_field(&format!("score:{l}")));
    }
    out.push_str("\r\n");
    for r in &dashboard.learners {
        let mut line = vec![csv_field(&r.name), csv_field(&r.joined_at), csv_field(&r.lesson_id), r.step.to_string()];
        line.extend(lessons.iter().map(|l| r.scores.get(*l).map(|[s, of]| format!("{s}/{of}")).unwrap_or_default()));
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn codes_and_names_are_read_forgivingly() {
        assert_eq!(normalize_class_code(" k7m q2p ").as_deref(), Some("K7M-Q2P"));
        assert_eq!(normalize_class_code("K7M-Q2"), None);
        assert_eq!(normalize_class_code("K7M-Q2O"), None, "O is not in the alphabet");
        assert_eq!(clean_name("  Cô   Năm  ").as_deref(), Some("Cô Năm"));
        assert_eq!(clean_name("   "), None);
        assert_eq!(clean_name(&"a".repeat(41)), None);
    }

    #[test]
    fn the_csv_is_safe_for_spreadsheets() {
        let mut scores = BTreeMap::new();
        scores.insert("an-toan".to_string(), [2, 3]);
        let row = |name: &str| LearnerRow {
            name: name.into(),
            lesson_id: "an-toan".into(),
            step: 4,
            scores: scores.clone(),
            joined_at: "2026-11-23T08:00:00Z".into(),
            updated_at: "2026-11-23T08:10:00Z".into(),
        };
        let d = Dashboard { code: "K7M-Q2P".into(), lesson_id: "an-toan".into(), closed: true, learners: vec![row("Bà Tư, Ấp 3"), row("=cmd()")] };
        let csv = attendance_csv(&d, &["an-toan", "vneid"]);
        assert_eq!(
            csv,
            "name,joined_at,lesson,step,score:an-toan,score:vneid\r\n\"Bà Tư, Ấp 3\",2026-11-23T08:00:00Z,an-toan,4,2/3,\r\n'=cmd(),2026-11-23T08:00:00Z,an-toan,4,2/3,\r\n"
        );
    }

    #[test]
    fn progress_takes_whole_numbers_however_json_writes_them() {
        let p: LearnerProgress = serde_json::from_str(r#"{"lesson_id":"a","step":3.0,"scores":{"a":[2,3.0]}}"#).unwrap();
        assert_eq!((p.step, p.scores["a"]), (3, [2, 3]));
        for bad in [r#"{"lesson_id":"a","step":2.5}"#, r#"{"lesson_id":"a","step":-1}"#, r#"{"lesson_id":"a","step":4294967296}"#] {
            assert!(serde_json::from_str::<LearnerProgress>(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn the_documented_name_pattern_is_the_rule(name in "[ a-zA-Zđâ\t\u{0}\u{85}\u{a0}\u{3000}]{0,45}") {
            let pattern = regex::Regex::new(NAME_PATTERN).unwrap();
            let documented = pattern.is_match(&name) && name.chars().count() <= NAME_MAX;
            prop_assert_eq!(clean_name(&name).is_some(), documented, "{:?}", name);
        }

        #[test]
        fn a_csv_field_never_breaks_the_line(value in "\\PC{0,20}|[,\"\n=]{0,5}") {
            let f = csv_field(&value);
            prop_assert!(!f.starts_with(['=', '+', '-', '@']));
            if f.contains('\n') || f.contains(',') {
                prop_assert!(f.starts_with('"') && f.ends_with('"'));
            }
        }
    }
}
