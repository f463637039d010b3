//! The side-by-side comparison of two versions (or a version and the unsaved draft): every
//! dimension and metric with its weight, target and floor in each, differences marked. The
//! comparison itself is pure: [`carescore_workspace::version_diff`].

use carescore_engine::scorecard::{Scorecard, ScorecardHistory};
use leptos::prelude::*;

use super::editor::plain;
use crate::components::{dimension_name, effective_from_text, metric_name, unit_of};
use crate::i18n::{use_i18n, I18n};
use carescore_workspace::display;
use carescore_workspace::draft::Draft;
use carescore_workspace::version_diff::{compare, CompareRow, Side};

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

    #[test]
    fn picks_round_trip_through_select_values() {
        for pick in [Pick::Version(0), Pick::Version(3), Pick::Draft] {
            assert_eq!(Pick::parse(&pick.value()), Some(pick));
        }
        assert_eq!(Pick::parse("x"), None);
    }
}
