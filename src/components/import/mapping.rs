//! The mapping step: which column holds which field, suggested from the headers (Chinese
//! or English), editable, and previewed on the first rows exactly as the import will read
//! them; the date-time format and the file's own missing-value markers (`?`, 未知) go with
//! the mapping and are saved with it.

use std::collections::BTreeMap;

use carescore_engine::field::Field;
use carescore_engine::ingest::{ColumnSpec, Mapping, Preview};
use leptos::prelude::*;

use crate::i18n::{use_i18n, I18n};

/// Editable mapping of a file with `headers`; `draft` holds the mapping being edited and
/// `preview` the data worker's reading of the first rows with it.
#[component]
pub fn MappingEditor(
    headers: Vec<String>,
    draft: RwSignal<Mapping>,
    preview: RwSignal<Option<Result<Preview, String>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = Field::MAPPABLE
        .into_iter()
        .map(|field| field_row(i18n, field, &headers, draft))
        .collect_view();
    let format_input = move |ev| {
        let value = event_target_value(&ev);
        draft.update(|m| {
            m.datetime_format = (!value.trim().is_empty()).then(|| value.trim().to_string());
        });
    };
    let missing_input = move |ev| {
        let typed = markers(&event_target_value(&ev));
        draft.update(|m| m.missing = typed);
    };
    view! {
        <div class="mapping-editor" data-testid="mapping-editor">
            <table class="data-table compact">
                <thead>
                    <tr>
                        <th>{move || i18n.t("import.field")}</th>
                        <th>{move || i18n.t("import.column")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <label class="field">
                <span class="field-label">{move || i18n.t("import.datetime_format")}</span>
                <input
                    type="text"
                    data-testid="mapping-datetime-format"
                    placeholder="%Y-%m-%d %H:%M:%S"
                    prop:value=move || draft.with(|m| m.datetime_format.clone().unwrap_or_default())
                    on:change=format_input
                />
                <span class="help">{move || i18n.t("import.datetime_format_help")}</span>
            </label>
            <label class="field">
                <span class="field-label">{move || i18n.t("import.missing_markers")}</span>
                <input
                    type="text"
                    data-testid="mapping-missing"
                    prop:value=move || draft.with(|m| m.missing.join(", "))
                    on:change=missing_input
                />
                <span class="help">{move || i18n.t("import.missing_markers_help")}</span>
            </label>
            <h3 class="section-title">{move || i18n.t("import.preview")}</h3>
            <PreviewTable preview draft />
        </div>
    }
}

/// Markers typed as a list separated by commas (ASCII or the full-width `，` a Chinese
/// keyboard gives), trimmed, without blanks or repeats.
fn markers(typed: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for marker in typed.split([',', '，']).map(str::trim) {
        if !marker.is_empty() && !out.iter().any(|m| m == marker) {
            out.push(marker.to_string());
        }
    }
    out
}

fn field_row(
    i18n: I18n,
    field: Field,
    headers: &[String],
    draft: RwSignal<Mapping>,
) -> impl IntoView {
    let headers_for_first = headers.to_vec();
    let first = move || {
        draft.with(|m| {
            m.columns
                .get(&field)
                .and_then(|spec| spec.headers().first().cloned())
                .unwrap_or_default()
        })
    };
    let second = move || {
        draft.with(|m| {
            m.columns
                .get(&field)
                .and_then(|spec| spec.headers().get(1).cloned())
                .unwrap_or_default()
        })
    };
    let set = move |index: usize, header: String| {
        draft.update(|m| {
            let mut parts: Vec<String> = m
                .columns
                .get(&field)
                .map(|spec| spec.headers().to_vec())
                .unwrap_or_default();
            parts.resize(2, String::new());
            parts[index] = header;
            if index == 0 && parts[0].is_empty() {
                parts[1].clear();
            }
            parts.retain(|p| !p.is_empty());
            match parts.len() {
                0 => {
                    m.columns.remove(&field);
                }
                1 => {
                    m.columns.insert(field, ColumnSpec::Header(parts.remove(0)));
                }
                _ => {
                    m.columns.insert(field, ColumnSpec::Joined(parts));
                }
            }
        });
    };
    let required = matches!(field, Field::Agent | Field::OpenedAt);
    // Dates split over a date column and a time column are common (the PwC file).
    let joinable = matches!(
        field,
        Field::OpenedAt | Field::ResolvedAt | Field::FirstResponseAt
    );
    let headers_for_second = headers.to_vec();
    view! {
        <tr data-field=field.name()>
            <th scope="row">
                {move || i18n.t(&format!("field.{}", field.name()))}
                {required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
                <code class="muted field-code">{field.name()}</code>
            </th>
            <td>
                <HeaderSelect
                    headers=headers_for_first
                    selected=Signal::derive(first)
                    label=Signal::derive(move || i18n.t(&format!("field.{}", field.name())))
                    test_id=format!("map-{}", field.name())
                    on_pick=Callback::new(move |header| set(0, header))
                />
                {joinable.then(|| view! {
                    <span class="join-plus">" + "</span>
                    <HeaderSelect
                        headers=headers_for_second.clone()
                        selected=Signal::derive(second)
                        label=Signal::derive(move || i18n.t("import.time_column"))
                        test_id=format!("map-{}-time", field.name())
                        on_pick=Callback::new(move |header| set(1, header))
                    />
                })}
            </td>
        </tr>
    }
}

#[component]
fn HeaderSelect(
    headers: Vec<String>,
    selected: Signal<String>,
    label: Signal<String>,
    test_id: String,
    on_pick: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let options = headers
        .into_iter()
        .map(|header| {
            let value = header.clone();
            let is_selected = move || selected.get() == value;
            view! { <option value=header.clone() prop:selected=is_selected>{header.clone()}</option> }
        })
        .collect_view();
    view! {
        <select
            data-testid=test_id
            aria-label=move || label.get()
            on:change=move |ev| on_pick.run(event_target_value(&ev))
        >
            <option value="" prop:selected=move || selected.get().is_empty()>
                {move || i18n.t("import.not_mapped")}
            </option>
            {options}
        </select>
    }
}

/// The first rows as the engine reads them with the draft mapping; rejected rows show
/// their reason, and a mapping problem shows instead of the table.
#[component]
fn PreviewTable(
    preview: RwSignal<Option<Result<Preview, String>>>,
    draft: RwSignal<Mapping>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || match preview.get() {
        None => {
            view! { <p class="muted" role="status">{i18n.t("import.previewing")}</p> }.into_any()
        }
        Some(Err(message)) => view! {
            <p class="notice notice-error" role="alert" data-testid="mapping-error">{message}</p>
        }
        .into_any(),
        Some(Ok(preview)) => {
            let fields: Vec<Field> = Field::MAPPABLE
                .into_iter()
                .filter(|f| draft.with_untracked(|m| m.columns.contains_key(f)))
                .collect();
            let head = fields
                .iter()
                .map(|f| view! { <th>{i18n.t(&format!("field.{}", f.name()))}</th> })
                .collect_view();
            let body = preview
                .parsed
                .into_iter()
                .map(|row| {
                    let values: BTreeMap<Field, String> = row.values.into_iter().collect();
                    let rejected = row.rejected.map(|r| format!("{}: {}", r.field, r.reason));
                    let cells = fields
                        .iter()
                        .map(|f| view! { <td>{values.get(f).cloned().unwrap_or_default()}</td> })
                        .collect_view();
                    let class = if rejected.is_some() {
                        "row-rejected"
                    } else {
                        ""
                    };
                    view! {
                        <tr class=class>
                            <td class="num">{row.row}</td>
                            {cells}
                            <td class="muted">{rejected.unwrap_or_default()}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <div class="table-scroll">
                    <table class="data-table compact" data-testid="mapping-preview">
                        <thead>
                            <tr>
                                <th class="num">{i18n.t("data.row")}</th>
                                {head}
                                <th>{i18n.t("import.problem")}</th>
                            </tr>
                        </thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
            }
            .into_any()
        }
    }
}
