//! The tornado against direct evaluation: each bar's ends are the totals of scenarios moved
//! independently here, the bars are the top 10 in order, and moves are clamped at the range.
#![cfg(not(target_arch = "wasm32"))]

use headroom::model::sensitivity::{INPUTS, Level, MAX_BARS, Move, sensitivity, sensitivity_with};
use headroom::model::*;

/// The field row of a pattern path.
fn row(path: &str) -> &'static Field {
    FIELDS.iter().find(|f| f.path == path).unwrap()
}

/// `s` with `key` moved by `factor`, built with `Scenario::set` path by path, clamped to the
/// field's range (the presets need no relation clamps but the CDN's shares at 1).
fn moved(s: &Scenario, key: &str, factor: f64) -> Scenario {
    let mut out = s.clone();
    if key == "customers[].count" {
        // Hand-worked: 1 customer moves to 0 and 2; 3 (one each) to 2 (the first two keep
        // theirs: equal remainders, earlier first) and 4 (the first gets the extra one);
        // Phase 2's [1, 1, 1, 7] to 8 is [0.8, 0.8, 0.8, 5.6] -> [1, 1, 1, 5], to 12
        // [1.2, 1.2, 1.2, 8.4] -> [1, 1, 1, 9].
        let counts: Vec<u32> = s.customers.iter().map(|c| c.count).collect();
        let to: &[u32] = match (counts.as_slice(), factor < 1.0) {
            ([1], true) => &[0],
            ([1], false) => &[2],
            ([1, 1, 1], true) => &[1, 1, 0],
            ([1, 1, 1], false) => &[2, 1, 1],
            ([1, 1, 1, 7], true) => &[1, 1, 1, 5],
            ([1, 1, 1, 7], false) => &[1, 1, 1, 9],
            other => panic!("no hand-worked counts for {other:?}"),
        };
        for (i, n) in to.iter().enumerate() {
            out.set(&format!("customers[{i}].count"), FieldValue::Number(f64::from(*n))).unwrap();
        }
        return out;
    }
    let r = row(key);
    let at = |x: f64| FieldValue::Number((x * factor).clamp(r.min, r.max));
    if let Some(field) = key.strip_prefix("customers[].profile.") {
        for i in 0..s.customers.len() {
            let path = format!("customers[{i}].profile.{field}");
            let FieldValue::Number(x) = s.get(&path).unwrap() else { panic!("{path}") };
            out.set(&path, at(x)).unwrap();
        }
        let path = format!("typicalCustomer.{field}");
        let FieldValue::Number(x) = s.get(&path).unwrap() else { panic!("{path}") };
        out.set(&path, at(x)).unwrap();
    } else {
        let FieldValue::Number(x) = s.get(key).unwrap() else { panic!("{key}") };
        out.set(key, at(x)).unwrap();
    }
    out
}

#[test]
fn bars_equal_direct_evaluations_of_the_moved_scenarios() {
    for id in preset_ids() {
        let s = preset(id).unwrap();
        let t = sensitivity(&s).unwrap();
        let base = evaluate(&s).unwrap().totals;
        assert_eq!((t.monthly_cost_cents, t.gross_margin_pct), (base.monthly_cost_cents, base.gross_margin_pct));
        assert!(!t.bars.is_empty(), "{id}");
        for bar in &t.bars {
            let (low, high) =
                (evaluate(&moved(&s, &bar.key, 0.8)).unwrap(), evaluate(&moved(&s, &bar.key, 1.2)).unwrap());
            let at = format!("{id}: {}", bar.key);
            assert_eq!(bar.monthly_cost_low_cents, low.totals.monthly_cost_cents, "{at}");
            assert_eq!(bar.monthly_cost_high_cents, high.totals.monthly_cost_cents, "{at}");
            assert_eq!(bar.gross_margin_low_pct, low.totals.gross_margin_pct, "{at}");
            assert_eq!(bar.gross_margin_high_pct, high.totals.gross_margin_pct, "{at}");
            assert!(bar.input_low <= bar.input_typical && bar.input_typical <= bar.input_high, "{at}");
        }
    }
}

#[test]
fn the_top_ten_by_cost_swing_in_order() {
    for id in preset_ids() {
        let s = preset(id).unwrap();
        let t = sensitivity(&s).unwrap();
        assert_eq!(t.bars.len(), MAX_BARS, "{id}");
        for w in t.bars.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            let ordered = a.cost_swing_cents() > b.cost_swing_cents()
                || (a.cost_swing_cents() == b.cost_swing_cents()
                    && (a.margin_swing_pct() > b.margin_swing_pct()
                        || (a.margin_swing_pct() == b.margin_swing_pct() && a.key < b.key)));
            assert!(ordered, "{id}: {} before {}", a.key, b.key);
        }
        // Every input left out moves the cost no more than the last bar.
        let last = t.bars.last().unwrap().cost_swing_cents();
        for key in INPUTS.iter().filter(|k| t.bars.iter().all(|b| b.key != **k)) {
            let low = evaluate(&moved(&s, key, 0.8)).unwrap().totals.monthly_cost_cents;
            let high = evaluate(&moved(&s, key, 1.2)).unwrap().totals.monthly_cost_cents;
            assert!((high - low).abs() <= last, "{id}: {key} swings {} over {last}", (high - low).abs());
        }
    }
}

#[test]
fn customers_move_every_cohort_and_at_least_one_customer() {
    let t = sensitivity(&preset("week9-baseline").unwrap()).unwrap();
    let bar = t.bars.iter().find(|b| b.key == "customers[].count").unwrap();
    assert_eq!((bar.input_low, bar.input_typical, bar.input_high), (0.0, 1.0, 2.0));
    assert!(bar.clamped);
    assert_eq!(bar.gross_margin_low_pct, None); // no customers, no revenue
    assert_eq!(bar.label, "Customers");
    let t = sensitivity(&preset("phase2-10-customers").unwrap()).unwrap();
    let bar = t.bars.iter().find(|b| b.key == "customers[].count").unwrap();
    assert_eq!((bar.input_low, bar.input_high, bar.clamped), (8.0, 12.0, false));
}

#[test]
fn moves_past_the_range_are_clamped_there() {
    // Phase 2's CDN: hit ratio 0.9 x 1.2 = 1.08 and lookup share 1 x 1.2 stop at 1.
    let s = preset("phase2-10-customers").unwrap();
    let t = sensitivity(&s).unwrap();
    let hit = t.bars.iter().find(|b| b.key == "network.cdnHitRatio").unwrap();
    assert_eq!((hit.input_low, hit.input_high, hit.clamped), (0.9 * 0.8, 1.0, true));
    let mut at_one = s.clone();
    at_one.set("network.cdnHitRatio", FieldValue::Number(1.0)).unwrap();
    assert_eq!(hit.monthly_cost_high_cents, evaluate(&at_one).unwrap().totals.monthly_cost_cents);
    let lookup = t.bars.iter().find(|b| b.key == "network.cdnLookupShare").unwrap();
    assert_eq!((lookup.input_high, lookup.monthly_cost_high_cents), (1.0, t.monthly_cost_cents));
    // An explicit range past the field's: request size up to 10,240 KiB at most.
    let kib = Move { key: "network.requestKib".into(), low: Level::Value(0.5), high: Level::Value(50_000.0) };
    let bar = &sensitivity_with(&s, &[kib]).unwrap().bars[0];
    assert_eq!((bar.input_low, bar.input_high, bar.clamped), (0.5, 10_240.0, true));
    let mut big = s.clone();
    big.set("network.requestKib", FieldValue::Number(10_240.0)).unwrap();
    assert_eq!(bar.monthly_cost_high_cents, evaluate(&big).unwrap().totals.monthly_cost_cents);
    // Service time p50 cannot pass p95 (120 ms): 50 x 3 stops there.
    let p50 = Move::by_factors("cloudRun.serviceTimeP50Ms", 0.5, 3.0);
    let bar = &sensitivity_with(&s, &[p50]).unwrap().bars[0];
    assert_eq!((bar.input_low, bar.input_high, bar.clamped), (25.0, 120.0, true));
    // Mean QPS cannot pass the peak: Customer #1's 15 x 4 stops at its 50.
    let avg = Move::by_factors("customers[].profile.avgQps", 1.0, 4.0);
    let bar = &sensitivity_with(&preset("week9-baseline").unwrap(), &[avg]).unwrap().bars[0];
    assert_eq!((bar.input_high, bar.clamped), (50.0, true));
}

#[test]
fn inputs_that_move_nothing_are_left_out() {
    // Week 9 has neither CDN nor Redis: their shares move nothing.
    let s = preset("week9-baseline").unwrap();
    let moves: Vec<Move> = ["network.cdnHitRatio", "redis.readAbsorption", "network.requestKib"]
        .iter()
        .map(|k| Move::by_factors(k, 0.8, 1.2))
        .collect();
    let keys: Vec<String> = sensitivity_with(&s, &moves).unwrap().bars.into_iter().map(|b| b.key).collect();
    assert_eq!(keys, ["network.requestKib"]);
}

#[test]
fn bad_moves_are_refused_by_index() {
    let s = preset("week9-baseline").unwrap();
    let err = |m: Move| sensitivity_with(&s, &[Move::by_factors("network.requestKib", 0.8, 1.2), m]).unwrap_err();
    let e = err(Move::by_factors("cloudRun.maxInstances", 0.8, 1.2));
    assert_eq!(e.problems()[0].path, "moves[1].key");
    let e = err(Move::by_factors("network.requestKib", -1.0, 1.2));
    assert_eq!(e.to_string(), "moves[1].low = -1: allowed a number of 0 or more");
}
