//! Each row's accessor reads the figure its id names in the serialized output.

use serde::Serialize;
use serde_json::Value;

use super::*;
use crate::model::cost::Component;
use crate::model::{deal, evaluate, preset, preset_ids, timeline};

/// The value at `path` (`sizing.firestore.storedGib`, `findings[0].severity`) of `json`.
fn at<'a>(json: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(json, |v, key| match key.split_once('[') {
        Some((name, index)) => v.get(name)?.get(index.trim_end_matches(']').parse::<usize>().ok()?),
        None => v.get(key),
    })
}

/// Asserts every row of `table` reads from `item` what its id names in `item`'s JSON.
fn agree<T: Serialize>(table: &[Output<T>], item: &T) {
    agree_in(table, item, &serde_json::to_value(item).unwrap());
}

/// Asserts every row of `table` reads from `item` what its id names in `json` (the output
/// `item` is part of: an estimate for its totals). A list of words reads as one text, spaced.
fn agree_in<T>(table: &[Output<T>], item: &T, json: &Value) {
    for row in table {
        let found = at(json, row.id).filter(|v| !v.is_null()).map(|v| match v {
            Value::Array(items) => {
                Value::String(items.iter().map(|i| i.as_str().unwrap()).collect::<Vec<_>>().join(" "))
            }
            v => v.clone(),
        });
        match ((row.get)(item), found) {
            (Figure::Absent, None) => {}
            (Figure::Cents(c), Some(v)) => assert_eq!(v.as_i64(), Some(c), "{}", row.id),
            (Figure::Number(x), Some(v)) => assert_eq!(v.as_f64(), Some(x), "{}", row.id),
            (Figure::Text(t), Some(Value::String(s))) => assert_eq!(row.words_of(&s), t, "{}", row.id),
            (figure, v) => panic!("{}: the accessor reads {figure:?}, the JSON has {v:?}", row.id),
        }
    }
}

#[test]
fn every_accessor_reads_the_figure_its_id_names() {
    for id in preset_ids() {
        let s = preset(id).unwrap();
        let e = evaluate(&s).unwrap();
        agree_in(&TOTALS, &e.totals, &serde_json::to_value(&e).unwrap());
        for table in [&STRIP[..], &SIZING, &COMPARISON, &UNCONFIRMED] {
            agree(table, &e);
        }
        e.line_items.iter().for_each(|l| agree(&BILL, l));
        e.customers.iter().for_each(|c| agree(&CUSTOMERS, c));
        e.findings.iter().for_each(|f| agree(&FINDINGS, f));
        let t = timeline::timeline(&s).unwrap();
        t.months.iter().for_each(|m| agree(&TIMELINE, m));
        agree(&TIMELINE_SUMMARY, &t);
        let prospect = deal::Prospect { name: "P".into(), acv_usd: 48_000.0, usage: deal::Usage::ScaledTypical(2.0) };
        let d = deal::deal(&s, &prospect, 80.0).unwrap();
        agree(&DEAL, &d);
        d.allocated.iter().for_each(|r| agree(&DEAL_RULES, r));
    }
}

#[test]
fn each_product_is_named_by_its_tag() {
    for (c, (tag, _)) in Component::ALL.iter().zip(PRODUCTS) {
        assert_eq!(serde_json::to_value(c).unwrap(), *tag);
    }
    assert_eq!(PRODUCTS.len(), Component::ALL.len());
}

#[test]
fn ids_are_unique_in_each_table_and_a_shared_id_is_the_same_figure() {
    let o = serde_json::to_value(outputs()).unwrap();
    let mut seen: std::collections::BTreeMap<String, Value> = Default::default();
    for (name, table) in o.as_object().unwrap() {
        let rows = table.as_array().unwrap();
        let mut ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), rows.len(), "{name}: an id twice");
        for r in rows {
            // The strip's short labels and precisions are its own; elsewhere an id is one figure.
            if name == "strip" || !r["id"].as_str().unwrap().contains('.') {
                continue;
            }
            let prior = seen.entry(r["id"].as_str().unwrap().into()).or_insert_with(|| r.clone());
            assert_eq!(prior, r, "{name}");
        }
    }
}
