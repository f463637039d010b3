//! Workspaces with every slice populated, for fixtures, examples, merges and the round-trip
//! property: forms answered validly (every item of the built-in forms, values in range),
//! appeals with real trails, actions, award rules, a review cycle and an import log.

#![allow(dead_code)]

use std::sync::Arc;

use carescore_engine::awards::{
    default_awards, AwardRule, Eligibility, RankedBy, Scope, Selection,
};
use carescore_engine::feedback::appeals::AppealTarget;
use carescore_engine::feedback::form::{FormTemplate, ItemInput};
use carescore_engine::feedback::plans::{ActionStatus, DatedNote, PlanSubject};
use carescore_engine::feedback::review_cycle::SchemeReviewCycle;
use carescore_engine::feedback::{
    builtin, Answer, Answers, Appeal, ImprovementAction, QaReview, RaterRole, Review360,
    SurveyResponse,
};
use carescore_engine::metric_def::Direction;
use carescore_engine::records::RecordStore;
use carescore_engine::scorecard::defaults::default_history;
use carescore_engine::scorecard::Label;
use carescore_workspace::feedback::FeedbackStore;
use carescore_workspace::formats::review_file::SavedMapping;
use carescore_workspace::formats::saved_state::{ImportLog, SavedOrigin};
use carescore_workspace::plans::Plans;
use carescore_workspace::scheme_review::{HeldReview, SchemeReview};
use carescore_workspace::Workspace;
use chrono::{Duration, NaiveDate, NaiveDateTime};

/// A small deterministic generator (splitmix64), so a seed gives one workspace.
pub struct Dice(pub u64);

impl Dice {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number from 0 to `n - 1`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    pub fn chance(&mut self) -> bool {
        self.next() & 1 == 1
    }
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn noon(date: NaiveDate) -> NaiveDateTime {
    date.and_hms_opt(12, 0, 0).unwrap()
}

/// Valid answers to every item of `form` (texts in several scripts, markup included).
pub fn answers_for(form: &FormTemplate, dice: &mut Dice) -> Answers {
    let mut answers = Answers::new();
    for item in form.items() {
        let answer = match &item.input {
            ItemInput::FreeText => Answer::Text(
                ["很好，谢谢", "<b>fast</b> & \"kind\"", "could listen more"]
                    [dice.below(3) as usize]
                    .to_string(),
            ),
            ItemInput::SingleChoice { options } => Answer::Text(
                options[dice.below(options.len() as u64) as usize]
                    .id
                    .clone(),
            ),
            ItemInput::QaCheck { points, .. } => {
                let halves = dice.below(u64::from(*points) * 2 + 1);
                Answer::Number(halves as f64 / 2.0)
            }
            input => {
                let (min, max) = input.range().unwrap();
                Answer::Number(min + dice.below((max - min) as u64 + 1) as f64)
            }
        };
        answers.insert(item.id.clone(), answer);
    }
    answers
}

pub fn survey(id: &str, agent: &str, at: NaiveDateTime, dice: &mut Dice) -> SurveyResponse {
    SurveyResponse {
        id: id.into(),
        form_id: builtin::CUSTOMER_SURVEY.into(),
        contact_id: dice.chance().then(|| format!("T-{}", dice.below(9))),
        agent: agent.into(),
        submitted_at: at,
        answers: answers_for(&builtin::customer_survey(), dice),
    }
}

pub fn qa_review(id: &str, agent: &str, on: NaiveDate, dice: &mut Dice) -> QaReview {
    QaReview {
        id: id.into(),
        form_id: builtin::QA_AFTER_SALES_CHAT.into(),
        conversation_id: format!("T-{}", dice.below(9)),
        agent: agent.into(),
        reviewer: "质检 Rita".into(),
        reviewed_on: on + Duration::days(2),
        conversation_on: dice.chance().then_some(on),
        answers: answers_for(&builtin::qa_after_sales_chat(), dice),
        item_comments: Default::default(),
        comment: dice.chance().then(|| "注意礼貌用语".to_string()),
    }
}

pub fn review360(
    id: &str,
    subject: &str,
    rater: &str,
    role: RaterRole,
    period: &str,
    dice: &mut Dice,
) -> Review360 {
    Review360 {
        id: id.into(),
        form_id: builtin::review360_id(role),
        subject: subject.into(),
        rater: rater.into(),
        role,
        period: period.into(),
        answers: answers_for(&builtin::review360(role), dice),
        comment: dice.chance().then(|| "耐心 / patient".to_string()),
    }
}

/// An appeal raised on `at`, decided an hour later unless `decision` is `None`.
pub fn appeal(id: &str, target: AppealTarget, at: NaiveDateTime, decision: Option<bool>) -> Appeal {
    let mut appeal = Appeal::open(id, target, "张伟", at, "我当时在处理紧急工单");
    if let Some(accept) = decision {
        appeal
            .decide(accept, "李经理", at + Duration::hours(1), "核实后处理")
            .unwrap();
    }
    appeal
}

pub fn action(id: &str, subject: PlanSubject, due: &str, dice: &mut Dice) -> ImprovementAction {
    ImprovementAction {
        id: id.into(),
        title: "每周辅导 / weekly coaching".into(),
        subject,
        metric_id: "fcr_rate".into(),
        baseline: 0.6 + dice.below(10) as f64 / 100.0,
        target: 0.75,
        direction: Direction::HigherIsBetter,
        owner: "李经理".into(),
        due_period: due.into(),
        status: [ActionStatus::Planned, ActionStatus::Done][dice.below(2) as usize],
        notes: vec![DatedNote {
            on: day(2026, 9, 20),
            by: "李经理".into(),
            text: "已沟通".into(),
        }],
    }
}

/// The built-in awards, the first edited, plus a team award of the user's own.
pub fn edited_awards() -> Vec<AwardRule> {
    let mut awards = default_awards();
    awards[0].eligibility.min_contacts = 2;
    awards.push(AwardRule {
        id: "learning_star".into(),
        label: Some(Label::new("Learning star", "学习之星")),
        ranked_by: RankedBy::Dimension("teamwork".into()),
        scope: Scope::PerTeam,
        selection: Selection::TopN { n: 1 },
        eligibility: Eligibility {
            no_guard_rail: true,
            ..Eligibility::default()
        },
        enabled: true,
    });
    awards
}

pub fn cycle_with_a_review() -> SchemeReview {
    SchemeReview {
        cycle: Some(SchemeReviewCycle {
            start: day(2026, 1, 1),
            every_months: 6,
            last_review: Some(day(2026, 7, 1)),
        }),
        log: vec![HeldReview {
            on: day(2026, 7, 1),
            by: "李经理".into(),
            note: "效率权重 25 → 20".into(),
        }],
    }
}

/// `store`'s workspace with every slice populated about `agents` (at least three) in
/// September 2026: a survey and a QA review each, a self and a manager review of the
/// first, three peers reviewing the first and two the second (so the second's peers are
/// below k = 3), an accepted appeal on a QA review and an open one on a record, two
/// actions, edited awards, a review cycle, an import and `mappings`.
pub fn populated(store: RecordStore, agents: &[&str], mappings: Vec<SavedMapping>) -> Workspace {
    let mut dice = Dice(7);
    let mut feedback = FeedbackStore::default();
    let sept = |d| noon(day(2026, 9, d));
    for (i, agent) in agents.iter().enumerate() {
        let n = i as u32 + 1;
        feedback
            .surveys
            .push(survey(&format!("survey-{n}"), agent, sept(n), &mut dice));
        feedback.qa_reviews.push(qa_review(
            &format!("qa-{n}"),
            agent,
            day(2026, 9, n),
            &mut dice,
        ));
    }
    let [first, second, third, ..] = agents else {
        panic!("three agents at least")
    };
    let mut next = 0;
    let mut review = |subject: &str, rater: &str, role, dice: &mut Dice| {
        next += 1;
        review360(
            &format!("r360-{next}"),
            subject,
            rater,
            role,
            "2026-09",
            dice,
        )
    };
    feedback.reviews360 = vec![
        review(first, first, RaterRole::SelfReview, &mut dice),
        review(first, "李经理", RaterRole::Manager, &mut dice),
        review(first, second, RaterRole::Peer, &mut dice),
        review(first, third, RaterRole::Peer, &mut dice),
        review(first, "赵六", RaterRole::Peer, &mut dice),
        review(second, first, RaterRole::Peer, &mut dice),
        review(second, third, RaterRole::Peer, &mut dice),
    ];
    feedback.appeals = vec![
        appeal(
            "appeal-1",
            AppealTarget::Review { id: "qa-1".into() },
            sept(10),
            Some(true),
        ),
        appeal(
            "appeal-2",
            AppealTarget::Record {
                key: "T-1002".into(),
            },
            sept(11),
            None,
        ),
    ];
    let actions = Plans(vec![
        action(
            "act-1",
            PlanSubject::Agent {
                agent: first.to_string(),
            },
            "2026-10",
            &mut dice,
        ),
        action(
            "act-2",
            PlanSubject::Team {
                team: "华东一组".into(),
            },
            "2026-10",
            &mut dice,
        ),
    ]);
    Workspace {
        origin: SavedOrigin::Imported,
        records: Arc::new(store),
        imports: vec![ImportLog {
            file: "工单导出 2026-09.csv".into(),
            rows_read: 6,
            added: 6,
            updated: 0,
            duplicates: 0,
            rejected: 0,
        }],
        scorecards: default_history(),
        mappings,
        awards: edited_awards(),
        feedback,
        actions,
        scheme_review: cycle_with_a_review(),
    }
}
