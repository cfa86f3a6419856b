//! The savings finder against direct evaluation: each saving is the current total less the
//! total of the scenario with its changes applied by `Scenario::set`, the seed's savings that
//! really save are found, and savings that break the service are listed apart.
#![cfg(not(target_arch = "wasm32"))]

use headroom::model::savings::{Saving, Savings, savings};
use headroom::model::*;

fn total(s: &Scenario) -> i64 {
    evaluate(s).unwrap().totals.monthly_cost_cents
}

/// `s` with `saving`'s changes applied one by one with `Scenario::set`, as the page applies
/// them.
fn applied(s: &Scenario, saving: &Saving) -> Scenario {
    let mut changed = s.clone();
    for c in &saving.changes {
        changed.set(c.path, c.value.clone()).unwrap_or_else(|e| panic!("{}: {} refused: {e}", saving.id, c.path));
    }
    changed
}

/// Presets, and variants that reach the other candidates: CDN off behind a regional load
/// balancer with large egress, instance-based billing with a commitment, a 4 GB Basic Redis,
/// Standard Tier, 8 vCPU instances.
fn scenarios() -> Vec<(String, Scenario)> {
    let mut all: Vec<(String, Scenario)> =
        preset_ids().iter().map(|id| (id.to_string(), preset(id).unwrap())).collect();
    all.push(("week9 with heavy egress".into(), heavy_egress()));
    let mut s = preset("phase1-3-customers").unwrap();
    s.cloud_run.billing = Billing::Instance;
    s.discounts.cud = CudTerm::OneYear;
    s.discounts.cud_coverage = 0.5;
    s.redis.size_gb = 4.0;
    s.network.tier = NetworkTier::Standard;
    all.push(("phase1 instance-based, 1-year CUD at 50%, 4 GB Redis, Standard Tier".into(), s));
    let mut s = preset("phase2-10-customers").unwrap();
    (s.cloud_run.vcpu, s.cloud_run.memory_gib, s.cloud_run.max_concurrency) = (8.0, 16.0, 20);
    s.discounts.negotiated_pct = 7.5;
    all.push(("phase2 on 8 vCPU, concurrency 20, negotiated 7.5%".into(), s));
    all.push(("phase2 at one instance per region".into(), one_instance_per_region()));
    all
}

/// Week 9 with 20,000 GB of egress a month and few requests: Cloud CDN at a 90% hit ratio
/// saves far more egress than its lookups cost.
fn heavy_egress() -> Scenario {
    let mut s = preset("week9-baseline").unwrap();
    s.customers[0].profile.egress_gb_per_month = 20_000.0;
    s.typical_customer.egress_gb_per_month = 20_000.0;
    s
}

/// Phase 2 with 1 instance per region. Peak 440 QPS (50 + 40 + 35 + 7 x 45); a 2-vCPU instance
/// at 6 vCPU-ms a request carries 2 / 0.006 x 60% = 200 QPS at target utilisation, so 3
/// regions carry 600 QPS, 2 carry 400 and 1 carries 200 (saturated: 440 > 333).
fn one_instance_per_region() -> Scenario {
    let mut s = preset("phase2-10-customers").unwrap();
    (s.cloud_run.min_instances, s.cloud_run.max_instances) = (1, 1);
    s
}

fn all_of(found: &Savings) -> impl Iterator<Item = &Saving> {
    found.safe.iter().chain(&found.risky)
}

#[test]
fn every_saving_is_evaluate_of_its_changes_applied_with_set() {
    for (name, s) in scenarios() {
        let found = savings(&s).unwrap();
        let before = evaluate(&s).unwrap();
        assert_eq!(found.monthly_cost_cents, before.totals.monthly_cost_cents, "{name}");
        assert!(!found.safe.is_empty(), "{name}");
        for saving in all_of(&found) {
            let at = format!("{name}: {}", saving.id);
            let after = evaluate(&applied(&s, saving)).unwrap();
            assert_eq!(saving.monthly_saving_cents, before.totals.monthly_cost_cents - after.totals.monthly_cost_cents);
            assert!(saving.monthly_saving_cents > 0, "{at}");
            assert_eq!(saving.monthly_cost_after_cents, after.totals.monthly_cost_cents, "{at}");
            assert_eq!(saving.latency_p95_before_ms, before.sizing.latency_p95_ms, "{at}");
            assert_eq!(saving.latency_p95_after_ms, after.sizing.latency_p95_ms, "{at}");
            assert_eq!(saving.cpu_at_peak_before_pct, before.sizing.cpu_utilization_at_peak * 100.0, "{at}");
            assert_eq!(saving.cpu_at_peak_after_pct, after.sizing.cpu_utilization_at_peak * 100.0, "{at}");
            for c in &saving.changes {
                assert_eq!(c.label, FieldPath::parse(c.path).unwrap().field.label, "{at}");
            }
            for f in &saving.findings_added {
                assert!(after.findings.iter().any(|g| g.code == f.code && g.severity == f.severity), "{at}: {f:?}");
            }
            for f in &saving.findings_cleared {
                assert!(before.findings.iter().any(|g| g.code == f.code && g.severity == f.severity), "{at}: {f:?}");
                let now = after.findings.iter().find(|g| g.code == f.code).map(|g| g.severity);
                assert!(now.is_none_or(|n| n > f.severity), "{at}: {f:?} still at {now:?}");
            }
        }
    }
}

#[test]
fn sorted_best_first_with_unique_ids() {
    for (name, s) in scenarios() {
        let found = savings(&s).unwrap();
        for list in [&found.safe, &found.risky] {
            for w in list.windows(2) {
                let (a, b) = (&w[0], &w[1]);
                assert!(
                    a.monthly_saving_cents > b.monthly_saving_cents
                        || (a.monthly_saving_cents == b.monthly_saving_cents && a.id < b.id),
                    "{name}: {} before {}",
                    a.id,
                    b.id
                );
            }
        }
        let mut ids: Vec<&str> = all_of(&found).map(|x| x.id.as_str()).collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "{name}");
        // Same input, same list.
        assert_eq!(savings(&s).unwrap(), found, "{name}");
    }
}

#[test]
fn phase2_keeps_cdn_and_a_poor_cache_lists_cdn_off() {
    // The seed's Phase 2 at a 90% hit ratio on half of the responses: the 45% of requests
    // served from the cache never reach Cloud Run, so the CDN saves more than it costs and
    // turning it off is no saving.
    let s = preset("phase2-10-customers").unwrap();
    let before = evaluate(&s).unwrap();
    assert!(before.findings.iter().any(|f| f.code == "cdn-saves"));
    assert!(all_of(&savings(&s).unwrap()).all(|x| x.id != "cdn-off"));
    // At a 20% hit ratio every request still pays a lookup and the CDN costs more.
    let mut poor = s.clone();
    poor.network.cdn_hit_ratio = 0.2;
    assert!(evaluate(&poor).unwrap().findings.iter().any(|f| f.code == "cdn-costs-more-than-it-saves"));
    let found = savings(&poor).unwrap();
    let off = found.safe.iter().find(|x| x.id == "cdn-off").unwrap();
    assert_eq!(off.changes.len(), 1);
    assert_eq!((off.changes[0].path, &off.changes[0].value), ("network.cdn", &FieldValue::Bool(false)));
    let mut without = poor.clone();
    without.network.cdn = false;
    assert_eq!(off.monthly_saving_cents, total(&poor) - total(&without));
    assert!(off.findings_cleared.iter().any(|f| f.code == "cdn-costs-more-than-it-saves"));
}

#[test]
fn seed_savings_that_really_save_appear() {
    // The seed's quick wins for Week 13 (Phase 1): Cloud CDN and a 1-year commitment.
    let s = preset("phase1-3-customers").unwrap();
    let found = savings(&s).unwrap();
    let mut cdn = s.clone();
    cdn.set("network.loadBalancer", FieldValue::Text("global".into())).unwrap();
    cdn.set("network.cdn", FieldValue::Bool(true)).unwrap();
    // The model prices Cloud CDN at Phase 1 as a cost, not a saving: not listed then.
    let cdn_saves = total(&cdn) < total(&s);
    assert_eq!(found.safe.iter().chain(&found.risky).any(|x| x.id == "cdn-on"), cdn_saves);
    let cud = found.safe.iter().find(|x| x.id == "cud-1y").unwrap();
    assert!(cud.risk.as_deref().unwrap().starts_with("1-year commitment"));
    // With heavy egress the CDN does save, and brings the global load balancer it needs.
    let s = heavy_egress();
    let found = savings(&s).unwrap();
    let on = found.safe.iter().find(|x| x.id == "cdn-on").unwrap();
    let paths: Vec<&str> = on.changes.iter().map(|c| c.path).collect();
    assert_eq!(paths, ["network.loadBalancer", "network.cdn"]);
    let after = evaluate(&applied(&s, on)).unwrap();
    assert!(after.findings.iter().all(|f| f.code != "cdn-needs-global-lb"));
    assert!(after.findings.iter().any(|f| f.code == "cdn-saves"));
}

#[test]
fn cud_saving_is_coverage_times_discount_times_steady_spend() {
    // Week 9 on demand: a 1-year CUD (17% off request-based Cloud Run, price book
    // runCudRequest1y) at coverage c commits c x the quietest hour's Cloud Run spend s. Below
    // 1 every committed dollar is used every hour, so the month saves
    // c x 17% x s x 730 h: the covered usage (-c s 730) less the fee (c s 730 x 0.83), each
    // line rounded to the cent.
    let s = preset("week9-baseline").unwrap();
    let found = savings(&s).unwrap();
    let cud = found.safe.iter().find(|x| x.id == "cud-1y").unwrap();
    // Coverage 1 is the schedule's default, so only the term changes.
    assert_eq!(cud.changes.len(), 1);
    assert_eq!(cud.changes[0].value, FieldValue::Text("oneYear".into()));
    let changed = applied(&s, cud);
    let commitment = evaluate(&changed).unwrap().commitment.unwrap();
    assert_eq!(commitment.discount_pct, 17.0);
    let hand = 1.0 * 0.17 * commitment.steady_usd_per_hour * 730.0 * 100.0;
    assert!((cud.monthly_saving_cents as f64 - hand).abs() <= 1.0, "{} vs {hand}", cud.monthly_saving_cents);
    // Coverage 1 is the best: the quiet hours (22 of 24) are all covered, and a dollar
    // committed above them is used only in the 2 peak hours: 2/24 < 83% it costs.
    for c in [0.95, 0.99, 1.01, 1.05, 2.0] {
        let mut other = changed.clone();
        other.set("discounts.cudCoverage", FieldValue::Number(c)).unwrap();
        assert!(total(&other) > cud.monthly_cost_after_cents, "coverage {c}");
    }
    // Request-based 3-year is 17% too: no more saving, so not listed.
    assert!(all_of(&found).all(|x| x.id != "cud-3y"));
}

#[test]
fn instance_based_lists_three_years_above_one() {
    // Instance-based: 28% off for 1 year, 46% for 3 (price book). The scenario's 1-year CUD at
    // 50% is moved to the best coverage; 3 years saves more.
    let (_, s) = scenarios().into_iter().find(|(n, _)| n.starts_with("phase1 instance-based")).unwrap();
    let found = savings(&s).unwrap();
    let one = found.safe.iter().find(|x| x.id == "cud-1y").unwrap();
    let three = found.safe.iter().find(|x| x.id == "cud-3y").unwrap();
    assert!(three.monthly_saving_cents > one.monthly_saving_cents);
    assert_eq!(one.changes[0].path, "discounts.cudCoverage");
    assert!(three.risk.as_deref().unwrap().contains("36 months"));
    // Larger cache band, cheaper per GB: 4 GB Basic costs more than 5 GB.
    let five = found.safe.iter().find(|x| x.id == "redis-size-5").unwrap();
    assert_eq!(five.monthly_saving_cents, ((4.0 * 0.049 - 5.0 * 0.027) * 730.0 * 100.0_f64).round() as i64);
}

#[test]
fn a_saving_that_breaks_capacity_is_risky_not_safe() {
    // Without the CDN all 440 QPS reach Cloud Run: 2 regions of 1 instance carry 400.
    let mut s = one_instance_per_region();
    s.network.cdn = false;
    let before = evaluate(&s).unwrap();
    assert!(before.sizing.origin_peak_qps <= before.sizing.capacity_qps);
    let found = savings(&s).unwrap();
    assert!(found.safe.iter().all(|x| !x.id.starts_with("regions-")));
    let fewer = found.risky.iter().find(|x| x.id.starts_with("regions-")).unwrap();
    assert!(!fewer.breaks.is_empty());
    let after = evaluate(&applied(&s, fewer)).unwrap();
    assert!(after.sizing.origin_peak_qps > after.sizing.capacity_qps, "{}", fewer.id);
    // Fewer warm instances: no warm instance with a cold start longer than the target.
    let s = preset("week9-baseline").unwrap();
    let found = savings(&s).unwrap();
    let none = found.risky.iter().find(|x| x.id == "min-instances-0").unwrap();
    assert!(
        none.findings_added.iter().any(|f| f.code == "cold-start-exposure" && f.severity <= findings::Severity::High)
    );
    assert!(found.safe.iter().all(|x| x.id != "min-instances-0"));
}

#[test]
fn standard_tier_turns_off_what_needs_premium() {
    let s = preset("phase2-10-customers").unwrap();
    let found = savings(&s).unwrap();
    let tier = found.safe.iter().find(|x| x.id == "standard-tier").unwrap();
    let paths: Vec<&str> = tier.changes.iter().map(|c| c.path).collect();
    assert_eq!(paths, ["network.cdn", "network.loadBalancer", "network.tier"]);
    let after = evaluate(&applied(&s, tier)).unwrap();
    assert!(after.findings.iter().all(|f| f.code != "cdn-needs-premium-tier"));
    assert!(tier.risk.as_deref().unwrap().starts_with("Standard Tier: traffic crosses the public internet"));
}

#[test]
fn an_applied_saving_is_not_listed_again() {
    // Week 9 without warm instances, on Standard Tier: every saving applied is found no more.
    let mut s = preset("week9-baseline").unwrap();
    s.cloud_run.min_instances = 0;
    s.network.tier = NetworkTier::Standard;
    let found = savings(&s).unwrap();
    for saving in all_of(&found) {
        let mut changed = applied(&s, saving);
        assert!(total(&changed) < total(&s));
        // Applying it again lists it no more.
        changed = applied(&changed, saving);
        assert!(all_of(&savings(&changed).unwrap()).all(|x| x.id != saving.id), "{}", saving.id);
    }
}

#[test]
fn an_invalid_scenario_is_refused() {
    let mut s = preset("week9-baseline").unwrap();
    s.cloud_run.vcpu = 3.0;
    assert!(savings(&s).unwrap_err().to_string().starts_with("cloudRun.vcpu = 3"));
}

#[test]
fn savings_that_break_a_stated_requirement_are_never_safe() {
    // Phase 2 states 3 regions, 2 warm instances a region and multi-region Firestore.
    let s = preset("phase2-10-customers").unwrap();
    let found = savings(&s).unwrap();
    let names = |x: &Saving| x.breaks.join("; ");
    for (family, requirement) in [
        ("regions-", "the requirement is at least 3"),
        ("min-instances-", "the requirement is at least 2"),
        ("firestore-regional", "the requirement is multi-region"),
    ] {
        assert!(found.safe.iter().all(|x| !x.id.starts_with(family)), "{family} listed as safe");
        let risky = found.risky.iter().find(|x| x.id.starts_with(family)).unwrap_or_else(|| panic!("{family}"));
        assert!(risky.breaks.iter().any(|b| b.contains(requirement)), "{}: {}", risky.id, names(risky));
    }
    // Without the requirements the same changes break nothing else: they are safe.
    let mut free = s.clone();
    free.requirements = Requirements {
        min_regions: 1,
        min_warm_instances: 0,
        max_cpu_at_peak_pct: 100.0,
        multi_region_firestore: false,
    };
    let found = savings(&free).unwrap();
    for family in ["regions-", "min-instances-", "firestore-regional"] {
        assert!(found.safe.iter().any(|x| x.id.starts_with(family)), "{family}");
    }
    // A CPU ceiling: a shape with fewer vCPUs that passes it is risky, naming it.
    let mut capped = preset("phase1-3-customers").unwrap();
    capped.requirements.max_cpu_at_peak_pct = 20.0;
    let found = savings(&capped).unwrap();
    let shape = found.risky.iter().find(|x| x.id.starts_with("shape-1-vcpu")).unwrap();
    assert!(shape.breaks.iter().any(|b| b.contains("the requirement is at most 20%")), "{}", names(shape));
    assert!(shape.cpu_at_peak_after_pct > 20.0);
}
