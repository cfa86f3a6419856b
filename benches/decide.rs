//! The decision views on each preset: the savings finder and the sensitivity tornado.
//! Budget (issue 10): each under 3 ms in Chromium's wasm, so about 0.5 ms natively.

use criterion::{Criterion, criterion_group, criterion_main};
use headroom::model::savings::savings;
use headroom::model::sensitivity::sensitivity;
use headroom::model::{preset, preset_ids};

fn decide(c: &mut Criterion) {
    for id in preset_ids() {
        let scenario = preset(id).expect("preset exists");
        c.bench_function(&format!("savings/{id}"), |b| b.iter(|| savings(std::hint::black_box(&scenario))));
        c.bench_function(&format!("sensitivity/{id}"), |b| b.iter(|| sensitivity(std::hint::black_box(&scenario))));
    }
}

criterion_group!(benches, decide);
criterion_main!(benches);
