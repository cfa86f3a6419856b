//! Properties over generated scenarios: the bill and the allocations add up exactly, cost never
//! falls as load or customers rise, and no input panics.
#![cfg(not(target_arch = "wasm32"))]

use headroom::model::allocation::largest_remainder;
use headroom::model::*;
use proptest::prelude::*;

fn profile() -> impl Strategy<Value = CustomerProfile> {
    (
        0.0..2_000.0_f64,
        0.0..=1.0_f64,
        0.5..=24.0_f64,
        0.0..1e7_f64,
        0.0..1e6_f64,
        0.0..1e5_f64,
        0.0..500.0_f64,
        0.0..20_000.0_f64,
        0.0..1e6_f64,
        0.0..50.0_f64,
    )
        .prop_map(|(peak, shape, hours, reads, writes, deletes, stored, egress, acv, cpu_ms)| {
            // Mean between peak x hours / 24 and peak, as validation demands.
            let floor = peak * hours / 24.0;
            CustomerProfile {
                peak_qps: peak,
                avg_qps: floor + shape * (peak - floor),
                peak_hours_per_day: hours,
                firestore_reads_per_day: reads,
                firestore_writes_per_day: writes,
                firestore_deletes_per_day: deletes,
                stored_gb: stored,
                egress_gb_per_month: egress,
                acv_usd: acv,
                cpu_ms_per_request: cpu_ms,
            }
        })
}

fn cohorts() -> impl Strategy<Value = Vec<Cohort>> {
    prop::collection::vec((1_u32..50, profile()), 1..6).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (count, profile))| Cohort::new(format!("Cohort {i}"), count, profile))
            .collect()
    })
}

/// Valid scenarios across the main switches.
fn scenario() -> impl Strategy<Value = Scenario> {
    let switches =
        (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>(), 0_u8..3, 0_u8..3, 1_usize..4);
    let shape = (
        1_u32..5,
        0_u32..3,
        10_u32..200,
        prop::sample::select(vec![1_u32, 8, 80, 250]),
        10.0..500.0_f64,
        0.0..=1.0_f64,
        0.0..=2.0_f64,
        0.0..50.0_f64,
    );
    let more =
        (1.0..4.0_f64, 0.0..=1.0_f64, 0.0..=1.0_f64, 0_u32..3, 0_u32..20, 0.0..3.0_f64, 0_usize..3, any::<bool>());
    (cohorts(), switches, shape, more).prop_map(|(customers, sw, sh, more)| {
        let mut s = preset("phase1-3-customers").unwrap();
        s.customers = customers;
        let (instance, multi, premium, cdn, free, cud, alloc, regions) = sw;
        let (vcpu_pick, min, max, concurrency, service_ms, hit, coverage, negotiated) = sh;
        s.cloud_run.billing = if instance { Billing::Instance } else { Billing::Request };
        s.cloud_run.vcpu = [1.0, 2.0, 4.0, 8.0][vcpu_pick as usize % 4];
        s.cloud_run.memory_gib = 4.0;
        (s.cloud_run.min_instances, s.cloud_run.max_instances) = (min, max);
        s.cloud_run.max_concurrency = concurrency;
        let (spread, lookups, cacheable, policies, rules, tail, rounding, edge) = more;
        (s.cloud_run.service_time_p50_ms, s.cloud_run.service_time_p95_ms) = (service_ms, service_ms * spread);
        // No p99 (below 1), or up to twice the lognormal's: a heavier tail.
        s.cloud_run.service_time_p99_ms = if tail < 1.0 {
            0.0
        } else {
            service::ServiceTime::lognormal_p99_ms(service_ms, service_ms * spread) * tail
        };
        s.cloud_run.billing_rounding = [Rounding::PerBusyPeriod, Rounding::None, Rounding::PerRequest][rounding];
        s.network.armor_policy_type = if edge { ArmorPolicyType::Edge } else { ArmorPolicyType::Backend };
        s.cloud_run.regions =
            ["us-central1", "us-east1", "us-west1"][..regions].iter().map(|r| r.to_string()).collect();
        s.firestore.location = if multi { FirestoreLocation::MultiRegion } else { FirestoreLocation::Regional };
        s.network.tier = if premium { NetworkTier::Premium } else { NetworkTier::Standard };
        s.network.load_balancer = LoadBalancer::Global;
        (s.network.cdn, s.network.cdn_hit_ratio) = (cdn, hit);
        (s.network.cdn_lookup_share, s.network.cdn_cacheable_share) = (lookups, lookups * cacheable);
        (s.network.armor_policies, s.network.armor_rules) = (policies, if policies == 0 { 0 } else { rules });
        s.operations.free_tiers = free;
        s.discounts.cud = [CudTerm::None, CudTerm::OneYear, CudTerm::ThreeYear][cud as usize];
        (s.discounts.cud_coverage, s.discounts.negotiated_pct) = (coverage, negotiated);
        s.allocation = [Allocation::Equal, Allocation::ByUsage, Allocation::ByAcv][alloc as usize];
        s
    })
}

/// The same scenario with discounts fixed at none (cost rising with load is about usage).
fn undiscounted(mut s: Scenario) -> Scenario {
    s.discounts.cud = CudTerm::None;
    s.discounts.negotiated_pct = 0.0;
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn lines_and_allocations_sum_to_the_total(s in scenario()) {
        let e = evaluate(&s).unwrap();
        let lines: i64 = e.line_items.iter().map(|l| l.amount_cents).sum();
        let shares: i64 = e.customers.iter().map(|c| c.allocated_monthly_cents).sum();
        prop_assert_eq!(lines, e.totals.monthly_cost_cents);
        prop_assert_eq!(shares, e.totals.monthly_cost_cents);
        prop_assert_eq!(e.components.iter().map(|c| c.amount_cents).sum::<i64>(), lines);
    }

    #[test]
    fn cost_never_falls_when_load_rises(s in scenario(), k in 1.0..4.0_f64) {
        let s = undiscounted(s);
        let before = evaluate(&s).unwrap().totals.monthly_cost_cents;
        let mut busier = s.clone();
        for c in &mut busier.customers {
            c.profile.peak_qps *= k;
            c.profile.avg_qps *= k;
            c.profile.egress_gb_per_month *= k;
            c.profile.firestore_reads_per_day *= k;
            c.profile.firestore_writes_per_day *= k;
        }
        prop_assume!(busier.validate().is_ok());
        // Each line is rounded to the cent on its own, so allow a cent per line.
        let after = evaluate(&busier).unwrap();
        prop_assert!(after.totals.monthly_cost_cents + after.line_items.len() as i64 >= before, "{} -> {}", before, after.totals.monthly_cost_cents);
    }

    #[test]
    fn cost_never_falls_when_customers_join(s in scenario(), extra in 1_u32..20) {
        let mut s = undiscounted(s);
        let before = evaluate(&s).unwrap().totals.monthly_cost_cents;
        let n = u32::try_from(s.customer_count()).unwrap() + extra;
        s.set_customer_count(n).unwrap();
        let after = evaluate(&s).unwrap();
        prop_assert!(after.totals.monthly_cost_cents + after.line_items.len() as i64 >= before);
    }

    #[test]
    fn largest_remainder_is_exact(total in -10_000_000_i64..10_000_000, weights in prop::collection::vec(0.0..1e6_f64, 1..20)) {
        let parts = largest_remainder(total, &weights);
        let positive = weights.iter().any(|&w| w > 0.0);
        prop_assert_eq!(parts.iter().sum::<i64>(), if positive { total } else { 0 });
        let sum: f64 = weights.iter().sum();
        for (p, w) in parts.iter().zip(&weights) {
            let exact = total as f64 * w / sum;
            prop_assert!(!positive || (*p as f64 - exact).abs() < 1.0 + 1e-6, "part {} vs exact {}", p, exact);
        }
    }

    #[test]
    fn the_cdn_saving_is_the_difference_of_the_two_totals(s in scenario()) {
        let mut s = s;
        s.network.cdn = true;
        let with = evaluate(&s).unwrap();
        let f = with.findings.iter().find(|f| f.code.starts_with("cdn-") && f.unit == "USD/month").unwrap();
        s.network.cdn = false;
        let without = evaluate(&s).unwrap().totals.monthly_cost_cents;
        let saving = (without - with.totals.monthly_cost_cents) as f64 / 100.0;
        prop_assert!((f.threshold - f.figure - saving).abs() < 1e-6, "{:?} vs {}", f, saving);
    }

    #[test]
    fn arbitrary_json_never_panics(json in arbitrary_json()) {
        let _ = Scenario::from_deserializer(&mut serde_json::Deserializer::from_str(&json)).map(|s| evaluate(&s));
    }

    #[test]
    fn mangled_scenarios_never_panic(s in scenario(), field in 0_usize..15, value in prop_oneof![Just(f64::NAN), Just(f64::INFINITY), Just(-1.0), Just(0.0), Just(1e300), any::<f64>()]) {
        let mut s = s;
        let p = &mut s.customers[0].profile;
        match field {
            0 => p.peak_qps = value,
            1 => p.avg_qps = value,
            2 => p.peak_hours_per_day = value,
            3 => p.stored_gb = value,
            4 => p.egress_gb_per_month = value,
            5 => p.acv_usd = value,
            6 => s.cloud_run.vcpu = value,
            7 => s.cloud_run.memory_gib = value,
            8 => s.cloud_run.service_time_p50_ms = value,
            9 => s.cloud_run.target_utilization = value,
            10 => s.network.cdn_hit_ratio = value,
            11 => s.cloud_run.service_time_p95_ms = value,
            12 => p.cpu_ms_per_request = value,
            13 => s.network.cdn_cacheable_share = value,
            _ => s.discounts.cud_coverage = value,
        }
        if let Ok(e) = evaluate(&s) {
            prop_assert_eq!(e.line_items.iter().map(|l| l.amount_cents).sum::<i64>(), e.totals.monthly_cost_cents);
        }
    }

    #[test]
    fn every_version_1_file_migrates_to_a_valid_scenario(s in scenario(), ms in 1.0..60_000.0_f64) {
        // The scenario as version 1 wrote it: a mean service time, none of the fields versions
        // 2 to 5 brought.
        let mut v1 = serde_json::to_value(&s).unwrap();
        v1.as_object_mut().unwrap().remove("ranges");
        v1.as_object_mut().unwrap().remove("currency");
        v1.as_object_mut().unwrap().remove("requirements");
        v1.as_object_mut().unwrap().remove("deal");
        v1["schemaVersion"] = 1.into();
        let run = v1["cloudRun"].as_object_mut().unwrap();
        run.remove("serviceTimeP50Ms");
        run.remove("serviceTimeP95Ms");
        run.remove("serviceTimeP99Ms");
        run.remove("billingRounding");
        run.insert("serviceTimeMs".into(), ms.into());
        for key in ["cdnCacheableShare", "cdnLookupShare", "armorPolicies", "armorRules", "armorPolicyType"] {
            v1["network"].as_object_mut().unwrap().remove(key);
        }
        v1["typicalCustomer"].as_object_mut().unwrap().remove("cpuMsPerRequest");
        for c in v1["customers"].as_array_mut().unwrap() {
            c["profile"].as_object_mut().unwrap().remove("cpuMsPerRequest");
            c.as_object_mut().unwrap().remove("goLiveMonth");
            c.as_object_mut().unwrap().remove("rampMonths");
        }
        let read = Scenario::from_deserializer(&v1).unwrap();
        prop_assert_eq!(read.schema_version, SCHEMA_VERSION);
        prop_assert_eq!(&read.ranges, &Ranges::none());
        prop_assert!(read.customers.iter().all(|c| (c.go_live_month, c.ramp_months) == (1, 0)));
        prop_assert!((read.cloud_run.service_time_p50_ms - ms * std::f64::consts::LN_2).abs() < 1e-9 * ms);
    }

    #[test]
    fn every_scenario_round_trips_through_its_link(s in scenario()) {
        let link = s.to_link();
        prop_assert_eq!(Scenario::from_link(&link).unwrap(), s);
    }

    #[test]
    fn any_text_as_a_link_is_read_or_refused_without_panic(text in "(v1\\.)?[ -~]{0,300}") {
        if let Ok(s) = Scenario::from_link(&resigned(&text)) {
            prop_assert!(s.validate().is_ok());
        }
    }

    #[test]
    fn mutated_links_are_read_or_refused_without_panic(s in scenario(), at in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let link = s.to_link();
        let changed = mutated(&link, at, byte);
        prop_assert!(changed == link || Scenario::from_link(&changed).is_err(), "an unsigned change must fail the checksum");
        if let Ok(read) = Scenario::from_link(&resigned(&changed)) {
            prop_assert!(read.validate().is_ok());
        }
    }

    #[test]
    fn setting_any_path_never_panics(path in "[a-zA-Z.\\[\\]0-9]{0,40}", n in any::<f64>()) {
        let mut p = Planner::from_preset("phase2-10-customers").unwrap();
        let before = p.estimate().clone();
        if p.set(&path, FieldValue::Number(n)).is_err() {
            prop_assert_eq!(p.estimate(), &before);
        }
    }
}

/// `link` re-signed: the checksum FNV-1a (32 bits) over all before `~`, worked out here apart
/// from the model, so a mutated body reaches the decoder instead of the checksum refusal.
fn resigned(link: &str) -> String {
    let body = link.rsplit_once('~').map_or(link, |(body, _)| body);
    let sum = body.bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    format!("{body}~{sum:08x}")
}

/// A link with the byte at `at` replaced by `byte` (kept valid UTF-8 by working on ASCII).
fn mutated(link: &str, at: prop::sample::Index, byte: u8) -> String {
    let mut bytes = link.as_bytes().to_vec();
    let i = at.index(bytes.len());
    bytes[i] = byte % 128;
    String::from_utf8(bytes).unwrap()
}

/// JSON texts: valid scenarios with one value replaced by junk, and plain junk.
fn arbitrary_json() -> impl Strategy<Value = String> {
    let junk = prop_oneof![
        Just("null"),
        Just("\"x\""),
        Just("-1"),
        Just("1e999"),
        Just("[]"),
        Just("{}"),
        Just("true"),
        Just("4294967296")
    ];
    (scenario(), junk, any::<prop::sample::Index>()).prop_map(|(s, junk, at)| {
        let text = serde_json::to_string(&s).unwrap();
        let colons: Vec<usize> = text.match_indices(':').map(|(i, _)| i).collect();
        let i = colons[at.index(colons.len())] + 1;
        let end = text[i..].find([',', '}']).map_or(text.len(), |j| i + j);
        format!("{}{}{}", &text[..i], junk, &text[end..])
    })
}
