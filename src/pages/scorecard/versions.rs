//! The side-by-side comparison of two versions (or a version and the unsaved draft): every dimension and metric with its weight, target and floor in each,
//! differences marked. The comparison itself is pure and tested natively.

use carescore_engine::scorecard::{Label, Scorecard, ScorecardHistory};
use leptos::prelude::*;

use super::editor::plain;
use crate::components::{dimension_name, effective_from_text, metric_label, metric_name, unit_of};
use crate::i18n::{use_i18n, I18n};
use carescore_workspace::display;
use carescore_workspace::draft::Draft;

/// One side of a compared row: what that version says.
#[derive(Clone, Debug, PartialEq)]
pub struct Side {
    /// The configured (relative) weight.
    pub weight: f64,
    /// Its share of its level (what scoring uses).
    pub share: f64,
    /// Metrics only.
    pub target: Option<f64>,
    pub floor: Option<f64>,
    /// Direction, curve or minimum sample differ (metrics only; shown as one mark).
    pub other: Option<String>,
}

/// A dimension (metric `None`) or a metric row of the comparison. A side is `None` when
/// that version does not have the item.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareRow {
    pub dimension: String,
    pub metric: Option<String>,
    pub label: Option<Label>,
    pub a: Option<Side>,
    pub b: Option<Side>,
}

/// Weight shares closer than this are the same (they print the same to 0.1%).
const SHARE_EPSILON: f64 = 1e-6;

impl CompareRow {
    /// Weights differ when the share differs: 35 of 100 and 0.35 of 1 score the same.
    pub fn weight_differs(&self) -> bool {
        match (&self.a, &self.b) {
            (Some(a), Some(b)) => (a.share - b.share).abs() > SHARE_EPSILON,
            _ => true,
        }
    }

    pub fn target_differs(&self) -> bool {
        self.side_differs(|s| s.target)
    }

    pub fn floor_differs(&self) -> bool {
        self.side_differs(|s| s.floor)
    }

    pub fn other_differs(&self) -> bool {
        match (&self.a, &self.b) {
            (Some(a), Some(b)) => a.other != b.other,
            _ => true,
        }
    }

    fn side_differs(&self, read: impl Fn(&Side) -> Option<f64>) -> bool {
        match (&self.a, &self.b) {
            (Some(a), Some(b)) => read(a) != read(b),
            _ => true,
        }
    }

    pub fn differs(&self) -> bool {
        self.weight_differs()
            || self.target_differs()
            || self.floor_differs()
            || self.other_differs()
    }
}

/// Every dimension and metric of `a` and `b`: `a`'s order first, then what only `b` has.
pub fn compare(a: &Scorecard, b: &Scorecard) -> Vec<CompareRow> {
    let mut dims: Vec<(&str, Option<&Label>)> = Vec::new();
    for dim in a.dimensions.iter().chain(&b.dimensions) {
        if !dims.iter().any(|(id, _)| *id == dim.id) {
            dims.push((&dim.id, dim.label.as_ref()));
        }
    }
    let mut rows = Vec::new();
    for (dim_id, label) in dims {
        let dim_side = |card: &Scorecard| {
            let total: f64 = card.dimensions.iter().map(|d| d.weight).sum();
            card.dimensions
                .iter()
                .find(|d| d.id == dim_id)
                .map(|d| Side {
                    weight: d.weight,
                    share: if total > 0.0 { d.weight / total } else { 0.0 },
                    target: None,
                    floor: None,
                    other: None,
                })
        };
        rows.push(CompareRow {
            dimension: dim_id.to_string(),
            metric: None,
            label: label.cloned(),
            a: dim_side(a),
            b: dim_side(b),
        });
        let metrics_of = |card: &'_ Scorecard| {
            card.dimensions
                .iter()
                .find(|d| d.id == dim_id)
                .map(|d| {
                    d.metrics
                        .iter()
                        .map(|m| m.metric_id.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        };
        let mut metric_ids = metrics_of(a);
        for id in metrics_of(b) {
            if !metric_ids.contains(&id) {
                metric_ids.push(id);
            }
        }
        for metric_id in metric_ids {
            let metric_side = |card: &Scorecard| {
                let dim = card.dimensions.iter().find(|d| d.id == dim_id)?;
                let total: f64 = dim.metrics.iter().map(|m| m.weight).sum();
                let m = dim.metrics.iter().find(|m| m.metric_id == metric_id)?;
                Some(Side {
                    weight: m.weight,
                    share: if total > 0.0 { m.weight / total } else { 0.0 },
                    target: Some(m.target),
                    floor: Some(m.floor),
                    // Compared as data: these settings change scores less visibly.
                    other: Some(format!("{:?}/{:?}/{}", m.direction, m.curve, m.min_sample)),
                })
            };
            let label = [a, b].iter().find_map(|card| {
                card.find_metric(&metric_id)
                    .and_then(|(_, m)| metric_label(card, m))
            });
            rows.push(CompareRow {
                dimension: dim_id.to_string(),
                metric: Some(metric_id.clone()),
                label,
                a: metric_side(a),
                b: metric_side(b),
            });
        }
    }
    rows
}

/// Which card a compare picker shows: a saved version (index) or the draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    Version(usize),
    Draft,
}

impl Pick {
    fn value(self) -> String {
        match self {
            Pick::Version(i) => i.to_string(),
            Pick::Draft => "draft".to_string(),
        }
    }

    fn parse(value: &str) -> Option<Pick> {
        if value == "draft" {
            Some(Pick::Draft)
        } else {
            value.parse().ok().map(Pick::Version)
        }
    }
}

/// Two pickers and the comparison table. `history` is sorted (indices as in the list).
#[component]
pub fn CompareVersions(history: ScorecardHistory, draft: RwSignal<Draft>) -> impl IntoView {
    let i18n = use_i18n();
    let count = history.versions.len();
    // Default: the previous version against the latest, or the only one against the draft.
    let (first, second) = if count >= 2 {
        (Pick::Version(count - 2), Pick::Version(count - 1))
    } else {
        (Pick::Version(0), Pick::Draft)
    };
    let left = RwSignal::new(first);
    let right = RwSignal::new(second);
    let history = StoredValue::new(history);
    let card_of = move |pick: Pick| -> Option<Scorecard> {
        match pick {
            Pick::Version(i) => {
                history.with_value(|h| h.versions.get(i).map(|v| v.scorecard.clone()))
            }
            Pick::Draft => Some(draft.with(|d| d.card.clone())),
        }
    };
    let options = move |selected: RwSignal<Pick>| {
        let versions = history.with_value(|h| {
            h.versions
                .iter()
                .enumerate()
                .map(|(i, v)| (i, v.effective_from.to_string(), v.reason.clone()))
                .collect::<Vec<_>>()
        });
        let saved = versions
            .into_iter()
            .map(|(i, date, reason)| {
                let pick = Pick::Version(i);
                view! {
                    <option value=pick.value() prop:selected=move || selected.get() == pick>
                        {move || i18n.tf("editor.version_option", &[
                            ("version", &(i + 1).to_string()),
                            ("from", &effective_from_text(i18n, &date)),
                            ("reason", &reason),
                        ])}
                    </option>
                }
            })
            .collect_view();
        view! {
            {saved}
            <option value="draft" prop:selected=move || selected.get() == Pick::Draft>
                {move || i18n.t("editor.draft_option")}
            </option>
        }
    };
    let table = move || {
        let (Some(a), Some(b)) = (card_of(left.get()), card_of(right.get())) else {
            return ().into_any();
        };
        let rows = compare(&a, &b);
        let changed = rows.iter().filter(|r| r.differs()).count();
        let body = rows
            .into_iter()
            .map(|row| compare_row(i18n, &a, &b, row))
            .collect_view();
        view! {
            <p class="muted small" data-testid="compare-summary" data-changed=changed.to_string()>
                {move || if changed == 0 {
                    i18n.t("editor.compare_same")
                } else {
                    i18n.tf("editor.compare_changed", &[("count", &changed.to_string())])
                }}
            </p>
            <div class="table-scroll">
                <table class="data-table compact compare-table" data-testid="compare-table">
                    <thead>
                        <tr>
                            <th rowspan="2">{move || i18n.t("editor.item")}</th>
                            <th colspan="3" class="compare-side">"A"</th>
                            <th colspan="3" class="compare-side">"B"</th>
                            <th rowspan="2">{move || i18n.t("editor.other_settings")}</th>
                        </tr>
                        <tr>
                            <th class="num">{move || i18n.t("editor.weight")}</th>
                            <th class="num">{move || i18n.t("agent.target")}</th>
                            <th class="num">{move || i18n.t("agent.floor")}</th>
                            <th class="num">{move || i18n.t("editor.weight")}</th>
                            <th class="num">{move || i18n.t("agent.target")}</th>
                            <th class="num">{move || i18n.t("agent.floor")}</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let picker = move |id: &'static str, key: &'static str, signal: RwSignal<Pick>| {
        view! {
            <div class="field-row">
                <label class="field" for=id>
                    <span class="field-label">{move || i18n.t(key)}</span>
                </label>
                <select
                    id=id
                    data-testid=id
                    on:change=move |ev| {
                        if let Some(pick) = Pick::parse(&event_target_value(&ev)) {
                            signal.set(pick);
                        }
                    }
                >
                    {options(signal)}
                </select>
            </div>
        }
    };
    view! {
        <div class="compare-pickers">
            {picker("compare-a", "editor.compare_a", left)}
            {picker("compare-b", "editor.compare_b", right)}
        </div>
        {table}
    }
}

fn compare_row(i18n: I18n, a: &Scorecard, b: &Scorecard, row: CompareRow) -> impl IntoView {
    let is_dimension = row.metric.is_none();
    let unit = row
        .metric
        .as_deref()
        .map(|id| unit_of(if row.a.is_some() { a } else { b }, id));
    let name = {
        let (dimension, metric, label) =
            (row.dimension.clone(), row.metric.clone(), row.label.clone());
        move || match &metric {
            Some(id) => metric_name(i18n, id, label.as_ref()),
            None => dimension_name(i18n, &dimension, label.as_ref()),
        }
    };
    let (weight_diff, target_diff, floor_diff, other_diff) = (
        row.weight_differs(),
        row.target_differs(),
        row.floor_differs(),
        !is_dimension && row.other_differs(),
    );
    let differs = row.differs();
    let value = move |v: Option<f64>| match (v, unit) {
        (Some(v), Some(unit)) => display::metric_value(v, unit),
        _ => String::new(),
    };
    let cells = move |side: &Option<Side>| match side {
        None => view! {
            <td class="num cell-changed" colspan="3">{move || i18n.t("editor.not_in_version")}</td>
        }
        .into_any(),
        Some(s) => {
            let weight = format!("{} ({})", plain(s.weight), display::weight_percent(s.share));
            view! {
                <td class="num" class:cell-changed=weight_diff>{weight}</td>
                <td class="num" class:cell-changed=target_diff>{value(s.target)}</td>
                <td class="num" class:cell-changed=floor_diff>{value(s.floor)}</td>
            }
            .into_any()
        }
    };
    view! {
        <tr
            class:compare-dimension=is_dimension
            class:row-changed=differs
            data-testid="compare-row"
            data-changed=differs.to_string()
        >
            <td>
                {name}
                {differs.then(|| view! {
                    <span class="change-mark" title=move || i18n.t("editor.changed")>
                        " ≠"<span class="visually-hidden">{move || i18n.t("editor.changed")}</span>
                    </span>
                })}
            </td>
            {cells(&row.a)}
            {cells(&row.b)}
            <td class:cell-changed=other_diff>
                {move || if other_diff { i18n.t("editor.other_differs") } else { String::new() }}
            </td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use carescore_engine::scorecard::defaults::default_scorecard;
    use carescore_engine::scorecard::Curve;

    #[test]
    fn the_same_card_has_no_differences_and_lists_every_item() {
        let card = default_scorecard();
        let rows = compare(&card, &card);
        let metrics: usize = card.dimensions.iter().map(|d| d.metrics.len()).sum();
        assert_eq!(rows.len(), card.dimensions.len() + metrics);
        assert!(rows.iter().all(|r| !r.differs()), "{rows:?}");
        assert_eq!(rows[0].metric, None);
        assert_eq!(rows[1].metric.as_deref(), Some("fcr_rate"));
    }

    #[test]
    fn changed_weights_targets_curves_and_missing_items_are_marked() {
        let a = default_scorecard();
        let mut b = a.clone();
        b.dimensions[0].metrics[0].target = 0.85;
        b.dimensions[1].weight = 35.0;
        b.dimensions[2].metrics.pop();
        b.dimensions[3].metrics[0].curve = Curve::Banded {
            bands: carescore_workspace::draft::default_bands(3.0, 4.5),
        };
        let rows = compare(&a, &b);
        let find = |metric: Option<&str>, dim: &str| {
            rows.iter()
                .find(|r| r.metric.as_deref() == metric && r.dimension == dim)
                .unwrap()
        };
        let fcr = find(Some("fcr_rate"), "service_quality");
        assert!(fcr.target_differs() && !fcr.floor_differs() && !fcr.weight_differs());
        // Raising one dimension's weight changes every dimension's share.
        assert!(find(None, "efficiency").weight_differs());
        assert!(find(None, "service_quality").weight_differs());
        let gone = find(Some("peer_review_score"), "teamwork");
        assert!(gone.a.is_some() && gone.b.is_none() && gone.differs());
        // The remaining teamwork metric now carries the whole dimension.
        assert!(find(Some("reassign_rate"), "teamwork").weight_differs());
        let csat = find(Some("csat_mean"), "customer_satisfaction");
        assert!(csat.other_differs() && !csat.target_differs());
        assert!(!find(Some("contacts"), "efficiency").differs());
    }

    #[test]
    fn scaled_weights_with_the_same_shares_are_not_a_difference() {
        let a = default_scorecard();
        let mut b = a.clone();
        for dim in &mut b.dimensions {
            dim.weight /= 100.0;
        }
        assert!(compare(&a, &b).iter().all(|r| !r.weight_differs()));
    }

    #[test]
    fn picks_round_trip_through_select_values() {
        for pick in [Pick::Version(0), Pick::Version(3), Pick::Draft] {
            assert_eq!(Pick::parse(&pick.value()), Some(pick));
        }
        assert_eq!(Pick::parse("x"), None);
    }
}
