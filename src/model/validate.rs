//! Validation: every field finite and in range, the relations between fields, the price book
//! and overrides. All problems are reported at once, each with its field path.

use std::fmt;

use super::error::{Error, Problem};
use super::pricebook::{PriceBook, Prices, quoted};
use super::scenario::{Billing, CustomerProfile, SCHEMA_VERSION, Scenario};
use super::text::Num;

/// Where a field sits; formatted only when there is a problem.
#[derive(Clone, Copy)]
enum Base {
    Root,
    Cohort(usize),
    Typical,
    Region(usize),
    FixedLine(usize),
}

#[derive(Clone, Copy)]
struct At(Base, &'static str);

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Base::Root => f.write_str(self.1),
            Base::Cohort(i) => write!(f, "customers[{i}].{}", self.1),
            Base::Typical => write!(f, "typicalCustomer.{}", self.1),
            Base::Region(i) => write!(f, "cloudRun.regions[{i}]{}", self.1),
            Base::FixedLine(i) => write!(f, "operations.fixedLines[{i}].{}", self.1),
        }
    }
}

#[derive(Default)]
struct Checks {
    problems: Vec<Problem>,
}

impl Checks {
    #[cold]
    fn fail(&mut self, at: At, value: impl fmt::Display, allowed: impl Into<String>) {
        self.problems.push(Problem::new(at.to_string(), value.to_string(), allowed));
    }

    /// `value` finite and within `lo..=hi`.
    #[inline(never)] // called for every field: one copy saves kilobytes of WebAssembly
    fn num(&mut self, at: At, value: f64, lo: f64, hi: f64) {
        if !(value.is_finite() && (lo..=hi).contains(&value)) {
            self.fail(at, Num(value), format!("a number from {} to {}", Num(lo), Num(hi)));
        }
    }

    #[inline(never)] // called for every count: one copy saves WebAssembly
    fn int(&mut self, at: At, value: u32, lo: u32, hi: u32) {
        if !(lo..=hi).contains(&value) {
            self.fail(at, value, format!("a whole number from {lo} to {hi}"));
        }
    }

    fn text(&mut self, at: At, value: &str, lo: usize, hi: usize) {
        let n = value.chars().count();
        if !(lo..=hi).contains(&n) {
            self.fail(at, quoted(value), format!("text of {lo} to {hi} characters"));
        }
    }

    fn profile(&mut self, base: Base, p: &CustomerProfile) {
        let at = |field| At(base, field);
        self.num(at("profile.peakQps"), p.peak_qps, 0.0, 1e5);
        self.num(at("profile.avgQps"), p.avg_qps, 0.0, 1e5);
        self.num(at("profile.peakHoursPerDay"), p.peak_hours_per_day, 0.5, 24.0);
        self.num(at("profile.firestoreReadsPerDay"), p.firestore_reads_per_day, 0.0, 1e10);
        self.num(at("profile.firestoreWritesPerDay"), p.firestore_writes_per_day, 0.0, 1e10);
        self.num(at("profile.firestoreDeletesPerDay"), p.firestore_deletes_per_day, 0.0, 1e10);
        self.num(at("profile.storedGb"), p.stored_gb, 0.0, 1e5);
        self.num(at("profile.egressGbPerMonth"), p.egress_gb_per_month, 0.0, 1e7);
        self.num(at("profile.acvUsd"), p.acv_usd, 0.0, 1e9);
        self.num(at("profile.cpuMsPerRequest"), p.cpu_ms_per_request, 0.0, 60_000.0);
        let floor = p.peak_qps * p.peak_hours_per_day / 24.0;
        // Compare with a little slack so that a value computed from the bound itself passes.
        if p.avg_qps > p.peak_qps * (1.0 + 1e-12) || p.avg_qps < floor * (1.0 - 1e-12) {
            self.fail(
                at("profile.avgQps"),
                Num(p.avg_qps),
                format!("from peakQps x peakHoursPerDay / 24 ({}) to peakQps ({})", Num(floor), Num(p.peak_qps)),
            );
        }
    }

    fn customers(&mut self, s: &Scenario) {
        if s.customers.len() > 1000 {
            self.fail(At(Base::Root, "customers"), format!("{} cohorts", s.customers.len()), "at most 1000 cohorts");
        }
        for (i, c) in s.customers.iter().enumerate() {
            self.text(At(Base::Cohort(i), "name"), &c.name, 1, 120);
            self.int(At(Base::Cohort(i), "count"), c.count, 0, 100_000);
            self.profile(Base::Cohort(i), &c.profile);
        }
        let total = s.customer_count();
        if total > 100_000 {
            self.fail(At(Base::Root, "customers"), format!("{total} customers"), "at most 100000 customers in all");
        }
        self.profile(Base::Typical, &s.typical_customer);
    }

    fn cloud_run(&mut self, s: &Scenario) {
        let run = &s.cloud_run;
        let at = |field| At(Base::Root, field);
        if run.regions.is_empty() || run.regions.len() > 20 {
            self.fail(at("cloudRun.regions"), format!("{} regions", run.regions.len()), "1 to 20 regions");
        }
        for (i, r) in run.regions.iter().enumerate() {
            self.text(At(Base::Region(i), ""), r, 1, 64);
        }
        let v = run.vcpu;
        let shaped = v.is_finite() && ((0.08..1.0).contains(&v) || [1.0, 2.0, 4.0, 6.0, 8.0].contains(&v));
        if !shaped {
            self.fail(at("cloudRun.vcpu"), Num(v), "0.08 to 1, or 1, 2, 4, 6 or 8");
        }
        self.memory(s);
        self.int(at("cloudRun.maxInstances"), run.max_instances, 1, 1000);
        self.int(at("cloudRun.minInstances"), run.min_instances, 0, run.max_instances.clamp(1, 1000));
        self.int(at("cloudRun.maxConcurrency"), run.max_concurrency, 1, if v < 1.0 { 1 } else { 1000 });
        self.num(at("cloudRun.targetUtilization"), run.target_utilization, 0.1, 1.0);
        // Wide enough for version 1's 1 to 60,000 ms mean times ln 2 and ln 20.
        self.num(at("cloudRun.serviceTimeP50Ms"), run.service_time_p50_ms, 0.5, 60_000.0);
        let p50 = if run.service_time_p50_ms.is_finite() { run.service_time_p50_ms.clamp(0.5, 60_000.0) } else { 0.5 };
        self.num(at("cloudRun.serviceTimeP95Ms"), run.service_time_p95_ms, p50, 200_000.0);
        if run.billing == Billing::Instance && v < 1.0 {
            self.fail(
                at("cloudRun.billing"),
                "\"instance\"",
                "\"request\" below 1 vCPU (Google refuses instance-based billing there)",
            );
        }
        self.num(at("cloudRun.coldStartS"), run.cold_start_s, 0.0, 300.0);
        self.num(at("cloudRun.latencyTargetP95Ms"), run.latency_target_p95_ms, 1.0, 60_000.0);
    }

    /// Memory within Google's bounds for the vCPU count (gen2: 0.5 to 32 GiB; below 1 vCPU
    /// at most 0.5 GiB, or 1 GiB from 0.5 vCPU: cloud.google.com/run/docs/configuring/services/cpu).
    fn memory(&mut self, s: &Scenario) {
        let run = &s.cloud_run;
        let (lo, hi) = match run.vcpu {
            v if v < 0.5 => (0.5, 0.5),
            v if v < 1.0 => (0.5, 1.0),
            v if v <= 1.0 => (0.5, 4.0),
            v if v <= 2.0 => (0.5, 8.0),
            v if v <= 4.0 => (2.0, 16.0),
            v if v <= 6.0 => (4.0, 24.0),
            _ => (4.0, 32.0),
        };
        if !(run.memory_gib.is_finite() && (lo..=hi).contains(&run.memory_gib)) {
            let allowed = format!("{} to {} GiB with {} vCPU", Num(lo), Num(hi), Num(run.vcpu));
            self.fail(At(Base::Root, "cloudRun.memoryGib"), Num(run.memory_gib), allowed);
        }
    }

    /// Memorystore sizes are whole GB from 1 to 300 in both tiers (Standard needs 5 GB only
    /// with read replicas, which the model does not price).
    fn redis_size(&mut self, s: &Scenario) {
        let size = s.redis.size_gb;
        if !(size.is_finite() && size.fract() == 0.0 && (1.0..=300.0).contains(&size)) {
            self.fail(At(Base::Root, "redis.sizeGb"), Num(size), "a whole number from 1 to 300");
        }
    }

    fn services(&mut self, s: &Scenario) {
        let at = |field| At(Base::Root, field);
        self.int(at("firestore.compositeIndexes"), s.firestore.composite_indexes, 0, 10_000);
        self.int(at("firestore.backupRetentionDays"), s.firestore.backup_retention_days, 0, 14);
        self.int(at("network.forwardingRules"), s.network.forwarding_rules, 1, 100);
        self.num(at("network.requestKib"), s.network.request_kib, 0.0, 10_240.0);
        self.num(at("network.cdnHitRatio"), s.network.cdn_hit_ratio, 0.0, 1.0);
        let net = &s.network;
        self.num(at("network.cdnLookupShare"), net.cdn_lookup_share, 0.0, 1.0);
        let lookups = if net.cdn_lookup_share.is_finite() { net.cdn_lookup_share.clamp(0.0, 1.0) } else { 1.0 };
        self.num(at("network.cdnCacheableShare"), net.cdn_cacheable_share, 0.0, lookups);
        self.int(at("network.armorPolicies"), net.armor_policies, 0, 100);
        self.int(at("network.armorRules"), net.armor_rules, 0, if net.armor_policies == 0 { 0 } else { 1000 });
        self.redis_size(s);
        self.num(at("redis.readAbsorption"), s.redis.read_absorption, 0.0, 1.0);
        let ops = &s.operations;
        self.num(at("operations.logBytesPerRequest"), ops.log_bytes_per_request, 0.0, 1e6);
        self.num(at("operations.metricsMibPerMonth"), ops.metrics_mib_per_month, 0.0, 1e7);
        if ops.fixed_lines.len() > 50 {
            self.fail(at("operations.fixedLines"), format!("{} lines", ops.fixed_lines.len()), "at most 50 lines");
        }
        for (i, line) in ops.fixed_lines.iter().enumerate() {
            self.text(At(Base::FixedLine(i), "label"), &line.label, 1, 120);
            self.num(At(Base::FixedLine(i), "monthlyUsd"), line.monthly_usd, 0.0, 1e7);
        }
        self.num(at("discounts.cudCoverage"), s.discounts.cud_coverage, 0.0, 2.0);
        self.num(at("discounts.negotiatedPct"), s.discounts.negotiated_pct, 0.0, 100.0);
    }
}

impl Scenario {
    /// Checks every field and relation, the price book id and the price overrides.
    ///
    /// # Errors
    /// Every problem found, each with its field path, the value and what is allowed.
    ///
    /// ```
    /// let mut s = headroom::model::preset("week9-baseline").unwrap();
    /// assert!(s.validate().is_ok());
    /// s.cloud_run.min_instances = 20; // above maxInstances (10)
    /// let e = s.validate().unwrap_err();
    /// assert_eq!(e.to_string(), "cloudRun.minInstances = 20: allowed a whole number from 0 to 10");
    /// ```
    pub fn validate(&self) -> Result<(), Error> {
        self.priced().map(|_| ())
    }

    /// Validates, then returns the price book and the prices in force.
    pub(crate) fn priced(&self) -> Result<(&'static PriceBook, Prices), Error> {
        let mut c = Checks::default();
        c.int(At(Base::Root, "schemaVersion"), self.schema_version, 1, SCHEMA_VERSION);
        c.text(At(Base::Root, "name"), &self.name, 0, 120);
        c.customers(self);
        c.cloud_run(self);
        c.services(self);
        let priced = PriceBook::find(&self.price_book)
            .and_then(|book| Ok((book, Prices::resolve(book, &self.price_overrides)?)));
        match (priced, Error::from_problems(c.problems)) {
            (Ok(found), None) => Ok(found),
            (Ok(_), Some(e)) | (Err(e), None) => Err(e),
            (Err(book), Some(mut fields)) => {
                fields.append(book);
                Err(fields)
            }
        }
    }
}
