//! Duplicate keys in JSON text. The page reads files with the browser's `JSON.parse`, which
//! keeps the last of a key given twice (`{"vcpu": 3, "vcpu": 2}` reads as `{"vcpu": 2}`) before
//! the model's reader could refuse it; this finds such a key in the text itself.

use std::collections::BTreeSet;

use super::super::error::Error;

/// One open object or array of the text, and where it is.
struct Open {
    /// Its path, e.g. `scenario.customers[2]` (empty at the top).
    path: String,
    /// An object's keys so far (as UTF-16, as `JSON.parse` compares them); `None` for an array.
    keys: Option<BTreeSet<Vec<u16>>>,
    /// An object's latest key, for its value's path.
    key: String,
    /// An array's item count so far, less one.
    index: usize,
    /// True when an object's next string is a key.
    want_key: bool,
}

/// `parent.key`, or `key` at the top.
fn child(parent: &str, key: &str) -> String {
    if parent.is_empty() { key.to_string() } else { format!("{parent}.{key}") }
}

/// The JSON string starting after the quote at `start` of `text`, as UTF-16, and the index
/// after its closing quote (the text's end when unterminated).
fn string(text: &str, start: usize) -> (Vec<u16>, usize) {
    let mut units = Vec::new();
    let mut chars = text[start..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return (units, start + i + 1),
            '\\' => match chars.next().map(|(_, e)| e) {
                Some('u') => {
                    let hex: String = chars.by_ref().take(4).map(|(_, h)| h).collect();
                    units.push(u16::from_str_radix(&hex, 16).unwrap_or(0xfffd));
                }
                Some(e) => {
                    let plain = match e {
                        'b' => '\u{8}',
                        'f' => '\u{c}',
                        'n' => '\n',
                        'r' => '\r',
                        't' => '\t',
                        other => other,
                    };
                    units.extend(plain.encode_utf16(&mut [0; 2]).iter());
                }
                None => break,
            },
            c => units.extend(c.encode_utf16(&mut [0; 2]).iter()),
        }
    }
    (units, text.len())
}

/// Refuses JSON `text` (valid JSON, as `JSON.parse` accepted it) when an object in it gives a
/// key twice, naming the first such key by its path.
///
/// # Errors
/// At the key's path, e.g. `scenario.cloudRun.vcpu: one value (the field is given twice)`.
///
/// ```
/// use headroom::model::refuse_duplicate_keys;
/// assert!(refuse_duplicate_keys(r#"{"a": {"b": 1}, "c": [{"b": 2}]}"#).is_ok());
/// let err = refuse_duplicate_keys(r#"{"a": [{"b": 1}, {"b": 2, "\u0062": 3}]}"#).unwrap_err();
/// assert_eq!(err.to_string(), "a[1].b: one value (the field is given twice)");
/// ```
pub fn refuse_duplicate_keys(text: &str) -> Result<(), Error> {
    let mut open: Vec<Open> = Vec::new();
    let mut i = 0;
    while let Some(&b) = text.as_bytes().get(i) {
        i += 1;
        match b {
            b'"' => {
                let (units, end) = string(text, i);
                i = end;
                let Some(top) = open.last_mut().filter(|o| o.want_key) else { continue };
                top.key = String::from_utf16_lossy(&units);
                top.want_key = false;
                if !top.keys.as_mut().is_some_and(|keys| keys.insert(units)) {
                    let allowed = "one value (the field is given twice)";
                    return Err(Error::single(child(&top.path, &top.key), "", allowed));
                }
            }
            b'{' | b'[' => {
                let path = match open.last() {
                    None => String::new(),
                    Some(o) if o.keys.is_some() => child(&o.path, &o.key),
                    Some(o) => format!("{}[{}]", o.path, o.index),
                };
                let object = b == b'{';
                open.push(Open {
                    path,
                    keys: object.then(BTreeSet::new),
                    key: String::new(),
                    index: 0,
                    want_key: object,
                });
            }
            b'}' | b']' => _ = open.pop(),
            b',' => {
                if let Some(o) = open.last_mut() {
                    o.index += 1;
                    o.want_key = o.keys.is_some();
                }
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issues_duplicates_are_found_by_path() {
        let msg = |text: &str| refuse_duplicate_keys(text).unwrap_err().to_string();
        assert_eq!(
            msg(r#"{"cloudRun": {"vcpu": 3, "vcpu": 2}}"#),
            "cloudRun.vcpu: one value (the field is given twice)"
        );
        assert_eq!(
            msg(r#"{"schemaVersion": 99, "schemaVersion": 3}"#),
            "schemaVersion: one value (the field is given twice)"
        );
        assert_eq!(
            msg(r#"{"scenario": {"customers": [{}, {"name": "a\"", "name": ""}]}}"#),
            "scenario.customers[1].name: one value (the field is given twice)"
        );
        // Escapes name the same key: "\u00e9" is "é", a surrogate pair is its emoji.
        assert!(refuse_duplicate_keys(r#"{"é": 1, "\u00e9": 2}"#).is_err());
        assert!(refuse_duplicate_keys(r#"{"😀": 1, "\ud83d\ude00": 2}"#).is_err());
    }

    #[test]
    fn distinct_keys_and_strings_that_look_like_json_pass() {
        for ok in [r#"{"a": "{\"a\": 1, \"a\": 2}", "b": ["a", "a"], "c": {"a": {"a": 1}}}"#, "[]", "3", r#""x""#, "{}"]
        {
            assert!(refuse_duplicate_keys(ok).is_ok(), "{ok}");
        }
        // Text that is not JSON is no panic.
        for junk in ["{\"a", "\"\\", "\"\\u12", "}}]]", "{\"a\":1,,\"a\""] {
            let _ = refuse_duplicate_keys(junk);
        }
    }
}
