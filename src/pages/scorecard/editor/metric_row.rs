//! One metric's row of the form: weight, target, floor, direction, curve (with its bands)
//! and minimum sample.

use carescore_engine::metric_def::{Direction, Unit};
use carescore_engine::scorecard::{Curve, Scorecard};
use carescore_workspace::display;
use carescore_workspace::draft::{direction_from_id, direction_id, CurveKind, Edit, WeightSum};
use leptos::prelude::*;

use super::weights::{weight_control, WeightField};
use super::EditorCtx;
use crate::components::labels::{metric_label, metric_name, unit_of};
use crate::components::number_input::number_input;
use crate::i18n::I18n;

pub(super) fn metric_row(
    i18n: I18n,
    ctx: EditorCtx,
    card: &Scorecard,
    d: usize,
    m: usize,
    metric_sum: Memo<WeightSum>,
    metric_max: f64,
) -> impl IntoView {
    let metric = &card.dimensions[d].metrics[m];
    let metric_id = metric.metric_id.clone();
    let label = metric_label(card, metric);
    let unit = unit_of(card, &metric_id);
    let definition_direction = card.metric_def(&metric_id).map(|def| def.direction);
    let name = {
        let metric_id = metric_id.clone();
        move || metric_name(i18n, &metric_id, label.as_ref())
    };
    let apply = ctx.apply;
    let weight = ctx.metric_field(d, m, |x| x.weight);
    let share = Memo::new(move |_| metric_sum.get().share(weight.get().unwrap_or(0.0)));
    let target = ctx.metric_field(d, m, |x| x.target);
    let floor = ctx.metric_field(d, m, |x| x.floor);
    let min_sample = ctx.metric_field(d, m, |x| f64::from(x.min_sample));
    let direction = ctx.metric_field(d, m, |x| x.direction);
    let cell_name = name.clone();
    let (n1, n2, n3, n4, n5) = (
        name.clone(),
        name.clone(),
        name.clone(),
        name.clone(),
        name.clone(),
    );
    let hint = move |value: Memo<Option<f64>>| {
        move || {
            value
                .get()
                .map(|v| display::metric_value(v, unit))
                .unwrap_or_default()
        }
    };
    view! {
        <tr data-testid="scheme-metric" data-metric=metric_id.clone()>
            <td>{cell_name}</td>
            <td>
                {weight_control(
                    i18n,
                    WeightField {
                        weight,
                        share,
                        slider_max: metric_max,
                        test_id: format!("weight-{d}-{m}"),
                        share_key: "editor.share_of_dimension",
                    },
                    n1,
                    move |v| apply.run(Edit::MetricWeight { dimension: d, metric: m, weight: v }),
                )}
            </td>
            <td>
                {number_input(
                    target,
                    None,
                    format!("target-{d}-{m}"),
                    move || i18n.tf("editor.target_of", &[("name", &n2())]),
                    "any",
                    move |v| apply.run(Edit::Target { dimension: d, metric: m, value: v }),
                )}
                <span class="value-hint num">{hint(target)}</span>
            </td>
            <td>
                {number_input(
                    floor,
                    None,
                    format!("floor-{d}-{m}"),
                    move || i18n.tf("editor.floor_of", &[("name", &n3())]),
                    "any",
                    move |v| apply.run(Edit::Floor { dimension: d, metric: m, value: v }),
                )}
                <span class="value-hint num">{hint(floor)}</span>
            </td>
            <td data-label=move || i18n.t("scorecard.direction")>
                <select
                    data-testid=format!("direction-{d}-{m}")
                    aria-label=move || i18n.tf("editor.direction_of", &[("name", &n4())])
                    on:change=move |ev| {
                        let direction = direction_from_id(&event_target_value(&ev));
                        apply.run(Edit::Direction { dimension: d, metric: m, direction });
                    }
                >
                    <option value="" prop:selected=move || direction.get() == Some(None)>
                        {move || match definition_direction {
                            Some(dir) => i18n.tf("editor.direction_default", &[("direction", &direction_text(i18n, dir))]),
                            None => i18n.t("editor.direction_implied"),
                        }}
                    </option>
                    {[Direction::HigherIsBetter, Direction::LowerIsBetter]
                        .into_iter()
                        .map(|dir| view! {
                            <option
                                value=direction_id(Some(dir))
                                prop:selected=move || direction.get() == Some(Some(dir))
                            >
                                {move || direction_text(i18n, dir)}
                            </option>
                        })
                        .collect_view()}
                </select>
            </td>
            <td data-label=move || i18n.t("scorecard.curve")>{curve_editor(i18n, ctx, d, m, unit, n5)}</td>
            <td>
                {number_input(
                    min_sample,
                    None,
                    format!("min-sample-{d}-{m}"),
                    move || i18n.tf("editor.min_sample_of", &[("name", &name())]),
                    "1",
                    move |v| {
                        if v >= 0.0 && v <= f64::from(u32::MAX) {
                            apply.run(Edit::MinSample { dimension: d, metric: m, value: v.round() as u32 });
                        }
                    },
                )}
            </td>
        </tr>
    }
}

fn direction_text(i18n: I18n, direction: Direction) -> String {
    match direction {
        Direction::HigherIsBetter => i18n.t("direction.higher"),
        Direction::LowerIsBetter => i18n.t("direction.lower"),
    }
}

/// Curve select; for a banded curve, its steps (threshold and score) with add and remove.
fn curve_editor(
    i18n: I18n,
    ctx: EditorCtx,
    d: usize,
    m: usize,
    unit: Unit,
    name: impl Fn() -> String + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let apply = ctx.apply;
    let shape = ctx.metric_field(d, m, |x| match &x.curve {
        Curve::Linear => (CurveKind::Linear, 0),
        Curve::Banded { bands } => (CurveKind::Banded, bands.len()),
    });
    let kind = Memo::new(move |_| shape.get().map(|(k, _)| k));
    let select_name = name.clone();
    let bands = move || {
        let Some((CurveKind::Banded, count)) = shape.get() else {
            return ().into_any();
        };
        let name = name.clone();
        let rows = (0..count)
            .map(|b| {
                let threshold = ctx.metric_field(d, m, move |x| match &x.curve {
                    Curve::Banded { bands } => bands.get(b).map_or(f64::NAN, |band| band.threshold),
                    Curve::Linear => f64::NAN,
                });
                let score = ctx.metric_field(d, m, move |x| match &x.curve {
                    Curve::Banded { bands } => bands.get(b).map_or(f64::NAN, |band| band.score),
                    Curve::Linear => f64::NAN,
                });
                let band_args = {
                    let name = name.clone();
                    move || [name(), (b + 1).to_string()]
                };
                let (a1, a2, a3) = (band_args.clone(), band_args.clone(), band_args);
                view! {
                    <li class="band-row">
                        {number_input(
                            threshold,
                            None,
                            format!("band-threshold-{d}-{m}-{b}"),
                            move || { let [n, i] = a1(); i18n.tf("editor.band_threshold_of", &[("name", &n), ("band", &i)]) },
                            "any",
                            move |v| apply.run(Edit::BandThreshold { dimension: d, metric: m, band: b, value: v }),
                        )}
                        <span class="value-hint num">
                            {move || threshold.get().map(|v| display::metric_value(v, unit)).unwrap_or_default()}
                        </span>
                        <span aria-hidden="true">"→"</span>
                        {number_input(
                            score,
                            None,
                            format!("band-score-{d}-{m}-{b}"),
                            move || { let [n, i] = a2(); i18n.tf("editor.band_score_of", &[("name", &n), ("band", &i)]) },
                            "any",
                            move |v| apply.run(Edit::BandScore { dimension: d, metric: m, band: b, value: v }),
                        )}
                        <button
                            type="button"
                            class="icon-button"
                            disabled=count <= 1
                            aria-label=move || { let [n, i] = a3(); i18n.tf("editor.remove_band_of", &[("name", &n), ("band", &i)]) }
                            on:click=move |_| apply.run(Edit::RemoveBand { dimension: d, metric: m, band: b })
                        >
                            "×"
                        </button>
                    </li>
                }
            })
            .collect_view();
        let add_name = name.clone();
        view! {
            <ol class="band-list">{rows}</ol>
            <button
                type="button"
                class="small-button"
                data-testid=format!("add-band-{d}-{m}")
                aria-label=move || i18n.tf("editor.add_band_of", &[("name", &add_name())])
                on:click=move |_| apply.run(Edit::AddBand { dimension: d, metric: m })
            >
                {move || i18n.t("editor.add_band")}
            </button>
        }
        .into_any()
    };
    view! {
        <select
            data-testid=format!("curve-{d}-{m}")
            aria-label=move || i18n.tf("editor.curve_of", &[("name", &select_name())])
            on:change=move |ev| {
                if let Some(kind) = CurveKind::from_id(&event_target_value(&ev)) {
                    apply.run(Edit::Curve { dimension: d, metric: m, kind });
                }
            }
        >
            {[CurveKind::Linear, CurveKind::Banded]
                .into_iter()
                .map(|k| view! {
                    <option value=k.id() prop:selected=move || kind.get() == Some(k)>
                        {move || i18n.t(&format!("editor.curve_{}", k.id()))}
                    </option>
                })
                .collect_view()}
        </select>
        {bands}
    }
}
