//! Browser tests of improvement plans with the demo workspace: an action planned from a
//! weakness on the agent card in the first month (2026-07), due the next (2026-08), is
//! listed on the plans page with its baseline and the engine's verdict from 2026-08 data,
//! and the weekly review walks to it; a team action planned by hand; the dashboard counts.
//! Run: see tests/web_pages.rs (same runner), with `--test web_plans`.

#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use carescore_engine::feedback::plans::{verify, ActionStatus, PlanSubject, Verification};
use carescore_engine::metric_def::Unit;
use carescore_engine::scoring::insights::insights;
use carescore_web::components::actions::follow::value_text;
use carescore_web::pages::{AgentPage, DashboardPage, PlansPage, WeeklyReviewPage};
use carescore_web::state::AppState;
use carescore_workspace::plans::next_period;
use carescore_workspace::scores::row_index;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::*;

const FIRST: &str = "2026-07";
const NEXT: &str = "2026-08";

fn value(root: &Element, selector: &str) -> String {
    js_sys::Reflect::get(&one(root, selector), &JsValue::from_str("value"))
        .unwrap()
        .as_string()
        .unwrap_or_default()
}

/// An agent with a weakness in the first month and a value of that metric in the next:
/// (agent, metric, this month's value, its unit).
fn weak_agent(state: AppState) -> (String, String, f64, Option<Unit>) {
    let (ws, scores) = state.scored().expect("the demo is scored");
    for row in ws.agents.rows.iter().filter(|r| r.period == FIRST) {
        let index = row_index(&ws.agents, &row.group, FIRST).unwrap();
        let Some(ex) = scores.agents.explain(&ws.agents, index) else {
            continue;
        };
        let Some(weak) = insights(&ex).weaknesses.into_iter().next() else {
            continue;
        };
        let col = ws.agents.column(&weak.metric_id).unwrap();
        let later = ws
            .agents
            .row(&row.group, NEXT)
            .and_then(|r| r.values[col].value);
        if later.is_some() {
            return (row.group.clone(), weak.metric_id, weak.value, weak.unit);
        }
    }
    panic!("no demo agent with a weakness in {FIRST} and data in {NEXT}");
}

/// Where a new action's due period starts: the month after the latest data, or this month
/// by the browser's clock if that is later.
fn fresh_due(state: AppState) -> String {
    let ws = state.workspace_untracked().unwrap();
    let after = next_period(ws.latest_period().unwrap()).unwrap();
    let now = js_sys::Date::new_0();
    let this_month = format!("{:04}-{:02}", now.get_full_year(), now.get_month() + 1);
    after.max(this_month)
}

/// Mounts the agent card (first month), the plans page and, when `review` is set, the
/// weekly review, sharing one state.
async fn mount_all() -> (
    Element,
    AppState,
    RwSignal<bool>,
    (String, String, f64, Option<Unit>),
) {
    let root = container();
    let out = Rc::new(std::cell::RefCell::new(None));
    let out_in = out.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let state = provide_demo_state();
        state.set_period(FIRST.to_string());
        let picked = weak_agent(state);
        let review = RwSignal::new(false);
        *out_in.borrow_mut() = Some((state, review, picked.clone()));
        let agent = picked.0.clone();
        view! {
            <div class="t-agent"><AgentPage name=agent/></div>
            <div class="t-plans"><PlansPage/></div>
            <div class="t-review">{move || review.get().then(|| view! { <WeeklyReviewPage/> })}</div>
        }
    });
    std::mem::forget(handle);
    settle().await;
    let (state, review, picked) = out.borrow_mut().take().expect("mounted");
    (root.unchecked_into(), state, review, picked)
}

#[wasm_bindgen_test]
async fn a_weakness_becomes_an_action_verified_from_next_month_and_reviewed() {
    let (root, state, review, (agent, metric, baseline, unit)) = mount_all().await;
    let card = one(&root, ".t-agent [data-testid=agent-actions]");

    // The weakness's button opens the form pre-filled from this month's value, written as
    // the card writes it, and due in a month not yet past.
    click(
        &card,
        &format!("[data-testid=plan-weakness][data-metric={metric}]"),
    );
    settle().await;
    assert_eq!(
        value(&card, "[data-testid=plan-baseline]"),
        value_text(baseline, unit)
    );
    assert!(
        !value(&card, "[data-testid=plan-target]").is_empty(),
        "a suggested target"
    );
    assert_eq!(value(&card, "[data-testid=plan-due]"), fresh_due(state));
    // Planned in hindsight: due the month after, which the demo has data for.
    set_value(&card, "[data-testid=plan-due]", NEXT, "input");
    set_value(&card, "[data-testid=plan-owner]", "组长 Lee", "input");
    set_value(&card, "[data-testid=plan-note]", "每周辅导一次", "input");
    click(&card, "[data-testid=plan-save]");
    settle().await;

    let plans = state.actions_untracked();
    assert_eq!(plans.0.len(), 1, "saved through the state");
    let action = plans.0[0].clone();
    assert_eq!(
        action.subject,
        PlanSubject::Agent {
            agent: agent.clone()
        }
    );
    assert_eq!(action.metric_id, metric);
    assert_eq!(
        value_text(action.baseline, unit),
        value_text(baseline, unit)
    );
    assert_eq!(action.due_period, NEXT);
    assert_eq!(action.owner, "组长 Lee");
    assert_eq!(action.notes.len(), 1);
    assert!(
        root.query_selector(".t-agent [data-testid=plan-form]")
            .unwrap()
            .is_none(),
        "the form closes"
    );
    // The card lists the agent's action.
    assert_eq!(
        all(
            &card,
            "[data-testid=agent-action-list] [data-testid=plan-item]"
        )
        .len(),
        1
    );

    // The plans page lists it with its baseline and the engine's verdict from 2026-08.
    let page = one(&root, ".t-plans");
    let items = all(&page, "[data-testid=plan-item]");
    assert_eq!(items.len(), 1);
    let item = &items[0];
    assert!(text(item, "[data-testid=plan-range]").starts_with(&value_text(baseline, unit)));
    assert_eq!(text(item, "[data-testid=plan-due-text]"), NEXT);
    assert!(item.text_content().unwrap().contains(&agent));
    let ws = state.workspace_untracked().unwrap();
    let expected = verify(&action, &ws.agents);
    let verdict = one(item, "[data-testid=verdict]");
    let outcome = verdict.get_attribute("data-outcome").unwrap();
    let result = match expected {
        Verification::Achieved { result, .. } => {
            assert_eq!(outcome, "achieved");
            result
        }
        Verification::NotAchieved { result, .. } => {
            assert_eq!(outcome, "not_achieved");
            result
        }
        other => panic!("2026-08 has data, got {other:?}"),
    };
    let said = verdict.text_content().unwrap();
    assert!(said.contains(&value_text(result, unit)), "{said}");
    assert!(said.contains(NEXT), "{said}");
    // Planned and past its due month (the demo has data after it): overdue.
    assert!(item
        .query_selector("[data-testid=plan-overdue]")
        .unwrap()
        .is_some());

    // The weekly review walks to it and records the decision with a note.
    review.set(true);
    settle().await;
    let walk = one(&root, ".t-review [data-testid=review-walk]");
    assert_eq!(text(&walk, "[data-testid=review-position]"), "1 of 1");
    let current = one(&walk, "[data-testid=plan-item]");
    assert_eq!(
        current.get_attribute("data-action").as_deref(),
        Some(action.id.as_str())
    );
    assert_eq!(
        one(&current, "[data-testid=verdict]")
            .get_attribute("data-outcome")
            .unwrap(),
        outcome
    );
    set_value(&walk, "[data-testid=review-note]", "复盘：已达成", "input");
    click(&walk, "[data-testid=review-verified]");
    settle().await;
    let after = state.actions_untracked().0[0].clone();
    assert_eq!(after.status, ActionStatus::Verified);
    assert_eq!(after.notes.last().unwrap().text, "复盘：已达成");
    // The walk stays on it and shows the new status; the plans page follows.
    assert_eq!(text(&walk, "[data-testid=plan-status]"), "Verified");
    assert_eq!(text(&page, "[data-testid=plan-status]"), "Verified");
}

#[wasm_bindgen_test]
async fn a_team_action_by_hand_and_the_filters() {
    let (root, state, _review, _) = mount_all().await;
    let page = one(&root, ".t-plans");
    click(&page, "[data-testid=plans-new]");
    settle().await;
    let form = one(&page, "[data-testid=plan-new]");
    set_value(&form, "[data-testid=plan-kind]", "team", "change");
    settle().await;
    let teams = all(&form, "[data-testid=plan-subject] option");
    assert!(teams.len() > 1, "teams of the period to choose from");
    let team = teams[1].get_attribute("value").unwrap();
    set_value(&form, "[data-testid=plan-subject]", &team, "change");
    set_value(&form, "[data-testid=plan-metric]", "fcr_rate", "change");
    settle().await;
    assert!(
        !value(&form, "[data-testid=plan-baseline]").is_empty(),
        "baseline from the team's month"
    );
    // A broken target is refused with a message and nothing is saved.
    set_value(&form, "[data-testid=plan-target]", "lots", "input");
    click(&form, "[data-testid=plan-save]");
    settle().await;
    assert!(text(&form, "[data-testid=plan-error]").contains("target"));
    assert!(state.actions_untracked().0.is_empty());
    set_value(&form, "[data-testid=plan-target]", "95", "input");
    // Due in a month already past, on purpose: the filters below pick it as overdue.
    set_value(&form, "[data-testid=plan-due]", NEXT, "input");
    click(&form, "[data-testid=plan-save]");
    settle().await;
    let plans = state.actions_untracked();
    assert_eq!(plans.0.len(), 1);
    assert_eq!(plans.0[0].subject, PlanSubject::Team { team: team.clone() });
    assert!(
        (plans.0[0].target - 0.95).abs() < 1e-9,
        "typed as a percentage"
    );
    assert_eq!(all(&page, "[data-testid=plan-item]").len(), 1);

    // Filters: another status hides it; overdue keeps it (due 2026-08, data runs later).
    set_value(&page, "[data-testid=plans-filter-status]", "done", "change");
    settle().await;
    assert_eq!(all(&page, "[data-testid=plan-item]").len(), 0);
    assert!(page
        .query_selector("[data-testid=plans-empty]")
        .unwrap()
        .is_some());
    set_value(&page, "[data-testid=plans-filter-status]", "any", "change");
    let overdue: HtmlElement = one(&page, "[data-testid=plans-filter-overdue]").unchecked_into();
    overdue.click();
    settle().await;
    assert_eq!(all(&page, "[data-testid=plan-item]").len(), 1);

    // Edit the status in the fold-out: done, so no longer overdue.
    let item = one(&page, "[data-testid=plan-item]");
    set_value(&item, "[data-testid=plan-edit-status]", "done", "change");
    set_value(&item, "[data-testid=plan-edit-owner]", "王经理", "input");
    click(&item, "[data-testid=plan-edit-save]");
    settle().await;
    let saved = state.actions_untracked().0[0].clone();
    assert_eq!(saved.status, ActionStatus::Done);
    assert_eq!(saved.owner, "王经理");
    assert_eq!(
        all(&page, "[data-testid=plan-item]").len(),
        0,
        "overdue filter drops it"
    );
}

#[wasm_bindgen_test]
async fn the_dashboard_counts_overdue_and_unverified_actions() {
    let root = container();
    let out = Rc::new(std::cell::Cell::new(None));
    let out_in = out.clone();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        out_in.set(Some(provide_demo_state()));
        view! { <DashboardPage/> }
    });
    std::mem::forget(handle);
    settle().await;
    let root: Element = root.unchecked_into();
    let state = out.get().unwrap();
    assert_eq!(text(&root, "[data-testid=dash-actions-overdue]"), "0");

    let (agent, metric, baseline, _) = weak_agent(state);
    let history = state.history_untracked();
    let card = &history.versions.last().unwrap().scorecard;
    let def = card.metric_def(&metric).unwrap();
    let mut plans = state.actions_untracked();
    for status in [
        ActionStatus::Planned,
        ActionStatus::InProgress,
        ActionStatus::Done,
    ] {
        let mut action = carescore_engine::feedback::plans::ImprovementAction::planned(
            "",
            "Coach",
            PlanSubject::Agent {
                agent: agent.clone(),
            },
            &def,
            baseline,
            baseline,
            "Lee",
            NEXT,
        );
        action.status = status;
        plans.add(action);
    }
    state.set_actions(plans);
    settle().await;
    assert_eq!(text(&root, "[data-testid=dash-actions-overdue]"), "2");
    assert_eq!(text(&root, "[data-testid=dash-actions-unverified]"), "1");
}

#[wasm_bindgen_test]
async fn a_time_metric_is_planned_in_minutes_and_seconds_and_starts_on_time() {
    let (root, state, _review, _) = mount_all().await;
    let page = one(&root, ".t-plans");
    click(&page, "[data-testid=plans-new]");
    settle().await;
    let form = one(&page, "[data-testid=plan-new]");
    assert_eq!(value(&form, "[data-testid=plan-due]"), fresh_due(state));
    set_value(&form, "[data-testid=plan-kind]", "team", "change");
    settle().await;
    let team = all(&form, "[data-testid=plan-subject] option")[1]
        .get_attribute("value")
        .unwrap();
    set_value(&form, "[data-testid=plan-subject]", &team, "change");
    set_value(
        &form,
        "[data-testid=plan-metric]",
        "handle_secs_mean",
        "change",
    );
    settle().await;

    // The baseline reads as on the card (m:ss), and the target is typed the same way.
    let ws = state.workspace_untracked().unwrap();
    let col = ws.teams.column("handle_secs_mean").unwrap();
    let measured = ws.teams.row(&team, FIRST).unwrap().values[col]
        .value
        .unwrap();
    let shown = value(&form, "[data-testid=plan-baseline]");
    assert_eq!(shown, value_text(measured, Some(Unit::Seconds)));
    assert!(shown.contains(':'), "{shown}");
    assert!(text(&form, ".plan-number").contains("m:ss"));
    set_value(&form, "[data-testid=plan-target]", "4:30", "input");
    click(&form, "[data-testid=plan-save]");
    settle().await;

    let saved = state.actions_untracked().0[0].clone();
    assert_eq!(saved.target, 270.0);
    assert_eq!(value_text(saved.baseline, Some(Unit::Seconds)), shown);
    assert_eq!(saved.due_period, fresh_due(state));
    let item = one(&page, "[data-testid=plan-item]");
    assert!(
        find(&item, "[data-testid=plan-overdue]").is_none(),
        "not overdue the day it is planned"
    );
    assert_eq!(
        text(&item, "[data-testid=plan-range]"),
        format!("{shown} → 4:30")
    );
}
