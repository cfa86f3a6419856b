//! The savings finder: changes to a scenario that lower its monthly cost, best first.
//!
//! Each candidate is a list of field changes, applied in order with
//! [`Scenario::set`](crate::model::Scenario::set) (so the page can apply it the same way), and
//! priced by [`evaluate`]: its saving is exactly the current total less the changed total. A
//! candidate that fails validation or saves nothing is left out. A saving that breaks the
//! service is listed apart, as risky: its p95 at peak goes over `cloudRun.latencyTargetP95Ms`
//! (or saturates), its peak goes above the capacity at max instances, it breaks a stated
//! requirement (`requirements.*`: fewer regions or warm instances than required, more CPU at
//! peak than allowed, regional Firestore where multi-region is required), or it brings a
//! finding of high or critical severity (e.g. cold starts longer than the latency target).
//!
//! The candidates (each family searched for its best value, see [`savings`]): Cloud CDN on or
//! off, a committed use discount of 1 and 3 years at the coverage with the largest saving,
//! Standard Tier egress, more concurrency per instance, fewer warm instances, the other billing
//! mode, a Basic or differently sized Redis or none, regional Firestore, fewer regions, and
//! another vCPU shape.

use serde::Serialize;

use super::cost::tally;
use super::error::Error;
use super::estimate::{Estimate, evaluate};
use super::fields::{FieldPath, FieldValue};
use super::findings::{Finding, Severity, capacity_severity, latency_severity};
use super::scenario::{Billing, CudTerm, FirestoreLocation, LoadBalancer, NetworkTier, RedisTier, Scenario};
use super::sizing::{Detail, size_with};
use super::text::{Fixed, Num};
use super::validate::memory_range;

/// One field change of a saving: set `path` to `value` with
/// [`Scenario::set`](crate::model::Scenario::set).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Savings.ts"))]
pub struct Setting {
    /// The field's path, e.g. `network.cdn`.
    pub path: &'static str,
    /// The value to set, as the field takes it (a number, a switch, a choice or a list).
    #[cfg_attr(test, ts(type = "number | boolean | string | string[] | null"))]
    pub value: FieldValue,
    /// The field's label from the field table, e.g. `CDN`.
    pub label: &'static str,
}

/// A finding a saving brings or clears.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Savings.ts"))]
pub struct FindingChange {
    /// The finding's code, e.g. `single-region`.
    pub code: &'static str,
    /// Its severity: after the change for a finding brought, before it for one cleared.
    pub severity: Severity,
    /// Its sentence, from the same estimate.
    pub message: String,
}

/// One change that lowers the monthly cost.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Savings.ts"))]
pub struct Saving {
    /// Stable id: the family and, for a searched value, the value, e.g. `cdn-off`, `cud-1y`,
    /// `max-concurrency-250`, `regions-1`; unique within a [`Savings`].
    pub id: String,
    /// A short title, e.g. "Turn Cloud CDN off".
    pub title: String,
    /// What the change does, in words.
    pub description: String,
    /// The field changes, to apply in this order.
    pub changes: Vec<Setting>,
    /// The current monthly total less the total after the changes, cents; above 0.
    pub monthly_saving_cents: i64,
    /// The monthly total after the changes, cents (`evaluate`'s `totals.monthlyCostCents`).
    pub monthly_cost_after_cents: i64,
    /// 95th percentile response time at peak now, ms; `None` when saturated.
    pub latency_p95_before_ms: Option<f64>,
    /// 95th percentile response time at peak after the changes, ms; `None` when saturated.
    pub latency_p95_after_ms: Option<f64>,
    /// Share of the vCPUs busy at peak now, percent.
    pub cpu_at_peak_before_pct: f64,
    /// Share of the vCPUs busy at peak after the changes, percent.
    pub cpu_at_peak_after_pct: f64,
    /// Findings (above info) the change brings, or makes more severe, with their new severity.
    pub findings_added: Vec<FindingChange>,
    /// Findings (above info) the change clears, or makes less severe, with their old severity.
    pub findings_cleared: Vec<FindingChange>,
    /// What the change risks that the figures may not show, e.g. "Single region: a regional
    /// outage is a full outage."; `None` when nothing.
    pub risk: Option<String>,
    /// Why the saving is risky: the p95 target missed, capacity exceeded, a high or critical
    /// finding brought; empty for a safe saving.
    pub breaks: Vec<String>,
}

/// The savings found for a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Savings.ts"))]
pub struct Savings {
    /// The scenario's monthly total now, cents.
    pub monthly_cost_cents: i64,
    /// Savings that keep the p95 target and capacity and bring no high or critical finding,
    /// largest saving first (ties by id).
    pub safe: Vec<Saving>,
    /// Savings that break the p95 target or capacity or bring a high or critical finding,
    /// largest saving first (ties by id); per family only one that saves more than the family's
    /// best safe saving.
    pub risky: Vec<Saving>,
}

/// A change to try: its words and its field changes.
struct Candidate {
    id: String,
    title: String,
    description: String,
    changes: Vec<(&'static str, FieldValue)>,
    risk: Option<String>,
}

fn text(value: &str) -> FieldValue {
    FieldValue::Text(value.into())
}

/// `base` with `changes` applied by [`Scenario::set`] in order; `None` when one is refused.
fn apply(base: &Scenario, changes: &[(&'static str, FieldValue)]) -> Option<Scenario> {
    let mut s = base.clone();
    for (path, value) in changes {
        s.set(path, value.clone()).ok()?;
    }
    Some(s)
}

/// True when the p95 at peak is over the target or saturated.
fn misses_target(e: &Estimate, target_ms: f64) -> bool {
    latency_severity(e.sizing.latency_p95_ms, target_ms) <= Severity::High
}

/// True when the peak is above the capacity at max instances (or saturated).
fn over_capacity(e: &Estimate) -> bool {
    capacity_severity(&e.sizing) <= Severity::High
}

/// The severity of finding `code` in `e`, if above info.
fn severity_of(e: &Estimate, code: &str) -> Option<Severity> {
    e.findings.iter().find(|f| f.code == code && f.severity < Severity::Info).map(|f| f.severity)
}

/// Findings above info in `to` that are absent from `from` or more severe than there.
fn worse(from: &Estimate, to: &Estimate) -> Vec<FindingChange> {
    let more_severe = |f: &&Finding| f.severity < severity_of(from, f.code).unwrap_or(Severity::Info);
    to.findings
        .iter()
        .filter(|f| f.severity < Severity::Info)
        .filter(more_severe)
        .map(|f| FindingChange { code: f.code, severity: f.severity, message: f.message.clone() })
        .collect()
}

/// The stated requirements (`requirements.*`) that the change from `base` (evaluated as
/// `before`) to `changed` (evaluated as `now`) breaks, or breaks further, each named.
fn broken_requirements(base: &Scenario, changed: &Scenario, before: &Estimate, now: &Estimate) -> Vec<String> {
    let need = &changed.requirements;
    let mut out = Vec::new();
    let regions = changed.cloud_run.regions.len();
    if regions < need.min_regions as usize && regions < base.cloud_run.regions.len() {
        out.push(format!("{regions} region(s): the requirement is at least {}", need.min_regions));
    }
    let warm = changed.cloud_run.min_instances;
    if warm < need.min_warm_instances && warm < base.cloud_run.min_instances {
        out.push(format!("{warm} warm instance(s) a region: the requirement is at least {}", need.min_warm_instances));
    }
    let (cpu_before, cpu_now) =
        (before.sizing.cpu_utilization_at_peak * 100.0, now.sizing.cpu_utilization_at_peak * 100.0);
    if cpu_now > need.max_cpu_at_peak_pct && cpu_now > cpu_before {
        out.push(format!(
            "CPU at peak {}%: the requirement is at most {}%",
            Fixed(cpu_now, 0),
            Num(need.max_cpu_at_peak_pct)
        ));
    }
    let multi = |s: &Scenario| s.firestore.location == FirestoreLocation::MultiRegion;
    if need.multi_region_firestore && multi(base) && !multi(changed) {
        out.push("regional Firestore: the requirement is multi-region".into());
    }
    out
}

/// The current scenario, evaluated once.
struct Base<'a> {
    scenario: &'a Scenario,
    estimate: Estimate,
}

impl Base<'_> {
    /// The candidate priced, when it applies, validates and saves; never when it fails.
    fn price(&self, c: &Candidate) -> Option<Saving> {
        let changed = apply(self.scenario, &c.changes)?;
        let after = evaluate(&changed).ok()?;
        let (before, now) = (&self.estimate, &after);
        let saving = before.totals.monthly_cost_cents - now.totals.monthly_cost_cents;
        if saving <= 0 {
            return None;
        }
        let target = changed.cloud_run.latency_target_p95_ms;
        let mut breaks = Vec::new();
        if misses_target(now, target) {
            let worse_p95 = match (before.sizing.latency_p95_ms, now.sizing.latency_p95_ms) {
                (_, None) => before.sizing.latency_p95_ms.is_some(),
                (Some(b), Some(a)) => a > b,
                (None, Some(_)) => false,
            };
            if !misses_target(before, self.scenario.cloud_run.latency_target_p95_ms) || worse_p95 {
                breaks.push(match now.sizing.latency_p95_ms {
                    Some(p95) => format!("p95 at peak {:#} ms over the {:#} ms target", Fixed(p95, 0), Num(target)),
                    None => "saturated at peak: response time grows without bound".to_string(),
                });
            }
        }
        if over_capacity(now) && (!over_capacity(before) || now.sizing.capacity_qps < before.sizing.capacity_qps) {
            breaks.push(format!(
                "peak {:#} QPS above the {:#} QPS capacity at max instances",
                Fixed(now.sizing.origin_peak_qps, 0),
                Fixed(now.sizing.capacity_qps, 0)
            ));
        }
        breaks.extend(broken_requirements(self.scenario, &changed, before, now));
        let added = worse(before, now);
        for f in added.iter().filter(|f| f.severity <= Severity::High) {
            if f.code != "p95-latency" && f.code != "capacity-at-max-instances" {
                breaks.push(f.message.clone());
            }
        }
        let changes = c
            .changes
            .iter()
            .map(|(path, value)| Setting {
                path,
                value: value.clone(),
                label: FieldPath::parse(path).map_or("", |p| p.field.label),
            })
            .collect();
        Some(Saving {
            id: c.id.clone(),
            title: c.title.clone(),
            description: c.description.clone(),
            changes,
            monthly_saving_cents: saving,
            monthly_cost_after_cents: now.totals.monthly_cost_cents,
            latency_p95_before_ms: before.sizing.latency_p95_ms,
            latency_p95_after_ms: now.sizing.latency_p95_ms,
            cpu_at_peak_before_pct: before.sizing.cpu_utilization_at_peak * 100.0,
            cpu_at_peak_after_pct: now.sizing.cpu_utilization_at_peak * 100.0,
            findings_cleared: worse(now, before),
            findings_added: added,
            risk: c.risk.clone(),
            breaks,
        })
    }

    /// The family's best safe saving, and its best risky one when that saves more; the
    /// earlier candidate wins a tie.
    fn best(&self, family: Vec<Candidate>, out: &mut Savings) {
        let (mut safe, mut risky): (Option<Saving>, Option<Saving>) = (None, None);
        for c in &family {
            let Some(s) = self.price(c) else { continue };
            let slot = if s.breaks.is_empty() { &mut safe } else { &mut risky };
            if slot.as_ref().is_none_or(|b| s.monthly_saving_cents > b.monthly_saving_cents) {
                *slot = Some(s);
            }
        }
        let floor = safe.as_ref().map_or(0, |s| s.monthly_saving_cents);
        out.safe.extend(safe);
        out.risky.extend(risky.filter(|r| r.monthly_saving_cents > floor));
    }
}

/// Cloud CDN off when on; on (behind the global load balancer and on Premium Tier, which it
/// needs) when off.
fn cdn(s: &Scenario) -> Vec<Candidate> {
    let net = &s.network;
    if net.cdn {
        return vec![Candidate {
            id: "cdn-off".into(),
            title: "Turn Cloud CDN off".into(),
            description: "Cacheable responses go out from the origin as internet egress through the load balancer: \
                          no cache lookups, cache egress or cache fill."
                .into(),
            changes: vec![("network.cdn", FieldValue::Bool(false))],
            risk: Some("Cached responses come from the region again: users far from it wait longer for them.".into()),
        }];
    }
    let mut changes = Vec::new();
    let mut risk = format!(
        "The saving rests on the assumed hit ratio ({}%) and cacheable share ({}%).",
        Num(net.cdn_hit_ratio * 100.0),
        Num(net.cdn_cacheable_share * 100.0)
    );
    if net.load_balancer == LoadBalancer::Regional {
        changes.push(("network.loadBalancer", text("global")));
        risk.push_str(" Cloud CDN needs the global external Application Load Balancer instead of the regional one.");
    }
    if net.tier == NetworkTier::Standard {
        changes.push(("network.tier", text("premium")));
        risk.push_str(" Cloud CDN needs Premium Tier.");
    }
    changes.push(("network.cdn", FieldValue::Bool(true)));
    vec![Candidate {
        id: "cdn-on".into(),
        title: "Turn Cloud CDN on".into(),
        description: "Cloud CDN serves cacheable responses from Google's edge: cache hits skip Cloud Run, the load \
                      balancer's processing and internet egress from the origin."
            .into(),
        changes,
        risk: Some(risk),
    }]
}

/// Coverage values tried first: 0.05 to 2 in steps of 0.05.
const COARSE: u32 = 40;

/// A committed use discount of `term` at the coverage with the lowest total: every 0.05 from
/// 0.05 to 2, then every 0.01 within 0.04 of the best, priced with the scenario sized once (a
/// commitment changes no sizing) by the bill's total alone. Nothing when it is the scenario's
/// own term and coverage, or when no coverage lowers the total.
fn cud(s: &Scenario, term: CudTerm) -> Option<Candidate> {
    let (_, prices) = s.priced().ok()?;
    let sizing = size_with(s, Detail::Bill);
    let mut work = s.clone();
    work.discounts.cud = term;
    let mut total = |hundredths: u32| {
        work.discounts.cud_coverage = f64::from(hundredths) / 100.0;
        tally(&work, &prices, &sizing).total_cents
    };
    // The lowest total and its coverage in hundredths; the smaller coverage wins a tie.
    let mut best = (tally(s, &prices, &sizing).total_cents, None::<u32>);
    for k in 1..=COARSE {
        let t = total(5 * k);
        if t < best.0 {
            best = (t, Some(5 * k));
        }
    }
    let center = best.1?;
    for h in center.saturating_sub(4).max(1)..=(center + 4).min(200) {
        let t = total(h);
        if t < best.0 || (t == best.0 && best.1.is_some_and(|b| h < b)) {
            best = (t, Some(h));
        }
    }
    let hundredths = best.1?;
    let coverage = f64::from(hundredths) / 100.0;
    let (value, years, id) = match term {
        CudTerm::OneYear => ("oneYear", 1, "cud-1y"),
        _ => ("threeYear", 3, "cud-3y"),
    };
    let mut changes = Vec::new();
    if s.discounts.cud != term {
        changes.push(("discounts.cud", text(value)));
    }
    if s.discounts.cud_coverage != coverage {
        changes.push(("discounts.cudCoverage", FieldValue::Number(coverage)));
    }
    if changes.is_empty() {
        return None;
    }
    let pct = Num(f64::from(hundredths));
    Some(Candidate {
        id: id.into(),
        title: format!("Commit {years} year{} at {pct}% of steady Cloud Run spend", if years > 1 { "s" } else { "" }),
        description: format!(
            "A {years}-year committed use discount on an hourly amount of Cloud Run spend of {pct}% of the quietest \
             hour's: the coverage with the largest saving."
        ),
        changes,
        risk: Some(format!(
            "{years}-year commitment: the committed amount is billed every month for {} months, used or not.",
            12 * years
        )),
    })
}

/// Standard Tier egress, with Cloud CDN off and a regional load balancer (neither Cloud CDN
/// nor the global external Application Load Balancer runs on Standard Tier).
fn standard_tier(s: &Scenario) -> Vec<Candidate> {
    let net = &s.network;
    if net.tier == NetworkTier::Standard {
        return Vec::new();
    }
    let mut changes = Vec::new();
    let mut risk = "Standard Tier: traffic crosses the public internet to the region, slower and less reliable \
                    than Google's backbone."
        .to_string();
    if net.cdn {
        changes.push(("network.cdn", FieldValue::Bool(false)));
        risk.push_str(" Cloud CDN is turned off: it needs Premium Tier.");
    }
    if net.load_balancer == LoadBalancer::Global {
        changes.push(("network.loadBalancer", text("regional")));
        risk.push_str(" The global load balancer is Premium Tier only: a regional one takes its place");
        risk.push_str(if s.cloud_run.regions.len() > 1 {
            ", one per region with DNS routing between them (priced here as one)."
        } else {
            "."
        });
    }
    changes.push(("network.tier", text("standard")));
    vec![Candidate {
        id: "standard-tier".into(),
        title: "Standard Tier egress".into(),
        description: "Internet egress at Standard Tier prices, leaving Google's network in the serving region.".into(),
        changes,
        risk: Some(risk),
    }]
}

/// Concurrency values tried above the current one.
const CONCURRENCY: [u32; 17] = [2, 5, 10, 20, 30, 40, 50, 60, 80, 100, 150, 200, 250, 300, 500, 750, 1000];

/// More requests per instance (never fewer: that only adds instances). Not below 1 vCPU,
/// where concurrency must be 1.
fn concurrency(s: &Scenario) -> Vec<Candidate> {
    let run = &s.cloud_run;
    if run.vcpu < 1.0 {
        return Vec::new();
    }
    CONCURRENCY
        .iter()
        .filter(|&&c| c > run.max_concurrency)
        .map(|&c| Candidate {
            id: format!("max-concurrency-{c}"),
            title: format!("Serve up to {c} requests at once per instance"),
            description: format!(
                "Raises concurrent requests per instance from {} to {c}: fewer instances carry the load.",
                run.max_concurrency
            ),
            changes: vec![("cloudRun.maxConcurrency", FieldValue::Number(f64::from(c)))],
            risk: Some(format!(
                "{c} requests share one instance's {} vCPU and {} GiB: check the service holds that many at once \
                 (memory per request, connection pools).",
                Num(run.vcpu),
                Num(run.memory_gib)
            )),
        })
        .collect()
}

/// Min-instance values tried below the current one.
const MIN_INSTANCES: [u32; 11] = [0, 1, 2, 3, 4, 5, 10, 20, 50, 100, 200];

/// Fewer warm instances per region.
fn min_instances(s: &Scenario) -> Vec<Candidate> {
    let run = &s.cloud_run;
    let current = run.min_instances;
    let mut values: Vec<u32> = MIN_INSTANCES.iter().copied().filter(|&m| m < current).collect();
    if current > 0 && !values.contains(&(current - 1)) {
        values.push(current - 1);
    }
    values
        .into_iter()
        .map(|m| {
            let risk = match m {
                0 => format!(
                    "No warm instances: the first request after idle waits about {} s for a cold start.",
                    Num(run.cold_start_s)
                ),
                1 => "One warm instance per region: none to spare when it fails.".to_string(),
                _ => "Fewer warm instances: a burst waits for new instances to start.".to_string(),
            };
            Candidate {
                id: format!("min-instances-{m}"),
                title: format!("Keep {m} warm instance{} per region", if m == 1 { "" } else { "s" }),
                description: format!("Lowers min instances per region from {current} to {m}: less idle time billed."),
                changes: vec![("cloudRun.minInstances", FieldValue::Number(f64::from(m)))],
                risk: Some(risk),
            }
        })
        .collect()
}

/// The other billing mode (instance-based needs at least 1 vCPU).
fn billing(s: &Scenario) -> Vec<Candidate> {
    match s.cloud_run.billing {
        Billing::Request if s.cloud_run.vcpu >= 1.0 => vec![Candidate {
            id: "billing-instance".into(),
            title: "Instance-based billing".into(),
            description: "Bills all instance time at the lower instance-based rate, with no fee per request.".into(),
            changes: vec![("cloudRun.billing", text("instance"))],
            risk: Some(
                "Every instance is billed for its whole life, busy or idle: the saving holds only while \
                        instances stay busy."
                    .into(),
            ),
        }],
        Billing::Instance => vec![Candidate {
            id: "billing-request".into(),
            title: "Request-based billing".into(),
            description: "Bills CPU and memory only while requests are served, plus a fee per request.".into(),
            changes: vec![("cloudRun.billing", text("request"))],
            risk: Some("CPU is throttled outside requests: work after the response (background tasks) stalls.".into()),
        }],
        Billing::Request => Vec::new(),
    }
}

/// First size of each Memorystore capacity band above the first (M2 to M5), GB.
const REDIS_BANDS: [f64; 4] = [5.0, 11.0, 36.0, 101.0];

/// Memorystore: the Basic tier, the cheapest size at least as large as the current one (a
/// larger band can cost less per month: its GB are cheaper), and no cache at all. Never a
/// smaller cache: the model does not know the working set.
fn redis(s: &Scenario) -> Vec<Candidate> {
    let r = &s.redis;
    if !r.enabled {
        return Vec::new();
    }
    let mut out = Vec::new();
    if r.tier == RedisTier::Standard {
        out.push(Candidate {
            id: "redis-basic".into(),
            title: "Basic tier Redis".into(),
            description: "One Memorystore node instead of a replicated pair.".into(),
            changes: vec![("redis.tier", text("basic"))],
            risk: Some(
                "Basic tier: no replica and no failover; a node failure empties the cache and Firestore takes every \
                 read until it refills."
                    .into(),
            ),
        });
    }
    for size in REDIS_BANDS.into_iter().filter(|&gb| gb > r.size_gb) {
        out.push(Candidate {
            id: format!("redis-size-{}", Num(size)),
            title: format!("Redis {} GB", Num(size)),
            description: format!(
                "A {} GB cache instead of {} GB: a larger size in a band with a lower price per GB.",
                Num(size),
                Num(r.size_gb)
            ),
            changes: vec![("redis.sizeGb", FieldValue::Number(size))],
            risk: None,
        });
    }
    out.push(Candidate {
        id: "redis-off".into(),
        title: "Turn Redis off".into(),
        description: format!(
            "No Memorystore: the {}% of Firestore reads it answers go to Firestore.",
            Num(r.read_absorption * 100.0)
        ),
        changes: vec![("redis.enabled", FieldValue::Bool(false))],
        risk: Some(
            "Every read goes to Firestore: read latency goes back to what it was before the cache (the model's \
             latency does not include it)."
                .into(),
        ),
    });
    out
}

/// Regional Firestore instead of multi-region.
fn firestore(s: &Scenario) -> Vec<Candidate> {
    if s.firestore.location != FirestoreLocation::MultiRegion {
        return Vec::new();
    }
    vec![Candidate {
        id: "firestore-regional".into(),
        title: "Regional Firestore".into(),
        description: "One region holds the database instead of a multi-region location, at about half the price."
            .into(),
        changes: vec![("firestore.location", text("regional"))],
        risk: Some(
            "Regional Firestore: a regional outage makes the database unavailable (99.99% availability SLA against \
             multi-region's 99.999%)."
                .into(),
        ),
    }]
}

/// Serving from the first `k` regions, for each `k` below the current count.
fn regions(s: &Scenario) -> Vec<Candidate> {
    let all = &s.cloud_run.regions;
    (1..all.len())
        .map(|k| {
            let kept = all[..k].to_vec();
            let risk = if k == 1 {
                "Single region: a regional outage is a full outage.".to_string()
            } else {
                "Fewer regions: less room to fail over, and users near the dropped regions wait longer.".to_string()
            };
            Candidate {
                id: format!("regions-{k}"),
                title: format!("Serve from {k} region{} ({})", if k == 1 { "" } else { "s" }, kept.join(", ")),
                description: format!(
                    "Drops {} from the regions served; the load moves to the rest.",
                    all[k..].join(", ")
                ),
                changes: vec![("cloudRun.regions", FieldValue::List(kept))],
                risk: Some(risk),
            }
        })
        .collect()
}

/// vCPU counts of whole-vCPU shapes.
const WHOLE_VCPU: [f64; 5] = [1.0, 2.0, 4.0, 6.0, 8.0];

/// Each other whole-vCPU shape, with the current memory moved into the range the vCPU count
/// allows (the model does not know the memory the service needs, so it is not cut further).
/// The two changes are ordered so that each step validates.
fn shape(s: &Scenario) -> Vec<Candidate> {
    let run = &s.cloud_run;
    let mut out = Vec::new();
    for vcpu in WHOLE_VCPU.into_iter().filter(|&v| v != run.vcpu) {
        let (lo, hi) = memory_range(vcpu);
        let memory = run.memory_gib.clamp(lo, hi);
        let set_vcpu = ("cloudRun.vcpu", FieldValue::Number(vcpu));
        let set_memory = ("cloudRun.memoryGib", FieldValue::Number(memory));
        let changes = if memory == run.memory_gib {
            vec![set_vcpu]
        } else {
            let memory_first = vec![set_memory.clone(), set_vcpu.clone()];
            if apply(s, &memory_first).is_some() { memory_first } else { vec![set_vcpu, set_memory] }
        };
        let mut risk = String::new();
        if memory < run.memory_gib {
            risk = format!(
                "Memory per instance falls from {} to {} GiB: check the service fits. ",
                Num(run.memory_gib),
                Num(memory)
            );
        }
        risk.push_str(if vcpu < run.vcpu {
            "Fewer vCPUs per instance: the model keeps the measured service time, which CPU-heavy requests may not."
        } else {
            "Larger instances: each failure or cold start takes more capacity with it."
        });
        out.push(Candidate {
            id: format!("shape-{}-vcpu-{}-gib", Num(vcpu), Num(memory)),
            title: format!("{} vCPU, {} GiB per instance", Num(vcpu), Num(memory)),
            description: format!(
                "Instances of {} vCPU and {} GiB instead of {} vCPU and {} GiB.",
                Num(vcpu),
                Num(memory),
                Num(run.vcpu),
                Num(run.memory_gib)
            ),
            changes,
            risk: Some(risk),
        });
    }
    out
}

/// Finds the changes that lower the scenario's monthly cost: each candidate family is priced
/// with [`evaluate`] and its best value kept (the largest saving; a risky value only when it
/// saves more than the family's best safe one).
///
/// The families and how each is searched:
/// - `cdn-off` / `cdn-on`: Cloud CDN off when on; on when off, with the global load balancer
///   and Premium Tier it needs;
/// - `cud-1y`, `cud-3y`: the term at the coverage of steady spend with the lowest total,
///   every 0.05 from 0.05 to 2 and every 0.01 near the best; 3 years only when it saves more
///   than 1 year;
/// - `standard-tier`: Standard Tier, with CDN off and a regional load balancer (neither runs
///   on Standard Tier);
/// - `max-concurrency-N`: concurrency above the current value, from 2 to 1,000 (at 1 vCPU or
///   more);
/// - `min-instances-N`: fewer warm instances (0 to 200, and one less than now);
/// - `billing-instance` / `billing-request`: the other billing mode;
/// - `redis-basic`, `redis-size-N`, `redis-off`: Basic tier, the first size of a larger
///   capacity band (cheaper per GB), no cache;
/// - `firestore-regional`: regional instead of multi-region;
/// - `regions-K`: the first K regions, each K below the current count;
/// - `shape-V-vcpu-M-gib`: each other whole-vCPU shape, memory moved into its range.
///
/// About 30 evaluations and 100 bill tallies on the presets.
///
/// # Errors
/// Every problem with the scenario, as [`evaluate`] reports them.
///
/// ```
/// use headroom::model::{FieldValue, evaluate, preset, savings::savings};
/// let s = preset("phase2-10-customers").unwrap();
/// let found = savings(&s).unwrap();
/// let off = &found.safe[0];
/// let mut changed = s.clone();
/// for c in &off.changes {
///     changed.set(c.path, c.value.clone()).unwrap();
/// }
/// let after = evaluate(&changed).unwrap().totals.monthly_cost_cents;
/// assert_eq!(off.monthly_saving_cents, found.monthly_cost_cents - after);
/// assert!(found.safe.windows(2).all(|w| w[0].monthly_saving_cents >= w[1].monthly_saving_cents));
/// ```
pub fn savings(scenario: &Scenario) -> Result<Savings, Error> {
    let base = Base { scenario, estimate: evaluate(scenario)? };
    let mut out =
        Savings { monthly_cost_cents: base.estimate.totals.monthly_cost_cents, safe: Vec::new(), risky: Vec::new() };
    base.best(cdn(scenario), &mut out);
    for term in [CudTerm::OneYear, CudTerm::ThreeYear] {
        base.best(cud(scenario, term).into_iter().collect(), &mut out);
    }
    // A 3-year commitment that saves no more than the 1-year one only ties the money up longer.
    let saved = |out: &Savings, id: &str| {
        out.safe.iter().chain(&out.risky).find(|x| x.id == id).map(|x| x.monthly_saving_cents)
    };
    if let (Some(one), Some(three)) = (saved(&out, "cud-1y"), saved(&out, "cud-3y"))
        && three <= one
    {
        out.safe.retain(|x| x.id != "cud-3y");
        out.risky.retain(|x| x.id != "cud-3y");
    }
    base.best(standard_tier(scenario), &mut out);
    base.best(concurrency(scenario), &mut out);
    base.best(min_instances(scenario), &mut out);
    base.best(billing(scenario), &mut out);
    for c in redis(scenario) {
        base.best(vec![c], &mut out);
    }
    base.best(firestore(scenario), &mut out);
    base.best(regions(scenario), &mut out);
    base.best(shape(scenario), &mut out);
    let order = |a: &Saving, b: &Saving| b.monthly_saving_cents.cmp(&a.monthly_saving_cents).then(a.id.cmp(&b.id));
    out.safe.sort_by(order);
    out.risky.sort_by(order);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::preset;

    #[test]
    fn ids_are_unique_and_every_change_has_a_label() {
        for id in crate::model::preset_ids() {
            let found = savings(&preset(id).unwrap()).unwrap();
            let mut ids: Vec<&str> = found.safe.iter().chain(&found.risky).map(|s| s.id.as_str()).collect();
            let n = ids.len();
            ids.sort();
            ids.dedup();
            assert_eq!(ids.len(), n, "{id}");
            for s in found.safe.iter().chain(&found.risky) {
                assert!(!s.changes.is_empty(), "{id}: {}", s.id);
                assert!(s.changes.iter().all(|c| !c.label.is_empty()), "{id}: {}", s.id);
                assert_eq!(s.breaks.is_empty(), found.safe.contains(s), "{id}: {}", s.id);
            }
        }
    }

    #[test]
    fn redis_bands_start_where_cost_bands_do() {
        // 4 GB Basic at 0.049 USD/GB-hour costs 0.196 USD an hour; 5 GB at 0.027, 0.135.
        let mut s = preset("phase1-3-customers").unwrap();
        s.redis.size_gb = 4.0;
        let found = savings(&s).unwrap();
        let five = found.safe.iter().find(|x| x.id == "redis-size-5").unwrap();
        // (4 x 0.049 - 5 x 0.027) x 730 hours = 44.53 USD.
        assert_eq!(five.monthly_saving_cents, 4453);
        assert!(five.risk.is_none());
    }

    #[test]
    fn shapes_change_memory_in_an_order_that_validates() {
        let mut s = preset("week9-baseline").unwrap();
        (s.cloud_run.vcpu, s.cloud_run.memory_gib) = (8.0, 32.0);
        for c in shape(&s) {
            assert!(apply(&s, &c.changes).is_some(), "{}", c.id);
        }
        let one = shape(&s).into_iter().find(|c| c.id == "shape-1-vcpu-4-gib").unwrap();
        assert_eq!(one.changes[0], ("cloudRun.memoryGib", FieldValue::Number(4.0)));
    }
}
