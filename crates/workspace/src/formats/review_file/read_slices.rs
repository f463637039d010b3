//! Reading the sections version 2 added, each checked as the saved state checks it (award
//! rules, actions, the review cycle) and feedback answers against their forms with the
//! engine's validation. Every problem names its JSON path and the item's id.

use serde_json::{Map, Value};

use carescore_engine::awards::AwardRule;
use carescore_engine::feedback::anonymity::MIN_PEER_THRESHOLD;
use carescore_engine::feedback::validate::{
    check_qa_review, check_review360, check_survey, AnswerProblem,
};
use carescore_engine::feedback::{FormTemplate, RaterRole};
use carescore_engine::period::PeriodKind;

use crate::feedback::FeedbackStore;
use crate::plans::Plans;
use crate::scheme_review::SchemeReview;

use super::anonymity::first_small_group;
use super::error::{cut, DocumentError};
use super::read::{check_unique, typed};
use super::slices::{FeedbackSection, ImportEntry, ReviewEntry};

/// The optional sections of a file, `None` where it says nothing.
pub(crate) struct Slices {
    pub imports: Option<Vec<ImportEntry>>,
    pub awards: Option<Vec<AwardRule>>,
    pub feedback: Option<FeedbackSection>,
    pub actions: Option<Plans>,
    pub scheme_review: Option<SchemeReview>,
}

/// Takes the optional sections out of the top-level object (`null` reads as absent).
pub(crate) fn read(object: &mut Map<String, Value>) -> Result<Slices, DocumentError> {
    let mut take = |name: &str| object.remove(name).filter(|v| !v.is_null());
    let imports = take("imports")
        .map(|v| typed::<Vec<ImportEntry>>(v, "imports"))
        .transpose()?;
    let awards = take("awards").map(read_awards).transpose()?;
    let feedback = take("feedback").map(read_feedback).transpose()?;
    let actions = take("actions").map(read_actions).transpose()?;
    let scheme_review = take("scheme_review")
        .map(|value| {
            let review: SchemeReview = typed(value, "scheme_review")?;
            review
                .validate()
                .map_err(|why| DocumentError::invalid("scheme_review.cycle.every_months", why))?;
            Ok::<_, DocumentError>(review)
        })
        .transpose()?;
    Ok(Slices {
        imports,
        awards,
        feedback,
        actions,
        scheme_review,
    })
}

fn place(section: &str, index: usize, id: &str) -> String {
    format!("{section}[{index}] (id {})", cut(id, 40))
}

fn read_awards(value: Value) -> Result<Vec<AwardRule>, DocumentError> {
    let awards: Vec<AwardRule> = typed(value, "awards")?;
    for (index, award) in awards.iter().enumerate() {
        award
            .validate()
            .map_err(|why| DocumentError::invalid(place("awards", index, &award.id), why))?;
    }
    check_unique(awards.iter().map(|a| a.id.as_str()), "awards", "id")?;
    Ok(awards)
}

fn read_actions(value: Value) -> Result<Plans, DocumentError> {
    let actions: Plans = typed(value, "actions")?;
    for (index, action) in actions.0.iter().enumerate() {
        let at = || place("actions", index, &action.id);
        if action.id.trim().is_empty() {
            return Err(DocumentError::invalid(at(), "an action needs an id"));
        }
        if !action.baseline.is_finite() || !action.target.is_finite() {
            return Err(DocumentError::invalid(
                at(),
                "baseline and target must be numbers",
            ));
        }
    }
    check_unique(actions.0.iter().map(|a| a.id.as_str()), "actions", "id")?;
    // The saved state's own rule, in case it grows beyond the checks above.
    actions
        .validate()
        .map_err(|why| DocumentError::invalid("actions", why))?;
    Ok(actions)
}

fn read_feedback(value: Value) -> Result<FeedbackSection, DocumentError> {
    let section: FeedbackSection = typed(value, "feedback")?;
    if section.anonymity_k < MIN_PEER_THRESHOLD {
        return Err(DocumentError::invalid(
            "feedback.anonymity_k",
            format!(
                "must be at least {MIN_PEER_THRESHOLD}: a single peer's answers are never anonymous"
            ),
        ));
    }
    let ids = section
        .surveys
        .iter()
        .map(|s| ("feedback.surveys", s.id.as_str()))
        .chain(
            section
                .qa_reviews
                .iter()
                .map(|q| ("feedback.qa_reviews", q.id.as_str())),
        )
        .chain(
            section
                .reviews360
                .iter()
                .map(|r| ("feedback.reviews360", r.id.as_str())),
        );
    check_ids_across_kinds(ids)?;
    check_unique(
        section.appeals.iter().map(|a| a.id()),
        "feedback.appeals",
        "id",
    )?;
    let forms = FeedbackStore::forms();
    for (index, survey) in section.surveys.iter().enumerate() {
        let at = place("feedback.surveys", index, &survey.id);
        let form = form(&forms, &survey.form_id, &at)?;
        first_problem(&at, check_survey(form, survey))?;
    }
    for (index, review) in section.qa_reviews.iter().enumerate() {
        let at = place("feedback.qa_reviews", index, &review.id);
        let form = form(&forms, &review.form_id, &at)?;
        first_problem(&at, check_qa_review(form, review))?;
    }
    for (index, entry) in section.reviews360.iter().enumerate() {
        check_review(&forms, index, entry)?;
    }
    if let Some((subject, period, peers)) = first_small_group(&section) {
        return Err(DocumentError::invalid(
            "feedback.reviews360",
            format!(
                "the peer reviews of {} for {} come from {peers} peer(s), fewer than \
                 anonymity_k ({}); CareScore never writes peers' answers below k",
                cut(&subject, 40),
                cut(&period, 20),
                super::anonymity::threshold(section.anonymity_k)
            ),
        ));
    }
    Ok(section)
}

/// Ids are unique across surveys, QA reviews and 360 reviews: appeals name them alone.
fn check_ids_across_kinds<'a>(
    ids: impl Iterator<Item = (&'a str, &'a str)>,
) -> Result<(), DocumentError> {
    let mut seen: std::collections::HashMap<&str, (&str, usize)> = Default::default();
    let mut counts: std::collections::HashMap<&str, usize> = Default::default();
    for (section, id) in ids {
        let index = counts.entry(section).or_default();
        if let Some((first_section, first)) = seen.insert(id, (section, *index)) {
            return Err(DocumentError::invalid(
                place(section, *index, id),
                format!(
                    "has the same id as {first_section}[{first}]; a response's id names it \
                     alone (appeals refer to it)"
                ),
            ));
        }
        *index += 1;
    }
    Ok(())
}

fn form<'a>(
    forms: &'a [FormTemplate],
    id: &str,
    at: &str,
) -> Result<&'a FormTemplate, DocumentError> {
    forms.iter().find(|form| form.id == id).ok_or_else(|| {
        DocumentError::invalid(
            format!("{at}, form_id"),
            format!("`{}` is not a form this CareScore knows", cut(id, 60)),
        )
    })
}

fn first_problem(at: &str, problems: Vec<AnswerProblem>) -> Result<(), DocumentError> {
    match problems.into_iter().next() {
        None => Ok(()),
        Some(problem) => Err(DocumentError::invalid(
            match &problem.item_id {
                Some(item) => format!("{at}, answers.{}", cut(item, 40)),
                None => at.to_string(),
            },
            problem.message,
        )),
    }
}

fn check_review(
    forms: &[FormTemplate],
    index: usize,
    entry: &ReviewEntry,
) -> Result<(), DocumentError> {
    let at = place("feedback.reviews360", index, &entry.id);
    if PeriodKind::of_label(&entry.period).is_none_or(|k| k == PeriodKind::All) {
        return Err(DocumentError::invalid(
            format!("{at}, period"),
            format!("\"{}\" is not a period label", cut(&entry.period, 40)),
        ));
    }
    let peer = entry.role == RaterRole::Peer;
    match (peer, &entry.rater, &entry.peer) {
        (true, None, Some(_)) | (false, Some(_), None) => {}
        (true, Some(_), _) => {
            return Err(DocumentError::invalid(
                format!("{at}, rater"),
                "a peer review never names its rater in a file; it carries `peer` (a \
                 pseudonym) instead",
            ))
        }
        (true, None, None) => {
            return Err(DocumentError::invalid(
                format!("{at}, peer"),
                "is missing: a peer review carries a pseudonym",
            ))
        }
        (false, _, _) => {
            return Err(DocumentError::invalid(
                format!("{at}, rater"),
                "a self or manager review names its rater (and has no `peer`)",
            ))
        }
    }
    let form = form(forms, &entry.form_id, &at)?;
    first_problem(&at, check_review360(form, &entry.to_review()))
}
