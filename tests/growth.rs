//! The growth curve against direct evaluation: every figure of a point, the markers, the
//! break-even count and where capacity runs out.
#![cfg(not(target_arch = "wasm32"))]

use headroom::model::findings::Severity;
use headroom::model::growth::{DEFAULT_GROWTH_POINTS, GrowthPoint, MarkerKind, growth, growth_counts};
use headroom::model::*;

/// `scenario` after `set_customer_count(n)`, evaluated.
fn at(scenario: &Scenario, n: u32) -> Estimate {
    let mut s = scenario.clone();
    s.set_customer_count(n).unwrap();
    evaluate(&s).unwrap()
}

fn assert_point_is_evaluate(p: &GrowthPoint, e: &Estimate, at: &str) {
    let (t, s) = (&e.totals, &e.sizing);
    assert_eq!(u64::from(p.customers), t.customer_count, "{at}");
    assert_eq!(p.monthly_cost_cents, t.monthly_cost_cents, "{at}");
    assert_eq!(p.cost_per_customer_cents, t.cost_per_customer_cents, "{at}");
    assert_eq!(p.monthly_revenue_cents, t.monthly_revenue_cents, "{at}");
    assert_eq!(p.gross_margin_pct, t.gross_margin_pct, "{at}");
    assert_eq!(p.peak_qps, s.peak_qps, "{at}");
    assert_eq!(p.capacity_qps, s.capacity_qps, "{at}");
    assert_eq!(p.instances_needed_at_peak, s.instances_needed_at_peak, "{at}");
    assert_eq!(p.instances_at_peak, s.instances_at_peak, "{at}");
    assert_eq!(p.utilization_at_peak, s.utilization_at_peak, "{at}");
    assert_eq!(p.latency_p95_ms, s.latency_p95_ms, "{at}");
    let fs = &s.firestore;
    assert_eq!(p.firestore_peak_ops_per_s, fs.peak_reads_per_s + fs.peak_writes_per_s + fs.peak_deletes_per_s, "{at}");
    assert_eq!(p.firestore_peak_writes_per_s, fs.peak_writes_per_s, "{at}");
    assert_eq!(p.egress_gib_per_month, s.egress_gib_per_month, "{at}");
}

/// Presets, and variants that reach every code path of the bill: CUD and a negotiated
/// discount, instance billing, Standard tier, no free tiers.
fn scenarios() -> Vec<(String, Scenario)> {
    let mut all: Vec<(String, Scenario)> =
        preset_ids().iter().map(|id| (id.to_string(), preset(id).unwrap())).collect();
    let mut s = preset("phase2-10-customers").unwrap();
    s.discounts.cud = CudTerm::ThreeYear;
    s.discounts.negotiated_pct = 7.5;
    all.push(("phase2 with discounts".into(), s));
    let mut s = preset("phase1-3-customers").unwrap();
    s.cloud_run.billing = Billing::Instance;
    s.network.tier = NetworkTier::Standard;
    s.discounts.cud = CudTerm::OneYear;
    all.push(("phase1 instance-based, Standard tier".into(), s));
    let mut s = preset("week9-baseline").unwrap();
    s.operations.free_tiers = false;
    s.cloud_run.max_instances = 1_000;
    all.push(("week9 without free tiers".into(), s));
    all
}

#[test]
fn every_point_equals_direct_evaluation() {
    let counts = growth_counts(1_000, DEFAULT_GROWTH_POINTS);
    for (name, s) in scenarios() {
        let curve = growth(&s, &counts).unwrap();
        assert_eq!(curve.points.len(), counts.len(), "{name}");
        for p in curve.points.iter().step_by(7).chain(curve.points.last()) {
            assert_point_is_evaluate(p, &at(&s, p.customers), &format!("{name} at {}", p.customers));
        }
    }
}

#[test]
fn explicit_counts_fewer_than_the_scenario_leave_from_the_last_cohort() {
    let s = preset("phase2-10-customers").unwrap();
    let curve = growth(&s, &[1, 2, 9, 10, 11, 40_000]).unwrap();
    for p in &curve.points {
        assert_point_is_evaluate(p, &at(&s, p.customers), &p.customers.to_string());
    }
}

#[test]
fn finding_markers_are_where_evaluate_finds_it_first() {
    let counts = growth_counts(1_000, DEFAULT_GROWTH_POINTS);
    for (name, s) in scenarios() {
        let curve = growth(&s, &counts).unwrap();
        let severity = |n: u32, code: &str| {
            at(&s, n).findings.iter().find(|f| f.code == code).map_or(Severity::Info, |f| f.severity)
        };
        for m in curve.markers.iter().filter(|m| m.kind == MarkerKind::Finding) {
            let now = m.severity.unwrap();
            assert!(now <= Severity::Medium, "{name}: {m:?}");
            assert_eq!(severity(m.customers, m.code), now, "{name}: {m:?}");
            let i = counts.iter().position(|&c| c == m.customers).unwrap();
            if i > 0 {
                assert!(severity(counts[i - 1], m.code) > now, "{name}: {m:?} one point before");
            }
        }
    }
}

#[test]
fn week9_marks_capacity_then_saturation() {
    let curve = growth(&preset("week9-baseline").unwrap(), &growth_counts(1_000, 200)).unwrap();
    let first = |code: &str, severity: Severity| {
        curve.markers.iter().find(|m| m.code == code && m.severity == Some(severity)).map(|m| m.customers)
    };
    // Customer #1 at 50 QPS, then 45 QPS each; capacity 1,000 QPS (10 instances of 100 QPS at
    // 60% CPU; a hair under in floating point, as 6 ms is not exact in binary), saturation
    // 1,667 QPS: half of capacity at 500 QPS (11 customers: 50 + 10 x 45), over capacity past
    // 1,000 QPS (23: 50 + 22 x 45 = 1,040; 22 make 995), saturated from 1,667 QPS (37:
    // 50 + 36 x 45 = 1,670; 36 make 1,625).
    assert_eq!(first("capacity-at-max-instances", Severity::Medium), Some(11));
    assert_eq!(first("capacity-at-max-instances", Severity::High), Some(23));
    assert_eq!(first("capacity-at-max-instances", Severity::Critical), Some(37));
    assert_eq!(curve.capacity_exhausted_at, Some(23));
}

#[test]
fn phase2_premium_egress_third_tier_marker_is_at_55_customers() {
    // 400 GB = 400e9 / 2^30 = 372.53 GiB a customer; half of it is cacheable and goes out as
    // Cloud CDN cache egress, so 186.26 GiB is internet egress. The Premium third tier starts
    // above 10 TiB = 10,240 GiB: 54 customers send 10,058 GiB, 55 send 10,244.5 GiB. The
    // second tier starts above 1,024 GiB: 5 send 931 GiB, 6 send 1,117.6 GiB.
    let s = preset("phase2-10-customers").unwrap();
    let per_customer = 400e9 / 1_073_741_824.0 * 0.5;
    assert!(54.0 * per_customer <= 10_240.0 && 55.0 * per_customer > 10_240.0);
    let curve = growth(&s, &growth_counts(1_000, 200)).unwrap();
    let tier =
        |label: &str| curve.markers.iter().find(|m| m.code == "price-tier" && m.text == label).map(|m| m.customers);
    assert_eq!(tier("Internet egress, Premium, second tier"), Some(6));
    assert_eq!(tier("Internet egress, Premium, third tier"), Some(55));
    assert_eq!(tier("Cloud CDN cache egress, second tier"), Some(55));
    assert!(line(&at(&s, 54), "Internet egress, Premium, third tier").is_none());
    assert!(line(&at(&s, 55), "Internet egress, Premium, third tier").is_some());
}

fn line(e: &Estimate, label: &str) -> Option<i64> {
    e.line_items.iter().find(|l| l.label == label).map(|l| l.amount_cents)
}

#[test]
fn instance_steps_are_where_instances_at_peak_go_up() {
    let s = preset("phase1-3-customers").unwrap();
    let counts = growth_counts(1_000, 200);
    let curve = growth(&s, &counts).unwrap();
    let steps: Vec<_> = curve.markers.iter().filter(|m| m.code == "instance-step").collect();
    assert!(!steps.is_empty());
    for m in steps {
        let i = counts.iter().position(|&c| c == m.customers).unwrap();
        let (before, now) =
            (at(&s, counts[i - 1]).sizing.instances_at_peak, at(&s, m.customers).sizing.instances_at_peak);
        assert!(now > before, "{m:?}");
        assert_eq!(m.text, format!("{now} instances per region at peak"));
    }
}

#[test]
fn break_even_is_where_margin_crosses_zero() {
    // Week 9's one customer pays 50,000 USD a year; a 20,000 USD/month fixed line makes the
    // margin negative with few customers.
    let mut s = preset("week9-baseline").unwrap();
    s.add_fixed_line("Platform team", 20_000.0).unwrap();
    let margin = |n: u32| at(&s, n).totals.gross_margin_pct.unwrap();
    assert!(margin(1) < 0.0);
    let curve = growth(&s, &growth_counts(1_000, 200)).unwrap();
    let n = curve.break_even_customers.unwrap();
    assert!(margin(n - 1) < 0.0 && margin(n) >= 0.0, "break-even {n}");
    // Sparse points: found between them all the same.
    let sparse = growth(&s, &[1, 2, 1_000]).unwrap();
    assert_eq!(sparse.break_even_customers, Some(n));
    // Positive from the start: none.
    assert_eq!(growth(&preset("week9-baseline").unwrap(), &[1, 10]).unwrap().break_even_customers, None);
}

#[test]
fn capacity_runs_out_where_peak_first_exceeds_it() {
    for (name, s) in scenarios() {
        let curve = growth(&s, &[1, 3, 5_000]).unwrap();
        let over = |n: u32| {
            let e = at(&s, n);
            e.sizing.origin_peak_qps > e.sizing.capacity_qps
        };
        match curve.capacity_exhausted_at {
            Some(n) => assert!(!over(n - 1) && over(n), "{name}: {n}"),
            None => assert!(!over(5_000), "{name}"),
        }
    }
}

#[test]
fn bad_counts_are_refused_by_index() {
    let s = preset("week9-baseline").unwrap();
    let err = |counts: &[u32]| growth(&s, counts).unwrap_err().to_string();
    assert_eq!(err(&[]), "counts = 0 counts: allowed 1 to 10000 customer counts");
    assert_eq!(err(&[1, 5, 5]), "counts[2] = 5: allowed a whole number from 6 to 100000, above the count before");
    assert_eq!(err(&[0]), "counts[0] = 0: allowed a whole number from 1 to 100000, above the count before");
    assert_eq!(err(&[100_001]), "counts[0] = 100001: allowed a whole number from 1 to 100000, above the count before");
    let mut bad = s.clone();
    bad.cloud_run.vcpu = 3.0;
    assert!(growth(&bad, &[1]).unwrap_err().to_string().starts_with("cloudRun.vcpu = 3"));
}
