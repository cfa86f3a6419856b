//! The scenario: everything the model needs to size and price one deployment.
//!
//! A scenario is plain data (serde, camelCase, `schemaVersion`); the model never mutates it
//! while evaluating. Quantities carry their unit in the field name: `_gb` is decimal gigabytes
//! as customers quote them (the model converts to GiB for billing), `_ms` milliseconds, `_s`
//! seconds, `_usd` US dollars, `_pct` percent (0 to 100), `ratio` a share from 0 to 1.
//! Ranges are checked by [`Scenario::validate`](crate::model::Scenario::validate); scenarios
//! are read by [`Scenario::from_deserializer`](crate::model::Scenario::from_deserializer).

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

/// The newest scenario schema this build reads; a newer one is rejected.
pub const SCHEMA_VERSION: u32 = 5;

/// Customers allowed in all cohorts together.
pub const MAX_CUSTOMERS: u32 = 100_000;

/// A complete planning scenario.
///
/// ```
/// let s = headroom::model::preset("week9-baseline").unwrap();
/// assert_eq!(s.schema_version, headroom::model::SCHEMA_VERSION);
/// assert_eq!(s.customer_count(), 1);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Scenario.ts"))]
pub struct Scenario {
    /// Schema version of this document; 1 to [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Display name, at most 120 characters.
    pub name: String,
    /// Id of the price book the scenario is priced with, e.g. `gcp-us-central1-2026-11`.
    pub price_book: String,
    /// Customer cohorts; 0 to 1,000 cohorts, at most 100,000 customers in all.
    pub customers: Vec<Cohort>,
    /// The profile new customers follow when the customer count is raised.
    pub typical_customer: CustomerProfile,
    /// Cloud Run service shape and scaling.
    pub cloud_run: CloudRun,
    /// Firestore database.
    pub firestore: Firestore,
    /// Load balancer, network tier and Cloud CDN.
    pub network: Network,
    /// Memorystore for Redis cache.
    pub redis: Redis,
    /// Logging, monitoring, fixed lines and free tiers.
    pub operations: Operations,
    /// Committed use and negotiated discounts.
    pub discounts: Discounts,
    /// Price overrides by price id (see the price book); each wins over the book's value.
    #[cfg_attr(test, ts(type = "Record<string, number>"))]
    pub price_overrides: Overrides,
    /// How shared cost is allocated to customers.
    pub allocation: Allocation,
    /// Low and high values of the usage inputs, as percents of the typical (version 3).
    pub ranges: Ranges,
    /// The currency figures are shown in, and its rate (version 3).
    pub currency: Currency,
    /// What the deployment must keep, which savings respect (version 4).
    pub requirements: Requirements,
    /// The prospect being priced, in a sales rep's terms (version 5); none while its name is
    /// empty.
    pub deal: DealTerms,
}

/// How a deal's prospect load is given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Scenario.ts"))]
pub enum DealBasis {
    /// Peak QPS given; mean QPS, Firestore operations and CPU follow the typical customer.
    #[default]
    PeakQps,
    /// The profile of one cohort (`likeCohort`, 0-based).
    LikeCohort,
    /// The typical customer's load and data times `timesTypical`.
    TimesTypical,
    /// Daily active users times requests per user a day, shaped like the typical customer.
    DailyUsers,
}

/// A prospect deal as a sales rep states it (version 5; version-4 scenarios migrate to none):
/// who, at what ACV and target margin, and its usage by [`DealBasis`]. The model turns it into
/// a customer profile (`deal::prospect_profile`) and prices it (`deal::deal_of`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Scenario.ts"))]
pub struct DealTerms {
    /// The prospect's name, 0 to 120 characters; empty: no deal.
    pub name: String,
    /// Annual contract value, USD.
    pub acv_usd: f64,
    /// The gross margin the lowest ACV keeps, percent, 0 to 99.9.
    pub target_margin_pct: f64,
    /// How the usage is given.
    pub basis: DealBasis,
    /// Peak requests per second (basis `peakQps`).
    pub peak_qps: f64,
    /// The cohort the prospect is like, 0-based (basis `likeCohort`).
    pub like_cohort: u32,
    /// Times the typical customer (basis `timesTypical`), 0 to 1,000.
    pub times_typical: f64,
    /// Daily active users (basis `dailyUsers`).
    pub daily_users: f64,
    /// Requests each daily active user makes a day (basis `dailyUsers`).
    pub requests_per_user: f64,
    /// Egress a month, GB (bases `peakQps` and `dailyUsers`).
    pub egress_gb_per_month: f64,
    /// Stored data, GB (bases `peakQps` and `dailyUsers`).
    pub stored_gb: f64,
    /// True: the five figures below are the rep's own; false: they follow the typical
    /// customer's ratios (bases `peakQps` and `dailyUsers`; mean QPS `peakQps` only).
    pub own_ratios: bool,
    /// Mean requests per second over the day.
    pub avg_qps: f64,
    /// Firestore reads a day.
    pub firestore_reads_per_day: f64,
    /// Firestore writes a day.
    pub firestore_writes_per_day: f64,
    /// Firestore deletes a day.
    pub firestore_deletes_per_day: f64,
    /// vCPU-milliseconds per request.
    pub cpu_ms_per_request: f64,
}

/// Stated requirements: a saving that breaks one is listed as risky, naming it (with the p95
/// target, `cloudRun.latencyTargetP95Ms`). Version-3 scenarios migrate to none (1 region, 0
/// warm instances, 100% CPU, regional Firestore allowed).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Scenario.ts"))]
pub struct Requirements {
    /// Regions the service must run in at least, 1 to 20.
    pub min_regions: u32,
    /// Warm (min) instances each region must keep at least, 0 to 1,000.
    pub min_warm_instances: u32,
    /// Highest share of the vCPUs busy at peak allowed, percent, 1 to 100.
    pub max_cpu_at_peak_pct: f64,
    /// Firestore must stay multi-region.
    pub multi_region_firestore: bool,
}

/// A group of customers that share one load profile.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Scenario.ts"))]
pub struct Cohort {
    /// Display name, at most 120 characters.
    pub name: String,
    /// Number of customers in the cohort, 0 to 100,000.
    pub count: u32,
    /// What each customer of the cohort does.
    pub profile: CustomerProfile,
    /// The month of the 12-month timeline (1 to 12) from which the cohort's customers are
    /// live: billed for and paying. Version-2 scenarios migrate to 1.
    pub go_live_month: u32,
    /// Months after going live over which the cohort's usage ramps linearly to full load, 0
    /// (full load from the go-live month) to 11; see [`crate::model::timeline`]. Version-2
    /// scenarios migrate to 0.
    pub ramp_months: u32,
}

impl Cohort {
    /// A cohort of `count` customers following `profile`, live from month 1 at full load.
    ///
    /// ```
    /// let p = headroom::model::Scenario::defaults().typical_customer;
    /// let c = headroom::model::Cohort::new("Prospect", 2, p);
    /// assert_eq!((c.count, c.go_live_month, c.ramp_months), (2, 1, 0));
    /// ```
    pub fn new(name: impl Into<String>, count: u32, profile: CustomerProfile) -> Cohort {
        Cohort { name: name.into(), count, profile, go_live_month: 1, ramp_months: 0 }
    }
}

/// One customer's load, data and contract value.
///
/// The daily load profile has `peak_hours_per_day` hours at `peak_qps` and the rest of the day
/// at the level that makes the day's mean `avg_qps`; so `peak_qps * peak_hours_per_day / 24 <=
/// avg_qps <= peak_qps`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Scenario.ts"))]
pub struct CustomerProfile {
    /// Requests per second in the peak hours, 0 to 100,000.
    pub peak_qps: f64,
    /// Mean requests per second over the day, 0 to `peak_qps`.
    pub avg_qps: f64,
    /// Hours per day at peak, 0.5 to 24.
    pub peak_hours_per_day: f64,
    /// Firestore document reads per day, 0 to 10^10.
    pub firestore_reads_per_day: f64,
    /// Firestore document writes per day, 0 to 10^10.
    pub firestore_writes_per_day: f64,
    /// Firestore document deletes per day, 0 to 10^10.
    pub firestore_deletes_per_day: f64,
    /// Data stored in Firestore, decimal GB, 0 to 100,000.
    pub stored_gb: f64,
    /// Data sent to the customer's users each month, decimal GB, 0 to 10^7.
    pub egress_gb_per_month: f64,
    /// Annual contract value, USD, 0 to 10^9.
    pub acv_usd: f64,
    /// CPU time one request uses, vCPU-milliseconds, 0 to 60,000: time on a vCPU, not the
    /// response time (which also waits on Firestore and the network). Version-1 scenarios
    /// migrate to 6, the Week 9 calibration (see the presets).
    pub cpu_ms_per_request: f64,
}

/// How Cloud Run bills instance time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Scenario.ts"))]
pub enum Billing {
    /// CPU only while serving requests; idle min instances at the idle rate; a fee per request.
    #[default]
    Request,
    /// All instance time at the instance-based rate; no request fee.
    Instance,
}

/// How request-based billing rounds billable instance time up to 100 ms. Google's page says
/// only that Cloud Run charges resources "rounded up to the nearest 100 millisecond"
/// (<https://cloud.google.com/run/pricing>); what is rounded is a reading (version 5).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Scenario.ts"))]
pub enum Rounding {
    /// Each busy period (an instance serving at least one request) rounded up to 100 ms; the
    /// model's reading before version 5, and the default.
    #[default]
    PerBusyPeriod,
    /// Billable time as it is, not rounded.
    None,
    /// Each request's time rounded up to 100 ms; an instance is billed while any request's
    /// rounded time runs.
    PerRequest,
}

/// The Cloud Run service: shape, scaling bounds and the latency it must meet.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Scenario.ts"))]
pub struct CloudRun {
    /// Region names, 1 to 20 of them; load is split evenly across them.
    pub regions: Vec<String>,
    /// vCPU per instance: 0.08 to 1, or 1, 2, 4, 6 or 8. Below 1: request-based billing,
    /// concurrency 1, and memory up to 0.5 GiB (below 0.5 vCPU) or 1 GiB (0.5 vCPU and up).
    pub vcpu: f64,
    /// Memory per instance in GiB, 0.5 to 32, within Google's limit for `vcpu`.
    pub memory_gib: f64,
    /// Instances kept warm in each region, 0 to `max_instances`.
    pub min_instances: u32,
    /// Instance ceiling in each region, 1 to 1,000.
    pub max_instances: u32,
    /// Requests one instance serves at once, 1 to 1,000 (1 when `vcpu` < 1).
    pub max_concurrency: u32,
    /// Share of `max_concurrency` and of the vCPUs the autoscaler aims to fill, 0.1 to 1
    /// (Google: 60% of each); instances needed and capacity are counted at it. Version 1
    /// applied it to concurrency only; version-1 scenarios keep their value.
    pub target_utilization: f64,
    /// Median time to serve one request at low load (no queueing), milliseconds, 0.5 to 60,000.
    /// With `service_time_p95_ms` it fixes a lognormal service time. Replaces version 1's
    /// `serviceTimeMs` (a mean, exponential): version-1 scenarios migrate to
    /// `serviceTimeMs x ln 2`, the exponential's median.
    pub service_time_p50_ms: f64,
    /// 95th-percentile time to serve one request at low load, milliseconds, from
    /// `service_time_p50_ms` to 200,000. Version-1 scenarios migrate to `serviceTimeMs x ln 20`,
    /// the exponential's 95th percentile (the lognormal through both has a mean 3% above).
    pub service_time_p95_ms: f64,
    /// Billing mode; instance-based needs at least 1 vCPU.
    pub billing: Billing,
    /// Time for a new instance to serve its first request, seconds, 0 to 300.
    pub cold_start_s: f64,
    /// The p95 response time the service must meet, milliseconds, 1 to 60,000.
    pub latency_target_p95_ms: f64,
    /// 99th-percentile time to serve one request at low load, milliseconds; 0 when not
    /// measured (the lognormal through p50 and p95), else at least that lognormal's p99 and
    /// at most 200,000: then the service time is a shifted lognormal through all three
    /// ([`crate::model::service`]; ignored while p95 equals p50, a point mass no shift can
    /// give a tail). Version-4 scenarios migrate to 0 (version 5).
    pub service_time_p99_ms: f64,
    /// How request-based billing rounds billable time up to 100 ms. Version-4 scenarios
    /// migrate to per busy period, the rule before (version 5).
    pub billing_rounding: Rounding,
}

/// Where Firestore keeps its replicas.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Scenario.ts"))]
pub enum FirestoreLocation {
    /// One region (e.g. us-central1).
    #[default]
    Regional,
    /// A multi-region location (e.g. nam5), at about twice the price.
    MultiRegion,
}

/// The Firestore database (Native mode, Standard edition).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Scenario.ts"))]
pub struct Firestore {
    /// Regional or multi-region.
    pub location: FirestoreLocation,
    /// Composite indexes defined, 0 to 10,000 (Google allows 1,000 with billing).
    pub composite_indexes: u32,
    /// Point-in-time recovery on; its storage is billed at about the database's size.
    pub pitr: bool,
    /// Daily scheduled backups kept this many days, 0 (off) to 14.
    pub backup_retention_days: u32,
}

/// Premium or Standard network service tier.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Scenario.ts"))]
pub enum NetworkTier {
    /// Google's backbone to the user's nearest edge.
    #[default]
    Premium,
    /// Public internet from the region; cheaper, slower.
    Standard,
}

/// The kind of external Application Load Balancer in front of the service.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Scenario.ts"))]
pub enum LoadBalancer {
    /// Regional external ALB: one region, no Cloud CDN.
    #[default]
    Regional,
    /// Global external ALB: many regions, Cloud CDN possible.
    Global,
}

/// Where Cloud Armor's security policies sit, which sets the requests they evaluate
/// (<https://cloud.google.com/armor/docs/security-policy-overview>) (version 5).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Scenario.ts"))]
pub enum ArmorPolicyType {
    /// Backend security policies: they evaluate the requests that reach the backend, not
    /// Cloud CDN's cache hits. The model's rule before version 5, and the default.
    #[default]
    Backend,
    /// Edge security policies: evaluated at the edge, before Cloud CDN's cache, so every
    /// request, cache hits included.
    Edge,
}

/// Load balancing, egress, Cloud CDN and Cloud Armor.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Scenario.ts"))]
pub struct Network {
    /// Network service tier for internet egress.
    pub tier: NetworkTier,
    /// Regional or global load balancer.
    pub load_balancer: LoadBalancer,
    /// Forwarding rules billed, 1 to 100.
    pub forwarding_rules: u32,
    /// Mean request size in KiB (inbound data the load balancer processes), 0 to 10,240.
    pub request_kib: f64,
    /// Cloud CDN in front of the service.
    pub cdn: bool,
    /// Share of cacheable responses served from the CDN cache (hits), 0 to 1; the rest are
    /// misses that Cloud CDN fills from the origin. Version-1 scenarios keep their value: with
    /// `cdn_cacheable_share` 1 it is the share of all egress served from the cache, as in
    /// version 1.
    pub cdn_hit_ratio: f64,
    /// Share of responses (by count and by bytes alike) that Cloud CDN may cache, 0 to
    /// `cdn_lookup_share`: they are served as cache egress, hits and misses alike; the rest
    /// go out as internet egress from the origin. Version-1 scenarios migrate to 1 (version 1
    /// applied the hit ratio to all egress).
    pub cdn_cacheable_share: f64,
    /// Share of requests that are GET or HEAD, 0 to 1: Cloud CDN charges a cache lookup on
    /// each of them, hit or miss; other methods cause none. Version-1 scenarios migrate to 1
    /// (a lookup on every request).
    pub cdn_lookup_share: f64,
    /// Cloud Armor (Standard tier) security policies, 0 to 100, each charged per month;
    /// with at least one, every request it evaluates is charged (see `armor_policy_type`). Version-1 scenarios
    /// migrate to 0.
    pub armor_policies: u32,
    /// Cloud Armor rules across all policies, 0 to 1,000, each charged per month (0 when
    /// `armor_policies` is 0). Version-1 scenarios migrate to 0.
    pub armor_rules: u32,
    /// Backend or edge security policies: which requests Cloud Armor evaluates. Version-4
    /// scenarios migrate to backend, the rule before (version 5).
    pub armor_policy_type: ArmorPolicyType,
}

/// Memorystore for Redis service tier.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Scenario.ts"))]
pub enum RedisTier {
    /// One node, no failover.
    #[default]
    Basic,
    /// Replicated, with automatic failover.
    Standard,
}

/// A Memorystore for Redis cache in front of Firestore.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Scenario.ts"))]
pub struct Redis {
    /// Cache provisioned.
    pub enabled: bool,
    /// Basic or Standard.
    pub tier: RedisTier,
    /// Provisioned capacity, whole GB, 1 to 300 in either tier (Standard needs 5 only with
    /// read replicas, which the model does not price).
    pub size_gb: f64,
    /// Share of Firestore reads the cache answers instead, 0 to 1.
    pub read_absorption: f64,
}

/// A fixed monthly cost line, such as "Misc".
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Scenario.ts"))]
pub struct FixedLine {
    /// Label shown in the breakdown, 1 to 120 characters.
    pub label: String,
    /// Amount per month, USD, 0 to 10^7.
    pub monthly_usd: f64,
}

/// Logging, monitoring, fixed lines and free tiers.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Scenario.ts"))]
pub struct Operations {
    /// Log bytes written per request (Cloud Logging ingestion), 0 to 1,000,000.
    pub log_bytes_per_request: f64,
    /// Chargeable (non-system) metrics ingested per month, MiB, 0 to 10^7.
    pub metrics_mib_per_month: f64,
    /// Fixed monthly lines, at most 50.
    pub fixed_lines: Vec<FixedLine>,
    /// Apply Google's monthly free tiers (one billing account, one project, one database).
    pub free_tiers: bool,
}

/// A committed use discount term.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Scenario.ts"))]
pub enum CudTerm {
    /// No commitment.
    #[default]
    None,
    /// One-year commitment.
    OneYear,
    /// Three-year commitment.
    ThreeYear,
}

/// Committed use and negotiated discounts.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Scenario.ts"))]
pub struct Discounts {
    /// Committed use discount term on Cloud Run.
    pub cud: CudTerm,
    /// Hourly commitment as a share of the steady (quietest-hour) Cloud Run spend, 0 to 2.
    /// Above 1 part of the commitment goes unused in quiet hours.
    pub cud_coverage: f64,
    /// Negotiated discount off the whole bill after other discounts, percent, 0 to 100.
    pub negotiated_pct: f64,
}

/// How shared cost is allocated to customers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Scenario.ts"))]
pub enum Allocation {
    /// Every customer carries the same share.
    Equal,
    /// Each cost line by its driver: requests, reads and writes, stored data, egress.
    #[default]
    ByUsage,
    /// In proportion to annual contract value.
    ByAcv,
}

/// Low and high values of the usage inputs: each a percent of the typical value, applied to
/// every cohort's profile and to the new-customer template (see
/// [`Scenario::bound`](crate::model::Scenario::bound)). Lows are 1 to 100, highs 100 to
/// 1,000; 100 means no range for that input. Version-2 scenarios migrate to 100 everywhere.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Scenario.ts"))]
pub struct Ranges {
    /// Peak QPS, low, percent of typical.
    pub peak_qps_low_pct: f64,
    /// Peak QPS, high, percent of typical.
    pub peak_qps_high_pct: f64,
    /// Mean QPS, low, percent of typical.
    pub avg_qps_low_pct: f64,
    /// Mean QPS, high, percent of typical.
    pub avg_qps_high_pct: f64,
    /// Egress GB per month, low, percent of typical.
    pub egress_gb_low_pct: f64,
    /// Egress GB per month, high, percent of typical.
    pub egress_gb_high_pct: f64,
    /// Firestore reads, writes and deletes per day together, low, percent of typical.
    pub firestore_ops_low_pct: f64,
    /// Firestore reads, writes and deletes per day together, high, percent of typical.
    pub firestore_ops_high_pct: f64,
    /// Stored GB, low, percent of typical.
    pub stored_gb_low_pct: f64,
    /// Stored GB, high, percent of typical.
    pub stored_gb_high_pct: f64,
    /// CPU per request, low, percent of typical.
    pub cpu_ms_per_request_low_pct: f64,
    /// CPU per request, high, percent of typical.
    pub cpu_ms_per_request_high_pct: f64,
}

impl Ranges {
    /// No range: every low and high at 100% of the typical value (the fields' defaults).
    pub fn none() -> Ranges {
        Ranges {
            peak_qps_low_pct: 100.0,
            peak_qps_high_pct: 100.0,
            avg_qps_low_pct: 100.0,
            avg_qps_high_pct: 100.0,
            egress_gb_low_pct: 100.0,
            egress_gb_high_pct: 100.0,
            firestore_ops_low_pct: 100.0,
            firestore_ops_high_pct: 100.0,
            stored_gb_low_pct: 100.0,
            stored_gb_high_pct: 100.0,
            cpu_ms_per_request_low_pct: 100.0,
            cpu_ms_per_request_high_pct: 100.0,
        }
    }
}

/// A currency figures can be shown in. Amounts stay US cents in the model; see
/// [`crate::model::currency`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Scenario.ts"))]
pub enum CurrencyCode {
    /// US dollar.
    #[default]
    Usd,
    /// Euro.
    Eur,
    /// Pound sterling.
    Gbp,
    /// Japanese yen (no minor unit).
    Jpy,
    /// Canadian dollar.
    Cad,
    /// Australian dollar.
    Aud,
    /// Swiss franc.
    Chf,
    /// Indian rupee.
    Inr,
    /// Swedish krona.
    Sek,
    /// Singapore dollar.
    Sgd,
}

impl CurrencyCode {
    /// The ISO 4217 code, e.g. `EUR`.
    pub fn code(self) -> &'static str {
        match self {
            CurrencyCode::Usd => "USD",
            CurrencyCode::Eur => "EUR",
            CurrencyCode::Gbp => "GBP",
            CurrencyCode::Jpy => "JPY",
            CurrencyCode::Cad => "CAD",
            CurrencyCode::Aud => "AUD",
            CurrencyCode::Chf => "CHF",
            CurrencyCode::Inr => "INR",
            CurrencyCode::Sek => "SEK",
            CurrencyCode::Sgd => "SGD",
        }
    }

    /// Decimal places of the minor unit (ISO 4217): 0 for JPY, 2 for the others.
    pub fn decimals(self) -> u32 {
        match self {
            CurrencyCode::Jpy => 0,
            _ => 2,
        }
    }
}

/// The currency figures are shown in: a code, a user-entered exchange rate and its date.
/// Amounts stay exact US cents underneath; converted figures are rounded once, at display.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Scenario.ts"))]
pub struct Currency {
    /// The currency; USD by default (then the rate and date are not used).
    pub code: CurrencyCode,
    /// Units of the currency for one US dollar, 0.000001 to 1,000,000 (e.g. 0.92 EUR).
    pub per_usd: f64,
    /// The date of the rate, `YYYY-MM-DD`, or empty; a currency other than USD needs one.
    pub rate_date: String,
}

impl Currency {
    /// US dollars: the fields' defaults (rate 1, no date).
    pub fn usd() -> Currency {
        Currency { code: CurrencyCode::Usd, per_usd: 1.0, rate_date: String::new() }
    }
}

/// Price overrides: price id to value, in the book entry's unit; each wins over the book.
/// Written as a JSON object; ids are checked against the price book on evaluation.
///
/// ```
/// let mut o = headroom::model::Overrides::default();
/// o.set("runRequests", 0.5);
/// o.set("runRequests", 0.6);
/// assert_eq!(o.get("runRequests"), Some(0.6));
/// o.remove("runRequests");
/// assert_eq!(o.get("runRequests"), None);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overrides(Vec<(String, f64)>);

impl Overrides {
    /// The override for price `id`, if any.
    pub fn get(&self, id: &str) -> Option<f64> {
        self.0.iter().find(|(k, _)| k == id).map(|&(_, v)| v)
    }

    /// The value slot for `id`, made (at 0) when missing.
    pub fn slot(&mut self, id: &str) -> &mut f64 {
        let at = match self.0.iter().position(|(k, _)| k == id) {
            Some(at) => at,
            None => {
                self.0.push((id.to_string(), 0.0));
                self.0.len() - 1
            }
        };
        &mut self.0[at].1
    }

    /// Overrides price `id` with `value`.
    pub fn set(&mut self, id: &str, value: f64) {
        *self.slot(id) = value;
    }

    /// Drops the override of `id`.
    pub fn remove(&mut self, id: &str) {
        self.0.retain(|(k, _)| k != id);
    }

    /// Every override, in the order set.
    pub fn iter(&self) -> impl Iterator<Item = (&str, f64)> {
        self.0.iter().map(|(k, v)| (k.as_str(), *v))
    }
}

impl Serialize for Overrides {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl Scenario {
    /// Customers in all cohorts.
    ///
    /// ```
    /// let s = headroom::model::preset("phase1-3-customers").unwrap();
    /// assert_eq!(s.customer_count(), 3);
    /// ```
    pub fn customer_count(&self) -> u64 {
        self.customers.iter().map(|c| u64::from(c.count)).sum()
    }
}
