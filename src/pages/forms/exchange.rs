//! Forms that travel as files (issue 6): the manager sends a blank form about an agent and
//! period ([`SendBlank`] on each template row), the reviewer opens it in their own copy of
//! the app and saves the answers to a file instead of their own store, and the manager
//! imports the answers ([`FormExchange`]). The format is `state::form_file`; nothing
//! leaves the browser except through the user's own downloads.

use carescore_engine::feedback::{FormKind, FormTemplate, RaterRole};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::fill::FormFill;
use crate::components::label_text;
use crate::download::save_file;
use crate::i18n::{use_i18n, I18n};
use crate::state::use_app_state;
use carescore_workspace::feedback::FeedbackStore;
use carescore_workspace::formats::form_file::{
    received_id, FileKind, FilledResponse, FormFile, FormSubject,
};

const MIME: &str = "application/json";

/// "Send blank form" on a template row: pick the agent and period, download the file.
#[component]
pub fn SendBlank(form: FormTemplate) -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let open = RwSignal::new(false);
    let agent = RwSignal::new(String::new());
    let period = RwSignal::new(untrack(|| state.period()).unwrap_or_default());
    let status = RwSignal::new(None::<String>);
    let id = form.id.clone();
    let form = StoredValue::new(form);
    let names = move || {
        state
            .workspace()
            .map(|ws| {
                let mut agents: Vec<String> =
                    ws.agents.rows.iter().map(|r| r.group.clone()).collect();
                agents.sort();
                agents.dedup();
                (agents, ws.periods.clone())
            })
            .unwrap_or_default()
    };
    let export = move |_| {
        let who = agent.get_untracked();
        if who.is_empty() {
            status.set(Some(i18n.t("exchange.need_agent")));
            return;
        }
        let template = form.get_value();
        let when = period.get_untracked();
        let subject = FormSubject {
            agent: who,
            period: (!when.is_empty()).then_some(when),
            reviewer_role: match template.kind {
                FormKind::Review360 { role } => Some(role),
                _ => None,
            },
            ..FormSubject::default()
        };
        let file = FormFile::blank(template, subject);
        let name = file.file_name();
        status.set(Some(
            match save_file(&name, MIME, file.to_json().as_bytes()) {
                Ok(()) => i18n.tf("exchange.blank_saved", &[("file", &name)]),
                Err(why) => why,
            },
        ));
    };
    let options = |values: Vec<String>, selected: RwSignal<String>| {
        values
            .into_iter()
            .map(|v| {
                let value = v.clone();
                view! { <option value=v.clone() prop:selected=move || selected.get() == value>{v.clone()}</option> }
            })
            .collect_view()
    };
    view! {
        <button type="button" class="button small-button" data-send-blank=id
            aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)>
            {move || i18n.t("exchange.send_blank")}
        </button>
        {move || open.get().then(|| view! {
            <div class="exchange-subject" data-testid="send-blank-form">
                <label class="field">
                    <span class="field-label">{move || i18n.t("common.agent")}</span>
                    <select data-testid="export-blank-agent" on:change=move |ev| agent.set(event_target_value(&ev))>
                        <option value="">{move || i18n.t("forms.pick_agent")}</option>
                        {move || options(names().0, agent)}
                    </select>
                </label>
                <label class="field">
                    <span class="field-label">{move || i18n.t("common.period")}</span>
                    <select data-testid="export-blank-period" on:change=move |ev| period.set(event_target_value(&ev))>
                        {move || options(names().1, period)}
                    </select>
                </label>
                <button type="button" class="button button-primary small-button" data-testid="export-blank" on:click=export>
                    {move || i18n.t("exchange.download_blank")}
                </button>
                <p class="status small" role="status" data-testid="export-blank-status">{move || status.get()}</p>
            </div>
        })}
    }
}

/// A file picked in an `<input type=file>`, read as text; errors name the file.
async fn read_picked(ev: web_sys::Event, i18n: I18n) -> Option<Result<(String, String), String>> {
    let input: web_sys::HtmlInputElement = event_target(&ev);
    let file = input.files().and_then(|files| files.get(0))?;
    input.set_value("");
    let name = file.name();
    let file = gloo_file::File::from(file);
    Some(match gloo_file::futures::read_as_bytes(&file).await {
        Ok(bytes) => String::from_utf8(bytes)
            .map(|text| (name.clone(), text))
            .map_err(|_| i18n.tf("review_file.not_utf8", &[("file", &name)])),
        Err(error) => Err(format!("{name}: {error}")),
    })
}

/// What a message line shows: done, or a problem.
#[derive(Clone, Debug, PartialEq)]
enum Note {
    Done(String),
    Problem(String),
}

/// "Open a received form" and "Import answers", with the received form's renderer and the
/// import preview.
#[component]
pub fn FormExchange() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_app_state();
    let received: RwSignal<Option<FormFile>> = RwSignal::new(None);
    let pending: RwSignal<Option<FormFile>> = RwSignal::new(None);
    let note: RwSignal<Option<Note>> = RwSignal::new(None);
    let problem = move |why: String| {
        note.set(Some(Note::Problem(
            i18n.tf("exchange.bad_file", &[("why", &why)]),
        )))
    };

    let on_open = move |ev: web_sys::Event| {
        spawn_local(async move {
            let Some(read) = read_picked(ev, i18n).await else {
                return;
            };
            let opened = read.and_then(|(name, text)| {
                let file = FormFile::read(&name, &text, &FeedbackStore::forms())?;
                match file.kind {
                    FileKind::Blank => Ok(file),
                    FileKind::Answers => Err(i18n.tf("exchange.not_blank", &[("file", &name)])),
                }
            });
            match opened {
                Ok(file) => {
                    note.set(None);
                    pending.set(None);
                    received.set(Some(file));
                }
                Err(why) => problem(why),
            }
        });
    };
    let on_import = move |ev: web_sys::Event| {
        spawn_local(async move {
            let Some(read) = read_picked(ev, i18n).await else {
                return;
            };
            let imported = read.and_then(|(name, text)| {
                let file = FormFile::read(&name, &text, &FeedbackStore::forms())?;
                match file.kind {
                    FileKind::Answers => Ok(file),
                    FileKind::Blank => Err(i18n.tf("exchange.not_answers", &[("file", &name)])),
                }
            });
            match imported {
                Ok(file) => {
                    note.set(None);
                    pending.set(Some(file));
                }
                Err(why) => {
                    pending.set(None);
                    problem(why);
                }
            }
        });
    };
    let apply = move |_| {
        let Some(response) = pending.get_untracked().and_then(|f| f.answers) else {
            return;
        };
        let mut store = (*state.feedback_untracked().0).clone();
        match response.add_to(&mut store) {
            Ok(()) => {
                state.set_feedback(store);
                pending.set(None);
                note.set(Some(Note::Done(i18n.t("exchange.added"))));
            }
            Err(why) => problem(why),
        }
    };
    let on_answers = Callback::new(move |mut response: FilledResponse| {
        let Some(file) = received.get_untracked() else {
            return;
        };
        response.set_id(received_id(
            response.id_prefix(),
            js_sys::Date::now() as u64,
        ));
        let out = FormFile::answers(file.template, file.subject, response);
        let name = out.file_name();
        match save_file(&name, MIME, out.to_json().as_bytes()) {
            Ok(()) => {
                received.set(None);
                note.set(Some(Note::Done(
                    i18n.tf("exchange.answers_saved", &[("file", &name)]),
                )));
            }
            Err(why) => problem(why),
        }
    });
    let renderer = move || {
        let file = received.get()?;
        Some(view! {
            <div class="exchange-received" data-testid="received-form">
                <p class="muted small">{i18n.tf("exchange.received_intro", &[("agent", &file.subject.agent)])}</p>
                <FormFill form=file.template.clone() received=file.subject.clone() on_answers=on_answers
                    on_saved=move |_: String| {} on_cancel=move |_| received.set(None)/>
            </div>
        })
    };
    view! {
        <section class="panel" data-testid="form-exchange">
            <h2 class="section-title">{move || i18n.t("exchange.title")}</h2>
            <p class="muted small">{move || i18n.t("exchange.intro")}</p>
            <div class="exchange-actions">
                <label class="button">
                    {move || i18n.t("exchange.open_form")}
                    <input type="file" class="visually-hidden" accept=".json" data-testid="open-form-file" on:change=on_open/>
                </label>
                <label class="button">
                    {move || i18n.t("exchange.import_answers")}
                    <input type="file" class="visually-hidden" accept=".json" data-testid="import-answers-file" on:change=on_import/>
                </label>
            </div>
            {move || note.get().map(|n| match n {
                Note::Done(text) => view! { <p class="status" role="status" data-testid="exchange-status">{text}</p> }.into_any(),
                Note::Problem(text) => view! { <p class="form-problem" role="alert" data-testid="exchange-error">{text}</p> }.into_any(),
            })}
            {move || pending.get().map(|file| preview(i18n, file, apply))}
            {renderer}
        </section>
    }
}

/// One line about an answers file (kind, agent, reviewer role, period) and "Add".
fn preview(
    i18n: I18n,
    file: FormFile,
    apply: impl Fn(web_sys::MouseEvent) + 'static,
) -> impl IntoView {
    let title = label_text(i18n.locale(), &file.template.title).unwrap_or_default();
    let role = match file.template.kind {
        FormKind::Review360 { role } => Some(role),
        _ => file.subject.reviewer_role,
    };
    let role = match role {
        Some(RaterRole::SelfReview) => i18n.t("exchange.role_self"),
        Some(RaterRole::Peer) => i18n.t("exchange.role_peer"),
        Some(RaterRole::Manager) => i18n.t("exchange.role_manager"),
        None => i18n.t("exchange.role_none"),
    };
    let period = file
        .subject
        .period
        .clone()
        .or_else(|| file.subject.date.map(|d| d.to_string()))
        .unwrap_or_default();
    let line = i18n.tf(
        "exchange.preview",
        &[
            ("form", &title),
            ("agent", &file.subject.agent),
            ("role", &role),
            ("period", &period),
        ],
    );
    view! {
        <div class="exchange-preview" data-testid="import-answers-preview">
            <p>{line}</p>
            <button type="button" class="button button-primary" data-testid="import-answers-apply" on:click=apply>
                {i18n.t("exchange.add")}
            </button>
        </div>
    }
}
