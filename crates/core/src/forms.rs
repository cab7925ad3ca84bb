//! Forms as data: steps of fields with types, rules and conditions, served by the gateway and drawn by
//! one generic form engine in the app. [`validate`] runs the same rules in the browser (as the user
//! presses Continue) and on the gateway (for every submission).

use crate::i18n::{Lang, Localized};
use crate::validate::{self, date::DateError, id_number, Date, Invalid, Sex};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Answers by field id; a date field's answers are `<id>.day`, `<id>.month` and `<id>.year`.
pub type Answers = BTreeMap<String, String>;

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormDef {
    pub steps: Vec<StepDef>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepDef {
    pub id: String,
    pub title: Localized,
    pub fields: Vec<FieldDef>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    pub id: String,
    pub label: Localized,
    #[serde(default)]
    pub hint: Option<Localized>,
    #[serde(default = "yes")]
    pub required: bool,
    pub kind: FieldKind,
    /// Shown (and checked) only when another answer has this value.
    #[serde(default)]
    pub show_if: Option<Condition>,
    /// Which of the user's saved details fills this field (only with their consent; see `profile`).
    #[serde(default)]
    pub prefill: Option<crate::profile::ProfileItem>,
}

fn yes() -> bool {
    true
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub field: String,
    pub equals: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Text { max: usize },
    /// A person's name (`validate::name`): letters with their marks, spaces, hyphens, apostrophes.
    Name { max: usize },
    LongText { max: usize },
    Number { min: i64, max: i64 },
    /// Three boxes: day, month, year.
    Date {
        #[serde(default)]
        not_future: bool,
        /// Must be after the date in this field (a death after the birth).
        #[serde(default)]
        after: Option<String>,
        /// The person must be at least this old today.
        #[serde(default)]
        min_age: Option<u32>,
    },
    Choice {
        options: Vec<ChoiceOption>,
        #[serde(default)]
        style: ChoiceStyle,
    },
    /// Cross-checked against these fields' answers when given.
    IdNumber {
        #[serde(default)]
        birth_date: Option<String>,
        #[serde(default)]
        sex: Option<String>,
    },
    Phone,
    Email,
    TaxCode,
    /// One of today's wards or communes, chosen from the list (found by its name or an old one). The
    /// answer is its code; `<id>.name` keeps the name for people. The gateway checks the code exists.
    Ward,
    /// A photo or PDF of a paper, uploaded first (`POST /api/v1/uploads`): the answer is the upload's id,
    /// `<id>.name` the file's name and `<id>.size` its bytes. The gateway checks the upload exists.
    File,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub value: String,
    pub label: Localized,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChoiceStyle {
    #[default]
    Radio,
    Select,
    /// Any number of the options: the answer is their values joined by commas, in the options' order.
    Checkboxes,
}

/// The values ticked in a checkboxes answer.
pub fn ticked(answer: &str) -> impl Iterator<Item = &str> {
    answer.split(',').map(str::trim).filter(|v| !v.is_empty())
}

/// One field's problem, for the error summary and the inline message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    /// The part of a date to focus (`<id>.day`…), or the field itself.
    pub target: String,
    pub invalid: Invalid,
}

impl FieldError {
    pub fn message(&self, def: &FormDef, lang: Lang) -> String {
        let label = def.field(&self.field).map(|f| f.label.get(lang).to_string()).unwrap_or_default();
        self.invalid.message(lang, &label)
    }
}

impl FormDef {
    pub fn fields(&self) -> impl Iterator<Item = &FieldDef> {
        self.steps.iter().flat_map(|s| s.fields.iter())
    }

    pub fn field(&self, id: &str) -> Option<&FieldDef> {
        self.fields().find(|f| f.id == id)
    }

    /// Whether a field is asked, given the answers so far.
    pub fn is_shown(&self, field: &FieldDef, answers: &Answers) -> bool {
        field.show_if.as_ref().is_none_or(|c| answers.get(&c.field).map(|v| v.trim()) == Some(c.equals.as_str()))
    }

    /// Problems in the definition itself (unknown field references, duplicate ids).
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let ids: Vec<&str> = self.fields().map(|f| f.id.as_str()).collect();
        for (i, id) in ids.iter().enumerate() {
            if ids[..i].contains(id) {
                out.push(format!("field {id} is defined twice"));
            }
        }
        // The dossier is tracked by its phone's last 4 digits: one phone, always asked.
        let phones = self.fields().filter(|f| f.kind == FieldKind::Phone && f.required && f.show_if.is_none()).count();
        if phones != 1 {
            out.push(format!("the form needs exactly one required phone field, always asked; it has {phones}"));
        }
        // A step's address must not be one of the form's own pages.
        for s in &self.steps {
            if [crate::draft::CHECK_STEP, crate::draft::PRACTICE_DONE_STEP].contains(&s.id.as_str()) {
                out.push(format!("step {}: that address is taken by the form's own pages", s.id));
            }
        }
        for f in self.fields() {
            let mut refs: Vec<&String> = f.show_if.iter().map(|c| &c.field).collect();
            match &f.kind {
                FieldKind::Date { after: Some(a), .. } => refs.push(a),
                FieldKind::IdNumber { birth_date, sex } => refs.extend(birth_date.iter().chain(sex.iter())),
                FieldKind::Choice { options, .. } if options.is_empty() => out.push(format!("field {}: no options", f.id)),
                FieldKind::Choice { options, .. } if options.iter().any(|o| o.value.contains(',') || o.value.trim().is_empty()) => {
                    out.push(format!("field {}: option values must be non-empty and without commas", f.id))
                }
                _ => {}
            }
            for r in refs {
                if !ids.contains(&r.as_str()) {
                    out.push(format!("field {}: refers to unknown field {r}", f.id));
                }
            }
        }
        out
    }
}

/// An answer as the check-your-answers page shows it (the option's label, a date as dd/mm/yyyy);
/// `None` when the field was left empty.
pub fn display_answer(field: &FieldDef, answers: &Answers, lang: Lang) -> Option<String> {
    let id = &field.id;
    let shown = match &field.kind {
        FieldKind::Date { .. } => match date_answer(answers, id)? {
            Ok(d) => d.display(),
            Err(_) => ["day", "month", "year"].map(|p| answers.get(&format!("{id}.{p}")).cloned().unwrap_or_default()).join("/"),
        },
        FieldKind::Choice { options, style: ChoiceStyle::Checkboxes } => {
            let chosen: Vec<&str> = ticked(answers.get(id)?).collect();
            let labels: Vec<&str> = options.iter().filter(|o| chosen.contains(&o.value.as_str())).map(|o| o.label.get(lang)).collect();
            labels.join(", ")
        }
        FieldKind::Choice { options, .. } => {
            let value = answers.get(id)?.trim();
            options.iter().find(|o| o.value == value).map(|o| o.label.get(lang).to_string())?
        }
        FieldKind::Ward => answers.get(&format!("{id}.name"))?.trim().to_string(),
        FieldKind::File => {
            answers.get(id).filter(|v| !v.trim().is_empty())?;
            let name = answers.get(&format!("{id}.name")).map(|n| n.trim()).unwrap_or("");
            match answers.get(&format!("{id}.size")).and_then(|s| s.parse::<usize>().ok()) {
                Some(bytes) => format!("{name} ({})", validate::upload::size_text(bytes, lang)),
                None => name.to_string(),
            }
        }
        _ => answers.get(id)?.trim().to_string(),
    };
    (!shown.trim().is_empty()).then_some(shown)
}

/// The step that asks a field (for the error of a whole-form check and for Change links).
pub fn step_of<'a>(def: &'a FormDef, field: &str) -> Option<&'a StepDef> {
    def.steps.iter().find(|s| s.fields.iter().any(|f| f.id == field))
}

/// Checks every shown field of `fields` (one step, or the whole form) and returns the answers
/// normalised (phones in E.164, trimmed text), keeping only what is shown, or every problem in order.
pub fn validate<'a>(
    def: &FormDef,
    fields: impl IntoIterator<Item = &'a FieldDef>,
    answers: &Answers,
    today: Date,
) -> Result<Answers, Vec<FieldError>> {
    let mut clean = Answers::new();
    let mut errors = Vec::new();
    for field in fields {
        if !def.is_shown(field, answers) {
            continue;
        }
        match check_field(def, field, answers, today) {
            Ok(values) => clean.extend(values),
            Err((target, invalid)) => errors.push(FieldError { field: field.id.clone(), target, invalid }),
        }
    }
    if errors.is_empty() {
        Ok(clean)
    } else {
        Err(errors)
    }
}

/// The whole form at once (the gateway's check of a submission).
pub fn validate_all(def: &FormDef, answers: &Answers, today: Date) -> Result<Answers, Vec<FieldError>> {
    validate(def, def.fields(), answers, today)
}

fn date_answer(answers: &Answers, id: &str) -> Option<Result<Date, DateError>> {
    let part = |p: &str| answers.get(&format!("{id}.{p}")).map(String::as_str).unwrap_or("");
    let (d, m, y) = (part("day"), part("month"), part("year"));
    if d.trim().is_empty() && m.trim().is_empty() && y.trim().is_empty() {
        return None;
    }
    Some(Date::from_parts(d, m, y))
}

fn sex_answer(answers: &Answers, id: &str) -> Option<Sex> {
    match answers.get(id).map(|s| s.trim()) {
        Some("male") => Some(Sex::Male),
        Some("female") => Some(Sex::Female),
        _ => None,
    }
}

/// A file's name is shown back to people, never trusted: long names are cut.
const FILE_NAME_MAX: usize = 120;

type Checked = Result<Vec<(String, String)>, (String, Invalid)>;

fn check_field(def: &FormDef, field: &FieldDef, answers: &Answers, today: Date) -> Checked {
    let id = field.id.clone();
    let fail = |invalid: Invalid| Err((id.clone(), invalid));
    if let FieldKind::Date { not_future, after, min_age } = &field.kind {
        let date = match date_answer(answers, &id) {
            None if field.required => return Err((format!("{id}.day"), Invalid::Required)),
            None => return Ok(vec![]),
            Some(Err(e)) => {
                let part = match e {
                    DateError::Missing(p) | DateError::NotANumber(p) | DateError::OutOfRange(p) => p,
                    DateError::NoSuchDay { .. } => validate::date::DatePart::Day,
                };
                let suffix = match part {
                    validate::date::DatePart::Day => "day",
                    validate::date::DatePart::Month => "month",
                    validate::date::DatePart::Year => "year",
                };
                return Err((format!("{id}.{suffix}"), Invalid::Date(e)));
            }
            Some(Ok(d)) => d,
        };
        if *not_future && date > today {
            return Err((format!("{id}.day"), Invalid::DateInFuture));
        }
        if let Some(other) = after {
            if let Some(Ok(before)) = date_answer(answers, other) {
                if date < before {
                    let other_label = def.field(other).map(|f| f.label.clone()).unwrap_or(Localized { vi: other.clone(), en: other.clone() });
                    return Err((format!("{id}.day"), Invalid::DateBefore { other_label }));
                }
            }
        }
        if let Some(years) = min_age {
            if date.age_on(today) < *years as i32 {
                return Err((format!("{id}.day"), Invalid::AgeBelow { years: *years }));
            }
        }
        return Ok(vec![(id, date.iso())]);
    }

    let raw = answers.get(&id).map(|s| s.trim()).unwrap_or("");
    if raw.is_empty() {
        // A ward is chosen, not typed: the message says how.
        let missing = match field.kind {
            FieldKind::Ward => Invalid::UnknownWard,
            FieldKind::File => Invalid::NotAttached,
            FieldKind::Choice { .. } => Invalid::NotChosen,
            _ => Invalid::Required,
        };
        return if field.required { fail(missing) } else { Ok(vec![]) };
    }
    let value = match &field.kind {
        FieldKind::Text { max } | FieldKind::LongText { max } => {
            validate::check_length(raw, 1, *max).map(|_| raw.to_string())
        }
        FieldKind::Name { max } => validate::check_length(raw, 1, *max)
            .and_then(|_| validate::name::check(raw).map_err(Invalid::Name)),
        FieldKind::Number { min, max } => validate::check_number(raw, *min, *max).map(|n| n.to_string()),
        FieldKind::Choice { options, style: ChoiceStyle::Checkboxes } => {
            let chosen: Vec<&str> = ticked(raw).collect();
            if chosen.iter().all(|v| options.iter().any(|o| o.value == *v)) {
                // Each value once, in the options' order.
                let values: Vec<&str> = options.iter().filter(|o| chosen.contains(&o.value.as_str())).map(|o| o.value.as_str()).collect();
                if values.is_empty() { Err(Invalid::NotChosen) } else { Ok(values.join(",")) }
            } else {
                Err(Invalid::NotChosen)
            }
        }
        FieldKind::Choice { options, .. } => {
            if options.iter().any(|o| o.value == raw) {
                Ok(raw.to_string())
            } else {
                Err(Invalid::NotChosen)
            }
        }
        FieldKind::IdNumber { birth_date, sex } => id_number::check(raw).map_err(Invalid::IdNumber).and_then(|parsed| {
            let birth = birth_date.as_ref().and_then(|b| date_answer(answers, b)).and_then(Result::ok);
            let sex = sex.as_ref().and_then(|s| sex_answer(answers, s));
            match id_number::cross_check(&parsed, birth, sex, None).into_iter().next() {
                Some(m) => Err(Invalid::IdMismatch(m)),
                None => Ok(raw.chars().filter(|c| !c.is_whitespace()).collect()),
            }
        }),
        FieldKind::Phone => validate::phone::normalize(raw).map_err(Invalid::Phone),
        FieldKind::Email => validate::email::check(raw).map_err(Invalid::Email),
        FieldKind::TaxCode => validate::tax_code::check(raw).map_err(Invalid::TaxCode),
        FieldKind::Ward => {
            if raw.len() == 5 && raw.bytes().all(|b| b.is_ascii_digit()) {
                let name = answers.get(&format!("{id}.name")).map(|n| n.trim().to_string()).unwrap_or_default();
                return Ok(vec![(id.clone(), raw.to_string()), (format!("{id}.name"), name)]);
            }
            Err(Invalid::UnknownWard)
        }
        FieldKind::File => {
            if !validate::upload::is_upload_id(raw) {
                return fail(Invalid::NotAttached);
            }
            let name: String = answers.get(&format!("{id}.name")).map(|n| n.trim()).unwrap_or("").chars().take(FILE_NAME_MAX).collect();
            let size = answers.get(&format!("{id}.size")).and_then(|s| s.trim().parse::<usize>().ok()).unwrap_or(0);
            return Ok(vec![(id.clone(), raw.to_string()), (format!("{id}.name"), name), (format!("{id}.size"), size.to_string())]);
        }
        FieldKind::Date { .. } => unreachable!("dates are handled above"),
    };
    match value {
        Ok(v) => Ok(vec![(id, v)]),
        Err(invalid) => fail(invalid),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn l(s: &str) -> Localized {
        Localized { vi: s.into(), en: s.into() }
    }

    fn field(id: &str, kind: FieldKind) -> FieldDef {
        FieldDef { id: id.into(), label: l(id), hint: None, required: true, kind, show_if: None, prefill: None }
    }

    fn form() -> FormDef {
        let mut divorce = field("divorce_ref", FieldKind::Text { max: 50 });
        divorce.show_if = Some(Condition { field: "history".into(), equals: "divorced".into() });
        let mut email = field("email", FieldKind::Email);
        email.required = false;
        FormDef {
            steps: vec![StepDef {
                id: "person".into(),
                title: l("Person"),
                fields: vec![
                    field("name", FieldKind::Text { max: 20 }),
                    field("dob", FieldKind::Date { not_future: true, after: None, min_age: None }),
                    field("sex", FieldKind::Choice {
                        options: vec![ChoiceOption { value: "male".into(), label: l("Nam") }, ChoiceOption { value: "female".into(), label: l("Nữ") }],
                        style: ChoiceStyle::Radio,
                    }),
                    field("id", FieldKind::IdNumber { birth_date: Some("dob".into()), sex: Some("sex".into()) }),
                    field("phone", FieldKind::Phone),
                    email,
                    field("history", FieldKind::Choice {
                        options: vec![ChoiceOption { value: "never".into(), label: l("never") }, ChoiceOption { value: "divorced".into(), label: l("divorced") }],
                        style: ChoiceStyle::Radio,
                    }),
                    divorce,
                ],
            }],
        }
    }

    fn good() -> Answers {
        [
            ("name", "Nguyễn Thị An"), ("dob.day", "5"), ("dob.month", "3"), ("dob.year", "2005"), ("sex", "female"),
            ("id", "082 305 123456"), ("phone", "0912 345 678"), ("history", "never"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    fn today() -> Date {
        Date::new(2026, 11, 23).unwrap()
    }

    #[test]
    fn a_good_answer_set_is_normalised() {
        let clean = validate_all(&form(), &good(), today()).unwrap();
        assert_eq!(clean["dob"], "2005-03-05");
        assert_eq!(clean["phone"], "+84912345678");
        assert_eq!(clean["id"], "082305123456");
        assert!(!clean.contains_key("divorce_ref"));
        assert_eq!(form().problems(), Vec::<String>::new());
    }

    #[test]
    fn errors_come_in_form_order_with_the_part_to_focus() {
        let mut a = good();
        a.insert("name".into(), " ".into());
        a.insert("dob.month".into(), "13".into());
        a.insert("id".into(), "08230512345".into());
        let errors = validate_all(&form(), &a, today()).unwrap_err();
        let targets: Vec<&str> = errors.iter().map(|e| e.target.as_str()).collect();
        assert_eq!(targets, ["name", "dob.month", "id"]);
        assert_eq!(errors[2].message(&form(), Lang::Vi), "id có 12 chữ số; bạn đã nhập 11");
    }

    #[test]
    fn the_id_number_is_cross_checked() {
        let mut a = good();
        a.insert("sex".into(), "male".into());
        let errors = validate_all(&form(), &a, today()).unwrap_err();
        assert!(matches!(errors[0].invalid, Invalid::IdMismatch(id_number::Mismatch::Sex { .. })));
    }

    #[test]
    fn an_unanswered_choice_asks_to_select() {
        let mut a = good();
        a.remove("sex");
        let errors = validate_all(&form(), &a, today()).unwrap_err();
        assert_eq!(errors[0].invalid, Invalid::NotChosen);
        assert_eq!(errors[0].message(&form(), Lang::Vi), "Hãy chọn sex");
        assert_eq!(Invalid::NotChosen.message(Lang::Vi, "Bạn ở đây với tư cách nào?"), "Hãy chọn câu trả lời cho câu hỏi “Bạn ở đây với tư cách nào?”");
        assert_eq!(Invalid::NotChosen.message(Lang::En, "On what basis do you live here?"), "Choose an answer to “On what basis do you live here?”");
        a.insert("sex".into(), "other".into());
        assert_eq!(validate_all(&form(), &a, today()).unwrap_err()[0].invalid, Invalid::NotChosen);
    }

    #[test]
    fn conditional_fields_are_checked_only_when_shown() {
        let mut a = good();
        a.insert("history".into(), "divorced".into());
        let errors = validate_all(&form(), &a, today()).unwrap_err();
        assert_eq!(errors[0].field, "divorce_ref");
        a.insert("divorce_ref".into(), "12/2020/QĐST-HNGĐ".into());
        assert!(validate_all(&form(), &a, today()).is_ok());
    }

    #[test]
    fn future_birth_dates_and_ages() {
        let mut a = good();
        a.insert("dob.year".into(), "2027".into());
        let errors = validate_all(&form(), &a, today()).unwrap_err();
        assert_eq!(errors[0].invalid, Invalid::DateInFuture);
        let adult = FormDef { steps: vec![StepDef { id: "s".into(), title: l("s"), fields: vec![field("dob", FieldKind::Date { not_future: true, after: None, min_age: Some(25) })] }] };
        let errors = validate_all(&adult, &good(), today()).unwrap_err();
        assert_eq!(errors[0].invalid, Invalid::AgeBelow { years: 25 });
    }

    #[test]
    fn a_ward_is_a_code_chosen_from_the_list_with_its_name() {
        let def = FormDef { steps: vec![StepDef { id: "s".into(), title: l("s"), fields: vec![field("ward", FieldKind::Ward)] }] };
        let mut a = Answers::new();
        assert_eq!(validate_all(&def, &a, today()).unwrap_err()[0].invalid, Invalid::UnknownWard, "empty: choose, not type");
        a.insert("ward".into(), "Phường 5".into());
        let errors = validate_all(&def, &a, today()).unwrap_err();
        assert_eq!(errors[0].invalid, Invalid::UnknownWard);
        assert!(errors[0].message(&def, Lang::Vi).starts_with("Hãy tìm và chọn ward"));
        a.insert("ward".into(), "28249".into());
        a.insert("ward.name".into(), "Phường Đạo Thạnh".into());
        let clean = validate_all(&def, &a, today()).unwrap();
        assert_eq!((clean["ward"].as_str(), clean["ward.name"].as_str()), ("28249", "Phường Đạo Thạnh"));
        assert_eq!(display_answer(&def.steps[0].fields[0], &a, Lang::Vi).as_deref(), Some("Phường Đạo Thạnh"));
    }

    #[test]
    fn a_file_is_an_upload_id_with_its_name_and_size() {
        let def = FormDef { steps: vec![StepDef { id: "s".into(), title: l("s"), fields: vec![field("notice", FieldKind::File)] }] };
        let mut a = Answers::new();
        let errors = validate_all(&def, &a, today()).unwrap_err();
        assert_eq!(errors[0].invalid, Invalid::NotAttached);
        assert_eq!(errors[0].message(&def, Lang::Vi), "notice: hãy đính kèm ảnh chụp hoặc tệp PDF");
        a.insert("notice".into(), "C:/Users/an/giay-chung-sinh.jpg".into());
        assert_eq!(validate_all(&def, &a, today()).unwrap_err()[0].invalid, Invalid::NotAttached, "a path is not an upload");
        a.insert("notice".into(), "0123456789abcdef0123456789abcdef".into());
        a.insert("notice.name".into(), format!("  {}.jpg", "x".repeat(300)));
        a.insert("notice.size".into(), "319488".into());
        let clean = validate_all(&def, &a, today()).unwrap();
        assert_eq!(clean["notice.name"].chars().count(), FILE_NAME_MAX);
        assert_eq!(clean["notice.size"], "319488");
        a.insert("notice.name".into(), "giay-chung-sinh.jpg".into());
        assert_eq!(display_answer(&def.steps[0].fields[0], &a, Lang::Vi).as_deref(), Some("giay-chung-sinh.jpg (312 KB)"));
    }

    #[test]
    fn checkboxes_take_any_number_of_the_options() {
        let options = ["counter", "post", "online"].map(|v| ChoiceOption { value: v.into(), label: l(&v.to_uppercase()) }).to_vec();
        let def = FormDef { steps: vec![StepDef { id: "s".into(), title: l("s"), fields: vec![
            field("how", FieldKind::Choice { options, style: ChoiceStyle::Checkboxes }),
            field("phone", FieldKind::Phone),
        ] }] };
        let mut a: Answers = [("phone", "0912345678")].map(|(k, v)| (k.to_string(), v.to_string())).into_iter().collect();
        assert_eq!(validate_all(&def, &a, today()).unwrap_err()[0].invalid, Invalid::NotChosen);
        a.insert("how".into(), " , ".into());
        assert_eq!(validate_all(&def, &a, today()).unwrap_err()[0].invalid, Invalid::NotChosen, "nothing ticked");
        a.insert("how".into(), "online,counter,online".into());
        assert_eq!(validate_all(&def, &a, today()).unwrap()["how"], "counter,online", "once each, in order");
        assert_eq!(display_answer(&def.steps[0].fields[0], &a, Lang::Vi).as_deref(), Some("COUNTER, ONLINE"));
        a.insert("how".into(), "counter,fax".into());
        assert_eq!(validate_all(&def, &a, today()).unwrap_err()[0].invalid, Invalid::NotChosen, "not an option");
        assert_eq!(def.problems(), Vec::<String>::new());
    }

    #[test]
    fn answers_as_people_read_them() {
        let f = form();
        let a = good();
        let show = |id: &str, lang| display_answer(f.field(id).unwrap(), &a, lang);
        assert_eq!(show("dob", Lang::Vi).as_deref(), Some("05/03/2005"));
        assert_eq!(show("sex", Lang::Vi).as_deref(), Some("Nữ"));
        assert_eq!(show("name", Lang::En).as_deref(), Some("Nguyễn Thị An"));
        assert_eq!(show("email", Lang::Vi), None);
        assert_eq!(step_of(&f, "phone").map(|s| s.id.as_str()), Some("person"));
        assert!(step_of(&f, "nope").is_none());
    }

    #[test]
    fn definitions_with_dangling_references_are_reported() {
        let mut f = form();
        f.steps[0].fields[7].show_if = Some(Condition { field: "nope".into(), equals: "x".into() });
        assert_eq!(f.problems(), vec!["field divorce_ref: refers to unknown field nope".to_string()]);
    }

    #[test]
    fn a_step_cannot_take_the_check_or_practice_end_address() {
        let mut f = form();
        f.steps[0].id = crate::draft::PRACTICE_DONE_STEP.into();
        assert_eq!(f.problems().len(), 1, "{:?}", f.problems());
    }

    proptest! {
        #[test]
        fn any_answers_never_panic(values in prop::collection::vec("\\PC{0,15}", 10)) {
            let keys = ["name", "dob.day", "dob.month", "dob.year", "sex", "id", "phone", "email", "history", "divorce_ref"];
            let answers: Answers = keys.iter().map(|k| k.to_string()).zip(values).collect();
            let _ = validate_all(&form(), &answers, today());
        }
    }
}
