//! The table: one row per leaf field of the scenario ([`FIELDS`]), each with its kind, unit,
//! static range, label, group, default and its access to the value in a [`Scenario`]; and the
//! scenario's lists of groups ([`LISTS`]).

use std::fmt;

use serde::Serialize;

use super::values::{Choice, DefaultValue, FieldValue, Kind, Options, Slot, Value};
use crate::model::error::Error;
use crate::model::pricebook::MAX_PRICE_VALUE;
use crate::model::scenario::*;
use crate::model::text::Num;

/// How a row reads and writes its values in a scenario. A root field has one value (index 0);
/// a list item's field one per item.
#[derive(Clone, Copy)]
pub(super) struct Access {
    /// How many values the row has in `s`.
    pub(super) len: fn(&Scenario) -> usize,
    /// The value at `index` (< len).
    pub(super) get: fn(&Scenario, usize) -> Option<Value<'_>>,
    /// Writes the value at `index` (< len); false for a value of the wrong kind or no such item.
    pub(super) put: fn(&mut Scenario, usize, &FieldValue) -> bool,
}

/// Access to a field outside any list, e.g. `cloud_run.vcpu`.
macro_rules! root {
    ($($f:ident).+) => {
        Access { len: |_| 1, get: |s, _| Some(s.$($f).+.view()), put: |s, _, v| s.$($f).+.put(v) }
    };
}

/// Access to a field of each item of a list, e.g. `customers` and `profile.peak_qps`.
macro_rules! item {
    ($($list:ident).+ ; $($f:ident).+) => {
        Access {
            len: |s| s.$($list).+.len(),
            get: |s, i| s.$($list).+.get(i).map(|x| x.$($f).+.view()),
            put: |s, i, v| s.$($list).+.get_mut(i).is_some_and(|x| x.$($f).+.put(v)),
        }
    };
}

/// One leaf field of the scenario.
#[derive(Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Fields.ts"))]
pub struct Field {
    /// The field's number in share links: unique, and never reused for another field once a
    /// schema version is released (old links keep their meaning).
    pub tag: u16,
    /// The schema version that brought the field: a file or link of an earlier version lacks
    /// it, and migration sets it.
    pub since: u32,
    /// The path pattern: `[]` for any list item, `*` for any map key, e.g.
    /// `customers[].profile.acvUsd`.
    pub path: &'static str,
    /// The kind of value.
    pub kind: Kind,
    /// The options of a [`Kind::Choice`]; empty otherwise.
    pub options: &'static [Choice],
    /// The unit of a number (e.g. `ms`, `USD`, `GiB`), or empty.
    pub unit: &'static str,
    /// Lower bound, by kind (see [`Kind`]).
    pub min: f64,
    /// Upper bound, by kind (see [`Kind`]).
    pub max: f64,
    /// The field for people, e.g. `Peak QPS`.
    pub label: &'static str,
    /// Where the page shows it, e.g. `Cloud Run`.
    pub group: &'static str,
    /// The value in a new scenario (or a new list item).
    #[cfg_attr(test, ts(type = "number | boolean | string | string[] | null"))]
    pub default: DefaultValue,
    #[serde(skip)]
    #[cfg_attr(test, ts(skip))]
    pub(super) access: Access,
}

/// Rows are equal when they are the same row.
impl PartialEq for Field {
    fn eq(&self, other: &Field) -> bool {
        self.path == other.path
    }
}

impl fmt::Debug for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.path)
    }
}

/// A row's metadata without the access, for the short constructors below.
struct Meta {
    tag: u16,
    since: u32,
    path: &'static str,
    label: &'static str,
    group: &'static str,
}

const fn row(
    m: Meta,
    kind: Kind,
    unit: &'static str,
    range: (f64, f64),
    default: DefaultValue,
    access: Access,
) -> Field {
    let options: &'static [Choice] = &[];
    Field {
        tag: m.tag,
        since: m.since,
        path: m.path,
        kind,
        options,
        unit,
        min: range.0,
        max: range.1,
        label: m.label,
        group: m.group,
        default,
        access,
    }
}

const fn number(m: Meta, unit: &'static str, min: f64, max: f64, default: f64, access: Access) -> Field {
    row(m, Kind::Number, unit, (min, max), DefaultValue::Number(default), access)
}

const fn whole(m: Meta, min: u32, max: u32, default: u32, access: Access) -> Field {
    row(m, Kind::Whole, "", (min as f64, max as f64), DefaultValue::Number(default as f64), access)
}

const fn switch(m: Meta, default: bool, access: Access) -> Field {
    row(m, Kind::Switch, "", (0.0, 0.0), DefaultValue::Bool(default), access)
}

const fn text(m: Meta, min: u32, max: u32, default: &'static str, access: Access) -> Field {
    row(m, Kind::Text, "", (min as f64, max as f64), DefaultValue::Text(default), access)
}

const fn choice<T: Options>(m: Meta, default: &'static str, access: Access) -> Field {
    let mut f = row(m, Kind::Choice, "", (0.0, 0.0), DefaultValue::Text(default), access);
    f.options = T::CHOICES;
    f
}

const fn at(tag: u16, path: &'static str, label: &'static str, group: &'static str) -> Meta {
    Meta { tag, since: 1, path, label, group }
}

/// A field that schema version 2 brought.
const fn v2(m: Meta) -> Meta {
    Meta { since: 2, ..m }
}

/// A field that schema version 3 brought.
const fn v3(tag: u16, path: &'static str, label: &'static str, group: &'static str) -> Meta {
    Meta { tag, since: 3, path, label, group }
}

/// A field that schema version 4 brought.
const fn v4(tag: u16, path: &'static str, label: &'static str, group: &'static str) -> Meta {
    Meta { tag, since: 4, path, label, group }
}

/// A field that schema version 5 brought.
const fn v5(tag: u16, path: &'static str, label: &'static str, group: &'static str) -> Meta {
    Meta { tag, since: 5, path, label, group }
}

/// The largest peak or mean QPS of a profile.
pub(crate) const MAX_QPS: f64 = 1e5;
/// The largest Firestore reads, writes or deletes a day of a profile.
pub(crate) const MAX_OPS_PER_DAY: f64 = 1e10;
/// The largest stored GB of a profile.
pub(crate) const MAX_STORED_GB: f64 = 1e5;
/// The largest egress GB a month of a profile.
pub(crate) const MAX_EGRESS_GB: f64 = 1e7;
/// The largest CPU per request of a profile, vCPU-ms.
pub(crate) const MAX_CPU_MS: f64 = 60_000.0;

const SCENARIO: &str = "Scenario";
const COHORTS: &str = "Customer cohorts";
const TYPICAL: &str = "New-customer template";
const RUN: &str = "Cloud Run";
const FIRESTORE: &str = "Firestore";
const NETWORK: &str = "Network";
const REDIS: &str = "Memorystore for Redis";
const OPERATIONS: &str = "Operations";
const FIXED: &str = "Fixed monthly lines";
const DISCOUNTS: &str = "Discounts and allocation";
const RANGES: &str = "Usage ranges";
const CURRENCY: &str = "Currency";
const TIMELINE: &str = "Customer cohorts";
const REQUIREMENTS: &str = "Requirements";
const DEAL: &str = "Deal";

/// Access to a cohort's profile field.
macro_rules! cohort {
    ($f:ident) => {
        item!(customers; profile.$f)
    };
}

/// Access to the new-customer template's field.
macro_rules! typical {
    ($f:ident) => {
        root!(typical_customer.$f)
    };
}

/// A customer profile's rows, with paths from `$prefix`, access by the macro `$access` and
/// defaults `$d` (peak QPS, mean QPS, peak hours, reads, writes, deletes, GB, egress GB, ACV).
macro_rules! profile_rows {
    ($prefix:literal, $tag:expr, $cpu_tag:expr, $group:expr, $access:ident, $d:expr) => {
        [
            number(
                at($tag + 0, concat!($prefix, "peakQps"), "Peak QPS", $group),
                "requests/s",
                0.0,
                MAX_QPS,
                $d[0],
                $access!(peak_qps),
            ),
            number(
                at($tag + 1, concat!($prefix, "avgQps"), "Mean QPS", $group),
                "requests/s",
                0.0,
                MAX_QPS,
                $d[1],
                $access!(avg_qps),
            ),
            number(
                at($tag + 2, concat!($prefix, "peakHoursPerDay"), "Peak hours per day", $group),
                "h",
                0.5,
                24.0,
                $d[2],
                $access!(peak_hours_per_day),
            ),
            number(
                at($tag + 3, concat!($prefix, "firestoreReadsPerDay"), "Reads per day", $group),
                "reads/day",
                0.0,
                MAX_OPS_PER_DAY,
                $d[3],
                $access!(firestore_reads_per_day),
            ),
            number(
                at($tag + 4, concat!($prefix, "firestoreWritesPerDay"), "Writes per day", $group),
                "writes/day",
                0.0,
                MAX_OPS_PER_DAY,
                $d[4],
                $access!(firestore_writes_per_day),
            ),
            number(
                at($tag + 5, concat!($prefix, "firestoreDeletesPerDay"), "Deletes per day", $group),
                "deletes/day",
                0.0,
                MAX_OPS_PER_DAY,
                $d[5],
                $access!(firestore_deletes_per_day),
            ),
            number(
                at($tag + 6, concat!($prefix, "storedGb"), "Stored GB", $group),
                "GB",
                0.0,
                MAX_STORED_GB,
                $d[6],
                $access!(stored_gb),
            ),
            number(
                at($tag + 7, concat!($prefix, "egressGbPerMonth"), "Egress GB per month", $group),
                "GB/month",
                0.0,
                MAX_EGRESS_GB,
                $d[7],
                $access!(egress_gb_per_month),
            ),
            number(
                at($tag + 8, concat!($prefix, "acvUsd"), "ACV (USD)", $group),
                "USD",
                0.0,
                1e9,
                $d[8],
                $access!(acv_usd),
            ),
            number(
                v2(at($cpu_tag, concat!($prefix, "cpuMsPerRequest"), "CPU per request", $group)),
                "vCPU-ms",
                0.0,
                MAX_CPU_MS,
                $d[9],
                $access!(cpu_ms_per_request),
            ),
        ]
    };
}

const HEAD: [Field; 5] = [
    // A scenario in memory is always of this version: files and links of earlier ones are
    // migrated as they are read, so nothing sets it to another.
    whole(
        at(1, "schemaVersion", "Schema version", SCENARIO),
        SCHEMA_VERSION,
        SCHEMA_VERSION,
        SCHEMA_VERSION,
        root!(schema_version),
    ),
    text(at(2, "name", "Scenario name", SCENARIO), 0, 120, "", root!(name)),
    text(at(3, "priceBook", "Price book", SCENARIO), 1, 64, "gcp-us-central1-2026-11", root!(price_book)),
    text(at(4, "customers[].name", "Name", COHORTS), 1, 120, "Customer", item!(customers; name)),
    whole(at(5, "customers[].count", "Count", COHORTS), 0, 100_000, 1, item!(customers; count)),
];

/// A cohort's profile: by default the seed's first customer.
pub(super) const COHORT_PROFILE: [Field; 10] = profile_rows!(
    "customers[].profile.",
    6,
    63,
    COHORTS,
    cohort,
    [50.0, 15.0, 2.0, 8_000.0, 4_000.0, 100.0, 2.0, 400.0, 50_000.0, 6.0]
);
/// The new-customer template: by default the seed's typical new customer.
pub(super) const TYPICAL_PROFILE: [Field; 10] = profile_rows!(
    "typicalCustomer.",
    15,
    64,
    TYPICAL,
    typical,
    [45.0, 13.5, 2.0, 17_000.0, 8_000.0, 200.0, 2.0, 400.0, 40_000.0, 6.0]
);

const SERVICES: [Field; 41] = [
    row(
        at(24, "cloudRun.regions", "Regions", RUN),
        Kind::List,
        "",
        (1.0, 20.0),
        DefaultValue::List(&["us-central1"]),
        root!(cloud_run.regions),
    ),
    number(at(25, "cloudRun.vcpu", "vCPU per instance", RUN), "vCPU", 0.08, 8.0, 1.0, root!(cloud_run.vcpu)),
    number(
        at(26, "cloudRun.memoryGib", "Memory per instance", RUN),
        "GiB",
        0.5,
        32.0,
        0.5,
        root!(cloud_run.memory_gib),
    ),
    whole(at(27, "cloudRun.minInstances", "Min instances per region", RUN), 0, 1000, 1, root!(cloud_run.min_instances)),
    whole(
        at(28, "cloudRun.maxInstances", "Max instances per region", RUN),
        1,
        1000,
        10,
        root!(cloud_run.max_instances),
    ),
    whole(
        at(29, "cloudRun.maxConcurrency", "Concurrent requests per instance", RUN),
        1,
        1000,
        80,
        root!(cloud_run.max_concurrency),
    ),
    number(
        at(30, "cloudRun.targetUtilization", "Target utilisation", RUN),
        "",
        0.1,
        1.0,
        0.6,
        root!(cloud_run.target_utilization),
    ),
    // Tag 31 was version 1's `cloudRun.serviceTimeMs` (see migrate.rs); never reuse it.
    number(
        v2(at(61, "cloudRun.serviceTimeP50Ms", "Service time, median at low load", RUN)),
        "ms",
        0.5,
        60_000.0,
        50.0,
        root!(cloud_run.service_time_p50_ms),
    ),
    number(
        v2(at(62, "cloudRun.serviceTimeP95Ms", "Service time, p95 at low load", RUN)),
        "ms",
        0.5,
        200_000.0,
        120.0,
        root!(cloud_run.service_time_p95_ms),
    ),
    number(
        v5(91, "cloudRun.serviceTimeP99Ms", "Service time, p99 at low load (0: not measured)", RUN),
        "ms",
        0.0,
        200_000.0,
        0.0,
        root!(cloud_run.service_time_p99_ms),
    ),
    choice::<Billing>(at(32, "cloudRun.billing", "Billing", RUN), "request", root!(cloud_run.billing)),
    choice::<Rounding>(
        v5(90, "cloudRun.billingRounding", "Request-based billing rounds up to 100 ms", RUN),
        "perBusyPeriod",
        root!(cloud_run.billing_rounding),
    ),
    number(at(33, "cloudRun.coldStartS", "Cold start", RUN), "s", 0.0, 300.0, 5.0, root!(cloud_run.cold_start_s)),
    number(
        at(34, "cloudRun.latencyTargetP95Ms", "p95 latency target", RUN),
        "ms",
        1.0,
        60_000.0,
        500.0,
        root!(cloud_run.latency_target_p95_ms),
    ),
    choice::<FirestoreLocation>(
        at(35, "firestore.location", "Location", FIRESTORE),
        "regional",
        root!(firestore.location),
    ),
    whole(
        at(36, "firestore.compositeIndexes", "Composite indexes", FIRESTORE),
        0,
        10_000,
        0,
        root!(firestore.composite_indexes),
    ),
    switch(at(37, "firestore.pitr", "Point-in-time recovery", FIRESTORE), false, root!(firestore.pitr)),
    whole(
        at(38, "firestore.backupRetentionDays", "Daily backups kept (days)", FIRESTORE),
        0,
        14,
        7,
        root!(firestore.backup_retention_days),
    ),
    choice::<NetworkTier>(at(39, "network.tier", "Network tier", NETWORK), "premium", root!(network.tier)),
    choice::<LoadBalancer>(
        at(40, "network.loadBalancer", "Load balancer", NETWORK),
        "regional",
        root!(network.load_balancer),
    ),
    whole(at(41, "network.forwardingRules", "Forwarding rules", NETWORK), 1, 100, 1, root!(network.forwarding_rules)),
    number(
        at(42, "network.requestKib", "Mean request size", NETWORK),
        "KiB",
        0.0,
        10_240.0,
        2.0,
        root!(network.request_kib),
    ),
    switch(at(43, "network.cdn", "CDN", NETWORK), false, root!(network.cdn)),
    number(at(44, "network.cdnHitRatio", "CDN hit ratio", NETWORK), "", 0.0, 1.0, 0.5, root!(network.cdn_hit_ratio)),
    number(
        v2(at(65, "network.cdnCacheableShare", "Share of responses the CDN may cache", NETWORK)),
        "",
        0.0,
        1.0,
        0.5,
        root!(network.cdn_cacheable_share),
    ),
    number(
        v2(at(66, "network.cdnLookupShare", "Share of requests that are GET or HEAD", NETWORK)),
        "",
        0.0,
        1.0,
        1.0,
        root!(network.cdn_lookup_share),
    ),
    whole(
        v2(at(67, "network.armorPolicies", "Cloud Armor policies", NETWORK)),
        0,
        100,
        0,
        root!(network.armor_policies),
    ),
    whole(v2(at(68, "network.armorRules", "Cloud Armor rules", NETWORK)), 0, 1000, 0, root!(network.armor_rules)),
    choice::<ArmorPolicyType>(
        v5(92, "network.armorPolicyType", "Cloud Armor policy type", NETWORK),
        "backend",
        root!(network.armor_policy_type),
    ),
    switch(at(45, "redis.enabled", "Redis cache", REDIS), false, root!(redis.enabled)),
    choice::<RedisTier>(at(46, "redis.tier", "Redis tier", REDIS), "basic", root!(redis.tier)),
    number(at(47, "redis.sizeGb", "Redis size", REDIS), "GB", 1.0, 300.0, 1.0, root!(redis.size_gb)),
    number(
        at(48, "redis.readAbsorption", "Share of reads Redis answers", REDIS),
        "",
        0.0,
        1.0,
        0.5,
        root!(redis.read_absorption),
    ),
    number(
        at(49, "operations.logBytesPerRequest", "Log bytes per request", OPERATIONS),
        "bytes",
        0.0,
        1e6,
        500.0,
        root!(operations.log_bytes_per_request),
    ),
    number(
        at(50, "operations.metricsMibPerMonth", "Metrics ingested", OPERATIONS),
        "MiB/month",
        0.0,
        1e7,
        0.0,
        root!(operations.metrics_mib_per_month),
    ),
    switch(at(51, "operations.freeTiers", "Apply free tiers", OPERATIONS), true, root!(operations.free_tiers)),
    text(
        at(52, "operations.fixedLines[].label", "Label", FIXED),
        1,
        120,
        "New line",
        item!(operations.fixed_lines; label),
    ),
    number(
        at(53, "operations.fixedLines[].monthlyUsd", "USD per month", FIXED),
        "USD/month",
        0.0,
        1e7,
        0.0,
        item!(operations.fixed_lines; monthly_usd),
    ),
    choice::<CudTerm>(at(54, "discounts.cud", "Committed use discount", DISCOUNTS), "none", root!(discounts.cud)),
    number(
        at(55, "discounts.cudCoverage", "Commitment, share of steady spend", DISCOUNTS),
        "",
        0.0,
        2.0,
        1.0,
        root!(discounts.cud_coverage),
    ),
    number(
        at(56, "discounts.negotiatedPct", "Negotiated discount", DISCOUNTS),
        "%",
        0.0,
        100.0,
        0.0,
        root!(discounts.negotiated_pct),
    ),
];

const TAIL: [Field; 2] = [
    choice::<Allocation>(at(57, "allocation", "Shared cost allocated", DISCOUNTS), "byUsage", root!(allocation)),
    // Read and written through `Overrides` by key (see `overrides`); the access here is unused.
    row(
        at(58, "priceOverrides.*", "Price override", "Prices"),
        Kind::Number,
        "",
        (0.0, MAX_PRICE_VALUE),
        DefaultValue::Absent,
        NO_ACCESS,
    ),
];

/// A cohort's place on the 12-month timeline (see `timeline.rs`).
const COHORT_TIMING: [Field; 2] = [
    whole(
        v3(84, "customers[].goLiveMonth", "Go-live month (1 to 12)", TIMELINE),
        1,
        12,
        1,
        item!(customers; go_live_month),
    ),
    whole(
        v3(85, "customers[].rampMonths", "Months to ramp to full load", TIMELINE),
        0,
        11,
        0,
        item!(customers; ramp_months),
    ),
];

/// A low percent of the typical value: 1 to 100, 100 by default (no range).
const fn low(tag: u16, path: &'static str, label: &'static str, access: Access) -> Field {
    number(v3(tag, path, label, RANGES), "%", 1.0, 100.0, 100.0, access)
}

/// A high percent of the typical value: 100 to 1,000, 100 by default (no range).
const fn high(tag: u16, path: &'static str, label: &'static str, access: Access) -> Field {
    number(v3(tag, path, label, RANGES), "%", 100.0, 1000.0, 100.0, access)
}

/// Usage ranges, then the currency.
const V3_ROOT: [Field; 15] = [
    low(69, "ranges.peakQpsLowPct", "Peak QPS, low (% of typical)", root!(ranges.peak_qps_low_pct)),
    high(70, "ranges.peakQpsHighPct", "Peak QPS, high (% of typical)", root!(ranges.peak_qps_high_pct)),
    low(71, "ranges.avgQpsLowPct", "Mean QPS, low (% of typical)", root!(ranges.avg_qps_low_pct)),
    high(72, "ranges.avgQpsHighPct", "Mean QPS, high (% of typical)", root!(ranges.avg_qps_high_pct)),
    low(73, "ranges.egressGbLowPct", "Egress, low (% of typical)", root!(ranges.egress_gb_low_pct)),
    high(74, "ranges.egressGbHighPct", "Egress, high (% of typical)", root!(ranges.egress_gb_high_pct)),
    low(
        75,
        "ranges.firestoreOpsLowPct",
        "Firestore reads, writes and deletes, low (% of typical)",
        root!(ranges.firestore_ops_low_pct),
    ),
    high(
        76,
        "ranges.firestoreOpsHighPct",
        "Firestore reads, writes and deletes, high (% of typical)",
        root!(ranges.firestore_ops_high_pct),
    ),
    low(77, "ranges.storedGbLowPct", "Stored GB, low (% of typical)", root!(ranges.stored_gb_low_pct)),
    high(78, "ranges.storedGbHighPct", "Stored GB, high (% of typical)", root!(ranges.stored_gb_high_pct)),
    low(
        79,
        "ranges.cpuMsPerRequestLowPct",
        "CPU per request, low (% of typical)",
        root!(ranges.cpu_ms_per_request_low_pct),
    ),
    high(
        80,
        "ranges.cpuMsPerRequestHighPct",
        "CPU per request, high (% of typical)",
        root!(ranges.cpu_ms_per_request_high_pct),
    ),
    choice::<CurrencyCode>(v3(81, "currency.code", "Currency", CURRENCY), "USD", root!(currency.code)),
    number(
        v3(82, "currency.perUsd", "Exchange rate (units for 1 USD)", CURRENCY),
        "per USD",
        0.000_001,
        1_000_000.0,
        1.0,
        root!(currency.per_usd),
    ),
    text(v3(83, "currency.rateDate", "Rate date (YYYY-MM-DD)", CURRENCY), 0, 10, "", root!(currency.rate_date)),
];

/// Stated requirements the savings respect.
const V4_ROOT: [Field; 4] = [
    whole(
        v4(86, "requirements.minRegions", "Regions required at least", REQUIREMENTS),
        1,
        20,
        1,
        root!(requirements.min_regions),
    ),
    whole(
        v4(87, "requirements.minWarmInstances", "Warm instances required per region", REQUIREMENTS),
        0,
        1000,
        0,
        root!(requirements.min_warm_instances),
    ),
    number(
        v4(88, "requirements.maxCpuAtPeakPct", "Highest CPU at peak allowed", REQUIREMENTS),
        "%",
        1.0,
        100.0,
        100.0,
        root!(requirements.max_cpu_at_peak_pct),
    ),
    switch(
        v4(89, "requirements.multiRegionFirestore", "Multi-region Firestore required", REQUIREMENTS),
        false,
        root!(requirements.multi_region_firestore),
    ),
];

/// The prospect deal (tags 100 to 129 are the deal's): who, at what ACV, and its usage.
const V5_DEAL: [Field; 17] = [
    text(v5(100, "deal.name", "Prospect name", DEAL), 0, 120, "", root!(deal.name)),
    number(v5(101, "deal.acvUsd", "ACV (USD a year)", DEAL), "USD", 0.0, 1e9, 0.0, root!(deal.acv_usd)),
    number(v5(102, "deal.targetMarginPct", "Target margin", DEAL), "%", 0.0, 99.9, 75.0, root!(deal.target_margin_pct)),
    choice::<DealBasis>(v5(103, "deal.basis", "Usage given as", DEAL), "peakQps", root!(deal.basis)),
    number(v5(104, "deal.peakQps", "Peak QPS", DEAL), "requests/s", 0.0, MAX_QPS, 0.0, root!(deal.peak_qps)),
    whole(v5(105, "deal.likeCohort", "Like cohort (index from 0)", DEAL), 0, 999, 0, root!(deal.like_cohort)),
    number(
        v5(106, "deal.timesTypical", "Times the typical customer", DEAL),
        "",
        0.0,
        1000.0,
        1.0,
        root!(deal.times_typical),
    ),
    number(v5(107, "deal.dailyUsers", "Daily active users", DEAL), "users", 0.0, 1e9, 0.0, root!(deal.daily_users)),
    number(
        v5(108, "deal.requestsPerUser", "Requests per user a day", DEAL),
        "requests/day",
        0.0,
        1e6,
        0.0,
        root!(deal.requests_per_user),
    ),
    number(
        v5(109, "deal.egressGbPerMonth", "Egress GB per month", DEAL),
        "GB/month",
        0.0,
        MAX_EGRESS_GB,
        0.0,
        root!(deal.egress_gb_per_month),
    ),
    number(v5(110, "deal.storedGb", "Stored GB", DEAL), "GB", 0.0, MAX_STORED_GB, 0.0, root!(deal.stored_gb)),
    switch(v5(111, "deal.ownRatios", "Set mean QPS, Firestore and CPU myself", DEAL), false, root!(deal.own_ratios)),
    number(v5(112, "deal.avgQps", "Mean QPS", DEAL), "requests/s", 0.0, MAX_QPS, 0.0, root!(deal.avg_qps)),
    number(
        v5(113, "deal.firestoreReadsPerDay", "Reads per day", DEAL),
        "reads/day",
        0.0,
        MAX_OPS_PER_DAY,
        0.0,
        root!(deal.firestore_reads_per_day),
    ),
    number(
        v5(114, "deal.firestoreWritesPerDay", "Writes per day", DEAL),
        "writes/day",
        0.0,
        MAX_OPS_PER_DAY,
        0.0,
        root!(deal.firestore_writes_per_day),
    ),
    number(
        v5(115, "deal.firestoreDeletesPerDay", "Deletes per day", DEAL),
        "deletes/day",
        0.0,
        MAX_OPS_PER_DAY,
        0.0,
        root!(deal.firestore_deletes_per_day),
    ),
    number(
        v5(116, "deal.cpuMsPerRequest", "CPU per request", DEAL),
        "vCPU-ms",
        0.0,
        MAX_CPU_MS,
        0.0,
        root!(deal.cpu_ms_per_request),
    ),
];

const NO_ACCESS: Access = Access { len: |_| 0, get: |_, _| None, put: |_, _, _| false };

/// Rows in all.
const ROWS: usize = HEAD.len()
    + COHORT_PROFILE.len()
    + COHORT_TIMING.len()
    + TYPICAL_PROFILE.len()
    + SERVICES.len()
    + TAIL.len()
    + V3_ROOT.len()
    + V4_ROOT.len()
    + V5_DEAL.len();

/// The table: one row per leaf field, in the order the scenario lists them.
pub static FIELDS: [Field; ROWS] =
    join([&HEAD, &COHORT_PROFILE, &COHORT_TIMING, &TYPICAL_PROFILE, &SERVICES, &TAIL, &V3_ROOT, &V4_ROOT, &V5_DEAL]);

const fn join<const N: usize, const P: usize>(parts: [&[Field]; P]) -> [Field; N] {
    let mut out = [parts[0][0]; N];
    let (mut k, mut p) = (0, 0);
    while p < parts.len() {
        let mut i = 0;
        while i < parts[p].len() {
            out[k] = parts[p][i];
            (k, i) = (k + 1, i + 1);
        }
        p += 1;
    }
    assert!(k == N, "every row is placed once");
    out
}

/// A list of groups in the scenario (cohorts, fixed lines): items are added and removed as a
/// whole, each field of a new item at its row's default.
#[derive(Debug)]
pub struct List {
    /// The list's number in share links (see [`Field::tag`]).
    pub tag: u16,
    /// The list's path, e.g. `customers`; its items' rows start with `customers[]`.
    pub path: &'static str,
    /// Items in a new scenario.
    pub default_len: usize,
    /// Items allowed at most.
    pub max_len: usize,
    len: fn(&Scenario) -> usize,
    resize: fn(&mut Scenario, usize),
}

/// The scenario's lists of groups.
pub static LISTS: [List; 2] = [
    List {
        tag: 59,
        path: "customers",
        default_len: 1,
        max_len: 1000,
        len: |s| s.customers.len(),
        resize: |s, n| s.customers.resize_with(n, Cohort::default),
    },
    List {
        tag: 60,
        path: "operations.fixedLines",
        default_len: 0,
        max_len: 50,
        len: |s| s.operations.fixed_lines.len(),
        resize: |s, n| s.operations.fixed_lines.resize_with(n, FixedLine::default),
    },
];

impl List {
    /// Items in `s`.
    pub fn len(&self, s: &Scenario) -> usize {
        (self.len)(s)
    }

    /// True when `s` has no items.
    pub fn is_empty(&self, s: &Scenario) -> bool {
        self.len(s) == 0
    }

    /// Makes the list `n` items long (at most `max_len`), new items at their defaults.
    ///
    /// # Errors
    /// `n` above `max_len`; the scenario is unchanged then.
    pub fn resize(&self, s: &mut Scenario, n: usize) -> Result<(), Error> {
        if n > self.max_len {
            return Err(Error::single(self.path, format!("{n} items"), format!("at most {} items", self.max_len)));
        }
        let old = self.len(s);
        (self.resize)(s, n);
        for field in FIELDS.iter().filter(|f| f.list() == Some(self.path)) {
            for i in old..n {
                (field.access.put)(s, i, &field.default.value());
            }
        }
        Ok(())
    }

    /// The list at `path`, if there is one.
    pub fn find(path: &str) -> Option<&'static List> {
        LISTS.iter().find(|l| l.path == path)
    }
}

impl Field {
    /// The list this row's field belongs to (`customers` for `customers[].name`), if any.
    pub fn list(&self) -> Option<&'static str> {
        self.path.split_once("[]").map(|(list, _)| list)
    }

    /// What the row allows, for messages, e.g. `a number from 0 to 1`.
    ///
    /// ```
    /// let f = headroom::model::FieldPath::parse("discounts.cud").unwrap().field;
    /// assert_eq!(f.allowed(), "one of none, oneYear, threeYear");
    /// ```
    pub fn allowed(&self) -> String {
        let (lo, hi) = (Num(self.min), Num(self.max));
        match self.kind {
            Kind::Number => format!("a number from {lo} to {hi}"),
            Kind::Whole => format!("a whole number from {lo} to {hi}"),
            Kind::Switch => "true or false".into(),
            Kind::Text => format!("text of {lo} to {hi} characters"),
            Kind::List => format!("{lo} to {hi} names of a-z, 0-9 and -"),
            Kind::Choice => {
                let values: Vec<&str> = self.options.iter().map(|c| c.value).collect();
                format!("one of {}", values.join(", "))
            }
        }
    }

    /// True when every value of the row in `s` is within its static bounds ([`Field::admits`]),
    /// read in place (no [`Leaf`](super::Leaf) made); true for the price overrides' row, whose
    /// values are read by key.
    pub(crate) fn admits_all(&self, s: &Scenario) -> bool {
        (0..(self.access.len)(s)).all(|index| (self.access.get)(s, index).is_none_or(|value| self.admits(value)))
    }

    /// True when `value` is within the row's static bounds (relations are checked apart).
    pub fn admits(&self, value: Value) -> bool {
        let within = |x: f64| x.is_finite() && (self.min..=self.max).contains(&x);
        match value {
            Value::Number(x) => within(x),
            Value::Bool(_) => true,
            Value::Text(t) => self.kind == Kind::Choice || within(t.chars().count() as f64),
            Value::List(items) => within(items.len() as f64) && items.iter().all(|r| is_region(r)),
        }
    }
}

/// A region name as Google writes them: 1 to 64 characters of `a-z`, `0-9` and `-`.
fn is_region(name: &str) -> bool {
    (1..=64).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
