//! The growth curve: 200 log-spaced counts from 1 to 1,000 customers on each preset.
//! Budget (issue 9): under 200 us per curve natively.

use criterion::{Criterion, criterion_group, criterion_main};
use headroom::model::growth::{DEFAULT_GROWTH_POINTS, growth, growth_counts};
use headroom::model::{preset, preset_ids};

fn curves(c: &mut Criterion) {
    let counts = growth_counts(1_000, DEFAULT_GROWTH_POINTS);
    for id in preset_ids() {
        let scenario = preset(id).expect("preset exists");
        c.bench_function(&format!("growth/{id}"), |b| b.iter(|| growth(std::hint::black_box(&scenario), &counts)));
    }
}

criterion_group!(benches, curves);
criterion_main!(benches);
