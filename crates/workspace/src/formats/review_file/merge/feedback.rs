//! Feedback: surveys, QA reviews and 360 reviews by id, the anonymity threshold as one
//! item, appeals by id. A peer review in a file has a pseudonym where its rater was; when
//! I hold the same review, the rater I know is kept (the file cannot tell a different one).

use std::collections::{BTreeMap, HashMap};

use carescore_engine::feedback::{Appeal, RaterRole, Review360};

use crate::feedback::FeedbackStore;
use crate::Workspace;

use super::super::{Document, FeedbackSection};
use super::items::{self, keyed, Keyed};
use super::{Choices, Section, SectionPreview};

/// Their 360 reviews as the workspace holds them, peers under my rater where I have the
/// review already.
fn their_reviews(mine: &FeedbackStore, theirs: &FeedbackSection) -> Keyed<Review360> {
    let known: HashMap<&str, &Review360> =
        mine.reviews360.iter().map(|r| (r.id.as_str(), r)).collect();
    theirs
        .reviews360
        .iter()
        .map(|entry| {
            let mut review = entry.to_review();
            if let Some(mine) = known.get(review.id.as_str()) {
                if mine.role == RaterRole::Peer && review.role == RaterRole::Peer {
                    review.rater = mine.rater.clone();
                }
            }
            (review.id.clone(), review)
        })
        .collect()
}

fn appeals(list: &[Appeal]) -> Keyed<Appeal> {
    keyed(list, |a| a.id().to_string())
}

fn threshold(k: u32) -> Keyed<u32> {
    vec![("anonymity_k".to_string(), k)]
}

pub(super) fn preview(
    current: &Workspace,
    incoming: &Document,
    out: &mut BTreeMap<Section, SectionPreview>,
) {
    let Some(theirs) = &incoming.feedback else {
        return;
    };
    let mine = &current.feedback;
    let mut put = |section, preview| {
        out.insert(section, preview);
    };
    let surveys = |list: &[_]| {
        keyed(list, |s: &carescore_engine::feedback::SurveyResponse| {
            s.id.clone()
        })
    };
    put(
        Section::Surveys,
        items::preview(
            Section::Surveys,
            &surveys(&mine.surveys),
            &surveys(&theirs.surveys),
            "survey",
        ),
    );
    let qa = |list: &[_]| {
        keyed(list, |q: &carescore_engine::feedback::QaReview| {
            q.id.clone()
        })
    };
    put(
        Section::QaReviews,
        items::preview(
            Section::QaReviews,
            &qa(&mine.qa_reviews),
            &qa(&theirs.qa_reviews),
            "review",
        ),
    );
    let my_reviews = keyed(&mine.reviews360, |r| r.id.clone());
    put(
        Section::Reviews360,
        items::preview(
            Section::Reviews360,
            &my_reviews,
            &their_reviews(mine, theirs),
            "review",
        ),
    );
    put(
        Section::AnonymityK,
        items::preview(
            Section::AnonymityK,
            &threshold(mine.anonymity_k),
            &threshold(theirs.anonymity_k),
            "anonymity_k",
        ),
    );
    put(
        Section::Appeals,
        items::preview(
            Section::Appeals,
            &appeals(&mine.appeals),
            &appeals(&theirs.appeals),
            "appeal",
        ),
    );
}

pub(super) fn apply(
    current: &Workspace,
    incoming: &Document,
    choices: &Choices,
    merged: &mut Workspace,
) {
    let Some(theirs) = &incoming.feedback else {
        return;
    };
    let mine = &current.feedback;
    let surveys = |list: &[_]| {
        keyed(list, |s: &carescore_engine::feedback::SurveyResponse| {
            s.id.clone()
        })
    };
    let qa = |list: &[_]| {
        keyed(list, |q: &carescore_engine::feedback::QaReview| {
            q.id.clone()
        })
    };
    let reviews360 = items::apply(
        Section::Reviews360,
        keyed(&mine.reviews360, |r| r.id.clone()),
        their_reviews(mine, theirs),
        choices,
    )
    .0;
    let k = items::apply(
        Section::AnonymityK,
        threshold(mine.anonymity_k),
        threshold(theirs.anonymity_k),
        choices,
    )
    .0;
    merged.feedback = FeedbackStore {
        surveys: items::apply(
            Section::Surveys,
            surveys(&mine.surveys),
            surveys(&theirs.surveys),
            choices,
        )
        .0,
        qa_reviews: items::apply(
            Section::QaReviews,
            qa(&mine.qa_reviews),
            qa(&theirs.qa_reviews),
            choices,
        )
        .0,
        reviews360,
        anonymity_k: k.first().copied().unwrap_or(mine.anonymity_k),
        appeals: items::apply(
            Section::Appeals,
            appeals(&mine.appeals),
            appeals(&theirs.appeals),
            choices,
        )
        .0,
    };
}
