//! A picked file made ready for the engine: its bytes as UTF-8 (GB18030 and UTF-16 are
//! decoded by the browser's own TextDecoder, so the app carries no encoding tables).

use std::rc::Rc;
use std::sync::Arc;

use carescore_engine::ingest::{self, InputFormat, TextEncoding};

/// A file ready to be mapped and read.
#[derive(Clone)]
pub struct Source {
    pub name: String,
    pub format: InputFormat,
    /// UTF-8 text (CSV or JSON).
    pub text: Arc<[u8]>,
    /// The encoding the file was in (its WHATWG label).
    pub encoding: &'static str,
    /// The file as picked, for reading another sheet.
    pub raw: Rc<[u8]>,
}

impl Source {
    /// The format the engine reads `text` as.
    pub fn text_format(&self) -> InputFormat {
        self.format
    }
}

/// Prepares a picked file; the error names the file and what is wrong.
pub fn prepare(name: &str, raw: Rc<[u8]>) -> Result<Source, String> {
    let format = InputFormat::from_file_name(name).ok_or_else(|| {
        format!("{name}: not a file CareScore reads (use .csv, .tsv, .txt, .json or .xlsx)")
    })?;
    if format == InputFormat::Xlsx {
        // Reading workbooks would add about 220 KB (brotli) to every visit: the browser
        // build reads CSV, and the CLI (`carescore`) reads and writes XLSX.
        return Err(format!(
            "{name}: this page reads CSV and JSON; in Excel use File > Save As > CSV UTF-8 (or CSV), then import that file"
        ));
    }
    if let Some(kind) = ingest::binary_kind(&raw) {
        return Err(format!(
            "{name}: this is {kind}, not a CSV or JSON text file"
        ));
    }
    let encoding = ingest::detect_encoding(&raw);
    let text: Arc<[u8]> = match encoding {
        TextEncoding::Utf8 | TextEncoding::Utf8Bom => Arc::from(&raw[..]),
        other => decode_in_browser(name, &raw, other.label())?
            .into_bytes()
            .into(),
    };
    Ok(Source {
        name: name.to_string(),
        format,
        text,
        encoding: encoding.label(),
        raw,
    })
}

/// Decodes with the browser's TextDecoder. A replacement character means the bytes were
/// not in that encoding either: say on which line, rather than import mojibake.
fn decode_in_browser(name: &str, raw: &[u8], label: &str) -> Result<String, String> {
    let decoder = web_sys::TextDecoder::new_with_label(label)
        .map_err(|_| format!("{name}: this browser cannot decode {label}"))?;
    let text = decoder
        .decode_with_u8_array(raw)
        .map_err(|_| format!("{name}: the file is not readable as {label}"))?;
    if let Some(at) = text.find('\u{FFFD}') {
        let row = text[..at].matches('\n').count() + 1;
        return Err(format!(
            "{name}: row {row}: the file is not text in UTF-8, UTF-16 or GB18030 (GBK); save it as CSV UTF-8 and try again"
        ));
    }
    Ok(text)
}
