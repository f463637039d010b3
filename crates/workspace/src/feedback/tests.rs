//! The store, its tables and the peer rule applied to them.

use super::*;
use crate::scores::{row_index, Scores};
use carescore_engine::demo::DemoConfig;
use carescore_engine::feedback::measures::PEER_REVIEW_SCORE;
use carescore_engine::feedback::response::{Answer, Answers};
use carescore_engine::feedback::PeerComments;
use carescore_engine::scorecard::defaults::default_history;

fn peer(id: &str, subject: &str, rater: &str, period: &str, comment: &str) -> Review360 {
    let form = builtin::review360(RaterRole::Peer);
    let mut answers = Answers::new();
    for item in form.items() {
        if item.dimension.is_some() {
            answers.insert(item.id.clone(), Answer::Number(4.0));
        }
    }
    answers.insert("comment".into(), Answer::Text(comment.into()));
    Review360 {
        id: id.into(),
        form_id: form.id.clone(),
        subject: subject.into(),
        rater: rater.into(),
        role: RaterRole::Peer,
        period: period.into(),
        answers,
        comment: None,
    }
}

fn small_demo() -> Measured {
    let config = DemoConfig::default();
    Measured::demo_with(&config, &default_history()).unwrap()
}

#[test]
fn an_empty_store_reads_from_nothing_and_defaults_k_to_3() {
    let store: FeedbackStore = serde_json::from_str("{}").unwrap();
    assert_eq!(store, FeedbackStore::default());
    assert_eq!(store.anonymity_k, 3);
    assert!(store.is_empty());
    assert!(serde_json::from_str::<FeedbackStore>(r#"{"surveyz": []}"#).is_err());
}

#[test]
fn a_filled_store_round_trips_and_ids_do_not_repeat() {
    let mut store = FeedbackStore {
        anonymity_k: 4,
        ..FeedbackStore::default()
    };
    store
        .reviews360
        .push(peer("r360-1", "Ann", "Bo", "2026-03", "kind"));
    store
        .reviews360
        .push(peer("r360-7", "Ann", "Cy", "2026-03", ""));
    let mut answers = Answers::new();
    answers.insert("csat".into(), Answer::Number(5.0));
    store.surveys.push(SurveyResponse {
        id: "survey-1".into(),
        form_id: builtin::CUSTOMER_SURVEY.into(),
        contact_id: Some("C-9".into()),
        agent: "Ann".into(),
        submitted_at: "2026-03-02T10:00:00".parse().unwrap(),
        answers,
    });
    let text = serde_json::to_string(&store).unwrap();
    let back: FeedbackStore = serde_json::from_str(&text).unwrap();
    assert_eq!(back, store);
    assert_eq!(store.next_id("r360"), "r360-8");
    assert_eq!(store.next_id("survey"), "survey-2");
    assert_eq!(store.next_id("qa"), "qa-1");
    store.remove("r360-7");
    assert_eq!(store.reviews360.len(), 1);
}

#[test]
fn agent_feedback_reads_survey_and_360_figures_for_the_period() {
    let mut store = FeedbackStore::default();
    for (i, csat) in [5.0, 3.0].into_iter().enumerate() {
        let mut answers = Answers::new();
        answers.insert("csat".into(), Answer::Number(csat));
        answers.insert("nps".into(), Answer::Number(10.0));
        store.surveys.push(SurveyResponse {
            id: format!("survey-{i}"),
            form_id: builtin::CUSTOMER_SURVEY.into(),
            contact_id: None,
            agent: "Ann".into(),
            submitted_at: "2026-03-02T10:00:00".parse().unwrap(),
            answers,
        });
    }
    let mut manager = peer("r360-1", "Ann", "Mo", "2026-03", "");
    manager.role = RaterRole::Manager;
    manager.form_id = builtin::review360_id(RaterRole::Manager);
    store.reviews360.push(manager);
    let figures = store.agent_feedback("Ann", "2026-03");
    assert_eq!(
        figures.csat,
        Figure {
            value: Some(4.0),
            sample: 2
        }
    );
    assert_eq!(figures.nps.value, Some(100.0));
    assert_eq!(figures.ces.sample, 0);
    assert_eq!(figures.qa_score.value, None);
    assert_eq!(
        figures.manager_review,
        Figure {
            value: Some(75.0),
            sample: 1
        }
    );
    assert_eq!(figures.self_review.value, None);
    assert_eq!(store.agent_feedback("Ann", "2026-02").csat.sample, 0);
    assert_eq!(store.agent_feedback("Bo", "2026-03").csat.value, None);
}

#[test]
fn feedback_columns_follow_the_contact_rows() {
    let ws = small_demo();
    let agent_row = &ws.agents.rows[0];
    let (agent, period) = (agent_row.group.clone(), agent_row.period.clone());
    let mut store = FeedbackStore::default();
    let mut answers = Answers::new();
    answers.insert("csat".into(), Answer::Number(4.0));
    let date = PERIOD_KIND.start_of_label(&period).unwrap();
    store.surveys.push(SurveyResponse {
        id: "survey-1".into(),
        form_id: builtin::CUSTOMER_SURVEY.into(),
        contact_id: None,
        agent: agent.clone(),
        submitted_at: date.and_hms_opt(9, 0, 0).unwrap(),
        answers: answers.clone(),
    });
    // An agent without contacts: no row to land in.
    store.surveys.push(SurveyResponse {
        agent: "Nobody".into(),
        id: "survey-2".into(),
        ..store.surveys[0].clone()
    });
    let tables = store.scored_tables(&ws);
    assert_eq!(tables.agents.rows.len(), ws.agents.rows.len());
    assert_eq!(tables.teams.rows.len(), ws.teams.rows.len());
    for (merged, contact) in tables.agents.rows.iter().zip(&ws.agents.rows) {
        assert_eq!(
            (&merged.group, &merged.period),
            (&contact.group, &contact.period)
        );
        assert_eq!(merged.records, contact.records);
        assert_eq!(merged.values[..contact.values.len()], contact.values[..]);
    }
    let column = tables.agents.column(SURVEY_CSAT_MEAN).unwrap();
    assert!(column >= ws.agents.metric_ids.len());
    let value = |table: &MeasureTable, group: &str| {
        let row = row_index(table, group, &period).unwrap();
        table.rows[row].values[column].value
    };
    assert_eq!(value(&tables.agents, &agent), Some(4.0));
    assert_eq!(value(&tables.centre, "all"), Some(4.0));
    let team = agent_row.team.clone().unwrap();
    let team_column = tables.teams.column(SURVEY_CSAT_MEAN).unwrap();
    let team_row = row_index(&tables.teams, &team, &period).unwrap();
    assert_eq!(
        tables.teams.rows[team_row].values[team_column].value,
        Some(4.0)
    );
    let other = tables
        .agents
        .rows
        .iter()
        .find(|r| r.group != agent)
        .unwrap();
    assert_eq!(other.values[column].value, None);
}

#[test]
fn a_team_peer_figure_hides_when_any_agent_in_it_is_below_k() {
    let ws = small_demo();
    let period = ws.latest_period().unwrap().to_string();
    let team_rows: Vec<&MeasureRow> = ws
        .agents
        .rows
        .iter()
        .filter(|r| r.period == period)
        .collect();
    let team = team_rows[0].team.clone().unwrap();
    let mates: Vec<String> = team_rows
        .iter()
        .filter(|r| r.team.as_deref() == Some(team.as_str()))
        .map(|r| r.group.clone())
        .collect();
    assert!(mates.len() >= 3, "{mates:?}");
    let peer_value =
        |store: &FeedbackStore, table: fn(&ScoredTables) -> &MeasureTable, group: &str| {
            let tables = store.scored_tables(&ws);
            let table = table(&tables);
            let column = table.column(PEER_REVIEW_SCORE).unwrap();
            table.row(group, &period).unwrap().values[column].value
        };
    // One peer reviews three teammates: three (agent, rater) pairs, one rater each.
    let mut store = FeedbackStore::default();
    for (i, mate) in mates[..3].iter().enumerate() {
        let id = format!("r360-{i}");
        store.reviews360.push(peer(&id, mate, "Zed", &period, ""));
    }
    assert_eq!(
        peer_value(&store, |t| &t.teams, &team),
        None,
        "one rater per agent"
    );
    assert_eq!(peer_value(&store, |t| &t.centre, "all"), None);
    // The first mate reaches k; the second keeps one peer: the team minus the first
    // mate would give the second's hidden mean, so the team stays hidden.
    for rater in ["Yu", "Xi"] {
        let id = format!("r360-{rater}");
        store
            .reviews360
            .push(peer(&id, &mates[0], rater, &period, ""));
    }
    assert!(peer_value(&store, |t| &t.agents, &mates[0]).is_some());
    assert_eq!(peer_value(&store, |t| &t.agents, &mates[1]), None);
    assert_eq!(peer_value(&store, |t| &t.teams, &team), None);
    assert_eq!(peer_value(&store, |t| &t.centre, "all"), None);
    // Once no agent is hidden, the team and the centre show.
    store.reviews360.retain(|r| r.subject == mates[0]);
    assert!(peer_value(&store, |t| &t.teams, &team).is_some());
    assert!(peer_value(&store, |t| &t.centre, "all").is_some());
}

#[test]
fn three_peer_reviews_fill_the_teamwork_peer_review_score() {
    let history = default_history();
    let ws = small_demo();
    let period = ws.latest_period().unwrap().to_string();
    let agent = ws
        .agents
        .rows
        .iter()
        .find(|r| r.period == period)
        .unwrap()
        .group
        .clone();
    let peer_cell = |scores: &Scores| {
        let row = row_index(&ws.agents, &agent, &period).unwrap();
        let ex = scores.agents.explain(&ws.agents, row).unwrap();
        let teamwork = ex.dimensions.iter().find(|d| d.id == "teamwork").unwrap();
        let metric = teamwork
            .metrics
            .iter()
            .find(|m| m.metric_id == PEER_REVIEW_SCORE)
            .unwrap();
        (metric.score, metric.small_sample, teamwork.score)
    };
    let none = Scores::compute(&ws, &history).unwrap();
    assert_eq!(peer_cell(&none).0, None);

    let mut store = FeedbackStore::default();
    for (i, rater) in ["Bo", "Cy"].iter().enumerate() {
        let id = format!("r360-{i}");
        store
            .reviews360
            .push(peer(&id, &agent, rater, &period, "good"));
    }
    let two = Scores::compute_with(&ws, &history, &store).unwrap();
    assert_eq!(
        peer_cell(&two).0,
        None,
        "two peers are below k = 3: withheld"
    );
    let peer_value = |table: &MeasureTable| {
        let column = table
            .metric_ids
            .iter()
            .position(|id| id == PEER_REVIEW_SCORE)
            .unwrap();
        let row = row_index(table, &agent, &period).unwrap();
        table.rows[row].values[column].value
    };
    assert_eq!(peer_value(&two.agents.table), None, "not even in the table");

    store
        .reviews360
        .push(peer("r360-9", &agent, "Di", &period, "helpful"));
    let three = Scores::compute_with(&ws, &history, &store).unwrap();
    let (score, small, teamwork) = peer_cell(&three);
    assert!(!small);
    // Every statement answered 4 of 1-5: 75 points before the metric's curve.
    assert!(score.is_some(), "peer_review_score counts with 3 peers");
    assert!(teamwork.is_some());
    assert_eq!(
        three.agents.table.rows.len(),
        ws.agents.rows.len(),
        "rows stay aligned"
    );

    let summary = store.peer_summary(&agent, &period);
    assert_eq!(summary.peers(), 3);
    assert!(matches!(summary.comments(), PeerComments::Shown { .. }));
    store.reviews360.pop();
    assert!(matches!(
        store.peer_summary(&agent, &period).comments(),
        PeerComments::Withheld {
            more_peers_needed: 1
        }
    ));
}
