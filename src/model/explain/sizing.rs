//! Sizing figures: the load, Little's law, the instances each resource needs, the busy and
//! billed instance time, capacity and what binds, utilisation and the percentiles.

use super::node::{Ctx, Node, Op};
use crate::model::contention::cpu_wait;
use crate::model::load::{DAYS_PER_MONTH, SECONDS_PER_MONTH, Segment, daily_profile};
use crate::model::queue::MgcQueue;
use crate::model::scenario::Rounding;
use crate::model::service::ServiceTime;
use crate::model::sizing::{BYTES_PER_GIB, Binds, Bound, GIB_PER_GB, billed_share, busy_share, service_time};

/// Every explained sizing figure: its path under `sizing.` (camelCase, as serialized), label
/// and unit.
pub(crate) const FIGURES: [(&str, &str, &str); 38] = [
    ("regions", "Regions serving traffic", "regions"),
    ("peakQps", "Peak requests per second, all customers", "QPS"),
    ("originShare", "Share of requests reaching Cloud Run", "share"),
    ("originPeakQps", "Peak requests per second reaching Cloud Run", "QPS"),
    ("avgQps", "Mean requests per second over the day", "QPS"),
    ("quietQps", "Requests per second in the quietest stretch", "QPS"),
    ("requestsPerMonth", "Requests a month", "requests"),
    ("originRequestsPerMonth", "Requests a month reaching Cloud Run", "requests"),
    ("inFlightAtPeak", "Requests in flight at peak (Little's law)", "requests"),
    ("instancesNeededAtPeak", "Instances the peak needs per region", "instances"),
    ("instancesAtPeak", "Instances at peak per region", "instances"),
    ("instancesQuiet", "Instances in the quietest stretch per region", "instances"),
    ("instanceHoursPerMonth", "Instance-hours a month", "instance-hours"),
    ("busyInstanceHoursPerMonth", "Busy instance-hours a month", "instance-hours"),
    ("activeInstanceHoursPerMonth", "Billed active instance-hours a month", "instance-hours"),
    ("idleMinInstanceHoursPerMonth", "Idle min-instance hours a month", "instance-hours"),
    ("startingInstanceHoursPerMonth", "Instance-hours a month spent starting", "instance-hours"),
    ("capacityBound", "Requests per second one instance serves flat out", "QPS"),
    ("saturationQps", "Requests per second at max instances, fully busy", "QPS"),
    ("capacityQps", "Capacity at max instances and target utilisation", "QPS"),
    ("latencyCapacityQps", "Capacity at the p95 target", "QPS"),
    ("headroomQps", "Headroom capacity", "QPS"),
    ("headroomRatio", "Headroom over the peak", "×"),
    ("slotUtilizationAtPeak", "Concurrency slots busy at peak", "share"),
    ("cpuUtilizationAtPeak", "vCPUs busy at peak", "share"),
    ("utilizationAtPeak", "Utilisation at peak", "share"),
    ("latencyP50Ms", "Median response time at peak", "ms"),
    ("latencyP95Ms", "95th percentile response time at peak", "ms"),
    ("latencyP99Ms", "99th percentile response time at peak", "ms"),
    ("firestore.readsPerMonth", "Firestore reads a month", "reads"),
    ("firestore.writesPerMonth", "Firestore writes a month", "writes"),
    ("firestore.deletesPerMonth", "Firestore deletes a month", "deletes"),
    ("firestore.storedGib", "Firestore stored data", "GiB"),
    ("firestore.peakReadsPerS", "Firestore reads a second at peak", "ops/s"),
    ("firestore.peakWritesPerS", "Firestore writes a second at peak", "ops/s"),
    ("firestore.peakDeletesPerS", "Firestore deletes a second at peak", "ops/s"),
    ("egressGibPerMonth", "Data sent to users a month", "GiB"),
    ("impliedResponseKib", "Mean response size (egress over requests)", "KiB"),
];

/// The estimate's value of sizing figure `field` (`None` where the estimate has none).
pub(crate) fn estimate_value(ctx: &Ctx, field: &str) -> Option<f64> {
    let s = &ctx.estimate.sizing;
    let run = &ctx.scenario.cloud_run;
    Some(match field {
        "regions" => f64::from(s.regions),
        "peakQps" => s.peak_qps,
        "originShare" => s.origin_share,
        "originPeakQps" => s.origin_peak_qps,
        "avgQps" => s.avg_qps,
        "quietQps" => s.quiet_qps,
        "firestore.peakReadsPerS" => s.firestore.peak_reads_per_s,
        "firestore.peakWritesPerS" => s.firestore.peak_writes_per_s,
        "firestore.peakDeletesPerS" => s.firestore.peak_deletes_per_s,
        "requestsPerMonth" => s.requests_per_month,
        "originRequestsPerMonth" => s.origin_requests_per_month,
        "inFlightAtPeak" => s.in_flight_at_peak?,
        "instancesNeededAtPeak" => f64::from(s.instances_needed_at_peak),
        "instancesAtPeak" => f64::from(s.instances_at_peak),
        "instancesQuiet" => f64::from(s.instances_quiet),
        "instanceHoursPerMonth" => s.instance_hours_per_month,
        "busyInstanceHoursPerMonth" => s.busy_instance_hours_per_month,
        "activeInstanceHoursPerMonth" => s.active_instance_hours_per_month,
        "idleMinInstanceHoursPerMonth" => s.idle_min_instance_hours_per_month,
        "startingInstanceHoursPerMonth" => s.starting_instance_hours_per_month,
        "capacityBound" => s.saturation_qps / f64::from(s.regions) / f64::from(run.max_instances),
        "saturationQps" => s.saturation_qps,
        "capacityQps" => s.capacity_qps,
        "latencyCapacityQps" => s.latency_capacity_qps?,
        "headroomQps" => s.headroom_qps,
        "headroomRatio" => s.headroom_ratio?,
        "slotUtilizationAtPeak" => s.slot_utilization_at_peak,
        "cpuUtilizationAtPeak" => s.cpu_utilization_at_peak,
        "utilizationAtPeak" => s.utilization_at_peak,
        "latencyP50Ms" => s.latency_p50_ms?,
        "latencyP95Ms" => s.latency_p95_ms?,
        "latencyP99Ms" => s.latency_p99_ms?,
        "firestore.readsPerMonth" => s.firestore.reads_per_month,
        "firestore.writesPerMonth" => s.firestore.writes_per_month,
        "firestore.deletesPerMonth" => s.firestore.deletes_per_month,
        "firestore.storedGib" => s.firestore.stored_gib,
        "egressGibPerMonth" => s.egress_gib_per_month,
        "impliedResponseKib" => s.implied_response_kib?,
        _ => return None,
    })
}

/// Label, unit and the estimate's value of sizing figure `field`, for a link to it.
pub(crate) fn reference(ctx: &Ctx, field: &str) -> (&'static str, &'static str, Option<f64>) {
    let (_, label, unit) = FIGURES.iter().find(|f| f.0 == field).copied().unwrap_or(("", "", ""));
    (label, unit, estimate_value(ctx, field))
}

const MONTH_NOTE: &str = "Google bills a month as 730 hours (https://cloud.google.com/run/pricing)";

fn days_per_month() -> Node {
    Node::constant("Days a month", DAYS_PER_MONTH, "days", MONTH_NOTE)
}

fn gib_per_gb() -> Node {
    Node::constant("GiB per GB", GIB_PER_GB, "GiB/GB", "10^9 bytes over 2^30: Google bills bytes in GiB")
}

/// The sum over cohorts of the product of `factors(i)`, one child per cohort.
fn per_cohort(ctx: &Ctx, label: &str, unit: &str, factors: impl Fn(usize) -> Vec<Node>) -> Node {
    let terms = (0..ctx.scenario.customers.len())
        .map(|i| Node::op(ctx.scenario.customers[i].name.clone(), unit, Op::Product, factors(i)))
        .collect();
    Node::op(label, unit, Op::Sum, terms)
}

fn cohort_input(ctx: &Ctx, i: usize, field: &str) -> Node {
    ctx.input(&format!("customers[{i}].{field}"))
}

/// A cohort's requests per second in the stretch of the day around `hour`: its peak in the
/// peak hours, else the off-peak level that gives its daily mean.
fn level(ctx: &Ctx, i: usize, hour: f64) -> Node {
    let p = &ctx.scenario.customers[i].profile;
    if hour < p.peak_hours_per_day {
        return cohort_input(ctx, i, "profile.peakQps");
    }
    let formula = "(24 × mean QPS − peak hours × peak QPS) ÷ (24 − peak hours), at least 0";
    Node::derived("Off-peak QPS", "QPS", formula, p.off_peak_qps()).with(vec![
        cohort_input(ctx, i, "profile.avgQps"),
        cohort_input(ctx, i, "profile.peakQps"),
        cohort_input(ctx, i, "profile.peakHoursPerDay"),
    ])
}

/// One stretch of the day, as [`daily_profile`] sizes it, with its nodes.
struct Stretch {
    /// Its load, all regions, cache hits included.
    edge: Segment,
    /// Requests per second, all regions, cache hits included.
    qps: Node,
    /// vCPU-seconds of request CPU per second, all regions, cache hits included.
    vcpu: Node,
}

fn stretches(ctx: &Ctx) -> Vec<Stretch> {
    let mut start = 0.0;
    daily_profile(ctx.scenario)
        .into_iter()
        .enumerate()
        .map(|(k, edge)| {
            let mid = start + edge.hours_per_day / 2.0;
            start += edge.hours_per_day;
            let label = format!("Stretch {} ({} h a day): requests per second", k + 1, edge.hours_per_day);
            let qps = per_cohort(ctx, &label, "QPS", |i| vec![cohort_input(ctx, i, "count"), level(ctx, i, mid)]);
            let vcpu = per_cohort(ctx, "vCPU demand", "vCPU", |i| {
                let ms = Node::constant("s per ms", 1e-3, "s/ms", "unit conversion");
                vec![
                    cohort_input(ctx, i, "count"),
                    level(ctx, i, mid),
                    cohort_input(ctx, i, "profile.cpuMsPerRequest"),
                    ms,
                ]
            });
            Stretch { edge, qps, vcpu }
        })
        .collect()
}

fn regions(ctx: &Ctx) -> Node {
    let n = ctx.scenario.cloud_run.regions.len().max(1) as f64;
    let list = Node { figure: None, ..ctx.input("cloudRun.regions") };
    Node::derived("Regions serving traffic", "regions", "how many regions cloudRun.regions lists", n).with(vec![list])
}

fn origin_share(ctx: &Ctx) -> Node {
    let net = &ctx.scenario.network;
    let cdn = ctx.input("network.cdn");
    if !net.cdn {
        return Node::derived("Share of requests reaching Cloud Run", "share", "1: Cloud CDN is off", 1.0)
            .with(vec![cdn]);
    }
    let hits = Node::op(
        "Cache hit share",
        "share",
        Op::Product,
        vec![ctx.input("network.cdnCacheableShare"), ctx.input("network.cdnHitRatio")],
    );
    let one = Node::constant("All requests", 1.0, "share", "cache hits never reach Cloud Run");
    Node::op("Share of requests reaching Cloud Run", "share", Op::Difference, vec![one, hits])
}

fn service(ctx: &Ctx) -> (ServiceTime, Node) {
    let service = service_time(ctx.scenario);
    let mut inputs = vec![ctx.input("cloudRun.serviceTimeP50Ms"), ctx.input("cloudRun.serviceTimeP95Ms")];
    let formula = if ctx.scenario.cloud_run.service_time_p99_ms > 0.0 {
        inputs.push(ctx.input("cloudRun.serviceTimeP99Ms"));
        "mean of the shifted lognormal through the measured p50, p95 and p99"
    } else {
        "mean of the lognormal through the measured p50 and p95"
    };
    (service, Node::derived("Mean service time", "s", formula, service.mean_s()).with(inputs))
}

/// A stretch at the origin, in one region: its nodes down to instances, busy and billed time.
struct Region {
    qps: Node,
    vcpu: Node,
    instances: Node,
    needed: Node,
}

fn per_region(ctx: &Ctx, label: &str, unit: &str, all: Node) -> Node {
    let origin = Node::op(format!("{label}, reaching Cloud Run"), unit, Op::Product, vec![all, origin_share(ctx)]);
    Node::op(format!("{label}, one region"), unit, Op::Quotient, vec![origin, regions(ctx)])
}

fn region(ctx: &Ctx, stretch: &Stretch) -> Region {
    let run = &ctx.scenario.cloud_run;
    let qps = per_region(ctx, "Requests per second", "QPS", stretch.qps.clone());
    let vcpu = per_region(ctx, "vCPU demand", "vCPU", stretch.vcpu.clone());
    let (_, mean) = service(ctx);
    let at_target = |input| {
        Node::op(
            "At target utilisation",
            "",
            Op::Product,
            vec![ctx.input(input), ctx.input("cloudRun.targetUtilization")],
        )
    };
    let in_service =
        Node::op("Requests in service (Little's law, λ × E[S])", "requests", Op::Product, vec![qps.clone(), mean]);
    let by_slots = Node::op(
        "Instances by concurrency slots",
        "instances",
        Op::Quotient,
        vec![in_service, at_target("cloudRun.maxConcurrency")],
    );
    let by_cpu =
        Node::op("Instances by vCPUs", "instances", Op::Quotient, vec![vcpu.clone(), at_target("cloudRun.vcpu")]);
    let raw = (by_slots.value().max(by_cpu.value()) - 1e-9).ceil().max(0.0);
    let needed = Node::derived("Instances needed", "instances", "the larger of the two, rounded up", raw)
        .with(vec![by_slots, by_cpu]);
    let n = raw.clamp(f64::from(run.min_instances), f64::from(run.max_instances));
    let instances =
        Node::derived("Instances running", "instances", "instances needed, within min and max instances", n)
            .with(vec![needed.clone(), ctx.input("cloudRun.minInstances"), ctx.input("cloudRun.maxInstances")]);
    Region { qps, vcpu, instances, needed }
}

/// Busy instances (serving at least one request) of a region in a stretch, and the share of
/// time one instance is busy.
fn busy(ctx: &Ctx, r: &Region) -> (Node, f64) {
    let (n, c) = (r.instances.value(), ctx.scenario.cloud_run.max_concurrency);
    let (_, mean) = service(ctx);
    let per_instance =
        Node::op("Requests per second per instance", "QPS", Op::Quotient, vec![r.qps.clone(), r.instances.clone()]);
    let load = Node::op("Offered load per instance", "Erlangs", Op::Product, vec![per_instance, mean]);
    let share = if n > 0.0 { busy_share(load.value(), c) } else { 0.0 };
    let formula = "instances × (1 − P0) of an M/M/c queue (Erlang C) with c = max concurrency";
    let node = Node::derived("Busy instances", "instances", formula, n * share).with(vec![
        r.instances.clone(),
        load,
        ctx.input("cloudRun.maxConcurrency"),
    ]);
    (node, share)
}

/// Instances billed as active (busy time rounded up to 100 ms per billable interval).
fn active(ctx: &Ctx, r: &Region) -> Node {
    let (busy, share) = busy(ctx, r);
    let n = r.instances.value();
    let per_instance =
        Node::op("Requests per second per instance", "QPS", Op::Quotient, vec![r.qps.clone(), r.instances.clone()]);
    let figure = if n > 0.0 { n * billed_share(ctx.scenario, per_instance.value(), share) } else { 0.0 };
    let granularity = Node::constant(
        "Billing granularity",
        0.1,
        "s",
        "billable time is rounded up to the nearest 100 ms (https://cloud.google.com/run/pricing)",
    );
    // The rounding rule is the scenario's reading of Google's page (cloudRun.billingRounding).
    let formula = match ctx.scenario.cloud_run.billing_rounding {
        Rounding::PerBusyPeriod => {
            "each busy period rounded up to 100 ms: instances × (busy share + λ × idle share × E[min(rounding, idle gap)])"
        }
        Rounding::None => "not rounded: instances × busy share",
        Rounding::PerRequest => {
            "each request rounded up to 100 ms: instances × busy share of the rounded service time (at least the busy share)"
        }
    };
    Node::derived("Billed active instances", "instances", formula, figure).with(vec![busy, per_instance, granularity])
}

fn idle(ctx: &Ctx, r: &Region) -> Node {
    let min = ctx.input("cloudRun.minInstances");
    let a = active(ctx, r);
    let figure = (min.value() - a.value()).max(0.0);
    Node::derived("Idle min instances", "instances", "min instances − billed active instances, at least 0", figure)
        .with(vec![min, a])
}

/// The month's instance-hours of `per_instance` (a region's count in a stretch).
fn hours(ctx: &Ctx, label: &str, f: impl Fn(&Region) -> Node) -> Node {
    let terms = stretches(ctx)
        .iter()
        .map(|s| {
            let r = region(ctx, s);
            let h = Node::derived(
                "Hours a day at this level",
                "h",
                "the cohorts' peak hours split the day",
                s.edge.hours_per_day,
            );
            Node::op(
                format!("{label} ({} h a day)", s.edge.hours_per_day),
                "instance-hours",
                Op::Product,
                vec![f(&r), h, days_per_month(), regions(ctx)],
            )
        })
        .collect();
    Node::op(label, "instance-hours", Op::Sum, terms)
}

/// The peak stretch and the quietest (the first with the fewest requests), when there is load.
fn peak_and_quiet(ctx: &Ctx) -> Option<(Stretch, Stretch)> {
    let all = stretches(ctx);
    let quiet = (0..all.len()).min_by(|&a, &b| all[a].edge.qps.total_cmp(&all[b].edge.qps))?;
    let mut all = all.into_iter();
    let peak = all.next()?;
    let quiet = if quiet == 0 {
        Stretch { edge: peak.edge, qps: peak.qps.clone(), vcpu: peak.vcpu.clone() }
    } else {
        all.nth(quiet - 1)?
    };
    Some((peak, quiet))
}

/// The peak stretch in one region, at the origin.
fn peak(ctx: &Ctx) -> Option<Region> {
    peak_and_quiet(ctx).map(|(p, _)| region(ctx, &p))
}

fn requests(ctx: &Ctx) -> Node {
    let terms = stretches(ctx)
        .into_iter()
        .map(|s| {
            let h = Node::derived(
                "Hours a day at this level",
                "h",
                "the cohorts' peak hours split the day",
                s.edge.hours_per_day,
            );
            let seconds = Node::constant("Seconds an hour", 3600.0, "s", "");
            Node::op(
                format!("Requests in stretch ({} h a day)", s.edge.hours_per_day),
                "requests",
                Op::Product,
                vec![s.qps, h, days_per_month(), seconds],
            )
        })
        .collect();
    Node::op("Requests a month", "requests", Op::Sum, terms)
}

/// CPU time per request in the peak's mix, vCPU-seconds (the typical customer's without load).
fn cpu_per_request(ctx: &Ctx) -> Node {
    match peak(ctx) {
        Some(r) if r.qps.value() > 0.0 => Node::op("CPU per request", "vCPU-s", Op::Quotient, vec![r.vcpu, r.qps]),
        _ => {
            let ms = ctx.input("typicalCustomer.cpuMsPerRequest");
            Node::derived("CPU per request", "vCPU-s", "the new-customer template's, without load", ms.value() / 1000.0)
                .with(vec![ms])
        }
    }
}

fn per_instance_capacity(ctx: &Ctx) -> Node {
    let (_, mean) = service(ctx);
    let slots = Node::op("By concurrency slots", "QPS", Op::Quotient, vec![ctx.input("cloudRun.maxConcurrency"), mean]);
    let cpu = Node::op("By vCPUs", "QPS", Op::Quotient, vec![ctx.input("cloudRun.vcpu"), cpu_per_request(ctx)]);
    let bound = match ctx.estimate.sizing.capacity_bound {
        Bound::Cpu => "vCPUs bind",
        Bound::Concurrency => "concurrency slots bind",
    };
    Node::op(format!("Requests per second one instance serves flat out ({bound})"), "QPS", Op::Min, vec![slots, cpu])
}

fn utilisation(ctx: &Ctx, slots: bool) -> Option<Node> {
    let r = peak(ctx)?;
    let running = Node::derived(
        "Instances running (at least 1)",
        "instances",
        "instances at peak, at least 1",
        r.instances.value().max(1.0),
    )
    .with(vec![r.instances]);
    Some(if slots {
        let (_, mean) = service(ctx);
        let busy = Node::op("Slots busy (λ × E[S])", "slots", Op::Product, vec![r.qps, mean]);
        let all = Node::op("Slots", "slots", Op::Product, vec![running, ctx.input("cloudRun.maxConcurrency")]);
        Node::op("Concurrency slots busy at peak", "share", Op::Quotient, vec![busy, all])
    } else {
        let all = Node::op("vCPUs", "vCPU", Op::Product, vec![running, ctx.input("cloudRun.vcpu")]);
        Node::op("vCPUs busy at peak", "share", Op::Quotient, vec![r.vcpu, all])
    })
}

/// The queue of one region at peak (M/G/c over all slots, plus CPU contention), with nodes.
fn latency(ctx: &Ctx, which: usize) -> Option<Node> {
    let r = peak(ctx)?;
    let run = &ctx.scenario.cloud_run;
    let (svc, _) = service(ctx);
    let n = (r.instances.value() as u32).max(1);
    let cpu_s = cpu_per_request(ctx);
    let wait = cpu_wait(r.qps.value() / f64::from(n), cpu_s.value(), run.vcpu);
    let queue =
        MgcQueue::new(r.qps.value(), svc, n.saturating_mul(run.max_concurrency)).with_added_wait(wait.prob, wait.rate);
    let saturated = ctx.estimate.sizing.utilization_at_peak >= 1.0;
    let (label, unit) = match which {
        0 => ("Median response time at peak", "ms"),
        1 => ("95th percentile response time at peak", "ms"),
        2 => ("99th percentile response time at peak", "ms"),
        _ => ("Mean response time at peak", "ms"),
    };
    let figure = if saturated {
        None
    } else if which < 3 {
        queue.response_time_percentiles_s()[which].map(|s| s * 1000.0)
    } else {
        queue.mean_wait_s().map(|w| (svc.mean_s() + w) * 1000.0)
    };
    let formula = "M/G/c queue (Allen-Cunneen) with c = instances × max concurrency in one region, plus the wait of CPU contention (processor sharing over the vCPUs); none when saturated";
    // The service time as measured: p50 and p95, and p99 where one was measured.
    let (_, service_node) = service(ctx);
    let node = Node::derived(label, unit, formula, figure.unwrap_or(f64::NAN)).with(vec![
        r.qps,
        r.instances,
        ctx.input("cloudRun.maxConcurrency"),
        service_node,
        cpu_s,
        ctx.input("cloudRun.vcpu"),
        ctx.sizing("utilizationAtPeak"),
    ]);
    Some(node)
}

fn firestore_ops(ctx: &Ctx, label: &str, field: &str, cached: bool) -> Node {
    per_cohort(ctx, label, "operations", |i| {
        let mut f =
            vec![cohort_input(ctx, i, &format!("profile.{field}")), cohort_input(ctx, i, "count"), days_per_month()];
        f.extend(kept(ctx, cached));
        f
    })
}

/// Firestore operations a second at the shared peak of profile field `field` (e.g.
/// `firestoreReadsPerDay`; reads after Redis).
pub(crate) fn peak_ops(ctx: &Ctx, label: &str, field: &str) -> Node {
    let cached = field == "firestoreReadsPerDay";
    per_cohort(ctx, label, "ops/s", |i| {
        let p = &ctx.scenario.customers[i].profile;
        let factor = Node::derived("Peak factor", "×", "peak QPS ÷ mean QPS (1 when idle)", p.peak_factor())
            .with(vec![cohort_input(ctx, i, "profile.peakQps"), cohort_input(ctx, i, "profile.avgQps")]);
        let day = Node::constant("Per second of a day", 1.0 / 86_400.0, "1/s", "86,400 s a day");
        let mut f = vec![cohort_input(ctx, i, &format!("profile.{field}")), cohort_input(ctx, i, "count"), factor, day];
        f.extend(kept(ctx, cached));
        f
    })
}

/// The share of reads Redis leaves to Firestore, when Redis is on and `cached` (reads).
fn kept(ctx: &Ctx, cached: bool) -> Option<Node> {
    (cached && ctx.scenario.redis.enabled).then(|| {
        let one = Node::constant("All reads", 1.0, "share", "");
        Node::op("Reads Redis does not absorb", "share", Op::Difference, vec![one, ctx.input("redis.readAbsorption")])
    })
}

/// The explanation of sizing figure `field` (see [`FIGURES`]); `None` when there is none.
pub(crate) fn explain(ctx: &Ctx, field: &str) -> Option<Node> {
    let s = &ctx.estimate.sizing;
    let link = |f: &str| ctx.sizing(f);
    Some(match field {
        "regions" => regions(ctx),
        "peakQps" => {
            let all = stretches(ctx).into_iter().next()?.qps;
            Node { label: "Peak requests per second, all customers (peaks coincide)".into(), ..all }
        }
        "originShare" => origin_share(ctx),
        "quietQps" => {
            let (_, quiet) = peak_and_quiet(ctx)?;
            Node { label: "Requests per second in the quietest stretch, all customers".into(), ..quiet.qps }
        }
        // What binds the headroom is explained by the headroom's capacity.
        "headroomBinds" => explain(ctx, "headroomQps")?,
        "firestore.peakReadsPerS" => peak_ops(ctx, "Firestore reads a second at peak", "firestoreReadsPerDay"),
        "firestore.peakWritesPerS" => peak_ops(ctx, "Firestore writes a second at peak", "firestoreWritesPerDay"),
        "firestore.peakDeletesPerS" => peak_ops(ctx, "Firestore deletes a second at peak", "firestoreDeletesPerDay"),
        "originPeakQps" => Node::op(
            "Peak requests per second reaching Cloud Run",
            "QPS",
            Op::Product,
            vec![link("peakQps"), link("originShare")],
        ),
        "avgQps" => {
            let seconds = Node::constant("Seconds a month", SECONDS_PER_MONTH, "s", MONTH_NOTE);
            Node::op("Mean requests per second", "QPS", Op::Quotient, vec![link("requestsPerMonth"), seconds])
        }
        "requestsPerMonth" => requests(ctx),
        "originRequestsPerMonth" => Node::op(
            "Requests a month reaching Cloud Run",
            "requests",
            Op::Product,
            vec![link("requestsPerMonth"), link("originShare")],
        ),
        "inFlightAtPeak" => {
            let mean = latency(ctx, 3)?;
            let ms = Node::constant("s per ms", 1e-3, "s/ms", "unit conversion");
            Node::op(
                "Requests in flight at peak (Little's law, L = λ × W)",
                "requests",
                Op::Product,
                vec![link("originPeakQps"), mean, ms],
            )
        }
        "instancesNeededAtPeak" => peak(ctx)?.needed,
        "instancesAtPeak" => peak(ctx)?.instances,
        "instancesQuiet" => region(ctx, &peak_and_quiet(ctx)?.1).instances,
        "instanceHoursPerMonth" => hours(ctx, "Instance-hours a month", |r| r.instances.clone()),
        "busyInstanceHoursPerMonth" => hours(ctx, "Busy instance-hours a month", |r| busy(ctx, r).0),
        "activeInstanceHoursPerMonth" => hours(ctx, "Billed active instance-hours a month", |r| active(ctx, r)),
        "idleMinInstanceHoursPerMonth" => hours(ctx, "Idle min-instance hours a month", |r| idle(ctx, r)),
        "startingInstanceHoursPerMonth" => {
            let formula = "instances that start each day × the cold start, over the month (Google bills instances while they start)";
            Node::derived(
                "Instance-hours a month spent starting",
                "instance-hours",
                formula,
                s.starting_instance_hours_per_month,
            )
            .with(vec![ctx.input("cloudRun.coldStartS")])
        }
        "capacityBound" => per_instance_capacity(ctx),
        "saturationQps" => Node::op(
            "Requests per second at max instances, fully busy",
            "QPS",
            Op::Product,
            vec![link("capacityBound"), ctx.input("cloudRun.maxInstances"), link("regions")],
        ),
        "capacityQps" => Node::op(
            "Capacity at target utilisation",
            "QPS",
            Op::Product,
            vec![link("saturationQps"), ctx.input("cloudRun.targetUtilization")],
        ),
        "latencyCapacityQps" => {
            let formula = "the highest load whose p95 at max instances stays within the target (regula falsi on the M/G/c exceedance, within 0.1% of 5%); computed when the p95 at the autoscaler's capacity misses the target";
            Node::derived("Capacity at the p95 target", "QPS", formula, s.latency_capacity_qps?)
                .with(vec![ctx.input("cloudRun.latencyTargetP95Ms"), link("saturationQps")])
        }
        "headroomQps" => match s.latency_capacity_qps {
            Some(_) => Node::op(
                match s.headroom_binds {
                    Binds::LatencyTarget => "Headroom capacity (the p95 target binds)",
                    Binds::AutoscalerTarget => "Headroom capacity (the autoscaler's target binds)",
                },
                "QPS",
                Op::Min,
                vec![link("capacityQps"), link("latencyCapacityQps")],
            ),
            None => {
                let formula = "the capacity at target utilisation: the p95 there meets the target, so the autoscaler's target binds";
                let c = link("capacityQps");
                Node::derived("Headroom capacity", "QPS", formula, c.value())
                    .with(vec![c, ctx.input("cloudRun.latencyTargetP95Ms")])
            }
        },
        "headroomRatio" => {
            (s.origin_peak_qps > 0.0).then_some(())?;
            Node::op("Headroom over the peak", "×", Op::Quotient, vec![link("headroomQps"), link("originPeakQps")])
        }
        "slotUtilizationAtPeak" => utilisation(ctx, true)?,
        "cpuUtilizationAtPeak" => utilisation(ctx, false)?,
        "utilizationAtPeak" => Node::op(
            "Utilisation at peak (at 1 or more: saturated)",
            "share",
            Op::Max,
            vec![link("slotUtilizationAtPeak"), link("cpuUtilizationAtPeak")],
        ),
        "latencyP50Ms" => latency(ctx, 0)?,
        "latencyP95Ms" => latency(ctx, 1)?,
        "latencyP99Ms" => latency(ctx, 2)?,
        "firestore.readsPerMonth" => firestore_ops(ctx, "Firestore reads a month", "firestoreReadsPerDay", true),
        "firestore.writesPerMonth" => firestore_ops(ctx, "Firestore writes a month", "firestoreWritesPerDay", false),
        "firestore.deletesPerMonth" => firestore_ops(ctx, "Firestore deletes a month", "firestoreDeletesPerDay", false),
        "firestore.storedGib" => per_cohort(ctx, "Firestore stored data", "GiB", |i| {
            vec![cohort_input(ctx, i, "profile.storedGb"), cohort_input(ctx, i, "count"), gib_per_gb()]
        }),
        "egressGibPerMonth" => per_cohort(ctx, "Data sent to users a month", "GiB", |i| {
            vec![cohort_input(ctx, i, "profile.egressGbPerMonth"), cohort_input(ctx, i, "count"), gib_per_gb()]
        }),
        "impliedResponseKib" => {
            let kib = Node::constant("KiB per GiB", BYTES_PER_GIB / 1024.0, "KiB/GiB", "2^20");
            let bytes = Node::op("Data sent a month", "KiB", Op::Product, vec![link("egressGibPerMonth"), kib]);
            (s.requests_per_month > 0.0).then_some(())?;
            Node::op(
                "Mean response size (egress over requests)",
                "KiB",
                Op::Quotient,
                vec![bytes, link("requestsPerMonth")],
            )
        }
        _ => return None,
    })
}
