//! The preview of a review file's merge: per part of the work, what the file adds, what is
//! identical and what conflicts; each conflict's differing fields side by side (this
//! workspace, the file) with a choice per item, and "take all of theirs / keep all of mine".

use carescore_workspace::display;
use carescore_workspace::formats::review_file::merge::{Conflict, FieldDiff, Section};
use carescore_workspace::formats::review_file::{Choice, Choices, MergePreview};
use leptos::prelude::*;

use crate::i18n::{use_i18n, I18n};

/// Conflicts listed one by one; past this, the choice for all of them applies to the rest.
const CONFLICTS_LISTED: usize = 100;

/// The name of a part of the work, in the reader's language.
fn section_name(i18n: I18n, section: Section) -> String {
    i18n.t(&format!("review_file.section_{}", section.token()))
}

/// The table of parts: new, unchanged and conflicting items of each the file speaks about.
fn sections_table(i18n: I18n, preview: &MergePreview) -> impl IntoView {
    let rows = Section::ALL
        .into_iter()
        .filter(|section| preview.speaks_about(*section))
        .map(|section| {
            let part = preview.section(section);
            view! {
                <tr data-section=section.token()>
                    <th scope="row">{section_name(i18n, section)}</th>
                    <td class="num">{display::count(part.added.len() as u64)}</td>
                    <td class="num">{display::count(part.unchanged as u64)}</td>
                    <td class="num">{display::count(part.conflicts.len() as u64)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data-table compact" data-testid="merge-sections">
            <thead>
                <tr>
                    <th scope="col">{i18n.t("review_file.part")}</th>
                    <th scope="col" class="num">{i18n.t("review_file.added")}</th>
                    <th scope="col" class="num">{i18n.t("review_file.unchanged")}</th>
                    <th scope="col" class="num">{i18n.t("review_file.conflicts")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// One differing field: its name, this workspace's value, the file's.
fn field_row(i18n: I18n, diff: &FieldDiff) -> impl IntoView {
    let none = i18n.t("review_file.no_value");
    let mine = diff.mine.clone().unwrap_or_else(|| none.clone());
    let theirs = diff.theirs.clone().unwrap_or(none);
    view! {
        <tr>
            <th scope="row"><code>{diff.field.clone()}</code></th>
            <td>{mine}</td>
            <td>{theirs}</td>
        </tr>
    }
}

/// One conflicting item with its differing fields and the choice of side.
fn conflict_item(i18n: I18n, conflict: &Conflict, choices: RwSignal<Choices>) -> impl IntoView {
    let section = conflict.section;
    let id = conflict.id.clone();
    let group = format!("merge-{}-{}", section.token(), conflict.id);
    let chosen = {
        let id = id.clone();
        move |choice: Choice| choices.with(|c| c.choice_for(section, &id) == choice)
    };
    let choose = {
        let id = id.clone();
        move |choice: Choice| {
            choices.update(|c| {
                c.set(section, id.clone(), choice);
            })
        }
    };
    let (chosen_ours, chosen_theirs) = (chosen.clone(), chosen);
    let (choose_ours, choose_theirs) = (choose.clone(), choose);
    let fields = conflict
        .fields
        .iter()
        .map(|diff| field_row(i18n, diff))
        .collect_view();
    view! {
        <li class="conflict" data-testid="merge-conflict" data-section=section.token()>
            <p class="conflict-title">
                {section_name(i18n, section)}": "<code>{id}</code>
            </p>
            <table class="data-table compact conflict-fields">
                <thead>
                    <tr>
                        <th scope="col">{i18n.t("review_file.field")}</th>
                        <th scope="col">{i18n.t("review_file.mine")}</th>
                        <th scope="col">{i18n.t("review_file.theirs")}</th>
                    </tr>
                </thead>
                <tbody>{fields}</tbody>
            </table>
            <fieldset class="conflict-choice">
                <legend class="visually-hidden">{i18n.t("review_file.which")}</legend>
                <label>
                    <input type="radio" name=group.clone() data-testid="merge-keep-mine"
                        prop:checked=move || chosen_ours(Choice::KeepOurs)
                        on:change=move |_| choose_ours(Choice::KeepOurs) />
                    {i18n.t("review_file.keep_mine")}
                </label>
                <label>
                    <input type="radio" name=group data-testid="merge-take-theirs"
                        prop:checked=move || chosen_theirs(Choice::TakeTheirs)
                        on:change=move |_| choose_theirs(Choice::TakeTheirs) />
                    {i18n.t("review_file.take_theirs")}
                </label>
            </fieldset>
        </li>
    }
}

/// What merging a review file would do, with the choices it needs.
#[component]
pub fn MergePreviewView(
    preview: MergePreview,
    /// Records in the workspace now, to say how many the demo loses.
    current_records: usize,
    choices: RwSignal<Choices>,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = preview.conflicts().count();
    let replaces = preview.replaces_demo.then(|| {
        let theirs = preview.section(Section::Records).added.len() as u64;
        view! {
            <p class="notice" role="status" data-testid="merge-replaces-demo">
                {i18n.tf("review_file.replaces_demo", &[
                    ("demo", &display::count(current_records as u64)),
                    ("records", &display::count(theirs)),
                ])}
            </p>
        }
    });
    let nothing = preview
        .changes_nothing()
        .then(|| view! { <p class="muted" data-testid="merge-nothing">{i18n.t("review_file.nothing_new")}</p> });
    let listed = preview
        .conflicts()
        .take(CONFLICTS_LISTED)
        .map(|conflict| conflict_item(i18n, conflict, choices))
        .collect_view();
    let more = (total > CONFLICTS_LISTED).then(|| {
        view! {
            <p class="muted">
                {i18n.tf("review_file.more_conflicts", &[("n", &display::count((total - CONFLICTS_LISTED) as u64))])}
            </p>
        }
    });
    let all = (total > 0).then(|| {
        view! {
            <div class="button-row">
                <button type="button" class="button" data-testid="merge-take-all-theirs"
                    on:click=move |_| choices.set(Choices::all(Choice::TakeTheirs))>
                    {i18n.t("review_file.take_all_theirs")}
                </button>
                <button type="button" class="button" data-testid="merge-keep-all-mine"
                    on:click=move |_| choices.set(Choices::all(Choice::KeepOurs))>
                    {i18n.t("review_file.keep_all_mine")}
                </button>
            </div>
        }
    });
    view! {
        <div class="merge-preview" data-testid="merge-preview">
            {replaces}
            {nothing}
            {sections_table(i18n, &preview)}
            {all}
            <ul class="conflicts">{listed}</ul>
            {more}
        </div>
    }
}
