//! The seed's presets, sized and priced: figures worked out by hand from the seed's inputs.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use headroom::model::*;

fn run(id: &str) -> Estimate {
    evaluate(&preset(id).unwrap()).unwrap()
}

fn has(e: &Estimate, code: &str) -> Option<findings::Severity> {
    e.findings.iter().find(|f| f.code == code).map(|f| f.severity)
}

#[test]
fn every_preset_evaluates_and_adds_up() {
    for id in preset_ids() {
        let e = run(id);
        let lines: i64 = e.line_items.iter().map(|l| l.amount_cents).sum();
        let shares: i64 = e.customers.iter().map(|c| c.allocated_monthly_cents).sum();
        assert_eq!(lines, e.totals.monthly_cost_cents, "{id}");
        assert_eq!(shares, e.totals.monthly_cost_cents, "{id}");
        assert_eq!(e.totals.unallocated_cents, 0, "{id}");
    }
}

#[test]
fn week9_baseline() {
    let e = run("week9-baseline");
    let s = &e.sizing;
    // Peak 50 QPS for 2 hours, 260/22 QPS for 22: mean 15 QPS.
    assert_eq!(s.peak_qps, 50.0);
    assert!((s.avg_qps - 15.0).abs() < 1e-9);
    assert!((s.requests_per_month - 15.0 * MONTH_S).abs() < 1e-3);
    // The shifted lognormal through p50 50, p95 120 and p99 250 ms: mean 63.2 ms. 50 QPS x
    // 63.2 ms = 3.16 in flight; 80 x 0.6 = 48 slots an instance; 50 x 6 ms = 0.3 vCPU against
    // 0.6 an instance: 1 instance either way.
    assert_eq!((s.instances_needed_at_peak, s.instances_at_peak), (1, 1));
    // CPU at peak 0.3 vCPU of 1: 30%, inside the seed's measured 20-30%.
    assert!((s.cpu_utilization_at_peak - 0.3).abs() < 1e-12);
    // Capacity at 10 instances: a 1-vCPU instance runs 1 / 6 ms = 166.7 requests/s flat out,
    // slots 80 / 63.2 ms = 1,266: CPU binds. 10 x 166.7 = 1,667 QPS; at 60%, 1,000.
    assert_eq!(s.capacity_bound, sizing::Bound::Cpu);
    assert!((s.saturation_qps - 10.0 / 0.006).abs() < 1e-9);
    assert!((s.capacity_qps - 1_000.0).abs() < 1e-9);
    assert!((s.headroom_ratio.unwrap() - 20.0).abs() < 1e-9);
    assert_eq!(s.headroom_binds, sizing::Binds::AutoscalerTarget);
    // 80 slots for 3.16 erlangs: no queueing for a slot. The one vCPU is 30% busy: a request
    // shares it 30% of the time and then waits Exp(rate (1 - 0.3) / 6 ms). The percentiles of
    // S + W with S = d + L, by direct integration here (independent of the model's
    // quadrature).
    let seed = seed_service();
    let exceed = |t: f64| lognormal_plus_wait_exceedance(t - seed.shift_s, seed.median_s, seed.sigma, 0.3, 0.7 / 0.006);
    for (p, got) in [(0.5, s.latency_p50_ms), (0.95, s.latency_p95_ms), (0.99, s.latency_p99_ms)] {
        let want = quantile(exceed, p);
        // The model's trapezoid in z (step 1/8) is coarser for this wide lognormal part
        // (sigma 1.45) under a fast CPU wait: p95 1.7e-4 low (0.02 ms).
        assert!((got.unwrap() / 1000.0 / want - 1.0).abs() < 3e-4, "p{p}: {got:?} vs {want}");
    }
    // Slower than the service time alone, by about the mean wait 0.3 x 6 / 0.7 = 2.6 ms.
    assert!(s.latency_p95_ms.unwrap() > 120.0 + 2.0 && s.latency_p95_ms.unwrap() < 126.0);
    // 400 GB of egress for 39.4 million requests: 9.9 KiB per response.
    assert!((s.implied_response_kib.unwrap() - 400e9 / 1024.0 / (15.0 * MONTH_S)).abs() < 1e-6);
    assert_eq!(has(&e, "warm-instances"), Some(findings::Severity::Medium));
    assert_eq!(has(&e, "single-region"), Some(findings::Severity::Medium));
    assert_eq!(e.totals.customer_count, 1);
    assert_eq!(e.totals.monthly_revenue_cents, 416_667); // 50,000 / 12
}

#[test]
fn phase1_three_customers() {
    let e = run("phase1-3-customers");
    let s = &e.sizing;
    assert_eq!(s.peak_qps, 125.0); // 50 + 40 + 35, peaks together
    assert!((s.avg_qps - 37.5).abs() < 1e-9); // 15 + 12 + 10.5
    assert_eq!(s.instances_at_peak, 2); // 1 needed, 2 warm
    // 2 vCPU / 6 ms = 333 requests/s an instance (slots: 30 / 57.6 ms = 521): 50 instances at
    // 60% carry 10,000 QPS.
    assert!((s.capacity_qps - 50.0 * 2.0 / 0.006 * 0.6).abs() < 1e-6);
    // 125 x 6 ms = 0.75 vCPU on 2 instances of 2 vCPU: 18.75%.
    assert!((s.cpu_utilization_at_peak - 0.1875).abs() < 1e-12);
    assert_eq!(e.totals.monthly_revenue_cents, 1_041_667); // 125,000 / 12
    // Reads 20,000 a day, half answered by Redis: 10,000 a day reach Firestore.
    assert!((s.firestore.reads_per_month - 10_000.0 * MONTH_DAYS).abs() < 1e-6);
    assert!(line(&e, "Memorystore for Redis, Basic").is_some());
    assert_eq!(line(&e, "Misc"), Some(1000));
    // Costs follow usage: the busiest customer carries the most.
    let c = &e.customers;
    assert!(c[0].allocated_monthly_cents > c[1].allocated_monthly_cents);
    assert!(c[1].allocated_monthly_cents > c[2].allocated_monthly_cents);
}

#[test]
fn phase2_ten_customers_three_regions() {
    let e = run("phase2-10-customers");
    let s = &e.sizing;
    assert_eq!(s.regions, 3);
    assert_eq!(s.peak_qps, 125.0 + 7.0 * 45.0); // 440
    assert_eq!(e.totals.customer_count, 10);
    // Per region 146.7 QPS x 57.6 ms = 8.4 in flight, 18 slots an instance; 0.88 vCPU against
    // 1.2 an instance: 1 needed, 2 warm.
    assert_eq!(s.instances_at_peak, 2);
    assert_eq!(s.instance_hours_per_month, 3.0 * 2.0 * 730.0);
    // Multi-region Firestore prices and a CDN behind the global load balancer.
    let reads = e.line_items.iter().find(|l| l.label == "Firestore document reads").unwrap();
    assert_eq!(reads.unit_price_usd, 0.06);
    assert!(line(&e, "Cloud CDN cache lookups (GET and HEAD)").is_some());
    // Cloud Armor: 1 policy, 2 rules, and the requests that are not cache hits.
    assert_eq!(line(&e, "Cloud Armor policies"), Some(500));
    assert_eq!(line(&e, "Cloud Armor rules"), Some(200));
    assert_eq!(has(&e, "cdn-needs-global-lb"), None);
    // 347 million lookups (260 USD) and cache egress cost less than the Cloud Run time,
    // egress, processing and Cloud Armor requests the 45% of hits save.
    assert_eq!(has(&e, "cdn-saves"), Some(findings::Severity::Info));
    assert_eq!(has(&e, "cdn-costs-more-than-it-saves"), None);
    assert_eq!(has(&e, "single-region"), None);
    // The app's reads a day: 20,000 from the named three and 7 x 17,000 from the typical ones,
    // 139,000, half answered by Redis: 69,500 reach Firestore. Writes: 10,000 + 7 x 8,000 =
    // 66,000, all of them. 139,000 + 66,000 = 205,000 reads and writes: the seed's 200K+ a day.
    assert!((s.firestore.reads_per_month - 69_500.0 * MONTH_DAYS).abs() < 1e-6);
    assert!((s.firestore.writes_per_month - 66_000.0 * MONTH_DAYS).abs() < 1e-6);
}

#[test]
fn cdn_behind_a_regional_load_balancer_is_flagged() {
    let mut s = preset("phase1-3-customers").unwrap();
    s.network.cdn = true;
    let e = evaluate(&s).unwrap();
    assert_eq!(has(&e, "cdn-needs-global-lb"), Some(findings::Severity::Critical));
}

#[test]
fn overload_is_critical_and_latency_unbounded() {
    let mut s = preset("week9-baseline").unwrap();
    s.cloud_run.max_instances = 1;
    s.cloud_run.min_instances = 1;
    s.cloud_run.max_concurrency = 1;
    s.customers[0].profile.peak_qps = 100.0; // 100 QPS x 57.6 ms = 5.8 erlangs on 1 server
    let e = evaluate(&s).unwrap();
    assert_eq!(e.sizing.latency_p95_ms, None);
    assert_eq!(e.sizing.in_flight_at_peak, None);
    assert_eq!(has(&e, "capacity-at-max-instances"), Some(findings::Severity::Critical));
    assert_eq!(has(&e, "p95-latency"), Some(findings::Severity::Critical));
    assert_eq!(e.findings[0].severity, findings::Severity::Critical, "most severe first");
}

#[test]
fn exactly_saturated_is_saturated_everywhere() {
    let mut s = preset("week9-baseline").unwrap();
    // 1 instance of 1 vCPU, 10 ms a request: 100 QPS uses the vCPU exactly (utilisation 1).
    (s.cloud_run.min_instances, s.cloud_run.max_instances) = (1, 1);
    s.customers[0].profile.cpu_ms_per_request = 10.0;
    s.customers[0].profile.peak_qps = 100.0;
    let e = evaluate(&s).unwrap();
    assert_eq!(e.sizing.utilization_at_peak, 1.0);
    assert_eq!(e.sizing.latency_p95_ms, None);
    let capacity = e.findings.iter().find(|f| f.code == "capacity-at-max-instances").unwrap();
    let latency = e.findings.iter().find(|f| f.code == "p95-latency").unwrap();
    assert_eq!((capacity.severity, latency.severity), (findings::Severity::Critical, findings::Severity::Critical));
    assert!(capacity.message.starts_with("Saturated"), "{}", capacity.message);
    assert!(latency.message.starts_with("Saturated"), "{}", latency.message);
}

#[test]
fn estimates_carry_the_model_version() {
    assert_eq!(run("week9-baseline").model_version, MODEL_VERSION);
}

#[test]
fn firestore_limits_are_flagged() {
    let mut s = preset("week9-baseline").unwrap();
    // 5 million writes a day at a peak 50/15 times the mean: 193 writes/s... times 4 = 772/s.
    s.customers[0].profile.firestore_writes_per_day = 20_000_000.0;
    s.firestore.composite_indexes = 1_200;
    let e = evaluate(&s).unwrap();
    let expected_peak = 20_000_000.0 / 86_400.0 * 50.0 / 15.0;
    assert!((e.sizing.firestore.peak_writes_per_s - expected_peak).abs() < 1e-9);
    assert_eq!(has(&e, "firestore-sequential-writes"), Some(findings::Severity::High));
    assert_eq!(has(&e, "firestore-ramp"), Some(findings::Severity::Medium));
    assert_eq!(has(&e, "firestore-index-limit"), Some(findings::Severity::Critical));
}

#[test]
fn implausible_response_size_is_flagged() {
    let mut s = preset("week9-baseline").unwrap();
    s.customers[0].profile.egress_gb_per_month = 100_000.0; // 2.5 MB per request
    let e = evaluate(&s).unwrap();
    assert_eq!(has(&e, "implied-response-size"), Some(findings::Severity::Medium));
}

#[test]
fn allocation_rules() {
    let mut s = preset("phase1-3-customers").unwrap();
    s.allocation = Allocation::Equal;
    let e = evaluate(&s).unwrap();
    let shares: Vec<i64> = e.customers.iter().map(|c| c.allocated_monthly_cents).collect();
    assert!(shares.iter().max().unwrap() - shares.iter().min().unwrap() <= 2, "{shares:?}");
    s.allocation = Allocation::ByAcv;
    let e = evaluate(&s).unwrap();
    let total = e.totals.monthly_cost_cents as f64;
    // 50,000 of 125,000 ACV carries 40% of the cost, to the cent.
    assert!((e.customers[0].allocated_monthly_cents as f64 - total * 0.4).abs() <= 1.0);
    assert!((e.customers[2].allocated_monthly_cents as f64 - total * 0.28).abs() <= 1.0);
}

/// The problems `edit` makes of Week 9, as `path = value: allowed ...` texts.
fn refused(edit: impl FnOnce(&mut Scenario)) -> Vec<String> {
    let mut s = preset("week9-baseline").unwrap();
    edit(&mut s);
    s.validate().unwrap_err().problems().iter().map(|p| p.to_string()).collect()
}

#[test]
fn shapes_google_refuses_are_refused() {
    // Below 1 vCPU: request-based billing only, concurrency 1, memory to 0.5 GiB below
    // 0.5 vCPU and to 1 GiB from 0.5 (cloud.google.com/run/docs/configuring/services/cpu).
    let p =
        refused(|s| (s.cloud_run.vcpu, s.cloud_run.max_concurrency, s.cloud_run.billing) = (0.5, 1, Billing::Instance));
    assert_eq!(
        p,
        [
            "cloudRun.billing = \"instance\": allowed \"request\" below 1 vCPU (Google refuses instance-based billing there)"
        ]
    );
    let p = refused(|s| (s.cloud_run.vcpu, s.cloud_run.max_concurrency, s.cloud_run.memory_gib) = (0.5, 1, 2.0));
    assert_eq!(p, ["cloudRun.memoryGib = 2: allowed 0.5 to 1 GiB with 0.5 vCPU"]);
    let p = refused(|s| (s.cloud_run.vcpu, s.cloud_run.max_concurrency, s.cloud_run.memory_gib) = (0.25, 1, 1.0));
    assert_eq!(p, ["cloudRun.memoryGib = 1: allowed 0.5 to 0.5 GiB with 0.25 vCPU"]);
    // Memorystore sizes are whole GB.
    assert_eq!(refused(|s| s.redis.size_gb = 1.5), ["redis.sizeGb = 1.5: allowed a whole number from 1 to 300"]);
    // Only GET and HEAD responses can be cached; rules need a policy; p95 is not below p50.
    let p = refused(|s| (s.network.cdn_lookup_share, s.network.cdn_cacheable_share) = (0.4, 0.5));
    assert_eq!(p, ["network.cdnCacheableShare = 0.5: allowed a number from 0 to cdnLookupShare (0.4)"]);
    assert_eq!(
        refused(|s| s.network.armor_rules = 2),
        ["network.armorRules = 2: allowed 0 without a Cloud Armor policy"]
    );
    let p = refused(|s| s.cloud_run.service_time_p95_ms = 40.0);
    assert_eq!(p, ["cloudRun.serviceTimeP95Ms = 40: allowed a number from serviceTimeP50Ms (50) to 200000"]);
    // A p99 below the lognormal's through 50 and 120 ms, 50 x 2.4^(z99 / z95) = 172.4686 ms,
    // needs a lighter tail than any shifted lognormal.
    let p = refused(|s| s.cloud_run.service_time_p99_ms = 150.0);
    assert_eq!(
        p,
        ["cloudRun.serviceTimeP99Ms = 150: allowed 0 (not measured), or a number from 172.469 (the p99 of the \
             lognormal through serviceTimeP50Ms and serviceTimeP95Ms; a lighter tail does not fit) to 200000"]
    );
}

#[test]
fn busy_time_at_concurrency_1_covers_the_request_time() {
    // An audit found the old formula, n(1 - e^(-L/n)), billing phase 2 at concurrency 1 fewer
    // busy hours than its hours of request time. With one slot an instance is busy exactly
    // while it serves: busy time is the request time, the requests reaching Cloud Run (the
    // CDN's hits do not) x the mean service time (63.2 ms).
    let mut s = preset("phase2-10-customers").unwrap();
    s.cloud_run.max_concurrency = 1;
    let e = evaluate(&s).unwrap();
    let mean_s = seed_service().mean_s;
    let request_hours = e.sizing.origin_requests_per_month * mean_s / 3600.0;
    assert!((e.sizing.busy_instance_hours_per_month / request_hours - 1.0).abs() < 1e-6);
    assert!(e.sizing.active_instance_hours_per_month > e.sizing.busy_instance_hours_per_month);
}

#[test]
fn the_seed_path_is_phase2_with_go_live_months() {
    let path = preset("seed-path").unwrap();
    let mut phase2 = preset("phase2-10-customers").unwrap();
    assert_eq!(path.customers.iter().map(|c| c.go_live_month).collect::<Vec<_>>(), [3, 4, 4, 5]);
    assert!(path.customers.iter().all(|c| c.ramp_months == 0));
    phase2.name.clone_from(&path.name);
    for (c, month) in phase2.customers.iter_mut().zip([3, 4, 4, 5]) {
        c.go_live_month = month;
    }
    assert_eq!(phase2, path);
    assert_eq!(run("seed-path").totals, run("phase2-10-customers").totals);
}

#[test]
fn finding_sentences_write_figures_as_people_read_them() {
    // Phase 2: 3 regions x 100 instances x 2 vCPU, each vCPU carrying 1,000 / 6 ms requests a
    // second at the 60% CPU target: 600 x 166.67 x 0.6 = 60,000 QPS, written as people read it.
    let e = run("phase2-10-customers");
    assert_eq!(e.sizing.capacity_qps.round(), 60_000.0);
    let capacity = e.findings.iter().find(|f| f.code == "capacity-at-max-instances").unwrap();
    assert!(capacity.message.starts_with("Max instances carry 60,000 QPS"), "{}", capacity.message);
    // Money in a sentence reads as on the bill: dollars first, to the cent. The finding's figure
    // is the CDN's own cost, its threshold what its cache hits save; the net is the saving.
    let cdn = e.findings.iter().find(|f| f.code == "cdn-saves").unwrap();
    let (cost, saved) = (cdn.figure, cdn.threshold);
    let written = format!("Cloud CDN saves ${:.2} a month: its ${cost:.2} of lookups", saved - cost);
    assert!(cdn.message.starts_with(&written), "{} is not {written}", cdn.message);
}
