//! The form that edits the draft: dimension and metric weights (number and slider),
//! targets, floors, direction, curve and bands, minimum samples, guard rails, grade bands
//! and the small-sample policy. The form is built once per draft; every field reads its
//! own memo of the draft, so an edit updates only the fields whose value changed and no
//! row is rebuilt. Every control has a label (`<label for>` or `aria-label`).

mod metric_row;
mod rules;
mod weights;

use carescore_engine::scorecard::{Scorecard, ScorecardMetric};
use carescore_workspace::draft::{
    dimension_weights, input_text, metric_weights, Draft, Edit, WeightSum,
};
use leptos::prelude::*;

use crate::components::labels::dimension_name;
use crate::i18n::{use_i18n, I18n};
use metric_row::metric_row;
use rules::{grading_editor, rails_editor};
use weights::{slider_max, weight_control, weight_sum_line, WeightField};

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

/// A weight or sum without float noise: `95`, `33.33`.
pub fn plain(value: f64) -> String {
    input_text((value * 100.0).round() / 100.0)
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
