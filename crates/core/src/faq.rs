//! The FAQ: its content model (edited by the city in `public/faq.json`), validation of that content, and
//! the search engine that answers questions typed with or without accents, with Telex residue, typos,
//! old names, or in English. It says when it does not know instead of guessing.

use crate::i18n::Lang;
use crate::routes::{self, Area};
use crate::text;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaqData {
    pub groups: Vec<FaqGroup>,
    /// Groups of words or phrases people use for the same thing ("hộ khẩu", "thường trú").
    #[serde(default)]
    pub synonyms: Vec<Vec<String>>,
    pub entries: Vec<FaqEntry>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaqGroup {
    pub id: String,
    pub vi: String,
    pub en: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaqEntry {
    pub id: String,
    pub group: String,
    pub vi: FaqText,
    pub en: FaqText,
    #[serde(default)]
    pub actions: Vec<FaqAction>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaqText {
    pub question: String,
    /// Other ways people ask the same question.
    pub phrasings: Vec<String>,
    /// Words and old names that point to this answer.
    pub keywords: Vec<String>,
    /// Short steps, shown as a numbered list.
    pub answer: Vec<String>,
}

/// What an answer offers to do next. In JSON: `{"kind": "procedure", "to": "khai-sinh"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawAction", into = "RawAction")]
pub enum FaqAction {
    /// Start the procedure with this id.
    Procedure { to: String },
    /// Open the tutorial with this id.
    Tutorial { to: String },
    /// Open an area of the app by its address segment.
    Area { to: String },
    /// Call the city hotline.
    Call,
    /// Track a dossier.
    Track,
}

/// The JSON shape of an action. (Serde's tagged enums would cost the app ≈14 KB of wasm; this costs
/// almost nothing.)
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAction {
    kind: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    to: String,
}

impl TryFrom<RawAction> for FaqAction {
    type Error = String;

    fn try_from(raw: RawAction) -> Result<FaqAction, String> {
        let to = raw.to;
        Ok(match raw.kind.as_str() {
            "procedure" => FaqAction::Procedure { to },
            "tutorial" => FaqAction::Tutorial { to },
            "area" => FaqAction::Area { to },
            "call" => FaqAction::Call,
            "track" => FaqAction::Track,
            other => return Err(format!("unknown action kind {other:?}")),
        })
    }
}

impl From<FaqAction> for RawAction {
    fn from(action: FaqAction) -> RawAction {
        let (kind, to) = match action {
            FaqAction::Procedure { to } => ("procedure", to),
            FaqAction::Tutorial { to } => ("tutorial", to),
            FaqAction::Area { to } => ("area", to),
            FaqAction::Call => ("call", String::new()),
            FaqAction::Track => ("track", String::new()),
        };
        RawAction { kind: kind.into(), to }
    }
}

impl FaqAction {
    /// The app address the action opens (`None` for a phone call).
    pub fn path(&self) -> Option<String> {
        match self {
            FaqAction::Procedure { to } => Some(format!("{}/{to}", routes::PROCEDURES)),
            FaqAction::Tutorial { to } => Some(format!("{}/{to}", routes::TUTORIALS)),
            FaqAction::Area { to } => Some(format!("/{to}")),
            FaqAction::Track => Some(routes::TRACKING.to_string()),
            FaqAction::Call => None,
        }
    }
}

impl FaqEntry {
    pub fn text(&self, lang: Lang) -> &FaqText {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

impl FaqGroup {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

impl FaqData {
    pub fn parse(json: &str) -> Result<FaqData, String> {
        serde_json::from_str(json).map_err(|e| format!("faq.json is not valid: {e}"))
    }

    /// Every problem in the content, each naming the entry and field, so a city editor can fix them all
    /// in one go.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for g in &self.groups {
            if g.vi.trim().is_empty() || g.en.trim().is_empty() {
                out.push(format!("group {}: name missing in a language", g.id));
            }
        }
        for e in &self.entries {
            if !seen.insert(e.id.as_str()) {
                out.push(format!("entry {}: id used twice", e.id));
            }
            if !self.groups.iter().any(|g| g.id == e.group) {
                out.push(format!("entry {}: unknown group {}", e.id, e.group));
            }
            for (lang, t) in [("vi", &e.vi), ("en", &e.en)] {
                if t.question.trim().is_empty() {
                    out.push(format!("entry {}: {lang}.question is empty", e.id));
                }
                if t.answer.is_empty() || t.answer.iter().any(|s| s.trim().is_empty()) {
                    out.push(format!("entry {}: {lang}.answer is empty or has an empty step", e.id));
                }
                if t.phrasings.is_empty() {
                    out.push(format!("entry {}: {lang}.phrasings is empty", e.id));
                }
            }
            for action in &e.actions {
                let ok = match action {
                    FaqAction::Area { to } => Area::from_segment(to).is_some(),
                    FaqAction::Procedure { to } | FaqAction::Tutorial { to } => {
                        !to.is_empty() && to.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
                    }
                    FaqAction::Call | FaqAction::Track => true,
                };
                let path_ok = action.path().is_none_or(|p| routes::is_app_path(&p));
                if !ok || !path_ok {
                    out.push(format!("entry {}: action {action:?} leads nowhere", e.id));
                }
            }
        }
        out
    }
}

/// Words that carry no topic on their own (folded), in each language.
const VI_STOPWORDS: &[&str] = &[
    // "làm" is kept: "làm giấy khai sinh" asks to register, not for a copy
    "la", "cua", "cho", "thi", "va", "voi", "co", "khong", "duoc", "nhu", "the", "nao", "gi", "sao", "o",
    "dau", "toi", "minh", "ban", "em", "anh", "chi", "can", "phai", "bao", "nhieu", "lau", "hom",
    "nay", "roi", "den", "di", "ve", "ra", "vao", "tu", "cac", "nhung", "nhe", "a", "oi", "vay", "day",
    "ai", "khi", "neu", "de", "bi", "da", "se", "muon", "hay", "hoac", "thu", "tuc", "ne", "kia",
    "vua", "moi", "xong", "bay", "luc", "nguoi", "cung", "rat", "nua", "lai", "thoi", "ma",
];
const EN_STOPWORDS: &[&str] = &[
    "the", "an", "is", "are", "am", "do", "does", "did", "i", "my", "me", "we", "you", "your", "to", "for",
    "of", "in", "on", "at", "and", "or", "what", "how", "where", "when", "which", "who", "can", "with",
    "it", "this", "that", "be", "there", "get", "need", "s", "have", "has", "about", "from", "want", "should",
];

fn is_stopword(t: &str) -> bool {
    VI_STOPWORDS.contains(&t) || EN_STOPWORDS.contains(&t)
}

/// Unigrams of a text (stopwords and single letters dropped) and bigrams of words that stand side by
/// side. A stopword still pairs with its neighbours: folded, a topic word may be spelt like one ("khai
/// tử" gives "khai tu", and "tu" is also "từ", from), and only the pair tells them apart.
fn terms(text_: &str) -> (Vec<String>, Vec<String>) {
    let mut words = Vec::new();
    let mut bigrams = Vec::new();
    let mut previous: Option<String> = None;
    for t in text::tokens(text_) {
        if !(t.chars().count() > 1 || t.chars().all(|c| c.is_ascii_digit())) {
            previous = None;
            continue;
        }
        if let Some(p) = previous.take() {
            bigrams.push(format!("{p} {t}"));
        }
        previous = Some(t.clone());
        if !is_stopword(&t) {
            words.push(t);
        }
    }
    (words, bigrams)
}

/// Field weights: what people ask counts most, the answer text least.
const W_QUESTION: f32 = 3.0;
const W_KEYWORD: f32 = 3.0;
const W_ANSWER: f32 = 0.5;
const K1: f32 = 1.2;
const B: f32 = 0.75;
const BIGRAM_BOOST: f32 = 1.5;
/// Share of the query's meaning (by IDF) the best answer must cover to be given…
const MIN_COVERAGE: f32 = 0.55;
/// …or this much, when it also clearly beats the runner-up.
const MIN_COVERAGE_WITH_MARGIN: f32 = 0.35;
const MARGIN: f32 = 1.6;
/// Below this, a topic is not worth suggesting when the bot declines.
const MIN_COVERAGE_TO_SUGGEST: f32 = 0.2;
/// What a matched word without a matching neighbour counts for in the coverage.
const LONE_WORD: f32 = 0.6;

/// The search index: built once from the content, in milliseconds.
pub struct FaqIndex {
    /// term → (entry index, weighted term frequency)
    postings: HashMap<String, Vec<(usize, f32)>>,
    doc_len: Vec<f32>,
    avg_len: f32,
    /// Folded synonym groups, each a list of phrases (token lists).
    synonyms: Vec<Vec<Vec<String>>>,
    n_docs: usize,
    /// Words only the English texts use, and only the Vietnamese ones (to tell a question's language).
    en_only: std::collections::HashSet<String>,
    vi_only: std::collections::HashSet<String>,
}

/// One ranked topic.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    pub entry: usize,
    pub score: f32,
}

/// What the engine answers.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchResult {
    /// Best first, at most the number asked for.
    pub hits: Vec<Hit>,
    /// Whether the first hit is good enough to be given as the answer.
    pub confident: bool,
}

impl SearchResult {
    pub fn answer(&self) -> Option<usize> {
        self.confident.then(|| self.hits.first().map(|h| h.entry)).flatten()
    }
}

/// Builds the index an entry at a time, so the app can give the page back between entries (one long
/// task of tens of milliseconds on a slow phone would make the page stop answering meanwhile).
pub struct IndexBuilder<'a> {
    data: &'a FaqData,
    next: usize,
    /// term → (entry index, weighted term frequency), entries in order as they are added.
    postings: HashMap<String, Vec<(usize, f32)>>,
    doc_len: Vec<f32>,
    /// Each language's words, to tell a question's language.
    words: [std::collections::HashSet<String>; 2],
}

impl IndexBuilder<'_> {
    /// Adds the next entry; false once every entry is in.
    pub fn step(&mut self) -> bool {
        let Some(entry) = self.data.entries.get(self.next) else { return false };
        let i = self.next;
        for (t, words) in [&entry.vi, &entry.en].into_iter().zip(&mut self.words) {
            let mut add = |s: &str, w: f32| {
                let (uni, bi) = terms(s);
                self.doc_len[i] += w * uni.len() as f32;
                words.extend(uni.iter().cloned());
                for term in uni.into_iter().chain(bi) {
                    let docs = self.postings.entry(term).or_default();
                    match docs.last_mut() {
                        Some((doc, tf)) if *doc == i => *tf += w,
                        _ => docs.push((i, w)),
                    }
                }
            };
            add(&t.question, W_QUESTION);
            t.phrasings.iter().for_each(|p| add(p, W_QUESTION));
            t.keywords.iter().for_each(|k| add(k, W_KEYWORD));
            t.answer.iter().for_each(|a| add(a, W_ANSWER));
        }
        self.next += 1;
        true
    }

    pub fn finish(mut self) -> FaqIndex {
        while self.step() {}
        let [vi, en] = self.words;
        let en_only = en.difference(&vi).cloned().collect();
        let vi_only = vi.difference(&en).cloned().collect();
        let n_docs = self.data.entries.len();
        let avg_len = self.doc_len.iter().sum::<f32>() / n_docs.max(1) as f32;
        let synonyms = self
            .data
            .synonyms
            .iter()
            .map(|group| group.iter().map(|p| text::tokens(p)).collect())
            .collect();
        FaqIndex { postings: self.postings, doc_len: self.doc_len, avg_len, synonyms, n_docs, en_only, vi_only }
    }
}

impl FaqIndex {
    pub fn build(data: &FaqData) -> FaqIndex {
        FaqIndex::builder(data).finish()
    }

    pub fn builder(data: &FaqData) -> IndexBuilder<'_> {
        let doc_len = vec![0f32; data.entries.len()];
        IndexBuilder { data, next: 0, postings: HashMap::new(), doc_len, words: Default::default() }
    }

    /// The language a question is written in, when that is clear: Vietnamese marks say Vietnamese;
    /// otherwise the words only one language's texts use, and each language's filler words, decide.
    pub fn language_of(&self, query: &str) -> Option<Lang> {
        if query.chars().any(|c| c.is_alphabetic() && !c.is_ascii()) {
            return Some(Lang::Vi);
        }
        let (mut en, mut vi) = (0, 0);
        for t in text::tokens(query) {
            let (is_en, is_vi) = (self.en_only.contains(&t) || EN_STOPWORDS.contains(&t.as_str()), self.vi_only.contains(&t) || VI_STOPWORDS.contains(&t.as_str()));
            match (is_en, is_vi) {
                (true, false) => en += 1,
                (false, true) => vi += 1,
                _ => {}
            }
        }
        match en.cmp(&vi) {
            std::cmp::Ordering::Greater => Some(Lang::En),
            std::cmp::Ordering::Less => Some(Lang::Vi),
            std::cmp::Ordering::Equal => None,
        }
    }

    fn idf(&self, term: &str) -> Option<f32> {
        let df = self.postings.get(term)?.len() as f32;
        let n = self.n_docs as f32;
        Some(((n - df + 0.5) / (df + 0.5) + 1.0).ln())
    }

    /// The highest IDF a term can have: what an unknown word weighs in the coverage.
    fn max_idf(&self) -> f32 {
        let n = self.n_docs as f32;
        ((n - 0.5) / 1.5 + 1.0).ln()
    }

    /// A known term for a query word: itself, its Telex-free form, or a close spelling.
    fn resolve(&self, word: &str) -> Option<(String, f32)> {
        if self.postings.contains_key(word) {
            return Some((word.to_string(), 1.0));
        }
        if let Some(t) = text::untelex(word).filter(|t| self.postings.contains_key(t)) {
            return Some((t, 1.0));
        }
        // "ki"/"ky", "li"/"ly": both spellings are in everyday use.
        let swapped = match word.strip_suffix('i') {
            Some(stem) => format!("{stem}y"),
            None => match word.strip_suffix('y') {
                Some(stem) => format!("{stem}i"),
                None => String::new(),
            },
        };
        if self.postings.contains_key(&swapped) {
            return Some((swapped, 1.0));
        }
        let len = word.chars().count();
        let max = match len {
            0..=4 => return None,
            5..=7 => 1,
            _ => 2,
        };
        // The closest known word; among equals, the most common.
        self.postings
            .iter()
            .filter(|(t, _)| !t.contains(' '))
            .filter_map(|(t, docs)| text::within_distance(word, t, max).map(|d| (d, docs.len(), t)))
            .min_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)))
            .map(|(d, _, t)| (t.clone(), if d == 1 { 0.8 } else { 0.6 }))
    }

    /// A synonym phrase whose words the corpus never uses (a regional form such as "khai sanh") is read
    /// as the group's phrase that it does use, so it counts as understood rather than unknown.
    fn canonical(&self, mut words: Vec<String>) -> Vec<String> {
        // Known as a phrase: folded syllables are ambiguous ("sanh" is also "sảnh", a hall), so a
        // phrase of several words counts only when its word pairs occur.
        let known = |phrase: &Vec<String>| match phrase.as_slice() {
            [word] => self.postings.contains_key(word),
            words => words.windows(2).all(|w| self.postings.contains_key(&format!("{} {}", w[0], w[1]))),
        };
        for group in &self.synonyms {
            let Some(target) = group.iter().find(|p| known(p)) else { continue };
            for phrase in group.iter().filter(|p| !p.is_empty() && !known(p)) {
                let mut i = 0;
                while i + phrase.len() <= words.len() {
                    if words[i..i + phrase.len()] == phrase[..] {
                        words.splice(i..i + phrase.len(), target.iter().cloned());
                        i += target.len();
                    } else {
                        i += 1;
                    }
                }
            }
        }
        words
    }

    pub fn search(&self, query: &str, limit: usize) -> SearchResult {
        let (words, pairs) = terms(query);
        let words = self.canonical(words);
        // Pairs with a stopword that the content has ("khai tu", "bao tu"): a topic, not filler.
        let stop_pairs: Vec<String> = pairs
            .into_iter()
            .filter(|p| p.split(' ').any(is_stopword) && self.postings.contains_key(p))
            .collect();
        // Each query word, resolved to a known term (with a weight for how sure that is) or unknown.
        let resolved: Vec<(String, Option<(String, f32)>)> =
            words.iter().map(|w| (w.clone(), self.resolve(w))).collect();

        let mut weighted: Vec<(String, f32)> = Vec::new();
        let mut known: Vec<String> = Vec::new();
        for (_, r) in &resolved {
            if let Some((term, w)) = r {
                weighted.push((term.clone(), *w));
                known.push(term.clone());
            }
        }
        for pair in known.windows(2) {
            weighted.push((format!("{} {}", pair[0], pair[1]), BIGRAM_BOOST));
        }
        weighted.extend(stop_pairs.iter().map(|p| (p.clone(), BIGRAM_BOOST)));
        // Synonyms: a phrase of a group in the query brings in the group's other phrases.
        for group in &self.synonyms {
            if group.iter().any(|phrase| contains_phrase(&known, phrase)) {
                for phrase in group.iter().filter(|p| !contains_phrase(&known, p)) {
                    let (uni, bi) = terms(&phrase.join(" "));
                    weighted.extend(uni.into_iter().map(|t| (t, 0.5)));
                    weighted.extend(bi.into_iter().map(|t| (t, 0.5 * BIGRAM_BOOST)));
                }
            }
        }

        let mut scores = vec![0f32; self.n_docs];
        for (term, weight) in &weighted {
            let (Some(docs), Some(idf)) = (self.postings.get(term), self.idf(term)) else { continue };
            for &(d, tf) in docs {
                let norm = K1 * (1.0 - B + B * self.doc_len[d] / self.avg_len);
                scores[d] += weight * idf * tf * (K1 + 1.0) / (tf + norm);
            }
        }

        let mut hits: Vec<Hit> = scores
            .iter()
            .enumerate()
            .filter(|(_, s)| **s > 0.0)
            .map(|(entry, &score)| Hit { entry, score })
            .collect();
        crate::order::sort_by(&mut hits, |a, b| b.score.total_cmp(&a.score).then(a.entry.cmp(&b.entry)));
        hits.truncate(limit);

        let confident = match hits.first() {
            Some(best) => {
                let coverage = self.coverage(&resolved, best.entry);
                let margin = hits.get(1).map_or(f32::INFINITY, |second| best.score / second.score);
                coverage >= MIN_COVERAGE || (coverage >= MIN_COVERAGE_WITH_MARGIN && margin >= MARGIN)
            }
            None => false,
        };
        if !confident {
            // Offered instead of an answer only when they explain part of the question.
            hits.retain(|h| self.coverage(&resolved, h.entry) >= MIN_COVERAGE_TO_SUGGEST);
        }
        SearchResult { hits, confident }
    }

    /// How much of the query (by IDF) an entry explains. Unknown words count fully against it. Folded
    /// Vietnamese syllables are ambiguous ("phở bò" and "phố đi bộ" both give "pho", "bo"), so a word
    /// counts in full only when the entry also has it next to a neighbouring query word, or when the
    /// query has a single word.
    fn coverage(&self, resolved: &[(String, Option<(String, f32)>)], entry: usize) -> f32 {
        let has = |term: &str| self.postings.get(term).is_some_and(|docs| docs.binary_search_by_key(&entry, |&(d, _)| d).is_ok());
        let terms: Vec<Option<&str>> = resolved.iter().map(|(_, r)| r.as_ref().map(|(t, _)| t.as_str())).collect();
        let single = terms.len() == 1;
        let (mut total, mut matched) = (0f32, 0f32);
        for (i, (_, r)) in resolved.iter().enumerate() {
            let Some((term, w)) = r else {
                total += self.max_idf();
                continue;
            };
            let idf = self.idf(term).unwrap_or(0.0) * w.min(1.0);
            total += idf;
            if !has(term) {
                continue;
            }
            let in_pair = |j: Option<usize>| {
                j.and_then(|j| terms.get(j).copied().flatten()).is_some_and(|other| {
                    let (a, b) = if j.unwrap() < i { (other, term.as_str()) } else { (term.as_str(), other) };
                    has(&format!("{a} {b}"))
                })
            };
            let paired = single || in_pair(i.checked_sub(1)) || in_pair(Some(i + 1));
            matched += if paired { idf } else { idf * LONE_WORD };
        }
        if total > 0.0 { matched / total } else { 0.0 }
    }
}

fn contains_phrase(words: &[String], phrase: &[String]) -> bool {
    !phrase.is_empty() && words.windows(phrase.len()).any(|w| w == phrase)
}

/// Reads the evaluation set format: `query<TAB>expected_id`, with a header line.
pub fn parse_queries(tsv: &str) -> Vec<(String, String)> {
    tsv.lines()
        .skip(1)
        .filter_map(|line| {
            let (q, id) = line.split_once('\t')?;
            Some((q.trim().to_string(), id.trim().to_string()))
        })
        .filter(|(q, id)| !q.is_empty() && !id.is_empty())
        .collect()
}

/// Accuracy on an evaluation set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evaluation {
    pub top1: f64,
    pub top3: f64,
    pub none_correct: f64,
    pub n: usize,
    /// `(query, expected, what the engine gave)` for every miss.
    pub misses: Vec<(String, String, String)>,
}

impl Evaluation {
    pub fn summary(&self) -> String {
        format!("top1={:.3} top3={:.3} none_correct={:.3} n={}", self.top1, self.top3, self.none_correct, self.n)
    }
}

/// Scores the engine: top1 counts a confident right answer, top3 the right topic among the first three
/// offered; `none` queries count as right when the engine declines.
pub fn evaluate(data: &FaqData, index: &FaqIndex, queries: &[(String, String)]) -> Evaluation {
    let (mut top1, mut top3, mut answerable, mut none_ok, mut nones) = (0, 0, 0, 0, 0);
    let mut misses = Vec::new();
    for (query, expected) in queries {
        let result = index.search(query, 3);
        let given = result.answer().map(|i| data.entries[i].id.as_str()).unwrap_or("none");
        if expected == "none" {
            nones += 1;
            if given == "none" {
                none_ok += 1;
            } else {
                misses.push((query.clone(), expected.clone(), given.to_string()));
            }
            continue;
        }
        answerable += 1;
        if given == expected {
            top1 += 1;
        } else {
            let offered: Vec<&str> = result.hits.iter().map(|h| data.entries[h.entry].id.as_str()).collect();
            misses.push((query.clone(), expected.clone(), format!("{given} (offered {})", offered.join(", "))));
        }
        if result.hits.iter().take(3).any(|h| data.entries[h.entry].id == *expected) {
            top3 += 1;
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    Evaluation {
        top1: ratio(top1, answerable),
        top3: ratio(top3, answerable),
        none_correct: ratio(none_ok, nones),
        n: queries.len(),
        misses,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SHIPPED: &str = include_str!("../../../public/faq.json");
    /// A file of the project's `shared/` folder, which sits beside the repository (as in CI).
    fn shared(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared").join(name);
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("cannot read {}: {e}; clone the repository next to shared/ as CI does", path.display())
        })
    }

    fn data() -> FaqData {
        FaqData::parse(SHIPPED).unwrap()
    }

    #[test]
    fn regional_forms_listed_as_synonyms_are_understood() {
        let data = data();
        let index = FaqIndex::build(&data);
        for q in ["lam giay khai sanh", "lam giay khai sanh cho con can gi", "làm giấy khai sanh"] {
            let r = index.search(q, 3);
            assert_eq!(r.answer().map(|i| data.entries[i].id.as_str()), Some("khai-sinh"), "{q}");
        }
    }

    #[test]
    fn the_index_is_built_an_entry_a_step_and_answers_as_one_built_at_once() {
        let data = data();
        let mut builder = FaqIndex::builder(&data);
        let mut steps = 0;
        while builder.step() {
            steps += 1;
        }
        assert_eq!(steps, data.entries.len());
        let (stepped, whole) = (builder.finish(), FaqIndex::build(&data));
        for query in ["làm giấy khai sinh", "birth certificate", "dang ky thuong tru", "xyz"] {
            assert_eq!(stepped.search(query, 3), whole.search(query, 3), "{query}");
            assert_eq!(stepped.language_of(query), whole.language_of(query), "{query}");
        }
    }

    #[test]
    fn the_shipped_content_is_valid() {
        assert_eq!(data().problems(), Vec::<String>::new());
    }

    #[test]
    fn every_topic_has_an_answer_in_both_languages() {
        let data = data();
        for line in shared("faq/topics.tsv").lines().skip(1) {
            let id = line.split('\t').next().unwrap();
            let entry = data.entries.iter().find(|e| e.id == id);
            assert!(entry.is_some(), "topic {id} has no answer");
        }
    }

    #[test]
    fn actions_round_trip_through_json() {
        let actions = vec![FaqAction::Procedure { to: "khai-sinh".into() }, FaqAction::Call, FaqAction::Track];
        let json = serde_json::to_string(&actions).unwrap();
        assert_eq!(json, r#"[{"kind":"procedure","to":"khai-sinh"},{"kind":"call"},{"kind":"track"}]"#);
        assert_eq!(serde_json::from_str::<Vec<FaqAction>>(&json).unwrap(), actions);
        assert!(serde_json::from_str::<FaqAction>(r#"{"kind":"fly"}"#).is_err());
    }

    #[test]
    fn problems_are_reported_by_entry() {
        let mut d = data();
        d.entries[1].id = d.entries[0].id.clone();
        d.entries[2].en.answer.clear();
        d.entries[3].actions.push(FaqAction::Area { to: "khong-co".into() });
        d.entries[4].group = "x".into();
        let problems = d.problems();
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems[0].contains("used twice"));
    }

    fn top(index: &FaqIndex, data: &FaqData, q: &str) -> Option<String> {
        index.search(q, 3).answer().map(|i| data.entries[i].id.clone())
    }

    #[test]
    fn understands_accents_telex_typos_old_names_and_english() {
        let d = data();
        let index = FaqIndex::build(&d);
        for (q, id) in [
            ("đăng ký khai sinh", "khai-sinh"),
            ("dang ky khai sinh", "khai-sinh"),
            ("ĐĂNG KÝ KHAI SINH", "khai-sinh"),
            ("ddawng kys khai sinh", "khai-sinh"),
            ("hộ khẩu", "thuong-tru"),
            ("giấy độc thân", "xac-nhan-hon-nhan"),
            ("mất căn cước phải làm sao", "can-cuoc"),
            ("CMND", "can-cuoc"),
            ("free wifi", "wifi-du-lich"),
            ("registr birth", "khai-sinh"),
            ("thuong tru onlien", "thuong-tru"),
        ] {
            assert_eq!(top(&index, &d, q).as_deref(), Some(id), "{q}");
        }
    }

    #[test]
    fn topic_words_spelt_like_filler_once_folded_still_count() {
        // "tử" (death) folds to "tu", as "từ" (from) does; "báo tử" to "bao", as "bao" (how much).
        let d = data();
        let index = FaqIndex::build(&d);
        for (q, id) in [
            ("đăng ký khai tử", "khai-tu"),
            ("dang ky khai tu", "khai-tu"),
            ("khai tử", "khai-tu"),
            ("giấy báo tử", "khai-tu"),
            ("đăng ký khai sinh", "khai-sinh"),
            ("từ đâu đăng ký khai sinh", "khai-sinh"),
        ] {
            assert_eq!(top(&index, &d, q).as_deref(), Some(id), "{q}");
        }
    }

    #[test]
    fn a_questions_language_is_told_when_it_is_clear() {
        let d = data();
        let index = FaqIndex::build(&d);
        assert_eq!(index.language_of("birth certificate for newborn"), Some(Lang::En));
        assert_eq!(index.language_of("how do I pay the fee"), Some(Lang::En));
        assert_eq!(index.language_of("đăng ký khai sinh"), Some(Lang::Vi));
        assert_eq!(index.language_of("dang ky khai sinh cho con"), Some(Lang::Vi));
        assert_eq!(index.language_of("CMND"), None, "not clear: the page's language is kept");
    }

    #[test]
    fn declines_what_it_does_not_know() {
        let d = data();
        let index = FaqIndex::build(&d);
        for q in ["", "   ", "giá vàng hôm nay", "xổ số miền nam", "what is the weather on Mars", "asdfgh qwerty"] {
            assert_eq!(top(&index, &d, q), None, "{q}");
        }
        // Nothing related: no made-up suggestions, only the hotline.
        assert!(index.search("giá vàng hôm nay", 3).hits.is_empty());
        assert!(index.search("what is the weather on Mars", 3).hits.is_empty());
    }

    #[test]
    fn the_development_set_meets_the_bar() {
        let d = data();
        let index = FaqIndex::build(&d);
        let eval = evaluate(&d, &index, &parse_queries(&shared("faq/dev-queries.tsv")));
        assert!(eval.top1 >= 0.85 && eval.top3 >= 0.95, "{} misses: {:#?}", eval.summary(), eval.misses);
    }

    proptest! {
        #[test]
        fn search_never_panics_and_respects_the_limit(q in "\\PC{0,60}", limit in 0usize..6) {
            let d = data();
            let index = FaqIndex::build(&d);
            let r = index.search(&q, limit);
            prop_assert!(r.hits.len() <= limit);
            prop_assert!(r.hits.windows(2).all(|w| w[0].score >= w[1].score));
        }

        #[test]
        fn accents_do_not_change_the_answer(i in 0usize..34) {
            let d = data();
            let index = FaqIndex::build(&d);
            let q = &d.entries[i].vi.question;
            prop_assert_eq!(index.search(q, 3), index.search(&text::fold(q), 3));
        }
    }
}
