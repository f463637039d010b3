//! Forms: customer surveys, QA reviews and 360 reviews. They arrive in a later release;
//! until then the page says what it will hold and how the scorecard already reserves room.

use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::router::Route;

#[component]
pub fn FormsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page page-forms" data-testid="page-forms">
            <header class="page-header">
                <h1>{move || i18n.t("forms.title")}</h1>
            </header>
            <div class="empty-state">
                <h2>{move || i18n.t("forms.coming")}</h2>
                <ul class="plain-list">
                    <li>{move || i18n.t("forms.surveys")}</li>
                    <li>{move || i18n.t("forms.qa")}</li>
                    <li>{move || i18n.t("forms.reviews_360")}</li>
                </ul>
                <p class="muted">{move || i18n.t("forms.meanwhile")}</p>
                <a class="button" href=Route::Scorecard.to_hash()>{move || i18n.t("forms.to_scorecard")}</a>
            </div>
        </section>
    }
}
