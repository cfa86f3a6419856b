//! The planner: a scenario and its latest estimate, changed one value at a time, as the page
//! holds them while someone explores, and the scenarios pinned to compare with it. A refused
//! change leaves all of them as they were.

use serde::Serialize;

use super::compare::{Comparison, MAX_PINS, Pin, compare};
use super::error::Error;
use super::estimate::{Estimate, evaluate};
use super::fields::{Changed, FieldValue};
use super::link::{check_length, read_pinned, write_pinned};
use super::presets::{preset, preset_ids};
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

/// What a change did: the new estimate, and every value it moved (the one set and those it
/// moved besides, see [`Scenario::changed_since`]), so a page updates only those inputs.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Estimate.ts"))]
pub struct Update<'a> {
    /// The estimate of the changed scenario.
    pub estimate: &'a Estimate,
    /// The values that differ from before the change.
    pub changed: Vec<Changed>,
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
    /// At most [`MAX_PINS`], oldest (A) first.
    pins: Vec<Pin>,
}

impl Planner {
    /// A planner for `scenario`.
    ///
    /// # Errors
    /// Every problem with the scenario (see [`evaluate`]), or a share link longer than
    /// [`MAX_LINK_CHARS`](super::link::MAX_LINK_CHARS).
    pub fn new(scenario: Scenario) -> Result<Planner, Error> {
        let estimate = evaluate(&scenario)?;
        check_length(&scenario)?;
        Ok(Planner { scenario, estimate, pins: Vec::new() })
    }

    /// A planner for a share link (with or without the `#`): its scenario and its pins.
    ///
    /// # Errors
    /// The link's problems (see [`Scenario::from_link`]), a pin's under `pins[i].`, or more
    /// than [`MAX_PINS`] pins.
    ///
    /// ```
    /// use headroom::model::{FieldValue, Planner};
    /// let mut p = Planner::from_preset("week9-baseline").unwrap();
    /// p.pin().unwrap();
    /// p.set("customers", FieldValue::Number(3.0)).unwrap();
    /// let back = Planner::from_link(&p.link()).unwrap();
    /// assert_eq!(back.scenario(), p.scenario());
    /// assert_eq!(back.pins()[0].scenario, p.pins()[0].scenario);
    /// ```
    pub fn from_link(fragment: &str) -> Result<Planner, Error> {
        let (scenario, pins) = read_pinned(fragment, MAX_PINS)?;
        let mut planner = Planner::new(scenario)?;
        planner.pins = pins.into_iter().map(Pin::new).collect::<Result<_, _>>()?;
        Ok(planner)
    }

    /// The id of the preset the scenario equals (its pins and its deal aside: a prospect being
    /// priced changes no figure of the scenario), or `None` when it is none of them: a link, a
    /// file or a preset changed since. Builds each preset to compare (a few microseconds
    /// each), so it is for whole-scenario opens, not slider ticks.
    ///
    /// ```
    /// use headroom::model::{FieldValue, Planner};
    /// let mut p = Planner::from_preset("week9-baseline").unwrap();
    /// assert_eq!(p.matching_preset(), Some("week9-baseline"));
    /// p.set("deal.name", FieldValue::Text("Acme".into())).unwrap();
    /// assert_eq!(p.matching_preset(), Some("week9-baseline"));
    /// p.set("customers", FieldValue::Number(3.0)).unwrap();
    /// assert_eq!(p.matching_preset(), None);
    /// ```
    pub fn matching_preset(&self) -> Option<&'static str> {
        let same = |mut p: Scenario| {
            p.deal.clone_from(&self.scenario.deal);
            p == self.scenario
        };
        preset_ids().iter().copied().find(|id| preset(id).is_ok_and(same))
    }

    /// The scenario and its pins as a share-link fragment (without the `#`).
    pub fn link(&self) -> String {
        write_pinned(&self.scenario, self.pins.iter().map(|p| &p.scenario))
    }

    /// Pins the current scenario as the next column (A, then B, then C) to compare with.
    ///
    /// # Errors
    /// [`MAX_PINS`] are pinned already (path `pins`).
    pub fn pin(&mut self) -> Result<(), Error> {
        if self.pins.len() >= MAX_PINS {
            let allowed = format!("at most {MAX_PINS} pinned scenarios: unpin one first");
            return Err(Error::single("pins", format!("{} pinned scenarios", MAX_PINS + 1), allowed));
        }
        self.pins.push(Pin { scenario: self.scenario.clone(), estimate: self.estimate.clone() });
        Ok(())
    }

    /// Removes pin `index` (0 is A); later pins move up a column.
    ///
    /// # Errors
    /// No pin at `index` (path `pins[index]`).
    pub fn unpin(&mut self, index: usize) -> Result<(), Error> {
        self.pin_at(index)?;
        self.pins.remove(index);
        Ok(())
    }

    /// Names pin `index` (0 is A): its scenario's `name`, which heads its column (`A: <name>`)
    /// and travels with it in links and exports. The estimate does not depend on the name.
    ///
    /// # Errors
    /// No pin at `index` (path `pins[index]`), a name the field table's `name` row refuses
    /// (path `pins[index].name`), or one that makes the pin's link too long (path
    /// `pins[index].link`); the pin stays as it was.
    ///
    /// ```
    /// use headroom::model::Planner;
    /// let mut p = Planner::from_preset("week9-baseline").unwrap();
    /// p.pin().unwrap();
    /// p.rename_pin(0, "Before the CDN").unwrap();
    /// assert_eq!(p.comparison().names[0], "Before the CDN");
    /// ```
    pub fn rename_pin(&mut self, index: usize, name: &str) -> Result<(), Error> {
        let pin = self.pin_at(index)?;
        let mut scenario = pin.scenario.clone();
        let under = |e: Error| e.under(&format!("pins[{index}]."));
        scenario.set("name", FieldValue::Text(name.into())).map_err(under)?;
        check_length(&scenario).map_err(under)?;
        self.pins[index].scenario = scenario;
        Ok(())
    }

    /// Pin `index`, or an error naming `pins[index]`.
    fn pin_at(&self, index: usize) -> Result<&Pin, Error> {
        self.pins.get(index).ok_or_else(|| {
            let allowed = format!("a pinned scenario (there are {})", self.pins.len());
            Error::single(format!("pins[{index}]"), "", allowed)
        })
    }

    /// The pinned scenarios, A first.
    pub fn pins(&self) -> &[Pin] {
        &self.pins
    }

    /// The pins beside the current scenario (just the current column when nothing is pinned).
    pub fn comparison(&self) -> Comparison {
        compare(&self.pins, (&self.scenario, &self.estimate))
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
        self.scenario.knob(path).map_or_else(|| self.scenario.get(path), |x| Ok(FieldValue::Number(x)))
    }

    /// Sets one value (see [`Scenario::set`]) and re-estimates: one copy of the scenario, one
    /// validation (the estimate's). Returns the estimate and every value the change moved.
    ///
    /// # Errors
    /// The change's problems; the scenario and estimate stay as they were.
    ///
    /// ```
    /// use headroom::model::{FieldValue, Planner};
    /// let mut p = Planner::from_preset("phase1-3-customers").unwrap();
    /// let update = p.set("customers", FieldValue::Number(2.0)).unwrap();
    /// // The last cohort's customer (35 peak QPS) leaves: the count and the mean peak QPS (50
    /// // and 40 over two) move; the mean egress (400 GB each) does not.
    /// let moved: Vec<String> = update.changed.iter().map(|c| format!("{} = {}", c.path, c.value)).collect();
    /// assert_eq!(moved, ["customers = 2", "peakQpsPerCustomer = 45", "customers[2].count = 0"]);
    /// ```
    pub fn set(&mut self, path: &str, value: FieldValue) -> Result<Update<'_>, Error> {
        self.change(|s| s.apply(path, &value))
    }

    /// Sets several values in order (a saving's changes, see [`savings`](super::savings)) and
    /// re-estimates: all of them or, when one is refused, none.
    ///
    /// # Errors
    /// The first refused change's problems; the scenario and estimate stay as they were.
    ///
    /// ```
    /// use headroom::model::{FieldValue, Planner};
    /// let mut p = Planner::from_preset("phase1-3-customers").unwrap();
    /// let changes = [("network.cdn", FieldValue::Bool(true)), ("customers", FieldValue::Number(-1.0))];
    /// assert!(p.set_all(changes).is_err());
    /// assert_eq!(p.get("network.cdn").unwrap(), FieldValue::Bool(false));
    /// ```
    pub fn set_all<'a>(
        &mut self,
        changes: impl IntoIterator<Item = (&'a str, FieldValue)>,
    ) -> Result<Update<'_>, Error> {
        self.change(|s| changes.into_iter().try_for_each(|(path, value)| s.set(path, value)))
    }

    /// Applies `change` (e.g. [`Scenario::add_cohort`]) to the scenario and re-estimates.
    ///
    /// # Errors
    /// The change's problems; the scenario and estimate stay as they were.
    ///
    /// ```
    /// let mut p = headroom::model::Planner::from_preset("week9-baseline").unwrap();
    /// let update = p.change(|s| s.add_cohort("Prospect")).unwrap();
    /// assert_eq!(update.estimate.totals.customer_count, 2);
    /// assert_eq!(update.changed[0].path, "customers[]");
    /// ```
    pub fn change(&mut self, change: impl FnOnce(&mut Scenario) -> Result<(), Error>) -> Result<Update<'_>, Error> {
        let mut next = self.scenario.clone();
        change(&mut next)?;
        let changed = next.changed_since(&self.scenario);
        Ok(Update { estimate: self.replace(next)?, changed })
    }

    /// Replaces the whole scenario (a preset, a file) and re-estimates; the pins stay.
    ///
    /// # Errors
    /// The scenario's problems (as [`Planner::new`]); the planner stays as it was.
    pub fn replace(&mut self, scenario: Scenario) -> Result<&Estimate, Error> {
        let estimate = evaluate(&scenario)?;
        check_length(&scenario)?;
        self.estimate = estimate;
        self.scenario = scenario;
        Ok(&self.estimate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_is_named_by_its_scenarios_name_and_keeps_it_in_the_link() {
        let mut p = Planner::from_preset("phase1-3-customers").unwrap();
        p.pin().unwrap();
        p.set("network.cdn", FieldValue::Bool(true)).unwrap();
        p.pin().unwrap();
        let before = p.comparison();
        assert_eq!(before.names[0], preset("phase1-3-customers").unwrap().name);
        p.rename_pin(1, "With the CDN").unwrap();
        assert_eq!(p.pins()[1].scenario.name, "With the CDN");
        let after = p.comparison();
        assert_eq!(after.names, [before.names[0].as_str(), "With the CDN", before.names[2].as_str()]);
        // Only the heading changed: the figures and the inputs that differ are the same.
        assert_eq!(
            (&after.headline, &after.capacity, &after.inputs),
            (&before.headline, &before.capacity, &before.inputs)
        );
        // The link carries the name; a reopened planner heads the column with it.
        let back = Planner::from_link(&p.link()).unwrap();
        assert_eq!(back.pins()[1].scenario.name, "With the CDN");
        assert_eq!(back.comparison().names, after.names);
    }

    #[test]
    fn a_refused_pin_name_names_the_pins_field_and_changes_nothing() {
        let mut p = Planner::from_preset("week9-baseline").unwrap();
        p.pin().unwrap();
        let long = "x".repeat(121);
        let err = p.rename_pin(0, &long).unwrap_err();
        assert_eq!(err.problems().len(), 1);
        let problem = &err.problems()[0];
        assert_eq!(problem.path, "pins[0].name");
        assert!(err.to_string().starts_with("pins[0].name = "), "{err}");
        assert_eq!(p.pins()[0].scenario.name, preset("week9-baseline").unwrap().name);
        // The name row allows 120 characters.
        p.rename_pin(0, &long[..120]).unwrap();
        assert_eq!(p.pins()[0].scenario.name.len(), 120);
        let missing = p.rename_pin(1, "B").unwrap_err();
        assert_eq!(missing.to_string(), "pins[1]: a pinned scenario (there are 1)");
    }

    /// The planner's set (one copy, validated by the estimate) keeps and refuses what the
    /// scenario's own set (validated on its own) does, with the same messages.
    #[test]
    fn the_planners_set_agrees_with_the_scenarios_set() {
        let changes = [
            ("customers", FieldValue::Number(7.0)),
            ("customers", FieldValue::Number(2.5)),
            ("peakQpsPerCustomer", FieldValue::Number(12.0)),
            ("peakQpsPerCustomer", FieldValue::Number(2e5)),
            ("egressGbPerCustomer", FieldValue::Number(40.0)),
            ("cloudRun.minInstances", FieldValue::Number(999.0)),
            ("network.cdnHitRatio", FieldValue::Bool(true)),
            ("customers[9].name", FieldValue::Text("Nobody".into())),
            ("priceOverrides.runRequests", FieldValue::Number(0.5)),
        ];
        let mut refused = Vec::new();
        for (path, value) in changes {
            let mut p = Planner::from_preset("phase1-3-customers").unwrap();
            let mut s = p.scenario().clone();
            let by_planner = p.set(path, value.clone()).map(|_| ()).map_err(|e| e.to_string());
            let by_scenario = s.set(path, value.clone()).map_err(|e| e.to_string());
            assert_eq!(by_planner, by_scenario, "{path} = {value}");
            refused.extend(by_planner.err());
            assert_eq!(p.scenario(), &s, "{path} = {value}");
            assert_eq!(p.estimate(), &evaluate(&s).unwrap(), "{path} = {value}");
        }
        assert_eq!(
            refused,
            [
                "customers = 2.5: allowed a whole number from 0 to 100000",
                "peakQpsPerCustomer = 200000: allowed a number from 0 to 100000",
                // Within the row (0 to 1,000), above the preset's 50 max instances: validation's.
                "cloudRun.minInstances = 999: allowed a whole number from 0 to 50",
                "network.cdnHitRatio = true: allowed a number from 0 to 1",
                "customers[9].name: a field that is there (no such item)",
            ]
        );
    }

    /// Every value of `p` as `path = value` text: each leaf, each knob, each list's length
    /// (read through `leaves` and `get`, not through `changed_since`).
    fn values(p: &Planner) -> std::collections::BTreeMap<String, String> {
        let leaves = p.scenario().leaves().map(|l| (l.at.to_string(), l.value.to_owned().to_string()));
        let knobs = crate::model::KNOBS.iter().map(|k| (k.to_string(), p.get(k).unwrap().to_string()));
        let lists = crate::model::LISTS.iter().map(|l| (format!("{}[]", l.path), l.len(p.scenario()).to_string()));
        leaves.chain(knobs).chain(lists).collect()
    }

    /// What `set` says it moved is exactly what differs, read apart, before and after: knobs
    /// moving cohorts, a cohort's count moving the knobs, a cohort added by the customers knob,
    /// a price override set and cleared, guardrail-like changes made together.
    #[test]
    fn a_set_returns_exactly_the_values_that_moved() {
        let cases: [(&str, &[(&str, FieldValue)]); 7] = [
            ("phase1-3-customers", &[("customers", FieldValue::Number(9.0))]),
            ("phase1-3-customers", &[("customers[1].count", FieldValue::Number(4.0))]),
            ("phase2-10-customers", &[("peakQpsPerCustomer", FieldValue::Number(80.0))]),
            ("phase2-10-customers", &[("network.cdnHitRatio", FieldValue::Number(0.65))]),
            ("week9-baseline", &[("priceOverrides.runRequests", FieldValue::Number(0.5))]),
            (
                "week9-baseline",
                &[("network.cdn", FieldValue::Bool(true)), ("network.loadBalancer", FieldValue::Text("global".into()))],
            ),
            ("week9-baseline", &[("name", FieldValue::Text("Renamed".into()))]),
        ];
        for (id, changes) in cases {
            let mut p = Planner::from_preset(id).unwrap();
            let before = values(&p);
            let changed = p.set_all(changes.iter().map(|(path, v)| (*path, v.clone()))).unwrap().changed;
            let after = values(&p);
            let mut expected: Vec<(String, String)> =
                after.iter().filter(|(k, v)| before.get(*k) != Some(v)).map(|(k, v)| (k.clone(), v.clone())).collect();
            expected.sort();
            let mut got: Vec<(String, String)> =
                changed.iter().map(|c| (c.path.clone(), c.value.to_string())).collect();
            got.sort();
            assert_eq!(got, expected, "{id} {changes:?}");
            assert!(!got.is_empty(), "{id} {changes:?}");
        }
        // Clearing an override: its path with null, nothing else.
        let mut p = Planner::from_preset("week9-baseline").unwrap();
        p.set("priceOverrides.runRequests", FieldValue::Number(0.5)).unwrap();
        let changed = p.set("priceOverrides.runRequests", FieldValue::Clear).unwrap().changed;
        assert_eq!(
            changed,
            [crate::model::Changed { path: "priceOverrides.runRequests".into(), value: FieldValue::Clear }]
        );
        // The customers knob past the cohorts adds a "Typical customer" cohort: its length and
        // every field of the new item.
        let mut p = Planner::from_preset("phase1-3-customers").unwrap();
        let changed = p.set("customers", FieldValue::Number(5.0)).unwrap().changed;
        assert_eq!(changed[0].path, "customers[]");
        assert_eq!(changed[0].value, FieldValue::Number(4.0));
        assert!(
            changed
                .iter()
                .any(|c| c.path == "customers[3].name" && c.value == FieldValue::Text("Typical customer".into()))
        );
    }

    #[test]
    fn each_preset_and_its_link_match_that_preset_and_a_change_matches_none() {
        for id in preset_ids() {
            let mut p = Planner::from_preset(id).unwrap();
            assert_eq!(p.matching_preset(), Some(*id));
            assert_eq!(Planner::from_link(&p.link()).unwrap().matching_preset(), Some(*id));
            // Pins are not part of the match.
            p.pin().unwrap();
            assert_eq!(Planner::from_link(&p.link()).unwrap().matching_preset(), Some(*id));
            p.set("cloudRun.minInstances", FieldValue::Number(p.scenario().cloud_run.min_instances as f64 + 1.0))
                .unwrap();
            assert_eq!(p.matching_preset(), None, "{id} with one more min instance");
        }
        // A renamed preset is a scenario of one's own.
        let mut p = Planner::from_preset("seed-path").unwrap();
        p.set("name", FieldValue::Text("Our seed".into())).unwrap();
        assert_eq!(p.matching_preset(), None);
    }
}
