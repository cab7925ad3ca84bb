//! The catalogue of administrative procedures: what each needs, costs and takes, in both languages.
//! The gateway seeds it from `crates/gateway/data/procedures.json` and serves it; the app lists and
//! searches it.

use crate::i18n::Localized;
use crate::text;
use serde::{Deserialize, Serialize};

pub const PROCEDURES_PATH: &str = "/procedures";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    pub fields: Vec<Field>,
    pub procedures: Vec<Procedure>,
}

/// An area of administration (hộ tịch, chứng thực, cư trú…).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub id: String,
    pub name: Localized,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Procedure {
    /// Address slug: `/dich-vu-cong/<id>`.
    pub id: String,
    /// Code in the national catalogue (`1.001193`), when known.
    pub code: Option<String>,
    pub field: String,
    pub name: Localized,
    /// Everyday and old names people search with ("hộ khẩu", "giấy độc thân").
    pub aliases: Vec<String>,
    /// Who may apply.
    pub who: Localized,
    /// Papers to provide.
    pub papers: Vec<Localized>,
    /// Processing time.
    pub time: Localized,
    /// Working days from submission to the appointment for the result (0: the same day).
    pub working_days: u32,
    /// The fee charged online in đồng: 0 when free, `None` when it varies or is not confirmed (then
    /// `fee` explains, and no payment is taken online).
    pub fee_vnd: Option<u64>,
    /// The fee and its conditions, for people.
    pub fee: Localized,
    pub legal_basis: Vec<String>,
    /// Where the result is collected.
    pub result_at: Localized,
    /// The online form; `None` while the procedure can only be done at the counter.
    #[serde(default)]
    pub form: Option<crate::forms::FormDef>,
}

/// One line of the catalogue list (`GET /api/v1/procedures`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcedureSummary {
    pub id: String,
    pub code: Option<String>,
    pub field: String,
    pub name: Localized,
    pub aliases: Vec<String>,
    pub fee_vnd: Option<u64>,
    /// Whether it can be submitted online.
    pub online: bool,
}

/// `GET /api/v1/procedures`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcedureList {
    pub fields: Vec<Field>,
    pub procedures: Vec<ProcedureSummary>,
}

impl Procedure {
    pub fn summary(&self) -> ProcedureSummary {
        ProcedureSummary {
            id: self.id.clone(),
            code: self.code.clone(),
            field: self.field.clone(),
            name: self.name.clone(),
            aliases: self.aliases.clone(),
            fee_vnd: self.fee_vnd,
            online: self.form.is_some(),
        }
    }
}

impl Catalogue {
    pub fn parse(json: &str) -> Result<Catalogue, String> {
        serde_json::from_str(json).map_err(|e| format!("procedures.json is not valid: {e}"))
    }

    /// Every content problem, each naming the procedure and field.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for p in &self.procedures {
            if !seen.insert(&p.id) {
                out.push(format!("procedure {}: id used twice", p.id));
            }
            if p.id.is_empty() || !p.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
                out.push(format!("procedure {}: id must be lower-case ASCII letters, digits and -", p.id));
            }
            if !self.fields.iter().any(|f| f.id == p.field) {
                out.push(format!("procedure {}: unknown field {}", p.id, p.field));
            }
            let texts = [("name", &p.name), ("who", &p.who), ("time", &p.time), ("fee", &p.fee), ("result_at", &p.result_at)];
            for (name, t) in texts.into_iter().chain(p.papers.iter().map(|x| ("papers", x))) {
                if t.vi.trim().is_empty() || t.en.trim().is_empty() {
                    out.push(format!("procedure {}: {name} is missing a language", p.id));
                }
            }
            if p.papers.is_empty() {
                out.push(format!("procedure {}: no papers listed", p.id));
            }
            if p.legal_basis.is_empty() {
                out.push(format!("procedure {}: no legal basis", p.id));
            }
            for problem in p.form.iter().flat_map(|f| f.problems()) {
                out.push(format!("procedure {}: form: {problem}", p.id));
            }
            if let Some(code) = &p.code {
                let ok = code.split_once('.').is_some_and(|(a, b)| a.len() == 1 && b.len() == 6 && (a.to_string() + b).bytes().all(|c| c.is_ascii_digit()));
                if !ok {
                    out.push(format!("procedure {}: code {code} is not like 1.001193", p.id));
                }
            }
        }
        out
    }
}

/// Procedures matching a query typed with or without accents, by official or old name, best first.
/// Every word of the query must be found (in the name, the aliases or the code).
pub fn search(procedures: &[ProcedureSummary], query: &str) -> Vec<usize> {
    let words = text::tokens(query);
    if words.is_empty() {
        return (0..procedures.len()).collect();
    }
    let mut scored: Vec<(usize, usize)> = procedures
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let name = format!("{} {}", text::fold(&p.name.vi), text::fold(&p.name.en));
            let aliases: Vec<String> = p.aliases.iter().map(|a| text::fold(a)).collect();
            let code = text::tokens(p.code.as_deref().unwrap_or_default()).join(" ");
            let haystack = format!(" {} {} {code} ", text::tokens(&name).join(" "), aliases.iter().map(|a| text::tokens(a).join(" ")).collect::<Vec<_>>().join(" | "));
            // Whole words, or the start of a word for the last one (the user may still be typing).
            let found = words.iter().enumerate().all(|(k, w)| {
                haystack.contains(&format!(" {w} ")) || (k == words.len() - 1 && haystack.contains(&format!(" {w}")))
            });
            if !found {
                return None;
            }
            let phrase = words.join(" ");
            let in_name = text::tokens(&name).join(" ").contains(&phrase);
            let in_alias = aliases.iter().any(|a| text::tokens(a).join(" ").contains(&phrase));
            Some((i, usize::from(in_name) * 2 + usize::from(in_alias)))
        })
        .collect();
    scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.into_iter().map(|(i, _)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn catalogue() -> Catalogue {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../gateway/data/procedures.json");
        Catalogue::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn ids(q: &str) -> Vec<String> {
        let c = catalogue();
        let list: Vec<ProcedureSummary> = c.procedures.iter().map(Procedure::summary).collect();
        search(&list, q).into_iter().map(|i| list[i].id.clone()).collect()
    }

    #[test]
    fn the_catalogue_is_complete_and_valid() {
        let c = catalogue();
        assert_eq!(c.problems(), Vec::<String>::new());
        for id in ["khai-sinh", "ket-hon", "khai-tu", "xac-nhan-hon-nhan", "trich-luc-ho-tich", "chung-thuc-ban-sao", "thuong-tru"] {
            let p = c.procedures.iter().find(|p| p.id == id).unwrap_or_else(|| panic!("{id} missing"));
            assert!(p.form.is_some(), "{id} can be submitted online");
        }
        let thuong_tru = c.procedures.iter().find(|p| p.id == "thuong-tru").unwrap();
        assert_eq!(thuong_tru.fee_vnd, Some(10_000));
    }

    #[test]
    fn found_with_or_without_accents_and_by_old_names() {
        assert_eq!(ids("khai sinh")[0], "khai-sinh");
        assert_eq!(ids("Đăng ký khai sinh")[0], "khai-sinh");
        assert_eq!(ids("dang ky khai sinh")[0], "khai-sinh");
        assert_eq!(ids("giấy độc thân"), vec!["xac-nhan-hon-nhan"]);
        assert_eq!(ids("giay doc than"), vec!["xac-nhan-hon-nhan"]);
        assert_eq!(ids("hộ khẩu"), vec!["thuong-tru"]);
        assert_eq!(ids("cong chung"), vec!["chung-thuc-ban-sao"]);
        assert_eq!(ids("1.001193"), vec!["khai-sinh"]);
        assert_eq!(ids("birth"), vec!["khai-sinh"]);
        // Official names first, then a match by an everyday name ("bản sao giấy khai sinh").
        assert_eq!(ids("khai"), vec!["khai-sinh", "khai-tu", "trich-luc-ho-tich"]);
        assert!(ids("xổ số").is_empty());
        assert_eq!(ids("").len(), 7);
    }

    #[test]
    fn problems_name_the_procedure() {
        let mut c = catalogue();
        c.procedures[0].field = "x".into();
        c.procedures[1].papers[0].en.clear();
        c.procedures[2].code = Some("1001193".into());
        assert_eq!(c.problems().len(), 3);
    }

    proptest! {
        #[test]
        fn search_never_panics(q in "\\PC{0,30}") {
            let _ = ids(&q);
        }
    }
}
