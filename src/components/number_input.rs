//! A number input bound to a memo of the value it edits, and the rule that keeps an input
//! in step with that value without fighting the user's typing.

use carescore_workspace::draft::{input_text, parse_number};
use leptos::html::Input;
use leptos::prelude::*;

/// Writes `value` into the input unless the user is typing in it: typing `0.` must not be
/// rewritten to `0` under the cursor; the slider and Discard still update it.
pub fn keep_in_step(node: NodeRef<Input>, value: Memo<Option<f64>>) {
    Effect::new(move |_| {
        let text = value.get().map(input_text).unwrap_or_default();
        if let Some(input) = node.get() {
            let focused = document()
                .active_element()
                .is_some_and(|active| input.is_same_node(Some(&active)));
            if !focused && input.value() != text {
                input.set_value(&text);
            }
        }
    });
}

/// A number input bound to one draft value.
pub fn number_input(
    value: Memo<Option<f64>>,
    id: Option<String>,
    test_id: String,
    aria: impl Fn() -> String + Send + Sync + 'static,
    step: &'static str,
    on_value: impl Fn(f64) + 'static,
) -> impl IntoView {
    let node = NodeRef::<Input>::new();
    keep_in_step(node, value);
    let initial = value.get_untracked().map(input_text).unwrap_or_default();
    view! {
        <input
            type="number"
            class="num-input"
            id=id
            step=step
            inputmode="decimal"
            node_ref=node
            data-testid=test_id
            aria-label=aria
            value=initial
            on:input=move |ev| {
                if let Some(v) = parse_number(&event_target_value(&ev)) {
                    on_value(v);
                }
            }
        />
    }
}
