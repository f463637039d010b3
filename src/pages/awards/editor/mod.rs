//! The form that edits one award rule: every valid change is saved at once, an invalid one
//! shows its problem and is not saved.

mod fields;

use carescore_engine::awards::{AwardRule, RankedBy};
use carescore_engine::scorecard::Scorecard;
use leptos::prelude::*;

use crate::i18n::I18n;
use crate::state::AppState;

use super::card_for;
use fields::{eligibility_fields, name_fields, ranking_fields, selection_fields};

/// A problem with one field of the form: a locale key, or the engine's own message.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Problem {
    Key(&'static str),
    Engine(String),
}

/// What every field of one award's form needs: the state, which award, its problems.
#[derive(Clone, Copy)]
pub(super) struct FormCtx {
    state: AppState,
    id: StoredValue<String>,
    problems: RwSignal<Vec<(&'static str, Problem)>>,
}

impl FormCtx {
    fn set_problem(self, field: &'static str, problem: Option<Problem>) {
        self.problems.update(|list| {
            list.retain(|(f, _)| *f != field);
            if let Some(p) = problem {
                list.push((field, p));
            }
        });
    }

    /// Applies an edit to the saved award if the result is valid for the card in force;
    /// otherwise shows why and saves nothing.
    fn apply(self, field: &'static str, edit: impl FnOnce(&mut AwardRule)) {
        let id = self.id.get_value();
        let mut awards = self.state.awards_untracked();
        let Some(rule) = awards.iter_mut().find(|a| a.id == id) else {
            return;
        };
        edit(rule);
        let period = untrack(|| self.state.period());
        let card = card_for(&self.state.history_untracked(), period.as_deref());
        match rule.validate_for(&card) {
            Ok(()) => {
                self.set_problem(field, None);
                self.state.set_awards(awards);
            }
            Err(why) => self.set_problem(field, Some(Problem::Engine(why))),
        }
    }

    /// Applies a parsed number, or shows `key` when the text is not one.
    fn apply_number<T>(
        self,
        field: &'static str,
        key: &'static str,
        parsed: Option<T>,
        edit: impl FnOnce(&mut AwardRule, T),
    ) {
        match parsed {
            Some(v) => self.apply(field, |rule| edit(rule, v)),
            None => self.set_problem(field, Some(Problem::Key(key))),
        }
    }

    /// An id for `<label for>`: unique per award on the page.
    fn field_id(self, name: &str) -> String {
        format!("award-{}-{name}", self.id.get_value())
    }

    fn invalid(self, field: &'static str) -> impl Fn() -> Option<&'static str> + Copy {
        let problems = self.problems;
        move || {
            problems
                .with(|list| list.iter().any(|(f, _)| *f == field))
                .then_some("true")
        }
    }
}

/// A whole number of at least `min`.
pub(super) fn parse_count(text: &str, min: u32) -> Option<u32> {
    text.trim().parse::<u32>().ok().filter(|n| *n >= min)
}

pub(super) fn ranked_by_value(by: &RankedBy) -> String {
    match by {
        RankedBy::Total => "total".to_string(),
        RankedBy::Change => "change".to_string(),
        RankedBy::Dimension(id) => format!("dimension:{id}"),
        RankedBy::Metric(id) => format!("metric:{id}"),
    }
}

pub(super) fn ranked_by_from(value: &str) -> Option<RankedBy> {
    match value.split_once(':') {
        Some(("dimension", id)) => Some(RankedBy::Dimension(id.to_string())),
        Some(("metric", id)) => Some(RankedBy::Metric(id.to_string())),
        _ => match value {
            "total" => Some(RankedBy::Total),
            "change" => Some(RankedBy::Change),
            _ => None,
        },
    }
}

/// The fold-out form of one award: name, ranking, selection, eligibility, its problems and
/// the remove button.
pub(super) fn award_editor(
    i18n: I18n,
    state: AppState,
    id: String,
    initial: AwardRule,
    card: Memo<Scorecard>,
) -> impl IntoView {
    let ctx = FormCtx {
        state,
        id: StoredValue::new(id),
        problems: RwSignal::new(Vec::new()),
    };
    let problems = move || {
        ctx.problems
            .get()
            .into_iter()
            .map(|(_, problem)| {
                let text = match problem {
                    Problem::Key(key) => i18n.t(key),
                    Problem::Engine(why) => i18n.tf("awards.invalid", &[("why", &why)]),
                };
                view! { <li>{text}</li> }
            })
            .collect_view()
    };
    let remove = move |_| {
        let id = ctx.id.get_value();
        let mut awards = ctx.state.awards_untracked();
        awards.retain(|a| a.id != id);
        ctx.state.set_awards(awards);
    };

    view! {
        <details class="award-edit" data-testid="award-edit">
            <summary>{move || i18n.t("awards.edit")}</summary>
            <div class="award-form">
                {name_fields(i18n, ctx, &initial)}
                {ranking_fields(i18n, ctx, card, initial.scope)}
                {selection_fields(i18n, ctx, &initial.selection)}
                {eligibility_fields(i18n, ctx, &initial.eligibility)}
                <ul class="field-error award-errors" role="alert" data-testid="award-error">
                    {problems}
                </ul>
                <div class="button-row">
                    <button type="button" class="button button-danger" data-testid="award-remove" on:click=remove>
                        {move || i18n.t("awards.remove")}
                    </button>
                </div>
            </div>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranked_by_values_round_trip() {
        for by in [
            RankedBy::Total,
            RankedBy::Change,
            RankedBy::Dimension("efficiency".into()),
            RankedBy::Metric("csat_mean".into()),
        ] {
            assert_eq!(ranked_by_from(&ranked_by_value(&by)), Some(by));
        }
        assert_eq!(ranked_by_from("nonsense"), None);
    }

    #[test]
    fn counts_must_be_whole_and_reach_the_minimum() {
        assert_eq!(parse_count(" 3 ", 1), Some(3));
        assert_eq!(parse_count("0", 1), None);
        assert_eq!(parse_count("0", 0), Some(0));
        assert_eq!(parse_count("2.5", 1), None);
        assert_eq!(parse_count("-1", 0), None);
    }
}
