//! When the scheme is next due for review, as a sentence: the scheme review page's status
//! line and the dashboard's reminder.

use carescore_workspace::scheme_review::DueStatus;
use chrono::NaiveDate;

use crate::i18n::I18n;

/// The status line's sentence: "due in 12 days (2026-06-01)", "due today", "overdue by
/// 3 days". The dashboard reminder uses it too.
pub fn status_text(i18n: I18n, status: DueStatus, due: Option<NaiveDate>) -> String {
    let date = due.map(|d| d.to_string()).unwrap_or_default();
    let days = |n: i64, one: &str, many: &str| {
        if n == 1 {
            i18n.tf(one, &[("date", &date)])
        } else {
            i18n.tf(many, &[("n", &n.to_string()), ("date", &date)])
        }
    };
    match status {
        DueStatus::DueIn(n) => days(n, "scheme_review.due_in_one", "scheme_review.due_in"),
        DueStatus::DueToday => i18n.tf("scheme_review.due_today", &[("date", &date)]),
        DueStatus::Overdue(n) => days(n, "scheme_review.overdue_one", "scheme_review.overdue"),
        DueStatus::Off => i18n.t("scheme_review.off"),
    }
}
