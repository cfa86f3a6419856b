//! Reading a scenario from any self-describing serde format (a JS object, JSON), with the
//! field path in every error, unknown fields and newer schema versions rejected.

use serde::{Deserialize, Deserializer};

use super::edit::FieldValue;
use super::error::Error;
use super::scenario::{SCHEMA_VERSION, Scenario};
use super::text::Num;
use super::tree::Tree;

impl Scenario {
    /// Reads and validates a scenario from `input`. The input is read into a value tree first,
    /// so unknown fields are caught even where the format itself would skip them.
    ///
    /// # Errors
    /// A newer or missing `schemaVersion`; a field of the wrong type, a missing or an unknown
    /// field (with its path); or every problem [`Scenario::validate`] finds.
    ///
    /// ```
    /// use headroom::model::Scenario;
    /// let json = r#"{"schemaVersion": 2}"#;
    /// let err = Scenario::from_deserializer(&mut serde_json::Deserializer::from_str(json)).unwrap_err();
    /// assert_eq!(err.to_string(), "schemaVersion = 2: allowed 1 to 1 (this build reads up to version 1)");
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
        check_version(&tree)?;
        let scenario = Scenario::read_tree(tree)?;
        scenario.validate()?;
        Ok(scenario)
    }
}

fn check_version(tree: &Tree) -> Result<(), Error> {
    let Tree::Object(entries) = tree else {
        return Err(Error::single("scenario", "", "an object"));
    };
    match entries.iter().find(|(k, _)| k == "schemaVersion").map(|(_, v)| v) {
        Some(Tree::Leaf(FieldValue::Number(v))) if (1.0..=f64::from(SCHEMA_VERSION)).contains(v) => Ok(()),
        Some(Tree::Leaf(FieldValue::Number(v))) => Err(Error::single(
            "schemaVersion",
            Num(*v).to_string(),
            format!("1 to {SCHEMA_VERSION} (this build reads up to version {SCHEMA_VERSION})"),
        )),
        _ => Err(Error::single("schemaVersion", "", format!("a version number from 1 to {SCHEMA_VERSION}"))),
    }
}
