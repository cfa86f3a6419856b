//! Hostile inputs the field table allows (issue 15): each is refused with the input named, or
//! evaluated with figures that add up; nothing overflows or panics.
#![cfg(not(target_arch = "wasm32"))]

use headroom::model::*;

/// The refusal of `s`, as text.
fn refusal(s: &Scenario) -> String {
    evaluate(s).unwrap_err().to_string()
}

#[test]
fn a_price_override_that_overflows_the_month_is_refused_by_name() {
    // Over 10 vCPU-seconds a month at 10^9 USD each: past the USD 10^13 limit.
    let mut s = preset("phase2-10-customers").unwrap();
    let cpu = "Cloud Run CPU, active";
    let base = evaluate(&s).unwrap();
    assert!(base.line_items.iter().find(|l| l.label == cpu).unwrap().quantity > 10.0);
    s.set("priceOverrides.runRequestCpu", FieldValue::Number(MAX_PRICE_VALUE)).unwrap();
    assert_eq!(
        refusal(&s),
        "priceOverrides.runRequestCpu = 1000000000: allowed a price at which the month stays within \
         USD 10,000,000,000,000 a month (the line \"Cloud Run CPU, active\" takes it past that)"
    );
    // Every price at the top of its range at once: refused, not wrapped to a negative bill.
    for id in PriceId::ALL {
        s.price_overrides.set(id.as_str(), MAX_PRICE_VALUE);
    }
    assert!(refusal(&s).starts_with("priceOverrides."), "{}", refusal(&s));
    let mut p = Planner::from_preset("phase2-10-customers").unwrap();
    let before = p.estimate().clone();
    assert!(p.set("priceOverrides.runRequestCpu", FieldValue::Number(MAX_PRICE_VALUE)).is_err());
    assert_eq!(p.estimate(), &before);
}

#[test]
fn a_rate_that_converts_past_what_javascript_holds_is_refused() {
    // 100 customers at USD 10^9 a year: 8.33 x 10^11 cents a month; at 10^6 EUR per USD that is
    // 8.33 x 10^17 euro cents, past 2^53 (9.007 x 10^15).
    let mut s = preset("week9-baseline").unwrap();
    s.customers[0].count = 100;
    s.customers[0].profile.acv_usd = 1e9;
    s.set("currency.rateDate", FieldValue::Text("2026-11-27".into())).unwrap();
    s.set("currency.code", FieldValue::Text("EUR".into())).unwrap();
    s.set("currency.perUsd", FieldValue::Number(1e6)).unwrap();
    assert!(
        refusal(&s).starts_with("currency.perUsd = 1000000: allowed a rate at which every figure"),
        "{}",
        refusal(&s)
    );
    s.set("currency.perUsd", FieldValue::Number(1e4)).unwrap();
    let e = evaluate(&s).unwrap();
    assert_eq!(e.currency.unwrap().monthly_revenue.minor_units, 100 * 1_000_000_000 * 100 / 12 * 10_000);
}

#[test]
fn the_negotiated_discount_never_turns_a_cohorts_share_negative() {
    // Cohorts that differ in usage, allocated by usage: before this, a 100% discount (split by
    // requests) left a cohort heavy on egress at -953 cents while the total was 0.
    let mut s = preset("phase2-10-customers").unwrap();
    assert_eq!(s.allocation, Allocation::ByUsage);
    s.customers[0].profile.egress_gb_per_month *= 50.0;
    let full = evaluate(&s).unwrap();
    s.discounts.negotiated_pct = 100.0;
    let free = evaluate(&s).unwrap();
    assert_eq!(free.totals.monthly_cost_cents, 0);
    assert!(free.customers.iter().all(|c| c.allocated_monthly_cents == 0), "{:?}", free.customers);
    // At 50% every cohort carries half of what it carried undiscounted, to the cent.
    s.discounts.negotiated_pct = 50.0;
    let half = evaluate(&s).unwrap();
    for (h, f) in half.customers.iter().zip(&full.customers) {
        assert!(
            (2 * h.allocated_monthly_cents - f.allocated_monthly_cents).abs() <= 2,
            "{} vs {}",
            h.allocated_monthly_cents,
            f.allocated_monthly_cents
        );
        assert!(h.allocated_monthly_cents >= 0);
    }
    let shares: i64 = half.customers.iter().map(|c| c.allocated_monthly_cents).sum();
    assert_eq!(shares, half.totals.monthly_cost_cents);
}
