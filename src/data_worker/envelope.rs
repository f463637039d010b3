//! The shape of a message on the wire: `{ json: string, bytes?: Uint8Array }`. Bytes are
//! transferred, not copied, when the sender gives them up.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

/// Builds a message and the list of buffers to transfer with it.
pub fn pack(json: &str, bytes: Option<&Uint8Array>, transfer: bool) -> (JsValue, Array) {
    let message = Object::new();
    let _ = Reflect::set(&message, &"json".into(), &json.into());
    let transfers = Array::new();
    if let Some(bytes) = bytes {
        let _ = Reflect::set(&message, &"bytes".into(), bytes);
        if transfer {
            transfers.push(&bytes.buffer());
        }
    }
    (message.into(), transfers)
}

/// The JSON text and the bytes of a received message.
pub fn unpack(data: &JsValue) -> Result<(String, Option<Uint8Array>), String> {
    let json = Reflect::get(data, &"json".into())
        .ok()
        .and_then(|v| v.as_string())
        .ok_or("a message without JSON text")?;
    let bytes = Reflect::get(data, &"bytes".into())
        .ok()
        .and_then(|v| v.dyn_into::<Uint8Array>().ok());
    Ok((json, bytes))
}
