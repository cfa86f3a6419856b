//! Schema migrations: a scenario of an earlier schema version, from a file or a link, becomes
//! one of [`SCHEMA_VERSION`] with stated values for what changed. Fields a version brought carry
//! it in the field table (`Field::since`); fields a version removed are listed here, with the
//! link tag they had, so old links and files keep their meaning forever.
//!
//! Version 1 to 2 (the CPU bound, the measured latency distribution, CDN and Cloud Armor billed
//! as Google bills them):
//! - `cloudRun.serviceTimeMs` (a mean, exponential service time) becomes
//!   `serviceTimeP50Ms` = mean × ln 2 and `serviceTimeP95Ms` = mean × ln 20, the exponential's
//!   median and 95th percentile;
//! - every profile's `cpuMsPerRequest` is 6, the Week 9 calibration (see the presets);
//! - `network.cdnCacheableShare` and `network.cdnLookupShare` are 1: version 1 applied the hit
//!   ratio to all egress and charged a lookup on every request;
//! - `network.armorPolicies` and `network.armorRules` are 0 (version 1 had no Cloud Armor);
//! - shapes version 1 accepted and Google refuses become the nearest shape Google sells: a
//!   Memorystore size rounds up to whole GB; below 1 vCPU, instance-based billing becomes
//!   request-based, and more memory than the vCPU allows raises the vCPU (to 0.5 for up to
//!   1 GiB, else to 1).
//!
//! Version 2 to 3 (usage ranges, a display currency, the 12-month timeline): every field
//! version 3 brought takes its default, so figures stay as they were:
//! - `ranges.*LowPct` and `ranges.*HighPct` are 100 (no range);
//! - `currency.code` is `USD`, `currency.perUsd` 1 and `currency.rateDate` empty;
//! - every cohort's `goLiveMonth` is 1 and `rampMonths` 0 (live at full load all year).
//!
//! Version 3 to 4 (stated requirements the savings respect): every field version 4 brought
//! takes its default, so no requirement is stated and figures stay as they were:
//! `requirements.minRegions` 1, `minWarmInstances` 0, `maxCpuAtPeakPct` 100,
//! `multiRegionFirestore` false.
//!
//! Version 4 to 5 (what is an interpretation, a third measured latency point, where Cloud
//! Armor sits, the prospect deal): every field version 5 brought takes the default that keeps
//! the figures as they were: `cloudRun.billingRounding` is `perBusyPeriod` (each busy period
//! rounded up to 100 ms, the rule before), `cloudRun.serviceTimeP99Ms` 0 (not measured: the
//! lognormal through p50 and p95), `network.armorPolicyType` `backend` (cache hits not
//! evaluated), and every `deal.*` field its default, so there is no deal (`deal.name` empty).
//! Version 5 also bills the start-up time of instances where they start (Google: instances
//! are charged while they start), with no field: scenarios whose instance count rises during
//! the day cost that much more.

use super::error::Error;
use super::scenario::{Billing, SCHEMA_VERSION, Scenario};
use super::text::Num;

/// Version 1's `cloudRun.serviceTimeMs`: its path, link tag, bounds and default.
pub(crate) const V1_SERVICE_TIME: Retired =
    Retired { path: "cloudRun.serviceTimeMs", tag: 31, min: 1.0, max: 60_000.0, default: 50.0 };

/// A number field an earlier version had and a later one removed.
pub(crate) struct Retired {
    /// Its path in that version.
    pub path: &'static str,
    /// Its tag in that version's links (never reused).
    pub tag: u16,
    /// Its bounds in that version.
    pub min: f64,
    pub max: f64,
    /// Its value when a link leaves it out.
    pub default: f64,
}

impl Retired {
    /// `value` checked against the field's bounds in its version.
    pub fn read(&self, value: f64) -> Result<f64, Error> {
        if value.is_finite() && (self.min..=self.max).contains(&value) {
            Ok(value)
        } else {
            let allowed = format!("a number from {} to {}", Num(self.min), Num(self.max));
            Err(Error::single(self.path, Num(value).to_string(), allowed))
        }
    }
}

/// What a version-1 scenario said that version 2 no longer holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct V1 {
    /// `cloudRun.serviceTimeMs`, the mean service time, ms.
    pub service_time_ms: f64,
}

impl Default for V1 {
    fn default() -> V1 {
        V1 { service_time_ms: V1_SERVICE_TIME.default }
    }
}

impl Scenario {
    /// Makes a version-1 scenario (read into the current fields, those version 2 brought at any
    /// value) a version-2 one, with `old`'s values for what version 2 removed.
    pub(crate) fn migrate_from_v1(&mut self, old: V1) {
        let run = &mut self.cloud_run;
        run.service_time_p50_ms = old.service_time_ms * std::f64::consts::LN_2;
        run.service_time_p95_ms = old.service_time_ms * 20f64.ln();
        let profiles = self.customers.iter_mut().map(|c| &mut c.profile);
        for p in profiles.chain(std::iter::once(&mut self.typical_customer)) {
            p.cpu_ms_per_request = 6.0;
        }
        let net = &mut self.network;
        (net.cdn_cacheable_share, net.cdn_lookup_share) = (1.0, 1.0);
        (net.armor_policies, net.armor_rules) = (0, 0);
        self.redis.size_gb = self.redis.size_gb.ceil();
        self.fit_below_one_vcpu();
        self.schema_version = SCHEMA_VERSION;
    }

    /// Makes a version-2 scenario (or a version-1 one after [`Scenario::migrate_from_v1`]),
    /// read into the current fields with those version 3 brought at any value, a version-3
    /// one: each of those fields at its default.
    pub(crate) fn migrate_from_v2(&mut self) {
        self.default_fields_of(3);
        self.schema_version = SCHEMA_VERSION;
    }

    /// Makes a version-3 scenario (or an older one after the migrations before), read into
    /// the current fields with those version 4 brought at any value, a version-4 one: each of
    /// those fields at its default, so no requirement is stated.
    pub(crate) fn migrate_from_v3(&mut self) {
        self.default_fields_of(4);
        self.schema_version = SCHEMA_VERSION;
    }

    /// Makes a version-4 scenario (or an older one after the migrations before), read into
    /// the current fields with those version 5 brought at any value, a version-5 one: each of
    /// those fields at its default (the rules before, and no deal).
    pub(crate) fn migrate_from_v4(&mut self) {
        self.default_fields_of(5);
        self.schema_version = SCHEMA_VERSION;
    }

    /// Below 1 vCPU, Google bills by request only and allows 0.5 GiB (under 0.5 vCPU) or
    /// 1 GiB: the vCPU rises to what the memory needs.
    fn fit_below_one_vcpu(&mut self) {
        let run = &mut self.cloud_run;
        if run.vcpu >= 1.0 {
            return;
        }
        run.billing = Billing::Request;
        if run.memory_gib > 1.0 {
            run.vcpu = 1.0;
        } else if run.memory_gib > 0.5 {
            run.vcpu = run.vcpu.max(0.5);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_1_mean_becomes_the_exponentials_median_and_p95() {
        let mut s = crate::model::preset("week9-baseline").unwrap();
        s.migrate_from_v4(); // no p99, as for any version-1 file

        s.migrate_from_v1(V1 { service_time_ms: 50.0 });
        // An exponential with mean 50 ms: P(T <= t) = 1 - e^(-t/50); median 50 ln 2 = 34.657 ms,
        // p95 50 ln 20 = 149.787 ms.
        assert!((s.cloud_run.service_time_p50_ms - 34.657_359).abs() < 1e-6);
        assert!((s.cloud_run.service_time_p95_ms - 149.786_614).abs() < 1e-6);
        assert_eq!(s.customers[0].profile.cpu_ms_per_request, 6.0);
        assert_eq!((s.network.cdn_cacheable_share, s.network.cdn_lookup_share), (1.0, 1.0));
        assert_eq!(s.schema_version, SCHEMA_VERSION);
        assert!(s.validate().is_ok());
        let extremes = [V1_SERVICE_TIME.min, V1_SERVICE_TIME.max];
        for ms in extremes {
            s.migrate_from_v1(V1 { service_time_ms: ms });
            assert!(s.validate().is_ok(), "{ms}");
        }
    }

    #[test]
    fn shapes_version_1_accepted_become_ones_google_sells() {
        let mut s = crate::model::preset("week9-baseline").unwrap();
        s.migrate_from_v4(); // no p99, as for any version-1 file

        (s.cloud_run.vcpu, s.cloud_run.max_concurrency, s.cloud_run.memory_gib) = (0.25, 1, 2.0);
        s.cloud_run.billing = Billing::Instance;
        s.redis.size_gb = 1.5;
        assert!(s.validate().is_err());
        s.migrate_from_v1(V1::default());
        assert_eq!((s.cloud_run.vcpu, s.cloud_run.memory_gib, s.cloud_run.billing), (1.0, 2.0, Billing::Request));
        assert_eq!(s.redis.size_gb, 2.0);
        assert!(s.validate().is_ok());
        (s.cloud_run.vcpu, s.cloud_run.memory_gib) = (0.25, 1.0);
        s.migrate_from_v1(V1::default());
        assert_eq!(s.cloud_run.vcpu, 0.5);
        assert!(s.validate().is_ok());
    }

    #[test]
    fn version_3_fields_take_their_defaults() {
        let mut s = crate::model::preset("phase1-3-customers").unwrap();
        let expected = s.clone();
        // As a version-2 file reads: the fields version 3 brought at whatever the reader left.
        s.schema_version = 2;
        s.ranges = Default::default();
        s.currency = Default::default();
        for c in &mut s.customers {
            (c.go_live_month, c.ramp_months) = (0, 7);
        }
        assert!(s.validate().is_err());
        s.migrate_from_v2();
        assert_eq!(s, expected);
        assert_eq!(s.ranges.peak_qps_high_pct, 100.0);
        assert_eq!((s.currency.code.code(), s.currency.per_usd), ("USD", 1.0));
        assert_eq!((s.customers[2].go_live_month, s.customers[2].ramp_months), (1, 0));
    }

    #[test]
    fn version_5_fields_take_the_defaults_that_keep_the_figures() {
        let mut s = crate::model::preset("phase2-10-customers").unwrap();
        s.cloud_run.billing_rounding = crate::model::Rounding::PerRequest;
        s.network.armor_policy_type = crate::model::ArmorPolicyType::Edge;
        s.migrate_from_v4();
        let run = &s.cloud_run;
        assert_eq!((run.service_time_p99_ms, run.billing_rounding), (0.0, crate::model::Rounding::PerBusyPeriod));
        assert_eq!(s.network.armor_policy_type, crate::model::ArmorPolicyType::Backend);
    }

    #[test]
    fn a_retired_value_is_checked_against_its_own_bounds() {
        assert_eq!(V1_SERVICE_TIME.read(50.0).unwrap(), 50.0);
        let err = V1_SERVICE_TIME.read(0.0).unwrap_err();
        assert_eq!(err.to_string(), "cloudRun.serviceTimeMs = 0: allowed a number from 1 to 60000");
    }
}
