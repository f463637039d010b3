//! Merging a review file into a workspace, section by section: what the file adds, what is
//! identical, what conflicts (with the differing fields side by side), the choices (per
//! item, take all theirs, keep all mine), files that say nothing about a section, and the
//! demo that a file's records replace.

#[path = "review_file_support/examples.rs"]
mod examples;
#[path = "review_file_support/work.rs"]
mod work;

use std::sync::Arc;

use carescore_engine::demo::{self, DemoConfig};
use carescore_engine::feedback::plans::ActionStatus;
use carescore_engine::feedback::{Answer, RaterRole};
use carescore_engine::field::Field;
use carescore_engine::records::{ContactRecord, RecordStore};
use carescore_engine::scorecard::defaults::default_history;
use carescore_workspace::formats::review_file::{
    apply_merge, preview_merge, Choice, Choices, Document, FieldDiff, Section,
};
use carescore_workspace::formats::saved_state::SavedOrigin;
use carescore_workspace::scheme_review::HeldReview;
use carescore_workspace::Workspace;

use examples::{at, example_workspace, fields, v1_fixture_document};
use work::{day, noon, survey, Dice};

fn diff(field: &str, mine: Option<&str>, theirs: Option<&str>) -> FieldDiff {
    FieldDiff {
        field: field.into(),
        mine: mine.map(str::to_string),
        theirs: theirs.map(str::to_string),
    }
}

/// A workspace of these records whose scorecard's reason is `reason`.
fn work_of(records: &[ContactRecord], reason: &str) -> Workspace {
    let store = RecordStore::from_records(
        records,
        Some(fields(&[
            Field::Id,
            Field::Agent,
            Field::Team,
            Field::OpenedAt,
            Field::Csat,
        ])),
    );
    let mut history = default_history();
    history.versions[0].reason = reason.into();
    Workspace {
        origin: SavedOrigin::Imported,
        records: Arc::new(store),
        scorecards: history,
        ..Workspace::default()
    }
}

fn rec(id: &str, agent: &str, csat: u8) -> ContactRecord {
    ContactRecord {
        id: Some(id.into()),
        agent: agent.into(),
        team: Some("华东一组".into()),
        opened_at: at("2026-09-01T09:00:00"),
        answered: true,
        csat: Some(csat),
        ..ContactRecord::default()
    }
}

fn json(workspace: &Workspace) -> String {
    Document::from_workspace(workspace).to_json()
}

#[test]
fn merging_a_workspace_s_own_file_changes_nothing() {
    let mine = example_workspace();
    let file = Document::from_workspace(&mine);
    let preview = preview_merge(&mine, &file);
    assert!(preview.changes_nothing(), "{preview:#?}");
    assert!(!preview.replaces_demo);
    let unchanged: Vec<(Section, usize)> = Section::ALL
        .into_iter()
        .map(|s| (s, preview.section(s).unchanged))
        .collect();
    assert_eq!(
        unchanged,
        [
            (Section::Records, 6),
            (Section::ScorecardVersions, 1),
            (Section::Mappings, 1),
            (Section::Imports, 1),
            (Section::Awards, 5),
            (Section::Surveys, 3),
            (Section::QaReviews, 3),
            // Seven 360 reviews, of which 李娜's two peer reviews never leave: five.
            (Section::Reviews360, 5),
            (Section::AnonymityK, 1),
            (Section::Appeals, 2),
            (Section::Actions, 2),
            (Section::ReviewCycle, 1),
            (Section::HeldReviews, 1),
        ]
    );
    for choices in [Choices::keep_all_mine(), Choices::take_all_theirs()] {
        let merged = apply_merge(&mine, &file, &choices);
        assert_eq!(merged, mine, "the same records store, every slice equal");
        assert!(
            Arc::ptr_eq(&merged.records, &mine.records),
            "nothing re-measured"
        );
    }
}

#[test]
fn records_and_scorecards_add_and_resolve_conflicts_by_choice() {
    let mine = work_of(&[rec("T-1", "张伟", 5), rec("T-2", "李娜", 4)], "ours");
    let theirs = work_of(&[rec("T-2", "李娜", 2), rec("T-3", "王芳", 3)], "theirs");
    let file = Document::from_workspace(&theirs);
    let preview = preview_merge(&mine, &file);
    let records = preview.section(Section::Records);
    assert_eq!(records.added, ["T-3"]);
    assert_eq!(records.unchanged, 0);
    assert_eq!(records.conflicts.len(), 1);
    assert_eq!(records.conflicts[0].id, "T-2");
    assert_eq!(
        records.conflicts[0].fields,
        [diff("csat", Some("4"), Some("2"))]
    );
    let versions = preview.section(Section::ScorecardVersions);
    assert_eq!(versions.conflicts[0].id, "1970-01-01");
    assert_eq!(
        versions.conflicts[0].fields,
        [diff("reason", Some("ours"), Some("theirs"))]
    );
    assert_eq!(preview.conflicts().count(), 2);

    let mut choices = Choices::default();
    choices.set(Section::Records, "T-2", Choice::TakeTheirs);
    let taken = apply_merge(&mine, &file, &choices);
    let expected = work_of(
        &[
            rec("T-1", "张伟", 5),
            rec("T-2", "李娜", 2),
            rec("T-3", "王芳", 3),
        ],
        "ours",
    );
    assert_eq!(json(&taken), json(&expected));
    let kept = apply_merge(&mine, &file, &Choices::keep_all_mine());
    let expected = work_of(
        &[
            rec("T-1", "张伟", 5),
            rec("T-2", "李娜", 4),
            rec("T-3", "王芳", 3),
        ],
        "ours",
    );
    assert_eq!(json(&kept), json(&expected));
    let all_theirs = apply_merge(&mine, &file, &Choices::take_all_theirs());
    assert_eq!(all_theirs.scorecards.versions[0].reason, "theirs");
    assert_eq!(all_theirs.records.len(), 3);
}

#[test]
fn merging_disjoint_files_does_not_depend_on_order_or_grouping() {
    let a = work_of(&[rec("T-1", "张伟", 5)], "same");
    let b = work_of(&[rec("T-2", "李娜", 4)], "same");
    let c = work_of(&[rec("T-3", "王芳", 3)], "same");
    let keep = Choices::default();
    let file = |w: &Workspace| Document::from_workspace(w);
    let ab_c = apply_merge(&apply_merge(&a, &file(&b), &keep), &file(&c), &keep);
    let bc = apply_merge(&b, &file(&c), &keep);
    let a_bc = apply_merge(&a, &file(&bc), &keep);
    let c_ba = apply_merge(&c, &file(&apply_merge(&b, &file(&a), &keep)), &keep);
    assert_eq!(json(&ab_c), json(&a_bc));
    assert_eq!(json(&ab_c), json(&c_ba));
    assert_eq!(ab_c.records.len(), 3);
}

#[test]
fn feedback_merges_item_by_item_with_field_diffs() {
    let mine = example_workspace();
    let mut theirs = mine.clone();
    theirs.feedback.surveys[1]
        .answers
        .insert("csat".into(), Answer::Number(1.0));
    let mut dice = Dice(99);
    let new = survey("survey-9", "李娜", noon(day(2026, 9, 25)), &mut dice);
    theirs.feedback.surveys.push(new);
    theirs.feedback.anonymity_k = 4;
    theirs.feedback.qa_reviews.remove(2);
    let mine_csat = mine.feedback.surveys[1].answers["csat"].number().unwrap();
    // k = 4 leaves 张伟's three peers out of their file: nothing to say about them.
    let file = Document::from_workspace(&theirs);
    let preview = preview_merge(&mine, &file);
    let surveys = preview.section(Section::Surveys);
    assert_eq!(surveys.added, ["survey-9"]);
    assert_eq!(surveys.unchanged, 2);
    assert_eq!(surveys.conflicts[0].id, "survey-2");
    assert_eq!(
        surveys.conflicts[0].fields,
        [diff(
            "answers.csat",
            Some(&mine_csat.to_string()),
            Some("1")
        )]
    );
    let k = &preview.section(Section::AnonymityK).conflicts[0];
    assert_eq!(k.fields, [diff("anonymity_k", Some("3"), Some("4"))]);
    assert_eq!(preview.section(Section::Reviews360).unchanged, 2);
    assert_eq!(preview.section(Section::QaReviews).unchanged, 2);

    let kept = apply_merge(&mine, &file, &Choices::keep_all_mine());
    assert_eq!(kept.feedback.anonymity_k, 3);
    assert_eq!(kept.feedback.surveys[1], mine.feedback.surveys[1]);
    assert_eq!(kept.feedback.surveys.len(), 4);
    assert_eq!(kept.feedback.qa_reviews.len(), 3, "a merge never deletes");
    assert_eq!(kept.feedback.reviews360, mine.feedback.reviews360);
    let taken = apply_merge(&mine, &file, &Choices::take_all_theirs());
    assert_eq!(taken.feedback.anonymity_k, 4);
    assert_eq!(taken.feedback.surveys[1], theirs.feedback.surveys[1]);
}

#[test]
fn a_peer_review_keeps_the_rater_i_know_and_compares_its_answers() {
    let mine = example_workspace();
    let mut theirs = mine.clone();
    let peer = theirs
        .feedback
        .reviews360
        .iter()
        .position(|r| r.role == RaterRole::Peer && r.subject == "张伟")
        .unwrap();
    let item = theirs.feedback.reviews360[peer]
        .answers
        .keys()
        .next()
        .unwrap()
        .clone();
    let was = theirs.feedback.reviews360[peer].answers[&item].clone();
    let changed = match &was {
        Answer::Number(n) => Answer::Number(if *n > 1.0 { n - 1.0 } else { n + 1.0 }),
        Answer::Text(t) => Answer::Text(format!("{t}!")),
    };
    theirs.feedback.reviews360[peer]
        .answers
        .insert(item.clone(), changed);
    let file = Document::from_workspace(&theirs);
    let preview = preview_merge(&mine, &file);
    let reviews = preview.section(Section::Reviews360);
    assert_eq!(reviews.conflicts.len(), 1);
    let fields: Vec<&str> = reviews.conflicts[0]
        .fields
        .iter()
        .map(|d| d.field.as_str())
        .collect();
    assert_eq!(fields, [format!("answers.{item}")], "never the rater");
    let taken = apply_merge(&mine, &file, &Choices::take_all_theirs());
    let review = &taken.feedback.reviews360[peer];
    assert_eq!(review.rater, mine.feedback.reviews360[peer].rater);
    assert_eq!(review.answers, theirs.feedback.reviews360[peer].answers);
}

#[test]
fn awards_actions_and_the_scheme_review_merge_by_id_and_date() {
    let mine = example_workspace();
    let mut theirs = mine.clone();
    theirs.awards[0].eligibility.min_contacts = 50;
    theirs.awards.remove(1);
    theirs.awards.insert(
        0,
        work::edited_awards()
            .pop()
            .map(|mut a| {
                a.id = "night_owl".into();
                a
            })
            .unwrap(),
    );
    theirs.actions.0[0].status = ActionStatus::Verified;
    let mut extra = theirs.actions.0[1].clone();
    extra.id = "act-3".into();
    theirs.actions.0.push(extra);
    let later = day(2026, 12, 1);
    theirs.scheme_review.cycle.as_mut().unwrap().every_months = 12;
    theirs.scheme_review.log.push(HeldReview {
        on: later,
        by: "王总".into(),
        note: String::new(),
    });
    let file = Document::from_workspace(&theirs);
    let preview = preview_merge(&mine, &file);
    let awards = preview.section(Section::Awards);
    assert_eq!(awards.added, ["night_owl"]);
    assert_eq!(awards.conflicts[0].id, "service_star");
    assert_eq!(
        awards.conflicts[0].fields,
        [diff("eligibility.min_contacts", Some("2"), Some("50"))]
    );
    let actions = preview.section(Section::Actions);
    assert_eq!(actions.added, ["act-3"]);
    assert_eq!(
        actions.conflicts[0].fields,
        [diff("status", Some("planned"), Some("verified"))]
    );
    let cycle = &preview.section(Section::ReviewCycle).conflicts[0];
    assert_eq!(cycle.id, "cycle");
    assert_eq!(cycle.fields, [diff("every_months", Some("6"), Some("12"))]);
    assert_eq!(preview.section(Section::HeldReviews).added, ["2026-12-01"]);
    assert_eq!(preview.section(Section::HeldReviews).unchanged, 1);

    let kept = apply_merge(&mine, &file, &Choices::keep_all_mine());
    let ids: Vec<&str> = kept.awards.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids[..5],
        [
            "service_star",
            "satisfaction_star",
            "efficiency_star",
            "most_improved",
            "learning_star"
        ],
        "my order, mine kept"
    );
    assert_eq!(ids[5], "night_owl", "theirs after mine");
    assert_eq!(kept.awards[0].eligibility.min_contacts, 2);
    assert_eq!(kept.actions.0[0].status, mine.actions.0[0].status);
    assert_eq!(kept.actions.0.len(), 3);
    let cycle = kept.scheme_review.cycle.unwrap();
    assert_eq!(cycle.every_months, 6, "mine kept");
    assert_eq!(
        cycle.last_review,
        Some(later),
        "the added review moves the next due date"
    );
    assert_eq!(kept.scheme_review.log.len(), 2);
    let taken = apply_merge(&mine, &file, &Choices::take_all_theirs());
    assert_eq!(taken.awards[0].eligibility.min_contacts, 50);
    assert_eq!(taken.actions.0[0].status, ActionStatus::Verified);
    assert_eq!(taken.scheme_review.cycle.unwrap().every_months, 12);
}

#[test]
fn a_version_1_file_says_nothing_about_later_sections_and_deletes_nothing() {
    let mine = example_workspace();
    let file = v1_fixture_document();
    let preview = preview_merge(&mine, &file);
    for section in [
        Section::Imports,
        Section::Awards,
        Section::Surveys,
        Section::Reviews360,
        Section::AnonymityK,
        Section::Actions,
        Section::ReviewCycle,
    ] {
        assert!(!preview.speaks_about(section), "{section:?}");
        assert_eq!(preview.section(section).unchanged, 0);
    }
    assert_eq!(preview.section(Section::Records).added.len(), 4);
    let merged = apply_merge(&mine, &file, &Choices::take_all_theirs());
    assert_eq!(merged.feedback, mine.feedback);
    assert_eq!(merged.actions, mine.actions);
    assert_eq!(merged.awards, mine.awards);
    assert_eq!(merged.scheme_review, mine.scheme_review);
    assert_eq!(merged.imports, mine.imports);
    assert_eq!(merged.records.len(), 10);
}

#[test]
fn a_file_with_records_replaces_the_demo_instead_of_mixing() {
    let config = DemoConfig {
        contacts: 200,
        ..DemoConfig::default()
    };
    let demo = Workspace {
        origin: SavedOrigin::Demo,
        records: Arc::new(demo::record_store(&config).unwrap()),
        ..Workspace::default()
    };
    let file = Document::from_workspace(&example_workspace());
    let preview = preview_merge(&demo, &file);
    assert!(preview.replaces_demo);
    assert!(!preview.changes_nothing());
    let records = preview.section(Section::Records);
    assert_eq!(
        (
            records.added.len(),
            records.unchanged,
            records.conflicts.len()
        ),
        (6, 0, 0)
    );
    let merged = apply_merge(&demo, &file, &Choices::keep_all_mine());
    assert_eq!(merged.origin, SavedOrigin::Imported);
    assert_eq!(merged.records.len(), 6, "the file's records only");
    assert!(
        !merged.records.has_field(Field::SlaMet),
        "the demo's fields went with it"
    );
    assert_eq!(merged.imports.len(), 1);
    assert_eq!(merged.feedback.surveys.len(), 3);

    // A file without records has nothing to mix: the demo stays.
    let awards_only = Document {
        records: Vec::new(),
        ..file.clone()
    };
    let preview = preview_merge(&demo, &awards_only);
    assert!(!preview.replaces_demo);
    let merged = apply_merge(&demo, &awards_only, &Choices::keep_all_mine());
    assert_eq!(merged.origin, SavedOrigin::Demo);
    assert!(Arc::ptr_eq(&merged.records, &demo.records));

    // An empty workspace simply becomes the file's.
    let empty = Workspace::default();
    let merged = apply_merge(&empty, &file, &Choices::take_all_theirs());
    assert_eq!(merged.origin, SavedOrigin::Imported);
    assert_eq!(json(&merged), file.to_json());
}
