//! The saved state's committed fixtures: every shape version 1 went through, read through
//! the chain with specific values checked, and version 2 in full, written byte for byte.

use carescore_engine::awards::{default_awards, Selection};
use carescore_engine::feedback::appeals::AppealStatus;
use carescore_engine::feedback::plans::ActionStatus;
use carescore_workspace::feedback::FeedbackStore;
use carescore_workspace::formats::saved_state::{
    from_json, to_json, SavedOrigin, SAVED_STATE_VERSION,
};
use carescore_workspace::scheme_review::SchemeReview;
use carescore_workspace::Workspace;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/saved_state");

/// Checks the values of one fixture.
type Check = fn(&Workspace);

/// The fixtures, oldest first, each with the test that checks it.
const CHECKED: [(&str, Check); 6] = [
    ("v1-first.json", first),
    ("v1-awards.json", awards),
    ("v1-feedback.json", feedback),
    ("v1-actions.json", actions),
    ("v1-scheme-review.json", scheme_review),
    ("v2-full.json", scheme_review),
];

fn read(name: &str) -> String {
    std::fs::read_to_string(format!("{FIXTURES}/{name}")).expect("a committed fixture")
}

/// The first saved state: records' origin, imports, scorecards and mappings only.
fn first(work: &Workspace) {
    assert_eq!(work.origin, SavedOrigin::Imported);
    assert_eq!(work.imports.len(), 1);
    assert_eq!(work.imports[0].file, "calls.csv");
    assert_eq!(work.imports[0].rows_read, 6);
    assert_eq!(work.mappings.len(), 1);
    assert_eq!(work.scorecards.versions.len(), 1);
    assert_eq!(
        work.scorecards.versions[0].reason,
        "CareScore default scheme"
    );
    assert!(work.records.is_empty(), "records come from the snapshot");
}

/// + awards, edited: the defaults no longer apply.
fn awards(work: &Workspace) {
    first(work);
    assert_ne!(work.awards, default_awards());
    assert_eq!(work.awards[0].eligibility.min_contacts, 250);
    assert!(!work.awards[1].enabled);
    assert_eq!(work.awards[2].selection, Selection::TopN { n: 2 });
}

/// + feedback (no appeals yet).
fn feedback(work: &Workspace) {
    awards(work);
    let feedback = &work.feedback;
    assert_eq!(feedback.anonymity_k, 4);
    assert_eq!(feedback.surveys[0].id, "survey-1");
    assert_eq!(feedback.surveys[0].contact_id.as_deref(), Some("T-1001"));
    assert_eq!(feedback.qa_reviews[0].comment.as_deref(), Some("语气友好"));
    assert_eq!(feedback.reviews360[0].rater, "李四");
}

/// + improvement actions.
fn actions(work: &Workspace) {
    feedback(work);
    let action = &work.actions.0[0];
    assert_eq!(action.id, "act-1");
    assert_eq!(action.status, ActionStatus::InProgress);
    assert_eq!(action.due_period, "2026-10");
}

/// + scheme review, + appeals inside feedback: the last shape of version 1.
fn scheme_review(work: &Workspace) {
    actions(work);
    let appeal = &work.feedback.appeals[0];
    assert_eq!(appeal.id(), "appeal-1");
    assert_eq!(appeal.status(), AppealStatus::Accepted);
    assert_eq!(appeal.trail().len(), 2);
    let cycle = work.scheme_review.cycle.as_ref().expect("a cycle was set");
    assert_eq!(cycle.every_months, 6);
    assert_eq!(cycle.last_review.unwrap().to_string(), "2026-09-15");
    assert_eq!(work.scheme_review.log[0].by, "李经理");
}

#[test]
fn every_fixture_reads_with_its_values() {
    for (name, check) in CHECKED {
        let work = from_json(&read(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        check(&work);
    }
}

#[test]
fn states_saved_before_a_slice_existed_get_its_default() {
    let first = from_json(&read("v1-first.json")).unwrap();
    assert_eq!(first.awards, default_awards());
    assert_eq!(first.feedback, FeedbackStore::default());
    let before_actions = from_json(&read("v1-feedback.json")).unwrap();
    assert!(before_actions.actions.0.is_empty());
    assert!(before_actions.feedback.appeals.is_empty());
    let before_review = from_json(&read("v1-actions.json")).unwrap();
    assert_eq!(before_review.scheme_review, SchemeReview::default());
}

#[test]
fn every_committed_fixture_is_checked() {
    let mut committed: Vec<String> = std::fs::read_dir(FIXTURES)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    committed.sort();
    let mut checked: Vec<String> = CHECKED.iter().map(|(name, _)| name.to_string()).collect();
    checked.sort();
    assert_eq!(
        committed, checked,
        "a fixture nobody reads protects nothing"
    );
}

#[test]
fn the_last_version_1_shape_upgrades_to_exactly_the_version_2_fixture() {
    let upgraded = from_json(&read("v1-scheme-review.json")).unwrap();
    assert_eq!(to_json(&upgraded), read("v2-full.json"));
}

/// The golden test. `v2-full.json` is version 2 with every slice populated; writing what
/// it reads must give it back byte for byte. If this fails, the written shape changed
/// (here or in any nested type: a scorecard, an award rule, a form response, an appeal):
/// do not edit the fixture. Bump the version instead: add a step to `saved_state::STEPS`,
/// keep `v2-full.json` as the fixture of version 2, commit `v3-full.json` and point this
/// test at it.
#[test]
fn version_2_is_written_byte_for_byte() {
    assert_eq!(SAVED_STATE_VERSION, 2);
    let text = read("v2-full.json");
    let work = from_json(&text).unwrap();
    assert_eq!(to_json(&work), text);
}
