//! The bytes of a review file as text: UTF-8 with or without a byte-order mark, or UTF-16
//! with one (what some Windows editors save).

use super::error::DocumentError;

/// UTF-8 (byte-order mark dropped) or UTF-16 with a byte-order mark.
pub(crate) fn decode(bytes: &[u8]) -> Result<String, DocumentError> {
    let utf16 = |units: Vec<u16>| {
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|_| DocumentError::NotText("it is UTF-16 with an invalid character".into()))
    };
    let pairs = |rest: &[u8], pair: fn([u8; 2]) -> u16| -> Vec<u16> {
        rest.chunks(2)
            .map(|c| pair([c[0], c.get(1).copied().unwrap_or(0)]))
            .collect()
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(pairs(rest, u16::from_le_bytes));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(pairs(rest, u16::from_be_bytes));
    }
    // JSON never holds a raw NUL; UTF-16 text of ASCII is half NULs (and valid UTF-8).
    if bytes.iter().take(64).any(|&byte| byte == 0) {
        return Err(DocumentError::NotText(
            "it looks like UTF-16 without a byte-order mark; save it as UTF-8".into(),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes)
        .map(str::to_string)
        .map_err(|error| {
            DocumentError::NotText(format!(
                "byte {} is not UTF-8; save the file as UTF-8",
                error.valid_up_to() + 1
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded() {
        let text = "{\"a\": \"张伟\"}";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le).unwrap(), text);
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be).unwrap(), text);
        let bare: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let error = decode(&bare).unwrap_err().to_string();
        assert!(
            error.contains("UTF-16 without a byte-order mark"),
            "{error}"
        );
    }
}
