//! QA calibration (质检校准): where reviewers who marked the same conversations with the
//! same rubric disagree. The engine does the arithmetic ([`calibrate`]); this page shows
//! the agreement (Krippendorff's alpha, its formula named), each reviewer's deviation from
//! the others with a drift flag, and the rubric items with the widest spread first.

use carescore_engine::feedback::calibration::{
    calibrate, CalibrationReport, ItemSpread, ReviewerDeviation, DEFAULT_DRIFT_THRESHOLD,
};
use carescore_engine::feedback::{FormKind, FormTemplate};
use leptos::prelude::*;

use crate::components::label_text;
use crate::i18n::{use_i18n, I18n};
use crate::router::Route;
use crate::state::use_app_state;
use carescore_workspace::feedback::FeedbackStore;

/// How far an alpha can be relied on, by Krippendorff's own rule of thumb (2004, §12.2):
/// at least 0.800 reliable, 0.667 to 0.800 for tentative conclusions only, below that not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Agreement {
    Reliable,
    Tentative,
    Unreliable,
}

impl Agreement {
    pub fn of(alpha: f64) -> Agreement {
        if alpha >= 0.800 {
            Agreement::Reliable
        } else if alpha >= 0.667 {
            Agreement::Tentative
        } else {
            Agreement::Unreliable
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Agreement::Reliable => "reliable",
            Agreement::Tentative => "tentative",
            Agreement::Unreliable => "unreliable",
        }
    }
}

/// The units at least two reviewers marked (the only ones that say anything about
/// agreement), widest spread first, then in the report's order.
pub fn disputed_units(report: &CalibrationReport) -> Vec<&ItemSpread> {
    let mut units: Vec<&ItemSpread> = report.items.iter().filter(|u| u.marks >= 2).collect();
    units.sort_by(|a, b| (b.max - b.min).total_cmp(&(a.max - a.min)));
    units
}

/// Conversations marked by two reviewers or more.
pub fn shared_conversations(report: &CalibrationReport) -> usize {
    let mut ids: Vec<&str> = disputed_units(report)
        .iter()
        .map(|u| u.conversation_id.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.len()
}

fn qa_forms() -> Vec<FormTemplate> {
    FeedbackStore::forms()
        .into_iter()
        .filter(|f| f.kind == FormKind::Qa)
        .collect()
}

#[component]
pub fn CalibrationPage() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let forms = StoredValue::new(qa_forms());
    let form_id = RwSignal::new(forms.with_value(|f| f.first().map(|f| f.id.clone())));
    let threshold = RwSignal::new(DEFAULT_DRIFT_THRESHOLD);
    let report = Memo::new(move |_| {
        let id = form_id.get()?;
        let form = forms.with_value(|forms| forms.iter().find(|f| f.id == id).cloned())?;
        let store = state.feedback();
        Some(calibrate(&form, &store.qa_reviews, threshold.get()))
    });
    let body = move || {
        let form = forms.with_value(|forms| {
            form_id
                .get()
                .and_then(|id| forms.iter().find(|f| f.id == id).cloned())
        });
        match (report.get(), form) {
            (Some(report), Some(form)) if shared_conversations(&report) > 0 => {
                report_view(i18n, &report, &form).into_any()
            }
            _ => view! {
                <p class="empty-state" data-testid="calibration-empty">
                    {i18n.t("calibration.empty")} " "
                    <a href=Route::Forms.to_hash()>{i18n.t("calibration.to_forms")}</a>
                </p>
            }
            .into_any(),
        }
    };
    view! {
        <section class="page page-calibration" data-testid="page-calibration">
            <header class="page-header">
                <h1 tabindex="-1">{move || i18n.t("calibration.title")}</h1>
                <p class="muted">{move || i18n.t("calibration.intro")}</p>
            </header>
            <div class="panel calibration-controls">
                {move || (forms.with_value(Vec::len) > 1).then(|| form_picker(i18n, forms, form_id))}
                <label class="field">
                    <span class="field-label">{move || i18n.t("calibration.threshold")}</span>
                    <input type="number" min="1" max="100" step="1" data-testid="calibration-threshold"
                        prop:value=move || format!("{:.0}", threshold.get())
                        on:change=move |ev| {
                            if let Ok(value) = event_target_value(&ev).trim().parse::<f64>() {
                                if value > 0.0 && value <= 100.0 {
                                    threshold.set(value);
                                }
                            }
                        }/>
                </label>
                <p class="muted small">{move || i18n.t("calibration.threshold_help")}</p>
            </div>
            {body}
        </section>
    }
}

fn form_picker(
    i18n: I18n,
    forms: StoredValue<Vec<FormTemplate>>,
    form_id: RwSignal<Option<String>>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span class="field-label">{i18n.t("calibration.rubric")}</span>
            <select on:change=move |ev| form_id.set(Some(event_target_value(&ev)))>
                {forms.with_value(|forms| forms.iter().map(|form| {
                    let id = form.id.clone();
                    let selected = form_id.get_untracked().as_deref() == Some(id.as_str());
                    view! {
                        <option value=id selected=selected>
                            {label_text(i18n.locale(), &form.title).unwrap_or_else(|| form.id.clone())}
                        </option>
                    }
                }).collect_view())}
            </select>
        </label>
    }
}

fn report_view(i18n: I18n, report: &CalibrationReport, form: &FormTemplate) -> impl IntoView {
    let shared = shared_conversations(report);
    view! {
        <section class="panel" data-testid="calibration-agreement">
            <h2 class="section-title">{i18n.t("calibration.agreement")}</h2>
            <p class="muted small">
                {i18n.tf("calibration.sample", &[
                    ("reviewers", &report.reviewers.len().to_string()),
                    ("conversations", &shared.to_string()),
                ])}
            </p>
            <div class="stat-row">
                {alpha_tile(i18n, "interval", "calibration.alpha_interval", report.alpha_interval)}
                {alpha_tile(i18n, "nominal", "calibration.alpha_nominal", report.alpha_nominal)}
            </div>
            <p class="calibration-formula" data-testid="calibration-formula">{i18n.t("calibration.formula")}</p>
            <p class="muted small">{i18n.t("calibration.rule_of_thumb")}</p>
        </section>
        <section class="panel">
            <h2 class="section-title">{i18n.t("calibration.reviewers")}</h2>
            <p class="muted small">{i18n.t("calibration.reviewers_help")}</p>
            {reviewer_table(i18n, &report.deviations, report.drift_threshold)}
        </section>
        <section class="panel">
            <h2 class="section-title">{i18n.t("calibration.items")}</h2>
            <p class="muted small">{i18n.t("calibration.items_help")}</p>
            {item_table(i18n, report, form)}
        </section>
    }
}

fn alpha_tile(
    i18n: I18n,
    id: &'static str,
    key: &'static str,
    alpha: Option<f64>,
) -> impl IntoView {
    let (value, verdict) = match alpha {
        Some(alpha) => {
            let level = Agreement::of(alpha);
            (
                format!("{alpha:.3}"),
                Some((
                    level.id(),
                    i18n.t(&format!("calibration.level_{}", level.id())),
                )),
            )
        }
        None => ("—".to_string(), None),
    };
    view! {
        <div class="stat-tile" data-alpha=id>
            <div class="stat-caption">{i18n.t(key)}</div>
            <div class="stat-value num big-number" data-testid=format!("alpha-{id}")>{value}</div>
            {match verdict {
                Some((level, text)) => view! {
                    <span class="agreement-badge" data-level=level>{text}</span>
                }.into_any(),
                None => view! {
                    <span class="muted small">{i18n.t("calibration.alpha_none")}</span>
                }.into_any(),
            }}
        </div>
    }
}

fn percent_points(value: Option<f64>, signed: bool) -> String {
    match value {
        Some(v) if signed => format!("{v:+.1}"),
        Some(v) => format!("{v:.1}"),
        None => "—".to_string(),
    }
}

fn reviewer_table(i18n: I18n, deviations: &[ReviewerDeviation], threshold: f64) -> impl IntoView {
    let rows = deviations
        .iter()
        .map(|d| {
            let lean = match d.mean_deviation {
                Some(v) if v < 0.0 => i18n.t("calibration.harsher"),
                Some(v) if v > 0.0 => i18n.t("calibration.more_lenient"),
                Some(_) => i18n.t("calibration.in_line"),
                None => String::new(),
            };
            view! {
                <tr data-reviewer=d.reviewer.clone() data-drift=d.drift.to_string()>
                    <td>{d.reviewer.clone()}</td>
                    <td class="num">{d.compared.to_string()}</td>
                    <td class="num">{percent_points(d.mean_deviation, true)}</td>
                    <td class="num">{percent_points(d.mean_abs_deviation, false)}</td>
                    <td>
                        {d.drift.then(|| view! {
                            <span class="badge badge-critical" data-testid="drift-flag">
                                {i18n.tf("calibration.drift", &[("threshold", &format!("{threshold:.0}"))])}
                            </span>
                            " "
                        })}
                        <span class="muted small">{lean}</span>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data-table compact" data-testid="calibration-reviewers">
            <thead><tr>
                <th>{i18n.t("forms.reviewer")}</th>
                <th class="num">{i18n.t("calibration.compared")}</th>
                <th class="num">{i18n.t("calibration.mean_deviation")}</th>
                <th class="num">{i18n.t("calibration.mean_abs_deviation")}</th>
                <th>{i18n.t("calibration.flag")}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

fn item_table(i18n: I18n, report: &CalibrationReport, form: &FormTemplate) -> impl IntoView {
    let label = |item_id: &str| {
        form.items()
            .find(|item| item.id == item_id)
            .and_then(|item| label_text(i18n.locale(), &item.label))
            .unwrap_or_else(|| item_id.to_string())
    };
    let rows = disputed_units(report)
        .into_iter()
        .map(|unit| {
            view! {
                <tr data-unit=format!("{}/{}", unit.conversation_id, unit.item_id)>
                    <td>{unit.conversation_id.clone()}</td>
                    <td>{label(&unit.item_id)}</td>
                    <td class="num">{unit.marks.to_string()}</td>
                    <td class="num">{format!("{:.0}", unit.min)}</td>
                    <td class="num">{format!("{:.0}", unit.max)}</td>
                    <td class="num">{format!("{:.2}", unit.sd)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data-table compact" data-testid="calibration-items">
            <thead><tr>
                <th>{i18n.t("forms.conversation_id")}</th>
                <th>{i18n.t("calibration.item")}</th>
                <th class="num">{i18n.t("calibration.marks")}</th>
                <th class="num">{i18n.t("calibration.min")}</th>
                <th class="num">{i18n.t("calibration.max")}</th>
                <th class="num">{i18n.t("calibration.sd")}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use carescore_engine::feedback::builtin;
    use carescore_engine::feedback::response::{Answer, Answers, QaReview};
    use carescore_engine::feedback::ItemInput;
    use std::collections::BTreeMap;

    fn review(reviewer: &str, conversation: &str, mark: impl Fn(u32) -> f64) -> QaReview {
        let form = builtin::qa_after_sales_chat();
        let mut answers = Answers::new();
        for item in form.items() {
            if let ItemInput::QaCheck { points, .. } = item.input {
                answers.insert(item.id.clone(), Answer::Number(mark(points)));
            }
        }
        QaReview {
            id: format!("qa-{reviewer}-{conversation}"),
            form_id: form.id.clone(),
            conversation_id: conversation.into(),
            agent: "Ann".into(),
            reviewer: reviewer.into(),
            reviewed_on: chrono::NaiveDate::from_ymd_opt(2026, 9, 2).unwrap(),
            conversation_on: None,
            answers,
            item_comments: BTreeMap::new(),
            comment: None,
        }
    }

    #[test]
    fn agreement_levels_follow_krippendorffs_cut_offs() {
        assert_eq!(Agreement::of(0.85), Agreement::Reliable);
        assert_eq!(Agreement::of(0.800), Agreement::Reliable);
        assert_eq!(Agreement::of(0.7), Agreement::Tentative);
        assert_eq!(Agreement::of(0.667), Agreement::Tentative);
        assert_eq!(Agreement::of(0.5), Agreement::Unreliable);
        assert_eq!(Agreement::of(-0.2), Agreement::Unreliable);
    }

    #[test]
    fn only_conversations_two_reviewers_marked_count_and_the_widest_spread_comes_first() {
        let form = builtin::qa_after_sales_chat();
        let full = |points: u32| f64::from(points);
        let reviews = [
            review("Li", "C1", full),
            review("Wang", "C1", |points| {
                if points >= 10 {
                    2.0
                } else {
                    f64::from(points)
                }
            }),
            // Only one reviewer on C2: it says nothing about agreement.
            review("Li", "C2", full),
        ];
        let report = calibrate(&form, &reviews, DEFAULT_DRIFT_THRESHOLD);
        assert_eq!(shared_conversations(&report), 1);
        let units = disputed_units(&report);
        assert!(units
            .iter()
            .all(|u| u.conversation_id == "C1" && u.marks == 2));
        let spread = |u: &ItemSpread| u.max - u.min;
        assert!(spread(units[0]) > 0.0, "a disputed item leads");
        assert!(units.windows(2).all(|w| spread(w[0]) >= spread(w[1])));
        assert_eq!(
            shared_conversations(&calibrate(&form, &reviews[2..], 10.0)),
            0
        );
    }
}
