//! Usage ranges: the low and high scenarios behind a typical one.
//!
//! A scenario's [`Ranges`] give, for each usage input (peak QPS, mean QPS, egress, Firestore
//! reads, writes and deletes together, stored GB, CPU per request), a low and a high percent
//! of the typical value. [`Scenario::bound`] is the low or the high scenario: every cohort's
//! profile and the new-customer template scaled by those percents. [`evaluate`](super::evaluate)
//! evaluates both in full when a scenario has ranges, and the growth curve draws them as a band.

use serde::Serialize;

use super::fields::{MAX_CPU_MS, MAX_EGRESS_GB, MAX_OPS_PER_DAY, MAX_QPS, MAX_STORED_GB};
use super::scenario::{CustomerProfile, Ranges, Scenario};

/// Which end of the ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Estimate.ts"))]
pub enum Bound {
    /// Every usage input at its low percent.
    Low,
    /// Every usage input at its high percent.
    High,
}

/// Factors (percent / 100) for one end of the ranges, in the order of [`Ranges`]' pairs.
struct Factors {
    peak: f64,
    avg: f64,
    egress: f64,
    ops: f64,
    stored: f64,
    cpu: f64,
}

impl Ranges {
    /// The pairs (low, high) of percents, in field order.
    fn pairs(&self) -> [(f64, f64); 6] {
        [
            (self.peak_qps_low_pct, self.peak_qps_high_pct),
            (self.avg_qps_low_pct, self.avg_qps_high_pct),
            (self.egress_gb_low_pct, self.egress_gb_high_pct),
            (self.firestore_ops_low_pct, self.firestore_ops_high_pct),
            (self.stored_gb_low_pct, self.stored_gb_high_pct),
            (self.cpu_ms_per_request_low_pct, self.cpu_ms_per_request_high_pct),
        ]
    }

    /// True when any low or high differs from 100%.
    pub fn any(&self) -> bool {
        self.pairs().iter().any(|&(low, high)| low != 100.0 || high != 100.0)
    }

    fn factors(&self, bound: Bound) -> Factors {
        let f = self.pairs().map(|(low, high)| match bound {
            Bound::Low => low / 100.0,
            Bound::High => high / 100.0,
        });
        Factors { peak: f[0], avg: f[1], egress: f[2], ops: f[3], stored: f[4], cpu: f[5] }
    }
}

/// `p` with its usage scaled by `k` towards `bound`: each value multiplied by its factor and
/// kept within its field's maximum. The mean QPS is scaled by its own factor, then moved so
/// that no hour of the day goes the wrong way: a high scenario's mean is at least
/// `mean + (new peak - peak) × peak hours / 24` (the peak hours' extra requests on top of an
/// unchanged rest of the day), a low scenario's at most `mean - (peak - new peak) × peak
/// hours / 24`; and it stays within the new peak's bounds (new peak × peak hours / 24 to new
/// peak). So the load at every hour is at most the typical day's in the low scenario and at
/// least it in the high one, and a valid profile stays valid. Peak hours and ACV are not
/// usage and stay.
fn scale(p: &mut CustomerProfile, k: &Factors, bound: Bound) {
    let (peak, hours) = (p.peak_qps, p.peak_hours_per_day);
    p.peak_qps = (peak * k.peak).min(MAX_QPS);
    let shift = p.avg_qps + (p.peak_qps - peak) * hours / 24.0;
    let avg = (p.avg_qps * k.avg).min(MAX_QPS);
    let avg = match bound {
        Bound::Low => avg.min(shift),
        Bound::High => avg.max(shift),
    };
    // max then min (not clamp): never panics, whatever the input.
    p.avg_qps = avg.max(p.peak_qps * hours / 24.0).min(p.peak_qps);
    p.egress_gb_per_month = (p.egress_gb_per_month * k.egress).min(MAX_EGRESS_GB);
    p.firestore_reads_per_day = (p.firestore_reads_per_day * k.ops).min(MAX_OPS_PER_DAY);
    p.firestore_writes_per_day = (p.firestore_writes_per_day * k.ops).min(MAX_OPS_PER_DAY);
    p.firestore_deletes_per_day = (p.firestore_deletes_per_day * k.ops).min(MAX_OPS_PER_DAY);
    p.stored_gb = (p.stored_gb * k.stored).min(MAX_STORED_GB);
    p.cpu_ms_per_request = (p.cpu_ms_per_request * k.cpu).min(MAX_CPU_MS);
}

impl Scenario {
    /// True when any usage range differs from 100% of the typical value.
    ///
    /// ```
    /// let mut s = headroom::model::preset("week9-baseline").unwrap();
    /// assert!(!s.has_ranges());
    /// s.ranges.egress_gb_high_pct = 150.0;
    /// assert!(s.has_ranges());
    /// ```
    pub fn has_ranges(&self) -> bool {
        self.ranges.any()
    }

    /// The low or high scenario: every cohort's profile and the new-customer template with
    /// each usage input multiplied by its low or high percent / 100 (Firestore reads, writes
    /// and deletes by the one `firestoreOps` percent). Each scaled value is kept within its
    /// field's maximum; the mean QPS is also kept so that the load at every hour of the day
    /// is at most the typical day's in the low scenario and at least it in the high one, and
    /// within the scaled peak's bounds, so a valid scenario gives a valid one. (A higher peak
    /// at the same mean would take requests from the rest of the day, which is not more
    /// usage.) Peak hours, ACV and everything else stay. The result has no ranges itself
    /// (every percent 100).
    ///
    /// Usage only rises from low to typical to high, hour by hour, so cost does too.
    ///
    /// ```
    /// use headroom::model::{Bound, preset};
    /// let mut s = preset("week9-baseline").unwrap();
    /// (s.ranges.peak_qps_low_pct, s.ranges.avg_qps_low_pct) = (80.0, 50.0);
    /// s.ranges.firestore_ops_high_pct = 200.0;
    /// let low = s.bound(Bound::Low);
    /// // Peak 50 -> 40; mean 15 x 0.5 = 7.5, below 15 - 10 x 2 / 24 = 14.17 and above
    /// // 40 x 2 / 24 = 3.33.
    /// assert_eq!((low.customers[0].profile.peak_qps, low.customers[0].profile.avg_qps), (40.0, 7.5));
    /// s.ranges.avg_qps_low_pct = 100.0;
    /// // The peak hours lose 10 QPS for 2 hours; the rest of the day stays: 15 - 20 / 24.
    /// assert_eq!(s.bound(Bound::Low).customers[0].profile.avg_qps, 15.0 - 10.0 * 2.0 / 24.0);
    /// let high = s.bound(Bound::High);
    /// assert_eq!(high.customers[0].profile.firestore_reads_per_day, 16_000.0);
    /// assert_eq!(high.typical_customer.firestore_deletes_per_day, 400.0);
    /// assert!(!high.has_ranges() && high.validate().is_ok());
    /// ```
    pub fn bound(&self, bound: Bound) -> Scenario {
        let k = self.ranges.factors(bound);
        let mut s = self.clone();
        for c in &mut s.customers {
            scale(&mut c.profile, &k, bound);
        }
        scale(&mut s.typical_customer, &k, bound);
        s.ranges = Ranges::none();
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mean_stays_within_the_scaled_peak() {
        let mut s = crate::model::preset("phase1-3-customers").unwrap();
        // The mean up, the peak down: the mean is held at the new peak.
        (s.ranges.peak_qps_high_pct, s.ranges.avg_qps_high_pct) = (100.0, 1000.0);
        (s.ranges.peak_qps_low_pct, s.ranges.avg_qps_low_pct) = (10.0, 100.0);
        let high = s.bound(Bound::High);
        assert_eq!(high.customers[0].profile.avg_qps, 50.0);
        let low = s.bound(Bound::Low);
        // Peak 50 x 0.1 = 5; mean 15 held at 5.
        assert_eq!(low.customers[0].profile.avg_qps, 5.0);
        assert!(high.validate().is_ok() && low.validate().is_ok());
        // The mean down, the peak up: the mean is held at the new floor.
        (s.ranges.peak_qps_high_pct, s.ranges.avg_qps_high_pct) = (1000.0, 100.0);
        let high = s.bound(Bound::High);
        // Peak 500: the 2 peak hours gain 450 QPS, the rest of the day stays; 15 + 450 / 12.
        assert_eq!(high.customers[0].profile.avg_qps, 15.0 + 450.0 * 2.0 / 24.0);
        assert!(high.validate().is_ok());
    }

    /// The day's load at each step (peak hours, rest of the day) for a profile.
    fn day(p: &CustomerProfile) -> [f64; 2] {
        let h = p.peak_hours_per_day;
        [p.peak_qps, (24.0 * p.avg_qps - h * p.peak_qps) / (24.0 - h)]
    }

    #[test]
    fn every_hour_moves_the_right_way() {
        let base = crate::model::preset("phase2-10-customers").unwrap();
        let pcts = [1.0, 10.0, 50.0, 99.0, 100.0];
        for &pl in &pcts {
            for &al in &pcts {
                let mut s = base.clone();
                s.ranges = Ranges { peak_qps_low_pct: pl, avg_qps_low_pct: al, ..Ranges::none() };
                (s.ranges.peak_qps_high_pct, s.ranges.avg_qps_high_pct) = (10_000.0 / pl, 10_000.0 / al);
                let (low, high) = (s.bound(Bound::Low), s.bound(Bound::High));
                for i in 0..s.customers.len() {
                    let [t, l, h] = [&s, &low, &high].map(|x| day(&x.customers[i].profile));
                    for step in 0..2 {
                        assert!(
                            l[step] <= t[step] + 1e-9 && t[step] <= h[step] + 1e-9,
                            "{pl} {al} {i}: {l:?} {t:?} {h:?}"
                        );
                    }
                }
                assert!(low.validate().is_ok() && high.validate().is_ok(), "{pl} {al}");
            }
        }
    }

    #[test]
    fn scaled_values_stay_within_their_fields() {
        let mut s = crate::model::preset("week9-baseline").unwrap();
        s.customers[0].profile.peak_qps = 90_000.0;
        s.customers[0].profile.avg_qps = 90_000.0;
        s.customers[0].profile.stored_gb = 50_000.0;
        s.ranges = Ranges { peak_qps_high_pct: 1000.0, avg_qps_high_pct: 1000.0, ..Ranges::none() };
        s.ranges.stored_gb_high_pct = 1000.0;
        assert!(s.validate().is_ok());
        let high = s.bound(Bound::High);
        let p = &high.customers[0].profile;
        assert_eq!((p.peak_qps, p.avg_qps, p.stored_gb), (MAX_QPS, MAX_QPS, MAX_STORED_GB));
        assert!(high.validate().is_ok());
    }
}
