//! A small structural JSON Schema checker for tests: the keywords
//! `docs/review-file.schema.json` uses (`$ref` into `$defs`, `type`, `enum`, `const`,
//! `required`, `properties`, `additionalProperties`, `propertyNames`, `items`, `minItems`,
//! `oneOf`, `anyOf`, `minimum`, `maximum`, `minLength`). `pattern` and `format` are not
//! checked. A full validator crate would be a heavy dependency for this one check.

use serde_json::{Map, Value};

/// Problems of `value` against `schema` (empty: valid), each with its JSON path.
pub fn check(schema: &Value, value: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    check_at(schema, schema, value, "$", &mut problems);
    problems
}

/// Keywords this checker knows; a schema using others would be checked less than it says.
pub const KNOWN_KEYWORDS: [&str; 23] = [
    "$schema",
    "$id",
    "$ref",
    "$defs",
    "$comment",
    "title",
    "description",
    "type",
    "enum",
    "const",
    "required",
    "properties",
    "additionalProperties",
    "propertyNames",
    "items",
    "minItems",
    "oneOf",
    "anyOf",
    "minimum",
    "maximum",
    "minLength",
    "pattern",
    "format",
];

fn check_at(root: &Value, schema: &Value, value: &Value, path: &str, out: &mut Vec<String>) {
    let Some(schema) = schema.as_object() else {
        if schema == &Value::Bool(false) {
            out.push(format!("{path}: not allowed"));
        }
        return;
    };
    if let Some(Value::String(reference)) = schema.get("$ref") {
        let name = reference
            .strip_prefix("#/$defs/")
            .unwrap_or_else(|| panic!("unsupported $ref {reference}"));
        let target = &root["$defs"][name];
        assert!(!target.is_null(), "no $defs/{name}");
        check_at(root, target, value, path, out);
    }
    if let Some(types) = schema.get("type") {
        let types: Vec<&str> = match types {
            Value::String(one) => vec![one.as_str()],
            Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
            _ => panic!("bad type keyword"),
        };
        if !types.iter().any(|t| has_type(value, t)) {
            out.push(format!("{path}: expected {types:?}, found {value}"));
            return;
        }
    }
    if let Some(Value::Array(allowed)) = schema.get("enum") {
        if !allowed.contains(value) {
            out.push(format!("{path}: {value} is not one of {allowed:?}"));
        }
    }
    if let Some(constant) = schema.get("const") {
        if constant != value {
            out.push(format!("{path}: expected {constant}, found {value}"));
        }
    }
    if let Some(number) = value.as_f64() {
        if let Some(min) = schema.get("minimum").and_then(Value::as_f64) {
            if number < min {
                out.push(format!("{path}: {number} is below {min}"));
            }
        }
        if let Some(max) = schema.get("maximum").and_then(Value::as_f64) {
            if number > max {
                out.push(format!("{path}: {number} is above {max}"));
            }
        }
    }
    if let (Some(text), Some(min)) = (
        value.as_str(),
        schema.get("minLength").and_then(Value::as_u64),
    ) {
        if (text.chars().count() as u64) < min {
            out.push(format!("{path}: shorter than {min}"));
        }
    }
    if let Value::Object(object) = value {
        check_object(root, schema, object, path, out);
    }
    if let Value::Array(items) = value {
        if let Some(min) = schema.get("minItems").and_then(Value::as_u64) {
            if (items.len() as u64) < min {
                out.push(format!("{path}: fewer than {min} items"));
            }
        }
        if let Some(item_schema) = schema.get("items") {
            for (index, item) in items.iter().enumerate() {
                check_at(root, item_schema, item, &format!("{path}[{index}]"), out);
            }
        }
    }
    for (keyword, exactly_one) in [("oneOf", true), ("anyOf", false)] {
        if let Some(Value::Array(options)) = schema.get(keyword) {
            let matching = options
                .iter()
                .filter(|option| {
                    let mut inner = Vec::new();
                    check_at(root, option, value, path, &mut inner);
                    inner.is_empty()
                })
                .count();
            if matching == 0 || (exactly_one && matching > 1) {
                out.push(format!(
                    "{path}: matches {matching} of the {keyword} options"
                ));
            }
        }
    }
}

fn check_object(
    root: &Value,
    schema: &Map<String, Value>,
    object: &Map<String, Value>,
    path: &str,
    out: &mut Vec<String>,
) {
    if let Some(Value::Array(required)) = schema.get("required") {
        for name in required.iter().filter_map(Value::as_str) {
            if !object.contains_key(name) {
                out.push(format!("{path}: missing required key {name}"));
            }
        }
    }
    let properties = schema.get("properties").and_then(Value::as_object);
    for (key, item) in object {
        let item_path = format!("{path}.{key}");
        if let Some(names) = schema.get("propertyNames") {
            check_at(root, names, &Value::String(key.clone()), &item_path, out);
        }
        match properties.and_then(|p| p.get(key)) {
            Some(property) => check_at(root, property, item, &item_path, out),
            None => {
                if let Some(extra) = schema.get("additionalProperties") {
                    if extra == &Value::Bool(false) {
                        out.push(format!("{item_path}: key not allowed"));
                    } else {
                        check_at(root, extra, item, &item_path, out);
                    }
                }
            }
        }
    }
}

fn has_type(value: &Value, wanted: &str) -> bool {
    match wanted {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        "number" => value.is_number(),
        "integer" => value.is_u64() || value.is_i64(),
        other => panic!("unknown type {other}"),
    }
}

/// Every keyword used anywhere in `schema` that [`check`] does not know.
pub fn unknown_keywords(schema: &Value) -> Vec<String> {
    let mut unknown = Vec::new();
    walk_keywords(schema, &mut unknown);
    unknown
}

fn walk_keywords(schema: &Value, out: &mut Vec<String>) {
    let Some(object) = schema.as_object() else {
        return;
    };
    for (keyword, inner) in object {
        if !KNOWN_KEYWORDS.contains(&keyword.as_str()) {
            out.push(keyword.clone());
        }
        match keyword.as_str() {
            "properties" | "$defs" => {
                for sub in inner.as_object().into_iter().flat_map(Map::values) {
                    walk_keywords(sub, out);
                }
            }
            "oneOf" | "anyOf" => {
                for sub in inner.as_array().into_iter().flatten() {
                    walk_keywords(sub, out);
                }
            }
            "items" | "additionalProperties" | "propertyNames" => walk_keywords(inner, out),
            _ => {}
        }
    }
}
