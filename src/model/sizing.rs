//! Sizing: instances, capacity, latency and Firestore rates from the load profile.
//!
//! Per region (load split evenly across regions) and per segment of the day:
//! - the service time is a lognormal through the measured p50 and p95, or a shifted lognormal
//!   through p50, p95 and p99 when a p99 was measured ([`ServiceTime`]);
//! - requests in flight by Little's law, `L = lambda * E[S]`;
//! - instances `max(ceil(L / (max_concurrency * u)), ceil(vCPU demand / (vcpu * u)))` with `u`
//!   the target utilisation, bounded by min and max instances: an instance is limited by its
//!   concurrency slots and by its vCPUs, whichever binds;
//! - the time an instance serves at least one request: each instance takes `lambda / n`
//!   Poisson arrivals and is an M/M/c queue with `c = max_concurrency`, busy `1 - P0` of the
//!   time ([`busy_share`]); at least `L / (n c)` (all slots busy), and `1 - exp(-L/n)` when
//!   concurrency is ample;
//! - request-based billing rounds billable time up to 100 ms by the scenario's rule
//!   (`cloudRun.billingRounding`): each busy period ([`billable_share`], the default), each
//!   request ([`rounded_mean_s`]), or not at all; Google's page says only that resources are
//!   "rounded up to the nearest 100 millisecond" (<https://cloud.google.com/run/pricing>);
//! - instances are billed while they start (Google: request-based billing charges instances
//!   "when they start, and when they shut down",
//!   <https://cloud.google.com/run/docs/configuring/billing-settings>): each instance a stretch
//!   of the day adds over the one before (the day runs through the stretches in order and
//!   starts again) is billed `coldStartS` of start-up (`with_start_ups`); shut-down time is
//!   not modelled (no field measures it), nor idle instances Cloud Run retires and restarts
//!   within a stretch;
//! - latency at peak from an M/G/c queue (Allen-Cunneen) with `instances * max_concurrency`
//!   servers, plus the wait of CPU contention on each instance (processor sharing over its
//!   vCPUs, [`crate::model::contention`]); saturated (no figure) when slots or vCPUs are busy
//!   at 100% or more;
//! - Cloud Run sees only the requests that reach the origin: with Cloud CDN on, cache hits
//!   (the cacheable share times the hit ratio) are served at the edge, so every Cloud Run
//!   figure (instances, busy time, requests billed, capacity, latency) follows the origin's
//!   share of the load;
//! - headroom: the capacity at max instances is the smaller of the autoscaler's (each
//!   instance at the target utilisation of its binding resource) and the highest load whose
//!   p95 stays within `latencyTargetP95Ms` ([`Binds`] names which). The p95 is evaluated
//!   once at the autoscaler's capacity; only when it misses the target is the latency
//!   capacity searched for ([`latency_capacity_qps`] computes it in every case).

use serde::Serialize;

use super::contention::cpu_wait;
use super::load::{DAYS_PER_MONTH, SECONDS_PER_MONTH, Segment, daily_profile};
use super::queue::MgcQueue;
use super::scenario::{Rounding, Scenario};
use super::service::ServiceTime;

/// Bytes in a GiB, as Google bills data.
pub const BYTES_PER_GIB: f64 = 1_073_741_824.0;
/// Decimal GB (as customers quote) to GiB.
pub const GIB_PER_GB: f64 = 1e9 / BYTES_PER_GIB;
/// Request-based billing rounds billable instance time up to this, seconds (Google: "rounded up
/// to the nearest 100 millisecond", <https://cloud.google.com/run/pricing>).
pub const BILLING_GRANULARITY_S: f64 = 0.1;

/// One stretch of the day, sized.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Estimate.ts"))]
pub struct SegmentSizing {
    /// The load reaching Cloud Run in this stretch (cache hits removed), all regions.
    #[serde(flatten)]
    pub load: Segment,
    /// Instances running in each region, within min and max instances.
    pub instances_per_region: u32,
    /// Instance-seconds per second serving at least one request, each region.
    pub busy_instances_per_region: f64,
    /// Instance-seconds per second billed as active by request-based billing (busy time with
    /// each billable interval rounded up to 100 ms), each region.
    pub active_instances_per_region: f64,
    /// Min instances that sit idle (warm, not billed as active), each region, on average.
    pub idle_min_instances_per_region: f64,
    /// Instance-seconds per second spent starting instances, each region: the instances
    /// this stretch adds over the one before it, each for `coldStartS`, spread over the
    /// stretch. Billed at the active (or instance-based) rate.
    pub starting_instances_per_region: f64,
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

/// What limits an instance's throughput.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Estimate.ts"))]
pub enum Bound {
    /// Concurrency slots: `max_concurrency / E[S]` requests per second.
    Concurrency,
    /// vCPUs: `vcpu / CPU per request` requests per second.
    Cpu,
}

/// What bounds the headroom: the autoscaler's target or the p95 latency target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Estimate.ts"))]
pub enum Binds {
    /// Max instances at the target utilisation of the binding resource (`capacity_qps`).
    AutoscalerTarget,
    /// The load at which the p95 at max instances reaches the target (`latency_capacity_qps`).
    LatencyTarget,
}

/// What the infrastructure must be for the scenario's load.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Estimate.ts"))]
pub struct Sizing {
    /// Regions serving traffic.
    pub regions: u32,
    /// Requests per second at the shared peak, all regions, cache hits included.
    pub peak_qps: f64,
    /// Share of requests that reach Cloud Run: 1 less the Cloud CDN's cache hits.
    pub origin_share: f64,
    /// Requests per second reaching Cloud Run at the shared peak, all regions.
    pub origin_peak_qps: f64,
    /// Mean requests per second over the day, all regions.
    pub avg_qps: f64,
    /// Requests per second in the quietest stretch, all regions.
    pub quiet_qps: f64,
    /// Requests per month, all regions, cache hits included.
    pub requests_per_month: f64,
    /// Requests per month reaching Cloud Run, all regions.
    pub origin_requests_per_month: f64,
    /// Requests in flight at peak (Little's law with the mean response time), all regions;
    /// `None` when saturated (unbounded).
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
    pub busy_instance_hours_per_month: f64,
    /// Instance-hours per month billed as active under request-based billing (busy time
    /// rounded up to 100 ms per billable interval), all regions.
    pub active_instance_hours_per_month: f64,
    /// Idle min-instance hours per month, all regions.
    pub idle_min_instance_hours_per_month: f64,
    /// Instance-hours per month spent starting instances, all regions (billed as well as
    /// `instance_hours_per_month` and `active_instance_hours_per_month`).
    pub starting_instance_hours_per_month: f64,
    /// What limits an instance at the peak's mix of requests: concurrency slots or vCPUs.
    pub capacity_bound: Bound,
    /// Requests per second reaching Cloud Run that max instances carry at target utilisation
    /// of the binding resource: the autoscaler's capacity.
    pub capacity_qps: f64,
    /// Requests per second reaching Cloud Run at max instances with the binding resource fully
    /// busy; beyond it requests queue and then fail with HTTP 429.
    pub saturation_qps: f64,
    /// The capacity at the p95 target when it is below the autoscaler's: the highest load
    /// reaching Cloud Run, requests per second, whose p95 at max instances stays within
    /// `latencyTargetP95Ms` (the exceedance within 0.1% of 5%); 0 when the service time alone
    /// misses the target. `None` when the p95 at `capacity_qps` meets the target: the latency
    /// capacity is then at least `capacity_qps`, the autoscaler's target binds, and the exact
    /// figure is not computed on every evaluation ([`latency_capacity_qps`] gives it).
    pub latency_capacity_qps: Option<f64>,
    /// The headroom's capacity: the smaller of `capacity_qps` and `latency_capacity_qps`
    /// (`capacity_qps` when that is `None`), requests per second reaching Cloud Run.
    pub headroom_qps: f64,
    /// Which of the two bounds `headroom_qps` (the autoscaler's on a tie).
    pub headroom_binds: Binds,
    /// `headroom_qps / origin_peak_qps`; `None` without load reaching Cloud Run.
    pub headroom_ratio: Option<f64>,
    /// Share of concurrency slots busy at peak, 0 to 1 and above when overloaded.
    pub slot_utilization_at_peak: f64,
    /// Share of the vCPUs busy with requests at peak, 0 to 1 and above when overloaded.
    pub cpu_utilization_at_peak: f64,
    /// The larger of the two: at 1 or more the service is saturated.
    pub utilization_at_peak: f64,
    /// Median response time at peak, ms; `None` when saturated.
    pub latency_p50_ms: Option<f64>,
    /// 95th percentile response time at peak, ms; `None` when saturated.
    pub latency_p95_ms: Option<f64>,
    /// 99th percentile response time at peak, ms; `None` when saturated.
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

/// A day without load, the peak's stand-in when there is no customer.
const NO_LOAD: Segment = Segment { hours_per_day: 24.0, qps: 0.0, vcpu_demand: 0.0 };

/// The service time the scenario measured.
pub(crate) fn service_time(scenario: &Scenario) -> ServiceTime {
    let run = &scenario.cloud_run;
    ServiceTime::from_three_percentiles_ms(run.service_time_p50_ms, run.service_time_p95_ms, run.service_time_p99_ms)
}

/// Instances a region needs for `qps` with mean service time `mean_s` (seconds) and
/// `vcpu_demand` (vCPU-s/s) before the min/max bounds: enough slots and enough vCPUs at the
/// target utilisation (0 without load).
fn instances_needed(scenario: &Scenario, mean_s: f64, qps: f64, vcpu_demand: f64) -> u32 {
    let run = &scenario.cloud_run;
    let in_flight = qps * mean_s;
    let by_slots = in_flight / (f64::from(run.max_concurrency) * run.target_utilization);
    let by_cpu = vcpu_demand / (run.vcpu * run.target_utilization);
    // Saturating float-to-int cast; the small slack keeps exact multiples from rounding up.
    (by_slots.max(by_cpu) - 1e-9).ceil().max(0.0) as u32
}

/// Share of time an M/M/c queue with offered load `a` (Erlangs) and `c` servers holds at
/// least one request, `1 - P0`: the busy share of one instance with `c` concurrency slots.
/// 1 when `a >= c` (the instance never empties).
///
/// `1/P0 = sum_(k<c) a^k/k! + a^c/(c! (1 - a/c))`; it is `a` for `c = 1` and tends to
/// `1 - exp(-a)` as `c` grows (the M/G/inf value, whatever the service distribution). It is
/// at least `a / c`: an instance with every slot busy is busy.
///
/// ```
/// use headroom::model::sizing::busy_share;
/// assert!((busy_share(0.3, 1) - 0.3).abs() < 1e-15); // M/M/1: rho
/// // c = 2, a = 1: 1/P0 = 1 + 1 + 1/(2 (1 - 1/2)) = 3, busy 2/3.
/// assert!((busy_share(1.0, 2) - 2.0 / 3.0).abs() < 1e-15);
/// assert!((busy_share(2.0, 80) - (1.0 - (-2.0_f64).exp())).abs() < 1e-15);
/// assert_eq!(busy_share(3.0, 2), 1.0);
/// ```
pub fn busy_share(a: f64, c: u32) -> f64 {
    let cf = f64::from(c);
    if a.is_nan() || a <= 0.0 {
        return 0.0;
    }
    if a >= cf || a > 40.0 {
        // With c > a > 40, P0 <= 2 exp(-a) < 1e-17.
        return 1.0;
    }
    let (mut term, mut sum) = (1.0, 0.0);
    for k in 0..c {
        sum += term;
        term *= a / f64::from(k + 1);
        if f64::from(k) > a && term < 1e-17 * sum {
            return 1.0 - 1.0 / sum;
        }
    }
    // term = a^c / c!
    1.0 - 1.0 / (sum + term / (1.0 - a / cf))
}

/// Share of time billed as active under request-based billing, for one instance that takes
/// `arrivals_per_s` Poisson requests and is busy `busy` of the time (`idle = 1 - busy`).
///
/// Google rounds billable time up to [`BILLING_GRANULARITY_S`]. A billable interval runs from
/// the start of its first request to the end of its last: a busy period. Busy periods start at
/// the rate `lambda P0` (arrivals that find the instance empty), and each one's rounding adds
/// `min(R, G)`: the remainder `R` up to the next 100 ms, taken as uniform on `[0, D)`, cut
/// short by the idle gap `G ~ Exp(lambda)` before the next request (time is billed once). So
/// `E[min(R, G)] = (lambda D - 1 + exp(-lambda D)) / (lambda^2 D)`, which is `D/2` for rare
/// requests and about `1/lambda` when requests are frequent.
///
/// ```
/// use headroom::model::sizing::billable_share;
/// // 1 request/s of 10 ms: busy 1%, 0.99 busy periods a second, each rounded up by about
/// // (0.1 - 1 + e^-0.1) / 0.1 = 48.4 ms: billed 1% + 0.99 x 4.84% = 5.8%.
/// let b = billable_share(1.0, 0.0099);
/// assert!((b - (0.0099 + 0.9901 * (0.1 - 1.0 + (-0.1_f64).exp()) / 0.1)).abs() < 1e-12);
/// assert_eq!(billable_share(5.0, 1.0), 1.0);
/// ```
pub fn billable_share(arrivals_per_s: f64, busy: f64) -> f64 {
    let (lambda, d) = (arrivals_per_s, BILLING_GRANULARITY_S);
    if lambda.is_nan() || lambda <= 0.0 {
        return busy;
    }
    let x = lambda * d;
    // (x - 1 + e^-x) / x^2, by its series where the difference cancels.
    let shape = if x < 1e-4 { 0.5 - x / 6.0 + x * x / 24.0 } else { (x + (-x).exp_m1()) / (x * x) };
    let rounding = shape * d; // E[min(R, G)], seconds
    (busy + lambda * (1.0 - busy) * rounding).min(1.0)
}

/// How one instance's billed share follows from its load, by the scenario's rounding rule.
#[derive(Clone, Copy)]
enum Billed {
    /// Each busy period rounded up to 100 ms ([`billable_share`]).
    PerBusyPeriod,
    /// Busy time as it is.
    Busy,
    /// Each request rounded up to 100 ms: the busy share with every service time rounded up,
    /// of this mean, seconds ([`rounded_mean_s`]).
    PerRequest(f64),
}

impl Billed {
    fn of(scenario: &Scenario, service: &ServiceTime) -> Billed {
        match scenario.cloud_run.billing_rounding {
            Rounding::PerBusyPeriod => Billed::PerBusyPeriod,
            Rounding::None => Billed::Busy,
            Rounding::PerRequest => Billed::PerRequest(rounded_mean_s(service)),
        }
    }

    /// The billed share of an instance taking `arrivals_per_s` requests, busy `busy` of the
    /// time, with `slots` concurrency slots.
    fn share(self, arrivals_per_s: f64, busy: f64, slots: u32) -> f64 {
        match self {
            Billed::PerBusyPeriod => billable_share(arrivals_per_s, busy),
            Billed::Busy => busy,
            Billed::PerRequest(rounded_s) => busy_share(arrivals_per_s * rounded_s, slots).max(busy),
        }
    }
}

/// The billed share of one instance taking `arrivals_per_s` requests, busy `busy` of the time,
/// by the scenario's rounding rule (`cloudRun.billingRounding`), as the sizing bills it.
pub(crate) fn billed_share(scenario: &Scenario, arrivals_per_s: f64, busy: f64) -> f64 {
    Billed::of(scenario, &service_time(scenario)).share(arrivals_per_s, busy, scenario.cloud_run.max_concurrency)
}

/// The mean service time with each request's time rounded up to [`BILLING_GRANULARITY_S`],
/// seconds: `E[ceil(S / D) D] = D sum_(k >= 0) P(S > k D)`, summed to `K D` with `K` the
/// smaller of 1,000 and the steps to the 99.99th percentile; beyond it the remainder up to
/// the next step is taken as uniform, `E[(S - K D)+] + D/2 P(S > K D)`.
///
/// ```
/// use headroom::model::{service::ServiceTime, sizing::rounded_mean_s};
/// // Every request takes 30 ms: billed 100 ms each.
/// assert!((rounded_mean_s(&ServiceTime::from_percentiles_ms(30.0, 30.0)) - 0.1).abs() < 1e-12);
/// // 130 ms: 200 ms.
/// assert!((rounded_mean_s(&ServiceTime::from_percentiles_ms(130.0, 130.0)) - 0.2).abs() < 1e-12);
/// ```
pub fn rounded_mean_s(service: &ServiceTime) -> f64 {
    let d = BILLING_GRANULARITY_S;
    // Saturating cast: at most 1,000.
    let steps = (service.quantile_s(0.9999) / d).ceil().clamp(1.0, 1000.0) as u32;
    let head: f64 = (0..steps).map(|k| service.survival(f64::from(k) * d)).sum::<f64>() * d;
    let end = f64::from(steps) * d;
    head + service.excess_mean_s(end) + 0.5 * d * service.survival(end)
}

fn size_segment(scenario: &Scenario, mean_s: f64, billed: Billed, load: Segment, regions: f64) -> SegmentSizing {
    let run = &scenario.cloud_run;
    let qps = load.qps / regions;
    let n =
        instances_needed(scenario, mean_s, qps, load.vcpu_demand / regions).clamp(run.min_instances, run.max_instances);
    let (busy, active) = if n == 0 {
        (0.0, 0.0)
    } else {
        let per_instance = qps / f64::from(n);
        let share = busy_share(per_instance * mean_s, run.max_concurrency);
        (f64::from(n) * share, f64::from(n) * billed.share(per_instance, share, run.max_concurrency))
    };
    SegmentSizing {
        load,
        instances_per_region: n,
        busy_instances_per_region: busy,
        active_instances_per_region: active,
        idle_min_instances_per_region: (f64::from(run.min_instances) - active).max(0.0),
        starting_instances_per_region: 0.0,
    }
}

/// `profile` (a day's stretches in order) with the start-up time of the instances each
/// stretch adds over the one before it (the first follows the last: the day repeats), each
/// billed `cold_start_s` seconds, spread over the stretch (`tests/cost_lines.rs` works an
/// example by hand).
fn with_start_ups(mut profile: Vec<SegmentSizing>, cold_start_s: f64) -> Vec<SegmentSizing> {
    let counts: Vec<u32> = profile.iter().map(|s| s.instances_per_region).collect();
    let len = counts.len();
    for (i, s) in profile.iter_mut().enumerate() {
        let before = counts[(i + len - 1) % len];
        let starts = f64::from(counts[i].saturating_sub(before));
        if starts > 0.0 {
            s.starting_instances_per_region = starts * cold_start_s / (s.load.hours_per_day * 3600.0);
        }
    }
    profile
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

/// The queue of one region at `qps_per_region` on `instances` (at least 1): its concurrency
/// slots pooled (M/G/c), plus CPU contention on each instance for requests of `cpu_s`
/// vCPU-seconds (the mix's mean).
fn region_queue(
    scenario: &Scenario,
    service: ServiceTime,
    qps_per_region: f64,
    instances: u32,
    cpu_s: f64,
) -> MgcQueue {
    let run = &scenario.cloud_run;
    let instances = instances.max(1);
    let servers = instances.saturating_mul(run.max_concurrency);
    let cpu = cpu_wait(qps_per_region / f64::from(instances), cpu_s, run.vcpu);
    MgcQueue::new(qps_per_region, service, servers).with_added_wait(cpu.prob, cpu.rate)
}

/// How much of the latency a sizing computes: the percentiles take most of its time when
/// requests queue (CPU contention makes them queue at any load).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Detail {
    /// No latency (no queue, no mean, no percentiles) and no latency capacity: for the bill
    /// alone.
    Bill,
    /// The p95 at the peak only (the growth curve).
    P95,
    /// The p50, p95 and p99 at the peak and the latency capacity where it binds ([`size`]).
    Full,
}

/// Response times of the queue `queue` makes to `detail` (the mean always, but for the bill);
/// all `None` when `saturated` or for [`Detail::Bill`] (the queue is not made).
fn latency_at(service: ServiceTime, queue: impl Fn() -> MgcQueue, saturated: bool, detail: Detail) -> Latency {
    if saturated || detail == Detail::Bill {
        return Latency { mean_ms: None, p50_ms: None, p95_ms: None, p99_ms: None };
    }
    let queue = queue();
    let mean_ms = queue.mean_wait_s().map(|w| (service.mean_s() + w) * 1000.0);
    let ms = |s: Option<f64>| s.map(|s| s * 1000.0);
    let [p50, p95, p99] = match detail {
        Detail::Full => queue.response_time_percentiles_s(),
        _ => [None, queue.response_time_percentile_s(0.95), None],
    };
    Latency { mean_ms, p50_ms: ms(p50), p95_ms: ms(p95), p99_ms: ms(p99) }
}

/// [`LatencyProbe::capacity`] stops once `ln(P(T > target) / 5%)` is within this of 0: the
/// exceedance within 0.1% of 5%.
const LATENCY_CAPACITY_TOL: f64 = 1e-3;

/// Utilisation from which [`LatencyProbe::capacity`] searches when the autoscaler's target is
/// at saturation.
const LATENCY_SEARCH_START: f64 = 0.99;

/// The p95 target of one region at max instances, probed at loads given as `v = -ln(1 - u)`,
/// `u` the share of saturation (`h` below is near linear in `v`).
struct LatencyProbe<'a> {
    scenario: &'a Scenario,
    service: ServiceTime,
    /// Requests/s of one region at max instances with the binding resource fully busy.
    saturation_per_region: f64,
    /// CPU time per request in the mix at the peak, vCPU-seconds.
    cpu_s: f64,
    /// The p95 target, seconds.
    target_s: f64,
}

impl LatencyProbe<'_> {
    /// Requests/s of the region at `v`.
    fn load(&self, v: f64) -> f64 {
        -(-v).exp_m1() * self.saturation_per_region
    }

    /// `h(v) = ln(P(T > target) / 5%)`, rising with the load: positive when the p95 misses the
    /// target, infinite when saturated. One [`MgcQueue::response_time_exceedance`] (a
    /// quadrature).
    fn excess(&self, v: f64) -> f64 {
        self.queue(v).response_time_exceedance(self.target_s).map_or(f64::INFINITY, |e| (e / 0.05).ln())
    }

    /// Whether the latency capacity is 0 with no quadrature: the service time alone misses the
    /// target, or the region has no capacity at all.
    fn hopeless(&self) -> bool {
        let s = self.saturation_per_region;
        self.service.quantile_s(0.95) >= self.target_s || s.is_nan() || s <= 0.0
    }

    /// The queue of the region at `v`.
    fn queue(&self, v: f64) -> MgcQueue {
        let max = self.scenario.cloud_run.max_instances;
        region_queue(self.scenario, self.service, self.load(v), max, self.cpu_s)
    }

    /// The latency capacity when it is below the autoscaler's: `None` when the p95 at the
    /// autoscaler's target utilisation meets the target, the capacity otherwise. Far from the
    /// target an upper bound on the exceedance settles it with no quadrature; else one
    /// quadrature, and about 3 more when the target is missed.
    fn below_autoscaler(&self) -> Option<f64> {
        if self.hopeless() {
            return Some(0.0);
        }
        let v = -(-self.scenario.cloud_run.target_utilization).ln_1p();
        if self.queue(v).response_time_exceedance_bound(self.target_s).is_some_and(|e| e <= 0.05) {
            return None;
        }
        let h = self.excess(v);
        (h > 0.0).then(|| self.capacity((v, h)))
    }

    /// The latency capacity, requests/s of the region (0 when even light load misses the
    /// target).
    fn exact(&self) -> f64 {
        if self.hopeless() {
            return 0.0;
        }
        let v = -(-self.scenario.cloud_run.target_utilization.min(LATENCY_SEARCH_START)).ln_1p();
        self.capacity((v, self.excess(v)))
    }

    /// The highest requests/s of the region whose p95 stays within the target: the root of
    /// `h`, by the Illinois variant of regula falsi in `v` from the evaluated point `first`
    /// (`(v, h(v))`), stepping out while `h <= 0` (each step one quadrature).
    fn capacity(&self, first: (f64, f64)) -> f64 {
        let (mut v, mut h) = if first.0.is_finite() {
            first
        } else {
            let v = -(-LATENCY_SEARCH_START).ln_1p();
            (v, self.excess(v))
        };
        // (v, h) with h <= 0, and with h > 0 once found.
        let mut lo = (0.0, (self.service.survival(self.target_s) / 0.05).ln());
        let mut hi: Option<(f64, f64)> = None;
        let mut side = 0;
        for _ in 0..100 {
            if h.abs() <= LATENCY_CAPACITY_TOL {
                return self.load(v);
            }
            if h > 0.0 {
                if side == 1 {
                    lo.1 *= 0.5;
                }
                (hi, side) = (Some((v, h)), 1);
            } else {
                if let (Some(hi), -1) = (hi.as_mut(), side) {
                    hi.1 *= 0.5;
                }
                (lo, side) = ((v, h), -1);
            }
            v = match hi {
                // No load yet misses the target: extrapolate, by at least 1/4 and at most 2 (not
                // `f64::clamp`, whose bounds check links float formatting into the page's wasm).
                None => (v - h * v / (h - lo.1)).max(v + 0.25).min(v + 2.0),
                Some(hi) if hi.0 - lo.0 <= 1e-9 * hi.0 => break,
                Some(hi) => {
                    let secant = lo.0 - lo.1 * (hi.0 - lo.0) / (hi.1 - lo.1);
                    if secant > lo.0 && secant < hi.0 { secant } else { 0.5 * (lo.0 + hi.0) }
                }
            };
            h = self.excess(v);
        }
        self.load(lo.0)
    }
}

/// The probe of `scenario`'s p95 target (its service time `service`), for one region of
/// `saturation_per_region` requests/s and the mix of requests at `peak` (its origin load).
fn latency_probe<'a>(
    scenario: &'a Scenario,
    service: ServiceTime,
    peak: &Segment,
    saturation_per_region: f64,
) -> LatencyProbe<'a> {
    let cpu_s = cpu_per_request_s(scenario, peak);
    let target_s = scenario.cloud_run.latency_target_p95_ms / 1000.0;
    LatencyProbe { scenario, service, saturation_per_region, cpu_s, target_s }
}

/// The highest load reaching Cloud Run, requests/s over all regions, whose p95 at max
/// instances stays within `latencyTargetP95Ms` (the exceedance within 0.1% of 5%), whichever
/// of the two capacities binds; 0 when the service time alone misses the target.
/// [`size`] computes it only where it binds ([`Sizing::latency_capacity_qps`]); this costs a
/// sizing and about 5 quadratures. The scenario must be valid.
///
/// ```
/// use headroom::model::{preset, sizing::{latency_capacity_qps, size}};
/// // Week 9: the 500 ms target holds to about 96% CPU, beyond the autoscaler's 60%.
/// let s = preset("week9-baseline").unwrap();
/// let sizing = size(&s);
/// assert_eq!(sizing.latency_capacity_qps, None);
/// let exact = latency_capacity_qps(&s);
/// assert!(exact > 0.95 * sizing.saturation_qps && exact < sizing.saturation_qps);
/// ```
pub fn latency_capacity_qps(scenario: &Scenario) -> f64 {
    let sizing = size_with(scenario, Detail::Bill);
    let r = f64::from(sizing.regions);
    let peak = sizing.profile.first().map_or(NO_LOAD, |s| s.load);
    latency_probe(scenario, service_time(scenario), &peak, sizing.saturation_qps / r).exact() * r
}

/// Per-instance throughput at full use of each resource, requests/s, and the binding one, for
/// the mix of requests at `peak` (the typical customer's CPU time when there is no load).
fn per_instance_qps(scenario: &Scenario, mean_s: f64, cpu_s: f64) -> (f64, Bound) {
    let run = &scenario.cloud_run;
    let by_slots = f64::from(run.max_concurrency) / mean_s;
    let by_cpu = if cpu_s > 0.0 { run.vcpu / cpu_s } else { f64::INFINITY };
    if by_cpu < by_slots { (by_cpu, Bound::Cpu) } else { (by_slots, Bound::Concurrency) }
}

/// CPU time per request in the mix at `peak`, vCPU-seconds (the typical customer's when
/// there is no load).
fn cpu_per_request_s(scenario: &Scenario, peak: &Segment) -> f64 {
    if peak.qps > 0.0 { peak.vcpu_demand / peak.qps } else { scenario.typical_customer.cpu_ms_per_request / 1000.0 }
}

/// Sizes the scenario. The scenario must be valid ([`Scenario::validate`]).
///
/// ```
/// let s = headroom::model::preset("week9-baseline").unwrap();
/// let sizing = headroom::model::sizing::size(&s);
/// // 6 ms of CPU a request: a 1-vCPU instance serves 1/0.006 = 166.7 requests/s flat out,
/// // 100 at the 60% target; 10 instances carry 1,000 QPS. Slots would allow
/// // 80 / 63.2 ms x 60% = 759 QPS per instance (63.2 ms: the mean through the seed's p50, p95, p99).
/// assert_eq!(sizing.capacity_bound, headroom::model::sizing::Bound::Cpu);
/// assert!((sizing.capacity_qps - 1_000.0).abs() < 1e-9);
/// // 50 QPS x 6 ms = 0.3 vCPU on the one instance: 30% CPU at peak.
/// assert!((sizing.cpu_utilization_at_peak - 0.3).abs() < 1e-12);
/// // The 500 ms p95 target holds to about 96% CPU: the autoscaler's target binds.
/// assert_eq!(sizing.headroom_binds, headroom::model::sizing::Binds::AutoscalerTarget);
/// assert!((sizing.headroom_ratio.unwrap() - 20.0).abs() < 1e-9);
/// ```
pub fn size(scenario: &Scenario) -> Sizing {
    size_with(scenario, Detail::Full)
}

/// [`size`] to `detail`: below [`Detail::Full`] the percentiles it skips and the latency
/// capacity are `None`, and the headroom is the autoscaler's, unchecked against the p95
/// target (its callers, the growth curve, the commitment search and the CDN comparison, read
/// no headroom).
pub(crate) fn size_with(scenario: &Scenario, detail: Detail) -> Sizing {
    size_with_cdn(scenario, &Demand::of(scenario), detail, scenario.network.cdn)
}

/// What a sizing reads of the scenario whatever the CDN: made once when a scenario is sized
/// with Cloud CDN and without it (the CDN's saving, [`crate::model::cost::total_without_cdn`]).
pub(crate) struct Demand {
    /// The service time the scenario measured ([`service_time`]).
    service: ServiceTime,
    /// How an instance's busy time is billed.
    billed: Billed,
    /// The day at the edge, stretch by stretch, busiest first (cache hits included).
    edge: Vec<Segment>,
}

impl Demand {
    /// The demand of `scenario` (valid): its service time, billing and day at the edge.
    pub(crate) fn of(scenario: &Scenario) -> Demand {
        let service = service_time(scenario);
        Demand { service, billed: Billed::of(scenario, &service), edge: daily_profile(scenario) }
    }
}

/// [`size_with`] with Cloud CDN on when `cdn`, whatever the scenario says (the CDN comparison
/// sizes the scenario without it, with no copy of the scenario), from the scenario's `demand`.
pub(crate) fn size_with_cdn(scenario: &Scenario, demand: &Demand, detail: Detail, cdn: bool) -> Sizing {
    let run = &scenario.cloud_run;
    let regions = scenario.cloud_run.regions.len().max(1) as u32;
    let r = f64::from(regions);
    let Demand { service, billed, ref edge } = *demand;
    let mean_s = service.mean_s();
    let origin_share = 1.0 - scenario.network.hit_share(cdn);
    let profile: Vec<SegmentSizing> = edge
        .iter()
        .map(|g| {
            let origin = Segment { qps: g.qps * origin_share, vcpu_demand: g.vcpu_demand * origin_share, ..*g };
            size_segment(scenario, mean_s, billed, origin, r)
        })
        .collect();
    let profile = with_start_ups(profile, run.cold_start_s);
    let peak = profile.first().copied().unwrap_or(SegmentSizing {
        load: NO_LOAD,
        instances_per_region: run.min_instances,
        busy_instances_per_region: 0.0,
        active_instances_per_region: 0.0,
        idle_min_instances_per_region: f64::from(run.min_instances),
        starting_instances_per_region: 0.0,
    });
    let quiet_at = (0..edge.len()).min_by(|&a, &b| edge[a].qps.total_cmp(&edge[b].qps));
    let quiet = quiet_at.map_or(peak, |i| profile[i]);
    let daily = |f: fn(&Segment) -> f64| edge.iter().map(|g| f(g) * g.hours_per_day / 24.0).sum::<f64>();
    let requests_per_month = daily(|g| g.qps) * SECONDS_PER_MONTH;
    let origin_requests_per_month = per_month(&profile, 1.0, |s| s.load.qps);
    let cpu_s = cpu_per_request_s(scenario, &peak.load);
    let (per_instance, capacity_bound) = per_instance_qps(scenario, mean_s, cpu_s);
    let saturation_qps = per_instance * f64::from(run.max_instances) * r;
    let capacity_qps = saturation_qps * run.target_utilization;
    let latency_capacity_qps = if detail == Detail::Full {
        latency_probe(scenario, service, &peak.load, saturation_qps / r).below_autoscaler().map(|l| l * r)
    } else {
        None
    };
    let (headroom_qps, headroom_binds) = match latency_capacity_qps {
        Some(l) if l < capacity_qps => (l, Binds::LatencyTarget),
        _ => (capacity_qps, Binds::AutoscalerTarget),
    };
    let running = r * f64::from(peak.instances_per_region.max(1));
    let slot_utilization_at_peak = peak.load.qps * mean_s / (running * f64::from(run.max_concurrency));
    let cpu_utilization_at_peak = peak.load.vcpu_demand / (running * run.vcpu);
    let utilization_at_peak = slot_utilization_at_peak.max(cpu_utilization_at_peak);
    let saturated = utilization_at_peak >= 1.0;
    let queue = || region_queue(scenario, service, peak.load.qps / r, peak.instances_per_region, cpu_s);
    let latency = latency_at(service, queue, saturated, detail);
    let firestore = firestore_load(scenario);
    let egress_gib_per_month: f64 =
        scenario.customers.iter().map(|c| f64::from(c.count) * c.profile.egress_gb_per_month).sum::<f64>() * GIB_PER_GB;
    let hours = |f: fn(&SegmentSizing) -> f64| per_month(&profile, r, f) / 3600.0;
    let peak_qps = edge.first().map_or(0.0, |g| g.qps);
    Sizing {
        regions,
        peak_qps,
        origin_share,
        origin_peak_qps: peak.load.qps,
        avg_qps: requests_per_month / SECONDS_PER_MONTH,
        quiet_qps: quiet_at.map_or(0.0, |i| edge[i].qps),
        requests_per_month,
        origin_requests_per_month,
        in_flight_at_peak: latency.mean_ms.map(|ms| peak.load.qps * ms / 1000.0),
        instances_needed_at_peak: instances_needed(scenario, mean_s, peak.load.qps / r, peak.load.vcpu_demand / r),
        instances_at_peak: peak.instances_per_region,
        instances_quiet: quiet.instances_per_region,
        instance_hours_per_month: hours(|s| f64::from(s.instances_per_region)),
        busy_instance_hours_per_month: hours(|s| s.busy_instances_per_region),
        active_instance_hours_per_month: hours(|s| s.active_instances_per_region),
        idle_min_instance_hours_per_month: hours(|s| s.idle_min_instances_per_region),
        starting_instance_hours_per_month: hours(|s| s.starting_instances_per_region),
        capacity_bound,
        capacity_qps,
        saturation_qps,
        latency_capacity_qps,
        headroom_qps,
        headroom_binds,
        headroom_ratio: (peak.load.qps > 0.0).then(|| headroom_qps / peak.load.qps),
        slot_utilization_at_peak,
        cpu_utilization_at_peak,
        utilization_at_peak,
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
