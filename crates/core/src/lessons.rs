//! Digital-skills lessons (`public/lessons.json`, edited by the city): short steps with a picture, then
//! a quiz that explains each answer. Progress and quiz results stay on the device; finishing every
//! lesson earns a certificate.

use crate::i18n::Texts;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where the progress is kept on the device.
pub const PROGRESS_KEY: &str = "mts.lessons";

/// The pictures the app can draw (lightweight SVG, no images to download).
pub const PICTURES: &[&str] =
    &["phone", "back", "text", "wifi", "shield", "link", "chat", "store", "id", "sms", "login", "qr", "search", "form", "check", "receipt", "camera", "frame", "light", "money", "card"];

/// Addresses under `/ky-nang-so` that are not lessons.
pub const RESERVED_IDS: &[&str] = &["chung-nhan", "lop-hoc", "vao-lop"];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lessons {
    /// The share of a quiz's questions (in percent) a learner must answer right to pass the lesson; a
    /// certificate means every lesson was passed.
    pub pass_percent: u32,
    pub lessons: Vec<Lesson>,
}

impl Lessons {
    /// Right answers needed to pass a quiz of `of` questions (rounded up).
    pub fn pass_needed(&self, of: usize) -> usize {
        (of * self.pass_percent as usize).div_ceil(100)
    }

    pub fn passes(&self, score: usize, of: usize) -> bool {
        of > 0 && score >= self.pass_needed(of)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    pub id: String,
    pub title: Texts,
    pub summary: Texts,
    pub steps: Vec<Step>,
    pub quiz: Vec<Question>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// One of [`PICTURES`].
    pub picture: String,
    pub text: Texts,
    /// "Thử ngay": the procedure (its id) whose form the learner can practise here, a copy that checks
    /// like the real one and never submits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub practice: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub question: Texts,
    pub options: Vec<Texts>,
    /// The right option's index.
    pub answer: usize,
    /// Why, shown after answering whatever was chosen.
    pub explanation: Texts,
}

impl Lessons {
    pub fn parse(json: &str) -> Result<Lessons, String> {
        serde_json::from_str(json).map_err(|e| format!("lessons.json is not valid: {e}"))
    }

    pub fn lesson(&self, id: &str) -> Option<&Lesson> {
        self.lessons.iter().find(|l| l.id == id)
    }

    /// The procedures the lessons practise, by lesson.
    pub fn practised(&self) -> impl Iterator<Item = (&str, &str)> {
        self.lessons.iter().flat_map(|l| l.steps.iter().filter_map(|s| Some((l.id.as_str(), s.practice.as_deref()?))))
    }

    /// A practice needs a procedure of the catalogue with an online form.
    pub fn practice_problems(&self, catalogue: &crate::procedures::Catalogue) -> Vec<String> {
        self.practised()
            .filter(|(_, id)| !catalogue.procedures.iter().any(|p| p.id == *id && p.form.is_some()))
            .map(|(lesson, id)| format!("lesson {lesson}: practises {id}, which is not a procedure with an online form"))
            .collect()
    }

    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !(1..=100).contains(&self.pass_percent) {
            out.push(format!("pass_percent must be 1 to 100, not {}", self.pass_percent));
        }
        for (i, l) in self.lessons.iter().enumerate() {
            let id = &l.id;
            if !is_slug(id) || RESERVED_IDS.contains(&id.as_str()) {
                out.push(format!("lesson {id}: the id must be a lower-case slug, not {RESERVED_IDS:?}"));
            }
            if self.lessons[..i].iter().any(|o| o.id == *id) {
                out.push(format!("lesson {id}: id used twice"));
            }
            if l.steps.is_empty() {
                out.push(format!("lesson {id}: no steps"));
            }
            if !(3..=5).contains(&l.quiz.len()) {
                out.push(format!("lesson {id}: a quiz has 3 to 5 questions, not {}", l.quiz.len()));
            }
            let mut texts = vec![("title".to_string(), &l.title), ("summary".to_string(), &l.summary)];
            for (n, s) in l.steps.iter().enumerate() {
                if !PICTURES.contains(&s.picture.as_str()) {
                    out.push(format!("lesson {id} step {}: unknown picture {}", n + 1, s.picture));
                }
                if s.practice.as_ref().is_some_and(|p| !is_slug(p)) {
                    out.push(format!("lesson {id} step {}: practice names a procedure by its id", n + 1));
                }
                texts.push((format!("step {}", n + 1), &s.text));
            }
            for (n, q) in l.quiz.iter().enumerate() {
                if q.options.len() < 2 || q.answer >= q.options.len() {
                    out.push(format!("lesson {id} question {}: needs 2 or more options and a right one among them", n + 1));
                }
                texts.push((format!("question {}", n + 1), &q.question));
                texts.push((format!("question {} explanation", n + 1), &q.explanation));
                texts.extend(q.options.iter().map(|o| (format!("question {} option", n + 1), o)));
            }
            for (what, t) in texts {
                if !t.complete() {
                    out.push(format!("lesson {id} {what}: Vietnamese and English are both needed"));
                }
            }
        }
        out
    }
}

/// A lesson's or a procedure's id: lower-case letters, digits and hyphens.
pub(crate) fn is_slug(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// How many of `chosen` (an option index per question, `None` if left out) are right.
pub fn score(quiz: &[Question], chosen: &[Option<usize>]) -> usize {
    quiz.iter().zip(chosen).filter(|(q, c)| **c == Some(q.answer)).count()
}

/// A finished lesson: its best quiz score, when it was first finished and first passed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finished {
    pub best: usize,
    pub of: usize,
    /// `yyyy-mm-dd`.
    pub on: String,
    /// `yyyy-mm-dd` of the first attempt at or above the pass mark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passed_on: Option<String>,
}

/// The learner's progress on this device, by lesson id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub finished: BTreeMap<String, Finished>,
}

impl Progress {
    /// Records a quiz taken in full; the best score stays, and the first day it was finished.
    pub fn record(&mut self, lesson: &str, score: usize, of: usize, today: &str, passed: bool) {
        let entry = self.finished.entry(lesson.to_string()).or_insert(Finished { best: score, of, on: today.to_string(), passed_on: None });
        entry.best = entry.best.max(score);
        entry.of = of;
        if passed && entry.passed_on.is_none() {
            entry.passed_on = Some(today.to_string());
        }
    }

    /// The day a lesson was first passed (progress kept before the pass mark: its best score decides).
    fn passed_on(&self, lessons: &Lessons, id: &str) -> Option<String> {
        let f = self.finished.get(id)?;
        f.passed_on.clone().or_else(|| lessons.passes(f.best, f.of).then(|| f.on.clone()))
    }

    /// Every lesson passed: the certificate is earned (on the day the last one was).
    pub fn certificate_day(&self, lessons: &Lessons) -> Option<String> {
        lessons.lessons.iter().map(|l| self.passed_on(lessons, &l.id)).collect::<Option<Vec<_>>>()?.into_iter().max()
    }

    /// Lessons passed.
    pub fn done_count(&self, lessons: &Lessons) -> usize {
        lessons.lessons.iter().filter(|l| self.passed_on(lessons, &l.id).is_some()).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn data() -> Lessons {
        Lessons::parse(include_str!("../../../public/lessons.json")).unwrap()
    }

    #[test]
    fn the_shipped_lessons_are_valid_and_complete() {
        let l = data();
        assert_eq!(l.problems(), Vec::<String>::new());
        assert!(l.lessons.len() >= 8);
        // The FAQ's "tutorial" actions open lessons that exist.
        for id in ["vneid", "nop-ho-so"] {
            assert!(l.lesson(id).is_some(), "{id}");
        }
    }

    #[test]
    fn practice_is_on_real_online_forms() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../gateway/data/procedures.json");
        let catalogue = crate::procedures::Catalogue::parse(&std::fs::read_to_string(path).unwrap()).unwrap();
        let mut l = data();
        assert!(l.practised().any(|(lesson, _)| lesson == "nop-ho-so"), "the lesson on submitting has a practice");
        assert_eq!(l.practice_problems(&catalogue), Vec::<String>::new());
        l.lessons[0].steps[0].practice = Some("khong-co".into());
        assert_eq!(l.practice_problems(&catalogue).len(), 1);
    }

    #[test]
    fn problems_are_found() {
        let mut l = data();
        l.lessons[0].quiz[0].answer = 9;
        l.lessons[1].steps[0].picture = "nope".into();
        l.lessons[2].title.0.remove("en");
        l.lessons[3].id = "chung-nhan".into();
        l.lessons[4].quiz.truncate(2);
        l.lessons[5].steps[0].practice = Some("../khai sinh".into());
        assert_eq!(l.problems().len(), 6, "{:?}", l.problems());
    }

    #[test]
    fn progress_keeps_the_best_score_and_earns_the_certificate_when_every_lesson_is_passed() {
        let lessons = data();
        assert_eq!(lessons.pass_percent, 60);
        assert_eq!((lessons.pass_needed(3), lessons.pass_needed(4), lessons.pass_needed(5)), (2, 3, 3));
        let mut p = Progress::default();
        let quiz = &lessons.lessons[0].quiz;
        let all_right: Vec<Option<usize>> = quiz.iter().map(|q| Some(q.answer)).collect();
        let none: Vec<Option<usize>> = vec![None; quiz.len()];
        assert_eq!(score(quiz, &all_right), quiz.len());
        assert_eq!(score(quiz, &none), 0);
        let record = |p: &mut Progress, id: &str, got: usize, of: usize, day: &str| p.record(id, got, of, day, lessons.passes(got, of));
        record(&mut p, "dien-thoai", 1, 3, "2026-11-20");
        assert_eq!(p.done_count(&lessons), 0, "finished is not passed");
        record(&mut p, "dien-thoai", 3, 3, "2026-11-21");
        record(&mut p, "dien-thoai", 2, 3, "2026-11-22");
        assert_eq!(p.finished["dien-thoai"], Finished { best: 3, of: 3, on: "2026-11-20".into(), passed_on: Some("2026-11-21".into()) });
        assert_eq!(p.certificate_day(&lessons), None);
        // Every quiz finished, but one with 0 right: no certificate.
        for (i, l) in lessons.lessons.iter().enumerate() {
            let of = l.quiz.len();
            record(&mut p, &l.id, if i == 3 { 0 } else { of }, of, &format!("2026-11-{:02}", 21 + i));
        }
        assert_eq!(p.done_count(&lessons), lessons.lessons.len() - 1);
        assert_eq!(p.certificate_day(&lessons), None, "a certificate means every lesson was passed");
        let l = &lessons.lessons[3];
        record(&mut p, &l.id, l.quiz.len(), l.quiz.len(), "2026-11-30");
        assert_eq!(p.certificate_day(&lessons), Some("2026-11-30".into()), "the day the last was passed");
        // Progress kept before there was a pass mark: its best score decides.
        let old: Progress = serde_json::from_str(r#"{"finished":{"dien-thoai":{"best":0,"of":3,"on":"2026-11-01"}}}"#).unwrap();
        assert_eq!(old.done_count(&lessons), 0);
    }

    proptest! {
        #[test]
        fn a_score_is_never_more_than_the_questions(chosen in prop::collection::vec(prop::option::of(0usize..5), 0..8)) {
            let lessons = data();
            let quiz = &lessons.lessons[1].quiz;
            prop_assert!(score(quiz, &chosen) <= quiz.len().min(chosen.len()));
        }
    }
}
