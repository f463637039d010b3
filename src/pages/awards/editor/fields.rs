//! The sections of an award's form. Each field saves through [`FormCtx`], which keeps an
//! invalid value out of the saved rules and shows why.

use carescore_engine::awards::{AwardRule, Eligibility, Scope, Selection};
use carescore_engine::scorecard::{Grade, Label, Scorecard};
use carescore_workspace::draft::{input_text, parse_number};
use leptos::html::Input;
use leptos::prelude::*;

use super::{parse_count, ranked_by_from, ranked_by_value, FormCtx};
use crate::components::{dimension_name, grade_name, metric_label, metric_name};
use crate::i18n::{I18n, Locale};

/// Whether the award is on, and its name in both languages.
pub(super) fn name_fields(i18n: I18n, ctx: FormCtx, initial: &AwardRule) -> impl IntoView {
    let label = initial.label.clone().unwrap_or_default();
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
    view! {
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
            <label class="field" for=ctx.field_id("name-en")>
                <span class="field-label">{move || i18n.t("awards.field.name_en")}</span>
            </label>
            <input
                type="text"
                id=ctx.field_id("name-en")
                data-testid="award-name-en"
                value=label.en.clone().unwrap_or_default()
                on:input=move |ev| set_name(Locale::En, event_target_value(&ev))
            />
            <label class="field" for=ctx.field_id("name-zh")>
                <span class="field-label">{move || i18n.t("awards.field.name_zh")}</span>
            </label>
            <input
                type="text"
                id=ctx.field_id("name-zh")
                lang="zh-CN"
                data-testid="award-name-zh"
                value=label.zh.clone().unwrap_or_default()
                on:input=move |ev| set_name(Locale::ZhCn, event_target_value(&ev))
            />
        </div>
    }
}

/// What the award ranks by (the total, the change, a dimension or a metric of the card)
/// and across what (the centre or each team).
pub(super) fn ranking_fields(
    i18n: I18n,
    ctx: FormCtx,
    card: Memo<Scorecard>,
    initial_scope: Scope,
) -> impl IntoView {
    view! {
        <div class="field-row">
            <label class="field" for=ctx.field_id("ranked-by")>
                <span class="field-label">{move || i18n.t("awards.field.ranked_by")}</span>
            </label>
            <select
                id=ctx.field_id("ranked-by")
                data-testid="award-ranked-by"
                aria-invalid=ctx.invalid("ranked_by")
                on:change=move |ev| {
                    if let Some(by) = ranked_by_from(&event_target_value(&ev)) {
                        ctx.apply("ranked_by", |rule| rule.ranked_by = by);
                    }
                }
            >
                {move || ranked_by_options(i18n, ctx, &card.get())}
            </select>
            <label class="field" for=ctx.field_id("scope")>
                <span class="field-label">{move || i18n.t("awards.field.scope")}</span>
            </label>
            <select
                id=ctx.field_id("scope")
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
                <option value="centre" selected=initial_scope == Scope::Centre>
                    {move || i18n.t("awards.scope.centre")}
                </option>
                <option value="per_team" selected=initial_scope == Scope::PerTeam>
                    {move || i18n.t("awards.scope.per_team")}
                </option>
            </select>
        </div>
    }
}

/// The ranked-by choices of `card`, the award's current one selected.
fn ranked_by_options(i18n: I18n, ctx: FormCtx, card: &Scorecard) -> impl IntoView {
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
            let label = metric_label(card, m);
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
}

/// Top N or a threshold, with the input of the one chosen shown.
pub(super) fn selection_fields(i18n: I18n, ctx: FormCtx, initial: &Selection) -> impl IntoView {
    let is_threshold = RwSignal::new(matches!(initial, Selection::Threshold { .. }));
    let top_n_node = NodeRef::<Input>::new();
    let threshold_node = NodeRef::<Input>::new();
    // The other kind's input starts at a sensible value for when the user switches to it.
    let (initial_n, initial_min) = match *initial {
        Selection::TopN { n } => (n, 80.0),
        Selection::Threshold { min } => (3, min),
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
    view! {
        <div class="field-row">
            <label class="field" for=ctx.field_id("selection")>
                <span class="field-label">{move || i18n.t("awards.field.selection")}</span>
            </label>
            <select
                id=ctx.field_id("selection")
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
                <label class="field" for=ctx.field_id("top-n")>
                    <span class="field-label">{move || i18n.t("awards.field.top_n")}</span>
                </label>
                <input
                    type="number"
                    class="num-input"
                    min="1"
                    step="1"
                    id=ctx.field_id("top-n")
                    node_ref=top_n_node
                    data-testid="award-top-n"
                    aria-invalid=ctx.invalid("selection")
                    value=initial_n.to_string()
                    on:input=move |_| apply_selection()
                />
            </span>
            <span class="award-cut" class:hidden=move || !is_threshold.get()>
                <label class="field" for=ctx.field_id("threshold")>
                    <span class="field-label">{move || i18n.t("awards.field.threshold")}</span>
                </label>
                <input
                    type="number"
                    class="num-input"
                    step="any"
                    inputmode="decimal"
                    id=ctx.field_id("threshold")
                    node_ref=threshold_node
                    data-testid="award-threshold"
                    aria-invalid=ctx.invalid("selection")
                    value=input_text(initial_min)
                    on:input=move |_| apply_selection()
                />
            </span>
        </div>
    }
}

/// Who may win: minimum contacts, minimum grade, no critical QA error, no guard rail hit.
pub(super) fn eligibility_fields(i18n: I18n, ctx: FormCtx, initial: &Eligibility) -> impl IntoView {
    view! {
        <fieldset class="award-eligibility">
            <legend>{move || i18n.t("awards.field.eligibility")}</legend>
            <div class="field-row">
                <label class="field" for=ctx.field_id("min-contacts")>
                    <span class="field-label">{move || i18n.t("awards.field.min_contacts")}</span>
                </label>
                <input
                    type="number"
                    class="num-input"
                    min="0"
                    step="1"
                    id=ctx.field_id("min-contacts")
                    data-testid="award-min-contacts"
                    aria-invalid=ctx.invalid("min_contacts")
                    value=initial.min_contacts.to_string()
                    on:input=move |ev| {
                        ctx.apply_number(
                            "min_contacts",
                            "awards.error.min_contacts",
                            parse_count(&event_target_value(&ev), 0),
                            |rule, n| rule.eligibility.min_contacts = n,
                        );
                    }
                />
                <label class="field" for=ctx.field_id("min-grade")>
                    <span class="field-label">{move || i18n.t("awards.field.min_grade")}</span>
                </label>
                <select
                    id=ctx.field_id("min-grade")
                    data-testid="award-min-grade"
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        let grade = Grade::ALL.into_iter().find(|g| g.id() == value);
                        ctx.apply("min_grade", |rule| rule.eligibility.min_grade = grade);
                    }
                >
                    {grade_options(i18n, initial.min_grade)}
                </select>
            </div>
            <div class="field-row">
                <label class="field award-check">
                    <input
                        type="checkbox"
                        data-testid="award-no-critical-qa"
                        prop:checked=initial.no_critical_qa
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
                        prop:checked=initial.no_guard_rail
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            ctx.apply("no_guard_rail", |rule| rule.eligibility.no_guard_rail = on);
                        }
                    />
                    <span>{move || i18n.t("awards.field.no_guard_rail")}</span>
                </label>
            </div>
        </fieldset>
    }
}

/// "Any grade" and each grade, `current` selected.
fn grade_options(i18n: I18n, current: Option<Grade>) -> Vec<AnyView> {
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
}
