//! Validation: every field within its row's bounds in the field table, then the relations
//! between fields, the price book and the overrides. All problems are reported at once, each
//! with its field path; a field already refused by its bounds is not refused again by a
//! relation.

use super::error::{Error, Problem};
use super::fields::FIELDS;
use super::pricebook::{PriceBook, Prices};
use super::scenario::{Billing, CurrencyCode, CustomerProfile, MAX_CUSTOMERS, Scenario};
use super::service::ServiceTime;
use super::text::Num;

#[derive(Default)]
struct Checks {
    problems: Vec<Problem>,
}

impl Checks {
    /// Refuses `value` at `path` unless the field is refused already.
    #[cold]
    fn fail(&mut self, path: impl Into<String>, value: impl ToString, allowed: impl Into<String>) {
        let path = path.into();
        if !self.problems.iter().any(|p| p.path == path) {
            self.problems.push(Problem::new(path, value.to_string(), allowed));
        }
    }

    /// Every value within its row's bounds.
    fn bounds(&mut self, s: &Scenario) {
        // Every evaluation validates: when nothing is refused (the rule), the rows say so with
        // no leaf made; the leaves then name what is.
        if s.price_overrides.iter().next().is_none() && FIELDS.iter().all(|field| field.admits_all(s)) {
            return;
        }
        for leaf in s.leaves() {
            if !leaf.at.field.admits(leaf.value) {
                self.problems.push(Problem::new(
                    leaf.at.to_string(),
                    leaf.value.to_owned().to_string(),
                    leaf.at.field.allowed(),
                ));
            }
        }
    }

    /// Mean QPS between the peak hours' share of the peak and the peak.
    fn profile(&mut self, at: &dyn Fn() -> String, p: &CustomerProfile) {
        let floor = p.peak_qps * p.peak_hours_per_day / 24.0;
        // Compare with a little slack so that a value computed from the bound itself passes.
        if p.avg_qps > p.peak_qps * (1.0 + 1e-12) || p.avg_qps < floor * (1.0 - 1e-12) {
            let allowed =
                format!("from peakQps x peakHoursPerDay / 24 ({}) to peakQps ({})", Num(floor), Num(p.peak_qps));
            self.fail(at(), Num(p.avg_qps), allowed);
        }
    }

    fn customers(&mut self, s: &Scenario) {
        for (i, c) in s.customers.iter().enumerate() {
            self.profile(&|| format!("customers[{i}].profile.avgQps"), &c.profile);
        }
        self.profile(&|| "typicalCustomer.avgQps".into(), &s.typical_customer);
        if s.customers.len() > 1000 {
            self.fail("customers", format!("{} cohorts", s.customers.len()), "at most 1000 cohorts");
        }
        let total = s.customer_count();
        if total > u64::from(MAX_CUSTOMERS) {
            self.fail("customers", format!("{total} customers"), format!("at most {MAX_CUSTOMERS} customers in all"));
        }
        if s.operations.fixed_lines.len() > 50 {
            self.fail("operations.fixedLines", format!("{} lines", s.operations.fixed_lines.len()), "at most 50 lines");
        }
    }

    /// The shapes and scaling bounds Google allows.
    fn cloud_run(&mut self, s: &Scenario) {
        let run = &s.cloud_run;
        let v = run.vcpu;
        if !((0.08..1.0).contains(&v) || [1.0, 2.0, 4.0, 6.0, 8.0].contains(&v)) {
            self.fail("cloudRun.vcpu", Num(v), "0.08 to 1, or 1, 2, 4, 6 or 8");
        }
        if v.is_finite() {
            self.memory(s);
        }
        if run.min_instances > run.max_instances {
            let allowed = format!("a whole number from 0 to {}", run.max_instances);
            self.fail("cloudRun.minInstances", run.min_instances, allowed);
        }
        if v < 1.0 && run.max_concurrency > 1 {
            self.fail("cloudRun.maxConcurrency", run.max_concurrency, "1 with less than 1 vCPU");
        }
        if v < 1.0 && run.billing == Billing::Instance {
            // cloud.google.com/run/docs/configuring/billing-settings: instance-based billing
            // needs at least 1 vCPU.
            self.fail(
                "cloudRun.billing",
                "\"instance\"",
                "\"request\" below 1 vCPU (Google refuses instance-based billing there)",
            );
        }
        if run.service_time_p95_ms < run.service_time_p50_ms {
            let allowed = format!("a number from serviceTimeP50Ms ({}) to 200000", Num(run.service_time_p50_ms));
            self.fail("cloudRun.serviceTimeP95Ms", Num(run.service_time_p95_ms), allowed);
        } else {
            self.p99(s);
        }
    }

    /// A measured p99 is at least the p99 of the lognormal through p50 and p95 (a shifted
    /// lognormal fits no lighter tail).
    fn p99(&mut self, s: &Scenario) {
        let run = &s.cloud_run;
        let (p50, p95, p99) = (run.service_time_p50_ms, run.service_time_p95_ms, run.service_time_p99_ms);
        if p99 == 0.0 {
            return;
        }
        let least = ServiceTime::lognormal_p99_ms(p50, p95);
        if p99 < least * (1.0 - 1e-12) {
            let allowed = format!(
                "0 (not measured), or a number from {} (the p99 of the lognormal through serviceTimeP50Ms and \
                 serviceTimeP95Ms; a lighter tail does not fit) to 200000",
                Num((least * 1000.0).ceil() / 1000.0)
            );
            self.fail("cloudRun.serviceTimeP99Ms", Num(p99), allowed);
        }
    }

    /// Memorystore sizes in whole GB; the CDN caches only what it looks up; Cloud Armor rules
    /// belong to a policy.
    fn services(&mut self, s: &Scenario) {
        let size = s.redis.size_gb;
        if size.fract() != 0.0 {
            self.fail("redis.sizeGb", Num(size), "a whole number from 1 to 300");
        }
        let net = &s.network;
        if net.cdn_cacheable_share > net.cdn_lookup_share {
            let allowed = format!("a number from 0 to cdnLookupShare ({})", Num(net.cdn_lookup_share));
            self.fail("network.cdnCacheableShare", Num(net.cdn_cacheable_share), allowed);
        }
        if net.armor_policies == 0 && net.armor_rules > 0 {
            self.fail("network.armorRules", net.armor_rules, "0 without a Cloud Armor policy");
        }
    }

    /// The rate date is a real calendar date or empty, and a currency other than USD has one.
    fn currency(&mut self, s: &Scenario) {
        let (date, path) = (s.currency.rate_date.as_str(), "currency.rateDate");
        if !date.is_empty() && !is_date(date) {
            self.fail(path, format!("\"{date}\""), "a date as YYYY-MM-DD (a real calendar date), or empty");
        }
        if date.is_empty() && s.currency.code != CurrencyCode::Usd {
            let allowed = format!("the date of the rate as YYYY-MM-DD: {} needs one", s.currency.code.code());
            self.fail(path, "\"\"", allowed);
        }
    }

    /// Memory within Google's bounds for the vCPU count (gen2: 0.5 to 32 GiB; below 1 vCPU at
    /// most 0.5 GiB, or 1 GiB from 0.5 vCPU: cloud.google.com/run/docs/configuring/services/cpu).
    fn memory(&mut self, s: &Scenario) {
        let run = &s.cloud_run;
        let (lo, hi) = memory_range(run.vcpu);
        if !(lo..=hi).contains(&run.memory_gib) {
            let allowed = format!("{} to {} GiB with {} vCPU", Num(lo), Num(hi), Num(run.vcpu));
            self.fail("cloudRun.memoryGib", Num(run.memory_gib), allowed);
        }
    }
}

/// The memory Google allows with `vcpu`, GiB, lowest and highest (gen2: below 0.5 vCPU
/// 0.5 GiB, below 1 vCPU up to 1 GiB, then by vCPU count up to 32 GiB:
/// cloud.google.com/run/docs/configuring/services/cpu).
pub(crate) fn memory_range(vcpu: f64) -> (f64, f64) {
    match vcpu {
        v if v < 0.5 => (0.5, 0.5),
        v if v < 1.0 => (0.5, 1.0),
        v if v <= 1.0 => (0.5, 4.0),
        v if v <= 2.0 => (0.5, 8.0),
        v if v <= 4.0 => (2.0, 16.0),
        v if v <= 6.0 => (4.0, 24.0),
        _ => (4.0, 32.0),
    }
}

/// True when `text` is `YYYY-MM-DD` and names a day of the Gregorian calendar (years 0001 to
/// 9999; 29 February only in leap years).
pub(crate) fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, &d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    year >= 1 && (1..=days).contains(&day)
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
        c.bounds(self);
        c.customers(self);
        c.cloud_run(self);
        c.services(self);
        c.currency(self);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FieldValue;

    #[test]
    fn dates_are_real_calendar_days() {
        for good in ["2026-11-28", "2024-02-29", "2000-02-29", "1999-12-31", "0001-01-01"] {
            assert!(is_date(good), "{good}");
        }
        for bad in [
            "2023-02-29",
            "1900-02-29",
            "2026-04-31",
            "2026-13-01",
            "2026-00-10",
            "2026-1-05",
            "26-11-28",
            "2026/11/28",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
        assert!(!is_date("0000-01-01") && !is_date("2026-11-2x") && !is_date("２０２６-1-1"));
    }

    #[test]
    fn a_currency_other_than_usd_needs_a_real_rate_date() {
        let mut s = crate::model::preset("week9-baseline").unwrap();
        s.set("currency.perUsd", FieldValue::Number(0.92)).unwrap();
        let err = s.set("currency.code", FieldValue::Text("EUR".into())).unwrap_err();
        assert_eq!(
            err.to_string(),
            "currency.rateDate = \"\": allowed the date of the rate as YYYY-MM-DD: EUR needs one"
        );
        let err = s.set("currency.rateDate", FieldValue::Text("2026-11-31".into())).unwrap_err();
        assert_eq!(
            err.to_string(),
            "currency.rateDate = \"2026-11-31\": allowed a date as YYYY-MM-DD (a real calendar date), or empty"
        );
        s.set("currency.rateDate", FieldValue::Text("2026-11-27".into())).unwrap();
        s.set("currency.code", FieldValue::Text("EUR".into())).unwrap();
        assert!(s.validate().is_ok());
        let err = s.set("currency.perUsd", FieldValue::Number(0.0)).unwrap_err();
        assert_eq!(err.to_string(), "currency.perUsd = 0: allowed a number from 0.000001 to 1000000");
    }
}
