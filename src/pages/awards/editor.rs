//! The form that edits one award rule: every valid change is saved at once, an invalid one
//! shows its problem and is not saved.

use carescore_engine::awards::{AwardRule, RankedBy, Scope, Selection};
use carescore_engine::scorecard::{Grade, Label, Scorecard};
use leptos::html::Input;
use leptos::prelude::*;

use crate::components::{dimension_name, grade_name, metric_label, metric_name};
use crate::i18n::{I18n, Locale};
use crate::state::AppState;
use carescore_workspace::draft::{input_text, parse_number};

use super::card_for;

/// A problem with one field of the form: a locale key, or the engine's own message.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Problem {
    Key(&'static str),
    Engine(String),
}

/// What every field of one award's form needs: the state, which award, its problems.
#[derive(Clone, Copy)]
pub(super) struct FormCtx {
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
pub(super) fn parse_count(text: &str, min: u32) -> Option<u32> {
    text.trim().parse::<u32>().ok().filter(|n| *n >= min)
}

pub(super) fn ranked_by_value(by: &RankedBy) -> String {
    match by {
        RankedBy::Total => "total".to_string(),
        RankedBy::Change => "change".to_string(),
        RankedBy::Dimension(id) => format!("dimension:{id}"),
        RankedBy::Metric(id) => format!("metric:{id}"),
    }
}

pub(super) fn ranked_by_from(value: &str) -> Option<RankedBy> {
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

pub(super) fn award_editor(
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
}
