//! Reading and changing a scenario through the table: a new scenario at the defaults, every
//! value with its path, one value by its path, and changing one value as a slider or a field
//! does: the headline knobs (customers, peak QPS and egress per customer) and any field by its
//! path. A change that leaves the scenario invalid is refused and the scenario stays as it was.

use super::path::{FieldPath, Leaf};
use super::table::{FIELDS, LISTS};
use super::values::{FieldValue, Value};
use crate::model::error::Error;
use crate::model::scenario::{Cohort, CustomerProfile, FixedLine, MAX_CUSTOMERS, Scenario};
use crate::model::text::Num;

/// Customer-weighted mean of `f` over the cohorts; `f(typical)` without customers.
fn per_customer(s: &Scenario, f: impl Fn(&CustomerProfile) -> f64) -> f64 {
    let n = s.customer_count();
    if n == 0 {
        return f(&s.typical_customer);
    }
    s.customers.iter().map(|c| f64::from(c.count) * f(&c.profile)).sum::<f64>() / n as f64
}

/// Applies `f` to every cohort's profile and to the typical customer.
fn each_profile(s: &mut Scenario, f: impl Fn(&mut CustomerProfile)) {
    s.customers.iter_mut().for_each(|c| f(&mut c.profile));
    f(&mut s.typical_customer);
}

/// The headline knobs: values derived from the cohorts that [`Scenario::set`] also takes, as
/// the page's sliders do.
pub const KNOBS: [&str; 3] = ["customers", "peakQpsPerCustomer", "egressGbPerCustomer"];

impl Scenario {
    /// The value of the headline knob `path` (one of [`KNOBS`]), `None` for any other path.
    ///
    /// ```
    /// let s = headroom::model::preset("phase1-3-customers").unwrap();
    /// assert_eq!(s.knob("customers"), Some(3.0));
    /// assert_eq!(s.knob("network.cdn"), None);
    /// ```
    pub fn knob(&self, path: &str) -> Option<f64> {
        match path {
            "customers" => Some(self.customer_count() as f64),
            "peakQpsPerCustomer" => Some(self.peak_qps_per_customer()),
            "egressGbPerCustomer" => Some(self.egress_gb_per_customer()),
            _ => None,
        }
    }

    /// Mean peak QPS of one customer, weighted by cohort size.
    ///
    /// ```
    /// let s = headroom::model::preset("phase1-3-customers").unwrap();
    /// assert!((s.peak_qps_per_customer() - 125.0 / 3.0).abs() < 1e-12);
    /// ```
    pub fn peak_qps_per_customer(&self) -> f64 {
        per_customer(self, |p| p.peak_qps)
    }

    /// Mean egress of one customer, decimal GB per month, weighted by cohort size.
    pub fn egress_gb_per_customer(&self) -> f64 {
        per_customer(self, |p| p.egress_gb_per_month)
    }

    /// Sets the customer count to `n`, the way the "Customers" slider does. Fewer: customers
    /// leave from the last cohort back (emptied cohorts stay, at 0). More: emptied cohorts
    /// come back one customer each, in order, then the rest join the typical customer's
    /// cohort (created when missing). Going down and back up restores the cohorts.
    ///
    /// # Errors
    /// When the result is not valid (e.g. over 100,000 customers); the scenario is unchanged.
    ///
    /// ```
    /// let mut s = headroom::model::preset("phase1-3-customers").unwrap();
    /// s.set_customer_count(1).unwrap();
    /// assert_eq!(s.customers.iter().map(|c| c.count).collect::<Vec<_>>(), [1, 0, 0]);
    /// s.set_customer_count(5).unwrap();
    /// assert_eq!(s.customers.iter().map(|c| c.count).collect::<Vec<_>>(), [1, 1, 1, 2]);
    /// ```
    pub fn set_customer_count(&mut self, n: u32) -> Result<(), Error> {
        self.edited(|s| {
            s.move_customer_count(n);
            Ok(())
        })
    }

    /// [`Scenario::set_customer_count`] without validating the result.
    pub(crate) fn move_customer_count(&mut self, n: u32) {
        let total = self.customer_count();
        let target = u64::from(n);
        if target < total {
            self.remove_customers(total - target);
        } else {
            self.add_customers(target - total);
        }
    }

    fn remove_customers(&mut self, mut excess: u64) {
        for c in self.customers.iter_mut().rev() {
            let take = excess.min(u64::from(c.count));
            c.count -= take as u32;
            excess -= take;
        }
    }

    fn add_customers(&mut self, mut need: u64) {
        let typical = self.typical_customer.clone();
        for c in self.customers.iter_mut().filter(|c| c.count == 0 && c.profile != typical) {
            if need == 0 {
                return;
            }
            c.count = 1;
            need -= 1;
        }
        if need == 0 {
            return;
        }
        let add = u32::try_from(need).unwrap_or(u32::MAX);
        match self.customers.iter_mut().rfind(|c| c.profile == typical) {
            Some(c) => c.count = c.count.saturating_add(add),
            None => self.customers.push(Cohort::new("Typical customer", add, typical)),
        }
    }

    /// Sets the mean peak QPS per customer to `qps` by scaling every cohort's peak and average
    /// QPS (and the typical customer's) by the same factor, so each keeps its daily shape;
    /// when the mean is 0, every customer gets a flat `qps`. Firestore operations stay as
    /// they are (they are separate inputs).
    ///
    /// # Errors
    /// When `qps` is not finite or out of range (0 to 100,000 per customer); unchanged then.
    ///
    /// ```
    /// let mut s = headroom::model::preset("phase1-3-customers").unwrap();
    /// s.set_peak_qps_per_customer(250.0 / 3.0).unwrap(); // twice the load
    /// assert_eq!(s.customers[0].profile.peak_qps, 100.0);
    /// assert_eq!(s.customers[0].profile.avg_qps, 30.0);
    /// ```
    pub fn set_peak_qps_per_customer(&mut self, qps: f64) -> Result<(), Error> {
        self.edited(|s| s.apply("peakQpsPerCustomer", &FieldValue::Number(qps)))
    }

    /// Sets the mean egress per customer to `gb` (decimal GB a month) by scaling every
    /// cohort's egress by the same factor; when the mean is 0, every customer gets `gb`.
    ///
    /// # Errors
    /// When `gb` is not finite or out of range (0 to 10^7); unchanged then.
    ///
    /// ```
    /// let mut s = headroom::model::preset("week9-baseline").unwrap();
    /// s.set_egress_gb_per_customer(100.0).unwrap();
    /// assert_eq!(s.customers[0].profile.egress_gb_per_month, 100.0);
    /// ```
    pub fn set_egress_gb_per_customer(&mut self, gb: f64) -> Result<(), Error> {
        self.edited(|s| s.apply("egressGbPerCustomer", &FieldValue::Number(gb)))
    }

    /// Moves a per-customer mean from `current` to `target` (within the bounds of the `like`
    /// field) without validating the result: `fields` maps each profile's quantities through
    /// `to`, which scales them by `target / current`, or sets them to `target` when the mean
    /// is 0.
    fn move_mean(
        &mut self,
        knob: &str,
        target: f64,
        like: &str,
        current: f64,
        fields: impl Fn(&mut CustomerProfile, &dyn Fn(f64) -> f64),
    ) -> Result<(), Error> {
        check_knob(knob, target, like)?;
        let factor = target / current;
        let to = |x: f64| if current > 0.0 { x * factor } else { target };
        each_profile(self, |p| fields(p, &to));
        Ok(())
    }

    /// Adds a cohort of one customer named `name` (a prospect, say) that follows the typical
    /// customer's profile; its fields can then be set by path, e.g. `customers[3].profile.acvUsd`.
    ///
    /// # Errors
    /// A name that is empty or over 120 characters, or more cohorts or customers than allowed.
    ///
    /// ```
    /// let mut s = headroom::model::preset("phase1-3-customers").unwrap();
    /// s.add_cohort("Prospect: Acme").unwrap();
    /// assert_eq!(s.customers[3].name, "Prospect: Acme");
    /// assert_eq!(s.customer_count(), 4);
    /// assert!(s.add_cohort("").is_err());
    /// ```
    pub fn add_cohort(&mut self, name: &str) -> Result<(), Error> {
        let profile = self.typical_customer.clone();
        self.edited(|s| {
            s.customers.push(Cohort::new(name, 1, profile));
            Ok(())
        })
    }

    /// Removes cohort `index` (0-based).
    ///
    /// # Errors
    /// An index past the last cohort; the scenario is unchanged.
    ///
    /// ```
    /// let mut s = headroom::model::preset("phase1-3-customers").unwrap();
    /// s.remove_cohort(0).unwrap();
    /// assert_eq!(s.customers[0].name, "Customer #2");
    /// assert_eq!(s.remove_cohort(5).unwrap_err().to_string(), "customers[5] = 5: allowed an index from 0 to 1");
    /// ```
    pub fn remove_cohort(&mut self, index: usize) -> Result<(), Error> {
        self.edited(|s| remove_at(&mut s.customers, index, "customers"))
    }

    /// Adds a fixed monthly line.
    ///
    /// # Errors
    /// A label that is empty or over 120 characters, an amount outside 0 to 10^7 USD, or more
    /// than 50 lines.
    ///
    /// ```
    /// let mut s = headroom::model::preset("week9-baseline").unwrap();
    /// s.add_fixed_line("Support tooling", 120.0).unwrap();
    /// let e = headroom::model::evaluate(&s).unwrap();
    /// assert!(e.line_items.iter().any(|l| l.label == "Support tooling" && l.amount_cents == 12_000));
    /// ```
    pub fn add_fixed_line(&mut self, label: &str, monthly_usd: f64) -> Result<(), Error> {
        self.edited(|s| {
            s.operations.fixed_lines.push(FixedLine { label: label.to_string(), monthly_usd });
            Ok(())
        })
    }

    /// Removes fixed line `index` (0-based).
    ///
    /// # Errors
    /// An index past the last line; the scenario is unchanged.
    pub fn remove_fixed_line(&mut self, index: usize) -> Result<(), Error> {
        self.edited(|s| remove_at(&mut s.operations.fixed_lines, index, "operations.fixedLines"))
    }

    /// Sets one value: a headline knob (`customers`, `peakQpsPerCustomer`,
    /// `egressGbPerCustomer`) or any field by its path, e.g. `network.cdnHitRatio`,
    /// `discounts.cud`, `customers[1].profile.acvUsd`, `cloudRun.regions` (comma-separated)
    /// or `priceOverrides.runRequests` ([`FieldValue::Clear`] removes an override).
    ///
    /// # Errors
    /// An unknown path, a value of the wrong kind, or a result that fails validation; the
    /// scenario is unchanged then.
    ///
    /// ```
    /// use headroom::model::FieldValue;
    /// let mut s = headroom::model::preset("week9-baseline").unwrap();
    /// s.set("network.cdnHitRatio", FieldValue::Number(0.8)).unwrap();
    /// assert_eq!(s.network.cdn_hit_ratio, 0.8);
    /// let e = s.set("network.cdnHitRatio", FieldValue::Number(1.5)).unwrap_err();
    /// assert_eq!(e.to_string(), "network.cdnHitRatio = 1.5: allowed a number from 0 to 1");
    /// assert_eq!(s.network.cdn_hit_ratio, 0.8);
    /// ```
    pub fn set(&mut self, path: &str, value: FieldValue) -> Result<(), Error> {
        self.edited(|s| s.apply(path, &value))
    }

    /// [`Scenario::set`] without validating the result (a knob's own bounds are checked): for
    /// callers that validate the changed scenario themselves, as evaluating it does.
    ///
    /// # Errors
    /// An unknown path, a value of the wrong kind, or a knob value out of its bounds; the
    /// scenario is unchanged then.
    pub(crate) fn apply(&mut self, path: &str, value: &FieldValue) -> Result<(), Error> {
        match (path, value) {
            ("customers", FieldValue::Number(n)) => self.move_customer_count(whole(path, *n)?),
            ("peakQpsPerCustomer", FieldValue::Number(x)) => {
                let current = self.peak_qps_per_customer();
                self.move_mean(path, *x, "typicalCustomer.peakQps", current, |p, to| {
                    (p.peak_qps, p.avg_qps) = (to(p.peak_qps), to(p.avg_qps));
                })?
            }
            ("egressGbPerCustomer", FieldValue::Number(x)) => {
                let current = self.egress_gb_per_customer();
                self.move_mean(path, *x, "typicalCustomer.egressGbPerMonth", current, |p, to| {
                    p.egress_gb_per_month = to(p.egress_gb_per_month)
                })?
            }
            _ => self.put(FieldPath::parse(path)?, value)?,
        }
        Ok(())
    }

    /// Runs `change` on a copy and keeps it only when it succeeds and the copy validates.
    fn edited(&mut self, change: impl FnOnce(&mut Scenario) -> Result<(), Error>) -> Result<(), Error> {
        let mut next = self.clone();
        change(&mut next)?;
        next.validate()?;
        *self = next;
        Ok(())
    }
}

/// Removes item `index` of `list`, which sits at `path`.
fn remove_at<T>(list: &mut Vec<T>, index: usize, path: &str) -> Result<(), Error> {
    if index >= list.len() {
        let allowed = match list.len() {
            0 => "no index: the list is empty".to_string(),
            n => format!("an index from 0 to {}", n - 1),
        };
        return Err(Error::single(format!("{path}[{index}]"), index.to_string(), allowed));
    }
    list.remove(index);
    Ok(())
}

/// `value` for the knob `path`, within the bounds of the field `like` (one customer's value).
fn check_knob(path: &str, value: f64, like: &str) -> Result<(), Error> {
    let field = FieldPath::parse(like)?.field;
    if value.is_finite() && (field.min..=field.max).contains(&value) {
        Ok(())
    } else {
        Err(Error::single(path, Num(value).to_string(), field.allowed()))
    }
}

fn whole(path: &str, x: f64) -> Result<u32, Error> {
    if x.is_finite() && x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&x) {
        Ok(x as u32)
    } else {
        Err(Error::single(path, Num(x).to_string(), format!("a whole number from 0 to {MAX_CUSTOMERS}")))
    }
}

impl Scenario {
    /// The scenario every field at its default: what a link leaves out. One cohort of one
    /// customer, one region, no fixed lines and no price overrides.
    ///
    /// ```
    /// let s = headroom::model::Scenario::defaults();
    /// assert_eq!(s.customer_count(), 1);
    /// assert_eq!(s.cloud_run.regions, ["us-central1"]);
    /// assert!(s.validate().is_ok());
    /// ```
    pub fn defaults() -> Scenario {
        let mut s = Scenario::default();
        for field in FIELDS.iter().filter(|f| f.list().is_none()) {
            (field.access.put)(&mut s, 0, &field.default.value());
        }
        for list in &LISTS {
            // Within max_len by construction.
            let _ = list.resize(&mut s, list.default_len);
        }
        s
    }

    /// Sets every field that schema version `since` brought to its row's default, in every
    /// list item (what a file or link of an earlier version lacks).
    pub(crate) fn default_fields_of(&mut self, since: u32) {
        for field in FIELDS.iter().filter(|f| f.since == since) {
            for i in 0..(field.access.len)(self) {
                (field.access.put)(self, i, &field.default.value());
            }
        }
    }

    /// Every value of the scenario, row by row (a list's items in order, price overrides in
    /// the order set).
    pub fn leaves(&self) -> impl Iterator<Item = Leaf<'_>> {
        let fields = FIELDS.iter().flat_map(move |field| {
            (0..(field.access.len)(self)).filter_map(move |index| {
                let value = (field.access.get)(self, index)?;
                Some(Leaf { at: FieldPath { field, index, key: "" }, value })
            })
        });
        let overrides = FIELDS.iter().filter(|f| f.path == "priceOverrides.*").flat_map(move |field| {
            self.price_overrides
                .iter()
                .map(move |(key, x)| Leaf { at: FieldPath { field, index: 0, key }, value: Value::Number(x) })
        });
        fields.chain(overrides)
    }

    /// The value at `path`; for a price override that is not set, [`FieldValue::Clear`].
    ///
    /// # Errors
    /// A malformed or unknown path, or a list item that is not there.
    ///
    /// ```
    /// use headroom::model::FieldValue;
    /// let s = headroom::model::preset("phase1-3-customers").unwrap();
    /// assert_eq!(s.get("customers[2].profile.acvUsd").unwrap(), FieldValue::Number(35000.0));
    /// assert_eq!(s.get("discounts.cud").unwrap(), FieldValue::Text("none".into()));
    /// assert!(s.get("customers[3].name").is_err());
    /// assert_eq!(s.get("priceOverrides.runRequests").unwrap(), FieldValue::Clear);
    /// ```
    pub fn get(&self, path: &str) -> Result<FieldValue, Error> {
        let at = FieldPath::parse(path)?;
        let value = if at.key.is_empty() {
            (at.field.access.get)(self, at.index).map(Value::to_owned)
        } else {
            Some(self.price_overrides.get(at.key).map_or(FieldValue::Clear, FieldValue::Number))
        };
        value.ok_or_else(|| Error::single(path, "", "a field that is there (no such item)"))
    }

    /// Writes `value` at `at` without validating the result; a price override's `Clear`
    /// removes it.
    ///
    /// # Errors
    /// A value of the wrong kind, or a list item that is not there.
    pub(crate) fn put(&mut self, at: FieldPath, value: &FieldValue) -> Result<(), Error> {
        if at.key.is_empty() && at.index >= (at.field.access.len)(self) {
            return Err(Error::single(at.to_string(), "", "a field that is there (no such item)"));
        }
        let done = match (at.key, value) {
            ("", _) => (at.field.access.put)(self, at.index, value),
            (key, FieldValue::Clear) => {
                self.price_overrides.remove(key);
                true
            }
            (key, FieldValue::Number(x)) => {
                self.price_overrides.set(key, *x + 0.0);
                true
            }
            _ => false,
        };
        if done { Ok(()) } else { Err(Error::single(at.to_string(), value.to_string(), at.field.allowed())) }
    }
}
