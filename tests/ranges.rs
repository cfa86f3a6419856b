//! Usage ranges: the low and high totals are full evaluations of the low and high scenarios,
//! ordered around the typical one, and the growth band equals direct evaluation.
#![cfg(not(target_arch = "wasm32"))]

use headroom::model::growth::{growth, growth_counts};
use headroom::model::*;

/// Every preset with ranges on every input, a CUD variant, and one with a single range.
fn scenarios() -> Vec<(String, Scenario)> {
    let wide = Ranges {
        peak_qps_low_pct: 60.0,
        peak_qps_high_pct: 180.0,
        avg_qps_low_pct: 70.0,
        avg_qps_high_pct: 150.0,
        egress_gb_low_pct: 50.0,
        egress_gb_high_pct: 300.0,
        firestore_ops_low_pct: 40.0,
        firestore_ops_high_pct: 250.0,
        stored_gb_low_pct: 80.0,
        stored_gb_high_pct: 400.0,
        cpu_ms_per_request_low_pct: 66.5,
        cpu_ms_per_request_high_pct: 140.0,
    };
    let mut out: Vec<(String, Scenario)> = preset_ids()
        .iter()
        .map(|id| {
            let mut s = preset(id).unwrap();
            s.ranges = wide.clone();
            (id.to_string(), s)
        })
        .collect();
    let mut cud = preset("phase2-10-customers").unwrap();
    cud.ranges = wide;
    cud.set("discounts.cud", FieldValue::Text("threeYear".into())).unwrap();
    out.push(("cud".into(), cud));
    // A higher peak at the same mean: the peak hours' extra requests come on top of the day.
    let mut peak = preset("phase2-10-customers").unwrap();
    peak.set("ranges.peakQpsHighPct", FieldValue::Number(200.0)).unwrap();
    peak.set("ranges.peakQpsLowPct", FieldValue::Number(50.0)).unwrap();
    out.push(("peak only".into(), peak));
    let mut one = preset("phase1-3-customers").unwrap();
    one.set("ranges.egressGbHighPct", FieldValue::Number(1000.0)).unwrap();
    out.push(("egress only".into(), one));
    out
}

#[test]
fn low_and_high_are_full_evaluations_of_the_bounds() {
    for (name, s) in scenarios() {
        assert!(s.has_ranges(), "{name}");
        let e = evaluate(&s).unwrap();
        let range = e.range.clone().unwrap();
        let low = evaluate(&s.bound(Bound::Low)).unwrap();
        let high = evaluate(&s.bound(Bound::High)).unwrap();
        assert_eq!(range.low, low.totals, "{name}");
        assert_eq!(range.high, high.totals, "{name}");
        assert_eq!((low.range, high.range), (None, None), "{name}: a bound has no ranges");
        // The typical figures are those of the scenario without ranges.
        let mut typical = s.clone();
        typical.ranges = Ranges::none();
        let plain = evaluate(&typical).unwrap();
        assert_eq!(plain.range, None);
        assert_eq!(Estimate { range: e.range.clone(), ..plain }, e, "{name}");
    }
}

#[test]
fn cost_rises_and_margin_falls_from_low_to_high() {
    for (name, s) in scenarios() {
        let e = evaluate(&s).unwrap();
        let (t, r) = (&e.totals, e.range.as_ref().unwrap());
        assert!(r.low.monthly_cost_cents <= t.monthly_cost_cents, "{name}");
        assert!(t.monthly_cost_cents < r.high.monthly_cost_cents, "{name}");
        let revenue = [r.low.monthly_revenue_cents, t.monthly_revenue_cents, r.high.monthly_revenue_cents];
        assert_eq!(revenue, [t.monthly_revenue_cents; 3], "{name}");
        let margins = [r.low.gross_margin_pct.unwrap(), t.gross_margin_pct.unwrap(), r.high.gross_margin_pct.unwrap()];
        assert!(margins[0] >= margins[1] && margins[1] > margins[2], "{name}: {margins:?}");
    }
}

#[test]
fn a_high_egress_range_changes_only_what_egress_drives() {
    // Phase 1 with egress at 10x in the high scenario: 12,000 GB instead of 1,200 GB. Cloud
    // Run, Firestore and the fixed lines do not depend on egress and stay to the cent; the
    // internet egress lines grow at least 9-fold (later tiers are cheaper per GiB).
    let s = scenarios().pop().unwrap().1;
    let e = evaluate(&s).unwrap();
    let high = evaluate(&s.bound(Bound::High)).unwrap();
    assert_eq!(high.sizing.egress_gib_per_month, 10.0 * e.sizing.egress_gib_per_month);
    let component = |x: &Estimate, c: cost::Component| -> i64 {
        x.line_items.iter().filter(|l| l.component == c).map(|l| l.amount_cents).sum()
    };
    use cost::Component::*;
    for c in [CloudRun, Firestore, Redis, Fixed] {
        assert_eq!(component(&high, c), component(&e, c), "{c:?}");
    }
    assert!(component(&high, Egress) > 9 * component(&e, Egress));
    assert_eq!(e.range.as_ref().unwrap().high.monthly_cost_cents, high.totals.monthly_cost_cents);
}

#[test]
fn the_growth_band_equals_direct_evaluation() {
    for (name, s) in scenarios() {
        let curve = growth(&s, &growth_counts(1_000, 40)).unwrap();
        for p in curve.points.iter().step_by(9) {
            let mut at = s.clone();
            at.set_customer_count(p.customers).unwrap();
            let band = p.range.unwrap();
            let low = evaluate(&at.bound(Bound::Low)).unwrap().totals;
            let high = evaluate(&at.bound(Bound::High)).unwrap().totals;
            let at_n = format!("{name} at {}", p.customers);
            assert_eq!(band.low_monthly_cost_cents, low.monthly_cost_cents, "{at_n}");
            assert_eq!(band.high_monthly_cost_cents, high.monthly_cost_cents, "{at_n}");
            assert_eq!(band.low_gross_margin_pct, low.gross_margin_pct, "{at_n}");
            assert_eq!(band.high_gross_margin_pct, high.gross_margin_pct, "{at_n}");
            // And the point's own figures are the typical scenario's.
            assert_eq!(p.monthly_cost_cents, evaluate(&at).unwrap().totals.monthly_cost_cents, "{at_n}");
        }
    }
    let plain = growth(&preset("phase1-3-customers").unwrap(), &[1, 5, 50]).unwrap();
    assert!(plain.points.iter().all(|p| p.range.is_none()));
}
