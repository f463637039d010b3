//! Generated workspaces with every slice populated, for the round-trip property.

use std::sync::Arc;

use carescore_engine::feedback::appeals::AppealTarget;
use carescore_engine::feedback::plans::PlanSubject;
use carescore_engine::feedback::RaterRole;
use carescore_engine::records::{ContactRecord, RecordStore};
use carescore_workspace::feedback::FeedbackStore;
use carescore_workspace::formats::saved_state::{ImportLog, SavedOrigin};
use carescore_workspace::plans::Plans;
use carescore_workspace::scheme_review::{HeldReview, SchemeReview};
use carescore_workspace::Workspace;
use chrono::Duration;

use super::examples::at;
use super::work::{self, action, appeal, day, noon, qa_review, review360, survey, Dice};

pub const NAMES: [&str; 6] = [
    "张伟",
    "李娜",
    "Maria Santos",
    "<b>O'Brien</b>",
    "赵六",
    "peer-1",
];
pub const TEAMS: [&str; 2] = ["华东一组", "华南二组"];

/// A workspace with every slice populated from `seed`: records of up to six agents in two
/// teams over three months, forms of every kind (peer groups of one to four peers, so some
/// are below k and some not), appeals on records and reviews, actions, awards, a review
/// cycle and imports.
pub fn generated(seed: u64) -> Workspace {
    let mut dice = Dice(seed);
    let agents = 3 + dice.below(4) as usize;
    let months = ["2026-07", "2026-08", "2026-09"];
    let records: Vec<ContactRecord> = (0..dice.below(30))
        .map(|i| ContactRecord {
            id: dice.chance().then(|| format!("T-{i}")),
            agent: NAMES[dice.below(agents as u64) as usize].into(),
            team: Some(TEAMS[dice.below(2) as usize].into()),
            opened_at: at("2026-07-01T08:00:00") + Duration::hours(dice.below(2000) as i64),
            answered: true,
            csat: dice.chance().then(|| 1 + dice.below(5) as u8),
            ..ContactRecord::default()
        })
        .collect();
    let store = RecordStore::from_records(&records, None);
    let mut feedback = FeedbackStore {
        anonymity_k: 2 + dice.below(3) as u32,
        ..FeedbackStore::default()
    };
    let mut n = 0;
    let mut next = |prefix: &str| {
        n += 1;
        format!("{prefix}-{n}")
    };
    for _ in 0..dice.below(6) {
        let agent = NAMES[dice.below(agents as u64) as usize];
        let on = day(2026, 7 + dice.below(3) as u32, 1 + dice.below(28) as u32);
        feedback
            .surveys
            .push(survey(&next("survey"), agent, noon(on), &mut dice));
        feedback
            .qa_reviews
            .push(qa_review(&next("qa"), agent, on, &mut dice));
    }
    for subject in &NAMES[..agents] {
        let period = months[dice.below(3) as usize];
        for rater in NAMES.iter().take(dice.below(5) as usize) {
            let id = next("r360");
            feedback.reviews360.push(review360(
                &id,
                subject,
                rater,
                RaterRole::Peer,
                period,
                &mut dice,
            ));
        }
        if dice.chance() {
            let id = next("r360");
            feedback.reviews360.push(review360(
                &id,
                subject,
                "经理",
                RaterRole::Manager,
                period,
                &mut dice,
            ));
        }
    }
    let targets: Vec<AppealTarget> = feedback
        .reviews360
        .iter()
        .map(|r| r.id.clone())
        .chain(feedback.qa_reviews.iter().map(|q| q.id.clone()))
        .map(|id| AppealTarget::Review { id })
        .chain((0..3).map(|i| AppealTarget::Record {
            key: format!("T-{i}"),
        }))
        .collect();
    for (i, target) in targets.into_iter().enumerate() {
        if dice.below(4) == 0 {
            let decision = [None, Some(true), Some(false)][dice.below(3) as usize];
            feedback.appeals.push(appeal(
                &format!("appeal-{i}"),
                target,
                noon(day(2026, 9, 30)),
                decision,
            ));
        }
    }
    let actions = (0..dice.below(4))
        .map(|i| {
            let subject = if dice.chance() {
                PlanSubject::Agent {
                    agent: NAMES[dice.below(agents as u64) as usize].into(),
                }
            } else {
                PlanSubject::Team {
                    team: TEAMS[dice.below(2) as usize].into(),
                }
            };
            action(
                &format!("act-{}", 10 - i),
                subject,
                months[dice.below(3) as usize],
                &mut dice,
            )
        })
        .collect();
    let mut awards = work::edited_awards();
    awards.truncate(1 + dice.below(awards.len() as u64) as usize);
    let scheme_review = if dice.chance() {
        work::cycle_with_a_review()
    } else {
        SchemeReview {
            cycle: None,
            log: vec![HeldReview {
                on: day(2026, 3, 1),
                by: "王总".into(),
                note: String::new(),
            }],
        }
    };
    let imports = (0..dice.below(3))
        .map(|i| ImportLog {
            file: format!("导出-{i}.csv"),
            rows_read: i as usize * 10,
            added: i as usize,
            updated: 0,
            duplicates: 1,
            rejected: 2,
        })
        .collect();
    Workspace {
        origin: SavedOrigin::Imported,
        records: Arc::new(store),
        imports,
        awards,
        feedback,
        actions: Plans(actions),
        scheme_review,
        ..Workspace::default()
    }
}
