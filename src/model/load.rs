//! The daily load profile: how requests and Firestore operations spread over a day.
//!
//! Each customer has `peak_hours_per_day` hours at peak and the rest of the day at the
//! off-peak level that gives its daily mean. Peaks of all customers are taken to start at the
//! same hour (the seed's "all customers active simultaneously"), the worst case for capacity.
//! The sum over cohorts is then a step function with at most one step per cohort.

use super::scenario::{CustomerProfile, Network, Scenario};

/// Hours in a billing month, as Google bills.
pub const HOURS_PER_MONTH: f64 = 730.0;
/// Days in a billing month (730 / 24).
pub const DAYS_PER_MONTH: f64 = HOURS_PER_MONTH / 24.0;
/// Seconds in a billing month.
pub const SECONDS_PER_MONTH: f64 = HOURS_PER_MONTH * 3600.0;

impl CustomerProfile {
    /// Requests per second outside the peak hours, so the day's mean is `avg_qps`.
    ///
    /// ```
    /// let p = headroom::model::preset("week9-baseline").unwrap().customers[0].profile.clone();
    /// // 2 hours at 50 QPS and 22 hours at x average 15 QPS: x = (24*15 - 2*50) / 22.
    /// assert!((p.off_peak_qps() - 260.0 / 22.0).abs() < 1e-12);
    /// ```
    pub fn off_peak_qps(&self) -> f64 {
        let off_hours = 24.0 - self.peak_hours_per_day;
        if off_hours <= 0.0 {
            return self.peak_qps;
        }
        ((24.0 * self.avg_qps - self.peak_hours_per_day * self.peak_qps) / off_hours).max(0.0)
    }

    /// How much busier than the daily mean the peak is (`peak_qps / avg_qps`); 1 when idle.
    ///
    /// ```
    /// let p = headroom::model::preset("week9-baseline").unwrap().customers[0].profile.clone();
    /// assert!((p.peak_factor() - 50.0 / 15.0).abs() < 1e-12);
    /// ```
    pub fn peak_factor(&self) -> f64 {
        if self.avg_qps > 0.0 { self.peak_qps / self.avg_qps } else { 1.0 }
    }

    /// Requests per second at hour `hour_of_day` (0 to 24).
    fn level_at(&self, hour_of_day: f64) -> f64 {
        if hour_of_day < self.peak_hours_per_day { self.peak_qps } else { self.off_peak_qps() }
    }
}

impl Network {
    /// Share of requests Cloud CDN answers from its cache, 0 without CDN: the cacheable share
    /// times the hit ratio. Cache hits never reach the load balancer's backend: Cloud Run
    /// neither serves nor bills them.
    ///
    /// ```
    /// let s = headroom::model::preset("phase2-10-customers").unwrap();
    /// assert!((s.network.cache_hit_share() - 0.45).abs() < 1e-12); // 50% cacheable, 90% hits
    /// ```
    pub fn cache_hit_share(&self) -> f64 {
        self.hit_share(self.cdn)
    }

    /// [`Network::cache_hit_share`] with Cloud CDN on when `cdn`, whatever the scenario says.
    pub(crate) fn hit_share(&self, cdn: bool) -> f64 {
        if cdn { self.cdn_cacheable_share * self.cdn_hit_ratio } else { 0.0 }
    }
}

/// A stretch of the day at constant load, across all customers and regions.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Estimate.ts"))]
pub struct Segment {
    /// Length in hours per day; the segments of a day add up to 24.
    pub hours_per_day: f64,
    /// Requests per second during the segment, all customers.
    pub qps: f64,
    /// vCPU-seconds of request CPU per second during the segment (QPS x CPU per request,
    /// summed over customers), all regions.
    pub vcpu_demand: f64,
}

/// The day's load as segments, busiest first (peaks start together at hour 0).
///
/// ```
/// let s = headroom::model::preset("phase1-3-customers").unwrap();
/// let day = headroom::model::load::daily_profile(&s);
/// let hours: f64 = day.iter().map(|g| g.hours_per_day).sum();
/// assert!((hours - 24.0).abs() < 1e-12);
/// assert_eq!(day[0].qps, 125.0); // 50 + 40 + 35 at the shared peak
/// assert!((day[0].vcpu_demand - 125.0 * 0.006).abs() < 1e-12); // 6 ms of CPU each
/// ```
pub fn daily_profile(scenario: &Scenario) -> Vec<Segment> {
    // The distinct peak lengths in order, then the end of the day.
    let mut bounds: Vec<f64> = Vec::with_capacity(scenario.customers.len() + 1);
    bounds.push(24.0);
    for hours in scenario.customers.iter().filter(|c| c.count > 0).map(|c| c.profile.peak_hours_per_day) {
        let at = bounds.partition_point(|&b| b < hours);
        if bounds.get(at) != Some(&hours) {
            bounds.insert(at, hours);
        }
    }
    let mut start = 0.0;
    bounds
        .into_iter()
        .filter(|&end| end > 0.0)
        .map(|end| {
            let mid = (start + end) / 2.0;
            let (mut qps, mut vcpu_demand) = (0.0, 0.0);
            for c in &scenario.customers {
                let level = f64::from(c.count) * c.profile.level_at(mid);
                qps += level;
                vcpu_demand += level * c.profile.cpu_ms_per_request / 1000.0;
            }
            let segment = Segment { hours_per_day: end - start, qps, vcpu_demand };
            start = end;
            segment
        })
        .collect()
}
