//! The planner: a scenario and its latest estimate, changed one value at a time, as the page
//! holds them while someone explores. A refused change leaves both as they were.

use serde::Serialize;

use super::error::Error;
use super::estimate::{Estimate, evaluate};
use super::fields::FieldValue;
use super::presets::preset;
use super::scenario::Scenario;

/// The headline knobs' current values, derived from the scenario.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Estimate.ts"))]
pub struct Knobs {
    /// Customers in all cohorts.
    pub customers: u64,
    /// Mean peak QPS of one customer.
    pub peak_qps_per_customer: f64,
    /// Mean egress of one customer, decimal GB a month.
    pub egress_gb_per_customer: f64,
}

/// A valid scenario and its estimate, always in step.
///
/// ```
/// use headroom::model::{FieldValue, Planner};
/// let mut p = Planner::from_preset("week9-baseline").unwrap();
/// let before = p.estimate().totals.monthly_cost_cents;
/// p.set("customers", FieldValue::Number(3.0)).unwrap();
/// assert!(p.estimate().totals.monthly_cost_cents > before);
/// assert!(p.set("customers", FieldValue::Number(-1.0)).is_err());
/// assert_eq!(p.knobs().customers, 3); // the refused change left the last good state
/// ```
#[derive(Debug, Clone)]
pub struct Planner {
    scenario: Scenario,
    estimate: Estimate,
}

impl Planner {
    /// A planner for `scenario`.
    ///
    /// # Errors
    /// Every problem with the scenario (see [`evaluate`]).
    pub fn new(scenario: Scenario) -> Result<Planner, Error> {
        let estimate = evaluate(&scenario)?;
        Ok(Planner { scenario, estimate })
    }

    /// A planner for the preset `id`.
    ///
    /// # Errors
    /// An unknown preset id.
    pub fn from_preset(id: &str) -> Result<Planner, Error> {
        Planner::new(preset(id)?)
    }

    /// The scenario.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The estimate of the scenario.
    pub fn estimate(&self) -> &Estimate {
        &self.estimate
    }

    /// The headline knobs' values.
    pub fn knobs(&self) -> Knobs {
        Knobs {
            customers: self.scenario.customer_count(),
            peak_qps_per_customer: self.scenario.peak_qps_per_customer(),
            egress_gb_per_customer: self.scenario.egress_gb_per_customer(),
        }
    }

    /// The value at `path`: a headline knob (`customers`, `peakQpsPerCustomer`,
    /// `egressGbPerCustomer`) or a field (see [`Scenario::get`]).
    ///
    /// # Errors
    /// A malformed or unknown path, or an item that is not there.
    ///
    /// ```
    /// use headroom::model::{FieldValue, Planner};
    /// let p = Planner::from_preset("phase1-3-customers").unwrap();
    /// assert_eq!(p.get("customers").unwrap(), FieldValue::Number(3.0));
    /// assert_eq!(p.get("network.cdn").unwrap(), FieldValue::Bool(false));
    /// ```
    pub fn get(&self, path: &str) -> Result<FieldValue, Error> {
        let knobs = self.knobs();
        match path {
            "customers" => Ok(FieldValue::Number(knobs.customers as f64)),
            "peakQpsPerCustomer" => Ok(FieldValue::Number(knobs.peak_qps_per_customer)),
            "egressGbPerCustomer" => Ok(FieldValue::Number(knobs.egress_gb_per_customer)),
            _ => self.scenario.get(path),
        }
    }

    /// Sets one value (see [`Scenario::set`]) and re-estimates.
    ///
    /// # Errors
    /// The change's problems; the scenario and estimate stay as they were.
    pub fn set(&mut self, path: &str, value: FieldValue) -> Result<&Estimate, Error> {
        self.change(|s| s.set(path, value))
    }

    /// Applies `change` (e.g. [`Scenario::add_cohort`]) to the scenario and re-estimates.
    ///
    /// # Errors
    /// The change's problems; the scenario and estimate stay as they were.
    ///
    /// ```
    /// let mut p = headroom::model::Planner::from_preset("week9-baseline").unwrap();
    /// let e = p.change(|s| s.add_cohort("Prospect")).unwrap();
    /// assert_eq!(e.totals.customer_count, 2);
    /// ```
    pub fn change(&mut self, change: impl FnOnce(&mut Scenario) -> Result<(), Error>) -> Result<&Estimate, Error> {
        let mut next = self.scenario.clone();
        change(&mut next)?;
        self.replace(next)
    }

    /// Replaces the whole scenario (a preset, a shared link, a file) and re-estimates.
    ///
    /// # Errors
    /// The scenario's problems; the planner stays as it was.
    pub fn replace(&mut self, scenario: Scenario) -> Result<&Estimate, Error> {
        *self = Planner::new(scenario)?;
        Ok(&self.estimate)
    }
}
