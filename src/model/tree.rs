//! Reading a scenario from a value tree (a JS object or JSON read into [`serde_value::Value`]).
//!
//! This is written out instead of derived: serde's derived `Deserialize`, with the path
//! tracking errors need, came to about 190 KB of WebAssembly, more than the page's whole
//! budget. Here each struct is a list of its field names (the same camelCase names its
//! `Serialize` writes; a round-trip test keeps them in step), unknown fields are refused, and
//! every error names the field path.

use std::collections::BTreeMap;
use std::fmt;

use serde_value::Value;

use super::error::Error;
use super::scenario::*;
use super::text::Num;

/// Where in the tree a value sits; formatted only for an error.
#[derive(Clone, Copy)]
pub(crate) enum At<'a> {
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

fn wrong(at: At, expected: &str, found: &Value) -> Error {
    let found = match found {
        Value::Bool(b) => b.to_string(),
        Value::String(s) => format!("{s:?}"),
        Value::Seq(_) => "a list".into(),
        Value::Map(_) => "an object".into(),
        Value::Unit | Value::Option(None) => "null".into(),
        other => number(other).map_or_else(|| "a value of another kind".into(), |x| Num(x).to_string()),
    };
    Error::single(at.to_string(), found, expected)
}

fn number(v: &Value) -> Option<f64> {
    Some(match *v {
        Value::F64(x) => x,
        Value::F32(x) => f64::from(x),
        Value::I64(x) => x as f64,
        Value::U64(x) => x as f64,
        Value::I32(x) => f64::from(x),
        Value::U32(x) => f64::from(x),
        Value::I16(x) => f64::from(x),
        Value::U16(x) => f64::from(x),
        Value::I8(x) => f64::from(x),
        Value::U8(x) => f64::from(x),
        _ => return None,
    })
}

/// A type read from a value tree.
pub(crate) trait FromTree: Sized {
    fn from_tree(v: Value, at: At) -> Result<Self, Error>;
}

impl FromTree for f64 {
    fn from_tree(v: Value, at: At) -> Result<Self, Error> {
        number(&v).ok_or_else(|| wrong(at, "a number", &v))
    }
}

impl FromTree for u32 {
    fn from_tree(v: Value, at: At) -> Result<Self, Error> {
        match number(&v) {
            Some(x) if x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&x) => Ok(x as u32),
            _ => Err(wrong(at, "a whole number", &v)),
        }
    }
}

impl FromTree for bool {
    fn from_tree(v: Value, at: At) -> Result<Self, Error> {
        match v {
            Value::Bool(b) => Ok(b),
            other => Err(wrong(at, "true or false", &other)),
        }
    }
}

impl FromTree for String {
    fn from_tree(v: Value, at: At) -> Result<Self, Error> {
        match v {
            Value::String(s) => Ok(s),
            other => Err(wrong(at, "text", &other)),
        }
    }
}

impl<T: FromTree> FromTree for Vec<T> {
    fn from_tree(v: Value, at: At) -> Result<Self, Error> {
        match v {
            Value::Seq(items) => {
                items.into_iter().enumerate().map(|(i, item)| T::from_tree(item, At::Index(&at, i))).collect()
            }
            other => Err(wrong(at, "a list", &other)),
        }
    }
}

impl FromTree for BTreeMap<String, f64> {
    fn from_tree(v: Value, at: At) -> Result<Self, Error> {
        let mut map = BTreeMap::new();
        for (key, value) in entries(v, at)? {
            let x = f64::from_tree(value, At::Field(&at, &key))?;
            map.insert(key, x);
        }
        Ok(map)
    }
}

/// The entries of an object, keys as text.
fn entries(v: Value, at: At) -> Result<Vec<(String, Value)>, Error> {
    let Value::Map(map) = v else {
        return Err(wrong(at, "an object", &v));
    };
    map.into_iter()
        .map(|(k, v)| match k {
            Value::String(key) => Ok((key, v)),
            other => Err(wrong(at, "text keys", &other)),
        })
        .collect()
}

/// An object's fields by name, refusing any not in `known`.
pub(crate) struct Fields<'a> {
    at: At<'a>,
    fields: Vec<(String, Value)>,
}

impl<'a> Fields<'a> {
    fn read(v: Value, at: At<'a>, known: &[&str]) -> Result<Self, Error> {
        let fields = entries(v, at)?;
        if let Some((key, _)) = fields.iter().find(|(key, _)| !known.contains(&key.as_str())) {
            let allowed = format!("no such field; known: {}", known.join(", "));
            return Err(Error::single(At::Field(&at, key).to_string(), "", allowed));
        }
        Ok(Fields { at, fields })
    }

    fn take<T: FromTree>(&mut self, name: &str) -> Result<T, Error> {
        let at = At::Field(&self.at, name);
        match self.fields.iter().position(|(key, _)| key == name) {
            Some(i) => T::from_tree(self.fields.swap_remove(i).1, at),
            None => Err(Error::single(at.to_string(), "", "a value (the field is missing)")),
        }
    }
}

/// `FromTree` for a struct from its fields' names.
macro_rules! structs {
    ($($ty:ident { $($field:ident: $name:literal),* $(,)? })*) => {$(
        impl FromTree for $ty {
            fn from_tree(v: Value, at: At) -> Result<Self, Error> {
                let mut f = Fields::read(v, at, &[$($name),*])?;
                Ok($ty { $($field: f.take($name)?),* })
            }
        }
    )*};
}

/// `FromTree` for a unit-only enum from its variants' names.
macro_rules! enums {
    ($($ty:ident { $($variant:ident: $name:literal),* $(,)? })*) => {$(
        impl FromTree for $ty {
            fn from_tree(v: Value, at: At) -> Result<Self, Error> {
                match &v {
                    $(Value::String(s) if s == $name => Ok($ty::$variant),)*
                    _ => Err(wrong(at, concat!("one of" $(, " ", $name)*), &v)),
                }
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
        egress_gb_per_month: "egressGbPerMonth", acv_usd: "acvUsd",
    }
    CloudRun {
        regions: "regions", vcpu: "vcpu", memory_gib: "memoryGib", min_instances: "minInstances",
        max_instances: "maxInstances", max_concurrency: "maxConcurrency", target_utilization: "targetUtilization",
        service_time_ms: "serviceTimeMs", billing: "billing", cold_start_s: "coldStartS",
        latency_target_p95_ms: "latencyTargetP95Ms",
    }
    Firestore { location: "location", composite_indexes: "compositeIndexes", pitr: "pitr", backup_retention_days: "backupRetentionDays" }
    Network {
        tier: "tier", load_balancer: "loadBalancer", forwarding_rules: "forwardingRules", request_kib: "requestKib",
        cdn: "cdn", cdn_hit_ratio: "cdnHitRatio",
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_round_trips_through_the_tree() {
        for id in crate::model::preset_ids() {
            let s = crate::model::preset(id).unwrap();
            let tree = serde_value::to_value(&s).unwrap();
            assert_eq!(Scenario::read_tree(tree).unwrap(), s, "{id}");
        }
    }

    /// Phase 1 as a tree, with `key` of the third cohort's profile set to `value`.
    fn with_profile_field(key: &str, value: Value) -> Value {
        let s = crate::model::preset("phase1-3-customers").unwrap();
        let mut tree = serde_value::to_value(&s).unwrap();
        let Value::Map(root) = &mut tree else { panic!("object") };
        let Some(Value::Seq(list)) = root.get_mut(&Value::String("customers".into())) else { panic!("list") };
        let Value::Map(cohort) = &mut list[2] else { panic!("object") };
        let Some(Value::Map(profile)) = cohort.get_mut(&Value::String("profile".into())) else { panic!("object") };
        profile.insert(Value::String(key.into()), value);
        tree
    }

    #[test]
    fn errors_name_the_path() {
        let e = Scenario::read_tree(with_profile_field("peakQps", Value::String("x".into()))).unwrap_err();
        assert_eq!(e.to_string(), "customers[2].profile.peakQps = \"x\": allowed a number");
        let e = Scenario::read_tree(with_profile_field("bogus", Value::U8(1))).unwrap_err();
        assert!(e.to_string().starts_with("customers[2].profile.bogus: no such field; known: peakQps"), "{e}");
        let e = Scenario::read_tree(with_profile_field("acvUsd", Value::Unit)).unwrap_err();
        assert_eq!(e.to_string(), "customers[2].profile.acvUsd = null: allowed a number");
    }
}
