//! Awards (评优): 服务之星 and friends for the selected month. One panel per award: its
//! rule in words, the winners with the reasons they qualified, the candidates who would
//! have won but were not eligible (and why), and a form that edits the rule. Every valid
//! edit is saved through the state at once and the winners follow; an invalid one shows
//! the problem and is not saved. The engine decides ([`carescore_engine::awards`]); this
//! page only translates its structured reasons.

use carescore_engine::awards::{
    decide, default_awards, AwardOutcome, AwardRule, Eligibility, Failure, Ineligible, RankedBy,
    Reason, Scope, Selection, Winner,
};
use carescore_engine::scorecard::{Grade, Label, Scorecard, ScorecardHistory};
use leptos::html::Input;
use leptos::prelude::*;

use crate::i18n::{translate, use_i18n, I18n, Locale};
use crate::pages::agent::rail_text;
use crate::pages::format;
use crate::pages::scorecard::draft::{input_text, parse_number};
use crate::pages::scorecard::editor::{metric_label, unit_of};
use crate::pages::widgets::{
    dimension_name, grade_name, label_text, metric_name, NoWorkspace, PeriodSelect,
};
use crate::router::Route;
use crate::state::{use_app_state, AppState};

#[component]
pub fn AwardsPage() -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    // Only whether there are scores: editing an award must not rebuild the page.
    let has_scores = Memo::new(move |_| state.scored().is_some());
    view! {
        <section class="page page-awards" data-testid="page-awards">
            <header class="page-header">
                <h1>{move || i18n.t("awards.title")}</h1>
                {move || has_scores.get().then(|| view! { <PeriodSelect/> })}
            </header>
            <p class="muted awards-intro">{move || i18n.t("awards.intro")}</p>
            {move || {
                if has_scores.get() {
                    awards_body(i18n, state).into_any()
                } else {
                    view! { <NoWorkspace/> }.into_any()
                }
            }}
        </section>
    }
}

fn awards_body(i18n: I18n, state: AppState) -> impl IntoView {
    // Bumped by "Reset to defaults": the panels are rebuilt, so their forms show the
    // defaults rather than the values typed before.
    let generation = RwSignal::new(0u32);
    let add = move |_| {
        let mut awards = state.awards_untracked();
        awards.push(new_award(&awards));
        state.set_awards(awards);
    };
    let reset = move |_| {
        state.set_awards(default_awards());
        generation.update(|g| *g += 1);
    };
    view! {
        <div class="button-row awards-toolbar">
            <button type="button" class="button" data-testid="awards-add" on:click=add>
                {move || i18n.t("awards.add")}
            </button>
            <button type="button" class="button" data-testid="awards-reset" on:click=reset>
                {move || i18n.t("awards.reset")}
            </button>
        </div>
        {move || {
            state
                .awards()
                .is_empty()
                .then(|| view! { <p class="muted" data-testid="awards-none">{i18n.t("awards.none")}</p> })
        }}
        <For
            each=move || {
                let g = generation.get();
                state.awards().into_iter().map(move |a| (g, a.id)).collect::<Vec<_>>()
            }
            key=|key| key.clone()
            children=move |(_, id)| award_panel(i18n, state, id)
        />
    }
}

/// A new user-defined award with an unused id: top 1 by total, no conditions yet.
fn new_award(existing: &[AwardRule]) -> AwardRule {
    let id = (1..)
        .map(|k| format!("custom_{k}"))
        .find(|id| !existing.iter().any(|a| &a.id == id))
        .expect("an unused id");
    AwardRule {
        id,
        label: Some(Label::new(
            &translate(Locale::En, "awards.new_name"),
            &translate(Locale::ZhCn, "awards.new_name"),
        )),
        ranked_by: RankedBy::Total,
        scope: Scope::Centre,
        selection: Selection::TopN { n: 1 },
        eligibility: Eligibility::default(),
        enabled: true,
    }
}

/// The card in force for a period (dimension and metric names, what can rank an award).
fn card_for(history: &ScorecardHistory, period: Option<&str>) -> Scorecard {
    period
        .and_then(|p| history.for_period(p))
        .or(history.versions.last())
        .map(|v| v.scorecard.clone())
        .expect("a validated history has a version")
}

/// The award's name: its own label, else the translation of a built-in id, else the id.
pub fn award_name(i18n: I18n, rule: &AwardRule) -> String {
    if let Some(name) = rule
        .label
        .as_ref()
        .and_then(|l| label_text(i18n.locale(), l))
    {
        return name;
    }
    let key = format!("awards.name.{}", rule.id);
    let text = i18n.t(&key);
    if text == key {
        rule.id.clone()
    } else {
        text
    }
}

fn ranked_by_name(i18n: I18n, by: &RankedBy, card: &Scorecard) -> String {
    match by {
        RankedBy::Total => i18n.t("awards.by.total"),
        RankedBy::Change => i18n.t("awards.by.change"),
        RankedBy::Dimension(id) => {
            let label = card.dimensions.iter().find(|d| &d.id == id);
            dimension_name(i18n, id, label.and_then(|d| d.label.as_ref()))
        }
        RankedBy::Metric(id) => {
            let label = card
                .find_metric(id)
                .and_then(|(_, m)| metric_label(card, m));
            metric_name(i18n, id, label.as_ref())
        }
    }
}

/// The rule in words: "Top 3 by total, at least 100 contacts, no critical QA error, no
/// guard rail hit".
pub fn rule_text(i18n: I18n, rule: &AwardRule, card: &Scorecard) -> String {
    let by = ranked_by_name(i18n, &rule.ranked_by, card);
    let per_team = rule.scope == Scope::PerTeam;
    let mut parts = vec![match rule.selection {
        Selection::TopN { n } => {
            let key = if per_team {
                "awards.rule.top_n_per_team"
            } else {
                "awards.rule.top_n"
            };
            i18n.tf(key, &[("n", &n.to_string()), ("by", &by)])
        }
        Selection::Threshold { min } => {
            let key = if per_team {
                "awards.rule.threshold_per_team"
            } else {
                "awards.rule.threshold"
            };
            i18n.tf(key, &[("min", &input_text(min)), ("by", &by)])
        }
    }];
    let e = &rule.eligibility;
    if e.min_contacts > 0 {
        parts.push(i18n.tf(
            "awards.rule.min_contacts",
            &[("n", &format::count(u64::from(e.min_contacts)))],
        ));
    }
    if e.no_critical_qa {
        parts.push(i18n.t("awards.rule.no_critical_qa"));
    }
    if e.no_guard_rail {
        parts.push(i18n.t("awards.rule.no_guard_rail"));
    }
    if let Some(grade) = e.min_grade {
        parts.push(i18n.tf(
            "awards.rule.min_grade",
            &[("grade", &grade_name(i18n, grade))],
        ));
    }
    parts.join(&i18n.t("awards.rule.separator"))
}

fn value_text(by: &RankedBy, value: f64) -> String {
    match by {
        RankedBy::Change => format::change(Some(value)),
        _ => format::score(Some(value)),
    }
}

pub fn reason_text(i18n: I18n, by: &RankedBy, reason: &Reason) -> String {
    match reason {
        Reason::Ranked { position, of, .. } => i18n.tf(
            "awards.reason.ranked",
            &[("position", &position.to_string()), ("of", &of.to_string())],
        ),
        Reason::AtLeastThreshold { value, threshold } => i18n.tf(
            "awards.reason.threshold",
            &[
                ("value", &value_text(by, *value)),
                ("threshold", &input_text(*threshold)),
            ],
        ),
        Reason::Contacts { records, min } => i18n.tf(
            "awards.reason.contacts",
            &[
                ("records", &format::count(u64::from(*records))),
                ("min", &format::count(u64::from(*min))),
            ],
        ),
        Reason::NoCriticalQa { reviews: Some(n) } => {
            i18n.tf("awards.reason.qa_clean", &[("reviews", &n.to_string())])
        }
        Reason::NoCriticalQa { reviews: None } => i18n.t("awards.reason.no_qa_reviews"),
        Reason::NoGuardRail => i18n.t("awards.reason.no_guard_rail"),
        Reason::GradeAtLeast { grade, min } => i18n.tf(
            "awards.reason.grade",
            &[
                ("grade", &grade_name(i18n, *grade)),
                ("min", &grade_name(i18n, *min)),
            ],
        ),
    }
}

pub fn failure_text(i18n: I18n, failure: &Failure, card: &Scorecard) -> String {
    match failure {
        Failure::TooFewContacts { records, min } => i18n.tf(
            "awards.failure.contacts",
            &[
                ("records", &format::count(u64::from(*records))),
                ("min", &format::count(u64::from(*min))),
            ],
        ),
        Failure::CriticalQa { count, reviews } => i18n.tf(
            "awards.failure.critical_qa",
            &[
                ("count", &count.to_string()),
                ("reviews", &reviews.to_string()),
            ],
        ),
        Failure::GuardRail { rails } => {
            let names = |id: &str| match card.dimensions.iter().find(|d| d.id == id) {
                Some(dim) => dimension_name(i18n, id, dim.label.as_ref()),
                None => {
                    let label = card
                        .find_metric(id)
                        .and_then(|(_, m)| metric_label(card, m));
                    metric_name(i18n, id, label.as_ref())
                }
            };
            let threshold = |id: &str, v: f64| format::metric_value(v, unit_of(card, id));
            let texts: Vec<String> = rails
                .iter()
                .map(|rail| rail_text(i18n, rail, names, threshold))
                .collect();
            i18n.tf(
                "awards.failure.guard_rail",
                &[("rails", &texts.join(&i18n.t("awards.rule.separator")))],
            )
        }
        Failure::GradeBelow {
            grade: Some(grade),
            min,
        } => i18n.tf(
            "awards.failure.grade",
            &[
                ("grade", &grade_name(i18n, *grade)),
                ("min", &grade_name(i18n, *min)),
            ],
        ),
        Failure::GradeBelow { grade: None, min } => i18n.tf(
            "awards.failure.no_grade",
            &[("min", &grade_name(i18n, *min))],
        ),
    }
}

fn award_panel(i18n: I18n, state: AppState, id: String) -> impl IntoView {
    let rule = {
        let id = id.clone();
        Memo::new(move |_| state.awards().into_iter().find(|a| a.id == id))
    };
    let card = Memo::new(move |_| card_for(&state.history(), state.period().as_deref()));
    let title = move || rule.get().map(|r| award_name(i18n, &r)).unwrap_or_default();
    let words = move || {
        rule.get()
            .map(|r| card.with(|c| rule_text(i18n, &r, c)))
            .unwrap_or_default()
    };
    let results = move || {
        let rule = rule.get()?;
        if !rule.enabled {
            return Some(
                view! { <p class="muted" data-testid="award-off">{i18n.t("awards.off")}</p> }
                    .into_any(),
            );
        }
        let (ws, scores) = state.scored()?;
        let period = state.period()?;
        let table = &scores.agents;
        let outcome = decide(&rule, &ws.agents, &table.scheme, &table.board, &period);
        Some(
            card.with(|c| outcome_view(i18n, &rule, c, outcome))
                .into_any(),
        )
    };
    let enabled = move || rule.get().is_some_and(|r| r.enabled);
    let initial = rule.get_untracked();
    let data_award = id.clone();
    view! {
        <section
            class="panel award-panel"
            class:award-off=move || !enabled()
            data-testid="award"
            data-award=data_award
        >
            <h2 class="section-title award-title" data-testid="award-title">{title}</h2>
            <p class="award-rule" data-testid="award-rule">{words}</p>
            {results}
            {initial.map(|initial| award_editor(i18n, state, id, initial, card))}
        </section>
    }
}

fn outcome_view(
    i18n: I18n,
    rule: &AwardRule,
    card: &Scorecard,
    outcome: AwardOutcome,
) -> impl IntoView {
    let AwardOutcome {
        winners,
        ineligible,
    } = outcome;
    let winners_view = if winners.is_empty() {
        view! { <p class="muted" data-testid="award-no-winner">{i18n.t("awards.no_winners")}</p> }
            .into_any()
    } else {
        let rows = winners
            .iter()
            .map(|w| winner_row(i18n, &rule.ranked_by, w))
            .collect_view();
        view! {
            <table class="data-table compact award-winners">
                <thead>
                    <tr>
                        <th class="num">{i18n.t("awards.col.rank")}</th>
                        <th>{i18n.t("awards.col.agent")}</th>
                        <th>{i18n.t("awards.col.team")}</th>
                        <th class="num">{i18n.t("awards.col.value")}</th>
                        <th>{i18n.t("awards.col.reasons")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    let count = ineligible.len();
    let excluded = ineligible
        .iter()
        .map(|x| ineligible_item(i18n, &rule.ranked_by, card, x))
        .collect_view();
    view! {
        {winners_view}
        <details class="award-ineligible" data-testid="award-ineligible">
            <summary>{i18n.tf("awards.ineligible", &[("count", &count.to_string())])}</summary>
            {(count == 0).then(|| view! { <p class="muted">{i18n.t("awards.ineligible_none")}</p> })}
            <ul class="award-ineligible-list">{excluded}</ul>
        </details>
    }
}

fn agent_link(name: &str) -> impl IntoView {
    view! { <a href=Route::Agent(name.to_string()).to_hash()>{name.to_string()}</a> }
}

fn winner_row(i18n: I18n, by: &RankedBy, winner: &Winner) -> impl IntoView {
    let reasons = winner
        .reasons
        .iter()
        .map(|r| view! { <li>{reason_text(i18n, by, r)}</li> })
        .collect_view();
    view! {
        <tr data-testid="award-winner">
            <td class="num">{winner.rank_in_award}</td>
            <td>{agent_link(&winner.group)}</td>
            <td>{winner.team.clone().unwrap_or_default()}</td>
            <td class="num score">{value_text(by, winner.value)}</td>
            <td><ul class="award-reasons" data-testid="winner-reasons">{reasons}</ul></td>
        </tr>
    }
}

fn ineligible_item(i18n: I18n, by: &RankedBy, card: &Scorecard, x: &Ineligible) -> impl IntoView {
    let why: Vec<String> = x
        .failures
        .iter()
        .map(|f| failure_text(i18n, f, card))
        .collect();
    view! {
        <li data-testid="ineligible-row">
            {agent_link(&x.group)}
            " "
            <span class="muted">{x.team.clone().unwrap_or_default()}</span>
            " · "
            <span class="num">{value_text(by, x.value)}</span>
            " · "
            {i18n.tf("awards.would_rank", &[("position", &x.position.to_string())])}
            ": "
            <span class="award-why" data-testid="ineligible-why">
                {why.join(&i18n.t("awards.rule.separator"))}
            </span>
        </li>
    }
}

/// A problem with one field of the form: a locale key, or the engine's own message.
#[derive(Clone, Debug, PartialEq)]
enum Problem {
    Key(&'static str),
    Engine(String),
}

/// What every field of one award's form needs: the state, which award, its problems.
#[derive(Clone, Copy)]
struct FormCtx {
    state: AppState,
    id: StoredValue<String>,
    problems: RwSignal<Vec<(&'static str, Problem)>>,
}

impl FormCtx {
    fn set_problem(self, field: &'static str, problem: Option<Problem>) {
        self.problems.update(|list| {
            list.retain(|(f, _)| *f != field);
            if let Some(p) = problem {
                list.push((field, p));
            }
        });
    }

    /// Applies an edit to the saved award if the result is valid for the card in force;
    /// otherwise shows why and saves nothing.
    fn apply(self, field: &'static str, edit: impl FnOnce(&mut AwardRule)) {
        let id = self.id.get_value();
        let mut awards = self.state.awards_untracked();
        let Some(rule) = awards.iter_mut().find(|a| a.id == id) else {
            return;
        };
        edit(rule);
        let period = untrack(|| self.state.period());
        let card = card_for(&self.state.history_untracked(), period.as_deref());
        match rule.validate_for(&card) {
            Ok(()) => {
                self.set_problem(field, None);
                self.state.set_awards(awards);
            }
            Err(why) => self.set_problem(field, Some(Problem::Engine(why))),
        }
    }

    /// Applies a parsed number, or shows `key` when the text is not one.
    fn apply_number<T>(
        self,
        field: &'static str,
        key: &'static str,
        parsed: Option<T>,
        edit: impl FnOnce(&mut AwardRule, T),
    ) {
        match parsed {
            Some(v) => self.apply(field, |rule| edit(rule, v)),
            None => self.set_problem(field, Some(Problem::Key(key))),
        }
    }

    fn invalid(self, field: &'static str) -> impl Fn() -> Option<&'static str> + Copy {
        let problems = self.problems;
        move || {
            problems
                .with(|list| list.iter().any(|(f, _)| *f == field))
                .then_some("true")
        }
    }
}

/// A whole number of at least `min`.
fn parse_count(text: &str, min: u32) -> Option<u32> {
    text.trim().parse::<u32>().ok().filter(|n| *n >= min)
}

fn ranked_by_value(by: &RankedBy) -> String {
    match by {
        RankedBy::Total => "total".to_string(),
        RankedBy::Change => "change".to_string(),
        RankedBy::Dimension(id) => format!("dimension:{id}"),
        RankedBy::Metric(id) => format!("metric:{id}"),
    }
}

fn ranked_by_from(value: &str) -> Option<RankedBy> {
    match value.split_once(':') {
        Some(("dimension", id)) => Some(RankedBy::Dimension(id.to_string())),
        Some(("metric", id)) => Some(RankedBy::Metric(id.to_string())),
        _ => match value {
            "total" => Some(RankedBy::Total),
            "change" => Some(RankedBy::Change),
            _ => None,
        },
    }
}

fn award_editor(
    i18n: I18n,
    state: AppState,
    id: String,
    initial: AwardRule,
    card: Memo<Scorecard>,
) -> impl IntoView {
    let ctx = FormCtx {
        state,
        id: StoredValue::new(id.clone()),
        problems: RwSignal::new(Vec::new()),
    };
    // Ids for `<label for>`: unique per award on the page.
    let fid = move |name: &str| format!("award-{id}-{name}");
    let is_threshold = RwSignal::new(matches!(initial.selection, Selection::Threshold { .. }));
    let top_n_node = NodeRef::<Input>::new();
    let threshold_node = NodeRef::<Input>::new();
    let (initial_n, initial_min) = match initial.selection {
        Selection::TopN { n } => (n, 80.0),
        Selection::Threshold { min } => (3, min),
    };
    let label = initial.label.clone().unwrap_or_default();
    let by_options = move || {
        let card = card.get();
        let current = untrack(|| ctx.state.awards())
            .into_iter()
            .find(|a| a.id == ctx.id.get_value())
            .map(|a| ranked_by_value(&a.ranked_by))
            .unwrap_or_default();
        let mut options: Vec<(String, String)> = vec![
            ("total".to_string(), i18n.t("awards.by.total")),
            ("change".to_string(), i18n.t("awards.by.change")),
        ];
        for dim in &card.dimensions {
            options.push((
                format!("dimension:{}", dim.id),
                i18n.tf(
                    "awards.by.dimension",
                    &[("name", &dimension_name(i18n, &dim.id, dim.label.as_ref()))],
                ),
            ));
        }
        for dim in &card.dimensions {
            for m in &dim.metrics {
                let label = metric_label(&card, m);
                options.push((
                    format!("metric:{}", m.metric_id),
                    i18n.tf(
                        "awards.by.metric",
                        &[("name", &metric_name(i18n, &m.metric_id, label.as_ref()))],
                    ),
                ));
            }
        }
        options
            .into_iter()
            .map(|(value, text)| {
                let selected = value == current;
                view! { <option value=value selected=selected>{text}</option> }
            })
            .collect_view()
    };
    let grade_options = {
        let current = initial.eligibility.min_grade;
        let mut options = vec![view! {
            <option value="" selected=current.is_none()>{move || i18n.t("awards.grade_any")}</option>
        }
        .into_any()];
        for grade in Grade::ALL {
            options.push(
                view! {
                    <option value=grade.id() selected=current == Some(grade)>
                        {move || grade_name(i18n, grade)}
                    </option>
                }
                .into_any(),
            );
        }
        options
    };
    let problems = move || {
        ctx.problems
            .get()
            .into_iter()
            .map(|(_, problem)| {
                let text = match problem {
                    Problem::Key(key) => i18n.t(key),
                    Problem::Engine(why) => i18n.tf("awards.invalid", &[("why", &why)]),
                };
                view! { <li>{text}</li> }
            })
            .collect_view()
    };
    let set_name = move |locale: Locale, text: String| {
        ctx.apply("name", |rule| {
            let mut label = rule.label.clone().unwrap_or_default();
            let text = text.trim();
            let value = (!text.is_empty()).then(|| text.to_string());
            match locale {
                Locale::En => label.en = value,
                Locale::ZhCn => label.zh = value,
            }
            rule.label = (label != Label::default()).then_some(label);
        })
    };
    let apply_selection = move || {
        if is_threshold.get_untracked() {
            let text = threshold_node.get().map(|n| n.value()).unwrap_or_default();
            ctx.apply_number(
                "selection",
                "awards.error.threshold",
                parse_number(&text),
                |rule, min| rule.selection = Selection::Threshold { min },
            );
        } else {
            let text = top_n_node.get().map(|n| n.value()).unwrap_or_default();
            ctx.apply_number(
                "selection",
                "awards.error.top_n",
                parse_count(&text, 1),
                |rule, n| rule.selection = Selection::TopN { n },
            );
        }
    };
    let remove = move |_| {
        let id = ctx.id.get_value();
        let mut awards = ctx.state.awards_untracked();
        awards.retain(|a| a.id != id);
        ctx.state.set_awards(awards);
    };

    view! {
        <details class="award-edit" data-testid="award-edit">
            <summary>{move || i18n.t("awards.edit")}</summary>
            <div class="award-form">
                <div class="field-row">
                    <label class="field award-check">
                        <input
                            type="checkbox"
                            data-testid="award-enabled"
                            prop:checked=initial.enabled
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                ctx.apply("enabled", |rule| rule.enabled = on);
                            }
                        />
                        <span>{move || i18n.t("awards.field.enabled")}</span>
                    </label>
                </div>
                <div class="field-row">
                    <label class="field" for=fid("name-en")>
                        <span class="field-label">{move || i18n.t("awards.field.name_en")}</span>
                    </label>
                    <input
                        type="text"
                        id=fid("name-en")
                        data-testid="award-name-en"
                        value=label.en.clone().unwrap_or_default()
                        on:input=move |ev| set_name(Locale::En, event_target_value(&ev))
                    />
                    <label class="field" for=fid("name-zh")>
                        <span class="field-label">{move || i18n.t("awards.field.name_zh")}</span>
                    </label>
                    <input
                        type="text"
                        id=fid("name-zh")
                        lang="zh-CN"
                        data-testid="award-name-zh"
                        value=label.zh.clone().unwrap_or_default()
                        on:input=move |ev| set_name(Locale::ZhCn, event_target_value(&ev))
                    />
                </div>
                <div class="field-row">
                    <label class="field" for=fid("ranked-by")>
                        <span class="field-label">{move || i18n.t("awards.field.ranked_by")}</span>
                    </label>
                    <select
                        id=fid("ranked-by")
                        data-testid="award-ranked-by"
                        aria-invalid=ctx.invalid("ranked_by")
                        on:change=move |ev| {
                            if let Some(by) = ranked_by_from(&event_target_value(&ev)) {
                                ctx.apply("ranked_by", |rule| rule.ranked_by = by);
                            }
                        }
                    >
                        {by_options}
                    </select>
                    <label class="field" for=fid("scope")>
                        <span class="field-label">{move || i18n.t("awards.field.scope")}</span>
                    </label>
                    <select
                        id=fid("scope")
                        data-testid="award-scope"
                        on:change=move |ev| {
                            let scope = if event_target_value(&ev) == "per_team" {
                                Scope::PerTeam
                            } else {
                                Scope::Centre
                            };
                            ctx.apply("scope", |rule| rule.scope = scope);
                        }
                    >
                        <option value="centre" selected=initial.scope == Scope::Centre>
                            {move || i18n.t("awards.scope.centre")}
                        </option>
                        <option value="per_team" selected=initial.scope == Scope::PerTeam>
                            {move || i18n.t("awards.scope.per_team")}
                        </option>
                    </select>
                </div>
                <div class="field-row">
                    <label class="field" for=fid("selection")>
                        <span class="field-label">{move || i18n.t("awards.field.selection")}</span>
                    </label>
                    <select
                        id=fid("selection")
                        data-testid="award-selection"
                        on:change=move |ev| {
                            is_threshold.set(event_target_value(&ev) == "threshold");
                            apply_selection();
                        }
                    >
                        <option value="top_n" selected=!is_threshold.get_untracked()>
                            {move || i18n.t("awards.selection.top_n")}
                        </option>
                        <option value="threshold" selected=is_threshold.get_untracked()>
                            {move || i18n.t("awards.selection.threshold")}
                        </option>
                    </select>
                    <span class="award-cut" class:hidden=move || is_threshold.get()>
                        <label class="field" for=fid("top-n")>
                            <span class="field-label">{move || i18n.t("awards.field.top_n")}</span>
                        </label>
                        <input
                            type="number"
                            class="num-input"
                            min="1"
                            step="1"
                            id=fid("top-n")
                            node_ref=top_n_node
                            data-testid="award-top-n"
                            aria-invalid=ctx.invalid("selection")
                            value=initial_n.to_string()
                            on:input=move |_| apply_selection()
                        />
                    </span>
                    <span class="award-cut" class:hidden=move || !is_threshold.get()>
                        <label class="field" for=fid("threshold")>
                            <span class="field-label">{move || i18n.t("awards.field.threshold")}</span>
                        </label>
                        <input
                            type="number"
                            class="num-input"
                            step="any"
                            inputmode="decimal"
                            id=fid("threshold")
                            node_ref=threshold_node
                            data-testid="award-threshold"
                            aria-invalid=ctx.invalid("selection")
                            value=input_text(initial_min)
                            on:input=move |_| apply_selection()
                        />
                    </span>
                </div>
                <fieldset class="award-eligibility">
                    <legend>{move || i18n.t("awards.field.eligibility")}</legend>
                    <div class="field-row">
                        <label class="field" for=fid("min-contacts")>
                            <span class="field-label">{move || i18n.t("awards.field.min_contacts")}</span>
                        </label>
                        <input
                            type="number"
                            class="num-input"
                            min="0"
                            step="1"
                            id=fid("min-contacts")
                            data-testid="award-min-contacts"
                            aria-invalid=ctx.invalid("min_contacts")
                            value=initial.eligibility.min_contacts.to_string()
                            on:input=move |ev| {
                                ctx.apply_number(
                                    "min_contacts",
                                    "awards.error.min_contacts",
                                    parse_count(&event_target_value(&ev), 0),
                                    |rule, n| rule.eligibility.min_contacts = n,
                                );
                            }
                        />
                        <label class="field" for=fid("min-grade")>
                            <span class="field-label">{move || i18n.t("awards.field.min_grade")}</span>
                        </label>
                        <select
                            id=fid("min-grade")
                            data-testid="award-min-grade"
                            on:change=move |ev| {
                                let value = event_target_value(&ev);
                                let grade = Grade::ALL.into_iter().find(|g| g.id() == value);
                                ctx.apply("min_grade", |rule| rule.eligibility.min_grade = grade);
                            }
                        >
                            {grade_options}
                        </select>
                    </div>
                    <div class="field-row">
                        <label class="field award-check">
                            <input
                                type="checkbox"
                                data-testid="award-no-critical-qa"
                                prop:checked=initial.eligibility.no_critical_qa
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    ctx.apply("no_critical_qa", |rule| rule.eligibility.no_critical_qa = on);
                                }
                            />
                            <span>{move || i18n.t("awards.field.no_critical_qa")}</span>
                        </label>
                        <label class="field award-check">
                            <input
                                type="checkbox"
                                data-testid="award-no-guard-rail"
                                prop:checked=initial.eligibility.no_guard_rail
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    ctx.apply("no_guard_rail", |rule| rule.eligibility.no_guard_rail = on);
                                }
                            />
                            <span>{move || i18n.t("awards.field.no_guard_rail")}</span>
                        </label>
                    </div>
                </fieldset>
                <ul class="field-error award-errors" role="alert" data-testid="award-error">
                    {problems}
                </ul>
                <div class="button-row">
                    <button type="button" class="button button-danger" data-testid="award-remove" on:click=remove>
                        {move || i18n.t("awards.remove")}
                    </button>
                </div>
            </div>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranked_by_values_round_trip() {
        for by in [
            RankedBy::Total,
            RankedBy::Change,
            RankedBy::Dimension("efficiency".into()),
            RankedBy::Metric("csat_mean".into()),
        ] {
            assert_eq!(ranked_by_from(&ranked_by_value(&by)), Some(by));
        }
        assert_eq!(ranked_by_from("nonsense"), None);
    }

    #[test]
    fn counts_must_be_whole_and_reach_the_minimum() {
        assert_eq!(parse_count(" 3 ", 1), Some(3));
        assert_eq!(parse_count("0", 1), None);
        assert_eq!(parse_count("0", 0), Some(0));
        assert_eq!(parse_count("2.5", 1), None);
        assert_eq!(parse_count("-1", 0), None);
    }

    #[test]
    fn new_awards_get_unused_ids() {
        let mut awards = default_awards();
        let first = new_award(&awards);
        assert_eq!(first.id, "custom_1");
        assert!(first.validate().is_ok());
        awards.push(first);
        assert_eq!(new_award(&awards).id, "custom_2");
        let label = new_award(&awards).label.unwrap();
        assert!(label.en.is_some() && label.zh.is_some());
        assert_ne!(label.en, label.zh, "both languages are translated");
    }
}
