//! The grade badge: a grade in words plus a shape.

use carescore_engine::scorecard::Grade;
use leptos::prelude::*;

use crate::components::labels::grade_name;
use crate::i18n::use_i18n;

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
