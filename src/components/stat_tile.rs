//! A labelled figure of a page's headline.

use leptos::prelude::*;

use crate::i18n::use_i18n;

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
