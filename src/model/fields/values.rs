//! A field's values: as set from a control, a link or a file ([`FieldValue`]), as they sit in
//! a scenario ([`Value`]) and as defaults ([`DefaultValue`]); the kinds and choices of the
//! table's rows; and how each place in a scenario reads and writes its value (`Slot`).

use std::fmt;

use serde::Serialize;
use serde::ser::Serializer;

use crate::model::scenario::*;
use crate::model::text::Num;

/// A value from a control, a link or a file: a number, a switch, a choice or text, a list of
/// names, or `Clear` (removes a price override).
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    /// A number (whole numbers for counts).
    Number(f64),
    /// On or off.
    Bool(bool),
    /// A choice (e.g. `"oneYear"`) or text; for a list of names, comma-separated.
    Text(String),
    /// A list of names (e.g. regions).
    List(Vec<String>),
    /// Remove the entry (price overrides only).
    Clear,
}

impl fmt::Display for FieldValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldValue::Number(x) => write!(f, "{}", Num(*x)),
            FieldValue::Bool(b) => write!(f, "{b}"),
            FieldValue::Text(t) => write!(f, "\"{t}\""),
            FieldValue::List(items) => write!(f, "[{}]", items.join(", ")),
            FieldValue::Clear => f.write_str("null"),
        }
    }
}

impl Serialize for FieldValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            FieldValue::Number(x) => s.serialize_f64(*x),
            FieldValue::Bool(b) => s.serialize_bool(*b),
            FieldValue::Text(t) => s.serialize_str(t),
            FieldValue::List(items) => items.serialize(s),
            FieldValue::Clear => s.serialize_unit(),
        }
    }
}

/// What kind of value a field holds, and so what its `min` and `max` bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Fields.ts"))]
pub enum Kind {
    /// A finite number from `min` to `max`.
    Number,
    /// A whole number from `min` to `max`.
    Whole,
    /// On or off (`min` and `max` unused, 0).
    Switch,
    /// One of `options` (`min` and `max` unused, 0).
    Choice,
    /// Text of `min` to `max` characters.
    Text,
    /// A list of `min` to `max` names, each 1 to 64 characters of `a-z`, `0-9` and `-`.
    List,
}

/// One option of a [`Kind::Choice`] field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Fields.ts"))]
pub struct Choice {
    /// The value as written in scenarios and links, e.g. `oneYear`.
    pub value: &'static str,
    /// The option for people, e.g. `1 year`.
    pub label: &'static str,
}

/// A field's default value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DefaultValue {
    /// For numbers and whole numbers.
    Number(f64),
    /// For switches.
    Bool(bool),
    /// For text and choices.
    Text(&'static str),
    /// For lists of names.
    List(&'static [&'static str]),
    /// No value: a map's entries (price overrides) are absent by default.
    Absent,
}

impl DefaultValue {
    /// The default as a value a field can be set to.
    pub fn value(&self) -> FieldValue {
        match *self {
            DefaultValue::Number(x) => FieldValue::Number(x),
            DefaultValue::Bool(b) => FieldValue::Bool(b),
            DefaultValue::Text(t) => FieldValue::Text(t.into()),
            DefaultValue::List(items) => FieldValue::List(items.iter().map(|s| s.to_string()).collect()),
            DefaultValue::Absent => FieldValue::Clear,
        }
    }

    /// True when `value` is this default.
    pub(super) fn is(&self, value: Value) -> bool {
        match (*self, value) {
            (DefaultValue::Number(a), Value::Number(b)) => a.to_bits() == b.to_bits(),
            (DefaultValue::Bool(a), Value::Bool(b)) => a == b,
            (DefaultValue::Text(a), Value::Text(b)) => a == b,
            (DefaultValue::List(a), Value::List(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y),
            _ => false,
        }
    }
}

impl Serialize for DefaultValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value().serialize(s)
    }
}

/// A field's value as it sits in a scenario, borrowed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    /// A number or whole number.
    Number(f64),
    /// A switch.
    Bool(bool),
    /// Text or a choice.
    Text(&'a str),
    /// A list of names.
    List(&'a [String]),
}

impl Value<'_> {
    /// The value, owned.
    pub fn to_owned(self) -> FieldValue {
        match self {
            Value::Number(x) => FieldValue::Number(x),
            Value::Bool(b) => FieldValue::Bool(b),
            Value::Text(t) => FieldValue::Text(t.into()),
            Value::List(items) => FieldValue::List(items.to_vec()),
        }
    }
}

/// A place in a scenario that holds one field's value: reads it, and writes a [`FieldValue`]
/// of the right kind (false, and unchanged, for a value of another kind).
pub(super) trait Slot {
    fn view(&self) -> Value<'_>;
    fn put(&mut self, value: &FieldValue) -> bool;
}

/// A number, with -0 kept as 0 (so a link, a file and the screen all say the same `0`).
impl Slot for f64 {
    fn view(&self) -> Value<'_> {
        Value::Number(*self)
    }
    fn put(&mut self, value: &FieldValue) -> bool {
        match value {
            FieldValue::Number(x) => *self = *x + 0.0,
            _ => return false,
        }
        true
    }
}

impl Slot for u32 {
    fn view(&self) -> Value<'_> {
        Value::Number(f64::from(*self))
    }
    fn put(&mut self, value: &FieldValue) -> bool {
        match value {
            FieldValue::Number(x) if x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(x) => *self = *x as u32,
            _ => return false,
        }
        true
    }
}

impl Slot for bool {
    fn view(&self) -> Value<'_> {
        Value::Bool(*self)
    }
    fn put(&mut self, value: &FieldValue) -> bool {
        match value {
            FieldValue::Bool(b) => *self = *b,
            _ => return false,
        }
        true
    }
}

impl Slot for String {
    fn view(&self) -> Value<'_> {
        Value::Text(self)
    }
    fn put(&mut self, value: &FieldValue) -> bool {
        match value {
            FieldValue::Text(t) => t.clone_into(self),
            _ => return false,
        }
        true
    }
}

/// A list of names: a list, or (from a text input) comma-separated text.
impl Slot for Vec<String> {
    fn view(&self) -> Value<'_> {
        Value::List(self)
    }
    fn put(&mut self, value: &FieldValue) -> bool {
        match value {
            FieldValue::List(items) => items.clone_into(self),
            FieldValue::Text(t) => {
                *self = t.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
            }
            _ => return false,
        }
        true
    }
}

/// A unit-only enum chosen by name: its variants and their choices, in the same order.
pub(super) trait Options: Sized + Copy + PartialEq + 'static {
    const VARIANTS: &'static [Self];
    const CHOICES: &'static [Choice];
}

impl<T: Options> Slot for T {
    fn view(&self) -> Value<'_> {
        // Every variant is listed, so the position is always found.
        let at = T::VARIANTS.iter().position(|v| v == self).unwrap_or(0);
        Value::Text(T::CHOICES[at].value)
    }
    fn put(&mut self, value: &FieldValue) -> bool {
        let at = match value {
            FieldValue::Text(t) => T::CHOICES.iter().position(|c| c.value == t),
            _ => None,
        };
        match at {
            Some(at) => *self = T::VARIANTS[at],
            None => return false,
        }
        true
    }
}

macro_rules! choices {
    ($($ty:ident { $($variant:ident: $value:literal $label:literal),* $(,)? })*) => {$(
        impl Options for $ty {
            const VARIANTS: &'static [$ty] = &[$($ty::$variant),*];
            const CHOICES: &'static [Choice] = &[$(Choice { value: $value, label: $label }),*];
        }
    )*};
}

choices! {
    Billing { Request: "request" "Request-based", Instance: "instance" "Instance-based" }
    Rounding {
        PerBusyPeriod: "perBusyPeriod" "Each busy period up to 100 ms",
        None: "none" "Not rounded",
        PerRequest: "perRequest" "Each request up to 100 ms",
    }
    ArmorPolicyType { Backend: "backend" "Backend (requests reaching the backend)", Edge: "edge" "Edge (every request, cache hits too)" }
    FirestoreLocation { Regional: "regional" "Regional", MultiRegion: "multiRegion" "Multi-region" }
    NetworkTier { Premium: "premium" "Premium", Standard: "standard" "Standard" }
    LoadBalancer { Regional: "regional" "Regional", Global: "global" "Global" }
    RedisTier { Basic: "basic" "Basic", Standard: "standard" "Standard" }
    CudTerm { None: "none" "None", OneYear: "oneYear" "1 year", ThreeYear: "threeYear" "3 years" }
    Allocation { Equal: "equal" "Equally per customer", ByUsage: "byUsage" "By usage", ByAcv: "byAcv" "By ACV" }
    DealBasis {
        PeakQps: "peakQps" "Peak QPS",
        LikeCohort: "likeCohort" "Like a cohort",
        TimesTypical: "timesTypical" "Times the typical customer",
        DailyUsers: "dailyUsers" "Daily active users",
    }
    CurrencyCode {
        Usd: "USD" "USD (US dollar)",
        Eur: "EUR" "EUR (euro)",
        Gbp: "GBP" "GBP (pound sterling)",
        Jpy: "JPY" "JPY (Japanese yen)",
        Cad: "CAD" "CAD (Canadian dollar)",
        Aud: "AUD" "AUD (Australian dollar)",
        Chf: "CHF" "CHF (Swiss franc)",
        Inr: "INR" "INR (Indian rupee)",
        Sek: "SEK" "SEK (Swedish krona)",
        Sgd: "SGD" "SGD (Singapore dollar)",
    }
}
