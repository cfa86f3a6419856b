//! Evaluates one preset many times, for a profiler: `cargo build --release --example profile`,
//! then `valgrind --tool=callgrind target/release/examples/profile phase2-10-customers 1000`
//! and `callgrind_annotate` on its output (instructions per evaluate: the total over the count,
//! less the start-up a run with count 0 takes). Defaults: phase2-10-customers, 1,000 times.

fn main() {
    let mut args = std::env::args().skip(1);
    let id = args.next().unwrap_or_else(|| "phase2-10-customers".into());
    let count: u32 = args.next().map_or(1_000, |n| n.parse().expect("a count"));
    let scenario = headroom::model::preset(&id).expect("a preset id");
    for _ in 0..count {
        std::hint::black_box(headroom::model::evaluate(std::hint::black_box(&scenario))).expect("evaluates");
    }
}
