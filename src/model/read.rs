//! Reading a whole scenario from a value tree (a JS object, or JSON from any self-describing
//! serde format) through the field table: every field must be there once, with a value of its
//! kind; unknown fields, duplicate keys, text where a list belongs and newer schema versions
//! are refused, each error naming the field path.
//!
//! It is written out instead of derived: serde's derived `Deserialize`, with the path tracking
//! errors need, came to about 190 KB of WebAssembly.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::error::Error;
use super::fields::{FIELDS, FieldPath, FieldValue, Kind, LISTS, List, is_group};
use super::migrate::{V1, V1_SERVICE_TIME};
use super::scenario::{SCHEMA_VERSION, Scenario};
use super::text::Num;

/// A scenario as plain data, as read from a JS object or JSON: what
/// [`Scenario::from_tree`](crate::model::Scenario::from_tree) reads.
#[derive(Debug, Clone, PartialEq)]
pub enum Tree {
    /// A number, a switch, text, or null ([`FieldValue::Clear`]).
    Leaf(FieldValue),
    /// An array.
    List(Vec<Tree>),
    /// An object's entries, in order (duplicate keys kept, so the reader can refuse them).
    Object(Vec<(String, Tree)>),
}

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Tree;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number, switch, text, null, list or object")
    }
    fn visit_bool<E>(self, b: bool) -> Result<Tree, E> {
        Ok(Tree::Leaf(FieldValue::Bool(b)))
    }
    fn visit_i64<E>(self, x: i64) -> Result<Tree, E> {
        Ok(Tree::Leaf(FieldValue::Number(x as f64)))
    }
    fn visit_u64<E>(self, x: u64) -> Result<Tree, E> {
        Ok(Tree::Leaf(FieldValue::Number(x as f64)))
    }
    fn visit_f64<E>(self, x: f64) -> Result<Tree, E> {
        Ok(Tree::Leaf(FieldValue::Number(x)))
    }
    fn visit_str<E>(self, s: &str) -> Result<Tree, E> {
        Ok(Tree::Leaf(FieldValue::Text(s.to_string())))
    }
    fn visit_unit<E>(self) -> Result<Tree, E> {
        Ok(Tree::Leaf(FieldValue::Clear))
    }
    fn visit_none<E>(self) -> Result<Tree, E> {
        Ok(Tree::Leaf(FieldValue::Clear))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Tree, D::Error> {
        Tree::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Tree::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Tree::Object(entries))
    }
}

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Tree, D::Error> {
        d.deserialize_any(TreeVisitor)
    }
}

/// Which values a read has filled: per row of [`FIELDS`], per item.
struct Filled(Vec<Vec<bool>>);

impl Filled {
    fn mark(&mut self, at: &FieldPath) {
        if let Some(row) = FIELDS.iter().position(|f| std::ptr::eq(f, at.field)) {
            let items = &mut self.0[row];
            if items.len() <= at.index {
                items.resize(at.index + 1, false);
            }
            items[at.index] = true;
        }
    }

    /// The first value of `s` that a file of schema `version` has and was not read, as a path.
    fn missing(&self, s: &Scenario, version: u32) -> Option<String> {
        let mut every = s.leaves().filter(|leaf| leaf.at.key.is_empty() && leaf.at.field.since <= version);
        every
            .find(|leaf| {
                let row = FIELDS.iter().position(|f| std::ptr::eq(f, leaf.at.field)).unwrap_or(0);
                !self.0[row].get(leaf.at.index).copied().unwrap_or(false)
            })
            .map(|leaf| leaf.at.to_string())
    }
}

/// `parent.key`, or `key` at the root.
fn child(parent: &str, key: &str) -> String {
    if parent.is_empty() { key.to_string() } else { format!("{parent}.{key}") }
}

/// A tree leaf as a value for the field at `at`: lists of names must be lists.
fn leaf_value(tree: Tree, path: &str) -> Result<FieldValue, Error> {
    match tree {
        Tree::Leaf(value) => Ok(value),
        Tree::List(items) => {
            let names = items.into_iter().map(|item| match item {
                Tree::Leaf(FieldValue::Text(t)) => Ok(t),
                _ => Err(Error::single(path, "a list", "a list of names")),
            });
            names.collect::<Result<Vec<_>, _>>().map(FieldValue::List)
        }
        Tree::Object(_) => Err(Error::single(path, "an object", "a single value")),
    }
}

struct Reader {
    scenario: Scenario,
    /// The schema version of the input.
    version: u32,
    filled: Filled,
    /// Lists and groups that must be there, found so far.
    groups: Vec<String>,
    /// A version-1 input's fields that version 2 removed, once read.
    v1: Option<V1>,
}

impl Reader {
    fn object(&mut self, path: &str, entries: Vec<(String, Tree)>) -> Result<(), Error> {
        for (i, (key, _)) in entries.iter().enumerate() {
            if entries[..i].iter().any(|(k, _)| k == key) {
                return Err(Error::single(child(path, key), "", "one value (the field is given twice)"));
            }
        }
        self.groups.push(path.to_string());
        for (key, value) in entries {
            self.node(&child(path, &key), value)?;
        }
        Ok(())
    }

    fn list(&mut self, list: &List, items: Vec<Tree>) -> Result<(), Error> {
        list.resize(&mut self.scenario, items.len())?;
        self.groups.push(list.path.to_string());
        for (i, item) in items.into_iter().enumerate() {
            self.node(&format!("{}[{i}]", list.path), item)?;
        }
        Ok(())
    }

    fn node(&mut self, path: &str, tree: Tree) -> Result<(), Error> {
        if let Some(list) = List::find(path) {
            return match tree {
                Tree::List(items) => self.list(list, items),
                _ => Err(Error::single(path, "", "a list of groups")),
            };
        }
        match tree {
            Tree::Object(entries) if is_group(path) => self.object(path, entries),
            tree => self.leaf(path, tree),
        }
    }

    fn leaf(&mut self, path: &str, tree: Tree) -> Result<(), Error> {
        if self.version == 1 && path == V1_SERVICE_TIME.path {
            return self.retired(tree);
        }
        let at = FieldPath::parse(path)?;
        if at.field.since > self.version {
            let allowed =
                format!("a field of schema version {} (this one came in version {})", self.version, at.field.since);
            return Err(Error::single(path, "", allowed));
        }
        let value = leaf_value(tree, path)?;
        let list_as_text = at.field.kind == Kind::List && !matches!(value, FieldValue::List(_));
        if list_as_text || value == FieldValue::Clear {
            return Err(Error::single(path, value.to_string(), at.field.allowed()));
        }
        self.scenario.put(at, &value)?;
        self.filled.mark(&at);
        Ok(())
    }

    /// Version 1's `cloudRun.serviceTimeMs`, kept for the migration.
    fn retired(&mut self, tree: Tree) -> Result<(), Error> {
        let path = V1_SERVICE_TIME.path;
        let ms = match leaf_value(tree, path)? {
            FieldValue::Number(ms) => V1_SERVICE_TIME.read(ms)?,
            other => return Err(Error::single(path, other.to_string(), "a number from 1 to 60000")),
        };
        self.v1 = Some(V1 { service_time_ms: ms });
        Ok(())
    }

    /// The first group (object or list) of the scenario that was not read.
    fn missing_group(&self) -> Option<&'static str> {
        let known = FIELDS.iter().filter(|f| f.since <= self.version);
        let groups = known.filter_map(|f| f.path.rsplit_once('.').map(|(g, _)| g));
        let lists = LISTS.iter().map(|l| l.path);
        groups.filter(|g| !g.contains("[]")).chain(lists).find(|g| !self.groups.iter().any(|have| have == g))
    }
}

impl Scenario {
    /// Reads and validates a scenario from `input`. The input is read into a value tree first,
    /// so unknown fields are caught even where the format itself would skip them.
    ///
    /// # Errors
    /// A newer or missing `schemaVersion`; a field of the wrong type, a missing, a duplicate or
    /// an unknown field (with its path); or every problem [`Scenario::validate`] finds.
    ///
    /// ```
    /// use headroom::model::Scenario;
    /// let json = r#"{"schemaVersion": 6}"#;
    /// let err = Scenario::from_deserializer(&mut serde_json::Deserializer::from_str(json)).unwrap_err();
    /// assert_eq!(err.to_string(), "schemaVersion = 6: allowed 1 to 5 (this build reads up to version 5)");
    /// ```
    pub fn from_deserializer<'de, D: Deserializer<'de>>(input: D) -> Result<Scenario, Error> {
        let tree = Tree::deserialize(input).map_err(|e| Error::single("scenario", "", e.to_string()))?;
        Scenario::from_tree(tree)
    }

    /// Reads and validates a scenario from a value tree (see [`Scenario::from_deserializer`]).
    ///
    /// # Errors
    /// As [`Scenario::from_deserializer`].
    ///
    /// ```
    /// use headroom::model::{FieldValue, Scenario, Tree};
    /// let tree = Tree::Object(vec![("schemaVersion".into(), Tree::Leaf(FieldValue::Number(1.0)))]);
    /// let err = Scenario::from_tree(tree).unwrap_err();
    /// assert_eq!(err.to_string(), "name: a value (the field is missing)");
    /// ```
    pub fn from_tree(tree: Tree) -> Result<Scenario, Error> {
        let version = check_version(&tree)?;
        let scenario = Scenario::read_tree(tree, version)?;
        scenario.validate()?;
        Ok(scenario)
    }

    /// Reads a scenario of schema `version` from a value tree and migrates it to the current
    /// version, without validating it; errors name the field path.
    fn read_tree(tree: Tree, version: u32) -> Result<Scenario, Error> {
        let Tree::Object(entries) = tree else {
            return Err(Error::single("scenario", "", "an object"));
        };
        let filled = Filled(vec![Vec::new(); FIELDS.len()]);
        let mut reader = Reader { scenario: Scenario::default(), version, filled, groups: Vec::new(), v1: None };
        reader.object("", entries)?;
        let missing =
            reader.filled.missing(&reader.scenario, version).or_else(|| reader.missing_group().map(String::from));
        let missing =
            missing.or_else(|| (version == 1 && reader.v1.is_none()).then(|| V1_SERVICE_TIME.path.to_string()));
        if let Some(path) = missing {
            return Err(Error::single(path, "", "a value (the field is missing)"));
        }
        let mut scenario = reader.scenario;
        if let Some(v1) = reader.v1 {
            scenario.migrate_from_v1(v1);
        }
        if version < 3 {
            scenario.migrate_from_v2();
        }
        if version < 4 {
            scenario.migrate_from_v3();
        }
        if version < 5 {
            scenario.migrate_from_v4();
        }
        Ok(scenario)
    }
}

/// The schema version `tree` says it has, when this build reads it.
fn check_version(tree: &Tree) -> Result<u32, Error> {
    let Tree::Object(entries) = tree else {
        return Err(Error::single("scenario", "", "an object"));
    };
    match entries.iter().find(|(k, _)| k == "schemaVersion").map(|(_, v)| v) {
        Some(Tree::Leaf(FieldValue::Number(v)))
            if (1.0..=f64::from(SCHEMA_VERSION)).contains(v) && v.fract() == 0.0 =>
        {
            Ok(*v as u32)
        }
        Some(Tree::Leaf(FieldValue::Number(v))) => Err(Error::single(
            "schemaVersion",
            Num(*v).to_string(),
            format!("1 to {SCHEMA_VERSION} (this build reads up to version {SCHEMA_VERSION})"),
        )),
        _ => Err(Error::single("schemaVersion", "", format!("a version number from 1 to {SCHEMA_VERSION}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree_of(s: &Scenario) -> Tree {
        serde_json::from_value(serde_json::to_value(s).unwrap()).unwrap()
    }

    fn read_json(json: &serde_json::Value) -> Result<Scenario, Error> {
        Scenario::from_tree(serde_json::from_value(json.clone()).unwrap())
    }

    #[test]
    fn every_preset_round_trips_through_the_tree() {
        for id in crate::model::preset_ids() {
            let s = crate::model::preset(id).unwrap();
            assert_eq!(Scenario::read_tree(tree_of(&s), SCHEMA_VERSION).unwrap(), s, "{id}");
        }
    }

    /// Phase 1 as JSON with `key` of the third cohort's profile set to `value` (or removed).
    fn error(key: &str, value: Option<serde_json::Value>) -> String {
        let mut json = serde_json::to_value(crate::model::preset("phase1-3-customers").unwrap()).unwrap();
        let profile = json["customers"][2]["profile"].as_object_mut().unwrap();
        profile.remove(key);
        if let Some(v) = value {
            profile.insert(key.into(), v);
        }
        read_json(&json).unwrap_err().to_string()
    }

    #[test]
    fn errors_name_the_path() {
        use serde_json::json;
        assert_eq!(
            error("peakQps", Some(json!("x"))),
            "customers[2].profile.peakQps = \"x\": allowed a number from 0 to 100000"
        );
        assert_eq!(
            error("acvUsd", Some(json!(null))),
            "customers[2].profile.acvUsd = null: allowed a number from 0 to 1000000000"
        );
        assert_eq!(error("acvUsd", None), "customers[2].profile.acvUsd: a value (the field is missing)");
        assert!(
            error("bogus", Some(json!(1)))
                .starts_with("customers[2].profile.bogus: a field of the scenario; known here: peakQps, avgQps")
        );
        assert_eq!(
            error("peakQps", Some(json!([]))),
            "customers[2].profile.peakQps = []: allowed a number from 0 to 100000"
        );
        assert_eq!(
            error("peakQps", Some(json!({}))),
            "customers[2].profile.peakQps = an object: allowed a single value"
        );
    }

    /// Week 9 as JSON, changed by `edit`.
    fn week9_with(edit: impl FnOnce(&mut serde_json::Value)) -> Result<Scenario, Error> {
        let mut json = serde_json::to_value(crate::model::preset("week9-baseline").unwrap()).unwrap();
        edit(&mut json);
        read_json(&json)
    }

    #[test]
    fn text_where_a_list_belongs_is_refused() {
        let err = week9_with(|j| j["cloudRun"]["regions"] = "us-central1, us-east1".into()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cloudRun.regions = \"us-central1, us-east1\": allowed 1 to 20 names of a-z, 0-9 and -"
        );
        let err = week9_with(|j| j["cloudRun"]["regions"] = serde_json::json!(["us-central1", 5])).unwrap_err();
        assert_eq!(err.to_string(), "cloudRun.regions = a list: allowed a list of names");
    }

    #[test]
    fn duplicate_keys_are_refused() {
        let json = serde_json::to_string(&crate::model::preset("week9-baseline").unwrap()).unwrap();
        let doubled = json.replacen("\"cdn\":false", "\"cdn\":false,\"cdn\":true", 1);
        assert_ne!(doubled, json);
        let err = Scenario::from_deserializer(&mut serde_json::Deserializer::from_str(&doubled)).unwrap_err();
        assert_eq!(err.to_string(), "network.cdn: one value (the field is given twice)");
    }

    #[test]
    fn missing_and_unknown_groups_are_refused() {
        let err = week9_with(|j| _ = j.as_object_mut().unwrap().remove("priceOverrides")).unwrap_err();
        assert_eq!(err.to_string(), "priceOverrides: a value (the field is missing)");
        let err =
            week9_with(|j| _ = j.as_object_mut().unwrap().insert("bogus".into(), serde_json::json!({}))).unwrap_err();
        assert!(
            err.to_string().starts_with("bogus: a field of the scenario; known here: schemaVersion, name"),
            "{err}"
        );
        let err = week9_with(|j| j["customers"] = serde_json::json!({})).unwrap_err();
        assert_eq!(err.to_string(), "customers: a list of groups");
        let err = week9_with(|j| j["cloudRun"] = 5.into()).unwrap_err();
        assert_eq!(err.to_string(), "cloudRun: a single field, not a group of fields");
    }

    #[test]
    fn overrides_read_by_key_and_refuse_null() {
        let s = week9_with(|j| j["priceOverrides"] = serde_json::json!({"runRequests": 0.5})).unwrap();
        assert_eq!(s.price_overrides.get("runRequests"), Some(0.5));
        let err = week9_with(|j| j["priceOverrides"] = serde_json::json!({"runRequests": null})).unwrap_err();
        assert_eq!(err.to_string(), "priceOverrides.runRequests = null: allowed a number from 0 to 1000000000");
    }
}
