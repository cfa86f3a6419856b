//! The seed's scenarios as presets: the Week 9 baseline (1 customer), Phase 1 (3 customers)
//! and Phase 2 (10 customers, 3 regions).
//!
//! Where the seed gives a range the upper end is taken (peak QPS 40-50 is 50; CDN "reduces
//! egress 30-50%" is a hit ratio of 0.5). Where it is silent, a choice is made and named here:
//! - service time: the seed's measured p50 50 ms, p95 120 ms and p99 250 ms at Week 9's light
//!   load, where nothing queues, so the response time is the service time: a shifted
//!   lognormal through all three (version 5; a 42.9 ms floor plus a lognormal, mean 63.2 ms).
//!   The lognormal through p50 and p95 alone (version 4's presets) has a mean of 57.6 ms and a
//!   p99 of 172.5 ms, 31% below the seed's;
//! - CPU per request 6 vCPU-ms, calibrated on the seed's Week 9 measurement of 20-30% CPU at
//!   40-50 QPS on 1-vCPU instances: the peak of 50 QPS runs on one instance (2.9 requests in
//!   flight, 0.3 vCPU), so 6 ms puts CPU at peak at 30%, the top of the range (24% at 40 QPS).
//!   The range allows 4 to 6 ms on one instance; 6 ms is the upper end, as elsewhere. A
//!   1-vCPU instance then serves 100 QPS at the 60% target, so CPU, not concurrency (759 QPS
//!   an instance), bounds capacity. The seed's capacity remarks (~200 QPS "at acceptable
//!   latency" on 10 instances, "5x load before hitting max instances") read as 24-30 ms
//!   instead; the preset does not take that reading, since at 24 ms the model puts Week 9's
//!   own peak at 60% CPU on 2 instances with a p95 of 233 ms, against the measured 20-30% CPU
//!   and 120 ms. With 6 ms the headroom is 20x (the autoscaler's target binds; the p95 stays
//!   within 500 ms to 96% CPU); 24 ms would show 5x (`docs/seed-crosscheck.md`);
//! - 2 peak hours a day (the "morning inventory check");
//! - Customer #2 and #3 average QPS scaled from Customer #1's 15/50 peak ratio; 100 deletes a
//!   day each; stored data 2 GB, 2 GB and 1.5 GB (the seed states ~2 GB for Customer #1,
//!   though its collection table adds up to 95 MB);
//! - every customer 400 GB of egress a month (1,200 GB for 3, 4,000 GB for 10 in the seed);
//! - the typical customer (Phase 2's seven new ones): 45 QPS peak, 17,000 reads and 8,000
//!   writes a day, so 10 customers make the seed's "200K+ reads/writes" a day, ACV 40,000 USD;
//! - requests of 2 KiB, 500 bytes of logs per request, daily Firestore backups kept 7 days;
//! - Redis: Memorystore's smallest size, 1 GB (the seed's 0.5 GB is not offered), absorbing
//!   50% of reads ("database latency reduction 30-50%");
//! - monitoring: 250 MiB of custom metrics in Phase 1 (100 beyond the 150 MiB free: the seed's
//!   $25), 350 MiB in Phase 2 (its $50);
//! - requirements (version 4): Phase 1 keeps 2 warm instances ("keep 2 warm for fast
//!   startup"); Phase 2 also serves from its 3 regions with multi-region Firestore (its
//!   availability plan); no CPU ceiling beyond the p95 target of 500 ms;
//! - Phase 2: 2 warm and up to 100 instances per region, multi-region Firestore with PITR, a
//!   Standard Redis (replicated), 2 forwarding rules (HTTPS and the HTTP redirect), Cloud Armor
//!   Standard with 1 policy and 2 rules (the seed's), charged per request as well;
//! - Phase 2's CDN: half of the responses cacheable (static content; the seed's "reduces
//!   egress 30-50%" at its upper end), 90% of those served from the cache (static assets hit
//!   85-95%), and every request a GET or HEAD (the seed does not split methods; all pay a
//!   cache lookup).
//!
//! The seed's path (`seed-path`) is Phase 2's deployment on the 12-month timeline, month 1
//! being the first month of the plan and a month 4.35 weeks: Customer #1 live from month 3
//! (the seed's Week 9 baseline), Customers #2 and #3 from month 4 (live by Week 13), the seven
//! typical customers from month 5 (the seed's Month 5 target), each at full load from its
//! go-live month (the seed names no ramp). Phase 2's infrastructure (3 regions, warm
//! instances, Redis, CDN, Cloud Armor) runs from month 1, so months 1 and 2 carry its floor
//! cost with no revenue; by month 12 it is Phase 2 exactly.

use super::error::Error;
use super::scenario::*;

/// Ids of the presets, in the order they are listed.
///
/// ```
/// assert_eq!(headroom::model::preset_ids()[0], "week9-baseline");
/// ```
pub fn preset_ids() -> &'static [&'static str] {
    &["week9-baseline", "phase1-3-customers", "phase2-10-customers", "seed-path"]
}

/// The preset scenario `id`.
///
/// # Errors
/// Names the field `preset` and lists the ids when `id` is not one.
///
/// ```
/// let s = headroom::model::preset("phase2-10-customers").unwrap();
/// assert_eq!(s.customer_count(), 10);
/// assert_eq!(s.cloud_run.regions.len(), 3);
/// assert!(headroom::model::preset("phase3").is_err());
/// ```
pub fn preset(id: &str) -> Result<Scenario, Error> {
    match id {
        "week9-baseline" => Ok(week9()),
        "phase1-3-customers" => Ok(phase1()),
        "phase2-10-customers" => Ok(phase2()),
        "seed-path" => Ok(seed_path()),
        _ => Err(Error::single("preset", format!("\"{id}\""), format!("one of {}", preset_ids().join(", ")))),
    }
}

fn profile(peak_qps: f64, avg_qps: f64, reads: f64, writes: f64, stored_gb: f64, acv_usd: f64) -> CustomerProfile {
    CustomerProfile {
        peak_qps,
        avg_qps,
        peak_hours_per_day: 2.0,
        firestore_reads_per_day: reads,
        firestore_writes_per_day: writes,
        firestore_deletes_per_day: 100.0,
        stored_gb,
        egress_gb_per_month: 400.0,
        acv_usd,
        cpu_ms_per_request: 6.0,
    }
}

fn cohort(name: &str, count: u32, profile: CustomerProfile) -> Cohort {
    Cohort::new(name, count, profile)
}

fn customer1() -> Cohort {
    cohort("Customer #1", 1, profile(50.0, 15.0, 8_000.0, 4_000.0, 2.0, 50_000.0))
}

fn typical() -> CustomerProfile {
    let mut p = profile(45.0, 13.5, 17_000.0, 8_000.0, 2.0, 40_000.0);
    p.firestore_deletes_per_day = 200.0;
    p
}

fn week9() -> Scenario {
    Scenario {
        schema_version: SCHEMA_VERSION,
        name: "Week 9 baseline: 1 customer".into(),
        price_book: "gcp-us-central1-2026-11".into(),
        customers: vec![customer1()],
        typical_customer: typical(),
        cloud_run: CloudRun {
            regions: vec!["us-central1".into()],
            vcpu: 1.0,
            memory_gib: 0.5,
            min_instances: 1,
            max_instances: 10,
            max_concurrency: 80,
            target_utilization: 0.6,
            service_time_p50_ms: 50.0,
            service_time_p95_ms: 120.0,
            billing: Billing::Request,
            cold_start_s: 5.0,
            latency_target_p95_ms: 500.0,
            service_time_p99_ms: 250.0,
            billing_rounding: Rounding::PerBusyPeriod,
        },
        firestore: Firestore {
            location: FirestoreLocation::Regional,
            composite_indexes: 0,
            pitr: false,
            backup_retention_days: 7,
        },
        network: Network {
            tier: NetworkTier::Premium,
            load_balancer: LoadBalancer::Regional,
            forwarding_rules: 1,
            request_kib: 2.0,
            cdn: false,
            cdn_hit_ratio: 0.9,
            cdn_cacheable_share: 0.5,
            cdn_lookup_share: 1.0,
            armor_policies: 0,
            armor_rules: 0,
            armor_policy_type: ArmorPolicyType::Backend,
        },
        redis: Redis { enabled: false, tier: RedisTier::Basic, size_gb: 1.0, read_absorption: 0.5 },
        operations: Operations {
            log_bytes_per_request: 500.0,
            metrics_mib_per_month: 0.0,
            fixed_lines: vec![],
            free_tiers: true,
        },
        discounts: Discounts { cud: CudTerm::None, cud_coverage: 1.0, negotiated_pct: 0.0 },
        price_overrides: Default::default(),
        allocation: Allocation::ByUsage,
        ranges: Ranges::none(),
        currency: Currency::usd(),
        requirements: Requirements {
            min_regions: 1,
            min_warm_instances: 0,
            max_cpu_at_peak_pct: 100.0,
            multi_region_firestore: false,
        },
        deal: Scenario::defaults().deal,
    }
}

fn phase1() -> Scenario {
    let mut s = week9();
    s.name = "Phase 1: 3 customers (Week 13)".into();
    s.customers = vec![
        customer1(),
        cohort("Customer #2", 1, profile(40.0, 12.0, 7_000.0, 3_500.0, 2.0, 40_000.0)),
        cohort("Customer #3", 1, profile(35.0, 10.5, 5_000.0, 2_500.0, 1.5, 35_000.0)),
    ];
    let run = &mut s.cloud_run;
    (run.min_instances, run.max_instances, run.vcpu, run.memory_gib, run.max_concurrency) = (2, 50, 2.0, 1.0, 30);
    s.requirements.min_warm_instances = 2;
    s.firestore.composite_indexes = 50;
    s.redis.enabled = true;
    s.operations.metrics_mib_per_month = 250.0;
    s.operations.fixed_lines = vec![FixedLine { label: "Misc".into(), monthly_usd: 10.0 }];
    s
}

fn phase2() -> Scenario {
    let mut s = phase1();
    s.name = "Phase 2: 10 customers, 3 regions (Month 5)".into();
    s.customers.push(cohort("Typical customer", 7, typical()));
    s.cloud_run.regions = vec!["us-central1".into(), "us-east1".into(), "us-west1".into()];
    s.cloud_run.max_instances = 100;
    (s.requirements.min_regions, s.requirements.multi_region_firestore) = (3, true);
    s.firestore = Firestore {
        location: FirestoreLocation::MultiRegion,
        composite_indexes: 100,
        pitr: true,
        backup_retention_days: 7,
    };
    s.network.load_balancer = LoadBalancer::Global;
    s.network.forwarding_rules = 2;
    s.network.cdn = true;
    (s.network.armor_policies, s.network.armor_rules) = (1, 2);
    s.redis.tier = RedisTier::Standard;
    s.operations.metrics_mib_per_month = 350.0;
    s.operations.fixed_lines = vec![FixedLine { label: "Misc".into(), monthly_usd: 30.0 }];
    s
}

fn seed_path() -> Scenario {
    let mut s = phase2();
    s.name = "Seed path: 1 customer at Week 9, 3 by Week 13, 10 by Month 5".into();
    for (cohort, month) in s.customers.iter_mut().zip([3, 4, 4, 5]) {
        cohort.go_live_month = month;
    }
    s
}
