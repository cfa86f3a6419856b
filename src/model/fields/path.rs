//! Field paths: a concrete path such as `customers[2].profile.acvUsd`, parsed to its row of
//! the table and its list index or map key ([`FieldPath`]), and one value of a scenario at
//! its path ([`Leaf`]).

use std::fmt;

use super::table::{FIELDS, Field};
use super::values::Value;
use crate::model::error::Error;

/// A concrete field path, parsed: the row it names and the list index or map key.
///
/// ```
/// use headroom::model::FieldPath;
/// let p = FieldPath::parse("customers[2].profile.acvUsd").unwrap();
/// assert_eq!((p.field.path, p.index), ("customers[].profile.acvUsd", 2));
/// assert_eq!(p.to_string(), "customers[2].profile.acvUsd");
/// let e = FieldPath::parse("network.cdnHitRatio[").unwrap_err();
/// assert_eq!(e.to_string(), "network.cdnHitRatio[: a field path such as customers[0].profile.acvUsd");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldPath<'a> {
    /// The row.
    pub field: &'static Field,
    /// The list item (0 outside lists).
    pub index: usize,
    /// The map key (`priceOverrides.<key>`), or empty.
    pub key: &'a str,
}

pub(super) const PATH_SHAPE: &str = "a field path such as customers[0].profile.acvUsd";

/// A name of a path: letters, digits and `_`, not empty.
fn is_name(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// `path` as a pattern (`[]` for its index) and its index; `None` when malformed.
fn pattern(path: &str) -> Option<(String, Option<usize>)> {
    let mut out = String::with_capacity(path.len());
    let mut index = None;
    for (n, part) in path.split('.').enumerate() {
        let (name, rest) = match part.split_once('[') {
            Some((name, rest)) => (name, Some(rest)),
            None => (part, None),
        };
        if !is_name(name) {
            return None;
        }
        if n > 0 {
            out.push('.');
        }
        out.push_str(name);
        if let Some(rest) = rest {
            let digits = rest.strip_suffix(']')?;
            let ok = index.is_none()
                && !digits.is_empty()
                && digits.len() <= 6
                && digits.bytes().all(|b| b.is_ascii_digit());
            index = Some(digits.parse().ok().filter(|_| ok)?);
            out.push_str("[]");
        }
    }
    Some((out, index))
}

impl<'a> FieldPath<'a> {
    /// Parses `path` and finds its row.
    ///
    /// # Errors
    /// A malformed path, or one that names no field (a group such as `cloudRun` included).
    pub fn parse(path: &'a str) -> Result<FieldPath<'a>, Error> {
        let malformed = || Error::single(path, "", PATH_SHAPE);
        if let Some(key) = path.strip_prefix("priceOverrides.") {
            let field = FIELDS.iter().find(|f| f.path == "priceOverrides.*").ok_or_else(malformed)?;
            return if is_name(key) { Ok(FieldPath { field, index: 0, key }) } else { Err(malformed()) };
        }
        let (shape, index) = pattern(path).ok_or_else(malformed)?;
        let field = FIELDS.iter().find(|f| f.path == shape && f.list().is_some() == index.is_some());
        match field {
            Some(field) => Ok(FieldPath { field, index: index.unwrap_or(0), key: "" }),
            None => Err(Error::single(path, "", unknown(&shape))),
        }
    }
}

/// True when `path` (e.g. `cloudRun`, `customers[2].profile`) names a group of fields.
pub(crate) fn is_group(path: &str) -> bool {
    let Some((shape, _)) = pattern(path) else { return path.is_empty() };
    FIELDS.iter().any(|f| f.path.strip_prefix(shape.as_str()).is_some_and(|rest| rest.starts_with('.')))
}

/// What to say of a path that names no field: the fields under it when it is a group, else
/// the names known beside it.
fn unknown(shape: &str) -> String {
    let group = FIELDS.iter().any(|f| f.path.strip_prefix(shape).is_some_and(|r| r.starts_with(['.', '['])));
    if group {
        return "a single field, not a group of fields".into();
    }
    let parent = shape.rsplit_once('.').map_or("", |(p, _)| p);
    let mut known: Vec<&str> = Vec::new();
    for f in FIELDS.iter() {
        let rest = if parent.is_empty() {
            Some(f.path)
        } else {
            f.path.strip_prefix(parent).and_then(|r| r.strip_prefix('.'))
        };
        let name = rest.map(|r| r.split(['.', '[']).next().unwrap_or(r));
        if let Some(name) = name.filter(|n| !known.contains(n)) {
            known.push(name);
        }
    }
    format!("a field of the scenario; known here: {}", known.join(", "))
}

impl fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.field.path.split_once("[]") {
            _ if !self.key.is_empty() => write!(f, "priceOverrides.{}", self.key),
            Some((list, rest)) => write!(f, "{list}[{}]{rest}", self.index),
            None => f.write_str(self.field.path),
        }
    }
}

/// One value of a scenario, with the row it belongs to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Leaf<'a> {
    /// Where it is.
    pub at: FieldPath<'a>,
    /// What it is.
    pub value: Value<'a>,
}
