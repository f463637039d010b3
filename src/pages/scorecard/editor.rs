//! The form that edits the draft: dimension and metric weights (number and slider),
//! targets, floors, direction, curve and bands, minimum samples, guard rails, grade bands
//! and the small-sample policy. The form is built once per draft; every field reads its
//! own memo of the draft, so an edit updates only the fields whose value changed and no
//! row is rebuilt. Every control has a label (`<label for>` or `aria-label`).

use carescore_engine::metric_def::{Direction, Unit};
use carescore_engine::scorecard::{
    Curve, Grade, GradeScheme, GuardRail, Label, Scorecard, ScorecardMetric, SmallSamplePolicy,
};
use leptos::html::Input;
use leptos::prelude::*;

use crate::i18n::{use_i18n, I18n};
use crate::pages::agent::{grading_text, rail_text, RailNames};
use crate::pages::format;
use crate::pages::widgets::{dimension_name, grade_name, metric_name};
use carescore_workspace::draft::{
    dimension_weights, direction_from_id, direction_id, input_text, metric_weights, parse_number,
    CurveKind, Draft, Edit, GradingKind, WeightSum,
};

/// What the form needs: the draft to read and the one way to change it.
#[derive(Clone, Copy)]
pub struct EditorCtx {
    pub draft: RwSignal<Draft>,
    pub apply: Callback<Edit>,
}

impl EditorCtx {
    /// A memo of one value of the draft card: changes (and re-renders its field) only
    /// when that value changes.
    fn field<T>(self, read: impl Fn(&Scorecard) -> T + Send + Sync + 'static) -> Memo<T>
    where
        T: PartialEq + Clone + Send + Sync + 'static,
    {
        let draft = self.draft;
        Memo::new(move |_| draft.with(|d| read(&d.card)))
    }

    fn metric_field<T>(
        self,
        d: usize,
        m: usize,
        read: impl Fn(&ScorecardMetric) -> T + Send + Sync + 'static,
    ) -> Memo<Option<T>>
    where
        T: PartialEq + Clone + Send + Sync + 'static,
    {
        self.field(move |card| {
            card.dimensions
                .get(d)
                .and_then(|dim| dim.metrics.get(m))
                .map(&read)
        })
    }
}

/// The unit a metric's values are in (for the hints next to targets and floors).
pub fn unit_of(card: &Scorecard, metric_id: &str) -> Unit {
    card.metric_def(metric_id)
        .map(|d| d.unit)
        .or_else(|| {
            // The card only stores custom definitions; the catalogue has the rest.
            carescore_engine::metrics::standard::definitions()
                .into_iter()
                .find(|d| d.id == metric_id)
                .map(|d| d.unit)
        })
        .unwrap_or(Unit::Number)
}

/// A card metric's own label, else the label of its custom definition.
pub fn metric_label(card: &Scorecard, metric: &ScorecardMetric) -> Option<Label> {
    metric.label.clone().or_else(|| {
        card.custom_metrics
            .iter()
            .find(|d| d.id == metric.metric_id && !d.label.is_empty())
            .map(|d| Label {
                en: Some(d.label.clone()),
                zh: None,
            })
    })
}

/// Rail names read from a scorecard (the editor's draft, an award's card).
pub struct CardNames<'a> {
    pub i18n: I18n,
    pub card: &'a Scorecard,
}

impl RailNames for CardNames<'_> {
    fn name(&self, id: &str) -> String {
        let (i18n, card) = (self.i18n, self.card);
        match card.dimensions.iter().find(|x| x.id == id) {
            Some(dim) => dimension_name(i18n, id, dim.label.as_ref()),
            None => {
                let label = card
                    .find_metric(id)
                    .and_then(|(_, m)| metric_label(card, m));
                metric_name(i18n, id, label.as_ref())
            }
        }
    }
    fn value(&self, metric_id: &str, value: f64) -> String {
        format::metric_value(value, unit_of(self.card, metric_id))
    }
    fn higher_is_better(&self, metric_id: &str) -> bool {
        self.card
            .find_metric(metric_id)
            .and_then(|(_, m)| self.card.direction_of(m).ok())
            == Some(Direction::HigherIsBetter)
    }
}

/// A weight or sum without float noise: `95`, `33.33`.
pub fn plain(value: f64) -> String {
    input_text((value * 100.0).round() / 100.0)
}

/// Writes `value` into the input unless the user is typing in it: typing `0.` must not be
/// rewritten to `0` under the cursor; the slider and Discard still update it.
fn keep_in_step(node: NodeRef<Input>, value: Memo<Option<f64>>) {
    Effect::new(move |_| {
        let text = value.get().map(input_text).unwrap_or_default();
        if let Some(input) = node.get() {
            let focused = document()
                .active_element()
                .is_some_and(|active| input.is_same_node(Some(&active)));
            if !focused && input.value() != text {
                input.set_value(&text);
            }
        }
    });
}

/// A number input bound to one draft value.
fn number_input(
    value: Memo<Option<f64>>,
    id: Option<String>,
    test_id: String,
    aria: impl Fn() -> String + Send + Sync + 'static,
    step: &'static str,
    on_value: impl Fn(f64) + 'static,
) -> impl IntoView {
    let node = NodeRef::<Input>::new();
    keep_in_step(node, value);
    let initial = value.get_untracked().map(input_text).unwrap_or_default();
    view! {
        <input
            type="number"
            class="num-input"
            id=id
            step=step
            inputmode="decimal"
            node_ref=node
            data-testid=test_id
            aria-label=aria
            value=initial
            on:input=move |ev| {
                if let Some(v) = parse_number(&event_target_value(&ev)) {
                    on_value(v);
                }
            }
        />
    }
}

/// One weight of the form: its value, the share it really counts for, the slider's top
/// end, the test id of its number input and the text key of the share.
struct WeightField {
    weight: Memo<Option<f64>>,
    share: Memo<f64>,
    slider_max: f64,
    test_id: String,
    share_key: &'static str,
}

/// A weight: number input, range slider and the share it really counts for.
fn weight_control(
    i18n: I18n,
    field: WeightField,
    name: impl Fn() -> String + Clone + Send + Sync + 'static,
    on_value: impl Fn(f64) + Clone + 'static,
) -> impl IntoView {
    let WeightField {
        weight,
        share,
        slider_max,
        test_id,
        share_key,
    } = field;
    let slider = NodeRef::<Input>::new();
    keep_in_step(slider, weight);
    let step = if slider_max <= 1.0 { "0.01" } else { "1" };
    let on_slider = on_value.clone();
    let slider_name = name.clone();
    view! {
        <div class="weight-control">
            {number_input(
                weight,
                None,
                test_id.clone(),
                move || i18n.tf("editor.weight_of", &[("name", &name())]),
                "any",
                on_value,
            )}
            <input
                type="range"
                class="weight-slider"
                min="0"
                max=slider_max.to_string()
                step=step
                node_ref=slider
                data-testid=format!("{test_id}-slider")
                aria-label=move || i18n.tf("editor.weight_slider_of", &[("name", &slider_name())])
                value=weight.get_untracked().map(input_text).unwrap_or_default()
                on:input=move |ev| {
                    if let Some(v) = parse_number(&event_target_value(&ev)) {
                        on_slider(v);
                    }
                }
            />
            <span class="weight-share num" data-testid=format!("{test_id}-share")>
                {move || i18n.tf(share_key, &[("share", &format::weight_percent(share.get()))])}
            </span>
        </div>
    }
}

/// The upper end of a weight slider: 100 for percentage-like weights, 1 for weights
/// written as fractions, the sum when weights are larger.
fn slider_max(sum: f64) -> f64 {
    if sum > 0.0 && sum <= 1.0 + 1e-9 {
        1.0
    } else {
        sum.max(100.0).ceil()
    }
}

/// The sentence under a set of weights: fine at 100, else what the engine does instead.
fn weight_sum_text(i18n: I18n, sum: WeightSum, level: &str) -> (String, bool) {
    let total = plain(sum.sum);
    if sum.adds_to_100() {
        (i18n.t(&format!("editor.{level}_sum_ok")), true)
    } else if sum.is_zero() {
        (i18n.t(&format!("editor.{level}_sum_zero")), false)
    } else {
        (
            i18n.tf(&format!("editor.{level}_sum_off"), &[("sum", &total)]),
            false,
        )
    }
}

fn weight_sum_line(
    i18n: I18n,
    sum: Memo<WeightSum>,
    level: &'static str,
    test_id: String,
) -> impl IntoView {
    move || {
        let (text, ok) = weight_sum_text(i18n, sum.get(), level);
        view! {
            <p class="weight-sum" class:weight-sum-off=!ok data-testid=test_id.clone() data-ok=ok.to_string()>
                <span class="weight-sum-mark" aria-hidden="true">{if ok { "✓" } else { "⚠" }}</span>
                " " {text}
            </p>
        }
    }
}

/// The whole form.
#[component]
pub fn DraftEditor(ctx: EditorCtx) -> impl IntoView {
    let i18n = use_i18n();
    // The structure (dimensions, metrics, rails) is fixed for a draft; values are memos.
    let card = ctx.draft.with_untracked(|d| d.card.clone());
    let dim_sum = ctx.field(dimension_weights);
    let dim_max = slider_max(dim_sum.get_untracked().sum);
    let dimensions = (0..card.dimensions.len())
        .map(|d| dimension_editor(i18n, ctx, &card, d, dim_sum, dim_max))
        .collect_view();
    view! {
        <p class="help">{move || i18n.t("editor.weights_help")}</p>
        {weight_sum_line(i18n, dim_sum, "dimension", "dimension-weight-sum".to_string())}
        {dimensions}
        <div class="two-columns">
            <section class="panel" data-testid="rails-editor">
                <h2 class="section-title">{move || i18n.t("scorecard.guard_rails")}</h2>
                {rails_editor(i18n, ctx, &card)}
            </section>
            <section class="panel" data-testid="grades-editor">
                <h2 class="section-title">{move || i18n.t("scorecard.grades")}</h2>
                {grading_editor(i18n, ctx)}
            </section>
        </div>
    }
}

fn dimension_editor(
    i18n: I18n,
    ctx: EditorCtx,
    card: &Scorecard,
    d: usize,
    dim_sum: Memo<WeightSum>,
    dim_max: f64,
) -> impl IntoView {
    let dim = &card.dimensions[d];
    let (id, label) = (dim.id.clone(), dim.label.clone());
    let name = move || dimension_name(i18n, &id, label.as_ref());
    let weight = ctx.field(move |c| c.dimensions.get(d).map(|x| x.weight));
    let share = Memo::new(move |_| dim_sum.get().share(weight.get().unwrap_or(0.0)));
    let metric_sum = ctx.field(move |c| {
        c.dimensions
            .get(d)
            .map_or(WeightSum { sum: 0.0 }, metric_weights)
    });
    let metric_max = slider_max(metric_sum.get_untracked().sum);
    let apply = ctx.apply;
    let rows = (0..dim.metrics.len())
        .map(|m| metric_row(i18n, ctx, card, d, m, metric_sum, metric_max))
        .collect_view();
    let heading = name.clone();
    view! {
        <section class="panel scheme-dimension" data-testid="scheme-dimension">
            <header class="scheme-dimension-header editor-dimension-header">
                <h2 class="section-title">{heading}</h2>
                {weight_control(
                    i18n,
                    WeightField {
                        weight,
                        share,
                        slider_max: dim_max,
                        test_id: format!("weight-dim-{d}"),
                        share_key: "editor.share_of_total",
                    },
                    name,
                    move |v| apply.run(Edit::DimensionWeight { dimension: d, weight: v }),
                )}
            </header>
            {weight_sum_line(i18n, metric_sum, "metric", format!("metric-weight-sum-{d}"))}
            <div class="table-scroll">
                <table class="data-table editor-table">
                    <thead>
                        <tr>
                            <th>{move || i18n.t("agent.metric")}</th>
                            <th>{move || i18n.t("scorecard.weight_in_dimension")}</th>
                            <th>{move || i18n.t("agent.target")}</th>
                            <th>{move || i18n.t("agent.floor")}</th>
                            <th>{move || i18n.t("scorecard.direction")}</th>
                            <th>{move || i18n.t("scorecard.curve")}</th>
                            <th>{move || i18n.t("scorecard.min_sample")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

fn metric_row(
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
                .map(|v| format::metric_value(v, unit))
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
                            {move || threshold.get().map(|v| format::metric_value(v, unit)).unwrap_or_default()}
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

fn rails_editor(i18n: I18n, ctx: EditorCtx, card: &Scorecard) -> impl IntoView {
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

fn grading_editor(i18n: I18n, ctx: EditorCtx) -> impl IntoView {
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
