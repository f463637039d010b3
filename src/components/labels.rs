//! Display names: metrics, dimensions and grades in the interface language, user-written
//! labels, a scheme version's effective date, and a card metric's own label and unit.

use carescore_engine::scorecard::{Grade, Label};
// What a card says about showing a metric is pure; the pages take it from here.
pub use carescore_workspace::display::{metric_label, unit_of};

use crate::i18n::{I18n, Locale};

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
