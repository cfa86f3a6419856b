//! M/M/c (Erlang C) and M/G/c (Allen-Cunneen) queues: probability of waiting, mean wait and
//! response-time percentiles.
//!
//! # Model
//!
//! Requests arrive as a Poisson process at `lambda` requests/s; each needs an exponentially
//! distributed service time with mean `1/mu` seconds; `c` identical servers take requests from
//! one shared first-come-first-served queue. For a Cloud Run service the servers are the
//! concurrency slots, `c = instances * max_concurrency`.
//!
//! With offered load `a = lambda/mu` (Erlangs), utilization `rho = a/c` and
//! `theta = c*mu - lambda` (1/s):
//!
//! - the queue is stable only when `rho < 1`; every estimate is `None` otherwise;
//! - an arriving request waits with the Erlang C probability `C = B / (1 - rho*(1 - B))`, where
//!   `B` is the Erlang B blocking probability of `c` servers at load `a`;
//! - a request that waits does so for an exponential time with rate `theta`, so the mean wait
//!   is `C / theta`;
//! - the response time `T` (wait + service) has the survival function
//!   `P(T > t) = (1-C)*exp(-mu*t) + C*(theta*exp(-mu*t) - mu*exp(-theta*t)) / (theta - mu)`,
//!   with the limit `(1-C)*exp(-mu*t) + C*(1 + mu*t)*exp(-mu*t)` at `theta = mu`; percentiles
//!   invert it numerically.
//!
//! Check against simulation: `c = 20`, `lambda = 16/s`, `mu = 1/s` gives `P(T > 2 s) = 0.1469`;
//! a 400,000-request simulation gave 0.1472.
//!
//! # Numerics and cost
//!
//! Everything that depends only on the queue (Erlang C and the constants of the response-time
//! tail) is computed once in [`MmcQueue::new`]; a percentile then costs a few `exp`/`ln` calls.
//!
//! - Negligible waiting, in O(1): since `rho - 1 - ln(rho) >= (1 - rho)^2 / 2`, the bound below
//!   gives `C < 1e-18` whenever `c * (1 - rho)^2 > 80`, and `C` is then taken as exactly 0
//!   without further work. This is every lightly loaded large pool: 8,000 slots below
//!   `rho = 0.9`, 1,000 slots below `rho = 0.71`.
//! - Erlang B, up to 128 servers: the recursion `B_0 = 1`, `B_k = a*B_(k-1) / (k + a*B_(k-1))`,
//!   run on reciprocals, `1/B_k = 1 + (k/a) / B_(k-1)` (the same recursion without a division
//!   per step), four steps at a time. It stops early once `B_k < 1e-16 * (1 - rho)`: `B_k`
//!   decreases in `k` and `C <= B_c / (1 - rho)`, so `C < 1e-16` and is taken as exactly 0.
//! - Erlang B, above 128 servers: `B = pi_c / P(N <= c)` with `N ~ Poisson(a)` and
//!   `pi_c = P(N = c)` from Stirling's series. Since `c >= a`, `P(N <= c) >= 1/2`, so when
//!   `2*pi_c / (1 - rho) < 1e-16` Erlang C is again taken as 0. Otherwise
//!   `P(N > c) = pi_c * sum_(m>=1) a^m c!/(c+m)!`, a series whose terms fall at least as fast
//!   as `rho^m`, summed eight terms per division until the rest is below 1e-16 of the sum:
//!   about `min(37/(1 - rho), 9*sqrt(c))` terms. Relative accuracy of `C` is about 1e-13.
//! - Percentiles: when `C < 1e-12` the response time is the service time, an exponential, and
//!   the percentile is `-ln(1-p)/mu` in closed form. Otherwise Newton steps with Halley's
//!   curvature correction solve `ln P(T > t) = ln(1-p)` inside a proven bracket (steps that
//!   leave it become bisections), starting from the slower exponential of the tail, to a
//!   relative tolerance of 1e-9: one to three iterations in practice, never more than 100.
//!
//! Rough costs (release build, one core of a shared cloud VM): `new` plus p50, p95 and p99
//! take about 50 ns for 8,000 slots at `rho < 0.9`, 350 ns for 100 slots at `rho = 0.9` and
//! 750 ns for 8,000 slots at `rho = 0.99`; the series makes extreme pools near saturation
//! slower (a million slots at `rho = 0.999`: about 6 us).
//!
//! # Known optimism for Cloud Run
//!
//! The estimates are a lower bound on what Cloud Run will show, for several reasons:
//!
//! - One shared queue: the model lets a request take *any* free slot of *any* instance the
//!   moment one frees up. Cloud Run's front end routes each request to one instance, so a
//!   request can wait (or be held pending) at one instance while another has idle slots.
//!   Perfect pooling is the best case; committing requests to instances adds waiting, and near
//!   saturation far more than the model shows, since the model's wait reflects the spare
//!   capacity of the whole pool (`theta`), not of one instance.
//! - Independent servers: concurrent requests on one instance share its vCPUs and memory, so
//!   service time grows with concurrency; these queues treat every slot as a full server (the
//!   sizing adds the sharing of vCPUs, [`crate::model::contention`], but not of memory).
//! - Exponential service and Poisson arrivals: real latency distributions and traffic are
//!   usually burstier and heavier-tailed, which lengthens high percentiles.
//! - Steady state: cold starts, autoscaling lag and request timeouts are not modelled.
//!
//! Read the percentiles as "at least this slow", and keep utilization well below 1.

use std::f64::consts::{LN_2, PI};

use super::service::ServiceTime;

/// Above this many servers Erlang B comes from the Poisson distribution instead of the
/// `c`-step recursion.
const RECURSION_MAX_SERVERS: u32 = 128;
/// Erlang C below this bound is taken as exactly 0 (see the module docs).
const NEGLIGIBLE_WAIT_PROB: f64 = 1e-16;
/// Below this probability of waiting, the response time is taken as the service time alone.
const CLOSED_FORM_WAIT_PROB: f64 = 1e-12;
/// Relative tolerance of the percentile solver.
const PERCENTILE_REL_TOL: f64 = 1e-9;
/// Most iterations the percentile solver makes.
const PERCENTILE_MAX_ITER: u32 = 100;
/// Below this value of `(theta - mu)*t`, `(1 - exp(-x))/x` is taken from its series.
const SMALL_RATE_GAP: f64 = 1e-8;

/// An M/M/c queue: Poisson arrivals, exponential service, `servers` identical servers, one
/// shared FIFO queue.
///
/// Build it with [`MmcQueue::new`]; the probability of waiting is computed once there.
///
/// ```
/// use headroom::model::queue::MmcQueue;
///
/// // 2 instances x 80 concurrency, 50 ms mean service, 2,400 requests/s: 75% busy.
/// let q = MmcQueue::new(2_400.0, 0.050, 160);
/// assert!((q.utilization() - 0.75).abs() < 1e-12);
/// let p99 = q.response_time_percentile_s(0.99).unwrap();
/// assert!(p99 >= 0.050 * (100.0_f64).ln()); // never faster than the service time alone
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MmcQueue {
    /// Arrival rate `lambda`, requests/s.
    lambda: f64,
    /// Service rate of one server `mu`, 1/s.
    mu: f64,
    /// Number of servers `c`.
    servers: u32,
    /// `lambda / (c*mu)`; `None` for invalid parameters.
    rho: Option<f64>,
    /// `c*mu - lambda`, 1/s; 0 for invalid parameters.
    theta: f64,
    /// Erlang C; `None` when unstable or invalid.
    wait_prob: Option<f64>,
    /// `ln C`; only used when `C >= CLOSED_FORM_WAIT_PROB`.
    ///
    /// Unused cached values are 0 rather than NaN, so that equal inputs compare equal.
    ln_wait_prob: f64,
    /// `ln A`, where `P(T > t) = A exp(-r t) + (1 - A) exp(-(r + d) t)` with
    /// `r = min(mu, theta)`, `d = |theta - mu| > 0`; `+inf` when `theta == mu`. Only used
    /// when `C >= CLOSED_FORM_WAIT_PROB`.
    ln_tail_amp: f64,
    /// `ln(|1 - A| / A)`: the weight of the faster exponential relative to the slower one.
    ln_tail_mix: f64,
}

impl MmcQueue {
    /// A queue with `arrivals_per_s` requests/s (`>= 0`), mean service time `mean_service_s`
    /// seconds (`> 0`) and `servers` servers (`>= 1`), all finite.
    ///
    /// Never panics. Parameters outside those ranges (negative or non-finite rates, zero
    /// servers, a service time so short that `servers / mean_service_s` overflows) give a queue
    /// whose [`utilization`](Self::utilization) is NaN and whose estimates are all `None`.
    ///
    /// Cost: Erlang C is computed here (see the module docs): in O(1), about 10 ns, when
    /// `servers * (1 - rho)^2 > 80` (any lightly loaded pool); otherwise in at most
    /// `servers / 4` recursion steps up to 128 servers, and above in about
    /// `min(37/(1 - rho), 9*sqrt(servers)) / 8` series steps: 0.1 to 0.6 us for up to 8,000
    /// servers.
    ///
    /// ```
    /// use headroom::model::queue::MmcQueue;
    ///
    /// let q = MmcQueue::new(16.0, 1.0, 20);
    /// assert!((q.utilization() - 0.8).abs() < 1e-15);
    ///
    /// let bad = MmcQueue::new(f64::NAN, 1.0, 20);
    /// assert!(bad.utilization().is_nan());
    /// assert_eq!(bad.response_time_percentile_s(0.5), None);
    /// ```
    pub fn new(arrivals_per_s: f64, mean_service_s: f64, servers: u32) -> MmcQueue {
        let mu = 1.0 / mean_service_s;
        let capacity = f64::from(servers) * mu;
        let valid = arrivals_per_s.is_finite()
            && arrivals_per_s >= 0.0
            && mean_service_s.is_finite()
            && mean_service_s > 0.0
            && servers >= 1
            && mu.is_finite()
            && capacity.is_finite();
        let mut q = MmcQueue {
            lambda: arrivals_per_s,
            mu,
            servers,
            rho: None,
            theta: 0.0,
            wait_prob: None,
            ln_wait_prob: 0.0,
            ln_tail_amp: 0.0,
            ln_tail_mix: 0.0,
        };
        if !valid {
            return q;
        }
        let rho = arrivals_per_s / capacity;
        q.rho = Some(rho);
        q.theta = capacity - arrivals_per_s;
        if !(rho < 1.0 && q.theta > 0.0) {
            return q;
        }
        // C <= 1 mathematically; min() only guards the last bit.
        let wait_prob = erlang_c(arrivals_per_s * mean_service_s, servers, rho).min(1.0);
        q.wait_prob = Some(wait_prob);
        if wait_prob >= CLOSED_FORM_WAIT_PROB {
            q.ln_wait_prob = wait_prob.ln();
            // P(T > t) = A exp(-r t) + (1 - A) exp(-(r + d) t): A = 1 + C mu/d when theta > mu,
            // A = C mu/d when theta < mu (exactly 1 for M/M/1).
            let gap = (q.theta - mu).abs();
            let own_service = if q.theta > mu { 1.0 } else { 0.0 };
            let amp = own_service + wait_prob * mu / gap;
            q.ln_tail_amp = amp.ln(); // +inf when theta == mu
            if amp.is_finite() {
                q.ln_tail_mix = ((1.0 - amp).abs() / amp).ln();
            }
        }
        q
    }

    /// Utilization `rho = lambda / (c * mu)`, dimensionless: the mean share of servers busy,
    /// `>= 0`; the queue is stable only below 1. NaN for invalid parameters.
    ///
    /// ```
    /// use headroom::model::queue::MmcQueue;
    ///
    /// // 90 requests/s, 1 s each, on 100 servers.
    /// assert!((MmcQueue::new(90.0, 1.0, 100).utilization() - 0.9).abs() < 1e-15);
    /// assert_eq!(MmcQueue::new(300.0, 1.0, 100).utilization(), 3.0); // overloaded
    /// ```
    pub fn utilization(&self) -> f64 {
        self.rho.unwrap_or(f64::NAN)
    }

    /// Erlang C: the probability, in `[0, 1]`, that an arriving request finds every server busy
    /// and waits. `None` when utilization `>= 1` (unstable queue) or the parameters are invalid.
    ///
    /// Where the true value is provably below 1e-16 it is returned as exactly 0 (see the module
    /// docs).
    ///
    /// ```
    /// use headroom::model::queue::MmcQueue;
    ///
    /// // Two servers at offered load 1 Erlang: C = 1/3.
    /// let c = MmcQueue::new(1.0, 1.0, 2).wait_probability().unwrap();
    /// assert!((c - 1.0 / 3.0).abs() < 1e-15);
    /// // One server (M/M/1): C = rho.
    /// assert!((MmcQueue::new(0.7, 1.0, 1).wait_probability().unwrap() - 0.7).abs() < 1e-15);
    /// assert_eq!(MmcQueue::new(2.0, 1.0, 2).wait_probability(), None); // rho = 1
    /// ```
    pub fn wait_probability(&self) -> Option<f64> {
        self.wait_prob
    }

    /// Mean time a request spends queued before service starts, seconds, `>= 0`:
    /// `C / (c*mu - lambda)`, averaged over all requests (including those that do not wait).
    /// `None` when unstable or the parameters are invalid.
    ///
    /// ```
    /// use headroom::model::queue::MmcQueue;
    ///
    /// // M/M/1 with rho = 0.5 and 1 s service: Wq = rho / (mu - lambda) = 1 s.
    /// let w = MmcQueue::new(0.5, 1.0, 1).mean_wait_s().unwrap();
    /// assert!((w - 1.0).abs() < 1e-15);
    /// ```
    pub fn mean_wait_s(&self) -> Option<f64> {
        self.wait_prob.map(|c| c / self.theta)
    }

    /// Probability, in `[0, 1]`, that a request's response time (wait + service) exceeds `t_s`
    /// seconds: `P(T > t_s)`. It is 1 for `t_s <= 0` and 0 for `t_s = +inf`. `None` when
    /// unstable, the parameters are invalid or `t_s` is NaN.
    ///
    /// ```
    /// use headroom::model::queue::MmcQueue;
    ///
    /// // 20 servers, 16 requests/s, 1 s mean service: P(T > 2 s) = 0.1469
    /// // (a 400,000-request simulation gave 0.1472).
    /// let q = MmcQueue::new(16.0, 1.0, 20);
    /// assert!((q.response_time_exceedance(2.0).unwrap() - 0.1469).abs() < 5e-5);
    /// assert_eq!(q.response_time_exceedance(0.0), Some(1.0));
    /// ```
    pub fn response_time_exceedance(&self, t_s: f64) -> Option<f64> {
        let wait_prob = self.wait_prob?;
        if t_s.is_nan() {
            None
        } else if t_s <= 0.0 {
            Some(1.0)
        } else if t_s == f64::INFINITY {
            Some(0.0)
        } else {
            Some(self.tail(t_s, wait_prob).survival.clamp(0.0, 1.0))
        }
    }

    /// The `p`-th quantile of the response time (wait + service), seconds, for `0 < p < 1`
    /// (e.g. `0.99` for p99): the `t` with `P(T > t) = 1 - p`, to a relative accuracy of about
    /// 1e-9. Always at least the service-time quantile `-ln(1-p) * mean_service_s`. `None` when
    /// unstable, the parameters are invalid or `p` is outside `(0, 1)`.
    ///
    /// Cost: closed form (one `ln`) when the probability of waiting is below 1e-12; otherwise
    /// one to three solver steps, each an `exp`, an `exp_m1` and an `ln`: 50 to 150 ns.
    ///
    /// ```
    /// use headroom::model::queue::MmcQueue;
    ///
    /// // M/M/1: the response time is exponential with rate mu - lambda = 0.5/s.
    /// let q = MmcQueue::new(0.5, 1.0, 1);
    /// let p95 = q.response_time_percentile_s(0.95).unwrap();
    /// assert!((p95 - 20.0_f64.ln() / 0.5).abs() < 1e-8);
    ///
    /// // 8,000 lightly loaded slots: nobody waits, the service time alone (50 ms mean).
    /// let big = MmcQueue::new(16_000.0, 0.050, 8_000);
    /// let p50 = big.response_time_percentile_s(0.5).unwrap();
    /// assert!((p50 - 0.050 * 2.0_f64.ln()).abs() < 1e-15);
    ///
    /// assert_eq!(q.response_time_percentile_s(1.0), None);
    /// assert_eq!(MmcQueue::new(1.0, 1.0, 1).response_time_percentile_s(0.5), None); // rho = 1
    /// ```
    pub fn response_time_percentile_s(&self, p: f64) -> Option<f64> {
        if !(p > 0.0 && p < 1.0) {
            return None;
        }
        let wait_prob = self.wait_prob?;
        // ln(1 - p); 1 - p is exact for p >= 1/2, ln_1p keeps small p accurate.
        let ln_q = if p >= 0.5 { (1.0 - p).ln() } else { (-p).ln_1p() };
        if wait_prob < CLOSED_FORM_WAIT_PROB {
            return Some(-ln_q / self.mu);
        }
        Some(self.solve_percentile(ln_q, wait_prob).0)
    }

    /// Solves `ln P(T > t) = ln_q` for `t`; returns `t` and the iterations used.
    ///
    /// Bracket: `T >= S` (service) and `T >= W` (wait) give
    /// `P(T > t) >= max(exp(-mu t), C exp(-theta t))`, hence the lower end; and
    /// `P(S + W > x + y) <= P(S > x) + P(W > y)` with each term `q/2` gives the upper end.
    /// Steps on `h(t) = ln P(T > t) - ln q` are Newton's with Halley's curvature correction;
    /// those that leave the bracket become bisections. It stops when the Newton step is below
    /// 1e-3 of `t` and the error Newton alone would leave, `|h''/(2h')| step^2`, is below a
    /// tenth of the tolerance (the corrected step leaves less), or when bisection has shrunk the
    /// bracket to the tolerance.
    fn solve_percentile(&self, ln_q: f64, wait_prob: f64) -> (f64, u32) {
        let (mu, theta) = (self.mu, self.theta);
        let slow = mu.min(theta);
        let gap = (theta - mu).abs();
        let mut lo = (-ln_q / mu).max((self.ln_wait_prob - ln_q) / theta);
        let mut hi = (LN_2 - ln_q) / mu + ((LN_2 + self.ln_wait_prob - ln_q) / theta).max(0.0);
        // Start from the slow exponential alone, A exp(-r t) = q, where the fast one weighs
        // under 5% of it; otherwise (theta near mu) from one fixed-point step for the
        // theta = mu tail exp(-r t) (1 + C r t) = q: r t = -ln q + ln(1 - C ln q).
        let t_tail = (self.ln_tail_amp - ln_q) / slow;
        let t_start = if gap > 0.0 && self.ln_tail_mix - gap * t_tail < -3.0 {
            t_tail
        } else {
            (-ln_q + (-wait_prob * ln_q).ln_1p()) / slow
        };
        let mut t = t_start.max(lo).min(hi);
        for iter in 1..=PERCENTILE_MAX_ITER {
            let tail = self.tail(t, wait_prob);
            let (s, f) = (tail.survival, tail.density);
            // h is decreasing, h' = -f/S. Near S = 1 (small p), ln(1 - F) from the directly
            // computed F = 1 - S keeps full relative accuracy.
            let ln_s = if s < 0.99 { s.ln() } else { (-self.cdf(t, wait_prob)).ln_1p() };
            let h = ln_s - ln_q;
            if h > 0.0 {
                lo = t;
            } else if h < 0.0 {
                hi = t;
            } else {
                return (t, iter);
            }
            // Newton step, then Halley's correction for the curvature when it is small:
            // next = t + N / (1 + N h''/(2h')), with h''/(2h') = f'/(2f) + f/(2S).
            let newton = h * s / f;
            let bend = newton * 0.5 * (tail.density_slope / f + f / s);
            let step = if bend.abs() < 0.5 { newton / (1.0 + bend) } else { newton };
            let next = t + step;
            if next >= lo && next <= hi {
                // Newton alone would leave an error of about |bend * newton| (Halley less),
                // once the step is small enough for the higher-order terms not to matter.
                let small = newton.abs() <= 1e-3 * next;
                if small && (bend * newton).abs() <= 0.1 * PERCENTILE_REL_TOL * next {
                    return (next, iter);
                }
                t = next;
            } else {
                t = 0.5 * (lo + hi);
                if hi - lo <= PERCENTILE_REL_TOL * t {
                    return (t, iter);
                }
            }
        }
        (t, PERCENTILE_MAX_ITER)
    }

    /// `P(T > t)`, its density `f = -d/dt P(T > t)` and `f' = df/dt` at `t > 0` (finite), for a
    /// stable queue.
    ///
    /// With `r = min(mu, theta)`, `d = |theta - mu|` and `phi = (1 - exp(-d t))/d` (`= t` at
    /// `d = 0`), the wait-plus-service term `(theta e^(-mu t) - mu e^(-theta t))/(theta - mu)`
    /// equals `e^(-r t) (1 + r phi)` for either sign of `theta - mu`, and its density is
    /// `mu theta phi e^(-r t)`. `phi` via `exp_m1` has no cancellation as `d -> 0`, so the
    /// `theta = mu` limit `(1 + mu t) e^(-mu t)` is reached continuously; below
    /// `d t = 1e-8` the series `t (1 - d t/2)` is used.
    fn tail(&self, t: f64, wait_prob: f64) -> Tail {
        let (mu, theta) = (self.mu, self.theta);
        let slow = mu.min(theta);
        let gap = (theta - mu).abs();
        let x = gap * t;
        let (decay, phi) = if x < SMALL_RATE_GAP {
            (1.0 - x, t * (1.0 - 0.5 * x))
        } else {
            let m1 = (-x).exp_m1();
            (1.0 + m1, -m1 / gap)
        };
        let e_slow = (-slow * t).exp();
        let e_mu = if theta >= mu {
            e_slow
        } else if x <= 1.0 {
            e_slow * decay
        } else {
            (-mu * t).exp() // decay = 1 + exp_m1 loses relative accuracy when tiny
        };
        let own = 1.0 - wait_prob;
        Tail {
            survival: own * e_mu + wait_prob * e_slow * (1.0 + slow * phi),
            density: own * mu * e_mu + wait_prob * mu * theta * phi * e_slow,
            // d/dt (phi e^(-r t)) = e^(-r t) (e^(-d t) - r phi).
            density_slope: -own * mu * mu * e_mu + wait_prob * mu * theta * e_slow * (decay - slow * phi),
        }
    }

    /// `P(T <= t) = 1 - P(T > t)` at `t > 0` (finite), computed without cancelling against 1,
    /// so it keeps its relative accuracy for small `t`; notation as in
    /// [`tail`](Self::tail).
    fn cdf(&self, t: f64, wait_prob: f64) -> f64 {
        let (mu, theta) = (self.mu, self.theta);
        let slow = mu.min(theta);
        let gap = (theta - mu).abs();
        let x = gap * t;
        let phi = if x < SMALL_RATE_GAP { t * (1.0 - 0.5 * x) } else { -(-x).exp_m1() / gap };
        let service = -(-mu * t).exp_m1();
        // 1 - e^(-r t) (1 + r phi); both terms are ~ r t, the difference ~ (r t)^2 / 2.
        let wait_and_service = -(-slow * t).exp_m1() - slow * phi * (-slow * t).exp();
        ((1.0 - wait_prob) * service + wait_prob * wait_and_service).max(0.0)
    }
}

/// The response-time distribution at one point; see [`MmcQueue::tail`].
struct Tail {
    /// `P(T > t)`.
    survival: f64,
    /// Density of `T` at `t`, 1/s.
    density: f64,
    /// Derivative of the density at `t`, 1/s^2.
    density_slope: f64,
}

/// Erlang C for offered load `a` (Erlangs) on `servers` servers with `rho = a/servers < 1`;
/// values below [`NEGLIGIBLE_WAIT_PROB`] come back as 0.
fn erlang_c(a: f64, servers: u32, rho: f64) -> f64 {
    // Quick exit for lightly loaded pools, with no transcendental call: as
    // rho - 1 - ln(rho) >= (1 - rho)^2 / 2, P(N = c) <= exp(-c (1 - rho)^2 / 2) / sqrt(2 pi c),
    // and c (1 - rho)^2 > 80 puts the bound of `inverse_erlang_b_poisson` below 4e-19.
    let spare = 1.0 - rho;
    if a <= 0.0 || f64::from(servers) * spare * spare > 80.0 {
        return 0.0;
    }
    let inv_b = if servers <= RECURSION_MAX_SERVERS {
        inverse_erlang_b_recursive(a, servers, rho)
    } else {
        inverse_erlang_b_poisson(a, servers, rho)
    };
    // C = B / (1 - rho (1 - B)) = 1 / ((1 - rho)/B + rho); 1/B = inf gives 0.
    1.0 / (inv_b * (1.0 - rho) + rho)
}

/// `1/B` by the Erlang B recursion on reciprocals, `1/B_k = 1 + (k/a) / B_(k-1)`; `+inf` as
/// soon as `B_k < NEGLIGIBLE_WAIT_PROB * (1 - rho)`, which makes Erlang C negligible.
fn inverse_erlang_b_recursive(a: f64, servers: u32, rho: f64) -> f64 {
    let inv_a = 1.0 / a;
    let cutoff = 1.0 / (NEGLIGIBLE_WAIT_PROB * (1.0 - rho));
    let mut inv_b = 1.0;
    let mut k = 0;
    // Four steps at a time, to shorten the dependency chain: with g_i = (k+i)/a,
    // 1/B_(k+4) = 1 + g4 (1 + g3 (1 + g2 (1 + g1 / B_k))) = alpha + beta / B_k.
    while k + 4 <= servers {
        let kf = f64::from(k);
        let g1 = (kf + 1.0) * inv_a;
        let g2 = (kf + 2.0) * inv_a;
        let g3 = (kf + 3.0) * inv_a;
        let g4 = (kf + 4.0) * inv_a;
        let alpha = 1.0 + g4 * (1.0 + g3 * (1.0 + g2));
        let beta = (g1 * g2) * (g3 * g4);
        inv_b = alpha + beta * inv_b;
        if inv_b > cutoff {
            return f64::INFINITY;
        }
        k += 4;
    }
    while k < servers {
        k += 1;
        inv_b = 1.0 + inv_b * (f64::from(k) * inv_a);
    }
    inv_b
}

/// `1/B = P(N <= c) / P(N = c) = 1/P(N = c) - sum_(m>=1) a^m c!/(c+m)!` for `N ~ Poisson(a)`,
/// `c = servers > a`; `+inf` when Erlang C is negligible. Accurate to about 1e-13 for
/// `servers >= 64`.
fn inverse_erlang_b_poisson(a: f64, servers: u32, rho: f64) -> f64 {
    let c = f64::from(servers);
    // ln P(N = c) = -a + c ln a - ln c!, with Stirling's series for ln c!, written as
    // -c (rho - 1 - ln rho) - ln(2 pi c)/2 - (1/(12c) - 1/(360c^3) + 1/(1260c^5)),
    // which avoids cancelling large terms.
    // rho - 1 - ln(rho) >= 0; here rho > 0.2 and rho - 1 is exact for rho >= 1/2, so ln(rho)
    // serves as well as ln_1p(rho - 1).
    let deficit = (rho - 1.0) - rho.ln();
    let inv_c2 = 1.0 / (c * c);
    let stirling = (1.0 / 12.0 - inv_c2 * (1.0 / 360.0 - inv_c2 / 1260.0)) / c;
    let pmf = (-c * deficit - 0.5 * (2.0 * PI * c).ln() - stirling).exp();
    // c >= a means P(N <= c) >= 1/2, so B <= 2 pmf and C <= 2 pmf / (1 - rho).
    if 2.0 * pmf < NEGLIGIBLE_WAIT_PROB * (1.0 - rho) {
        return f64::INFINITY;
    }
    // Terms t_m = a^m c!/(c+m)! fall by a/(c+m) < rho each step: the tail after a term is at
    // most term * rho/(1 - rho). Eight terms at a time with one division: with d_i = c+m+i and
    // p_i = d_i d_(i+1) ... d_8,
    // t_(m+1) + ... + t_(m+8) = t_m (a p2 + a^2 p3 + ... + a^7 p8 + a^8) / (d1 p2).
    // All positive; d1 p2 < (2c + 16)^8 stays finite for any u32 `servers`.
    let stop = NEGLIGIBLE_WAIT_PROB * (1.0 - rho) / rho;
    let a2 = a * a;
    let a3 = a2 * a;
    let a5 = a3 * a2;
    let a7 = a5 * a2;
    let a8 = a7 * a;
    let mut term = 1.0;
    let mut sum = 0.0;
    let mut d = c;
    for _ in 0..=servers / 8 {
        let p8 = d + 8.0;
        let p7 = (d + 7.0) * p8;
        let p6 = (d + 6.0) * p7;
        let p5 = (d + 5.0) * p6;
        let p4 = (d + 4.0) * p5;
        let p3 = (d + 3.0) * p4;
        let p2 = (d + 2.0) * p3;
        let inv_den = 1.0 / ((d + 1.0) * p2);
        let numer = a * (p2 + a * p3) + a3 * (p4 + a * p5) + a5 * (p6 + a * p7) + a7 * (p8 + a);
        sum += term * (numer * inv_den);
        term *= a8 * inv_den;
        d += 8.0;
        if term < stop * sum {
            break;
        }
    }
    // pmf * sum = P(N > c) <= 1/2: no cancellation.
    1.0 / pmf - sum
}

/// An M/G/c queue by the Allen-Cunneen approximation: Poisson arrivals, a (shifted) lognormal
/// service time ([`ServiceTime`]), `servers` identical servers, one shared FIFO queue.
///
/// An arriving request waits with the M/M/c probability `C` (Erlang C at the same mean service
/// time), and a waiting request waits an exponential time whose mean is the M/M/c one scaled
/// by `(1 + Cs^2) / 2` (Allen-Cunneen, with `Ca^2 = 1` for Poisson arrivals): rate
/// `eta = 2 theta / (1 + Cs^2)`, `theta = c / E[S] - lambda`. The response time `T = S + W`
/// then has `P(T > t) = P(S > t) + C J(t)` with `J(t) = E[exp(-eta (t - S)); S <= t]`;
/// percentiles invert it by safeguarded Newton steps.
///
/// `J` is integrated in `z = (ln s - ln median) / sigma` by the trapezoid rule with step 1/8
/// from `z(t)` down to `z = -8` (or to the first falling node too small to change the sum),
/// with the Euler-Maclaurin end correction, so its error is
/// of order `(h k)^4` with `k = eta sigma t` the rate at which the wait's factor changes at
/// the top: about 1e-6 relative for the slots' slow wait, up to about 1e-3 when a fast CPU
/// wait (`eta` near `1 / 6 ms`) dominates, which moves a percentile by about 1e-5. The nodes'
/// service times form a geometric series, so each node costs one `exp`. Percentile solves
/// take one such quadrature and then step `J` along exactly (`MgcQueue::convolution_step`).
///
/// Checked against a discrete-event simulation (`tests/simulate.rs`).
///
/// ```
/// use headroom::model::queue::MgcQueue;
/// use headroom::model::service::ServiceTime;
///
/// // Light load: the response time is the service time, p95 = the measured 120 ms.
/// let s = ServiceTime::from_percentiles_ms(50.0, 120.0);
/// let q = MgcQueue::new(50.0, s, 80);
/// assert!((q.response_time_percentile_s(0.95).unwrap() - 0.120).abs() < 1e-9);
/// assert_eq!(MgcQueue::new(2_000.0, s, 80).response_time_percentile_s(0.5), None); // rho > 1
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MgcQueue {
    /// The service time.
    service: ServiceTime,
    /// The M/M/c queue at the same mean, for Erlang C and utilisation.
    mmc: MmcQueue,
    /// Probability that a request waits: Erlang C, or with [`MgcQueue::with_added_wait`] the
    /// chance of either wait; `None` when unstable or invalid.
    wait_prob: Option<f64>,
    /// Rate of the conditional wait, 1/s: `2 theta / (1 + Cs^2)`, or the combined rate.
    wait_rate: f64,
}

/// Where [`MgcQueue::response_time_exceedance_bound`] splits the service time, as shares of `t`.
const EXCEEDANCE_BOUND_SPLITS: [f64; 5] = [0.25, 0.4, 0.55, 0.7, 0.85];
/// [`MgcQueue`]'s percentile solver stops after a Newton step at most this share of `t`: the
/// error after it is about `t |E''/2E'|` (near 10 in the tail) times its square, 1e-7.
const NEWTON_LAST_STEP: f64 = 1e-4;
/// Longest step down, in `eta (t0 - t)`, that [`MgcQueue::convolution_step`] takes.
const STEP_DOWN_MAX: f64 = 0.25;
/// Widest panel of [`MgcQueue::piece`] in `z`.
const PIECE_MAX_DZ: f64 = 1.0;
/// Most growth of `eta s` over one panel of [`MgcQueue::piece`].
const PIECE_MAX_GROWTH: f64 = 4.0;
/// Most panels [`MgcQueue::piece`] takes before the full quadrature is cheaper.
const PIECE_MAX_PANELS: f64 = 6.0;
/// Widest piece, in `z`, that [`MgcQueue::piece`] integrates with 3 nodes rather than 8.
const PIECE_SHORT_DZ: f64 = 0.02;
/// 8-point Gauss-Legendre on `[-1, 1]`: nodes and weights.
const GAUSS_LEGENDRE_8: [(f64, f64); 8] = [
    (-0.960_289_856_497_536_3, 0.101_228_536_290_376_3),
    (-0.796_666_477_413_626_7, 0.222_381_034_453_374_5),
    (-0.525_532_409_916_329, 0.313_706_645_877_887_3),
    (-0.183_434_642_495_649_8, 0.362_683_783_378_362),
    (0.183_434_642_495_649_8, 0.362_683_783_378_362),
    (0.525_532_409_916_329, 0.313_706_645_877_887_3),
    (0.796_666_477_413_626_7, 0.222_381_034_453_374_5),
    (0.960_289_856_497_536_3, 0.101_228_536_290_376_3),
];
/// 3-point Gauss-Legendre on `[-1, 1]`: nodes `0, +-sqrt(3/5)`, weights `8/9, 5/9`.
const GAUSS_LEGENDRE_3: [(f64, f64); 3] =
    [(-0.774_596_669_241_483_4, 5.0 / 9.0), (0.0, 8.0 / 9.0), (0.774_596_669_241_483_4, 5.0 / 9.0)];
/// Trapezoid step in `z` for [`MgcQueue`]'s convolution.
const CONVOLUTION_STEP: f64 = 0.125;
/// Lower end of the convolution in `z`: the normal density is below 1e-14 there.
const CONVOLUTION_Z_MIN: f64 = -8.0;
/// [`MgcQueue::convolution`] stops at a node below this share of its sum so far, `2^-55`,
/// where the nodes fall (`z <= 0`, both factors of the integrand falling with `z`): adding such
/// a node, or any later one, leaves the sum as it is (each is under half its last place, with
/// a margin for the rounding of `exp`), so the result is the same to the last bit. A fast wait
/// (large `eta t`) makes the lower nodes negligible well above [`CONVOLUTION_Z_MIN`].
const NEGLIGIBLE_NODE: f64 = 1.0 / (1u64 << 55) as f64;
/// Above this `z` a node of [`MgcQueue::convolution`] is exactly 0: `exp(-z^2 / 2)` underflows
/// (below the least subnormal, `exp(-745.2)`) and the wait factor is at most 1. Skipping those
/// nodes changes no bit; with a tiny `sigma` (a p95 barely above the p50) the top of the range
/// is millions of steps up, and walking them froze an evaluation for most of a second.
const CONVOLUTION_Z_UNDERFLOW: f64 = 38.7;

impl MgcQueue {
    /// A queue with `arrivals_per_s` requests/s, service time `service` and `servers` servers;
    /// parameters as for [`MmcQueue::new`] with the mean of `service`.
    pub fn new(arrivals_per_s: f64, service: ServiceTime, servers: u32) -> MgcQueue {
        let mmc = MmcQueue::new(arrivals_per_s, service.mean_s(), servers);
        MgcQueue { service, mmc, wait_prob: mmc.wait_probability(), wait_rate: 2.0 * mmc.theta / (1.0 + service.scv()) }
    }

    /// The queue with a second, independent wait added to each request's: one with
    /// `P(W2 > 0) = prob` and, when positive, an exponential time at `rate` 1/s (the CPU
    /// contention of [`crate::model::contention`]). The two waits are merged into one of the same form,
    /// keeping the chance of any wait, `1 - (1 - C)(1 - prob)`, and the mean wait, `C / eta +
    /// prob / rate`. `prob` `None` (the added queue is unstable) makes the queue unstable.
    ///
    /// ```
    /// use headroom::model::queue::MgcQueue;
    /// use headroom::model::service::ServiceTime;
    /// // 80 slots at light load never wait; a 1-vCPU instance at 50% CPU with 6 ms of CPU a
    /// // request waits half the time, 12 ms when it does (rate (1 - 0.5) / 6 ms).
    /// let q = MgcQueue::new(50.0, ServiceTime::from_percentiles_ms(50.0, 120.0), 80);
    /// let q = q.with_added_wait(Some(0.5), 0.5 / 0.006);
    /// assert!((q.mean_wait_s().unwrap() - 0.006).abs() < 1e-12);
    /// assert!((q.wait_probability().unwrap() - 0.5).abs() < 1e-12);
    /// ```
    pub fn with_added_wait(self, prob: Option<f64>, rate: f64) -> MgcQueue {
        let (Some(c), Some(p)) = (self.wait_prob, prob) else {
            return MgcQueue { wait_prob: None, ..self };
        };
        if p <= 0.0 {
            return self;
        }
        let mean = if c > 0.0 { c / self.wait_rate } else { 0.0 } + p / rate;
        let any = 1.0 - (1.0 - c) * (1.0 - p);
        MgcQueue { wait_prob: Some(any), wait_rate: any / mean, ..self }
    }

    /// Utilisation `lambda E[S] / c`; NaN for invalid parameters; stable below 1.
    pub fn utilization(&self) -> f64 {
        self.mmc.utilization()
    }

    /// Probability that a request waits (Erlang C at the mean service time); `None` when
    /// unstable or invalid.
    pub fn wait_probability(&self) -> Option<f64> {
        self.wait_prob
    }

    /// Mean wait before service, seconds: `C / eta`, the M/M/c wait times `(1 + Cs^2) / 2`.
    pub fn mean_wait_s(&self) -> Option<f64> {
        self.wait_probability().map(|c| if c > 0.0 { c / self.wait_rate } else { 0.0 })
    }

    /// `P(T > t_s)` for the response time `T`; `None` when unstable or invalid.
    ///
    /// ```
    /// use headroom::model::queue::MgcQueue;
    /// use headroom::model::service::ServiceTime;
    /// let q = MgcQueue::new(10.0, ServiceTime::from_percentiles_ms(50.0, 120.0), 1);
    /// let e = q.response_time_exceedance(0.120).unwrap();
    /// assert!(e > 0.05 && e < 1.0); // M/G/1 at rho = 0.58: slower than the service alone
    /// ```
    pub fn response_time_exceedance(&self, t_s: f64) -> Option<f64> {
        let c = self.wait_probability()?;
        Some((self.service.survival(t_s) + c * self.convolution(t_s)).clamp(0.0, 1.0))
    }

    /// An upper bound on [`MgcQueue::response_time_exceedance`] with no quadrature: split at
    /// a service time `s < t`, `J(t) <= P(S > s) + exp(-eta (t - s))` (the wait's factor is at
    /// most 1 above `s` and at most `exp(-eta (t - s))` below), at the best of a few `s`, and
    /// widened by the relative error of
    /// [`crate::model::service::normal_survival`]. `None` when unstable or invalid.
    ///
    /// ```
    /// use headroom::model::queue::MgcQueue;
    /// use headroom::model::service::ServiceTime;
    /// // 1 vCPU at 60% with 6 ms of CPU a request: P(T > 500 ms) is far below 5%.
    /// let q = MgcQueue::new(100.0, ServiceTime::from_percentiles_ms(50.0, 120.0), 80);
    /// let q = q.with_added_wait(Some(0.6), 0.4 / 0.006);
    /// let (bound, exact) = (q.response_time_exceedance_bound(0.5).unwrap(), q.response_time_exceedance(0.5).unwrap());
    /// assert!(exact <= bound && bound < 0.01);
    /// ```
    pub fn response_time_exceedance_bound(&self, t_s: f64) -> Option<f64> {
        let c = self.wait_probability()?;
        let split = |x: f64| self.service.survival(x * t_s) + (-self.wait_rate * (1.0 - x) * t_s).exp();
        let j = EXCEEDANCE_BOUND_SPLITS.into_iter().map(split).fold(1.0, f64::min);
        Some(((self.service.survival(t_s) + c * j) * (1.0 + 1e-6)).min(1.0))
    }

    /// The `p` quantile of the response time (`0 < p < 1`), seconds, to a relative 1e-7;
    /// the service time's own quantile when nobody waits. `None` when unstable, invalid, or
    /// `p` is outside `(0, 1)`.
    pub fn response_time_percentile_s(&self, p: f64) -> Option<f64> {
        self.percentile_from(p, &mut None)
    }

    /// The `p50`, `p95` and `p99` of the response time, seconds, as
    /// [`MgcQueue::response_time_percentile_s`] gives each: the p95 exactly as alone (the
    /// growth curve computes it so), the p99 stepping on from the p95's last `J` rather than
    /// from a quadrature of its own, the p50 alone (a step down that far would lose digits).
    ///
    /// ```
    /// use headroom::model::queue::MgcQueue;
    /// use headroom::model::service::ServiceTime;
    /// let q = MgcQueue::new(60.0, ServiceTime::from_percentiles_ms(50.0, 120.0), 4);
    /// let [p50, p95, p99] = q.response_time_percentiles_s();
    /// assert_eq!(p95, q.response_time_percentile_s(0.95));
    /// assert_eq!(p50, q.response_time_percentile_s(0.5));
    /// assert!((p99.unwrap() / q.response_time_percentile_s(0.99).unwrap() - 1.0).abs() < 1e-6);
    /// ```
    pub fn response_time_percentiles_s(&self) -> [Option<f64>; 3] {
        let mut known = None;
        let p95 = self.percentile_from(0.95, &mut known);
        let p99 = self.percentile_from(0.99, &mut known);
        [self.response_time_percentile_s(0.5), p95, p99]
    }

    /// The `p` quantile as [`MgcQueue::response_time_percentile_s`] gives it; `known` holds
    /// the last `(t, J(t))` computed, on the way in (if any) and out.
    #[inline(never)] // three percentiles per estimate: one copy saves WebAssembly
    fn percentile_from(&self, p: f64, known: &mut Option<(f64, f64)>) -> Option<f64> {
        if !(p > 0.0 && p < 1.0) {
            return None;
        }
        let c = self.wait_probability()?;
        let service_q = self.service.quantile_s(p);
        if c < CLOSED_FORM_WAIT_PROB {
            return Some(service_q);
        }
        let q = 1.0 - p;
        // T >= S; and P(S + W > x + y) <= P(S > x) + P(W > y) with each q/2.
        let mut lo = service_q;
        let mut hi = self.service.quantile_s(1.0 - 0.5 * q) + ((2.0 * c / q).ln() / self.wait_rate).max(0.0);
        let mut t = lo + c / self.wait_rate;
        for _ in 0..PERCENTILE_MAX_ITER {
            let j = self.convolution_from(*known, t);
            *known = Some((t, j));
            let excess = self.service.survival(t) + c * j - q;
            if excess > 0.0 {
                lo = t;
            } else {
                hi = t;
            }
            let slope = (1.0 - c) * self.service.density(t) + c * self.wait_rate * j;
            let next = t + excess / slope;
            t = if next > lo && next < hi { next } else { 0.5 * (lo + hi) };
            if (hi - lo) <= 1e-7 * t || (excess / slope).abs() <= NEWTON_LAST_STEP * t {
                break;
            }
        }
        Some(t)
    }

    /// `J(t)`, from `known = (t0, J(t0))` when the step is short (see
    /// [`MgcQueue::convolution_step`]), else by [`MgcQueue::convolution`].
    fn convolution_from(&self, known: Option<(f64, f64)>, t: f64) -> f64 {
        known.and_then(|(t0, j0)| self.convolution_step(t0, j0, t)).unwrap_or_else(|| self.convolution(t))
    }

    /// `J(t)` from `j0 = J(t0)`, with the integral between them by [`MgcQueue::piece`]:
    /// upwards `J(t) = exp(-eta (t - t0)) J(t0) + int_t0^t f(s) exp(-eta (t - s)) ds`, and
    /// downwards the same solved for the lower value, only while `eta (t0 - t)` is at most
    /// [`STEP_DOWN_MAX`] (the subtraction then loses little). `None` when the step is too
    /// long, or the service time is a point mass.
    fn convolution_step(&self, t0: f64, j0: f64, t: f64) -> Option<f64> {
        let eta = self.wait_rate;
        let d = self.service.shift_s;
        if self.service.sigma == 0.0 || !(t0 > d && t > d) {
            return None;
        }
        if t >= t0 {
            Some((-eta * (t - t0)).exp() * j0 + self.piece(t0, t, t)?)
        } else if eta * (t0 - t) <= STEP_DOWN_MAX {
            Some(((eta * (t0 - t)).exp() * (j0 - self.piece(t, t0, t0)?)).max(0.0))
        } else {
            None
        }
    }

    /// `int_a^b f(s) exp(-eta (t - s)) ds` for `0 < a <= b <= t`, `f` the service time's
    /// density: 8-point Gauss-Legendre in `z = (ln s - ln median) / sigma` on panels at most
    /// [`PIECE_MAX_DZ`] wide in `z` and over which `eta s` grows by at most
    /// [`PIECE_MAX_GROWTH`], so the integrand is smooth on each (relative error near 1e-12);
    /// 3 points on a piece at most [`PIECE_SHORT_DZ`] wide (a Newton step near the root).
    /// `None` when that takes more than [`PIECE_MAX_PANELS`] panels.
    fn piece(&self, a: f64, b: f64, t: f64) -> Option<f64> {
        let (s, eta) = (self.service, self.wait_rate);
        // In the lognormal part's time: S = shift + L.
        let (a, b, t) = (a - s.shift_s, b - s.shift_s, t - s.shift_s);
        let z = |x: f64| (x.ln() - s.ln_median) / s.sigma;
        let (za, zb) = (z(a), z(b));
        let panels = ((zb - za) / PIECE_MAX_DZ).max(eta * (b - a) / PIECE_MAX_GROWTH).ceil().max(1.0);
        if panels.is_nan() || panels > PIECE_MAX_PANELS {
            return None;
        }
        let half = 0.5 * (zb - za) / panels;
        let g = |z: f64| (-0.5 * z * z - eta * (t - (s.ln_median + s.sigma * z).exp())).exp();
        let short = zb - za <= PIECE_SHORT_DZ && eta * (b - a) <= PIECE_SHORT_DZ;
        let rule: &[(f64, f64)] = if short { &GAUSS_LEGENDRE_3 } else { &GAUSS_LEGENDRE_8 };
        let mut sum = 0.0;
        // Saturating cast: at most PIECE_MAX_PANELS.
        for k in 0..panels as u32 {
            let mid = za + (2.0 * f64::from(k) + 1.0) * half;
            sum += rule.iter().map(|&(x, w)| w * g(mid + x * half)).sum::<f64>();
        }
        Some(sum * half * (0.5 * std::f64::consts::FRAC_2_SQRT_PI * std::f64::consts::FRAC_1_SQRT_2))
    }

    /// `J(t) = E[exp(-eta (t - S)); S <= t]`, by the trapezoid rule in `z` with the
    /// Euler-Maclaurin end correction (see the type's docs).
    fn convolution(&self, t: f64) -> f64 {
        let (s, eta) = (self.service, self.wait_rate);
        if s.sigma == 0.0 {
            let median = s.median_s();
            return if t >= median { (-eta * (t - median)).exp() } else { 0.0 };
        }
        // In the lognormal part's time: S = shift + L, so J(t) = E[exp(-eta (t' - L)); L <= t']
        // with t' = t - shift.
        let t = t - s.shift_s;
        if t <= 0.0 {
            return 0.0;
        }
        let z_top = (t.ln() - s.ln_median) / s.sigma;
        if z_top <= CONVOLUTION_Z_MIN {
            return 0.0;
        }
        // Node k: z = z_top - k h, service time t r^k with r = exp(-sigma h);
        // integrand g(z) = phi(z) exp(-eta (t - s(z))).
        let h = CONVOLUTION_STEP;
        let ratio = (-s.sigma * h).exp();
        // The nodes above CONVOLUTION_Z_UNDERFLOW add exactly 0: past a node's width above it,
        // start at the highest node below it (the count skipped, in f64, can pass u32), so at
        // most (38.7 + 8) / h nodes remain, the first of them inside the range.
        let skips = z_top >= CONVOLUTION_Z_UNDERFLOW + h;
        let z_first = if skips { z_top - ((z_top - CONVOLUTION_Z_UNDERFLOW) / h).floor() * h } else { z_top };
        let nodes = ((z_first - CONVOLUTION_Z_MIN) / h).ceil() as u32;
        let mut sum = 0.0;
        let mut service = if skips { (s.ln_median + s.sigma * z_first).exp() } else { t };
        // An exclusive range steps faster than `0..=nodes`.
        for k in 0..nodes + 1 {
            let z = z_first - f64::from(k) * h;
            let g = (-0.5 * z * z - eta * (t - service)).exp();
            if z <= 0.0 && g < NEGLIGIBLE_NODE * sum {
                break; // this node and every later one leave `sum` as it is
            }
            // The trapezoid's ends weigh half.
            sum += if (k == 0 && !skips) || k == nodes { 0.5 * g } else { g };
            service *= ratio;
        }
        // g'(z_top) = g(z_top) (eta sigma t - z_top); g' is negligible at the lower end.
        let slope_top = (-0.5 * z_top * z_top).exp() * (eta * s.sigma * t - z_top);
        (sum * h - h * h / 12.0 * slope_top)
            * (0.5 * std::f64::consts::FRAC_2_SQRT_PI * std::f64::consts::FRAC_1_SQRT_2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Erlang C by the textbook closed form, in f64 (fine for small `c`).
    fn erlang_c_direct(c: u32, a: f64) -> f64 {
        let mut term = 1.0; // a^k / k!
        let mut sum = 0.0;
        for k in 0..c {
            sum += term;
            term *= a / f64::from(k + 1);
        }
        // term = a^c / c!
        let top = term * f64::from(c) / (f64::from(c) - a);
        top / (sum + top)
    }

    /// Erlang C by the plain Erlang B recursion, all `c` steps, no early stop.
    fn erlang_c_full_recursion(c: u32, a: f64) -> f64 {
        let mut b = 1.0;
        for k in 1..=c {
            b = a * b / (f64::from(k) + a * b);
        }
        let rho = a / f64::from(c);
        b / (1.0 - rho * (1.0 - b))
    }

    /// `P(T > t)` straight from the reference formula (valid for `theta != mu`).
    fn exceedance_reference(lambda: f64, mu: f64, c: u32, t: f64) -> f64 {
        let cw = erlang_c_full_recursion(c, lambda / mu);
        let theta = f64::from(c) * mu - lambda;
        (1.0 - cw) * (-mu * t).exp() + cw * (theta * (-mu * t).exp() - mu * (-theta * t).exp()) / (theta - mu)
    }

    fn rel_err(x: f64, y: f64) -> f64 {
        (x - y).abs() / y.abs()
    }

    fn wait_prob(lambda: f64, mu: f64, c: u32) -> f64 {
        MmcQueue::new(lambda, 1.0 / mu, c).wait_probability().unwrap()
    }

    #[test]
    fn erlang_c_textbook_values() {
        // c = 2, a = 1: C = 1/3.
        assert!((wait_prob(1.0, 1.0, 2) - 1.0 / 3.0).abs() < 1e-15);
        // M/M/1: C = rho.
        for rho in [0.01, 0.3, 0.5, 0.9, 0.999] {
            assert!(rel_err(wait_prob(rho, 1.0, 1), rho) < 1e-14, "rho = {rho}");
        }
        // Table value: c = 10, a = 8: C = 0.4092 (4 digits).
        let c10 = wait_prob(8.0, 1.0, 10);
        assert!((c10 - 0.4092).abs() < 5e-5, "{c10}");
        assert!(rel_err(c10, erlang_c_direct(10, 8.0)) < 1e-13);
        // Same load in other units: 80 req/s at 100 ms.
        assert!(rel_err(MmcQueue::new(80.0, 0.1, 10).wait_probability().unwrap(), c10) < 1e-13);
    }

    #[test]
    fn erlang_c_matches_closed_form_for_small_c() {
        for c in [1_u32, 2, 3, 5, 8, 13, 20, 30, 50, 100] {
            for rho in [0.001, 0.05, 0.2, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 0.9999] {
                let a = rho * f64::from(c);
                let direct = erlang_c_direct(c, a);
                let got = wait_prob(a, 1.0, c);
                if direct < NEGLIGIBLE_WAIT_PROB {
                    assert!(got < NEGLIGIBLE_WAIT_PROB, "c = {c}, a = {a}: {got}");
                } else {
                    assert!(rel_err(got, direct) < 1e-12, "c = {c}, a = {a}: {got} vs {direct}");
                }
            }
        }
    }

    #[test]
    fn erlang_c_large_c_matches_full_recursion() {
        // Exercises the Poisson path (c > 128) against the plain recursion.
        for c in [129_u32, 200, 500, 1_000, 3_000, 8_000, 20_000] {
            for rho in [0.3, 0.6, 0.8, 0.9, 0.95, 0.98, 0.99, 0.999, 0.99999] {
                let a = rho * f64::from(c);
                let reference = erlang_c_full_recursion(c, a);
                let got = wait_prob(a, 1.0, c);
                if reference < NEGLIGIBLE_WAIT_PROB {
                    assert!(got < NEGLIGIBLE_WAIT_PROB, "c = {c}, rho = {rho}: {got}");
                } else {
                    assert!(rel_err(got, reference) < 1e-11, "c = {c}, rho = {rho}: {got} vs {reference}");
                }
            }
        }
        // Both sides of the switch agree.
        for rho in [0.5, 0.9, 0.99] {
            for c in [RECURSION_MAX_SERVERS, RECURSION_MAX_SERVERS + 1] {
                let a = rho * f64::from(c);
                let got = inverse_erlang_b_poisson(a, c, rho);
                let reference = inverse_erlang_b_recursive(a, c, rho);
                assert!(rel_err(got, reference) < 1e-12, "c = {c}, rho = {rho}");
            }
        }
    }

    #[test]
    fn negligible_erlang_c_is_exactly_zero() {
        // Early stop in the recursion and the Poisson bound.
        assert_eq!(wait_prob(1.0, 1.0, 100), 0.0);
        assert_eq!(wait_prob(800.0, 1.0, 8_000), 0.0);
        assert_eq!(wait_prob(7_200.0, 1.0, 8_000), 0.0); // rho = 0.9: C < 1e-16
        assert!(erlang_c_full_recursion(8_000, 7_200.0) < 1e-16);
        // But not when it matters.
        assert!(wait_prob(7_900.0, 1.0, 8_000) > 1e-3);
    }

    #[test]
    fn mean_wait_values() {
        // c = 2, a = 1: Wq = C / (c mu - lambda) = (1/3) / 1.
        let w = MmcQueue::new(1.0, 1.0, 2).mean_wait_s().unwrap();
        assert!((w - 1.0 / 3.0).abs() < 1e-15);
        // M/M/1: Wq = rho / (mu - lambda); mu = 10/s, lambda = 8/s.
        let w = MmcQueue::new(8.0, 0.1, 1).mean_wait_s().unwrap();
        assert!(rel_err(w, 0.8 / 2.0) < 1e-14);
    }

    #[test]
    fn reference_exceedance_check() {
        let q = MmcQueue::new(16.0, 1.0, 20);
        let e = q.response_time_exceedance(2.0).unwrap();
        assert!((e - 0.1469).abs() < 5e-5, "{e}");
        assert!((e - 0.1472).abs() < 1e-3, "simulation gave 0.1472, got {e}");
        // Same as the reference formula written out directly.
        for t in [0.01, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0] {
            let reference = exceedance_reference(16.0, 1.0, 20, t);
            assert!(rel_err(q.response_time_exceedance(t).unwrap(), reference) < 1e-12, "t = {t}");
        }
        assert_eq!(q.response_time_exceedance(-1.0), Some(1.0));
        assert_eq!(q.response_time_exceedance(0.0), Some(1.0));
        assert_eq!(q.response_time_exceedance(f64::INFINITY), Some(0.0));
        assert_eq!(q.response_time_exceedance(f64::NAN), None);
    }

    #[test]
    fn exceedance_matches_reference_when_theta_below_mu() {
        // c = 3, mu = 1, lambda = 2.5: theta = 0.5 < mu.
        let q = MmcQueue::new(2.5, 1.0, 3);
        for t in [0.1, 1.0, 3.0, 10.0, 50.0, 200.0] {
            let reference = exceedance_reference(2.5, 1.0, 3, t);
            assert!(rel_err(q.response_time_exceedance(t).unwrap(), reference) < 1e-12, "t = {t}");
        }
    }

    /// The `p` quantile by plain bisection to full precision, on `P(T <= t)` for `p < 1/2` and on
    /// `P(T > t)` above.
    fn percentile_by_bisection(q: &MmcQueue, p: f64) -> f64 {
        let w = q.wait_probability().unwrap();
        let (mut lo, mut hi) = (0.0, 1.0);
        while q.response_time_exceedance(hi).unwrap() > 1.0 - p {
            hi *= 2.0;
        }
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            let below = if p < 0.5 { q.cdf(mid, w) < p } else { q.response_time_exceedance(mid).unwrap() > 1.0 - p };
            if below {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        0.5 * (lo + hi)
    }

    #[test]
    fn percentile_inverts_exceedance() {
        let queues = [
            MmcQueue::new(16.0, 1.0, 20),       // theta = 4 > mu
            MmcQueue::new(2.5, 1.0, 3),         // theta = 0.5 < mu
            MmcQueue::new(1.0, 1.0, 2),         // theta = mu
            MmcQueue::new(90.0, 1.0, 100),      // rho = 0.9
            MmcQueue::new(7_920.0, 1.0, 8_000), // rho = 0.99, Poisson path
            MmcQueue::new(0.999, 1.0, 1),       // M/M/1 near saturation
            MmcQueue::new(1_800.0, 0.05, 100),  // rho = 0.9, 50 ms service
        ];
        for q in queues {
            for p in [1e-6, 0.01, 0.1, 0.5, 0.9, 0.95, 0.99, 0.999, 0.999_999] {
                let t = q.response_time_percentile_s(p).unwrap();
                let e = q.response_time_exceedance(t).unwrap();
                // Relative error 1e-9 in t moves P(T > t) by at most ~1e-9 * t * hazard.
                assert!((e - (1.0 - p)).abs() <= 1e-7 * (1.0 - p), "{q:?} p = {p}: P(T > {t}) = {e}");
                let reference = percentile_by_bisection(&q, p);
                assert!(rel_err(t, reference) < 2e-9, "{q:?} p = {p}: {t} vs {reference}");
                let (_, iters) = q.solve_percentile((-p).ln_1p(), q.wait_probability().unwrap());
                assert!(iters <= 8, "{q:?} p = {p}: {iters} iterations");
            }
        }
    }

    #[test]
    fn solver_needs_few_iterations() {
        let queues = [
            (16.0, 1.0, 20_u32, 3_u32),
            (90.0, 1.0, 100, 3),
            (1_800.0, 0.05, 100, 3),
            (2.5, 1.0, 3, 3),
            (1.0, 1.0, 2, 3),
            (7_920.0, 1.0, 8_000, 3),
            (0.5, 1.0, 1, 1), // M/M/1: the start is the exact answer
            (0.999, 1.0, 1, 1),
        ];
        for (lambda, s, c, most) in queues {
            let q = MmcQueue::new(lambda, s, c);
            let w = q.wait_probability().unwrap();
            for p in [0.5_f64, 0.95, 0.99] {
                let (_, iters) = q.solve_percentile((1.0 - p).ln(), w);
                assert!(iters <= most, "{q:?} p = {p}: {iters} iterations");
            }
        }
    }

    #[test]
    fn mm1_percentile_closed_form() {
        for (lambda, mu) in [(0.5, 1.0), (8.0, 10.0), (0.01, 1.0), (99.0, 100.0), (0.999_9, 1.0)] {
            let q = MmcQueue::new(lambda, 1.0 / mu, 1);
            for p in [1e-9_f64, 0.1, 0.5, 0.95, 0.99, 0.999_99] {
                let expected = -(-p).ln_1p() / (mu - lambda);
                let got = q.response_time_percentile_s(p).unwrap();
                assert!(rel_err(got, expected) < 1e-8, "lambda = {lambda}, mu = {mu}, p = {p}");
                let e = q.response_time_exceedance(expected).unwrap();
                assert!(rel_err(e, 1.0 - p) < 1e-12, "lambda = {lambda}, mu = {mu}, p = {p}");
            }
        }
    }

    #[test]
    fn theta_equal_to_mu_is_continuous() {
        // c = 2, mu = 1, lambda = 1: theta = 2 - 1 = 1 = mu exactly.
        let q = MmcQueue::new(1.0, 1.0, 2);
        let cw = q.wait_probability().unwrap();
        for t in [0.1_f64, 1.0, 2.0, 10.0] {
            let limit = (1.0 - cw) * (-t).exp() + cw * (1.0 + t) * (-t).exp();
            assert!(rel_err(q.response_time_exceedance(t).unwrap(), limit) < 1e-14, "t = {t}");
            for eps in [1e-12, 1e-9, 1e-6] {
                for lambda in [1.0 - eps, 1.0 + eps] {
                    let near = MmcQueue::new(lambda, 1.0, 2).response_time_exceedance(t).unwrap();
                    assert!(rel_err(near, limit) < 20.0 * eps, "t = {t}, lambda = {lambda}");
                }
            }
            // The raw reference formula agrees with the limit a little away from theta = mu.
            let raw = exceedance_reference(1.0 + 1e-4, 1.0, 2, t);
            assert!(rel_err(raw, limit) < 1e-3, "t = {t}");
        }
        for p in [0.5, 0.95, 0.99] {
            let at = q.response_time_percentile_s(p).unwrap();
            for lambda in [1.0 - 1e-9, 1.0 + 1e-9] {
                let near = MmcQueue::new(lambda, 1.0, 2).response_time_percentile_s(p).unwrap();
                assert!(rel_err(near, at) < 1e-7, "p = {p}, lambda = {lambda}");
            }
        }
    }

    #[test]
    fn large_pool_low_load_is_service_time_alone() {
        // 100 instances x 80 concurrency, 50 ms service, 20% busy.
        let q = MmcQueue::new(32_000.0, 0.05, 8_000);
        assert_eq!(q.wait_probability(), Some(0.0));
        assert_eq!(q.mean_wait_s(), Some(0.0));
        for p in [0.5_f64, 0.95, 0.99] {
            let expected = -0.05 * (1.0 - p).ln();
            assert!(rel_err(q.response_time_percentile_s(p).unwrap(), expected) < 1e-14);
        }
        // Its speed is measured by the `queue/large-pool-low-load` benchmark (benches/evaluate.rs).
    }

    #[test]
    fn near_saturation_is_finite_and_slower() {
        let base = MmcQueue::new(80.0, 1.0, 100); // rho = 0.8
        let busy = MmcQueue::new(99.0, 1.0, 100); // rho = 0.99
        let mut last = 0.0;
        for p in [0.5, 0.95, 0.99] {
            let t = busy.response_time_percentile_s(p).unwrap();
            assert!(t.is_finite() && t > last, "p = {p}: {t}");
            assert!(t > base.response_time_percentile_s(p).unwrap());
            last = t;
        }
        // Large pool near saturation: Halfin-Whitt, beta = (1 - rho) sqrt(c) = 0.894, gives
        // C ~ 1 / (1 + beta Phi(beta) / phi(beta)) = 0.269; waits ~ 1/theta = 1/80 s.
        let q = MmcQueue::new(7_920.0, 1.0, 8_000);
        let c = q.wait_probability().unwrap();
        assert!((c - 0.269).abs() < 0.005, "{c}");
        let p99 = q.response_time_percentile_s(0.99).unwrap();
        assert!(p99 > 100.0_f64.ln() && p99 < 100.0_f64.ln() + 1.0, "{p99}");
    }

    #[test]
    fn unstable_queue_gives_none() {
        for (lambda, c) in [(2.0, 2_u32), (2.5, 2), (8_000.0, 8_000), (1e9, 1)] {
            let q = MmcQueue::new(lambda, 1.0, c);
            assert!(q.utilization() >= 1.0);
            assert_eq!(q.wait_probability(), None);
            assert_eq!(q.mean_wait_s(), None);
            assert_eq!(q.response_time_exceedance(1.0), None);
            assert_eq!(q.response_time_percentile_s(0.5), None);
        }
    }

    #[test]
    fn p_outside_open_unit_interval_gives_none() {
        let q = MmcQueue::new(16.0, 1.0, 20);
        for p in [0.0, 1.0, -0.5, 1.5, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(q.response_time_percentile_s(p), None, "p = {p}");
        }
    }

    #[test]
    fn no_load_gives_pure_service_percentiles() {
        let q = MmcQueue::new(0.0, 0.2, 4);
        assert_eq!(q.utilization(), 0.0);
        assert_eq!(q.wait_probability(), Some(0.0));
        assert_eq!(q.mean_wait_s(), Some(0.0));
        for p in [0.5_f64, 0.95, 0.99] {
            let expected = -0.2 * (1.0 - p).ln();
            assert!(rel_err(q.response_time_percentile_s(p).unwrap(), expected) < 1e-14);
        }
        let e = q.response_time_exceedance(0.2).unwrap();
        assert!(rel_err(e, (-1.0_f64).exp()) < 1e-15);
    }

    #[test]
    fn equal_inputs_compare_equal() {
        for (lambda, s, c) in [(1.0, 1.0, 100_u32), (16.0, 1.0, 20), (1.0, 1.0, 2), (3.0, 1.0, 2)] {
            assert_eq!(MmcQueue::new(lambda, s, c), MmcQueue::new(lambda, s, c));
        }
        assert_eq!(MmcQueue::new(-1.0, 1.0, 0), MmcQueue::new(-1.0, 1.0, 0));
        assert_ne!(MmcQueue::new(16.0, 1.0, 20), MmcQueue::new(16.0, 1.0, 21));
    }

    #[test]
    fn invalid_parameters_do_not_panic() {
        let cases = [
            (f64::NAN, 1.0, 2_u32),
            (f64::INFINITY, 1.0, 2),
            (-1.0, 1.0, 2),
            (1.0, 0.0, 2),
            (1.0, -1.0, 2),
            (1.0, f64::NAN, 2),
            (1.0, f64::INFINITY, 2),
            (1.0, 1e-320, 2), // mu overflows
            (1.0, 1.0, 0),
        ];
        for (lambda, s, c) in cases {
            let q = MmcQueue::new(lambda, s, c);
            assert!(q.utilization().is_nan(), "{q:?}");
            assert_eq!(q.wait_probability(), None);
            assert_eq!(q.mean_wait_s(), None);
            assert_eq!(q.response_time_exceedance(1.0), None);
            assert_eq!(q.response_time_percentile_s(0.5), None);
        }
        // Extreme but valid values stay finite.
        for (lambda, s, c) in [(1e-300, 1.0, 1_u32), (1e300, 1e-300, u32::MAX), (1.0, 1e300, 1)] {
            let q = MmcQueue::new(lambda, s, c);
            if let Some(t) = q.response_time_percentile_s(0.99) {
                assert!(t.is_finite() && t > 0.0, "{q:?}: {t}");
            }
        }
    }

    #[test]
    fn matches_simulation() {
        // FIFO M/M/3 at rho = 0.8 (theta = 0.6 < mu = 1), simulated: each arrival takes the
        // server that frees first, which is FIFO for identical servers. Deterministic seed.
        let (lambda, mu) = (2.4, 1.0);
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut uniform = move || {
            // xorshift64*, 53 random bits in (0, 1).
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            let bits = state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11;
            (bits as f64 + 0.5) / (1_u64 << 53) as f64
        };
        let mut free_at = [0.0_f64; 3];
        let mut now = 0.0;
        let n = 2_000_000;
        let warmup = 10_000;
        let thresholds = [1.0, 2.0, 4.0, 8.0];
        let mut exceed = [0_u32; 4];
        for i in 0..n {
            now += -uniform().ln() / lambda;
            let (k, &free) = free_at.iter().enumerate().min_by(|x, y| x.1.total_cmp(y.1)).unwrap();
            let start = free.max(now);
            let done = start - uniform().ln() / mu;
            free_at[k] = done;
            if i >= warmup {
                for (j, &t) in thresholds.iter().enumerate() {
                    if done - now > t {
                        exceed[j] += 1;
                    }
                }
            }
        }
        let q = MmcQueue::new(lambda, 1.0 / mu, 3);
        let samples = f64::from(n - warmup);
        for (j, &t) in thresholds.iter().enumerate() {
            let simulated = f64::from(exceed[j]) / samples;
            let model = q.response_time_exceedance(t).unwrap();
            // Successive response times are strongly correlated at this load: over seeds the
            // error of 2M requests reaches 0.0015, over 4 times the i.i.d. standard error.
            assert!((simulated - model).abs() < 0.005, "t = {t}: sim {simulated} vs {model}");
        }
    }

    #[test]
    fn mg1_mean_wait_is_pollaczek_khinchine() {
        // One server: Allen-Cunneen is exact, Wq = lambda E[S^2] / (2 (1 - rho)) with
        // E[S^2] = exp(2 m + 2 sigma^2) for a lognormal.
        let s = ServiceTime::from_percentiles_ms(50.0, 120.0);
        for lambda in [2.0, 8.0, 15.0] {
            let rho = lambda * s.mean_s();
            let second_moment = (2.0 * s.ln_median + 2.0 * s.sigma * s.sigma).exp();
            let pk = lambda * second_moment / (2.0 * (1.0 - rho));
            let got = MgcQueue::new(lambda, s, 1).mean_wait_s().unwrap();
            assert!(rel_err(got, pk) < 1e-12, "lambda = {lambda}: {got} vs {pk}");
        }
    }

    #[test]
    fn deterministic_service_percentile_in_closed_form() {
        // M/D/1, 100 ms each, 5/s: rho = C = 0.5, theta = 10 - 5 = 5/s, eta = 2 theta = 10/s.
        // T = 0.1 s + W with P(W > w) = 0.5 exp(-10 w): p99 = 0.1 + ln(0.5 / 0.01) / 10.
        let q = MgcQueue::new(5.0, ServiceTime::from_percentiles_ms(100.0, 100.0), 1);
        let p99 = q.response_time_percentile_s(0.99).unwrap();
        assert!(rel_err(p99, 0.1 + 50.0_f64.ln() / 10.0) < 1e-6, "{p99}");
        // Below the service time nothing is faster: p40 is the 100 ms itself.
        assert!(rel_err(q.response_time_percentile_s(0.4).unwrap(), 0.1) < 1e-6);
    }

    #[test]
    fn a_p95_a_hair_above_the_p50_is_the_deterministic_queue() {
        // sigma near 1e-14: the convolution's range is about 1e15 steps high, all but the last
        // few hundred exactly 0 (walking them would not finish); the answer is M/D/1's.
        let q = MgcQueue::new(5.0, ServiceTime::from_percentiles_ms(100.0, 100.0 + 1e-12), 1);
        let p99 = q.response_time_percentile_s(0.99).unwrap();
        assert!(rel_err(p99, 0.1 + 50.0_f64.ln() / 10.0) < 1e-6, "{p99}");
    }

    #[test]
    fn the_exceedance_bound_is_above_the_exceedance_and_settles_the_far_tail() {
        let s = ServiceTime::from_percentiles_ms(50.0, 120.0);
        let mut decided = 0;
        for (lambda, servers) in [(60.0, 4), (100.0, 10), (1_200.0, 80), (10.0, 1)] {
            for (cpu_prob, cpu_rate) in [(0.0, 1.0), (0.3, 0.7 / 0.006), (0.9, 0.1 / 0.006)] {
                let q = MgcQueue::new(lambda, s, servers).with_added_wait(Some(cpu_prob), cpu_rate);
                for t in [0.05, 0.12, 0.2, 0.5, 1.0, 3.0] {
                    let (bound, exact) =
                        (q.response_time_exceedance_bound(t).unwrap(), q.response_time_exceedance(t).unwrap());
                    assert!(exact <= bound, "{lambda}/s on {servers}, +{cpu_prob}, {t} s: {exact} > {bound}");
                    // Far in the tail the bound settles a 5% question: P(T > t) within 5%.
                    if exact < 0.005 {
                        assert!(bound < 0.05, "{lambda}/s on {servers}, +{cpu_prob}, {t} s: {exact}, {bound}");
                        decided += 1;
                    }
                }
            }
        }
        assert!(decided >= 10, "{decided}");
        assert_eq!(MgcQueue::new(2_000.0, s, 80).response_time_exceedance_bound(0.5), None);
    }

    #[test]
    fn steps_of_the_convolution_match_the_full_quadrature() {
        let s = ServiceTime::from_percentiles_ms(50.0, 120.0);
        let mut steps = 0;
        for (lambda, servers, cpu) in [(60.0, 4, 0.0), (50.0, 80, 0.3), (100.0, 80, 0.9), (1_300.0, 80, 0.5)] {
            let q = MgcQueue::new(lambda, s, servers).with_added_wait(Some(cpu), (1.0 - cpu) / 0.006);
            for (t0, t) in [(0.05, 0.12), (0.12, 0.17), (0.12, 0.1199), (0.05, 0.0499), (0.02, 0.3), (0.2, 0.19)] {
                let Some(step) = q.convolution_step(t0, direct_convolution(&q, t0), t) else { continue };
                let direct = direct_convolution(&q, t);
                assert!(rel_err(step, direct) < 1e-7, "{lambda}/s, +{cpu}: {t0} -> {t}: {step} vs {direct}");
                steps += 1;
            }
        }
        assert!(steps >= 16, "{steps}");
    }

    #[test]
    fn the_three_percentiles_together_match_each_alone() {
        let s = ServiceTime::from_percentiles_ms(50.0, 120.0);
        for (lambda, servers, cpu) in [(60.0, 4, 0.0), (50.0, 80, 0.3), (100.0, 80, 0.9), (1_300.0, 80, 0.5)] {
            let q = MgcQueue::new(lambda, s, servers).with_added_wait(Some(cpu), (1.0 - cpu) / 0.006);
            for (got, p) in q.response_time_percentiles_s().into_iter().zip([0.5, 0.95, 0.99]) {
                let alone = q.response_time_percentile_s(p).unwrap();
                // Each starts from a different full quadrature, whose error in J reaches 1e-3
                // when the CPU wait is fast (see the type's docs): 1e-5 in the percentile.
                assert!(rel_err(got.unwrap(), alone) < 1e-4, "{lambda}/s, +{cpu}, p = {p}: {got:?} vs {alone}");
            }
        }
    }

    /// J(t) = int_0^t f_S(s) exp(-eta (t - s)) ds by Simpson's rule in s on 200,000 panels.
    fn direct_convolution(q: &MgcQueue, t: f64) -> f64 {
        let n = 200_000;
        let h = t / f64::from(n);
        let f = |x: f64| q.service.density(x) * (-q.wait_rate * (t - x)).exp();
        let mut sum = f(t);
        for k in 1..n {
            sum += f(f64::from(k) * h) * if k % 2 == 1 { 4.0 } else { 2.0 };
        }
        sum * h / 3.0
    }

    #[test]
    fn convolution_matches_direct_integration() {
        // The model's trapezoid in z with its end correction against Simpson's rule in s.
        let s = ServiceTime::from_percentiles_ms(50.0, 120.0);
        let q = MgcQueue::new(60.0, s, 4); // rho = 0.86
        for t in [0.03, 0.08, 0.15, 0.3, 0.6] {
            let direct = direct_convolution(&q, t);
            let got = q.convolution(t);
            assert!(rel_err(got, direct) < 1e-5, "t = {t}: {got} vs {direct}");
        }
    }
}
