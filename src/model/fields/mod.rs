//! The scenario's fields: one row per leaf field, the single description that reading a
//! scenario, [`Scenario::set`](crate::model::Scenario::set), validation's range checks, share
//! links, exports and the page's inputs all use.
//!
//! A row's path is a pattern: `[]` stands for any item of a list (`customers[].profile.acvUsd`)
//! and `*` for any key of a map (`priceOverrides.*`). Each row knows its kind, unit, allowed
//! range (static bounds; relations between fields, such as min instances at most max instances,
//! are checked in `validate.rs`), label, the group it is shown in, its default, and how to read
//! and write its value in a [`Scenario`](crate::model::Scenario).
//!
//! - `values.rs`: the values a field holds, is set to and defaults to; kinds and choices.
//! - `table.rs`: the rows ([`FIELDS`]) and the lists of groups ([`LISTS`]).
//! - `path.rs`: concrete paths ([`FieldPath`]) and a value at its path ([`Leaf`]).
//! - `access.rs`: reading and setting by path, the headline knobs, adding and removing items.
//! - `changes.rs`: what a scenario changes from the defaults ([`Change`]), and what one change
//!   moved ([`Changed`]).

mod access;
mod changes;
mod path;
mod table;
mod values;

pub use access::KNOBS;
pub use changes::{Change, Changed};
pub(crate) use path::is_group;
pub use path::{FieldPath, Leaf};
pub use table::{FIELDS, Field, LISTS, List};
pub(crate) use table::{MAX_CPU_MS, MAX_EGRESS_GB, MAX_OPS_PER_DAY, MAX_QPS, MAX_STORED_GB};
pub use values::{Choice, DefaultValue, FieldValue, Kind, Value};

#[cfg(test)]
mod tests {
    use super::path::PATH_SHAPE;
    use super::*;
    use crate::model::scenario::{Billing, Scenario};

    /// Every leaf path of `json`, as serde writes the scenario (independent of the table).
    fn json_leaves(json: &serde_json::Value, path: String, out: &mut Vec<String>) {
        match json {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    json_leaves(v, if path.is_empty() { k.clone() } else { format!("{path}.{k}") }, out);
                }
            }
            serde_json::Value::Array(items) if !path.ends_with("regions") => {
                for (i, v) in items.iter().enumerate() {
                    json_leaves(v, format!("{path}[{i}]"), out);
                }
            }
            _ => out.push(path),
        }
    }

    #[test]
    fn the_table_covers_exactly_the_fields_serde_writes() {
        for id in crate::model::preset_ids() {
            let mut s = crate::model::preset(id).unwrap();
            s.price_overrides.set("runRequests", 0.5);
            let mut from_serde = Vec::new();
            json_leaves(&serde_json::to_value(&s).unwrap(), String::new(), &mut from_serde);
            let mut from_table: Vec<String> = s.leaves().map(|l| l.at.to_string()).collect();
            from_serde.sort();
            from_table.sort();
            assert_eq!(from_table, from_serde, "{id}");
        }
    }

    #[test]
    fn every_leaf_reads_back_through_its_path() {
        let s = crate::model::preset("phase2-10-customers").unwrap();
        for leaf in s.leaves() {
            let path = leaf.at.to_string();
            assert_eq!(s.get(&path).unwrap(), leaf.value.to_owned(), "{path}");
            let mut copy = s.clone();
            copy.put(FieldPath::parse(&path).unwrap(), &leaf.value.to_owned()).unwrap();
            assert_eq!(copy, s, "{path}");
        }
    }

    #[test]
    fn defaults_are_within_bounds_and_round_trip() {
        for field in FIELDS.iter().filter(|f| f.default != DefaultValue::Absent) {
            let s = Scenario::defaults();
            let value = (field.access.get)(&s, 0);
            if field.list() == Some("operations.fixedLines") {
                assert_eq!(value, None, "{} has no item by default", field.path);
                continue;
            }
            let value = value.unwrap();
            assert!(field.default.is(value), "{}", field.path);
            assert!(field.admits(value), "{}", field.path);
        }
        assert!(Scenario::defaults().changes().is_empty());
    }

    #[test]
    fn malformed_paths_are_refused() {
        for bad in [
            "",
            ".",
            "network.",
            "network.cdnHitRatio[",
            "customers[].name",
            "customers[x].name",
            "customers[1]x.name",
            "customers[0][1].name",
            "priceOverrides.",
            "priceOverrides.a.b",
            "customers[1234567].name",
        ] {
            let err = FieldPath::parse(bad).unwrap_err();
            assert_eq!(err.problems()[0].allowed, PATH_SHAPE, "{bad:?}");
        }
        assert_eq!(
            FieldPath::parse("network.cdnHitRatio[0]").unwrap_err().problems()[0].allowed,
            "a field of the scenario; known here: tier, loadBalancer, forwardingRules, requestKib, cdn, cdnHitRatio, \
             cdnCacheableShare, cdnLookupShare, armorPolicies, armorRules, armorPolicyType"
        );
        assert_eq!(
            FieldPath::parse("cloudRun").unwrap_err().to_string(),
            "cloudRun: a single field, not a group of fields"
        );
    }

    #[test]
    fn choices_come_from_the_table() {
        let f = FieldPath::parse("cloudRun.billing").unwrap().field;
        assert_eq!(f.options.iter().map(|c| c.value).collect::<Vec<_>>(), ["request", "instance"]);
        let mut s = Scenario::defaults();
        s.set("cloudRun.billing", FieldValue::Text("instance".into())).unwrap();
        assert_eq!(s.cloud_run.billing, Billing::Instance);
        let err = s.set("cloudRun.billing", FieldValue::Text("hourly".into())).unwrap_err();
        assert_eq!(err.to_string(), "cloudRun.billing = \"hourly\": allowed one of request, instance");
    }
}
