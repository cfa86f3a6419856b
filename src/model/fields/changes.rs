//! What a scenario changes from the defaults, as a link and an export's assumptions list it,
//! and what one change moved, as the page's inputs follow it.

use std::fmt;

use serde::Serialize;

use super::access::KNOBS;
use super::path::Leaf;
use super::table::{COHORT_PROFILE, LISTS, List, TYPICAL_PROFILE};
use super::values::{FieldValue, Value};
use crate::model::error::Error;
use crate::model::scenario::Scenario;

/// One value a change moved: a field's (`customers[2].count`, `priceOverrides.runRequests`), a
/// headline knob's (`customers`), or a list's length (`customers[]`, its new item count; items
/// removed are said by it alone).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Estimate.ts"))]
pub struct Changed {
    /// Where: a path [`Scenario::set`] takes, or a list's path and `[]`.
    pub path: String,
    /// The new value; `Clear` for a price override removed.
    #[cfg_attr(test, ts(type = "number | boolean | string | string[] | null"))]
    pub value: FieldValue,
}

impl Scenario {
    /// Every value that differs from `before`'s, lists' lengths first, then the headline knobs,
    /// then the fields in table order (a list's items in order) and the price overrides: what a
    /// [`Scenario::set`] moved besides the value it set (a knob moves cohorts, a cohort's count
    /// moves the knobs). Values are compared bit for bit.
    ///
    /// ```
    /// use headroom::model::FieldValue;
    /// let before = headroom::model::preset("phase1-3-customers").unwrap();
    /// let mut s = before.clone();
    /// s.set("customers[2].count", FieldValue::Number(3.0)).unwrap();
    /// let moved: Vec<String> = s.changed_since(&before).iter().map(|c| format!("{} = {}", c.path, c.value)).collect();
    /// // Peak QPS 50, 40 and 3 × 35 over 5 customers is 39; every cohort's egress is 400 GB, so
    /// // its mean stays.
    /// assert_eq!(moved, ["customers = 5", "peakQpsPerCustomer = 39", "customers[2].count = 3"]);
    /// ```
    pub fn changed_since(&self, before: &Scenario) -> Vec<Changed> {
        let number = |path: String, x: f64| Changed { path, value: FieldValue::Number(x) };
        let lists = LISTS.iter().filter(|l| l.len(self) != l.len(before));
        let mut out: Vec<Changed> = lists.map(|l| number(format!("{}[]", l.path), l.len(self) as f64)).collect();
        for knob in KNOBS {
            let (now, then) = (self.knob(knob), before.knob(knob));
            if now.map(f64::to_bits) != then.map(f64::to_bits) {
                out.extend(now.map(|x| number(knob.to_string(), x)));
            }
        }
        for leaf in self.leaves() {
            let then = match leaf.at.key {
                "" => (leaf.at.field.access.get)(before, leaf.at.index),
                key => before.price_overrides.get(key).map(Value::Number),
            };
            if then != Some(leaf.value) {
                out.push(Changed { path: leaf.at.to_string(), value: leaf.value.to_owned() });
            }
        }
        let removed = before.price_overrides.iter().filter(|(key, _)| self.price_overrides.get(key).is_none());
        out.extend(removed.map(|(key, _)| Changed { path: format!("priceOverrides.{key}"), value: FieldValue::Clear }));
        out
    }

    /// What differs from [`Scenario::defaults`]: list lengths, cohorts made from the
    /// new-customer template, and values (a list item's from its row's default, or for a
    /// cohort made from the template, from the template's): what a link and an export's
    /// assumptions list. A cohort is made from the template when its profile differs from the
    /// template in fewer fields than from the defaults.
    ///
    /// ```
    /// use headroom::model::{FieldValue, Scenario};
    /// let mut s = Scenario::defaults();
    /// s.set("network.cdnHitRatio", FieldValue::Number(0.8)).unwrap();
    /// s.add_cohort("Prospect").unwrap();
    /// s.set("customers[1].profile.acvUsd", FieldValue::Number(90_000.0)).unwrap();
    /// let text: Vec<String> = s.changes().iter().map(|c| c.to_string()).collect();
    /// assert_eq!(text, [
    ///     "customers[] = 2",
    ///     "customers[1].profile = typicalCustomer",
    ///     "customers[1].name = \"Prospect\"",
    ///     "customers[1].profile.acvUsd = 90000",
    ///     "network.cdnHitRatio = 0.8",
    /// ]);
    /// ```
    pub fn changes(&self) -> Vec<Change<'_>> {
        let lists = LISTS.iter().filter(|l| l.len(self) != l.default_len);
        let mut out: Vec<Change> = lists.map(|l| Change::Length(l, l.len(self))).collect();
        let like: Vec<bool> = (0..self.customers.len()).map(|i| self.like_template(i)).collect();
        out.extend(like.iter().enumerate().filter(|(_, like)| **like).map(|(i, _)| Change::Template(i)));
        for leaf in self.leaves().filter(|leaf| leaf.at.field.path != "schemaVersion") {
            let from_template = like.get(leaf.at.index).copied().unwrap_or(false);
            let same = match COHORT_PROFILE.iter().position(|f| f == leaf.at.field) {
                Some(k) if from_template => (TYPICAL_PROFILE[k].access.get)(self, 0) == Some(leaf.value),
                _ => leaf.at.field.default.is(leaf.value),
            };
            if !same {
                out.push(Change::Value(leaf));
            }
        }
        out
    }

    /// True when cohort `i`'s profile differs from the template in fewer fields than from the
    /// defaults.
    fn like_template(&self, i: usize) -> bool {
        let (mut from_template, mut from_defaults) = (0, 0);
        for (cohort, typical) in COHORT_PROFILE.iter().zip(&TYPICAL_PROFILE) {
            let value = (cohort.access.get)(self, i);
            from_template += usize::from(value != (typical.access.get)(self, 0));
            from_defaults += usize::from(!value.is_some_and(|v| cohort.default.is(v)));
        }
        from_template < from_defaults
    }

    /// Sets cohort `i`'s profile to the new-customer template's (validated on evaluation).
    ///
    /// # Errors
    /// No cohort `i`.
    pub fn profile_from_template(&mut self, i: usize) -> Result<(), Error> {
        let typical = self.typical_customer.clone();
        let cohort = self.customers.get_mut(i);
        let cohort = cohort.ok_or_else(|| {
            Error::single(format!("customers[{i}].profile"), "typicalCustomer", "a cohort that is there")
        })?;
        cohort.profile = typical;
        Ok(())
    }
}

/// One difference from [`Scenario::defaults`] (see [`Scenario::changes`]).
#[derive(Debug, Clone, Copy)]
pub enum Change<'a> {
    /// A list of this many items.
    Length(&'static List, usize),
    /// Cohort `i`'s profile starts as the new-customer template's.
    Template(usize),
    /// A value.
    Value(Leaf<'a>),
}

/// As `path = value`: `customers[] = 3`, `customers[3].profile = typicalCustomer`,
/// `network.cdnHitRatio = 0.8`.
impl fmt::Display for Change<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Length(list, n) => write!(f, "{}[] = {n}", list.path),
            Change::Template(i) => write!(f, "customers[{i}].profile = typicalCustomer"),
            Change::Value(leaf) => write!(f, "{} = {}", leaf.at, leaf.value.to_owned()),
        }
    }
}
