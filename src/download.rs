//! Saving a file the app made (exports, reports) to the user's downloads: a Blob behind an
//! object URL (gloo-file), clicked through a temporary `<a download>`. Nothing leaves the
//! browser.

use gloo_file::{Blob, ObjectUrl};
use wasm_bindgen::JsCast;

/// Offers `bytes` as a download named `file_name`. Returns a message when the browser
/// refuses (no document, a sandbox without downloads).
pub fn save_file(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let blob = Blob::new_with_options(bytes, Some(mime));
    let url = ObjectUrl::from(blob);
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "cannot create a link")?
        .dyn_into()
        .map_err(|_| "not a link")?;
    link.set_href(&url);
    link.set_download(file_name);
    link.set_attribute("hidden", "").ok();
    let body = document.body().ok_or("no body")?;
    body.append_child(&link)
        .map_err(|_| "cannot add the link")?;
    link.click();
    link.remove();
    // Revoking at once can cancel the download in some browsers: keep the URL alive for
    // the page's life instead (a few per session at most).
    std::mem::forget(url);
    Ok(())
}

/// Today's date in the browser's time zone, for file names.
pub fn today() -> chrono::NaiveDate {
    let now = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}
