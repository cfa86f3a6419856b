//! `evaluate` on each preset. Budget: phase2 under 6 us per call (docs/benchmarks.md).
//! Also `Planner::matching_preset` (what the scenario picker shows on a whole-scenario open) on
//! each preset and on a changed scenario (which is compared with every preset). And the queue
//! alone: the p50, p95 and p99 response times of a large pool at low load (100 instances x 80
//! concurrency, 50 ms service, 20% busy), where the waiting probability is found negligible
//! and the percentiles are the service time's.

use criterion::{Criterion, criterion_group, criterion_main};
use headroom::model::queue::MmcQueue;
use headroom::model::{FieldValue, Planner, evaluate, preset, preset_ids};

fn presets(c: &mut Criterion) {
    for id in preset_ids() {
        let scenario = preset(id).expect("preset exists");
        c.bench_function(&format!("evaluate/{id}"), |b| b.iter(|| evaluate(std::hint::black_box(&scenario))));
        let planner = Planner::from_preset(id).expect("preset exists");
        c.bench_function(&format!("matching_preset/{id}"), |b| {
            b.iter(|| std::hint::black_box(&planner).matching_preset())
        });
    }
    let mut custom = Planner::from_preset("phase2-10-customers").expect("preset exists");
    custom.set("customers", FieldValue::Number(11.0)).expect("a valid count");
    c.bench_function("matching_preset/custom", |b| b.iter(|| std::hint::black_box(&custom).matching_preset()));
}

fn queue(c: &mut Criterion) {
    c.bench_function("queue/large-pool-low-load", |b| {
        b.iter(|| {
            let q = MmcQueue::new(std::hint::black_box(32_000.0), 0.05, 8_000);
            [0.5, 0.95, 0.99].map(|p| q.response_time_percentile_s(p))
        })
    });
}

criterion_group!(benches, presets, queue);
criterion_main!(benches);
