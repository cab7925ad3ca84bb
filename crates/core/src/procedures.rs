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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub id: String,
    pub name: Localized,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    /// A fee that depends on the answers (certified copies are charged by page); then `fee_vnd` is the
    /// lowest fee, for the catalogue.
    #[serde(default)]
    pub fee_by_page: Option<PageFee>,
}

/// So much for each of the first pages, less for each further page, at most so much a copy (DOMAIN.md:
/// chứng thực bản sao, 2,000 đ a page, from the third 1,000 đ, at most 200,000 đ a copy).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFee {
    /// The number fields of the form that give the pages and the copies.
    pub pages_field: String,
    pub copies_field: String,
    pub first_pages: u64,
    pub first_page_vnd: u64,
    pub next_page_vnd: u64,
    pub max_per_copy_vnd: u64,
}

impl PageFee {
    pub fn fee(&self, pages: u64, copies: u64) -> u64 {
        let first = pages.min(self.first_pages) * self.first_page_vnd;
        let rest = pages.saturating_sub(self.first_pages).saturating_mul(self.next_page_vnd);
        first.saturating_add(rest).min(self.max_per_copy_vnd).saturating_mul(copies)
    }
}

impl Procedure {
    /// The fee for a dossier with these (checked) answers, in đồng; `None` when none is taken online.
    pub fn fee_for(&self, answers: &crate::forms::Answers) -> Option<u64> {
        match &self.fee_by_page {
            Some(rule) => {
                let number = |id: &str| answers.get(id).and_then(|v| v.trim().parse::<u64>().ok());
                Some(rule.fee(number(&rule.pages_field)?, number(&rule.copies_field)?))
            }
            None => self.fee_vnd,
        }
    }
}

/// One line of the catalogue list (`GET /api/v1/procedures`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
            if let Some(rule) = &p.fee_by_page {
                for id in [&rule.pages_field, &rule.copies_field] {
                    let field = p.form.as_ref().and_then(|f| f.field(id));
                    if !field.is_some_and(|f| f.required && f.show_if.is_none() && matches!(f.kind, crate::forms::FieldKind::Number { .. })) {
                        out.push(format!("procedure {}: fee_by_page needs {id} to be a required number field of its form", p.id));
                    }
                }
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
    crate::order::sort_by(&mut scored, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
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

    #[test]
    fn certified_copies_are_charged_by_page() {
        let c = catalogue();
        let copy = c.procedures.iter().find(|p| p.id == "chung-thuc-ban-sao").unwrap();
        let fee = |pages: &str, copies: &str| {
            let answers = [("pages", pages), ("copies", copies)].map(|(k, v)| (k.to_string(), v.to_string())).into_iter().collect();
            copy.fee_for(&answers)
        };
        assert_eq!(fee("1", "1"), Some(2_000));
        assert_eq!(fee("2", "1"), Some(4_000));
        assert_eq!(fee("3", "1"), Some(5_000), "from the third page, 1,000 đ");
        assert_eq!(fee("10", "3"), Some(36_000));
        assert_eq!(fee("400", "2"), Some(400_000), "at most 200,000 đ a copy");
        assert_eq!(fee("x", "1"), None);
        let birth = c.procedures.iter().find(|p| p.id == "khai-sinh").unwrap();
        assert_eq!(birth.fee_for(&Default::default()), Some(0));
        let mut broken = c.clone();
        let i = broken.procedures.iter().position(|p| p.id == "chung-thuc-ban-sao").unwrap();
        broken.procedures[i].fee_by_page.as_mut().unwrap().pages_field = "document_name".into();
        assert_eq!(broken.problems().len(), 1);
    }

    proptest! {
        #[test]
        fn a_page_fee_grows_with_pages_and_never_passes_the_cap(pages in 0u64..100_000, copies in 0u64..1000) {
            let rule = PageFee { pages_field: "p".into(), copies_field: "c".into(), first_pages: 2, first_page_vnd: 2_000, next_page_vnd: 1_000, max_per_copy_vnd: 200_000 };
            prop_assert!(rule.fee(pages, copies) <= 200_000 * copies);
            prop_assert!(rule.fee(pages, copies) <= rule.fee(pages + 1, copies));
            prop_assert_eq!(rule.fee(pages, copies), rule.fee(pages, 1) * copies);
        }

        #[test]
        fn search_never_panics(q in "\\PC{0,30}") {
            let _ = ids(&q);
        }
    }
}
