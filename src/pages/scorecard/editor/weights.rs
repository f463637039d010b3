//! A weight's controls (number, slider, the share it really counts for) and the sentence
//! under a set of weights.

use carescore_workspace::display;
use carescore_workspace::draft::{input_text, parse_number, WeightSum};
use leptos::html::Input;
use leptos::prelude::*;

use super::plain;
use crate::components::number_input::{keep_in_step, number_input};
use crate::i18n::I18n;

/// One weight of the form: its value, the share it really counts for, the slider's top
/// end, the test id of its number input and the text key of the share.
pub(super) struct WeightField {
    pub(super) weight: Memo<Option<f64>>,
    pub(super) share: Memo<f64>,
    pub(super) slider_max: f64,
    pub(super) test_id: String,
    pub(super) share_key: &'static str,
}

/// A weight: number input, range slider and the share it really counts for.
pub(super) fn weight_control(
    i18n: I18n,
    field: WeightField,
    name: impl Fn() -> String + Clone + Send + Sync + 'static,
    on_value: impl Fn(f64) + Clone + 'static,
) -> impl IntoView {
    let WeightField {
        weight,
        share,
        slider_max,
        test_id,
        share_key,
    } = field;
    let slider = NodeRef::<Input>::new();
    keep_in_step(slider, weight);
    let step = if slider_max <= 1.0 { "0.01" } else { "1" };
    let on_slider = on_value.clone();
    let slider_name = name.clone();
    view! {
        <div class="weight-control">
            {number_input(
                weight,
                None,
                test_id.clone(),
                move || i18n.tf("editor.weight_of", &[("name", &name())]),
                "any",
                on_value,
            )}
            <input
                type="range"
                class="weight-slider"
                min="0"
                max=slider_max.to_string()
                step=step
                node_ref=slider
                data-testid=format!("{test_id}-slider")
                aria-label=move || i18n.tf("editor.weight_slider_of", &[("name", &slider_name())])
                value=weight.get_untracked().map(input_text).unwrap_or_default()
                on:input=move |ev| {
                    if let Some(v) = parse_number(&event_target_value(&ev)) {
                        on_slider(v);
                    }
                }
            />
            <span class="weight-share num" data-testid=format!("{test_id}-share")>
                {move || i18n.tf(share_key, &[("share", &display::weight_percent(share.get()))])}
            </span>
        </div>
    }
}

/// The upper end of a weight slider: 100 for percentage-like weights, 1 for weights
/// written as fractions, the sum when weights are larger.
pub(super) fn slider_max(sum: f64) -> f64 {
    if sum > 0.0 && sum <= 1.0 + 1e-9 {
        1.0
    } else {
        sum.max(100.0).ceil()
    }
}

/// The sentence under a set of weights: fine at 100, else what the engine does instead.
fn weight_sum_text(i18n: I18n, sum: WeightSum, level: &str) -> (String, bool) {
    let total = plain(sum.sum);
    if sum.adds_to_100() {
        (i18n.t(&format!("editor.{level}_sum_ok")), true)
    } else if sum.is_zero() {
        (i18n.t(&format!("editor.{level}_sum_zero")), false)
    } else {
        (
            i18n.tf(&format!("editor.{level}_sum_off"), &[("sum", &total)]),
            false,
        )
    }
}

pub(super) fn weight_sum_line(
    i18n: I18n,
    sum: Memo<WeightSum>,
    level: &'static str,
    test_id: String,
) -> impl IntoView {
    move || {
        let (text, ok) = weight_sum_text(i18n, sum.get(), level);
        view! {
            <p class="weight-sum" class:weight-sum-off=!ok data-testid=test_id.clone() data-ok=ok.to_string()>
                <span class="weight-sum-mark" aria-hidden="true">{if ok { "✓" } else { "⚠" }}</span>
                " " {text}
            </p>
        }
    }
}
