//! The agent card's Feedback panel: for the agent and period, survey CSAT, NPS and CES
//! (with their counts), QA score and critical failures, the 360 self and manager means,
//! and the peers only through the engine's [`PeerSummary`]: how many answered, and their
//! mean and comments only once at least k peers answered.
//!
//! [`PeerSummary`]: carescore_engine::feedback::PeerSummary

use carescore_engine::feedback::PeerComments;
use leptos::prelude::*;

use crate::i18n::{use_i18n, I18n};
use crate::router::Route;
use crate::state::use_app_state;
use carescore_workspace::display;
use carescore_workspace::feedback::Figure;

/// The Feedback panel (reactive: follows the saved feedback and the language).
#[component]
pub fn FeedbackPanel(agent: String, period: String) -> impl IntoView {
    let state = use_app_state();
    let i18n = use_i18n();
    let excluded_note = {
        let (agent, period) = (agent.clone(), period.clone());
        move || {
            // Say where a figure went: an excluded review is in none of them.
            let excluded = state
                .feedback()
                .contestable_reviews(&agent, &period)
                .iter()
                .filter(|review| review.excluded)
                .count();
            (excluded > 0).then(|| {
                view! {
                    <p class="muted small" data-testid="feedback-excluded">
                        {i18n.tf("feedback.excluded_by_appeals", &[("n", &excluded.to_string())])}
                    </p>
                }
            })
        }
    };
    let body = move || {
        let store = state.feedback();
        let figures = store.agent_feedback(&agent, &period);
        let peers = store.peer_summary(&agent, &period);
        let any = [
            figures.csat,
            figures.nps,
            figures.ces,
            figures.qa_score,
            figures.self_review,
            figures.manager_review,
        ]
        .iter()
        .any(|f| f.sample > 0)
            || peers.peers() > 0;
        if !any {
            return view! {
                <p class="muted" data-testid="feedback-none">
                    {i18n.tf("feedback.none", &[("period", &period)])} " "
                    <a href=Route::Forms.to_hash()>{i18n.t("feedback.to_forms")}</a>
                </p>
            }
            .into_any();
        }
        // Below k the peer mean is withheld like the comments: with one or two peers it
        // would be (close to) one colleague's own rating.
        let peer_mean = peers
            .overall()
            .filter(|_| peers.peers() >= peers.threshold());
        let one = |v: f64| format!("{v:.1}");
        let whole = |v: f64| format!("{v:.0}");
        let comments = match peers.comments() {
            PeerComments::Shown { comments } => view! {
                <ul class="plain-list peer-comments" data-testid="peer-comments">
                    {comments.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}
                </ul>
            }
            .into_any(),
            PeerComments::Withheld { more_peers_needed } => view! {
                <p class="muted small" data-testid="peer-comments-hidden">
                    {i18n.tf("feedback.peer_comments_hidden", &[
                        ("k", &peers.threshold().to_string()),
                        ("more", &more_peers_needed.to_string()),
                    ])}
                </p>
            }
            .into_any(),
        };
        view! {
            <dl class="feedback-figures">
                {figure(i18n, "csat", "feedback.csat", figures.csat, one, ("feedback.responses_one", "feedback.responses"))}
                {figure(i18n, "nps", "feedback.nps", figures.nps, whole, ("feedback.responses_one", "feedback.responses"))}
                {figure(i18n, "ces", "feedback.ces", figures.ces, one, ("feedback.responses_one", "feedback.responses"))}
                {figure(i18n, "qa", "feedback.qa_score", figures.qa_score, one, ("feedback.reviews_one", "feedback.reviews"))}
                <div class="feedback-figure" data-figure="qa_critical">
                    <dt>{i18n.t("feedback.qa_critical")}</dt>
                    <dd class="num">{figures.qa_critical_failures.to_string()}</dd>
                </div>
                {figure(i18n, "self", "feedback.self_review", figures.self_review, one, ("feedback.raters_one", "feedback.raters"))}
                {figure(i18n, "manager", "feedback.manager_review", figures.manager_review, one, ("feedback.raters_one", "feedback.raters"))}
                {figure(i18n, "peer", "feedback.peer_review", Figure { value: peer_mean, sample: peers.peers() }, one, ("feedback.peers_one", "feedback.peers"))}
            </dl>
            <div class="feedback-peers">
                <h3 class="forms-subtitle">{i18n.t("feedback.peer_comments")}</h3>
                {comments}
            </div>
        }
        .into_any()
    };
    view! {
        <section class="panel feedback-panel" data-testid="agent-feedback">
            <h2 class="section-title">{move || i18n.t("feedback.title")}</h2>
            {body}
            {excluded_note}
        </section>
    }
}

/// One figure: its name, its value (`—` without one) and how many answers are behind it.
fn figure(
    i18n: I18n,
    id: &'static str,
    key: &'static str,
    figure: Figure,
    show: impl Fn(f64) -> String,
    (one_key, many_key): (&'static str, &'static str),
) -> impl IntoView {
    let value = figure.value.map_or_else(|| display::score(None), show);
    let count_key = if figure.sample == 1 {
        one_key
    } else {
        many_key
    };
    view! {
        <div class="feedback-figure" data-figure=id>
            <dt>{i18n.t(key)}</dt>
            <dd>
                <span class="num feedback-value">{value}</span> " "
                <span class="muted small">{i18n.tf(count_key, &[("n", &figure.sample.to_string())])}</span>
            </dd>
        </div>
    }
}
