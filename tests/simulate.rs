//! The statistical rules checked against a discrete-event simulation: response-time
//! percentiles of the M/G/c queue (Allen-Cunneen), an instance's busy share with its
//! concurrency limit, and its billable share with each billable interval rounded up to 100 ms.
//!
//! The simulation: Poisson arrivals, lognormal service times (Box-Muller on a seeded
//! SplitMix64 generator), `c` identical servers taking requests first come, first served from
//! one queue: each arrival takes the server that frees first. For latency the servers are all
//! the concurrency slots of the region (one shared queue over `n x c` slots, the model's
//! assumption); for busy and billable time they are one instance's `c` slots, fed `lambda / n`
//! (random routing splits a Poisson stream into Poisson streams).
//!
//! Errors measured (model / simulation - 1, seeds fixed; debug build, about 6 s):
//! - percentiles, 4 servers, p50 50 ms / p95 120 ms (`Cs^2 = 0.33`), 400,000 requests:
//!   rho 0.3: p50 -0.3%, p95 +0.1%, p99 -0.1%; rho 0.7: p50 -1.2%, p95 -0.6%, p99 -0.3%;
//!   rho 0.9: p50 -2.1%, p95 -1.6%, p99 -2.9% (the model slightly optimistic near
//!   saturation; tolerances 3-6%);
//! - busy share (M/M/c per instance, `1 - P0`): -0.2% at 1 slot, -0.1% at 4, 30 and 80 slots;
//! - billable share with 100 ms rounding: -1.9% at 1 slot (8/s), -0.4% at 4 slots (30/s),
//!   -0.9% at 30 slots (20/s), -1.5% at 80 slots (11.8/s, Week 9 off-peak), -0.1% at 80 slots
//!   (50/s, Week 9 peak), -2.3% at 80 slots (2/s): the uniform-remainder rule is slightly low
//!   for short busy periods.
#![cfg(not(target_arch = "wasm32"))]

use headroom::model::queue::MgcQueue;
use headroom::model::service::ServiceTime;
use headroom::model::sizing::{BILLING_GRANULARITY_S, billable_share, busy_share};

/// SplitMix64: a small seeded generator, enough for a simulation.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in (0, 1).
    fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1_u64 << 53) as f64
    }

    fn exponential(&mut self, rate: f64) -> f64 {
        -self.uniform().ln() / rate
    }

    /// Standard normal by Box-Muller (one of the pair).
    fn normal(&mut self) -> f64 {
        (-2.0 * self.uniform().ln()).sqrt() * (std::f64::consts::TAU * self.uniform()).cos()
    }

    fn lognormal(&mut self, s: &ServiceTime) -> f64 {
        (s.ln_median + s.sigma * self.normal()).exp()
    }
}

/// What one simulated run measured.
struct Run {
    /// Response times after the warm-up, seconds, sorted.
    response_s: Vec<f64>,
    /// Share of time with at least one request in the system.
    busy: f64,
    /// Share of time billed: each busy period rounded up to 100 ms, cut at the next arrival.
    billable: f64,
}

impl Run {
    fn percentile_s(&self, p: f64) -> f64 {
        self.response_s[((self.response_s.len() as f64) * p) as usize]
    }
}

/// FIFO `servers`-server queue, `lambda` Poisson arrivals, `requests` of them.
fn simulate(lambda: f64, service: ServiceTime, servers: usize, requests: usize, seed: u64) -> Run {
    let mut rng = Rng(seed);
    let warmup = requests / 20;
    let mut free_at = vec![0.0_f64; servers];
    let mut response_s = Vec::with_capacity(requests);
    let (mut now, mut start, mut end) = (0.0, 0.0, 0.0_f64);
    let (mut busy, mut billable) = (0.0, 0.0);
    for i in 0..requests {
        now += rng.exponential(lambda);
        if now > end {
            // The system emptied at `end`: close that busy period.
            busy += end - start;
            let rounded = ((end - start) / BILLING_GRANULARITY_S).ceil() * BILLING_GRANULARITY_S;
            billable += (start + rounded).min(now) - start;
            start = now;
        }
        let (k, &free) = free_at.iter().enumerate().min_by(|x, y| x.1.total_cmp(y.1)).unwrap();
        let done = free.max(now) + rng.lognormal(&service);
        free_at[k] = done;
        end = end.max(done);
        if i >= warmup {
            response_s.push(done - now);
        }
    }
    response_s.sort_by(f64::total_cmp);
    Run { response_s, busy: busy / now, billable: billable / now }
}

fn seed_service() -> ServiceTime {
    ServiceTime::from_percentiles_ms(50.0, 120.0)
}

#[test]
fn response_percentiles_match_the_simulation() {
    let service = seed_service();
    let servers = 4;
    // (utilisation, tolerance on p50, p95, p99 as relative error)
    for (rho, tolerance) in [(0.3, [0.03, 0.03, 0.03]), (0.7, [0.03, 0.04, 0.05]), (0.9, [0.04, 0.05, 0.06])] {
        let lambda = rho * servers as f64 / service.mean_s();
        let sim = simulate(lambda, service, servers, 400_000, 0x5EED_0001);
        let q = MgcQueue::new(lambda, service, servers as u32);
        for (p, tol) in [0.5, 0.95, 0.99].into_iter().zip(tolerance) {
            let model = q.response_time_percentile_s(p).unwrap();
            let simulated = sim.percentile_s(p);
            let err = model / simulated - 1.0;
            assert!(
                err.abs() < tol,
                "rho {rho} p{}: model {model:.4} s, simulated {simulated:.4} s ({err:+.3})",
                p * 100.0
            );
        }
    }
}

#[test]
fn light_load_gives_back_the_measured_percentiles() {
    // Week 9: 50 QPS on 80 slots. The simulation's p95 is within 2% of the measured 120 ms,
    // and so is the model's.
    let service = seed_service();
    let sim = simulate(50.0, service, 80, 200_000, 0x5EED_0002);
    let model = MgcQueue::new(50.0, service, 80).response_time_percentile_s(0.95).unwrap();
    assert!((model - 0.120).abs() < 1e-9);
    assert!((sim.percentile_s(0.95) / 0.120 - 1.0).abs() < 0.02, "{}", sim.percentile_s(0.95));
}

#[test]
fn busy_and_billable_shares_match_the_simulation() {
    let service = seed_service();
    // (per-instance arrivals/s, slots): M/G/1, a few slots, and the presets' instances.
    let cases = [(8.0, 1_usize), (30.0, 4), (20.0, 30), (11.8, 80), (50.0, 80), (2.0, 80)];
    for (lambda, slots) in cases {
        let sim = simulate(lambda, service, slots, 300_000, 0x5EED_0003);
        let busy = busy_share(lambda * service.mean_s(), slots as u32);
        let billable = billable_share(lambda, busy);
        // Busy time is never below the work itself spread over the slots.
        assert!(busy >= lambda * service.mean_s() / slots as f64 - 1e-12);
        let busy_err = busy / sim.busy - 1.0;
        let billable_err = billable / sim.billable - 1.0;
        assert!(busy_err.abs() < 0.01, "lambda {lambda}, c {slots}: busy {busy:.4} vs {:.4}", sim.busy);
        assert!(
            billable_err.abs() < 0.025,
            "lambda {lambda}, c {slots}: billable {billable:.4} vs {:.4}",
            sim.billable
        );
    }
}
