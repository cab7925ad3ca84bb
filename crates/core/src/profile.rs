//! "Provide information once": the user's own details, kept on their device only when they ask, and
//! used to fill the fields of any form that names them (`prefill` in a form definition).

use crate::forms::{Answers, FieldKind, FormDef};
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const PROFILE_KEY: &str = "mts.profile";

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileItem {
    Name,
    IdNumber,
    BirthDate,
    Phone,
}

impl ProfileItem {
    pub const ALL: [ProfileItem; 4] = [ProfileItem::Name, ProfileItem::IdNumber, ProfileItem::BirthDate, ProfileItem::Phone];

    pub fn label(self) -> Msg {
        match self {
            ProfileItem::Name => Msg::ProfileName,
            ProfileItem::IdNumber => Msg::ProfileIdNumber,
            ProfileItem::BirthDate => Msg::ProfileBirthDate,
            ProfileItem::Phone => Msg::ProfilePhone,
        }
    }
}

/// The saved details: answers as the forms hold them (a date as its three parts).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub items: BTreeMap<ProfileItem, Vec<String>>,
}

impl Profile {
    /// The details a form's answers hold, for the fields the form marks.
    pub fn from_answers(def: &FormDef, answers: &Answers) -> Profile {
        let mut items = BTreeMap::new();
        for field in def.fields().filter(|f| def.is_shown(f, answers)) {
            let Some(item) = field.prefill else { continue };
            let values: Vec<String> = keys(&field.id, &field.kind).iter().map(|k| answers.get(k).cloned().unwrap_or_default()).collect();
            if values.iter().any(|v| !v.trim().is_empty()) {
                items.insert(item, values);
            }
        }
        Profile { items }
    }

    /// Fills the empty marked fields of a form; returns whether anything was filled.
    pub fn fill(&self, def: &FormDef, answers: &mut Answers) -> bool {
        let mut filled = false;
        for field in def.fields() {
            let Some(values) = field.prefill.and_then(|item| self.items.get(&item)) else { continue };
            let keys = keys(&field.id, &field.kind);
            if keys.len() != values.len() || keys.iter().any(|k| answers.get(k).is_some_and(|v| !v.trim().is_empty())) {
                continue;
            }
            for (k, v) in keys.into_iter().zip(values) {
                answers.insert(k, v.clone());
            }
            filled = true;
        }
        filled
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// A detail as people read it (a date as dd/mm/yyyy).
    pub fn display(&self, item: ProfileItem) -> Option<String> {
        let values = self.items.get(&item)?;
        Some(if values.len() == 3 { format!("{}/{}/{}", values[0], values[1], values[2]) } else { values.join(" ") })
    }
}

/// The answer keys of a field: a date's three parts, or the field itself.
fn keys(id: &str, kind: &FieldKind) -> Vec<String> {
    match kind {
        FieldKind::Date { .. } => ["day", "month", "year"].iter().map(|p| format!("{id}.{p}")).collect(),
        _ => vec![id.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::{FieldDef, StepDef};
    use crate::i18n::Localized;

    fn field(id: &str, kind: FieldKind, prefill: Option<ProfileItem>) -> FieldDef {
        let l = Localized { vi: id.into(), en: id.into() };
        FieldDef { id: id.into(), label: l, hint: None, required: true, kind, show_if: None, prefill }
    }

    fn form(name_field: &str) -> FormDef {
        FormDef {
            steps: vec![StepDef {
                id: "s".into(),
                title: Localized { vi: "s".into(), en: "s".into() },
                fields: vec![
                    field(name_field, FieldKind::Text { max: 100 }, Some(ProfileItem::Name)),
                    field("dob", FieldKind::Date { not_future: true, after: None, min_age: None }, Some(ProfileItem::BirthDate)),
                    field("phone", FieldKind::Phone, Some(ProfileItem::Phone)),
                    field("child_name", FieldKind::Text { max: 100 }, None),
                ],
            }],
        }
    }

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn details_saved_from_one_form_fill_another() {
        let a = answers(&[("name", "Lê Văn An"), ("dob.day", "5"), ("dob.month", "3"), ("dob.year", "1995"), ("phone", "0912 345 678"), ("child_name", "Bé")]);
        let profile = Profile::from_answers(&form("name"), &a);
        assert_eq!(profile.items.len(), 3, "only marked fields are kept");
        assert_eq!(profile.display(ProfileItem::BirthDate).as_deref(), Some("5/3/1995"));
        let other = form("requester_name");
        let mut b = answers(&[("phone", "0987 654 321")]);
        assert!(profile.fill(&other, &mut b));
        assert_eq!(b["requester_name"], "Lê Văn An");
        assert_eq!(b["dob.year"], "1995");
        assert_eq!(b["phone"], "0987 654 321", "what the user typed is never replaced");
        assert!(!b.contains_key("child_name"));
    }

    #[test]
    fn nothing_to_keep_or_fill_from_empty_answers() {
        let profile = Profile::from_answers(&form("name"), &Answers::new());
        assert!(profile.is_empty());
        let mut b = Answers::new();
        assert!(!profile.fill(&form("name"), &mut b));
        let json = serde_json::to_string(&profile).unwrap();
        assert_eq!(serde_json::from_str::<Profile>(&json).unwrap(), profile);
    }
}
