//! Shown for a hash that names no page (a stale bookmark, a typo).

use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::router::Route;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page" data-testid="page-not-found">
            <h1 tabindex="-1">{move || i18n.t("not_found.title")}</h1>
            <p>{move || i18n.t("not_found.body")}</p>
            <p>
                <a href=Route::Dashboard.to_hash()>{move || i18n.t("not_found.back")}</a>
            </p>
        </section>
    }
}
