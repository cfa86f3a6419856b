//! The scenario and its estimate as JSON, and a JSON export or bare scenario read back.
//!
//! JSON is written and read here by hand rather than with `serde_json`, which would add about
//! 47 KB to the WebAssembly. The page does not use this writer or reader at all: it turns an
//! [`Export`] into a JS object and calls `JSON.stringify`, and reads files with `JSON.parse`
//! and [`import_tree`]; so what decides the scenario is the same Rust code on both paths.

use std::fmt::{self, Write};

use serde::Serialize;
use serde::ser::{self, Serializer};

use crate::model::error::{Error, Problem};
use crate::model::estimate::{Estimate, evaluate};
use crate::model::fields::FieldValue;
use crate::model::pricebook::PriceBook;
use crate::model::read::Tree;
use crate::model::scenario::{SCHEMA_VERSION, Scenario};

/// The price book an export was priced with.
///
/// ```
/// let s = headroom::model::preset("week9-baseline").unwrap();
/// let book = headroom::model::Export::of(&s).unwrap().price_book;
/// assert_eq!((book.id, book.seen), ("gcp-us-central1-2026-11", "2026-11-27"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Export.ts"))]
pub struct BookRef {
    /// Its id, e.g. `gcp-us-central1-2026-11`.
    pub id: &'static str,
    /// What it covers.
    pub title: &'static str,
    /// The date it was put together, `YYYY-MM-DD`.
    pub seen: &'static str,
}

/// A JSON export: the scenario, enough to restore it exactly, and its estimate (amounts in
/// integer US cents), for the record.
///
/// ```
/// let s = headroom::model::preset("week9-baseline").unwrap();
/// let export = headroom::model::Export::of(&s).unwrap();
/// assert_eq!(export.price_book.id, s.price_book);
/// assert_eq!(export.estimate, headroom::model::evaluate(&s).unwrap());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Export.ts"))]
pub struct Export {
    /// The schema version of the file and of its scenario, [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The price book the estimate used.
    pub price_book: BookRef,
    /// The scenario.
    pub scenario: Scenario,
    /// The scenario's estimate.
    pub estimate: Estimate,
}

impl Export {
    /// The export of `scenario`: it, its estimate and its price book, at [`SCHEMA_VERSION`].
    ///
    /// # Errors
    /// Whatever [`evaluate`] refuses.
    ///
    /// ```
    /// let mut s = headroom::model::preset("week9-baseline").unwrap();
    /// assert_eq!(headroom::model::Export::of(&s).unwrap().schema_version, 1);
    /// s.cloud_run.vcpu = 3.0;
    /// assert!(headroom::model::Export::of(&s).is_err());
    /// ```
    pub fn of(scenario: &Scenario) -> Result<Export, Error> {
        let estimate = evaluate(scenario)?;
        let book = PriceBook::find(estimate.price_book)?;
        let price_book = BookRef { id: book.id, title: book.title, seen: book.seen };
        Ok(Export { schema_version: SCHEMA_VERSION, price_book, scenario: scenario.clone(), estimate })
    }
}

/// The scenario and its estimate as JSON text ([`Export`]): an object of `schemaVersion`,
/// `priceBook` (`id`, `title`, `seen`), `scenario` and `estimate`, laid out as
/// `JSON.stringify(export, null, 2)` lays it out. Amounts are integer cents; other numbers
/// are written with the fewest digits that read back to the same `f64`, so
/// [`import_json`] restores the scenario exactly.
///
/// # Errors
/// Whatever [`evaluate`] refuses.
///
/// ```
/// use headroom::model::{export_json, import_json, preset};
/// let s = preset("phase2-10-customers").unwrap();
/// let json = export_json(&s).unwrap();
/// assert!(json.starts_with("{\n  \"schemaVersion\": 1,\n  \"priceBook\": {\n    \"id\": "));
/// assert_eq!(import_json(&json).unwrap(), s);
/// ```
pub fn export_json(scenario: &Scenario) -> Result<String, Error> {
    let export = Export::of(scenario)?;
    let mut writer = Writer { out: String::new(), depth: 0 };
    // Writing to a String cannot fail, and an export holds plain data with text keys.
    let _ = export.serialize(&mut writer);
    Ok(writer.out)
}

/// Reads a JSON export ([`export_json`]) or a bare scenario and returns the scenario, checked
/// as [`Scenario::from_tree`] checks it. A leading byte order mark is skipped.
///
/// # Errors
/// Text that is not JSON (`file: valid JSON (…)`, with the line and column); otherwise as
/// [`import_tree`], each problem naming its field.
///
/// ```
/// use headroom::model::import_json;
/// let err = import_json("{\"scenario\": {\"schemaVersion\": 1}}").unwrap_err();
/// assert_eq!(err.to_string(), "scenario.name: a value (the field is missing)");
/// let err = import_json("{\"scenario\": [1,}").unwrap_err();
/// assert_eq!(err.to_string(), "file: valid JSON (a value at line 1, column 17)");
/// ```
pub fn import_json(text: &str) -> Result<Scenario, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut parser = Parser { text, at: 0 };
    let tree = parser.document().map_err(|expected| parser.error(expected))?;
    import_tree(tree)
}

/// The fields an export may have.
const EXPORT_FIELDS: &str = "schemaVersion, priceBook, scenario, estimate";

/// Reads an export (an object with a `scenario`) or a bare scenario from a value tree and
/// returns the scenario. An export's `schemaVersion` must be one this build reads and its other
/// fields known; its `estimate` and `priceBook` are not read (they follow from the scenario).
/// The scenario's problems are named by their path in the file (`scenario.` first).
///
/// # Errors
/// An unknown, duplicate or newer export field, or whatever [`Scenario::from_tree`] refuses.
///
/// ```
/// use headroom::model::{FieldValue, Tree, import_tree};
/// let export = Tree::Object(vec![("scenario".into(), Tree::Leaf(FieldValue::Number(1.0)))]);
/// assert_eq!(import_tree(export).unwrap_err().to_string(), "scenario: an object");
/// ```
pub fn import_tree(tree: Tree) -> Result<Scenario, Error> {
    let entries = match tree {
        Tree::Object(entries) if entries.iter().any(|(k, _)| k == "scenario") => entries,
        bare => return Scenario::from_tree(bare),
    };
    let mut scenario = None;
    for (key, value) in entries {
        match key.as_str() {
            "scenario" if scenario.is_some() => {
                return Err(Error::single(key.as_str(), "", "one value (the field is given twice)"));
            }
            "scenario" => scenario = Some(value),
            "schemaVersion" => match value {
                Tree::Leaf(FieldValue::Number(v)) if (1.0..=f64::from(SCHEMA_VERSION)).contains(&v) => {}
                _ => {
                    let allowed = format!("1 to {SCHEMA_VERSION} (this build reads up to version {SCHEMA_VERSION})");
                    return Err(Error::single(key.as_str(), shown(&value), allowed));
                }
            },
            "priceBook" | "estimate" => {}
            _ => return Err(Error::single(key.as_str(), "", format!("a field of an export: {EXPORT_FIELDS}"))),
        }
    }
    // There is one: the entries were chosen for it.
    let scenario = scenario.unwrap_or(Tree::Leaf(FieldValue::Clear));
    Scenario::from_tree(scenario).map_err(|e| {
        let within = |p: &Problem| match p.path.as_str() {
            "scenario" => p.clone(),
            path => Problem::new(format!("scenario.{path}"), p.value.clone(), p.allowed.clone()),
        };
        Error::from_problems(e.problems().iter().map(within).collect()).unwrap_or(e)
    })
}

/// A value of a tree for a message: a leaf as written, a group by its kind.
fn shown(tree: &Tree) -> String {
    match tree {
        Tree::Leaf(value) => value.to_string(),
        Tree::List(_) => "a list".into(),
        Tree::Object(_) => "an object".into(),
    }
}

/// JSON text reader into a [`Tree`]; errors are what was expected, at `at`.
struct Parser<'a> {
    text: &'a str,
    /// Byte offset of the next character.
    at: usize,
}

/// Nesting deeper than any export is refused rather than recursed into.
const MAX_DEPTH: u32 = 32;

impl Parser<'_> {
    fn error(&self, expected: &str) -> Error {
        let before = &self.text[..self.at.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Error::single("file", "", format!("valid JSON ({expected} at line {line}, column {column})"))
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Skips `token` if it is next.
    fn eat(&mut self, token: &str) -> bool {
        let found = self.text[self.at..].starts_with(token);
        if found {
            self.at += token.len();
        }
        found
    }

    fn document(&mut self) -> Result<Tree, &'static str> {
        let tree = self.value(0)?;
        self.space();
        if self.at < self.text.len() { Err("the end of the text") } else { Ok(tree) }
    }

    fn value(&mut self, depth: u32) -> Result<Tree, &'static str> {
        self.space();
        if depth > MAX_DEPTH {
            return Err("at most 32 levels of nesting");
        }
        let leaf = |v| Ok(Tree::Leaf(v));
        match self.peek() {
            Some(b'{') => self.group(b'}', depth).map(Tree::Object),
            Some(b'[') => self.group(b']', depth).map(|items| Tree::List(items.into_iter().map(|(_, v)| v).collect())),
            Some(b'"') => leaf(FieldValue::Text(self.string()?)),
            Some(b'-' | b'0'..=b'9') => leaf(FieldValue::Number(self.number()?)),
            _ if self.eat("true") => leaf(FieldValue::Bool(true)),
            _ if self.eat("false") => leaf(FieldValue::Bool(false)),
            _ if self.eat("null") => leaf(FieldValue::Clear),
            _ => Err("a value"),
        }
    }

    /// An object's entries (`close` `}`) or an array's items (`]`, keys empty).
    fn group(&mut self, close: u8, depth: u32) -> Result<Vec<(String, Tree)>, &'static str> {
        self.at += 1;
        let mut out = Vec::new();
        self.space();
        if self.peek() == Some(close) {
            self.at += 1;
            return Ok(out);
        }
        loop {
            self.space();
            let key = if close == b'}' {
                let key =
                    if self.peek() == Some(b'"') { self.string()? } else { return Err("a field name in quotes") };
                self.space();
                if !self.eat(":") {
                    return Err("':'");
                }
                key
            } else {
                String::new()
            };
            out.push((key, self.value(depth + 1)?));
            self.space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(c) if c == close => {
                    self.at += 1;
                    return Ok(out);
                }
                _ => return Err(if close == b'}' { "',' or '}'" } else { "',' or ']'" }),
            }
        }
    }

    fn string(&mut self) -> Result<String, &'static str> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let rest = &self.text[self.at..];
            let run = rest.find(|c: char| c == '"' || c == '\\' || c < ' ').ok_or("a closing quote")?;
            out.push_str(&rest[..run]);
            self.at += run;
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => out.push(self.escape()?),
                _ => return Err("no control character in text (write \\n, \\t or \\u0000)"),
            }
        }
    }

    /// The character a backslash escape stands for (a lone surrogate as U+FFFD).
    fn escape(&mut self) -> Result<char, &'static str> {
        self.at += 1;
        let simple = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let high = self.hex4()?;
                if (0xd800..0xdc00).contains(&high) && self.text[self.at..].starts_with("\\u") {
                    let back = self.at;
                    self.at += 1;
                    let low = self.hex4()?;
                    if (0xdc00..0xe000).contains(&low) {
                        return Ok(
                            char::from_u32(0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00)).unwrap_or('\u{fffd}')
                        );
                    }
                    self.at = back;
                }
                return Ok(char::from_u32(high).unwrap_or('\u{fffd}'));
            }
            _ => return Err("an escape: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u and 4 hex digits"),
        };
        self.at += 1;
        Ok(simple)
    }

    /// `u` and four hex digits (the `u` under `at`).
    fn hex4(&mut self) -> Result<u32, &'static str> {
        let digits = self.text.get(self.at + 1..self.at + 5).filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        let value = digits.and_then(|d| u32::from_str_radix(d, 16).ok()).ok_or("\\u and 4 hex digits")?;
        self.at += 5;
        Ok(value)
    }

    /// A JSON number: `-`, digits without a leading zero, a fraction, an exponent.
    fn number(&mut self) -> Result<f64, &'static str> {
        let start = self.at;
        let digits = |p: &mut Self| {
            let from = p.at;
            while matches!(p.peek(), Some(b'0'..=b'9')) {
                p.at += 1;
            }
            p.at > from
        };
        self.eat("-");
        if !self.eat("0") && !digits(self) {
            return Err("a digit");
        }
        if self.eat(".") && !digits(self) {
            return Err("a digit after the decimal point");
        }
        if self.eat("e") || self.eat("E") {
            let _ = self.eat("+") || self.eat("-");
            if !digits(self) {
                return Err("a digit in the exponent");
            }
        }
        self.text[start..self.at].parse().map_err(|_| "a number")
    }
}

/// Writes JSON text as `JSON.stringify(value, null, 2)` does: two spaces a level, `"key": value`,
/// `[]` and `{}` when empty; numbers with the fewest digits that read back the same, and `null`
/// for numbers that are not finite.
struct Writer {
    out: String,
    depth: usize,
}

impl Writer {
    fn newline(&mut self) {
        self.out.push('\n');
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    fn string(&mut self, s: &str) {
        self.out.push('"');
        for c in s.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                '\t' => self.out.push_str("\\t"),
                '\u{8}' => self.out.push_str("\\b"),
                '\u{c}' => self.out.push_str("\\f"),
                c if c < ' ' => {
                    let _ = write!(self.out, "\\u{:04x}", u32::from(c));
                }
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }

    /// Opens an array or object (`bracket`), inside `{"variant": …}` when `variant` is given.
    fn open(&mut self, bracket: char, variant: Option<&str>) -> Group<'_> {
        if let Some(name) = variant {
            self.out.push('{');
            self.depth += 1;
            self.newline();
            self.string(name);
            self.out.push_str(": ");
        }
        self.out.push(bracket);
        self.depth += 1;
        Group { w: self, empty: true, close: if bracket == '[' { ']' } else { '}' }, variant: variant.is_some() }
    }
}

/// An array or object being written.
struct Group<'a> {
    w: &'a mut Writer,
    empty: bool,
    close: char,
    /// Inside `{"variant": …}`, closed as well.
    variant: bool,
}

impl Group<'_> {
    /// Starts the next item or entry.
    fn next(&mut self) {
        if !self.empty {
            self.w.out.push(',');
        }
        self.empty = false;
        self.w.newline();
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), fmt::Error> {
        self.next();
        self.w.string(key);
        self.w.out.push_str(": ");
        value.serialize(&mut *self.w)
    }

    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), fmt::Error> {
        self.next();
        value.serialize(&mut *self.w)
    }

    fn close(self) -> Result<(), fmt::Error> {
        self.w.depth -= 1;
        if !self.empty {
            self.w.newline();
        }
        self.w.out.push(self.close);
        if self.variant {
            self.w.depth -= 1;
            self.w.newline();
            self.w.out.push('}');
        }
        Ok(())
    }
}

type Done = Result<(), fmt::Error>;

/// Serializer methods that open an array or object, whatever names and sizes they are given.
macro_rules! open {
    ($($method:ident($($arg:ty),*) => $bracket:literal);+) => {$(
        fn $method(self, $(_: $arg),*) -> Result<Group<'a>, fmt::Error> {
            Ok(self.open($bracket, None))
        }
    )+};
}

/// Serializer methods that open an array or object inside `{"variant": …}`.
macro_rules! open_variant {
    ($($method:ident => $bracket:literal);+) => {$(
        fn $method(self, _: &'static str, _: u32, variant: &'static str, _: usize) -> Result<Group<'a>, fmt::Error> {
            Ok(self.open($bracket, Some(variant)))
        }
    )+};
}

/// Serializer methods that write a narrower number as the wider one.
macro_rules! widen {
    ($($($method:ident($ty:ty)),+ => $wide:ident);+) => {$($(
        fn $method(self, v: $ty) -> Done {
            self.$wide(v.into())
        }
    )+)+};
}

impl<'a> Serializer for &'a mut Writer {
    type Ok = ();
    type Error = fmt::Error;
    type SerializeSeq = Group<'a>;
    type SerializeTuple = Group<'a>;
    type SerializeTupleStruct = Group<'a>;
    type SerializeTupleVariant = Group<'a>;
    type SerializeMap = Group<'a>;
    type SerializeStruct = Group<'a>;
    type SerializeStructVariant = Group<'a>;

    fn serialize_bool(self, v: bool) -> Done {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    widen! {
        serialize_i8(i8), serialize_i16(i16), serialize_i32(i32) => serialize_i64;
        serialize_u8(u8), serialize_u16(u16), serialize_u32(u32) => serialize_u64;
        serialize_f32(f32) => serialize_f64
    }
    fn serialize_i64(self, v: i64) -> Done {
        write!(self.out, "{v}")
    }
    fn serialize_u64(self, v: u64) -> Done {
        write!(self.out, "{v}")
    }
    /// `f64`'s `Display` writes the shortest text that reads back to the same number.
    fn serialize_f64(self, v: f64) -> Done {
        if v.is_finite() { write!(self.out, "{v}") } else { self.serialize_unit() }
    }
    fn serialize_char(self, v: char) -> Done {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Done {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Done {
        let mut group = self.open('[', None);
        for b in v {
            group.item(b)?;
        }
        group.close()
    }
    fn serialize_none(self) -> Done {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Done {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Done {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Done {
        let mut group = self.open('{', None);
        group.field(variant, value)?;
        group.close()
    }
    open! {
        serialize_seq(Option<usize>) => '[';
        serialize_tuple(usize) => '[';
        serialize_tuple_struct(&'static str, usize) => '[';
        serialize_map(Option<usize>) => '{';
        serialize_struct(&'static str, usize) => '{'
    }
    open_variant! {
        serialize_tuple_variant => '[';
        serialize_struct_variant => '{'
    }
}

macro_rules! items {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Group<'_> {
            type Ok = ();
            type Error = fmt::Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
                self.item(value)
            }
            fn end(self) -> Done {
                self.close()
            }
        }
    )*};
}

items!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Group<'_> {
            type Ok = ();
            type Error = fmt::Error;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Done {
                self.field(key, value)
            }
            fn end(self) -> Done {
                self.close()
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

/// Keys are written as they serialize: text keys (all an export has) as JSON strings.
impl ser::SerializeMap for Group<'_> {
    type Ok = ();
    type Error = fmt::Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Done {
        self.next();
        key.serialize(&mut *self.w)?;
        self.w.out.push_str(": ");
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Done {
        self.close()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Tree, String> {
        let mut p = Parser { text, at: 0 };
        p.document().map_err(|e| p.error(e).to_string())
    }

    fn json<T: Serialize>(value: &T) -> String {
        let mut w = Writer { out: String::new(), depth: 0 };
        value.serialize(&mut w).unwrap();
        w.out
    }

    /// `text` read by serde_json, numbers as `f64`.
    fn read_by_serde_json(text: &str) -> Tree {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn the_writer_agrees_with_serde_json() {
        for id in crate::model::preset_ids() {
            let export = Export::of(&crate::model::preset(id).unwrap()).unwrap();
            let (mine, theirs) = (json(&export), serde_json::to_string_pretty(&export).unwrap());
            assert_eq!(read_by_serde_json(&mine), read_by_serde_json(&theirs), "{id}");
            // The same layout; only the spelling of numbers differs (`1` for `1.0`).
            assert_eq!(mine.lines().count(), theirs.lines().count(), "{id}");
        }
        let odd = (vec![f64::NAN, -0.0, 1e300, 5e-324, 0.1], "tab\t\u{1}\"\\/", ('x', [1u8, 2], ()), Some(None::<u8>));
        assert_eq!(read_by_serde_json(&json(&odd)), read_by_serde_json(&serde_json::to_string_pretty(&odd).unwrap()));
        #[derive(Serialize)]
        enum Variants {
            Newtype(u8),
            Tuple(u8, u8),
            Struct { x: u8, empty: Vec<u8> },
        }
        let variants = [Variants::Newtype(1), Variants::Tuple(2, 3), Variants::Struct { x: 4, empty: vec![] }];
        assert_eq!(json(&variants), serde_json::to_string_pretty(&variants).unwrap());
        assert_eq!(json(&[-0.0, 1.0, 0.1 + 0.2]), "[\n  -0,\n  1,\n  0.30000000000000004\n]");
    }

    #[test]
    fn the_reader_agrees_with_serde_json() {
        let text = r#" {"a": [1, -0.5e3, 1E-2, true, false, null, {}, []], "s": "q\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00\ud800x", "b": {"c": 0}} "#;
        let mine = parse(text).unwrap();
        let theirs: Tree = serde_json::from_str(&text.replace("\\ud800x", "x")).unwrap();
        let Tree::Object(mut entries) = theirs else { panic!() };
        entries[1].1 = Tree::Leaf(FieldValue::Text("q\"\\/\u{8}\u{c}\n\r\t\u{e9}\u{1f600}\u{fffd}x".into()));
        assert_eq!(mine, Tree::Object(entries));
    }

    #[test]
    fn bad_json_says_where() {
        let cases = [
            ("", "a value at line 1, column 1"),
            ("{", "a field name in quotes at line 1, column 2"),
            ("{\"a\" 1}", "':' at line 1, column 6"),
            ("[1 2]", "',' or ']' at line 1, column 4"),
            ("{\"a\": 1,\n \"b\": tru}", "a value at line 2, column 7"),
            ("01", "the end of the text at line 1, column 2"),
            ("-", "a digit at line 1, column 2"),
            ("1.", "a digit after the decimal point at line 1, column 3"),
            ("1e+", "a digit in the exponent at line 1, column 4"),
            ("\"a\nb\"", "no control character in text (write \\n, \\t or \\u0000) at line 1, column 3"),
            ("\"\\x\"", "an escape: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u and 4 hex digits at line 1, column 3"),
            ("\"\\u12g4\"", "\\u and 4 hex digits at line 1, column 3"),
            ("\"abc", "a closing quote at line 1, column 2"),
            (&"[".repeat(40), "at most 32 levels of nesting at line 1, column 34"),
        ];
        for (text, expected) in cases {
            assert_eq!(parse(text).unwrap_err(), format!("file: valid JSON ({expected})"), "{text:?}");
        }
    }
}
