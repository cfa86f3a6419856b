//! The 12-month timeline against direct evaluation and hand-worked revenue.
#![cfg(not(target_arch = "wasm32"))]

use headroom::model::timeline::{TIMELINE_MONTHS, timeline};
use headroom::model::*;

fn totals(s: &Scenario) -> Totals {
    evaluate(s).unwrap().totals
}

/// `s` with `n` customers (leaving from the last cohort), evaluated.
fn with_customers(s: &Scenario, n: u32) -> Totals {
    let mut s = s.clone();
    s.set_customer_count(n).unwrap();
    totals(&s)
}

#[test]
fn the_seed_path_month_by_month() {
    let s = preset("seed-path").unwrap();
    let phase2 = preset("phase2-10-customers").unwrap();
    let t = timeline(&s).unwrap();
    assert_eq!(t.months.len(), 12);
    assert_eq!(t.months.iter().map(|m| m.month).collect::<Vec<_>>(), (1..=12).collect::<Vec<_>>());
    let live: Vec<u64> = t.months.iter().map(|m| m.customers_live).collect();
    assert_eq!(live, [0, 0, 1, 3, 10, 10, 10, 10, 10, 10, 10, 10]);
    // Revenue by hand: 50,000 / 12 = 4,166.67; 40,000 / 12 = 3,333.33; 35,000 / 12 =
    // 2,916.67; seven at 40,000 / 12 = 23,333.33 USD a month.
    let revenue: Vec<i64> = t.months.iter().map(|m| m.monthly_revenue_cents).collect();
    let full = 416_667 + 333_333 + 291_667 + 2_333_333;
    assert_eq!(revenue[..5], [0, 0, 416_667, 416_667 + 333_333 + 291_667, full]);
    assert!(revenue[5..].iter().all(|&r| r == full));
    // Months before any go-live carry Phase 2's floor with nobody on it: its cost at 0
    // customers, no margin.
    let floor = with_customers(&phase2, 0);
    for m in &t.months[..2] {
        assert_eq!(m.monthly_cost_cents, floor.monthly_cost_cents);
        assert!(m.monthly_cost_cents > 0);
        assert_eq!((m.gross_margin_pct, m.cumulative_margin_pct), (None, None));
    }
    // Customer #1 alone, then the first three: Phase 2's cohorts leave from the last one.
    assert_eq!(t.months[2].monthly_cost_cents, with_customers(&phase2, 1).monthly_cost_cents);
    assert_eq!(t.months[3].monthly_cost_cents, with_customers(&phase2, 3).monthly_cost_cents);
    // From month 5 on, Phase 2 itself, as the seed's Month 5 target says.
    for m in &t.months[4..] {
        assert_eq!(m.monthly_cost_cents, totals(&phase2).monthly_cost_cents);
        assert_eq!(m.gross_margin_pct, totals(&phase2).gross_margin_pct);
    }
}

#[test]
fn month_12_is_the_scenario_when_everything_is_live_and_ramped() {
    let mut s = preset("phase1-3-customers").unwrap();
    s.add_cohort("Prospect").unwrap();
    (s.customers[1].go_live_month, s.customers[1].ramp_months) = (4, 8);
    (s.customers[3].go_live_month, s.customers[3].ramp_months) = (12, 0);
    assert!(s.settled_by_month_12());
    let t = timeline(&s).unwrap();
    let e = totals(&s);
    let last = &t.months[11];
    assert_eq!((last.monthly_cost_cents, last.monthly_revenue_cents), (e.monthly_cost_cents, e.monthly_revenue_cents));
    assert_eq!((last.customers_live, last.gross_margin_pct), (e.customer_count, e.gross_margin_pct));
    // One month short of the ramp: month 12 is not the scenario.
    s.customers[1].ramp_months = 9;
    assert!(!s.settled_by_month_12());
    assert!(timeline(&s).unwrap().months[11].monthly_cost_cents < e.monthly_cost_cents);
}

#[test]
fn a_ramp_scales_usage_linearly_and_revenue_not_at_all() {
    let mut s = preset("phase1-3-customers").unwrap();
    (s.customers[2].go_live_month, s.customers[2].ramp_months) = (2, 3);
    let p = s.customers[2].profile.clone();
    let t = timeline(&s).unwrap();
    // Months 2, 3, 4 at 1/4, 2/4, 3/4 of Customer #3's usage (35 QPS peak, 5,000 reads a
    // day, 1.5 GB, 400 GB of egress); month 5 at full load.
    for (month, f) in [(2, 0.25), (3, 0.5), (4, 0.75), (5, 1.0)] {
        let mut by_hand = s.clone();
        let q = &mut by_hand.customers[2].profile;
        (q.peak_qps, q.avg_qps, q.stored_gb, q.egress_gb_per_month) = (35.0 * f, 10.5 * f, 1.5 * f, 400.0 * f);
        (q.firestore_reads_per_day, q.firestore_writes_per_day, q.firestore_deletes_per_day) =
            (5_000.0 * f, 2_500.0 * f, 100.0 * f);
        assert_eq!(s.in_month(month).customers[2].profile, *q, "month {month}");
        assert_eq!(q.cpu_ms_per_request, p.cpu_ms_per_request);
        let m = &t.months[month as usize - 1];
        assert_eq!(m.monthly_cost_cents, totals(&by_hand).monthly_cost_cents, "month {month}");
        // Revenue from the go-live month in full: 125,000 / 12 over the three customers.
        assert_eq!(m.monthly_revenue_cents, 416_667 + 333_333 + 291_667, "month {month}");
    }
    assert_eq!(t.months[0].monthly_revenue_cents, 416_667 + 333_333);
    // Ramping is cheaper than full load.
    assert!(t.months[1].monthly_cost_cents < t.months[4].monthly_cost_cents);
}

#[test]
fn cumulative_figures_add_up_exactly() {
    for id in preset_ids() {
        let t = timeline(&preset(id).unwrap()).unwrap();
        let (mut cost, mut revenue) = (0, 0);
        for m in &t.months {
            cost += m.monthly_cost_cents;
            revenue += m.monthly_revenue_cents;
            assert_eq!((m.cumulative_cost_cents, m.cumulative_revenue_cents), (cost, revenue), "{id}");
            let margin = (revenue > 0).then(|| (revenue - cost) as f64 / revenue as f64 * 100.0);
            match (m.cumulative_margin_pct, margin) {
                (Some(a), Some(b)) => assert!((a - b).abs() < 1e-9, "{id}"),
                (a, b) => assert_eq!(a, b, "{id}"),
            }
        }
        assert_eq!(t.months.len() as u32, TIMELINE_MONTHS);
    }
}

#[test]
fn a_bad_scenario_is_refused_by_path() {
    let mut s = preset("week9-baseline").unwrap();
    s.customers[0].go_live_month = 13;
    let err = timeline(&s).unwrap_err();
    assert_eq!(err.to_string(), "customers[0].goLiveMonth = 13: allowed a whole number from 1 to 12");
}

#[test]
fn the_payback_month_is_the_first_from_which_cumulative_revenue_stays_ahead() {
    for id in preset_ids() {
        let t = timeline(&preset(id).unwrap()).unwrap();
        // By the definition, month by month: the first month m with revenue ahead in m and
        // every month after it.
        let ahead = |m: &timeline::TimelineMonth| m.cumulative_revenue_cents > m.cumulative_cost_cents;
        let first = (1..=TIMELINE_MONTHS).find(|&m| t.months[(m - 1) as usize..].iter().all(ahead));
        assert_eq!(t.payback_month, first, "{id}");
    }
    // A month with no customers has no revenue: no payback at all.
    let mut s = preset("phase1-3-customers").unwrap();
    s.set_customer_count(0).unwrap();
    assert_eq!(timeline(&s).unwrap().payback_month, None);
}
