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
//!   for short busy periods;
//! - the shifted lognormal through the seed's p50 50, p95 120 and p99 250 ms: at light load the
//!   simulation gives back the three; 80 slots at 90%: p50 +0.5%, p95 +0.0%, p99 -1.2%; 4
//!   slots at 30%: +0.0% / +1.1% / -0.3%, at 70%: +0.6% / +2.1% / -13.3%, at 90%: +8.1% /
//!   -7.8% / -30.2% (the exponential wait is short of a heavy-tailed service's once few
//!   slots queue);
//! - CPU contention with the three-point service time (p99 250 ms, the presets'), 1 vCPU and
//!   6 ms a request, p95 at 30 / 60 / 90% CPU: +0.5% / +2.2% / -0.7%;
//! - CPU contention (processor sharing over an instance's vCPUs, `simulate_cpu_sharing`), p95,
//!   600,000 requests: 1 vCPU and 6 ms of CPU a request at 30 / 60 / 84 / 90 / 95% CPU:
//!   +0.4% / +1.6% / +2.0% / +2.0% / -0.2% (123 / 134 / 184 / 244 / 417 ms); 2 vCPU and 20 ms
//!   at 30 / 70 / 95%: +0.7% / +4.6% / +0.8%. With 30 ms of a 57.6 ms mean the model is
//!   slower than the simulation: +10% / +13% / +13% / +6% at 30 / 50 / 70 / 90% (the
//!   exponential stretch varies more than sharing among equal CPU times does).
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
        s.shift_s + (s.ln_median + s.sigma * self.normal()).exp()
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
    // (utilisation, tolerance on p50, p95, p99 as relative error)
    for (rho, tolerance) in [(0.3, [0.03, 0.03, 0.03]), (0.7, [0.03, 0.04, 0.05]), (0.9, [0.04, 0.05, 0.06])] {
        check_percentiles(seed_service(), 4, rho, tolerance, 0x5EED_0001);
    }
}

/// The model's p50, p95 and p99 for `service` on `servers` at utilisation `rho` against a
/// simulation of 400,000 requests (seeded `seed`), each within its relative `tolerance`.
fn check_percentiles(service: ServiceTime, servers: usize, rho: f64, tolerance: [f64; 3], seed: u64) {
    let lambda = rho * servers as f64 / service.mean_s();
    let sim = simulate(lambda, service, servers, 400_000, seed);
    let q = MgcQueue::new(lambda, service, servers as u32);
    for (p, tol) in [0.5, 0.95, 0.99].into_iter().zip(tolerance) {
        let model = q.response_time_percentile_s(p).unwrap();
        let simulated = sim.percentile_s(p);
        let err = model / simulated - 1.0;
        println!(
            "servers {servers} rho {rho} p{}: model {model:.4} s, simulated {simulated:.4} s ({err:+.4})",
            p * 100.0
        );
        assert!(
            err.abs() < tol,
            "rho {rho} p{}: model {model:.4} s, simulated {simulated:.4} s ({err:+.3})",
            p * 100.0
        );
    }
}

#[test]
fn the_three_point_service_time_matches_the_simulation() {
    // The seed's p50 50, p95 120 and p99 250 ms: a shifted lognormal. At light load the
    // simulated percentiles are the measured ones.
    let service = ServiceTime::from_three_percentiles_ms(50.0, 120.0, 250.0);
    let sim = simulate(1.0, service, 80, 400_000, 0x5EED_0099);
    for (p, ms) in [(0.5, 50.0), (0.95, 120.0), (0.99, 250.0)] {
        let simulated = sim.percentile_s(p) * 1000.0;
        assert!((simulated / ms - 1.0).abs() < 0.02, "p{}: simulated {simulated:.1} ms", p * 100.0);
    }
    // Under load, the M/G/c model with it against the simulation. On a region's pooled slots
    // (80 and more), where the presets run, within 2% to 90% of the slots. On 4 slots the
    // exponential wait of Allen-Cunneen is short of this heavy tail (Cs^2 0.74) once requests
    // queue: p99 13% low at 70%, 30% low at 90% (the two-point lognormal's is within 3%); the
    // tolerances below record that, they are not a target.
    check_percentiles(service, 80, 0.9, [0.02, 0.02, 0.02], 0x5EED_0104);
    check_percentiles(service, 4, 0.3, [0.02, 0.02, 0.02], 0x5EED_0101);
    check_percentiles(service, 4, 0.7, [0.02, 0.03, 0.15], 0x5EED_0102);
    check_percentiles(service, 4, 0.9, [0.10, 0.10, 0.32], 0x5EED_0103);
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

/// Response times, sorted, on one instance of `vcpu` vCPUs whose requests share its CPU:
/// each request first needs `cpu_s` vCPU-seconds under processor sharing over `c = ceil(vcpu)`
/// cores of speed `vcpu / c` (a request takes at most one core: each of `n` requests runs at
/// `min(1, c / n)` of a core), then waits the rest of a lognormal service time (its draw less
/// the CPU time alone, `cpu_s c / vcpu`), which does not contend. Poisson arrivals at
/// `lambda`; no concurrency limit.
///
/// Every request needs the same CPU time and all running requests get the same rate, so they
/// finish their CPU in arrival order: a queue of finishing points in "virtual time", the CPU
/// work each request has received since the start.
fn simulate_cpu_sharing(
    lambda: f64,
    service: ServiceTime,
    cpu_s: f64,
    vcpu: f64,
    requests: usize,
    seed: u64,
) -> Vec<f64> {
    let mut rng = Rng(seed);
    let warmup = requests / 20;
    let cores = vcpu.ceil();
    let speed = vcpu / cores;
    let alone_s = cpu_s / speed;
    // Requests in their CPU phase: (arrival, virtual time at which their CPU work is done, rest).
    let mut running = std::collections::VecDeque::<(f64, f64, f64)>::new();
    let (mut now, mut virtual_s) = (0.0_f64, 0.0_f64);
    let mut next_arrival = rng.exponential(lambda);
    let (mut arrived, mut response_s) = (0_usize, Vec::with_capacity(requests));
    while arrived < requests || !running.is_empty() {
        let n = running.len() as f64;
        let rate = if n > 0.0 { (cores / n).min(1.0) * speed } else { 0.0 };
        let head_done = running.front().map_or(f64::INFINITY, |&(_, done_v, _)| now + (done_v - virtual_s) / rate);
        if arrived < requests && next_arrival < head_done {
            virtual_s += rate * (next_arrival - now);
            now = next_arrival;
            let rest = (rng.lognormal(&service) - alone_s).max(0.0);
            running.push_back((now, virtual_s + cpu_s, rest));
            arrived += 1;
            next_arrival = now + rng.exponential(lambda);
        } else {
            let (arrival, done_v, rest) = running.pop_front().unwrap();
            virtual_s = done_v;
            now = head_done;
            if arrived > warmup {
                response_s.push(now - arrival + rest);
            }
        }
    }
    response_s.sort_by(f64::total_cmp);
    response_s
}

/// The model's p95 at peak for one instance of `vcpu` vCPUs with ample slots at a flat
/// `qps` of `cpu_ms` requests, through `size`.
fn model_p95_on_one_instance(qps: f64, cpu_ms: f64, vcpu: f64) -> f64 {
    model_p95_with_p99(qps, cpu_ms, vcpu, 0.0)
}

/// As [`model_p95_on_one_instance`], with the measured p99 `p99_ms` (0: not measured).
fn model_p95_with_p99(qps: f64, cpu_ms: f64, vcpu: f64, p99_ms: f64) -> f64 {
    let mut s = headroom::model::preset("week9-baseline").unwrap();
    let run = &mut s.cloud_run;
    run.service_time_p99_ms = p99_ms;
    (run.vcpu, run.memory_gib, run.min_instances, run.max_instances, run.max_concurrency) = (vcpu, 2.0, 1, 1, 1000);
    let p = &mut s.customers[0].profile;
    (p.peak_qps, p.avg_qps, p.peak_hours_per_day, p.cpu_ms_per_request) = (qps, qps, 24.0, cpu_ms);
    headroom::model::sizing::size(&s).latency_p95_ms.unwrap() / 1000.0
}

#[test]
fn cpu_contention_matches_a_processor_sharing_simulation() {
    let service = seed_service();
    // (vCPU, CPU per request in ms, CPU busy share)
    let cases = [
        (1.0, 6.0, 0.3),
        (1.0, 6.0, 0.6),
        (1.0, 6.0, 0.84),
        (1.0, 6.0, 0.9),
        (1.0, 6.0, 0.95),
        (2.0, 20.0, 0.3),
        (2.0, 20.0, 0.7),
        (2.0, 20.0, 0.95),
    ];
    for (k, (vcpu, cpu_ms, rho)) in cases.into_iter().enumerate() {
        let qps = rho * vcpu / (cpu_ms / 1000.0);
        let sim = simulate_cpu_sharing(qps, service, cpu_ms / 1000.0, vcpu, 600_000, 0x5EED_0100 + k as u64);
        let simulated = sim[(sim.len() as f64 * 0.95) as usize];
        let model = model_p95_on_one_instance(qps, cpu_ms, vcpu);
        let err = model / simulated - 1.0;
        println!("{vcpu} vCPU, {cpu_ms} ms at {rho}: model {model:.4} s, simulated {simulated:.4} s ({err:+.3})");
        assert!(
            err.abs() < 0.10,
            "{vcpu} vCPU, {cpu_ms} ms at {rho}: model {model:.4} s, simulated {simulated:.4} s ({err:+.3})"
        );
    }
}

#[test]
fn cpu_contention_with_the_three_point_service_time_matches_the_simulation() {
    // The presets' service time (p99 250 ms measured) with 1 vCPU and 6 ms a request.
    let service = ServiceTime::from_three_percentiles_ms(50.0, 120.0, 250.0);
    for (k, rho) in [0.3, 0.6, 0.9].into_iter().enumerate() {
        let qps = rho / 0.006;
        let sim = simulate_cpu_sharing(qps, service, 0.006, 1.0, 600_000, 0x5EED_0300 + k as u64);
        let simulated = sim[(sim.len() as f64 * 0.95) as usize];
        let model = model_p95_with_p99(qps, 6.0, 1.0, 250.0);
        let err = model / simulated - 1.0;
        println!("three-point, 1 vCPU, 6 ms at {rho}: model {model:.4} s, simulated {simulated:.4} s ({err:+.3})");
        assert!(err.abs() < 0.10, "6 ms at {rho}: model {model:.4} s, simulated {simulated:.4} s ({err:+.3})");
    }
}

#[test]
fn cpu_contention_is_conservative_when_cpu_is_much_of_the_service_time() {
    // 30 vCPU-ms of a 57.6 ms mean (the seed's capacity remarks' reading): every request's
    // CPU time is the same, so sharing varies less than the model's exponential stretch, and
    // the model's p95 is slower than the simulation's, by under 20%.
    let service = seed_service();
    for (k, rho) in [0.3, 0.5, 0.7, 0.9].into_iter().enumerate() {
        let qps = rho / 0.030;
        let sim = simulate_cpu_sharing(qps, service, 0.030, 1.0, 400_000, 0x5EED_0200 + k as u64);
        let simulated = sim[(sim.len() as f64 * 0.95) as usize];
        let model = model_p95_on_one_instance(qps, 30.0, 1.0);
        let err = model / simulated - 1.0;
        println!("1 vCPU, 30 ms at {rho}: model {model:.4} s, simulated {simulated:.4} s ({err:+.3})");
        assert!(
            (-0.02..0.20).contains(&err),
            "30 ms at {rho}: model {model:.4} s, simulated {simulated:.4} s ({err:+.3})"
        );
    }
}
