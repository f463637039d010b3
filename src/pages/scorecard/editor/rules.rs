//! The guard rails' limits and caps, the grade bands and the small-sample policy.

use carescore_engine::scorecard::{Grade, GradeScheme, GuardRail, Scorecard, SmallSamplePolicy};
use carescore_workspace::draft::{Edit, GradingKind};
use leptos::prelude::*;

use super::EditorCtx;
use crate::components::labels::grade_name;
use crate::components::number_input::number_input;
use crate::components::rails::{grading_text, rail_text, CardNames};
use crate::i18n::I18n;

/// The guard rails: each as a sentence, with its limit and cap editable.
pub(super) fn rails_editor(i18n: I18n, ctx: EditorCtx, card: &Scorecard) -> impl IntoView {
    if card.guard_rails.is_empty() {
        return view! { <p class="muted">{move || i18n.t("scorecard.no_guard_rails")}</p> }
            .into_any();
    }
    let apply = ctx.apply;
    let draft = ctx.draft;
    let items = (0..card.guard_rails.len())
        .map(|r| {
            let limit = ctx.field(move |c| {
                c.guard_rails.get(r).map(|rail| match rail {
                    GuardRail::DimensionFloor { below, .. } => *below,
                    GuardRail::MetricCritical { threshold, .. } => *threshold,
                })
            });
            let cap = ctx.field(move |c| c.guard_rails.get(r).map(GuardRail::cap));
            let limit_key = match card.guard_rails[r] {
                GuardRail::DimensionFloor { .. } => "editor.rail_below",
                GuardRail::MetricCritical { .. } => "editor.rail_threshold",
            };
            let text = move || {
                draft.with(|d| {
                    let card = &d.card;
                    let Some(rail) = card.guard_rails.get(r) else {
                        return String::new();
                    };
                    rail_text(i18n, rail, &CardNames { i18n, card })
                })
            };
            let (limit_id, cap_id) = (format!("rail-{r}-limit"), format!("rail-{r}-cap"));
            view! {
                <li class="rail-editor">
                    <p>{text}</p>
                    <div class="field-row">
                        <label class="field" for=limit_id.clone()>
                            <span class="field-label">{move || i18n.t(limit_key)}</span>
                        </label>
                        {number_input(
                            limit,
                            Some(limit_id),
                            format!("rail-limit-{r}"),
                            move || i18n.t(limit_key),
                            "any",
                            move |v| apply.run(Edit::RailLimit { rail: r, value: v }),
                        )}
                        <label class="field" for=cap_id.clone()>
                            <span class="field-label">{move || i18n.t("editor.rail_cap")}</span>
                        </label>
                        {number_input(
                            cap,
                            Some(cap_id),
                            format!("rail-cap-{r}"),
                            move || i18n.t("editor.rail_cap"),
                            "any",
                            move |v| apply.run(Edit::RailCap { rail: r, cap: v }),
                        )}
                    </div>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="rail-list rail-editor-list" data-testid="guard-rails">{items}</ul> }
        .into_any()
}

/// The grade bands (thresholds or a forced distribution) and the small-sample policy.
pub(super) fn grading_editor(i18n: I18n, ctx: EditorCtx) -> impl IntoView {
    let apply = ctx.apply;
    let kind = ctx.field(|c| GradingKind::of(&c.grading));
    let policy = ctx.field(|c| c.small_sample);
    let grading = ctx.field(|c| c.grading.clone());
    let bounds = move || {
        let forced = kind.get() == GradingKind::ForcedDistribution;
        [Grade::Excellent, Grade::Good, Grade::Pass]
            .into_iter()
            .map(|grade| {
                let value = ctx.field(move |c| {
                    Some(match c.grading {
                        GradeScheme::Thresholds {
                            excellent,
                            good,
                            pass,
                        }
                        | GradeScheme::ForcedDistribution {
                            excellent,
                            good,
                            pass,
                        } => match grade {
                            Grade::Excellent => excellent,
                            Grade::Good => good,
                            _ => pass,
                        },
                    })
                });
                let id = format!("grade-{}", grade.id());
                let key = if forced {
                    "editor.grade_share"
                } else {
                    "editor.grade_from"
                };
                let label = move || i18n.tf(key, &[("grade", &grade_name(i18n, grade))]);
                let aria = label;
                view! {
                    <div class="field-row">
                        <label class="field" for=id.clone()>
                            <span class="field-label">{label}</span>
                        </label>
                        {number_input(
                            value,
                            Some(id.clone()),
                            id,
                            aria,
                            if forced { "0.01" } else { "any" },
                            move |v| apply.run(Edit::GradeBound { grade, value: v }),
                        )}
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <div class="field-row">
            <label class="field" for="grading-kind">
                <span class="field-label">{move || i18n.t("editor.grading_kind")}</span>
            </label>
            <select
                id="grading-kind"
                data-testid="grading-kind"
                on:change=move |ev| {
                    if let Some(k) = GradingKind::from_id(&event_target_value(&ev)) {
                        apply.run(Edit::Grading(k));
                    }
                }
            >
                {[GradingKind::Thresholds, GradingKind::ForcedDistribution]
                    .into_iter()
                    .map(|k| view! {
                        <option value=k.id() prop:selected=move || kind.get() == k>
                            {move || i18n.t(&format!("editor.grading_{}", k.id()))}
                        </option>
                    })
                    .collect_view()}
            </select>
        </div>
        {bounds}
        <p class="muted small" data-testid="grade-bands">{move || grading_text(i18n, &grading.get())}</p>
        <div class="field-row">
            <label class="field" for="small-sample">
                <span class="field-label">{move || i18n.t("editor.small_sample")}</span>
            </label>
            <select
                id="small-sample"
                data-testid="small-sample"
                on:change=move |ev| {
                    let policy = if event_target_value(&ev) == "exclude" {
                        SmallSamplePolicy::Exclude
                    } else {
                        SmallSamplePolicy::CountAndFlag
                    };
                    apply.run(Edit::SmallSample(policy));
                }
            >
                <option value="count_and_flag" prop:selected=move || policy.get() == SmallSamplePolicy::CountAndFlag>
                    {move || i18n.t("scorecard.small_sample_count_and_flag")}
                </option>
                <option value="exclude" prop:selected=move || policy.get() == SmallSamplePolicy::Exclude>
                    {move || i18n.t("scorecard.small_sample_exclude")}
                </option>
            </select>
        </div>
    }
}
