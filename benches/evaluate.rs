//! `evaluate` on each preset. Budget (issue 2): phase2 under 5 us per call on the CI machine.

use criterion::{Criterion, criterion_group, criterion_main};
use headroom::model::{evaluate, preset, preset_ids};

fn presets(c: &mut Criterion) {
    for id in preset_ids() {
        let scenario = preset(id).expect("preset exists");
        c.bench_function(&format!("evaluate/{id}"), |b| b.iter(|| evaluate(std::hint::black_box(&scenario))));
    }
}

criterion_group!(benches, presets);
criterion_main!(benches);
