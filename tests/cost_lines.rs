//! Each cost line against arithmetic worked out by hand from the price book.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use headroom::model::*;

fn estimate(s: &Scenario) -> Estimate {
    evaluate(s).unwrap()
}

/// 10 QPS x 100 ms = 1 request in flight on 1 instance with 80 slots: busy 1 - e^-1 of the
/// time (M/G/inf). Billed: busy periods start at 10/s x P(empty) = 10 e^-1 a second, and each
/// is rounded up by E[min(R, G)] with R uniform on [0, 0.1 s) and G ~ Exp(10/s):
/// (x - 1 + e^-x) / x^2 x 0.1 s at x = 10 x 0.1 = 1, that is 0.1 e^-1 s. So the billed share is
/// 1 - e^-1 + 10 e^-1 x 0.1 e^-1 = 1 - e^-1 + e^-2 = 0.7675 (the simulator in
/// `tests/simulate.rs` checks the rule).
fn billed_share() -> f64 {
    1.0 - (-1.0_f64).exp() + (-2.0_f64).exp()
}

#[test]
fn request_billing_charges_active_time_and_requests() {
    let e = estimate(&flat());
    assert_eq!(e.sizing.instances_at_peak, 1);
    let busy = 1.0 - (-1.0_f64).exp();
    assert!((e.sizing.busy_instance_hours_per_month - MONTH_S * busy / 3600.0).abs() < 1e-9);
    assert_eq!(
        line(&e, "Cloud Run CPU, active (each busy period rounded up to 100 ms)"),
        Some(cents(MONTH_S * billed_share() * 1.0 * 0.000024))
    );
    assert_eq!(
        line(&e, "Cloud Run memory, active (each busy period rounded up to 100 ms)"),
        Some(cents(MONTH_S * billed_share() * 1.0 * 0.0000025))
    );
    // 10 QPS for a month: 26.28 million requests at 0.40 USD per million = 10.512 USD.
    assert_eq!(line(&e, "Cloud Run requests"), Some(1051));
    assert_eq!(line(&e, "Cloud Run CPU, idle min instances"), None, "no min instances, nothing idle");
}

#[test]
fn idle_min_instances_are_billed_at_the_idle_rate() {
    let mut s = flat();
    s.cloud_run.min_instances = 2;
    let e = estimate(&s);
    // Two instances share 1 request in flight: each takes 5/s and is busy 1 - e^-0.5. At
    // x = 5 x 0.1 = 0.5 each busy period is rounded up by 0.1 (0.5 - 1 + e^-0.5) / 0.25
    // = 0.4 (e^-0.5 - 0.5) s, and 5 e^-0.5 start a second: billed
    // 1 - e^-0.5 + 2 e^-0.5 (e^-0.5 - 0.5) = 1 - 2 e^-0.5 + 2 e^-1 = 0.5226 each.
    let active = 2.0 * (1.0 - 2.0 * (-0.5_f64).exp() + 2.0 * (-1.0_f64).exp());
    assert_eq!(
        line(&e, "Cloud Run CPU, active (each busy period rounded up to 100 ms)"),
        Some(cents(MONTH_S * active * 0.000024))
    );
    assert_eq!(line(&e, "Cloud Run CPU, idle min instances"), Some(cents(MONTH_S * (2.0 - active) * 0.0000025)));
    assert_eq!(line(&e, "Cloud Run memory, idle min instances"), Some(cents(MONTH_S * (2.0 - active) * 0.0000025)));
}

#[test]
fn busy_time_respects_the_concurrency_limit() {
    let mut s = flat();
    s.cloud_run.max_concurrency = 1;
    let e = estimate(&s);
    // 1 request in flight, 1 slot an instance at 60%: ceil(1 / 0.6) = 2 instances, each an
    // M/G/1 queue at 5/s x 100 ms = 0.5: busy half the time, together 1 = L / concurrency
    // (the old n(1 - e^(-L/n)) gave 2(1 - e^-0.5) = 0.787, less than the work itself).
    assert_eq!(e.sizing.instances_at_peak, 2);
    assert!((e.sizing.busy_instance_hours_per_month - MONTH_S / 3600.0).abs() < 1e-9);
    // Rounding: P(empty) = 0.5, 2.5 busy periods a second, each + 0.4 (e^-0.5 - 0.5) s.
    let billed = 2.0 * (0.5 + 2.5 * 0.4 * ((-0.5_f64).exp() - 0.5));
    assert_eq!(
        line(&e, "Cloud Run CPU, active (each busy period rounded up to 100 ms)"),
        Some(cents(MONTH_S * billed * 0.000024))
    );
}

/// The flat scenario with 30 ms requests: 0.3 in flight on 1 instance of 80 slots.
fn short_requests(rounding: Rounding) -> Estimate {
    let mut s = flat();
    (s.cloud_run.service_time_p50_ms, s.cloud_run.service_time_p95_ms) = (30.0, 30.0);
    s.cloud_run.billing_rounding = rounding;
    estimate(&s)
}

#[test]
fn the_rounding_rule_is_a_choice_named_in_the_lines() {
    // Busy 1 - e^-0.3 of the time (M/G/inf at 10/s x 30 ms).
    let busy = 1.0 - (-0.3_f64).exp();
    let cpu = |share: f64| Some(cents(MONTH_S * share * 0.000024));
    // Not rounded: the busy time.
    let e = short_requests(Rounding::None);
    assert_eq!(line(&e, "Cloud Run CPU, active (not rounded)"), cpu(busy));
    // Each busy period: 10 e^-0.3 start a second, each rounded up by (x - 1 + e^-x) / x^2 x
    // 0.1 s at x = 10 x 0.1 = 1, that is 0.1 e^-1 s: 1 - e^-0.3 + e^-1.3 = 0.5318.
    let e = short_requests(Rounding::PerBusyPeriod);
    let per_period = busy + (-1.3_f64).exp();
    assert_eq!(line(&e, "Cloud Run CPU, active (each busy period rounded up to 100 ms)"), cpu(per_period));
    // Each request: 30 ms billed as 100 ms, so the instance is billed while any of 10/s x
    // 100 ms = 1 rounded request runs: 1 - e^-1 = 0.6321.
    let e = short_requests(Rounding::PerRequest);
    let per_request = 1.0 - (-1.0_f64).exp();
    assert_eq!(line(&e, "Cloud Run CPU, active (each request rounded up to 100 ms)"), cpu(per_request));
    assert!(busy < per_period && per_period < per_request);
}

/// Flat at 100 ms and 100 vCPU-ms a request, but 6 peak hours at 15 QPS and 18 at 3 QPS
/// (a mean of 6): 1.5 vCPU at peak needs ceil(1.5 / 0.6) = 3 instances, 0.3 vCPU off peak 1.
fn two_stretches(billing: Billing) -> Estimate {
    let mut s = flat();
    let p = &mut s.customers[0].profile;
    (p.peak_qps, p.avg_qps, p.peak_hours_per_day, p.cpu_ms_per_request) = (15.0, 6.0, 6.0, 100.0);
    (s.cloud_run.billing, s.cloud_run.cold_start_s) = (billing, 120.0);
    estimate(&s)
}

#[test]
fn instances_are_billed_while_they_start() {
    // Each day 2 instances start when the peak begins, 120 s each: 240 s a day, 7,300 s in a
    // 730-hour month, spread over the 6 peak hours.
    let e = two_stretches(Billing::Request);
    let p = &e.sizing.profile;
    assert_eq!((p[0].instances_per_region, p[1].instances_per_region), (3, 1));
    assert!((p[0].starting_instances_per_region - 240.0 / (6.0 * 3600.0)).abs() < 1e-15);
    assert_eq!(p[1].starting_instances_per_region, 0.0);
    let start_s = 240.0 * 730.0 / 24.0;
    assert!((e.sizing.starting_instance_hours_per_month * 3600.0 - start_s).abs() < 1e-6);
    // At the active rate: 7,300 vCPU-s x 0.000024 = 0.1752 USD, 7,300 GiB-s x 0.0000025.
    assert_eq!(line(&e, "Cloud Run CPU, instances starting"), Some(18));
    assert_eq!(line(&e, "Cloud Run memory, instances starting"), Some(2));
    // Instance-based: at 0.000018 and 0.000002.
    let e = two_stretches(Billing::Instance);
    assert_eq!(line(&e, "Cloud Run CPU, instances starting"), Some(13));
    assert_eq!(line(&e, "Cloud Run memory, instances starting"), Some(1));
    // A flat day starts no instance.
    assert_eq!(line(&estimate(&flat()), "Cloud Run CPU, instances starting"), None);
}

#[test]
fn cpu_bounds_instances_and_capacity() {
    let mut s = flat();
    s.customers[0].profile.cpu_ms_per_request = 150.0;
    let e = estimate(&s);
    // 10 QPS x 150 ms = 1.5 vCPU; 1 vCPU at 60% = 0.6 an instance: ceil(2.5) = 3 instances,
    // 50% CPU at peak. Slots alone would need 1 (1 in flight, 48 a slot-full instance).
    assert_eq!(e.sizing.instances_at_peak, 3);
    assert!((e.sizing.cpu_utilization_at_peak - 0.5).abs() < 1e-12);
    // Per instance 1 / 0.15 = 6.67 QPS flat out (slots: 80 / 0.1 s = 800): CPU binds.
    // 10 instances at 60%: 40 QPS.
    assert_eq!(e.sizing.capacity_bound, sizing::Bound::Cpu);
    assert!((e.sizing.capacity_qps - 40.0).abs() < 1e-9);
    assert!((e.sizing.saturation_qps - 10.0 / 0.15).abs() < 1e-9);
}

#[test]
fn instance_billing_charges_all_instance_time_and_no_requests() {
    let mut s = flat();
    s.cloud_run.billing = Billing::Instance;
    s.cloud_run.min_instances = 1;
    let e = estimate(&s);
    // 1 instance all month, 1 vCPU at 0.000018 and 1 GiB at 0.000002.
    assert_eq!(line(&e, "Cloud Run CPU, instance-based"), Some(cents(MONTH_S * 0.000018)));
    assert_eq!(line(&e, "Cloud Run memory, instance-based"), Some(cents(MONTH_S * 0.000002)));
    assert_eq!(line(&e, "Cloud Run requests"), None);
}

#[test]
fn firestore_operations_and_storage_regional_and_multi_region() {
    let e = estimate(&flat());
    // 100,000 reads a day for 30.4167 days at 0.03 USD per 100,000 = 0.9125 USD.
    assert_eq!(line(&e, "Firestore document reads"), Some(91));
    // 50,000 writes a day: 1,520,833 at 0.09 per 100,000 = 1.36875 USD.
    assert_eq!(line(&e, "Firestore document writes"), Some(137));
    assert_eq!(line(&e, "Firestore document deletes"), Some(3));
    // 10 GB = 9.3132 GiB at 0.15 = 1.397 USD.
    assert_eq!(line(&e, "Firestore stored data"), Some(140));

    let mut s = flat();
    s.firestore.location = FirestoreLocation::MultiRegion;
    let e = estimate(&s);
    assert_eq!(line(&e, "Firestore document reads"), Some(cents(100_000.0 * MONTH_DAYS / 1e5 * 0.06)));
    assert_eq!(line(&e, "Firestore document writes"), Some(cents(50_000.0 * MONTH_DAYS / 1e5 * 0.18)));
    assert_eq!(line(&e, "Firestore stored data"), Some(cents(10.0 * GIB_PER_GB * 0.18)));
}

#[test]
fn firestore_free_quota_pitr_and_backups() {
    let mut s = flat();
    s.operations.free_tiers = true;
    s.firestore.pitr = true;
    s.firestore.backup_retention_days = 7;
    let e = estimate(&s);
    // 50,000 free reads a day of the 100,000.
    assert_eq!(line(&e, "Firestore free quota, reads"), Some(-cents(50_000.0 * MONTH_DAYS / 1e5 * 0.03)));
    // 20,000 free writes a day.
    assert_eq!(line(&e, "Firestore free quota, writes"), Some(-cents(20_000.0 * MONTH_DAYS / 1e5 * 0.09)));
    // 1 GiB of storage free.
    assert_eq!(line(&e, "Firestore free quota, stored data"), Some(-15));
    assert_eq!(line(&e, "Firestore point-in-time recovery"), Some(cents(10.0 * GIB_PER_GB * 0.15)));
    assert_eq!(line(&e, "Firestore daily backups (full copies kept)"), Some(cents(7.0 * 10.0 * GIB_PER_GB * 0.03)));
}

#[test]
fn premium_egress_is_tiered() {
    let e = estimate(&flat());
    // 2,000 GB = 1,862.65 GiB: 1,024 at 0.12, the rest at 0.11.
    let gib = 2_000.0 * GIB_PER_GB;
    assert_eq!(line(&e, "Internet egress, Premium, first tier"), Some(12_288));
    assert_eq!(line(&e, "Internet egress, Premium, second tier"), Some(cents((gib - 1024.0) * 0.11)));
    assert_eq!(line(&e, "Internet egress, Premium, third tier"), None);

    let mut s = flat();
    s.customers[0].profile.egress_gb_per_month = 20_000.0; // 18,626 GiB: into the third tier
    let e = estimate(&s);
    assert_eq!(line(&e, "Internet egress, Premium, second tier"), Some(cents(9_216.0 * 0.11)));
    assert_eq!(
        line(&e, "Internet egress, Premium, third tier"),
        Some(cents((20_000.0 * GIB_PER_GB - 10_240.0) * 0.08))
    );
}

#[test]
fn standard_tier_egress_with_its_free_allowance() {
    let mut s = flat();
    s.network.tier = NetworkTier::Standard;
    s.operations.free_tiers = true;
    let e = estimate(&s);
    assert_eq!(line(&e, "Internet egress, Standard, first tier"), Some(cents(2_000.0 * GIB_PER_GB * 0.085)));
    assert_eq!(line(&e, "Standard Tier free egress"), Some(-1700)); // 200 GiB at 0.085

    s.customers[0].profile.egress_gb_per_month = 20_000.0; // 18,626.5 GiB: above 10 TiB
    let e = estimate(&s);
    assert_eq!(line(&e, "Internet egress, Standard, first tier"), Some(87_040)); // 10,240 x 0.085
    assert_eq!(
        line(&e, "Internet egress, Standard, second tier"),
        Some(cents((20_000.0 * GIB_PER_GB - 10_240.0) * 0.065))
    );
}

#[test]
fn cdn_bills_cacheable_responses_as_cache_egress() {
    let mut s = flat();
    s.network.load_balancer = LoadBalancer::Global;
    s.network.cdn = true;
    (s.network.cdn_cacheable_share, s.network.cdn_hit_ratio, s.network.cdn_lookup_share) = (0.5, 0.8, 0.6);
    let e = estimate(&s);
    // 2,000 GB = 1,862.65 GiB: half cacheable, served as cache egress, hits and misses alike;
    // the other half is internet egress from the origin.
    let half = 1_000.0 * GIB_PER_GB;
    assert_eq!(line(&e, "Internet egress, Premium, first tier"), Some(cents(half * 0.12)));
    assert_eq!(line(&e, "Cloud CDN cache egress, first tier"), Some(cents(half * 0.08)));
    // Misses, 20% of the cacheable half, are filled from the origin.
    assert_eq!(line(&e, "Cloud CDN cache fill (misses)"), Some(cents(half * 0.2 * 0.01)));
    // 26.28 million requests, 60% GET or HEAD: 15.768 million lookups at 0.0075 per 10,000.
    assert_eq!(line(&e, "Cloud CDN cache lookups (GET and HEAD)"), Some(1183)); // 11.826 USD
    // Hits (0.5 x 0.8 = 40% of responses) skip the load balancer; the other 60% pass it.
    assert_eq!(line(&e, "Load balancer data processed, outbound"), Some(cents(2.0 * half * 0.6 * 0.008)));
    let inbound_gib = 10.0 * MONTH_S * 2.0 * 1024.0 / 1_073_741_824.0 * 0.6;
    assert_eq!(line(&e, "Load balancer data processed, inbound"), Some(cents(inbound_gib * 0.008)));
    // Hits never reach Cloud Run: it serves the other 60%, 6 QPS x 100 ms = 0.6 in flight on
    // 1 instance, busy 1 - e^-0.6; busy periods start at 6 e^-0.6 a second, each rounded up
    // by 0.1 (0.6 - 1 + e^-0.6) / 0.36 s; 15.768 million requests at 0.40 USD per million.
    assert!((e.sizing.origin_share - 0.6).abs() < 1e-12);
    let idle = (-0.6_f64).exp();
    let billed = 1.0 - idle + 6.0 * idle * 0.1 * (0.6 - 1.0 + idle) / 0.36;
    assert_eq!(
        line(&e, "Cloud Run CPU, active (each busy period rounded up to 100 ms)"),
        Some(cents(MONTH_S * billed * 0.000024))
    );
    assert_eq!(line(&e, "Cloud Run requests"), Some(cents(6.0 * MONTH_S / 1e6 * 0.40)));
}

/// Phase 2's Cloud Run lines by hand, with the CDN serving 45% of requests (half of the
/// responses cacheable, 90% of those hits) so that Cloud Run sees 55%.
#[test]
fn phase2_bills_cloud_run_for_origin_requests_only() {
    let s = preset("phase2-10-customers").unwrap();
    let e = estimate(&s);
    // Peak: 50 + 40 + 35 + 7 x 45 = 440 QPS for 2 hours; mean 15 + 12 + 10.5 + 7 x 13.5 = 132,
    // so (24 x 132 - 2 x 440) / 22 = 104 QPS for 22 hours. 55% reach Cloud Run: 242 and 57.2,
    // over 3 regions of 2 warm instances (enough: 80.7 QPS x 6 ms = 0.48 vCPU of 1.2 at 60%).
    let origin = [(2.0, 440.0 * 0.55), (22.0, 104.0 * 0.55)];
    let mean_s = seed_service().mean_s;
    let (mut active_s, mut idle_s, mut requests) = (0.0, 0.0, 0.0);
    for (hours, qps) in origin {
        let month_share = hours / 24.0 * MONTH_S;
        // Each of the 6 instances takes qps / 6; 30 slots for about 2.3 erlangs at most: busy
        // 1 - e^-a (M/M/30 differs by less than 1e-15), and the 100 ms rounding as above.
        let lambda = qps / 6.0;
        let p0 = (-lambda * mean_s).exp();
        let x = lambda * 0.1;
        let billed = 1.0 - p0 + lambda * p0 * 0.1 * (x - 1.0 + (-x).exp()) / (x * x);
        active_s += 6.0 * billed * month_share;
        idle_s += 6.0 * (1.0 - billed) * month_share;
        requests += qps * month_share;
    }
    let million = requests / 1e6;
    let want = cents(active_s * 2.0 * 0.000024)
        + cents(active_s * 0.0000025)
        + cents(idle_s * 2.0 * 0.0000025)
        + cents(idle_s * 0.0000025)
        + cents(million * 0.40)
        - cents(180_000.0 * 0.000024)
        - cents(360_000.0 * 0.0000025)
        - cents(2.0 * 0.40);
    let run = e.components.iter().find(|c| c.component == cost::Component::CloudRun).unwrap().amount_cents;
    assert_eq!(run, want);
    // 63,390 with the lognormal through p50 and p95 alone (mean 57.6 ms); 82,015 with every
    // request billed on Cloud Run.
    assert_eq!(run, 64_621);
    assert!((e.sizing.origin_requests_per_month - requests).abs() < 1e-3);
}

/// Phase 2's lines at prices the book marks `"confirmed": false`, worked out by hand: 19.5 GB
/// stored (2 + 2 + 1.5 + 7 x 2) at the multi-region 0.18 USD per GiB-month, less its free GiB;
/// 4,000 GB of egress, half cacheable, 10% of that filled from the origin at 0.01 USD per GiB;
/// Cloud Armor's 1 policy (5 USD), 2 rules (1 USD each) and the 55% of 132 mean QPS that miss
/// the cache at 0.75 USD per million; 1 GB of Redis Standard (band M1) for 730 hours at 0.064.
/// Everything else Phase 2 buys is at confirmed prices.
#[test]
fn phase2_cost_on_unconfirmed_prices() {
    let s = preset("phase2-10-customers").unwrap();
    let e = estimate(&s);
    let stored_gib = 19.5 * GIB_PER_GB;
    let fill_gib = 4_000.0 * 0.5 * 0.1 * GIB_PER_GB;
    let armor_millions = 132.0 * 0.55 * MONTH_S / 1e6;
    let hand = [
        ("Firestore stored data", cents(stored_gib * 0.18)),
        ("Firestore free quota, stored data", -cents(1.0 * 0.18)),
        ("Cloud CDN cache fill (misses)", cents(fill_gib * 0.01)),
        ("Cloud Armor policies", 500),
        ("Cloud Armor rules", 200),
        ("Cloud Armor requests (backend policy: requests reaching the backend)", cents(armor_millions * 0.75)),
        ("Memorystore for Redis, Standard", cents(730.0 * 0.064)),
    ];
    for (label, amount) in hand {
        assert_eq!(line(&e, label), Some(amount), "{label}");
    }
    let want: i64 = hand.iter().map(|&(_, amount)| amount).sum();
    assert_eq!(want, 20_176); // the $201.76 of issue 16, unchanged by billing Cloud Run for origin requests only
    let u = &e.unconfirmed;
    assert_eq!(u.cents, want);
    let pct = u.pct.unwrap();
    assert!((pct - want as f64 * 100.0 / e.totals.monthly_cost_cents as f64).abs() < 1e-12, "{pct}");
    let ids: Vec<&str> = u.prices.iter().map(|id| id.as_str()).collect();
    let book =
        ["firestoreStorageMultiRegion", "cdnCacheFill", "armorPolicy", "armorRule", "armorRequests", "redisStandardM1"];
    assert_eq!(ids, book);
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(json["unconfirmed"]["prices"], serde_json::json!(book));
}

#[test]
fn an_override_confirms_its_price() {
    let mut s = preset("phase2-10-customers").unwrap();
    let before = estimate(&s);
    // The book's own value, but as the user's price: the same bill, without its requests line.
    s.price_overrides.set("armorRequests", 0.75);
    let e = estimate(&s);
    assert_eq!(e.totals, before.totals);
    let requests = line(&e, "Cloud Armor requests (backend policy: requests reaching the backend)").unwrap();
    assert_eq!(e.unconfirmed.cents, before.unconfirmed.cents - requests);
    assert!(!e.unconfirmed.prices.contains(&PriceId::ArmorRequests));
    assert_eq!(e.unconfirmed.prices.len(), before.unconfirmed.prices.len() - 1);
    // Overriding every unconfirmed price leaves nothing unconfirmed.
    for id in before.unconfirmed.prices.iter().map(|id| id.as_str()) {
        let value = PriceBook::find(&s.price_book).unwrap().entry(PriceId::from_id(id).unwrap()).value;
        s.price_overrides.set(id, value);
    }
    let e = estimate(&s);
    assert_eq!((e.unconfirmed.cents, e.unconfirmed.pct, e.unconfirmed.prices.len()), (0, Some(0.0), 0));
}

#[test]
fn cdn_finding_uses_the_marginal_difference() {
    let mut s = preset("phase2-10-customers").unwrap();
    let with = estimate(&s);
    s.network.cdn = false;
    let without = estimate(&s);
    let f = with.findings.iter().find(|f| f.code.starts_with("cdn-")).unwrap();
    let cdn_usd = with.components.iter().find(|c| c.component == cost::Component::Cdn).unwrap().amount_cents;
    // figure: the CDN lines; threshold: what the other lines drop by. Their difference is
    // exactly the difference of the two totals.
    assert!((f.figure - cdn_usd as f64 / 100.0).abs() < 1e-9);
    let saving = (without.totals.monthly_cost_cents - with.totals.monthly_cost_cents) as f64 / 100.0;
    assert!((f.threshold - f.figure - saving).abs() < 1e-9, "{f:?} vs {saving}");
}

#[test]
fn cloud_armor_per_policy_rule_and_request() {
    let mut s = flat();
    (s.network.armor_policies, s.network.armor_rules) = (1, 3);
    let e = estimate(&s);
    assert_eq!(line(&e, "Cloud Armor policies"), Some(500)); // 1 x 5 USD
    assert_eq!(line(&e, "Cloud Armor rules"), Some(300)); // 3 x 1 USD
    assert_eq!(line(&e, "Cloud Armor requests (backend policy: requests reaching the backend)"), Some(1971)); // 26.28 million x 0.75 USD
    // Cache hits are not evaluated: with 40% hits, 15.768 million requests at 0.75 USD.
    s.network.load_balancer = LoadBalancer::Global;
    s.network.cdn = true;
    (s.network.cdn_cacheable_share, s.network.cdn_hit_ratio) = (0.5, 0.8);
    assert_eq!(line(&estimate(&s), "Cloud Armor requests (backend policy: requests reaching the backend)"), Some(1183)); // 11.826 USD
    // An edge policy is evaluated before the cache: all 26.28 million requests, hits too.
    s.network.armor_policy_type = ArmorPolicyType::Edge;
    let e = estimate(&s);
    assert_eq!(line(&e, "Cloud Armor requests (edge policy: every request, cache hits too)"), Some(1971));
    assert_eq!(line(&e, "Cloud Armor requests (backend policy: requests reaching the backend)"), None);
}

#[test]
fn load_balancer_rules_and_data_processed() {
    let mut s = flat();
    s.network.forwarding_rules = 7;
    let e = estimate(&s);
    assert_eq!(line(&e, "Forwarding rules (first 5)"), Some(1825)); // 730 h x 0.025
    assert_eq!(line(&e, "Forwarding rules beyond 5"), Some(1460)); // 2 x 730 h x 0.01
    // 26.28 million requests of 2 KiB in.
    let inbound_gib = 10.0 * MONTH_S * 2.0 * 1024.0 / 1_073_741_824.0;
    assert_eq!(line(&e, "Load balancer data processed, inbound"), Some(cents(inbound_gib * 0.008)));
}

#[test]
fn redis_is_priced_by_capacity_band() {
    let mut s = flat();
    s.redis.enabled = true;
    let e = estimate(&s);
    assert_eq!(line(&e, "Memorystore for Redis, Basic"), Some(3577)); // 1 GB x 730 h x 0.049
    s.redis.size_gb = 5.0;
    s.redis.tier = RedisTier::Standard;
    let e = estimate(&s);
    assert_eq!(line(&e, "Memorystore for Redis, Standard"), Some(cents(5.0 * 730.0 * 0.054)));
}

#[test]
fn redis_absorbs_firestore_reads() {
    let mut s = flat();
    s.redis.enabled = true;
    s.redis.read_absorption = 0.5;
    let e = estimate(&s);
    assert_eq!(line(&e, "Firestore document reads"), Some(cents(50_000.0 * MONTH_DAYS / 1e5 * 0.03)));
}

#[test]
fn logging_and_metrics() {
    let mut s = flat();
    s.operations.log_bytes_per_request = 4096.0;
    s.operations.metrics_mib_per_month = 150_000.0;
    s.operations.free_tiers = true;
    let e = estimate(&s);
    let logs_gib = 10.0 * MONTH_S * 4096.0 / 1_073_741_824.0; // 100.3 GiB
    assert_eq!(line(&e, "Cloud Logging ingestion"), Some(cents(logs_gib * 0.5)));
    assert_eq!(line(&e, "Cloud Logging free allotment"), Some(-2500)); // 50 GiB
    assert_eq!(line(&e, "Cloud Monitoring metrics, first tier"), Some(2_580_000)); // 100,000 MiB x 0.258
    assert_eq!(line(&e, "Cloud Monitoring metrics, second tier"), Some(755_000)); // 50,000 x 0.151
    assert_eq!(line(&e, "Cloud Monitoring free metrics"), Some(-3870)); // 150 MiB x 0.258
}

#[test]
fn committed_use_discount_on_a_flat_load() {
    let mut s = flat();
    s.discounts.cud = CudTerm::OneYear;
    s.discounts.cud_coverage = 1.0;
    let e = estimate(&s);
    let run_usd: f64 = e
        .line_items
        .iter()
        .filter(|l| l.component == cost::Component::CloudRun)
        .map(|l| l.quantity * l.unit_price_usd)
        .sum();
    // A flat load: steady spend is all spend, so the commitment covers all of it at 17% off.
    let covered = line(&e, "Cloud Run usage covered by the commitment").unwrap();
    let fee = line(&e, "Committed use fee (17% off committed spend)").unwrap();
    assert!((covered as f64 + run_usd * 100.0).abs() <= 1.0, "covered {covered} vs run {run_usd}");
    assert!((fee as f64 - run_usd * 83.0).abs() <= 1.0, "fee {fee}");
    let c = e.commitment.unwrap();
    assert!(c.unused_usd_per_month.abs() < 1e-6);
    assert!(!e.findings.iter().any(|f| f.code == "cud-above-steady-usage"));

    s.discounts.cud = CudTerm::ThreeYear;
    s.cloud_run.billing = Billing::Instance;
    let e = estimate(&s);
    assert_eq!(e.commitment.unwrap().discount_pct, 46.0);
}

#[test]
fn request_based_commitments_are_bought_per_region() {
    let mut s = flat();
    s.cloud_run.regions = vec!["us-central1".into(), "us-east1".into()];
    s.discounts.cud = CudTerm::OneYear;
    let e = estimate(&s);
    // Each region takes 5 of the 10 QPS on 1 instance: 0.5 in flight, billed
    // 1 - 2 e^-0.5 + 2 e^-1 = 0.5226 of the time (busy periods rounded up to 100 ms), at
    // 1 vCPU x 0.000024 + 1 GiB x 0.0000025 a second, and 5 requests a second at 0.40 USD per
    // million: 0.0571 USD an hour, flat, so each region commits that much.
    let billed = 1.0 - 2.0 * (-0.5_f64).exp() + 2.0 * (-1.0_f64).exp();
    let region_usd_per_hour = (billed * (0.000024 + 0.0000025) + 5.0 * 0.4e-6) * 3600.0;
    let c = e.commitment.unwrap();
    assert_eq!(c.commitments, 2);
    assert!((c.committed_usd_per_hour / 2.0 - region_usd_per_hour).abs() < 1e-12);
    assert!(c.unused_usd_per_month.abs() < 1e-9);
    // Two commitments of 0.0571 USD an hour cost 2 x 730 x 0.0571 x 83%.
    let fee = line(&e, "Committed use fee (17% off committed spend, one in each of 2 regions)");
    assert_eq!(fee, Some(cents(2.0 * 730.0 * region_usd_per_hour * 0.83)));
    // Instance-based billing's flexible commitment applies in any region: one.
    s.cloud_run.billing = Billing::Instance;
    s.cloud_run.min_instances = 1;
    assert_eq!(estimate(&s).commitment.unwrap().commitments, 1);
}

#[test]
fn the_commitment_counts_only_spend_the_free_tier_leaves() {
    let mut s = flat();
    s.operations.free_tiers = true;
    s.discounts.cud = CudTerm::OneYear;
    let e = estimate(&s);
    let run = |sign: i64| -> i64 {
        e.line_items
            .iter()
            .filter(|l| l.component == cost::Component::CloudRun && l.amount_cents.signum() == sign)
            .map(|l| l.amount_cents)
            .sum()
    };
    // A flat load: the commitment covers all the spend the free tier leaves, no more.
    let net = run(1) + run(-1);
    let covered = line(&e, "Cloud Run usage covered by the commitment").unwrap();
    assert!((covered + net).abs() <= 2, "covered {covered} vs net {net}");
}

#[test]
fn a_commitment_above_steady_use_is_paid_for_unused() {
    let mut s = flat();
    s.discounts.cud = CudTerm::OneYear;
    s.discounts.cud_coverage = 1.5;
    let e = estimate(&s);
    let c = e.commitment.unwrap();
    assert!((c.unused_usd_per_month - 0.5 * c.steady_usd_per_hour * 730.0).abs() < 1e-6);
    assert!(e.findings.iter().any(|f| f.code == "cud-above-steady-usage"));
}

#[test]
fn negotiated_discount_and_fixed_lines() {
    let mut s = flat();
    s.operations.fixed_lines = vec![FixedLine { label: "Misc".into(), monthly_usd: 10.0 }];
    s.discounts.negotiated_pct = 10.0;
    let e = estimate(&s);
    assert_eq!(line(&e, "Misc"), Some(1000));
    let before: i64 =
        e.line_items.iter().filter(|l| l.component != cost::Component::Discount).map(|l| l.amount_cents).sum();
    assert_eq!(line(&e, "Negotiated discount (10%)"), Some(-cents(before as f64 / 100.0 * 0.1)));
    // The negotiated line is tagged as such; the commitment's lines, discounts in USD too, are not.
    s.discounts.cud = CudTerm::OneYear;
    let e = estimate(&s);
    let discounts: Vec<(&str, &str, bool)> = e
        .line_items
        .iter()
        .filter(|l| l.component == cost::Component::Discount)
        .map(|l| (&*l.label, l.unit, l.is_negotiated()))
        .collect();
    assert_eq!(
        discounts,
        [
            ("Cloud Run usage covered by the commitment", "USD on demand", false),
            ("Committed use fee (17% off committed spend)", "USD committed", false),
            ("Negotiated discount (10%)", "USD", true),
        ]
    );
}

#[test]
fn price_overrides_win_over_the_book() {
    let mut s = flat();
    s.price_overrides.set("runRequests", 1.0);
    let e = estimate(&s);
    assert_eq!(line(&e, "Cloud Run requests"), Some(2628)); // 26.28 million at 1 USD
    s.price_overrides.set("noSuchPrice", 1.0);
    let err = evaluate(&s).unwrap_err();
    assert_eq!(err.problems()[0].path, "priceOverrides.noSuchPrice");
}

#[test]
fn lines_add_up_to_the_total_and_components() {
    let e = estimate(&flat());
    let sum: i64 = e.line_items.iter().map(|l| l.amount_cents).sum();
    assert_eq!(sum, e.totals.monthly_cost_cents);
    assert_eq!(e.components.iter().map(|c| c.amount_cents).sum::<i64>(), sum);
}

#[test]
fn to_cents_rounds_half_away_from_zero_as_round_does() {
    use headroom::model::cost::to_cents;
    let mut usd = vec![0.005, -0.005, 0.015, 2.675, -4.325, 1e-300, 1e15, 4.5e16, -9.3e16, 1e300, -1e300];
    usd.extend([f64::INFINITY, f64::NEG_INFINITY, f64::NAN, f64::MAX, f64::MIN, 0.0, -0.0]);
    // A spread of magnitudes and every half-cent near them.
    let mut x: f64 = 1e-4;
    while x < 1e18 {
        for y in [x, x + 0.005, x * 1.37 + 0.0049999, x - 0.005] {
            usd.extend([y, -y, (y * 100.0).floor() / 100.0 + 0.005]);
        }
        x *= 1.9;
    }
    for u in usd {
        assert_eq!(to_cents(u), (u * 100.0).round() as i64, "{u}");
    }
}

/// The line called `label`.
fn item<'a>(e: &'a Estimate, label: &str) -> &'a cost::LineItem {
    e.line_items.iter().find(|l| l.label == label).unwrap_or_else(|| panic!("no line {label}"))
}

#[test]
fn a_free_allowance_names_the_lines_it_makes_free() {
    // Standard Tier with free tiers, 20,000 GB of egress: two egress tiers, 200 GiB free.
    let mut s = flat();
    s.network.tier = NetworkTier::Standard;
    s.operations.free_tiers = true;
    s.customers[0].profile.egress_gb_per_month = 20_000.0;
    let e = estimate(&s);
    let first = e.line_items.iter().position(|l| l.label == "Internet egress, Standard, first tier").unwrap();
    assert_eq!(e.line_items[first + 1].label, "Internet egress, Standard, second tier");
    let free = item(&e, "Standard Tier free egress");
    let (from, to) = (first as u32, first as u32 + 2);
    assert_eq!(free.basis, cost::Basis::Free { from, to, allowance: 200.0 });
    assert_eq!((free.quantity, free.unit_price_usd), (200.0, -0.085));
    // Firestore: 100,000 reads a day, 50,000 free: the allowance in the line's unit (100,000 reads).
    let reads = e.line_items.iter().position(|l| l.label == "Firestore document reads").unwrap() as u32;
    let allowance = 50_000.0 * MONTH_DAYS / 1e5;
    let free = item(&e, "Firestore free quota, reads");
    assert_eq!(free.basis, cost::Basis::Free { from: reads, to: reads + 1, allowance });
    assert_eq!(free.quantity, allowance.min(100_000.0 * MONTH_DAYS / 1e5));
    // Every other line is a charge of its own quantity at its own price.
    assert_eq!(item(&e, "Cloud Run requests").basis, cost::Basis::Charge);
}

#[test]
fn every_free_line_and_the_negotiated_discount_follow_their_basis() {
    for &name in preset_ids() {
        let mut s = preset(name).unwrap();
        s.operations.free_tiers = true;
        s.discounts.negotiated_pct = 12.5;
        let e = estimate(&s);
        for (i, l) in e.line_items.iter().enumerate() {
            match l.basis {
                cost::Basis::Charge => {}
                cost::Basis::Free { from, to, allowance } => {
                    let of = &e.line_items[from as usize..to as usize];
                    assert!(!of.is_empty() && (to as usize) <= i, "{name}: {}", l.label);
                    let used: f64 = of.iter().map(|o| o.quantity).sum();
                    assert!((l.quantity - used.min(allowance)).abs() <= 1e-9 * used.max(1.0), "{name}: {}", l.label);
                    assert_eq!(l.unit_price_usd, -of[0].unit_price_usd, "{name}: {}", l.label);
                }
                cost::Basis::Negotiated => {
                    let before: i64 = e.line_items[..i].iter().map(|o| o.amount_cents).sum();
                    assert_eq!(l.quantity, before as f64 / 100.0, "{name}");
                    assert_eq!(l.unit_price_usd, -0.125);
                }
            }
        }
        let frees = e.line_items.iter().filter(|l| matches!(l.basis, cost::Basis::Free { .. })).count();
        assert!(frees >= 5, "{name}: {frees} free lines");
    }
}
