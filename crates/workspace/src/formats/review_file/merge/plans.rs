//! Awards (by rule id), improvement actions (by id) and the scheme review: the cycle as one
//! item, the reviews held by date (all the reviews of one day are one item). Awards and
//! actions keep my order, the file's new ones after them. A review held that the merge
//! adds, later than the cycle's last review, moves the cycle's next due date as recording
//! it would.

use std::collections::BTreeMap;

use carescore_engine::awards::AwardRule;
use carescore_engine::feedback::ImprovementAction;

use crate::plans::Plans;
use crate::scheme_review::{HeldReview, SchemeReview};
use crate::Workspace;

use super::super::Document;
use super::items::{self, keyed, Keyed};
use super::{Choices, Section, SectionPreview};

fn awards(list: &[AwardRule]) -> Keyed<AwardRule> {
    keyed(list, |a| a.id.clone())
}

fn actions(list: &[ImprovementAction]) -> Keyed<ImprovementAction> {
    keyed(list, |a| a.id.clone())
}

fn cycle(
    review: &SchemeReview,
) -> Keyed<carescore_engine::feedback::review_cycle::SchemeReviewCycle> {
    review
        .cycle
        .iter()
        .map(|c| ("cycle".to_string(), c.clone()))
        .collect()
}

/// The reviews held, one item per day (in date order; a day's reviews in log order).
fn held(review: &SchemeReview) -> Keyed<Vec<HeldReview>> {
    let mut days: BTreeMap<chrono::NaiveDate, Vec<HeldReview>> = BTreeMap::new();
    for held in &review.log {
        days.entry(held.on).or_default().push(held.clone());
    }
    days.into_iter()
        .map(|(day, reviews)| (day.to_string(), reviews))
        .collect()
}

pub(super) fn preview(
    current: &Workspace,
    incoming: &Document,
    out: &mut BTreeMap<Section, SectionPreview>,
) {
    if let Some(theirs) = &incoming.awards {
        let preview = items::preview(
            Section::Awards,
            &awards(&current.awards),
            &awards(theirs),
            "award",
        );
        out.insert(Section::Awards, preview);
    }
    if let Some(theirs) = &incoming.actions {
        let preview = items::preview(
            Section::Actions,
            &actions(&current.actions.0),
            &actions(&theirs.0),
            "action",
        );
        out.insert(Section::Actions, preview);
    }
    if let Some(theirs) = &incoming.scheme_review {
        let mine = &current.scheme_review;
        out.insert(
            Section::ReviewCycle,
            items::preview(Section::ReviewCycle, &cycle(mine), &cycle(theirs), "cycle"),
        );
        out.insert(
            Section::HeldReviews,
            items::preview(Section::HeldReviews, &held(mine), &held(theirs), "reviews"),
        );
    }
}

pub(super) fn apply(
    current: &Workspace,
    incoming: &Document,
    choices: &Choices,
    merged: &mut Workspace,
) {
    if let Some(theirs) = &incoming.awards {
        merged.awards = items::apply(
            Section::Awards,
            awards(&current.awards),
            awards(theirs),
            choices,
        )
        .0;
    }
    if let Some(theirs) = &incoming.actions {
        let list = items::apply(
            Section::Actions,
            actions(&current.actions.0),
            actions(&theirs.0),
            choices,
        )
        .0;
        merged.actions = Plans(list);
    }
    if let Some(theirs) = &incoming.scheme_review {
        let mine = &current.scheme_review;
        let mut cycle = items::apply(Section::ReviewCycle, cycle(mine), cycle(theirs), choices)
            .0
            .into_iter()
            .next();
        let mut log: Vec<HeldReview> =
            items::apply(Section::HeldReviews, held(mine), held(theirs), choices)
                .0
                .into_iter()
                .flatten()
                .collect();
        log.sort_by_key(|review| review.on);
        if let (Some(cycle), Some(latest)) = (&mut cycle, log.iter().map(|r| r.on).max()) {
            if cycle.last_review.is_none_or(|last| last < latest) {
                cycle.last_review = Some(latest);
            }
        }
        merged.scheme_review = SchemeReview { cycle, log };
    }
}
