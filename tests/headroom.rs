//! Headroom: the capacity at the p95 target, checked on both sides by evaluating the
//! scenario at that load, and the smaller of it and the autoscaler's capacity.
#![cfg(not(target_arch = "wasm32"))]

use headroom::model::sizing::{Binds, Sizing, latency_capacity_qps, size};
use headroom::model::*;

/// `s` with every instance running (min = max) and one flat customer at `qps` all day.
fn at_load(s: &Scenario, qps: f64) -> Sizing {
    let mut s = s.clone();
    s.cloud_run.min_instances = s.cloud_run.max_instances;
    let mut c = s.customers[0].clone();
    (c.count, c.profile.peak_qps, c.profile.avg_qps, c.profile.peak_hours_per_day) = (1, qps, qps, 24.0);
    s.customers = vec![c];
    size(&s)
}

/// The capacity at the p95 target of `s`, and the p95 just below and just above it.
fn both_sides(s: &Scenario) -> (f64, f64, f64) {
    let capacity = latency_capacity_qps(s);
    let below = at_load(s, capacity * 0.999).latency_p95_ms.unwrap();
    let above = at_load(s, capacity * 1.001).latency_p95_ms.unwrap_or(f64::INFINITY);
    (capacity, below, above)
}

#[test]
fn the_p95_target_is_met_just_below_the_latency_capacity_and_missed_just_above() {
    let week9 = preset("week9-baseline").unwrap();
    let mut tight = week9.clone();
    tight.cloud_run.latency_target_p95_ms = 150.0;
    let mut two_vcpu = preset("phase1-3-customers").unwrap();
    two_vcpu.cloud_run.latency_target_p95_ms = 140.0;
    let mut slots = week9.clone();
    (slots.cloud_run.max_concurrency, slots.customers[0].profile.cpu_ms_per_request) = (4, 1.0);
    slots.cloud_run.latency_target_p95_ms = 200.0;
    for (name, s) in [("week9", week9), ("week9 at 150 ms", tight), ("phase1 at 140 ms", two_vcpu), ("4 slots", slots)]
    {
        let target = s.cloud_run.latency_target_p95_ms;
        let (capacity, below, above) = both_sides(&s);
        assert!(below <= target && above > target, "{name}: {capacity} QPS: {below} / {above} ms vs {target}");
    }
}

#[test]
fn headroom_is_the_smaller_capacity_and_names_what_binds() {
    // Week 9: the 500 ms target holds to about 96% CPU, beyond the 60% target; the estimate
    // leaves the latency capacity out, since the p95 at the autoscaler's capacity meets it.
    let week9 = preset("week9-baseline").unwrap();
    let s = size(&week9);
    let latency = latency_capacity_qps(&week9);
    assert!(latency > 0.95 * s.saturation_qps && latency < s.saturation_qps, "{latency}");
    assert_eq!(s.latency_capacity_qps, None);
    assert_eq!((s.headroom_binds, s.headroom_qps), (Binds::AutoscalerTarget, s.capacity_qps));
    // At a 130 ms target the latency binds: the p95 passes 130 ms below 60% CPU.
    let mut tight = preset("week9-baseline").unwrap();
    tight.cloud_run.latency_target_p95_ms = 130.0;
    let s = size(&tight);
    let latency = s.latency_capacity_qps.unwrap();
    assert!(latency < s.capacity_qps);
    assert_eq!(latency, latency_capacity_qps(&tight));
    assert_eq!((s.headroom_binds, s.headroom_qps), (Binds::LatencyTarget, latency));
    assert!((s.headroom_ratio.unwrap() - latency / 50.0).abs() < 1e-9);
    // A target below the service time's own p95 (120 ms) leaves no capacity at all.
    tight.cloud_run.latency_target_p95_ms = 100.0;
    assert_eq!(size(&tight).latency_capacity_qps, Some(0.0));
    assert_eq!(latency_capacity_qps(&tight), 0.0);
}

#[test]
fn the_latency_capacity_is_left_out_exactly_when_the_p95_at_the_autoscaler_capacity_meets_the_target() {
    // Week 9 at targets either side of its p95 at 1,000 QPS (60% CPU on 10 instances).
    let week9 = preset("week9-baseline").unwrap();
    let p95 = at_load(&week9, size(&week9).capacity_qps).latency_p95_ms.unwrap();
    assert!(p95 > 130.0 && p95 < 500.0, "{p95}");
    for target in [p95 * 0.99, p95 * 1.01, 500.0] {
        let mut s = week9.clone();
        s.cloud_run.latency_target_p95_ms = target;
        let sizing = size(&s);
        let exact = latency_capacity_qps(&s);
        if target >= p95 {
            assert_eq!(sizing.latency_capacity_qps, None, "{target} ms");
            assert!(exact >= sizing.capacity_qps, "{target} ms: {exact}");
        } else {
            assert_eq!(sizing.latency_capacity_qps, Some(exact), "{target} ms");
            assert!(exact < sizing.capacity_qps, "{target} ms: {exact}");
        }
    }
}

#[test]
fn cache_hits_do_not_use_capacity() {
    // Phase 2: 45% of requests are cache hits; the headroom is over the 55% that reach Cloud Run.
    let s = size(&preset("phase2-10-customers").unwrap());
    assert!((s.origin_peak_qps - 440.0 * 0.55).abs() < 1e-9);
    assert!((s.headroom_ratio.unwrap() - s.headroom_qps / s.origin_peak_qps).abs() < 1e-12);
}
