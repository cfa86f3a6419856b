//! The deal view against direct evaluation: the incremental cost, each rule's share and the
//! lowest ACV that keeps the target margin.
#![cfg(not(target_arch = "wasm32"))]

use headroom::model::allocation::ratios;
use headroom::model::deal::{DEFAULT_TARGET_MARGIN_PCT, Deal, Prospect, Usage, deal, deal_of};
use headroom::model::*;

/// `scenario` with `prospect`'s cohort of one (profile `profile`) added last, at ACV `acv_usd`.
fn with(scenario: &Scenario, name: &str, profile: &CustomerProfile, acv_usd: f64) -> Scenario {
    let mut s = scenario.clone();
    let mut profile = profile.clone();
    profile.acv_usd = acv_usd;
    s.customers.push(Cohort::new(name, 1, profile));
    s
}

fn total(s: &Scenario) -> i64 {
    evaluate(s).unwrap().totals.monthly_cost_cents
}

/// The prospect's (last cohort's) share of `s` under `rule`.
fn share(s: &Scenario, rule: Allocation) -> i64 {
    let mut s = s.clone();
    s.allocation = rule;
    evaluate(&s).unwrap().customers.last().unwrap().allocated_monthly_cents
}

/// Every prospect kind on every preset, with the profile it stands for.
fn cases() -> Vec<(Scenario, Prospect, CustomerProfile)> {
    let mut out = Vec::new();
    for id in preset_ids() {
        let s = preset(id).unwrap();
        let big = CustomerProfile {
            peak_qps: 300.0,
            avg_qps: 90.0,
            egress_gb_per_month: 5_000.0,
            ..s.typical_customer.clone()
        };
        let t = &s.typical_customer;
        // Load and data scale; peak hours, CPU per request and ACV do not.
        let scaled = CustomerProfile {
            peak_qps: 2.5 * t.peak_qps,
            avg_qps: 2.5 * t.avg_qps,
            firestore_reads_per_day: 2.5 * t.firestore_reads_per_day,
            firestore_writes_per_day: 2.5 * t.firestore_writes_per_day,
            firestore_deletes_per_day: 2.5 * t.firestore_deletes_per_day,
            stored_gb: 2.5 * t.stored_gb,
            egress_gb_per_month: 2.5 * t.egress_gb_per_month,
            ..t.clone()
        };
        let prospect = |acv_usd, usage| Prospect { name: "Prospect: Acme".into(), acv_usd, usage };
        out.push((s.clone(), prospect(60_000.0, Usage::Profile(big.clone())), big));
        out.push((s.clone(), prospect(45_000.0, Usage::LikeCohort(0)), s.customers[0].profile.clone()));
        out.push((s.clone(), prospect(20_000.0, Usage::ScaledTypical(2.5)), scaled));
    }
    out
}

#[test]
fn incremental_cost_and_shares_equal_direct_evaluation() {
    for (s, prospect, profile) in cases() {
        let d: Deal = deal(&s, &prospect, DEFAULT_TARGET_MARGIN_PCT).unwrap();
        let w = with(&s, &prospect.name, &profile, prospect.acv_usd);
        assert_eq!(d.incremental_monthly_cents, total(&w) - total(&s), "{}: {prospect:?}", s.name);
        let revenue = evaluate(&w).unwrap().customers.last().unwrap().monthly_revenue_cents;
        assert_eq!(d.monthly_revenue_cents, revenue);
        assert_eq!(d.incremental_margin_pct, ratios(d.incremental_monthly_cents, revenue).1);
        let rules: Vec<Allocation> = d.allocated.iter().map(|r| r.rule).collect();
        assert_eq!(rules, [Allocation::Equal, Allocation::ByUsage, Allocation::ByAcv]);
        for r in &d.allocated {
            assert_eq!(r.allocated_monthly_cents, share(&w, r.rule), "{}: {:?}", s.name, r.rule);
            assert_eq!(r.gross_margin_pct, ratios(r.allocated_monthly_cents, revenue).1);
        }
    }
}

/// Monthly cents the margin at `acv_usd` is off the target by: allocated (or incremental)
/// cost against `(1 - target) x ACV / 12`.
fn off_target_cents(cost_cents: i64, acv_usd: f64, target_pct: f64) -> f64 {
    cost_cents as f64 - (1.0 - target_pct / 100.0) * acv_usd * 100.0 / 12.0
}

#[test]
fn the_lowest_acv_keeps_the_target_margin_within_a_cent() {
    for target in [DEFAULT_TARGET_MARGIN_PCT, 40.0, 90.0] {
        for (s, prospect, profile) in cases() {
            let d = deal(&s, &prospect, target).unwrap();
            let at = |acv: f64| with(&s, &prospect.name, &profile, acv);
            // Incremental: the cost does not move with the ACV.
            let acv = d.min_acv_incremental_usd;
            assert_eq!(acv, 12.0 * d.incremental_monthly_cents as f64 / 100.0 / (1.0 - target / 100.0));
            let inc = total(&at(acv)) - total(&s);
            assert!(off_target_cents(inc, acv, target).abs() < 1e-6, "{}: {acv}", s.name);
            for r in &d.allocated {
                // No lowest ACV only where the share shrinks with the ACV (by ACV).
                let Some(acv) = r.min_acv_usd else {
                    assert_eq!(r.rule, Allocation::ByAcv, "{}", s.name);
                    assert!(off_target_cents(share(&at(0.01), r.rule), 0.01, target) <= 0.0, "{}", s.name);
                    continue;
                };
                let cost = share(&at(acv), r.rule);
                let off = off_target_cents(cost, acv, target);
                assert!(off <= 1e-6 && off > -1.0, "{} {:?} at {acv}: {off} cents off", s.name, r.rule);
                if r.rule == Allocation::ByAcv && acv > 0.0 {
                    // A cent less misses the target: it is the lowest.
                    let less = acv - 0.01;
                    assert!(off_target_cents(share(&at(less), r.rule), less, target) > 0.0, "{}", s.name);
                }
            }
        }
    }
}

#[test]
fn by_acv_the_lowest_acv_is_solved_or_none() {
    // By ACV the prospect carries total x a / (A + a) for the others' ACV A, so its margin
    // 1 - 12 total / (A + a) rises with its ACV a: the lowest ACV is 12 total / (1 - t) - A
    // when that is above 0, and there is none (any ACV keeps the target) otherwise.
    let s = preset("phase2-10-customers").unwrap();
    let others: f64 = s.customers.iter().map(|c| c.profile.acv_usd * f64::from(c.count)).sum();
    let prospect = Prospect { name: "Big".into(), acv_usd: 1_000_000.0, usage: Usage::ScaledTypical(4.0) };
    let d = deal(&s, &prospect, 99.0).unwrap();
    let total = d.with.monthly_cost_cents as f64 / 100.0;
    let solved = d.allocated[2].min_acv_usd.unwrap();
    assert!((solved - (12.0 * total / 0.01 - others)).abs() <= 0.02, "{solved}");
    assert!(12.0 * total / 0.25 < others, "the others alone keep 75%");
    assert_eq!(deal(&s, &prospect, 75.0).unwrap().allocated[2].min_acv_usd, None);
}

#[test]
fn bad_prospects_are_refused_by_path() {
    let s = preset("phase1-3-customers").unwrap();
    let err = |usage, acv_usd, target| {
        deal(&s, &Prospect { name: "P".into(), acv_usd, usage }, target).unwrap_err().to_string()
    };
    assert_eq!(err(Usage::LikeCohort(3), 1.0, 75.0), "deal.likeCohort = 3: allowed an index from 0 to 2");
    assert_eq!(err(Usage::ScaledTypical(-1.0), 1.0, 75.0), "deal.timesTypical = -1: allowed a number from 0 to 1000");
    assert_eq!(
        err(Usage::LikeCohort(0), -5.0, 75.0),
        "customers[3].profile.acvUsd = -5: allowed a number from 0 to 1000000000"
    );
    assert_eq!(err(Usage::LikeCohort(0), 1.0, 100.0), "deal.targetMarginPct = 100: allowed a number from 0 to 99.9");
}

/// Phase 2 with the deal "Acme": ACV $36,000, 200 GB egress a month and 5 GB stored, its load
/// given as `basis` (30 peak QPS, like cohort 1, 2 x typical, or 10,000 users x 50 requests).
fn acme(basis: DealBasis) -> Scenario {
    let mut s = preset("phase2-10-customers").unwrap();
    let d = &mut s.deal;
    (d.name, d.acv_usd, d.basis, d.egress_gb_per_month, d.stored_gb) = ("Acme".into(), 36_000.0, basis, 200.0, 5.0);
    (d.peak_qps, d.like_cohort, d.times_typical, d.daily_users, d.requests_per_user) = (30.0, 1, 2.0, 10_000.0, 50.0);
    s
}

/// Relative closeness.
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn the_scenarios_deal_of_each_kind_costs_what_evaluate_says() {
    // Profiles worked by hand from Phase 2's typical customer: peak 45 and mean 13.5 QPS,
    // 17,000 reads, 8,000 writes and 200 deletes a day, 2 GB, 400 GB egress, 6 vCPU-ms, 2 h.
    let s = preset("phase2-10-customers").unwrap();
    let t = &s.typical_customer;
    assert_eq!((t.peak_qps, t.avg_qps, t.firestore_reads_per_day, t.cpu_ms_per_request), (45.0, 13.5, 17_000.0, 6.0));
    let shaped = |peak: f64, avg: f64| CustomerProfile {
        peak_qps: peak,
        avg_qps: avg,
        firestore_reads_per_day: avg * 17_000.0 / 13.5,
        firestore_writes_per_day: avg * 8_000.0 / 13.5,
        firestore_deletes_per_day: avg * 200.0 / 13.5,
        stored_gb: 5.0,
        egress_gb_per_month: 200.0,
        acv_usd: 36_000.0,
        ..t.clone()
    };
    // 10,000 users x 50 requests = 500,000 a day: 5.787 QPS on average, and at the typical
    // peak-to-mean ratio of 45 / 13.5 = 3.33, 19.29 QPS at peak.
    let dau_mean = 500_000.0 / 86_400.0;
    let mut twice = t.clone();
    for x in [&mut twice.peak_qps, &mut twice.avg_qps, &mut twice.firestore_reads_per_day] {
        *x *= 2.0;
    }
    (twice.firestore_writes_per_day, twice.firestore_deletes_per_day) = (16_000.0, 400.0);
    (twice.stored_gb, twice.egress_gb_per_month, twice.acv_usd) = (4.0, 800.0, 36_000.0);
    let like = CustomerProfile { acv_usd: 36_000.0, ..s.customers[1].profile.clone() };
    let cases = [
        (DealBasis::PeakQps, shaped(30.0, 9.0)),
        (DealBasis::DailyUsers, shaped(dau_mean * 45.0 / 13.5, dau_mean)),
        (DealBasis::LikeCohort, like),
        (DealBasis::TimesTypical, twice),
    ];
    for (basis, profile) in cases {
        let s = acme(basis);
        let d = deal_of(&s).unwrap().unwrap();
        let p = &d.profile;
        let pairs = [
            (p.peak_qps, profile.peak_qps),
            (p.avg_qps, profile.avg_qps),
            (p.firestore_reads_per_day, profile.firestore_reads_per_day),
            (p.firestore_writes_per_day, profile.firestore_writes_per_day),
            (p.firestore_deletes_per_day, profile.firestore_deletes_per_day),
            (p.stored_gb, profile.stored_gb),
            (p.egress_gb_per_month, profile.egress_gb_per_month),
            (p.cpu_ms_per_request, profile.cpu_ms_per_request),
            (p.peak_hours_per_day, profile.peak_hours_per_day),
            (p.acv_usd, profile.acv_usd),
        ];
        assert!(pairs.iter().all(|&(a, b)| close(a, b)), "{basis:?}: {p:?} against {profile:?}");
        let w = with(&s, "Acme", &profile, 36_000.0);
        let e = evaluate(&w).unwrap();
        assert_eq!(d.incremental_monthly_cents, e.totals.monthly_cost_cents - total(&s), "{basis:?}");
        assert_eq!(d.headline_rule, s.allocation);
        let headline = d.allocated.iter().find(|r| r.rule == d.headline_rule).unwrap();
        assert_eq!(headline.allocated_monthly_cents, e.customers.last().unwrap().allocated_monthly_cents, "{basis:?}");
        assert_eq!((d.with.monthly_cost_cents, d.without.monthly_cost_cents), (e.totals.monthly_cost_cents, total(&s)));
        assert!(!d.in_scenario);
    }
    let dau = deal_of(&acme(DealBasis::DailyUsers)).unwrap().unwrap().profile;
    assert!((dau.peak_qps - 19.290_123_456_790_12).abs() < 1e-9 && (dau.avg_qps - 5.787_037_037_037_037).abs() < 1e-9);
}

#[test]
fn once_added_the_deal_is_its_cohort_and_is_not_priced_on_top_of_itself() {
    let s = acme(DealBasis::PeakQps);
    let before = deal_of(&s).unwrap().unwrap();
    let mut added = s.clone();
    added.customers.push(Cohort::new("Acme", 1, before.profile.clone()));
    let after = deal_of(&added).unwrap().unwrap();
    assert!(after.in_scenario);
    assert_eq!(after.with, evaluate(&added).unwrap().totals);
    assert_eq!(after.without.monthly_cost_cents, total(&s));
    assert_eq!(after.incremental_monthly_cents, before.incremental_monthly_cents);
    assert_eq!(after.allocated, before.allocated);
    // No deal without a name; a scenario with none prices nothing.
    assert_eq!(deal_of(&preset("phase2-10-customers").unwrap()).unwrap(), None);
}

#[test]
fn a_deal_problem_names_the_deal_field() {
    let mut s = acme(DealBasis::PeakQps);
    (s.deal.own_ratios, s.deal.avg_qps) = (true, 40.0);
    let err = deal_of(&s).unwrap_err().to_string();
    assert!(err.starts_with("deal.avgQps = 40: allowed"), "{err}");
}

#[test]
fn a_deal_that_crosses_an_egress_tier_says_so() {
    // Phase 2 sends 10 x 400 GB = 4,000 GB (3.6 TiB) a month; 60,000 GB more takes Premium Tier
    // egress past 10 TiB, into its third tier, which the bill did not have.
    let mut s = acme(DealBasis::PeakQps);
    assert!(deal_of(&s).unwrap().unwrap().price_steps.is_empty(), "200 GB crosses no step");
    s.deal.egress_gb_per_month = 60_000.0;
    let steps = deal_of(&s).unwrap().unwrap().price_steps;
    let third = steps.iter().find(|p| p.label.starts_with("Internet egress, Premium, third tier")).unwrap();
    assert_eq!(third.unit_price_before_usd, None);
    let without = evaluate(&preset("phase2-10-customers").unwrap()).unwrap();
    assert!(without.line_items.iter().all(|l| !l.label.contains("third tier")));
}
