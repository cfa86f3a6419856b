//! Findings: the bottleneck and risk analysis, computed from the sizing and the bill.
//!
//! Each finding compares one figure with one threshold and says what it means. The list is
//! sorted by severity, most severe first.

use serde::Serialize;

use super::cost::{Commitment, Component, LineItem};
use super::scenario::{LoadBalancer, NetworkTier, Scenario};
use super::sizing::{Bound, FirestoreLoad, Sizing};
use super::text::{Fixed, Num};

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Estimate.ts"))]
pub enum Severity {
    /// Broken or unsupported now.
    Critical,
    /// Will fail under the scenario's load or terms.
    High,
    /// A risk worth a plan.
    Medium,
    /// Worth knowing.
    Low,
    /// A figure for the record; nothing to do.
    Info,
}

/// What part of the system a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Estimate.ts"))]
pub enum Area {
    /// Cloud Run capacity and scaling.
    Capacity,
    /// Response time.
    Latency,
    /// Firestore limits.
    Firestore,
    /// Load balancer, CDN and egress.
    Network,
    /// Redundancy and warm instances.
    Availability,
    /// Inputs that do not hang together.
    Inputs,
    /// Discounts and commitments.
    Discounts,
    /// Gross margin.
    Margin,
}

/// One computed observation: a figure against a threshold.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Estimate.ts"))]
pub struct Finding {
    /// Stable identifier, e.g. `capacity-at-max-instances`.
    pub code: &'static str,
    /// How much it matters.
    pub severity: Severity,
    /// What it is about.
    pub area: Area,
    /// One sentence for people.
    pub message: String,
    /// The figure measured, in `unit`.
    pub figure: f64,
    /// The threshold it is compared with, in `unit`.
    pub threshold: f64,
    /// The unit of `figure` and `threshold`.
    pub unit: &'static str,
}

/// Everything findings look at.
pub struct Facts<'a> {
    /// The scenario.
    pub scenario: &'a Scenario,
    /// Its sizing.
    pub sizing: &'a Sizing,
    /// The committed use discount, if any.
    pub commitment: Option<&'a Commitment>,
    /// Gross margin, percent, if there is revenue.
    pub gross_margin_pct: Option<f64>,
    /// The bill.
    pub lines: &'a [LineItem],
    /// What Cloud CDN saves a month, USD: the total without it less the total with it
    /// (negative when it costs more); `None` without CDN.
    pub cdn_saving_usd: Option<f64>,
}

type Rule = fn(&Facts) -> Option<Finding>;

/// Every rule, in display order within a severity.
const RULES: [Rule; 13] = [
    capacity,
    latency,
    cold_start,
    firestore_ramp,
    firestore_writes,
    firestore_indexes,
    cdn_load_balancer,
    cdn_tier,
    cdn_value,
    regions,
    warm_instances,
    response_size,
    commitment,
];

/// Runs every rule, most severe first.
///
/// ```
/// let e = headroom::model::evaluate(&headroom::model::preset("week9-baseline").unwrap()).unwrap();
/// assert_eq!(e.findings[0].code, "single-region"); // medium: the most severe here
/// assert!(e.findings.windows(2).all(|w| w[0].severity <= w[1].severity));
/// ```
pub fn findings(facts: &Facts) -> Vec<Finding> {
    let mut all = Vec::with_capacity(RULES.len() + 1);
    all.extend(RULES.iter().filter_map(|rule| rule(facts)).chain(margin(facts)));
    // Most severe first, in rule order within a severity: an insertion sort in place, as findings
    // are few and a library sort would add kilobytes to the WebAssembly.
    for i in 1..all.len() {
        let mut j = i;
        while j > 0 && all[j - 1].severity > all[j].severity {
            all.swap(j - 1, j);
            j -= 1;
        }
    }
    all
}

fn finding(
    code: &'static str,
    severity: Severity,
    area: Area,
    message: String,
    figure: f64,
    threshold: f64,
    unit: &'static str,
) -> Option<Finding> {
    Some(Finding { code, severity, area, message, figure, threshold, unit })
}

/// What binds capacity, for messages.
fn bound_name(s: &Sizing) -> &'static str {
    match s.capacity_bound {
        Bound::Cpu => "vCPUs",
        Bound::Concurrency => "concurrency slots",
    }
}

/// The capacity finding's severity: critical when saturated, high when the peak is above
/// the capacity at max instances, medium above half of it, info otherwise.
pub(crate) fn capacity_severity(s: &Sizing) -> Severity {
    if s.utilization_at_peak >= 1.0 {
        Severity::Critical
    } else if s.origin_peak_qps > s.capacity_qps {
        Severity::High
    } else if s.origin_peak_qps * 2.0 > s.capacity_qps {
        Severity::Medium
    } else {
        Severity::Info
    }
}

fn capacity(f: &Facts) -> Option<Finding> {
    let s = f.sizing;
    let (peak, cap, sat) = (s.origin_peak_qps, s.capacity_qps, s.saturation_qps);
    let bound = bound_name(s);
    let (severity, threshold, message) = match capacity_severity(s) {
        Severity::Critical => (
            Severity::Critical,
            sat,
            format!(
                "Saturated: peak {peak_0:#} QPS needs {busy_0}% of the {bound} at max instances ({sat_0:#} QPS at most): requests queue, then fail with HTTP 429.",
                peak_0 = Fixed(peak, 0),
                busy_0 = Fixed(s.utilization_at_peak * 100.0, 0),
                sat_0 = Fixed(sat, 0)
            ),
        ),
        Severity::High => (
            Severity::High,
            cap,
            format!(
                "Peak {peak_0:#} QPS is above the {cap_0:#} QPS max instances carry at target utilisation of their {bound}: no room to scale.",
                peak_0 = Fixed(peak, 0),
                cap_0 = Fixed(cap, 0)
            ),
        ),
        Severity::Medium => (
            Severity::Medium,
            cap,
            format!(
                "Peak {peak_0:#} QPS uses over half of the {cap_0:#} QPS capacity at max instances (bound by {bound}): less than 2x growth room.",
                peak_0 = Fixed(peak, 0),
                cap_0 = Fixed(cap, 0)
            ),
        ),
        _ => (
            Severity::Info,
            cap,
            format!(
                "Max instances carry {cap_0:#} QPS at target utilisation (bound by {bound}), {:#}x the {peak_0:#} QPS peak.",
                Fixed(s.headroom_ratio.unwrap_or(f64::INFINITY), 1),
                cap_0 = Fixed(cap, 0),
                peak_0 = Fixed(peak, 0)
            ),
        ),
    };
    finding("capacity-at-max-instances", severity, Area::Capacity, message, peak, threshold, "QPS")
}

/// The p95 finding's severity for `p95_ms` (`None`: saturated) against `target_ms`:
/// critical when saturated, high over the target, medium within 20% of it, info otherwise.
pub(crate) fn latency_severity(p95_ms: Option<f64>, target_ms: f64) -> Severity {
    match p95_ms {
        None => Severity::Critical,
        Some(p95) if p95 > target_ms => Severity::High,
        Some(p95) if p95 > 0.8 * target_ms => Severity::Medium,
        Some(_) => Severity::Info,
    }
}

fn latency(f: &Facts) -> Option<Finding> {
    let target = f.scenario.cloud_run.latency_target_p95_ms;
    let Some(p95) = f.sizing.latency_p95_ms else {
        let busy = f.sizing.utilization_at_peak * 100.0;
        let m = format!(
            "Saturated at peak: {busy_0}% of the {} busy, more work arrives than the instances can serve, so response time grows without bound.",
            bound_name(f.sizing),
            busy_0 = Fixed(busy, 0)
        );
        return finding("p95-latency", Severity::Critical, Area::Latency, m, busy, 100.0, "% busy");
    };
    let severity = latency_severity(Some(p95), target);
    let verdict = match severity {
        Severity::High => "misses",
        Severity::Medium => "is within 20% of",
        _ => "meets",
    };
    let m = format!(
        "Estimated p95 at peak {p95_0} ms {verdict} the {target_0} ms target (M/G/c estimate from the measured service time, optimistic for per-instance routing).",
        p95_0 = Fixed(p95, 0),
        target_0 = Fixed(target, 0)
    );
    finding("p95-latency", severity, Area::Latency, m, p95, target, "ms")
}

fn cold_start(f: &Facts) -> Option<Finding> {
    let run = &f.scenario.cloud_run;
    let cold_ms = run.cold_start_s * 1000.0;
    let target = run.latency_target_p95_ms;
    if run.min_instances == 0 {
        let m = format!(
            "No warm instances: the first request after idle waits about {} s for a cold start.",
            Num(run.cold_start_s)
        );
        let severity = if cold_ms > target { Severity::High } else { Severity::Low };
        return finding("cold-start-exposure", severity, Area::Latency, m, cold_ms, target, "ms");
    }
    let (quiet, peak) = (f.sizing.instances_quiet, f.sizing.instances_at_peak);
    (peak > run.min_instances && cold_ms > target).then(|| Finding {
        code: "cold-start-exposure",
        severity: Severity::Low,
        area: Area::Latency,
        message: format!(
            "Scaling from {quiet} to {peak} instances per region at peak starts new instances: requests routed to them can wait up to {} s.",
            Num(run.cold_start_s)),
        figure: cold_ms,
        threshold: target,
        unit: "ms",
    })
}

/// Firestore reads, writes and deletes per second at the shared peak.
pub(crate) fn peak_firestore_ops(fs: &FirestoreLoad) -> f64 {
    fs.peak_reads_per_s + fs.peak_writes_per_s + fs.peak_deletes_per_s
}

/// The ramp finding's severity for `ops` per second at peak: medium above the 500 ops/s a new
/// collection starts at, info otherwise.
pub(crate) fn ramp_severity(ops: f64) -> Severity {
    if ops > 500.0 { Severity::Medium } else { Severity::Info }
}

fn firestore_ramp(f: &Facts) -> Option<Finding> {
    let ops = peak_firestore_ops(&f.sizing.firestore);
    if ramp_severity(ops) == Severity::Info {
        return finding(
            "firestore-ramp",
            Severity::Info,
            Area::Firestore,
            format!(
                "Peak Firestore traffic {ops_1} ops/s is within the 500 ops/s a new collection starts at.",
                ops_1 = Fixed(ops, 1)
            ),
            ops,
            500.0,
            "ops/s",
        );
    }
    // 500/50/5: start at 500 ops/s and add 50% every 5 minutes.
    let minutes = 5.0 * (ops / 500.0).ln() / 1.5_f64.ln();
    let m = format!(
        "Peak Firestore traffic {ops_0:#} ops/s is above 500 ops/s: ramp new collections up over about {minutes_0:#} minutes (500/50/5 rule).",
        ops_0 = Fixed(ops, 0),
        minutes_0 = Fixed(minutes, 0)
    );
    finding("firestore-ramp", Severity::Medium, Area::Firestore, m, ops, 500.0, "ops/s")
}

/// The sequential-writes finding's severity for `writes` per second at peak: high above 500,
/// medium above 250, none below.
pub(crate) fn writes_severity(writes: f64) -> Option<Severity> {
    if writes > 500.0 {
        Some(Severity::High)
    } else if writes > 250.0 {
        Some(Severity::Medium)
    } else {
        None
    }
}

fn firestore_writes(f: &Facts) -> Option<Finding> {
    let w = f.sizing.firestore.peak_writes_per_s;
    let severity = writes_severity(w)?;
    let m = format!(
        "Peak writes {w_0:#}/s against the ~500/s limit for a collection with a sequentially indexed field (e.g. a timestamp): shard or drop that index.",
        w_0 = Fixed(w, 0)
    );
    finding("firestore-sequential-writes", severity, Area::Firestore, m, w, 500.0, "writes/s")
}

fn firestore_indexes(f: &Facts) -> Option<Finding> {
    let n = f64::from(f.scenario.firestore.composite_indexes);
    let severity = if n > 1000.0 {
        Severity::Critical
    } else if n > 800.0 {
        Severity::Medium
    } else if n > 200.0 {
        Severity::Info
    } else {
        return None;
    };
    let m = format!(
        "{n_0:#} composite indexes against Google's limit of 1,000 per database (200 without billing).",
        n_0 = Fixed(n, 0)
    );
    finding("firestore-index-limit", severity, Area::Firestore, m, n, 1000.0, "indexes")
}

fn cdn_load_balancer(f: &Facts) -> Option<Finding> {
    let net = &f.scenario.network;
    (net.cdn && net.load_balancer == LoadBalancer::Regional).then(|| Finding {
        code: "cdn-needs-global-lb",
        severity: Severity::Critical,
        area: Area::Network,
        message: "Cloud CDN works only behind the global external Application Load Balancer, not the regional one: the CDN lines price a set-up Google does not offer.".into(),
        figure: 1.0,
        threshold: 0.0,
        unit: "regional load balancers with CDN",
    })
}

fn cdn_tier(f: &Facts) -> Option<Finding> {
    let net = &f.scenario.network;
    (net.cdn && net.tier == NetworkTier::Standard).then(|| Finding {
        code: "cdn-needs-premium-tier",
        severity: Severity::High,
        area: Area::Network,
        message: "Cloud CDN needs the Premium network tier; the Standard tier egress prices do not apply with it."
            .into(),
        figure: 1.0,
        threshold: 0.0,
        unit: "Standard tier with CDN",
    })
}

/// Cloud CDN against what it saves: the month's total without CDN less the total with it,
/// so every rate (egress tiers, processing, Cloud Armor, discounts) counts at the margin.
fn cdn_value(f: &Facts) -> Option<Finding> {
    let net_usd = f.cdn_saving_usd?;
    let cdn_usd =
        f.lines.iter().filter(|l| l.component == Component::Cdn).map(|l| l.amount_cents).sum::<i64>() as f64 / 100.0;
    // What the other lines drop by with CDN on.
    let saved_usd = cdn_usd + net_usd;
    let (code, severity, message) = if net_usd < 0.0 {
        (
            "cdn-costs-more-than-it-saves",
            Severity::Medium,
            format!(
                "Cloud CDN adds ${:#} a month: its ${:#} of lookups, cache egress and fill cost more than the Cloud Run time, egress, processing and Cloud Armor its cache hits save.",
                Fixed(-net_usd, 2),
                Fixed(cdn_usd, 2)
            ),
        )
    } else {
        (
            "cdn-saves",
            Severity::Info,
            format!(
                "Cloud CDN saves ${:#} a month: its ${:#} of lookups, cache egress and fill cost less than the Cloud Run time, egress, processing and Cloud Armor its cache hits save.",
                Fixed(net_usd, 2),
                Fixed(cdn_usd, 2)
            ),
        )
    };
    finding(code, severity, Area::Network, message, cdn_usd, saved_usd, "USD/month")
}

fn regions(f: &Facts) -> Option<Finding> {
    let r = f64::from(f.sizing.regions);
    (r < 2.0).then(|| Finding {
        code: "single-region",
        severity: Severity::Medium,
        area: Area::Availability,
        message: "One region: a regional outage is a full outage.".into(),
        figure: r,
        threshold: 2.0,
        unit: "regions",
    })
}

fn warm_instances(f: &Facts) -> Option<Finding> {
    let min = f64::from(f.scenario.cloud_run.min_instances);
    (min < 2.0).then(|| Finding {
        code: "warm-instances",
        severity: Severity::Medium,
        area: Area::Availability,
        message: format!(
            "{min_0} warm instance(s) per region: one instance failing leaves no warm spare.",
            min_0 = Fixed(min, 0)
        ),
        figure: min,
        threshold: 2.0,
        unit: "instances per region",
    })
}

/// Response sizes below 0.2 KiB or above 512 KiB are implausible for an API.
const RESPONSE_KIB_RANGE: (f64, f64) = (0.2, 512.0);

fn response_size(f: &Facts) -> Option<Finding> {
    let kib = f.sizing.implied_response_kib?;
    if f.sizing.egress_gib_per_month == 0.0 {
        return None;
    }
    let (low, high) = RESPONSE_KIB_RANGE;
    let (severity, threshold, verdict) = if kib > high {
        (Severity::Medium, high, "implausibly large")
    } else if kib < low {
        (Severity::Medium, low, "implausibly small")
    } else {
        (Severity::Info, high, "plausible")
    };
    let m = format!(
        "Egress over requests implies {kib_1} KiB per response: {verdict} for an API; check the egress and QPS inputs.",
        kib_1 = Fixed(kib, 1)
    );
    finding("implied-response-size", severity, Area::Inputs, m, kib, threshold, "KiB")
}

fn commitment(f: &Facts) -> Option<Finding> {
    let c = f.commitment?;
    let unused = c.unused_usd_per_month;
    if unused > 0.005 {
        let m = format!(
            "The commitment (${:#} an hour) is above steady Cloud Run usage (${:#} an hour): ${unused_2:#} a month of it goes unused.",
            Fixed(c.committed_usd_per_hour, 2),
            Fixed(c.steady_usd_per_hour, 2),
            unused_2 = Fixed(unused, 2)
        );
        return finding(
            "cud-above-steady-usage",
            Severity::Medium,
            Area::Discounts,
            m,
            c.committed_usd_per_hour,
            c.steady_usd_per_hour,
            "USD/hour",
        );
    }
    None
}

fn margin(f: &Facts) -> Option<Finding> {
    let m = f.gross_margin_pct?;
    let severity = if m < 50.0 {
        Severity::High
    } else if m < 75.0 {
        Severity::Medium
    } else {
        Severity::Info
    };
    let text = format!("Gross margin on infrastructure {m_1}% (SaaS benchmark: 75% or more).", m_1 = Fixed(m, 1));
    finding("gross-margin", severity, Area::Margin, text, m, 75.0, "%")
}
