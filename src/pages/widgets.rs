//! Small pieces the pages share: display names of metrics and dimensions, the grade badge,
//! the period picker and the empty-workspace notice.

use carescore_engine::scorecard::{Grade, Label};
use leptos::prelude::*;

use crate::i18n::{use_i18n, I18n, Locale};
use crate::router::Route;
use crate::state::{use_app_state, ScoresState, WorkspaceState};

/// The text of a dynamic key, or `None` when the locale files lack it (a user-defined id).
fn known(i18n: I18n, key: &str) -> Option<String> {
    let text = i18n.t(key);
    (text != key).then_some(text)
}

/// A user-written label in the interface language, falling back to the other language.
pub fn label_text(locale: Locale, label: &Label) -> Option<String> {
    let preferred = match locale {
        Locale::ZhCn => label.zh.as_deref().or(label.en.as_deref()),
        Locale::En => label.en.as_deref().or(label.zh.as_deref()),
    };
    preferred.map(str::to_string)
}

/// Display name of a metric: the translation of a standard id (`metric.fcr_rate`), else
/// the card's own label, else the id itself.
pub fn metric_name(i18n: I18n, metric_id: &str, label: Option<&Label>) -> String {
    known(i18n, &format!("metric.{metric_id}"))
        .or_else(|| label.and_then(|l| label_text(i18n.locale(), l)))
        .unwrap_or_else(|| metric_id.to_string())
}

/// Display name of a dimension, like [`metric_name`] (`dimension.service_quality`).
pub fn dimension_name(i18n: I18n, dimension_id: &str, label: Option<&Label>) -> String {
    known(i18n, &format!("dimension.{dimension_id}"))
        .or_else(|| label.and_then(|l| label_text(i18n.locale(), l)))
        .unwrap_or_else(|| dimension_id.to_string())
}

/// A short dimension name for narrow table headers (`dimension_short.service_quality`).
pub fn dimension_short_name(i18n: I18n, dimension_id: &str, label: Option<&Label>) -> String {
    known(i18n, &format!("dimension_short.{dimension_id}"))
        .unwrap_or_else(|| dimension_name(i18n, dimension_id, label))
}

/// When a scheme version took effect; the default history starts at the epoch, which
/// reads better as "from the start".
/// `date` is `YYYY-MM-DD`.
pub fn effective_from_text(i18n: I18n, date: &str) -> String {
    if date <= "1970-01-01" {
        i18n.t("scorecard.from_start")
    } else {
        date.to_string()
    }
}

pub fn grade_name(i18n: I18n, grade: Grade) -> String {
    i18n.t(&format!("grade.{}", grade.id()))
}

/// The grade as a badge: its name in words plus a shape, so it reads in greyscale and for
/// colour-blind users, not by colour alone.
#[component]
pub fn GradeBadge(grade: Option<Grade>) -> impl IntoView {
    let i18n = use_i18n();
    match grade {
        Some(grade) => {
            let class = format!("grade-badge grade-{}", grade.id());
            view! {
                <span class=class data-grade=grade.id()>
                    <span class="grade-mark" aria-hidden="true">{grade_mark(grade)}</span>
                    {move || grade_name(i18n, grade)}
                </span>
            }
            .into_any()
        }
        None => view! {
            <span class="grade-badge grade-none">{move || i18n.t("common.no_grade")}</span>
        }
        .into_any(),
    }
}

/// A glyph per grade; the shapes differ in fill, not only in colour.
pub fn grade_mark(grade: Grade) -> &'static str {
    match grade {
        Grade::Excellent => "★",
        Grade::Good => "●",
        Grade::Pass => "◐",
        Grade::NeedsImprovement => "○",
    }
}

/// The period picker: every month with data, latest selected by default. Changing it
/// changes the period on every page.
#[component]
pub fn PeriodSelect() -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    let periods = move || {
        state
            .workspace()
            .map(|ws| ws.periods.clone())
            .unwrap_or_default()
    };
    view! {
        <label class="period-picker">
            <span class="period-picker-label">{move || i18n.t("common.period")}</span>
            <select
                data-testid="period-select"
                on:change=move |ev| state.set_period(event_target_value(&ev))
                prop:value=move || state.period().unwrap_or_default()
            >
                {move || {
                    let current = state.period();
                    periods()
                        .into_iter()
                        .rev()
                        .map(|p| {
                            let selected = current.as_deref() == Some(p.as_str());
                            view! { <option value=p.clone() selected=selected>{p.clone()}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}

/// What a page shows when there is nothing to score: why, and the way to demo data.
/// The header of a team or agent page: a breadcrumb back to the dashboard, the name
/// (untrusted text, rendered as text), and the period picker once there are scores.
#[component]
pub fn DetailHeader(kicker_key: &'static str, title: String) -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    view! {
        <header class="page-header">
            <div>
                <div class="breadcrumb">
                    <a href=Route::Dashboard.to_hash()>{move || i18n.t("nav.dashboard")}</a>
                    " / " {move || i18n.t(kicker_key)}
                </div>
                <h1>{title}</h1>
            </div>
            {move || state.scored().is_some().then(|| view! { <PeriodSelect/> })}
        </header>
    }
}

#[component]
pub fn NoWorkspace() -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    move || {
        if state.is_loading() {
            return view! {
                <div class="empty-state" data-testid="workspace-loading" role="status" aria-busy="true">
                    <p>{i18n.t("empty.loading")}</p>
                </div>
            }
            .into_any();
        }
        let failure = match (state.workspace_state(), state.scores_state()) {
            (WorkspaceState::Failed(why), _) | (_, ScoresState::Failed(why)) => Some(why),
            _ => None,
        };
        view! {
            <div class="empty-state" data-testid="empty-workspace">
                <h2>{i18n.t("empty.title")}</h2>
                {failure.map(|why| view! { <p class="empty-error">{i18n.t("empty.failed")} " " <code>{why}</code></p> })}
                <p>{i18n.t("empty.body")}</p>
                <div class="empty-actions">
                    <button class="button button-primary" data-testid="empty-load-demo" on:click=move |_| state.load_demo()>
                        {i18n.t("empty.load_demo")}
                    </button>
                    <a class="button" href=Route::Data.to_hash()>{i18n.t("empty.to_data")}</a>
                    <a class="button" href=Route::Settings.to_hash()>{i18n.t("empty.to_settings")}</a>
                </div>
            </div>
        }
        .into_any()
    }
}

/// A labelled number tile of a page's headline.
#[component]
pub fn StatTile(
    /// Locale key of the caption.
    caption: &'static str,
    /// The figure, already formatted.
    value: String,
    /// `data-testid` of the figure.
    #[prop(optional)]
    testid: Option<&'static str>,
    /// Extra content under the figure (a badge, a note).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="stat-tile">
            <div class="stat-caption">{move || i18n.t(caption)}</div>
            <div class="stat-value" data-testid=testid>{value}</div>
            {children.map(|c| c())}
        </div>
    }
}
