//! One item of a form and the input its kind takes: a row of scale buttons, free text, a
//! choice, or a QA line's points.

use std::collections::BTreeMap;

use carescore_engine::feedback::form::ChoiceOption;
use carescore_engine::feedback::response::NOT_APPLICABLE;
use carescore_engine::feedback::{Item, ItemInput};
use leptos::prelude::*;

use super::Problems;
use crate::components::label_text;
use crate::i18n::I18n;

/// One item: its label, the input its kind takes, and its problems.
pub(super) fn item_view(
    i18n: I18n,
    item: Item,
    raw: RwSignal<BTreeMap<String, String>>,
    problems: Problems,
) -> impl IntoView {
    let id = item.id.clone();
    let label = item.label.clone();
    let required = item.required;
    let value = {
        let id = id.clone();
        move || raw.with(|r| r.get(&id).cloned().unwrap_or_default())
    };
    let set = {
        let id = id.clone();
        move |text: String| {
            raw.update(|r| {
                r.insert(id.clone(), text);
            })
        }
    };
    // The item's label names its input (one form is open at a time, so ids are unique).
    let label_id = format!("form-item-label-{id}");
    let input = match item.input.clone() {
        ItemInput::Csat | ItemInput::Nps | ItemInput::Effort | ItemInput::Rating { .. } => {
            let (min, max) = item.input.range().unwrap_or((1.0, 5.0));
            scale(min as i32, max as i32, &label_id, value, set).into_any()
        }
        ItemInput::FreeText => view! {
            <textarea data-input="text" aria-labelledby=label_id.clone() prop:value=value
                on:input=move |ev| set(event_target_value(&ev))></textarea>
        }
        .into_any(),
        ItemInput::SingleChoice { options } => {
            choice(i18n, options, &label_id, value, set).into_any()
        }
        ItemInput::QaCheck {
            points,
            critical,
            allow_na,
        } => qa_check(
            i18n,
            QaLine {
                points,
                critical,
                allow_na,
                label_id: label_id.clone(),
            },
            value,
            set,
        )
        .into_any(),
    };
    let invalid = problems.has(id.clone());
    let slot = id.clone();
    view! {
        <div class="form-item" data-item=id.clone() class:invalid=invalid>
            <div class="form-item-label" id=label_id>
                {move || label_text(i18n.locale(), &label).unwrap_or_default()}
                {required.then(|| view! { <span class="form-required" title=move || i18n.t("forms.required_mark")>"*"</span> })}
            </div>
            {input}
            {problems.view(i18n, slot)}
        </div>
    }
}

/// Whole numbers from `min` to `max` as a row of buttons; the picked one is pressed.
fn scale(
    min: i32,
    max: i32,
    label_id: &str,
    value: impl Fn() -> String + Clone + Send + Sync + 'static,
    set: impl Fn(String) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <div class="scale" role="group" aria-labelledby=label_id.to_string()>
            {(min..=max).map(|n| {
                let text = n.to_string();
                let pressed = {
                    let value = value.clone();
                    let text = text.clone();
                    move || value() == text
                };
                let set = set.clone();
                let picked = text.clone();
                view! {
                    <button type="button" class="scale-option" data-value=text.clone()
                        class:selected=pressed.clone() aria-pressed=move || pressed().to_string()
                        on:click=move |_| set(picked.clone())>
                        {text.clone()}
                    </button>
                }
            }).collect_view()}
        </div>
    }
}

/// The options of a single-choice item, with "no answer" first.
fn choice(
    i18n: I18n,
    options: Vec<ChoiceOption>,
    label_id: &str,
    value: impl Fn() -> String + Clone + Send + Sync + 'static,
    set: impl Fn(String) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <select data-input="choice" aria-labelledby=label_id.to_string() on:change=move |ev| set(event_target_value(&ev))>
            <option value="">{move || i18n.t("forms.no_answer")}</option>
            {options.into_iter().map(|option| {
                let value = value.clone();
                let id = option.id.clone();
                let fallback = option.id.clone();
                let label = option.label.clone();
                view! {
                    <option value=option.id prop:selected=move || value() == id>
                        {move || label_text(i18n.locale(), &label).unwrap_or_else(|| fallback.clone())}
                    </option>
                }
            }).collect_view()}
        </select>
    }
}

/// What a QA line's input needs: its full points, whether it is critical or may be "n/a",
/// and the id of the item's label.
struct QaLine {
    points: u32,
    critical: bool,
    allow_na: bool,
    label_id: String,
}

/// A QA line: points earned out of `points`, "n/a" where allowed, and a mark on critical
/// lines (less than full points fails the QA review). The points input is named by the
/// item's label and "of N points".
fn qa_check(
    i18n: I18n,
    line: QaLine,
    value: impl Fn() -> String + Clone + Send + Sync + 'static,
    set: impl Fn(String) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let is_na = {
        let value = value.clone();
        move || value().eq_ignore_ascii_case(NOT_APPLICABLE)
    };
    let shown = {
        let value = value.clone();
        let is_na = is_na.clone();
        move || if is_na() { String::new() } else { value() }
    };
    let QaLine {
        points,
        critical,
        allow_na,
        label_id,
    } = line;
    let of_id = format!("{label_id}-of");
    let set_points = set.clone();
    view! {
        <div class="qa-check">
            <input type="number" class="qa-points" data-input="points" min="0" max=points.to_string() step="0.5"
                aria-labelledby=format!("{label_id} {of_id}")
                prop:value=shown prop:disabled=is_na.clone()
                on:input=move |ev| set_points(event_target_value(&ev))/>
            <span class="muted" id=of_id>{move || i18n.tf("forms.of_points", &[("points", &points.to_string())])}</span>
            {allow_na.then(|| {
                let is_na = is_na.clone();
                view! {
                    <label class="qa-na">
                        <input type="checkbox" data-input="na" prop:checked=is_na
                            on:change=move |ev| set(if event_target_checked(&ev) { NOT_APPLICABLE.to_string() } else { String::new() })/>
                        {move || i18n.t("forms.not_applicable")}
                    </label>
                }
            })}
            {critical.then(|| view! {
                <span class="badge badge-critical" title=move || i18n.t("forms.critical_help")>{move || i18n.t("forms.critical")}</span>
            })}
        </div>
    }
}
