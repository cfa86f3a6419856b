//! CPU contention: the requests on one instance share its vCPUs.
//!
//! A request's service time, measured at low load, is its CPU time `x` (vCPU-seconds, from
//! `cpuMsPerRequest`) plus time spent waiting on Firestore and the network. Under load the
//! requests in their CPU phase share the instance's vCPUs by processor sharing: `c =
//! ceil(vcpu)` cores of speed `vcpu / c` each (one core at speed `vcpu` below 1 vCPU), each
//! request taking at most one core. Only the CPU part stretches; the rest does not.
//!
//! With `lambda` requests/s on the instance, a core spends `x_c = x c / vcpu` seconds on a
//! request, and the CPU is busy `rho = lambda x / vcpu`. Processor sharing over `c` cores is a
//! symmetric queue (Kelly), so the mean number of requests in their CPU phase is that of the
//! M/M/c queue at load `a = lambda x_c`, whatever the distribution of `x`; a request of CPU
//! time `x` then takes `x_c (1 + C / (c (1 - rho)))` on average, `C` the Erlang C probability.
//! The stretch is taken as an added wait of the M/M/c form: none with probability `1 - C`,
//! else exponential with rate `theta = c (1 - rho) / x_c`, so its mean `C / theta` is exact
//! and its tail is the geometric number of requests a small job shares the CPU with (exact
//! for one core: `P(W > w) = rho exp(-(1 - rho) w / x)`). Checked against a discrete-event
//! simulation of processor sharing in `tests/simulate.rs`: p95 within 5% from 30% to 95%
//! CPU for 6 ms in a 57.6 ms mean service time (the lognormal through the seed's p50 and
//! p95; within 3% with the presets' three-point service time); when CPU is half of the service
//! time (30 ms) the model is slower than the simulation by up to 13% (every request's CPU
//! time is the same, so sharing varies less than the exponential stretch): conservative.

use super::queue::MmcQueue;

/// The wait CPU contention adds to a request on one instance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CpuWait {
    /// Probability that a request shares the CPU at all (Erlang C); `None` when the CPU is
    /// busy 100% or more, or the inputs are invalid.
    pub prob: Option<f64>,
    /// Rate of the added time when it is shared, 1/s: `c (1 - rho) / x_c`.
    pub rate: f64,
}

/// The CPU wait of a request on an instance of `vcpu` vCPUs that takes `arrivals_per_s`
/// requests/s of `cpu_s` vCPU-seconds each; no wait (`prob` 0) without CPU time.
///
/// ```
/// use headroom::model::contention::cpu_wait;
/// // 1 vCPU, 6 ms a request, 100 requests/s: 60% busy; a request shares the CPU 60% of the
/// // time and then waits an exponential time of mean 6 ms / 0.4 = 15 ms.
/// let w = cpu_wait(100.0, 0.006, 1.0);
/// assert!((w.prob.unwrap() - 0.6).abs() < 1e-12);
/// assert!((1.0 / w.rate - 0.015).abs() < 1e-12);
/// assert_eq!(cpu_wait(200.0, 0.006, 1.0).prob, None); // 120%: saturated
/// ```
pub fn cpu_wait(arrivals_per_s: f64, cpu_s: f64, vcpu: f64) -> CpuWait {
    if !(cpu_s > 0.0 && arrivals_per_s > 0.0) {
        return CpuWait { prob: Some(0.0), rate: f64::INFINITY };
    }
    let cores = vcpu.ceil().max(1.0);
    let core_s = cpu_s * cores / vcpu;
    // Saturating cast: at most 8 cores.
    let queue = MmcQueue::new(arrivals_per_s, core_s, cores as u32);
    let rho = arrivals_per_s * cpu_s / vcpu;
    CpuWait { prob: queue.wait_probability(), rate: cores * (1.0 - rho) / core_s }
}
