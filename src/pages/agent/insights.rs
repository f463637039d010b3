//! Strengths and weaknesses in words: the engine picks the metrics
//! ([`carescore_engine::scoring::insights`]), this module says each in one sentence a
//! manager reads without help ("First-contact resolution 82.0% — above its target of
//! 75.0%"). Used on the agent card and in the one-to-one print view.

use carescore_engine::metric_def::Direction;
use carescore_engine::scoring::explain::Explanation;
use carescore_engine::scoring::insights::{insights, Insight};
use leptos::prelude::*;

use super::metrics::value_text;
use crate::components::metric_name;
use crate::i18n::I18n;

/// "<metric> <value> — above its target of <target>" (below, for lower-is-better metrics;
/// "on its target" when the two read the same once formatted).
pub fn strength_sentence(i18n: I18n, item: &Insight) -> String {
    let value = value_text(item.value, item.unit);
    let target = value_text(item.target, item.unit);
    let key = if value == target {
        "insights.strength_on"
    } else {
        match item.direction {
            Direction::HigherIsBetter => "insights.strength_above",
            Direction::LowerIsBetter => "insights.strength_below",
        }
    };
    i18n.tf(
        key,
        &[
            (
                "metric",
                &metric_name(i18n, &item.metric_id, item.label.as_ref()),
            ),
            ("value", &value),
            ("target", &target),
        ],
    )
}

/// "<metric> <value> — short of its target of <target>; costs <n> points of the total".
/// "Short of" rather than "below", because for a lower-is-better metric the value is
/// above the target.
pub fn weakness_sentence(i18n: I18n, item: &Insight) -> String {
    i18n.tf(
        "insights.weakness",
        &[
            (
                "metric",
                &metric_name(i18n, &item.metric_id, item.label.as_ref()),
            ),
            ("value", &value_text(item.value, item.unit)),
            ("target", &value_text(item.target, item.unit)),
            ("points", &format!("{:.1}", item.points_lost)),
        ],
    )
}

/// The two lists, plus a line naming metrics whose sample is too small to judge.
pub(super) fn insights_view(i18n: I18n, ex: &Explanation) -> impl IntoView {
    let found = insights(ex);
    let strengths: Vec<String> = found
        .strengths
        .iter()
        .map(|item| strength_sentence(i18n, item))
        .collect();
    let weaknesses: Vec<String> = found
        .weaknesses
        .iter()
        .map(|item| weakness_sentence(i18n, item))
        .collect();
    let uncertain: Vec<String> = found
        .uncertain
        .iter()
        .map(|id| {
            let label = ex
                .dimensions
                .iter()
                .flat_map(|d| d.metrics.iter())
                .find(|m| &m.metric_id == id)
                .and_then(|m| m.label.as_ref());
            metric_name(i18n, id, label)
        })
        .collect();
    view! {
        <div class="insights" data-testid="insights">
            <div class="insight-group">
                <h3>{i18n.t("insights.strengths")}</h3>
                {list(strengths, "insight-list insight-strengths", "insight-strength", i18n.t("insights.no_strengths"))}
            </div>
            <div class="insight-group">
                <h3>{i18n.t("insights.weaknesses")}</h3>
                {list(weaknesses, "insight-list insight-weaknesses", "insight-weakness", i18n.t("insights.no_weaknesses"))}
            </div>
            {(!uncertain.is_empty()).then(|| view! {
                <p class="muted small insight-uncertain" data-testid="insight-uncertain">
                    {i18n.tf("insights.uncertain", &[("metrics", &uncertain.join(&i18n.t("insights.separator")))])}
                </p>
            })}
        </div>
    }
}

/// A list of sentences, or `empty` as a muted line when there are none.
fn list(
    sentences: Vec<String>,
    class: &'static str,
    testid: &'static str,
    empty: String,
) -> AnyView {
    if sentences.is_empty() {
        return view! { <p class="muted insight-empty">{empty}</p> }.into_any();
    }
    view! {
        <ul class=class>
            {sentences.into_iter().map(|s| view! { <li data-testid=testid>{s}</li> }).collect_view()}
        </ul>
    }
    .into_any()
}
