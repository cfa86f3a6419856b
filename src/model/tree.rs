//! The scenario's fields by path: reading a whole scenario from a value tree (a JS object or
//! JSON read into a [`Tree`]) and setting one value, e.g.
//! `customers[1].profile.acvUsd`, share one mechanism, [`Edit`].
//!
//! It is written out instead of derived: serde's derived `Deserialize`, with the path tracking
//! errors need, came to about 190 KB of WebAssembly, more than the page's whole budget. Each
//! struct lists its fields' names (the camelCase names its `Serialize` writes; a round-trip
//! test keeps them in step); reading refuses unknown and missing fields; every error names the
//! field path.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::edit::FieldValue;
use super::error::Error;
use super::scenario::*;

/// A scenario as plain data, as read from a JS object or JSON: what
/// [`Scenario::from_tree`](crate::model::Scenario::from_tree) reads.
#[derive(Debug, Clone, PartialEq)]
pub enum Tree {
    /// A number, a switch, text, or null ([`FieldValue::Clear`]).
    Leaf(FieldValue),
    /// An array.
    List(Vec<Tree>),
    /// An object's entries, in order.
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

/// Where in the tree a value sits; formatted only for an error.
#[derive(Clone, Copy)]
enum At<'a> {
    Root,
    Field(&'a At<'a>, &'a str),
    Index(&'a At<'a>, usize),
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            At::Root => f.write_str("scenario"),
            At::Field(At::Root, name) => f.write_str(name),
            At::Field(parent, name) => write!(f, "{parent}.{name}"),
            At::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// One step of a field path: a field name, or a list index.
pub(crate) enum Step<'a> {
    Field(&'a str),
    Index(usize),
}

/// The steps of a path such as `customers[1].profile.acvUsd`; `None` when malformed.
pub(crate) fn steps(path: &str) -> Option<Vec<Step<'_>>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (name, rest) = part.split_once('[').unwrap_or((part, ""));
        if name.is_empty() {
            return None;
        }
        out.push(Step::Field(name));
        for index in rest.split('[').filter(|s| !s.is_empty()) {
            out.push(Step::Index(index.strip_suffix(']')?.parse().ok()?));
        }
    }
    Some(out)
}

const GROUP: &str = "a group of fields (an object or a list), not a single value";
const NOT_GROUP: &str = "a value of this field's own kind";

/// A part of the scenario reached by a path: a group (struct, list, map) or a single value.
pub(crate) trait Edit {
    /// The part one step further down, if there is one (a map makes the entry).
    fn step(&mut self, _step: &Step) -> Option<&mut dyn Edit> {
        None
    }

    /// Sets this single value; `path` names it in errors.
    fn assign(&mut self, value: &FieldValue, path: &str) -> Result<(), Error> {
        Err(Error::single(path, value.to_string(), GROUP))
    }

    /// A struct's field names, every one required when a whole object is read.
    fn fields(&self) -> Option<&'static [&'static str]> {
        None
    }

    /// True for a group read from an object (a struct or a map).
    fn keyed(&self) -> bool {
        self.fields().is_some()
    }

    /// Makes a list `len` default items long; false when this is not a list.
    fn resize(&mut self, _len: usize) -> bool {
        false
    }
}

impl Edit for f64 {
    fn assign(&mut self, value: &FieldValue, path: &str) -> Result<(), Error> {
        match value {
            FieldValue::Number(x) => *self = *x,
            _ => return Err(Error::single(path, value.to_string(), "a number")),
        }
        Ok(())
    }
}

impl Edit for u32 {
    fn assign(&mut self, value: &FieldValue, path: &str) -> Result<(), Error> {
        match value {
            FieldValue::Number(x) if x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(x) => *self = *x as u32,
            _ => return Err(Error::single(path, value.to_string(), "a whole number, 0 or more")),
        }
        Ok(())
    }
}

impl Edit for bool {
    fn assign(&mut self, value: &FieldValue, path: &str) -> Result<(), Error> {
        match value {
            FieldValue::Bool(b) => *self = *b,
            _ => return Err(Error::single(path, value.to_string(), "true or false")),
        }
        Ok(())
    }
}

impl Edit for String {
    fn assign(&mut self, value: &FieldValue, path: &str) -> Result<(), Error> {
        match value {
            FieldValue::Text(t) => t.clone_into(self),
            _ => return Err(Error::single(path, value.to_string(), "text")),
        }
        Ok(())
    }
}

/// The item a list index step reaches.
fn item<'a, T: Edit + 'a>(list: &'a mut [T], step: &Step) -> Option<&'a mut dyn Edit> {
    match step {
        Step::Index(i) => list.get_mut(*i).map(|x| x as &mut dyn Edit),
        Step::Field(_) => None,
    }
}

/// A list of names: read as a list, or set whole from comma-separated text.
impl Edit for Vec<String> {
    fn step(&mut self, step: &Step) -> Option<&mut dyn Edit> {
        item(self, step)
    }

    fn assign(&mut self, value: &FieldValue, path: &str) -> Result<(), Error> {
        let FieldValue::Text(t) = value else {
            return Err(Error::single(path, value.to_string(), "comma-separated names"));
        };
        *self = t.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect();
        Ok(())
    }

    fn resize(&mut self, len: usize) -> bool {
        self.resize_with(len, String::new);
        true
    }
}

/// Lists of groups.
macro_rules! lists {
    ($($ty:ty),*) => {$(
        impl Edit for Vec<$ty> {
            fn step(&mut self, step: &Step) -> Option<&mut dyn Edit> {
                item(self, step)
            }

            fn resize(&mut self, len: usize) -> bool {
                self.resize_with(len, Default::default);
                true
            }
        }
    )*};
}

lists!(Cohort, FixedLine);

/// Price overrides: any key reads into an entry (validation checks the ids).
impl Edit for Overrides {
    fn step(&mut self, step: &Step) -> Option<&mut dyn Edit> {
        match step {
            Step::Field(key) => Some(self.slot(key)),
            Step::Index(_) => None,
        }
    }

    fn keyed(&self) -> bool {
        true
    }
}

/// `Edit` for a struct from its fields' names.
macro_rules! structs {
    ($($ty:ident { $($field:ident: $name:literal),* $(,)? })*) => {$(
        impl Edit for $ty {
            fn step(&mut self, step: &Step) -> Option<&mut dyn Edit> {
                match step {
                    $(Step::Field($name) => Some(&mut self.$field),)*
                    _ => None,
                }
            }

            fn fields(&self) -> Option<&'static [&'static str]> {
                Some(&[$($name),*])
            }
        }
    )*};
}

/// `Edit` for a unit-only enum from its variants' names.
macro_rules! enums {
    ($($ty:ident { $($variant:ident: $name:literal),* $(,)? })*) => {$(
        impl Edit for $ty {
            fn assign(&mut self, value: &FieldValue, path: &str) -> Result<(), Error> {
                match value {
                    $(FieldValue::Text(t) if t == $name => *self = $ty::$variant,)*
                    _ => return Err(Error::single(path, value.to_string(), concat!("one of" $(, " ", $name)*))),
                }
                Ok(())
            }
        }
    )*};
}

structs! {
    Scenario {
        schema_version: "schemaVersion", name: "name", price_book: "priceBook", customers: "customers",
        typical_customer: "typicalCustomer", cloud_run: "cloudRun", firestore: "firestore", network: "network",
        redis: "redis", operations: "operations", discounts: "discounts", price_overrides: "priceOverrides",
        allocation: "allocation",
    }
    Cohort { name: "name", count: "count", profile: "profile" }
    CustomerProfile {
        peak_qps: "peakQps", avg_qps: "avgQps", peak_hours_per_day: "peakHoursPerDay",
        firestore_reads_per_day: "firestoreReadsPerDay", firestore_writes_per_day: "firestoreWritesPerDay",
        firestore_deletes_per_day: "firestoreDeletesPerDay", stored_gb: "storedGb",
        egress_gb_per_month: "egressGbPerMonth", acv_usd: "acvUsd", cpu_ms_per_request: "cpuMsPerRequest",
    }
    CloudRun {
        regions: "regions", vcpu: "vcpu", memory_gib: "memoryGib", min_instances: "minInstances",
        max_instances: "maxInstances", max_concurrency: "maxConcurrency", target_utilization: "targetUtilization",
        service_time_p50_ms: "serviceTimeP50Ms", service_time_p95_ms: "serviceTimeP95Ms", billing: "billing", cold_start_s: "coldStartS",
        latency_target_p95_ms: "latencyTargetP95Ms",
    }
    Firestore { location: "location", composite_indexes: "compositeIndexes", pitr: "pitr", backup_retention_days: "backupRetentionDays" }
    Network {
        tier: "tier", load_balancer: "loadBalancer", forwarding_rules: "forwardingRules", request_kib: "requestKib",
        cdn: "cdn", cdn_hit_ratio: "cdnHitRatio", cdn_cacheable_share: "cdnCacheableShare",
        cdn_lookup_share: "cdnLookupShare", armor_policies: "armorPolicies", armor_rules: "armorRules",
    }
    Redis { enabled: "enabled", tier: "tier", size_gb: "sizeGb", read_absorption: "readAbsorption" }
    FixedLine { label: "label", monthly_usd: "monthlyUsd" }
    Operations {
        log_bytes_per_request: "logBytesPerRequest", metrics_mib_per_month: "metricsMibPerMonth",
        fixed_lines: "fixedLines", free_tiers: "freeTiers",
    }
    Discounts { cud: "cud", cud_coverage: "cudCoverage", negotiated_pct: "negotiatedPct" }
}

enums! {
    Billing { Request: "request", Instance: "instance" }
    FirestoreLocation { Regional: "regional", MultiRegion: "multiRegion" }
    NetworkTier { Premium: "premium", Standard: "standard" }
    LoadBalancer { Regional: "regional", Global: "global" }
    RedisTier { Basic: "basic", Standard: "standard" }
    CudTerm { None: "none", OneYear: "oneYear", ThreeYear: "threeYear" }
    Allocation { Equal: "equal", ByUsage: "byUsage", ByAcv: "byAcv" }
}

fn object(node: &mut dyn Edit, entries: Vec<(String, Tree)>, at: At) -> Result<(), Error> {
    let names = node.fields();
    if let Some(name) = names.and_then(|n| n.iter().find(|&&name| !entries.iter().any(|(k, _)| k == name))) {
        return Err(Error::single(At::Field(&at, name).to_string(), "", "a value (the field is missing)"));
    }
    for (key, value) in entries {
        let here = At::Field(&at, &key);
        if names.is_some_and(|n| !n.contains(&key.as_str())) {
            let known = names.unwrap_or_default().join(", ");
            return Err(Error::single(here.to_string(), "", format!("no such field; known: {known}")));
        }
        let child = node.step(&Step::Field(&key)).ok_or_else(|| Error::single(here.to_string(), "", GROUP))?;
        read(child, value, here)?;
    }
    Ok(())
}

/// Reads `tree` into `node`, the part of the scenario at `at`.
fn read(node: &mut dyn Edit, tree: Tree, at: At) -> Result<(), Error> {
    match tree {
        Tree::Object(_) if !node.keyed() => Err(Error::single(at.to_string(), "an object", NOT_GROUP)),
        Tree::Object(entries) => object(node, entries, at),
        Tree::List(items) => {
            if !node.resize(items.len()) {
                return Err(Error::single(at.to_string(), "a list", NOT_GROUP));
            }
            for (i, item) in items.into_iter().enumerate() {
                let child = node.step(&Step::Index(i)).ok_or_else(|| Error::single(at.to_string(), "", GROUP))?;
                read(child, item, At::Index(&at, i))?;
            }
            Ok(())
        }
        Tree::Leaf(value) => node.assign(&value, &at.to_string()),
    }
}

impl Scenario {
    /// Reads a scenario from a value tree without validating it; errors name the field path.
    pub(crate) fn read_tree(tree: Tree) -> Result<Scenario, Error> {
        let mut scenario = Scenario::default();
        read(&mut scenario, tree, At::Root)?;
        Ok(scenario)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree_of(s: &Scenario) -> Tree {
        serde_json::from_value(serde_json::to_value(s).unwrap()).unwrap()
    }

    #[test]
    fn every_preset_round_trips_through_the_tree() {
        for id in crate::model::preset_ids() {
            let s = crate::model::preset(id).unwrap();
            assert_eq!(Scenario::read_tree(tree_of(&s)).unwrap(), s, "{id}");
        }
    }

    /// Phase 1 as a tree, with `key` of the third cohort's profile set to `value` (or removed).
    fn error(key: &str, value: Option<Tree>) -> String {
        let s = crate::model::preset("phase1-3-customers").unwrap();
        let mut json = serde_json::to_value(&s).unwrap();
        let profile = json["customers"][2]["profile"].as_object_mut().unwrap();
        profile.remove(key);
        let mut tree: Tree = serde_json::from_value(json).unwrap();
        if let Some(v) = value {
            let Tree::Object(root) = &mut tree else { panic!("object") };
            let Tree::List(cohorts) = &mut root.iter_mut().find(|(k, _)| k == "customers").unwrap().1 else { panic!() };
            let Tree::Object(cohort) = &mut cohorts[2] else { panic!("object") };
            let Tree::Object(p) = &mut cohort.iter_mut().find(|(k, _)| k == "profile").unwrap().1 else { panic!() };
            p.push((key.to_string(), v));
        }
        Scenario::read_tree(tree).unwrap_err().to_string()
    }

    #[test]
    fn errors_name_the_path() {
        let text = |t: &str| Some(Tree::Leaf(FieldValue::Text(t.into())));
        assert_eq!(error("peakQps", text("x")), "customers[2].profile.peakQps = \"x\": allowed a number");
        assert_eq!(
            error("acvUsd", Some(Tree::Leaf(FieldValue::Clear))),
            "customers[2].profile.acvUsd = null: allowed a number"
        );
        assert_eq!(error("acvUsd", None), "customers[2].profile.acvUsd: a value (the field is missing)");
        assert!(error("bogus", text("1")).starts_with("customers[2].profile.bogus: no such field; known: peakQps"));
        assert_eq!(
            error("peakQps", Some(Tree::List(vec![]))),
            "customers[2].profile.peakQps = a list: allowed a value of this field's own kind"
        );
    }
}
