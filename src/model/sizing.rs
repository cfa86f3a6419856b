//! Sizing: instances, capacity, latency and Firestore rates from the load profile.
//!
//! Per region (load split evenly across regions) and per segment of the day:
//! - requests in flight by Little's law, `L = lambda * W`, with `W` the mean service time;
//! - instances `ceil(L / (max_concurrency * target_utilization))`, bounded by min and max
//!   instances (the autoscaler's 60% target is the default utilisation);
//! - the time an instance is serving at least one request, `1 - exp(-L/n)` of the time for
//!   Poisson arrivals shared by `n` instances: what request-based billing charges as active;
//! - latency at peak from an M/M/c queue with `instances * max_concurrency` servers.

use serde::Serialize;

use super::load::{DAYS_PER_MONTH, SECONDS_PER_MONTH, Segment, daily_profile};
use super::queue::MmcQueue;
use super::scenario::Scenario;

/// Bytes in a GiB, as Google bills data.
pub const BYTES_PER_GIB: f64 = 1_073_741_824.0;
/// Decimal GB (as customers quote) to GiB.
pub const GIB_PER_GB: f64 = 1e9 / BYTES_PER_GIB;

/// One stretch of the day, sized.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Estimate.ts"))]
pub struct SegmentSizing {
    /// The load in this stretch.
    #[serde(flatten)]
    pub load: Segment,
    /// Instances running in each region, within min and max instances.
    pub instances_per_region: u32,
    /// Instance-seconds per second serving at least one request, each region.
    pub active_instances_per_region: f64,
    /// Min instances that sit idle (warm, serving nothing), each region, on average.
    pub idle_min_instances_per_region: f64,
}

/// Firestore traffic after the cache, and stored data.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Estimate.ts"))]
pub struct FirestoreLoad {
    /// Document reads reaching Firestore per month (after Redis).
    pub reads_per_month: f64,
    /// Document writes per month.
    pub writes_per_month: f64,
    /// Document deletes per month.
    pub deletes_per_month: f64,
    /// Reads per second at the shared peak.
    pub peak_reads_per_s: f64,
    /// Writes per second at the shared peak.
    pub peak_writes_per_s: f64,
    /// Deletes per second at the shared peak.
    pub peak_deletes_per_s: f64,
    /// Stored data, GiB.
    pub stored_gib: f64,
}

/// What the infrastructure must be for the scenario's load.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Estimate.ts"))]
pub struct Sizing {
    /// Regions serving traffic.
    pub regions: u32,
    /// Requests per second at the shared peak, all regions.
    pub peak_qps: f64,
    /// Mean requests per second over the day, all regions.
    pub avg_qps: f64,
    /// Requests per second in the quietest stretch, all regions.
    pub quiet_qps: f64,
    /// Requests per month, all regions.
    pub requests_per_month: f64,
    /// Requests in flight at peak (Little's law with the mean response time), all regions;
    /// `None` when the queue is unstable (unbounded).
    pub in_flight_at_peak: Option<f64>,
    /// Instances the peak needs in each region, before the max-instances bound.
    pub instances_needed_at_peak: u32,
    /// Instances running at peak in each region, within min and max.
    pub instances_at_peak: u32,
    /// Instances running in the quietest stretch in each region.
    pub instances_quiet: u32,
    /// Instance-hours per month, all regions.
    pub instance_hours_per_month: f64,
    /// Instance-hours per month serving at least one request, all regions.
    pub active_instance_hours_per_month: f64,
    /// Idle min-instance hours per month, all regions.
    pub idle_min_instance_hours_per_month: f64,
    /// Requests per second the service carries at max instances and target utilisation.
    pub capacity_qps: f64,
    /// Requests per second at max instances with every concurrency slot busy; beyond it
    /// requests queue and then fail with HTTP 429.
    pub saturation_qps: f64,
    /// `capacity_qps / peak_qps`; `None` without load.
    pub headroom_ratio: Option<f64>,
    /// Share of concurrency slots busy at peak, 0 to 1 and above when overloaded.
    pub utilization_at_peak: f64,
    /// Median response time at peak, ms; `None` when the queue is unstable.
    pub latency_p50_ms: Option<f64>,
    /// 95th percentile response time at peak, ms; `None` when unstable.
    pub latency_p95_ms: Option<f64>,
    /// 99th percentile response time at peak, ms; `None` when unstable.
    pub latency_p99_ms: Option<f64>,
    /// Firestore traffic and storage.
    pub firestore: FirestoreLoad,
    /// Data sent to users per month, GiB, all customers.
    pub egress_gib_per_month: f64,
    /// Mean response size implied by egress over requests, KiB; `None` without requests.
    pub implied_response_kib: Option<f64>,
    /// The day, stretch by stretch, busiest first.
    pub profile: Vec<SegmentSizing>,
}

/// Instances a region needs for `qps` before the min/max bounds (0 without load).
fn instances_needed(scenario: &Scenario, qps: f64) -> u32 {
    let run = &scenario.cloud_run;
    let in_flight = qps * run.service_time_ms / 1000.0;
    let per_instance = f64::from(run.max_concurrency) * run.target_utilization;
    // Saturating float-to-int cast; the small slack keeps exact multiples from rounding up.
    (in_flight / per_instance - 1e-9).ceil().max(0.0) as u32
}

fn size_segment(scenario: &Scenario, load: Segment, regions: f64) -> SegmentSizing {
    let run = &scenario.cloud_run;
    let qps = load.qps / regions;
    let n = instances_needed(scenario, qps).clamp(run.min_instances, run.max_instances);
    let in_flight = qps * run.service_time_ms / 1000.0;
    let active = if n == 0 { 0.0 } else { f64::from(n) * -(-in_flight / f64::from(n)).exp_m1() };
    SegmentSizing {
        load,
        instances_per_region: n,
        active_instances_per_region: active,
        idle_min_instances_per_region: (f64::from(run.min_instances) - active).max(0.0),
    }
}

/// Sum over the month of `f(segment)` per second, times the regions: a monthly total.
fn per_month(profile: &[SegmentSizing], regions: f64, f: impl Fn(&SegmentSizing) -> f64) -> f64 {
    profile.iter().map(|s| f(s) * s.load.hours_per_day / 24.0).sum::<f64>() * SECONDS_PER_MONTH * regions
}

fn firestore_load(scenario: &Scenario) -> FirestoreLoad {
    let reads_kept = if scenario.redis.enabled { 1.0 - scenario.redis.read_absorption } else { 1.0 };
    let mut f = FirestoreLoad {
        reads_per_month: 0.0,
        writes_per_month: 0.0,
        deletes_per_month: 0.0,
        peak_reads_per_s: 0.0,
        peak_writes_per_s: 0.0,
        peak_deletes_per_s: 0.0,
        stored_gib: 0.0,
    };
    for c in &scenario.customers {
        let n = f64::from(c.count);
        let p = &c.profile;
        let peak = p.peak_factor() * n / 86_400.0;
        f.reads_per_month += p.firestore_reads_per_day * reads_kept * n * DAYS_PER_MONTH;
        f.writes_per_month += p.firestore_writes_per_day * n * DAYS_PER_MONTH;
        f.deletes_per_month += p.firestore_deletes_per_day * n * DAYS_PER_MONTH;
        f.peak_reads_per_s += p.firestore_reads_per_day * reads_kept * peak;
        f.peak_writes_per_s += p.firestore_writes_per_day * peak;
        f.peak_deletes_per_s += p.firestore_deletes_per_day * peak;
        f.stored_gib += p.stored_gb * n * GIB_PER_GB;
    }
    f
}

struct Latency {
    mean_ms: Option<f64>,
    p50_ms: Option<f64>,
    p95_ms: Option<f64>,
    p99_ms: Option<f64>,
}

fn latency_at(scenario: &Scenario, qps_per_region: f64, instances: u32) -> Latency {
    let run = &scenario.cloud_run;
    let servers = instances.max(1).saturating_mul(run.max_concurrency);
    let queue = MmcQueue::new(qps_per_region, run.service_time_ms / 1000.0, servers);
    let ms = |p: f64| queue.response_time_percentile_s(p).map(|s| s * 1000.0);
    let mean_ms = queue.mean_wait_s().map(|w| run.service_time_ms + w * 1000.0);
    Latency { mean_ms, p50_ms: ms(0.5), p95_ms: ms(0.95), p99_ms: ms(0.99) }
}

/// Sizes the scenario. The scenario must be valid ([`Scenario::validate`]).
///
/// ```
/// let s = headroom::model::preset("phase1-3-customers").unwrap();
/// let sizing = headroom::model::sizing::size(&s);
/// assert_eq!(sizing.peak_qps, 125.0);
/// // 125 QPS * 50 ms = 6.25 in flight; 30 slots at 60% = 18 per instance: 1 needed, min 2.
/// assert_eq!(sizing.instances_needed_at_peak, 1);
/// assert_eq!(sizing.instances_at_peak, 2);
/// ```
pub fn size(scenario: &Scenario) -> Sizing {
    let run = &scenario.cloud_run;
    let regions = scenario.cloud_run.regions.len().max(1) as u32;
    let r = f64::from(regions);
    let profile: Vec<SegmentSizing> =
        daily_profile(scenario).into_iter().map(|g| size_segment(scenario, g, r)).collect();
    let peak = profile.first().copied().unwrap_or(SegmentSizing {
        load: Segment { hours_per_day: 24.0, qps: 0.0 },
        instances_per_region: run.min_instances,
        active_instances_per_region: 0.0,
        idle_min_instances_per_region: f64::from(run.min_instances),
    });
    let quiet = profile.iter().min_by(|a, b| a.load.qps.total_cmp(&b.load.qps)).copied().unwrap_or(peak);
    let requests_per_month = per_month(&profile, 1.0, |s| s.load.qps);
    let avg_qps = requests_per_month / SECONDS_PER_MONTH;
    let per_instance_qps = f64::from(run.max_concurrency) / (run.service_time_ms / 1000.0);
    let saturation_qps = per_instance_qps * f64::from(run.max_instances) * r;
    let capacity_qps = saturation_qps * run.target_utilization;
    let latency = latency_at(scenario, peak.load.qps / r, peak.instances_per_region);
    let firestore = firestore_load(scenario);
    let egress_gib_per_month: f64 =
        scenario.customers.iter().map(|c| f64::from(c.count) * c.profile.egress_gb_per_month).sum::<f64>() * GIB_PER_GB;
    Sizing {
        regions,
        peak_qps: peak.load.qps,
        avg_qps,
        quiet_qps: quiet.load.qps,
        requests_per_month,
        in_flight_at_peak: latency.mean_ms.map(|ms| peak.load.qps * ms / 1000.0),
        instances_needed_at_peak: instances_needed(scenario, peak.load.qps / r),
        instances_at_peak: peak.instances_per_region,
        instances_quiet: quiet.instances_per_region,
        instance_hours_per_month: per_month(&profile, r, |s| f64::from(s.instances_per_region)) / 3600.0,
        active_instance_hours_per_month: per_month(&profile, r, |s| s.active_instances_per_region) / 3600.0,
        idle_min_instance_hours_per_month: per_month(&profile, r, |s| s.idle_min_instances_per_region) / 3600.0,
        capacity_qps,
        saturation_qps,
        headroom_ratio: (peak.load.qps > 0.0).then(|| capacity_qps / peak.load.qps),
        utilization_at_peak: peak.load.qps * run.service_time_ms
            / 1000.0
            / (r * f64::from(peak.instances_per_region.max(1)) * f64::from(run.max_concurrency)),
        latency_p50_ms: latency.p50_ms,
        latency_p95_ms: latency.p95_ms,
        latency_p99_ms: latency.p99_ms,
        firestore,
        egress_gib_per_month,
        implied_response_kib: (requests_per_month > 0.0)
            .then(|| egress_gib_per_month * BYTES_PER_GIB / 1024.0 / requests_per_month),
        profile,
    }
}
