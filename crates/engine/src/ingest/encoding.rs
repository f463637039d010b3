//! Which text encoding a records file is in, and (native builds, feature `encodings`) turning
//! it into UTF-8 for the readers.
//!
//! Chinese Excel saves "CSV" as GBK (which GB18030 extends), and some exports are UTF-16.
//! [`detect_encoding`] is cheap and always compiled: the browser asks it for a WHATWG label
//! ([`TextEncoding::label`]) and decodes with its own `TextDecoder`, so the wasm build never
//! carries encoding_rs' tables. The CLI decodes with [`decode_to_utf8`].

#[cfg(feature = "encodings")]
use super::IngestError;

/// The encodings the readers accept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextEncoding {
    Utf8,
    /// UTF-8 starting with the byte order mark EF BB BF.
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// GB18030, a superset of GBK/GB2312: what Chinese Excel writes as "GBK".
    Gb18030,
}

impl TextEncoding {
    /// The WHATWG encoding label, for the browser's `TextDecoder`.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 | TextEncoding::Utf8Bom => "utf-8",
            TextEncoding::Utf16Le => "utf-16le",
            TextEncoding::Utf16Be => "utf-16be",
            TextEncoding::Gb18030 => "gb18030",
        }
    }

    /// Whether the readers can take the bytes as they are.
    pub fn is_utf8(self) -> bool {
        matches!(self, TextEncoding::Utf8 | TextEncoding::Utf8Bom)
    }
}

/// The encodings named to users when a file is in none of them.
pub const SUPPORTED_ENCODINGS: &str = "UTF-8, UTF-16 and GB18030/GBK";

/// Bytes of the start of a file looked at for UTF-16 without a byte order mark.
const UTF16_SAMPLE: usize = 4096;

/// The encoding of `bytes`: a byte order mark decides first; then UTF-16 without a mark
/// (text where every other byte is NUL: ASCII headers in UTF-16); then valid UTF-8; else
/// GB18030 (whose decoding may still fail: see [`decode_to_utf8`]).
pub fn detect_encoding(bytes: &[u8]) -> TextEncoding {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return TextEncoding::Utf8Bom;
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return TextEncoding::Utf16Le;
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return TextEncoding::Utf16Be;
    }
    if let Some(utf16) = utf16_without_bom(bytes) {
        return utf16;
    }
    if std::str::from_utf8(bytes).is_ok() || mostly_utf8(bytes) {
        TextEncoding::Utf8
    } else {
        TextEncoding::Gb18030
    }
}

/// UTF-8 text with a few stray bytes (a Latin-1 `é` pasted in): valid multi-byte characters
/// outnumber the invalid sequences four to one. GBK text is almost never valid UTF-8, so it
/// stays GB18030. Taken as UTF-8, the readers reject just the rows with the stray bytes,
/// naming row and column, instead of the whole file decoding as GB18030 mojibake or failing
/// at the first Chinese character.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    invalid > 0 && multibyte >= invalid * 4
}

/// UTF-16 with no byte order mark: a header line of ASCII names puts a NUL in every other
/// byte, which no real CSV in UTF-8 or GB18030 does. Demands NULs on at least 40% of one
/// parity and almost none on the other, so a few stray NUL bytes are not mistaken for it.
fn utf16_without_bom(bytes: &[u8]) -> Option<TextEncoding> {
    let sample = &bytes[..bytes.len().min(UTF16_SAMPLE) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    let many = |count: usize| count * 10 >= pairs * 4;
    let few = |count: usize| count * 50 <= pairs;
    if many(odd) && few(even) {
        Some(TextEncoding::Utf16Le)
    } else if many(even) && few(odd) {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    }
}

/// What a file is when it is plainly not text: a known binary signature (an image, an
/// Excel workbook, a PDF, an archive), or NUL bytes in more than a tenth of its start
/// (and not UTF-16). `None` for anything that may be text.
pub fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: [(&[u8], &str); 7] = [
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"%PDF", "a PDF document"),
        (
            b"PK\x03\x04",
            "an Excel .xlsx workbook or another ZIP archive",
        ),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "an old Excel .xls workbook",
        ),
        (b"\x1F\x8B", "a gzip archive"),
    ];
    // UTF-32's marks begin with UTF-16LE's: checked first, and refused by name.
    if bytes.starts_with(b"\xFF\xFE\0\0") || bytes.starts_with(b"\0\0\xFE\xFF") {
        return Some("UTF-32 text, an encoding CareScore does not read (save it as UTF-8)");
    }
    if let Some((_, kind)) = SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
    {
        return Some(kind);
    }
    let sample = &bytes[..bytes.len().min(UTF16_SAMPLE)];
    let nuls = sample.iter().filter(|&&b| b == 0).count();
    let utf16 = matches!(
        detect_encoding(sample),
        TextEncoding::Utf16Le | TextEncoding::Utf16Be
    );
    (nuls * 10 > sample.len() && !utf16).then_some("binary data")
}

/// `bytes` as UTF-8 without a byte order mark: borrowed when they already are UTF-8,
/// decoded otherwise. Text that does not decode cleanly (a U+FFFD replacement would
/// appear) fails with [`IngestError::BadFile`] naming the first bad row; so does a file
/// that is plainly binary ([`binary_kind`]).
#[cfg(feature = "encodings")]
pub fn decode_to_utf8(bytes: &[u8]) -> Result<std::borrow::Cow<'_, [u8]>, IngestError> {
    use std::borrow::Cow;

    if let Some(kind) = binary_kind(bytes) {
        return Err(IngestError::BadFile(format!(
            "the file is {kind}, not a CSV or JSON text file: it has no data rows CareScore \
             can read (save the sheet as \"CSV UTF-8\")"
        )));
    }
    let encoding = detect_encoding(bytes);
    let decoder = match encoding {
        TextEncoding::Utf8 => return Ok(Cow::Borrowed(bytes)),
        TextEncoding::Utf8Bom => return Ok(Cow::Borrowed(&bytes[3..])),
        TextEncoding::Utf16Le => encoding_rs::UTF_16LE,
        TextEncoding::Utf16Be => encoding_rs::UTF_16BE,
        TextEncoding::Gb18030 => encoding_rs::GB18030,
    };
    // BOM sniffing also strips the mark; without one, the detected encoding is used.
    let (text, _, had_errors) = decoder.decode(bytes);
    if had_errors {
        return Err(undecodable(&text, encoding));
    }
    Ok(Cow::Owned(text.into_owned().into_bytes()))
}

/// The error for text that decoded with replacement characters: names the row of the
/// first one (spreadsheet numbering: line 1 is the header).
#[cfg(feature = "encodings")]
fn undecodable(text: &str, encoding: TextEncoding) -> IngestError {
    let bad = text.find('\u{FFFD}').unwrap_or(0);
    let row = text[..bad].matches('\n').count() + 1;
    let tried = match encoding {
        TextEncoding::Gb18030 => "it is neither UTF-8 nor GB18030/GBK".to_string(),
        other => format!("it is not valid {}", other.label().to_uppercase()),
    };
    IngestError::BadFile(format!(
        "the file is not text in a supported encoding: row {row} has bytes that cannot be \
         read ({tried}); CareScore reads {SUPPORTED_ENCODINGS} text files (save the sheet \
         as \"CSV UTF-8\")"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_a_stray_byte_stays_utf8_and_gbk_does_not() {
        let stray = ["张伟,退款\n李娜,退货\n".as_bytes(), b"Ren\xe9\n"].concat();
        assert_eq!(detect_encoding(&stray), TextEncoding::Utf8);
        let gbk = b"\xD5\xC5\xCE\xB0,\xCD\xCB\xBF\xEE\n\xC0\xEE\xC4\xC8\n";
        assert_eq!(detect_encoding(gbk), TextEncoding::Gb18030);
        assert!(binary_kind(b"\xFF\xFE\0\0a\0\0\0").is_some_and(|k| k.contains("UTF-32")));
        assert!(binary_kind(b"\0\0\xFE\xFF\0\0\0a").is_some_and(|k| k.contains("UTF-32")));
    }

    #[test]
    fn byte_order_marks_decide_first() {
        assert_eq!(detect_encoding(b"\xEF\xBB\xBFagent"), TextEncoding::Utf8Bom);
        assert_eq!(detect_encoding(b"\xFF\xFEa\0g\0"), TextEncoding::Utf16Le);
        assert_eq!(detect_encoding(b"\xFE\xFF\0a\0g"), TextEncoding::Utf16Be);
        assert_eq!(
            detect_encoding("客服,日期\n".as_bytes()),
            TextEncoding::Utf8
        );
        assert_eq!(detect_encoding(b""), TextEncoding::Utf8);
        // "客服" in GBK.
        assert_eq!(detect_encoding(b"\xBF\xCD\xB7\xFE"), TextEncoding::Gb18030);
        assert_eq!(TextEncoding::Gb18030.label(), "gb18030");
        assert_eq!(TextEncoding::Utf16Le.label(), "utf-16le");
        assert_eq!(TextEncoding::Utf8Bom.label(), "utf-8");
    }

    #[test]
    fn utf16_without_a_mark_is_recognised_but_stray_nuls_are_not() {
        let le: Vec<u8> = "agent,opened_at\nAnn,2021-01-01\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "agent,opened_at\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(detect_encoding(&le), TextEncoding::Utf16Le);
        assert_eq!(detect_encoding(&be), TextEncoding::Utf16Be);
        let stray = b"agent,opened_at\nAn\0n,2021-01-01\nBo,2021-01-02\n";
        assert_eq!(detect_encoding(stray), TextEncoding::Utf8);
    }

    #[cfg(feature = "encodings")]
    mod decoding {
        use super::super::*;
        use crate::ingest::read_csv;

        const TEXT: &str =
            "客服,创建时间,满意度\n张伟,2026-07-01 09:00:00,5\n李娜,2026-07-01 10:00:00,4\n";

        fn records(bytes: &[u8]) -> Vec<crate::records::ContactRecord> {
            let mapping = crate::ingest::Mapping::from_json(
                r#"{"columns": {"agent": "客服", "opened_at": "创建时间", "csat": "满意度"}}"#,
            )
            .unwrap();
            let decoded = decode_to_utf8(bytes).unwrap();
            let result = read_csv(&decoded, Some(&mapping)).unwrap();
            assert!(result.rejected.is_empty(), "{:?}", result.rejected);
            (0..result.store.len())
                .map(|i| result.store.record(i))
                .collect()
        }

        #[test]
        fn gbk_reads_the_same_records_as_its_utf8_twin() {
            let (gbk, _, unmappable) = encoding_rs::GBK.encode(TEXT);
            assert!(!unmappable);
            assert_eq!(detect_encoding(&gbk), TextEncoding::Gb18030);
            let twin = records(TEXT.as_bytes());
            assert_eq!(twin.len(), 2);
            assert_eq!(twin[0].agent, "张伟");
            assert_eq!(records(&gbk), twin);
        }

        #[test]
        fn utf16le_with_a_mark_and_utf8_with_a_mark_read_the_same() {
            let mut utf16 = vec![0xFF, 0xFE];
            utf16.extend(TEXT.encode_utf16().flat_map(u16::to_le_bytes));
            let twin = records(TEXT.as_bytes());
            assert_eq!(records(&utf16), twin);
            let bom = [b"\xEF\xBB\xBF", TEXT.as_bytes()].concat();
            assert_eq!(&*decode_to_utf8(&bom).unwrap(), TEXT.as_bytes());
        }

        #[test]
        fn undecodable_bytes_name_the_row_and_the_encodings_read() {
            // 0xFF is neither UTF-8 nor a GB18030 byte (0x80 alone is the euro sign there).
            let bytes = b"agent,opened_at\nAnn,2021-01-01\nB\x80\xFF,2021-01-02\n";
            let error = decode_to_utf8(bytes).unwrap_err().to_string();
            assert!(error.contains("row 3"), "{error}");
            assert!(error.contains("GB18030"), "{error}");
            assert!(error.contains("UTF-8"), "{error}");
        }
    }
}
