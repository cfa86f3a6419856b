//! The first WebAssembly module's exports (the crate built without features, as the page loads
//! it), run under Node and in headless Chromium (`wasm-pack test -- --test wasm`). What crosses
//! the boundary is checked against the native model, not against itself: every figure must
//! equal the native one (floats to a relative 1e-12, libm differing in the last bit; integers,
//! strings and shapes exactly).
//!
//! - Agreement with native: each preset's planner estimate; the planner after a series of
//!   changes, each change's estimate and the values it moved (`changed`); share links both
//!   ways; pins, their names and the preset a link matches.
//! - The field table crosses whole and typed (rows, kinds, choices, bounds, defaults); `get`
//!   reads fields and the headline knobs.
//! - Bad input (values, links, revoked or throwing JS proxies) comes back as a JS `Error`
//!   whose message names the field, and the planner keeps its last good result.
//!
//! The tools module has its own tests (`wasm_tools.rs`, built with the `tools` feature).
#![cfg(all(target_arch = "wasm32", not(feature = "tools")))]

mod wasm_common;

use headroom::model;
use headroom::wasm;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use wasm_common::{assert_same, json, message, problems};

#[wasm_bindgen_test]
fn each_presets_planner_agrees_with_native() {
    let ids = wasm::preset_ids();
    assert_eq!(ids, model::preset_ids());
    for id in ids {
        let native = model::preset(&id).unwrap();
        assert_same(&json(&wasm::preset(&id).unwrap()), &serde_json::to_value(&native).unwrap(), &id);
        let planner = wasm::Planner::from_preset(&id).unwrap();
        let expected = serde_json::to_value(model::evaluate(&native).unwrap()).unwrap();
        assert_same(&json(&planner.estimate().unwrap()), &expected, &id);
        assert_same(&json(&planner.scenario().unwrap()), &serde_json::to_value(&native).unwrap(), &id);
    }
    assert!(wasm::preset("nope").is_err());
    assert!(wasm::Planner::from_preset("nope").is_err());
}

/// Each change's estimate and the values it moved (`changed`) are the native planner's; a
/// change of the customer count moves the knobs and a cohort's count with it.
#[wasm_bindgen_test]
fn the_planner_agrees_with_native_after_each_change() {
    let mut js = wasm::Planner::from_preset("phase1-3-customers").unwrap();
    let mut native = model::Planner::from_preset("phase1-3-customers").unwrap();
    let changes: [(&str, JsValue, model::FieldValue); 5] = [
        ("customers", 7.into(), model::FieldValue::Number(7.0)),
        ("peakQpsPerCustomer", 120.into(), model::FieldValue::Number(120.0)),
        ("network.loadBalancer", "global".into(), model::FieldValue::Text("global".into())),
        ("network.cdn", true.into(), model::FieldValue::Bool(true)),
        ("discounts.cud", "oneYear".into(), model::FieldValue::Text("oneYear".into())),
    ];
    for (path, value, native_value) in changes {
        let through_wasm = json(&js.set(path, value).unwrap());
        let expected = serde_json::to_value(native.set(path, native_value).unwrap()).unwrap();
        assert_same(&through_wasm, &expected, path);
        assert!(through_wasm["changed"].as_array().unwrap().iter().any(|c| c["path"] == path), "{path}");
    }
    assert_same(&json(&js.scenario().unwrap()), &serde_json::to_value(native.scenario()).unwrap(), "scenario");
    // Phase 1 has three cohorts of one: a fourth customer joins a new "Typical customer" cohort.
    let mut js = wasm::Planner::from_preset("phase1-3-customers").unwrap();
    let update = json(&js.set("customers", 4.into()).unwrap());
    let changed = update["changed"].as_array().unwrap();
    assert_eq!(changed[0], serde_json::json!({ "path": "customers[]", "value": 4 }));
    assert_eq!(changed[1], serde_json::json!({ "path": "customers", "value": 4 }));
    assert!(changed.contains(&serde_json::json!({ "path": "customers[3].count", "value": 1 })));
    let all = js_sys::Array::of2(
        &json_object(&[("path", "network.cdn".into()), ("value", false.into())]),
        &json_object(&[("path", "name".into()), ("value", "Both".into())]),
    );
    let update = json(&js.set_all(all.iter().map(|o| o.unchecked_into()).collect()).unwrap());
    let paths: Vec<&str> = update["changed"].as_array().unwrap().iter().map(|c| c["path"].as_str().unwrap()).collect();
    // The CDN was off already: only the name moved.
    assert_eq!(paths, ["name"]);
}

/// A plain JS object of `entries`.
fn json_object(entries: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in entries {
        js_sys::Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

#[wasm_bindgen_test]
fn a_bad_value_is_an_error_naming_the_field_and_the_last_result_stays() {
    let mut planner = wasm::Planner::from_preset("week9-baseline").unwrap();
    let before = json(&planner.estimate().unwrap());
    let err = planner.set("network.cdnHitRatio", 1.5.into()).unwrap_err();
    let problems = problems(&err);
    assert_eq!(problems[0]["path"], "network.cdnHitRatio");
    assert_eq!(problems[0]["allowed"], "a number from 0 to 1");
    assert_eq!(message(err), "network.cdnHitRatio = 1.5: allowed a number from 0 to 1");
    assert_eq!(json(&planner.estimate().unwrap()), before);
    let err = planner.set("customers", (-1).into()).unwrap_err();
    assert_eq!(message(err), "customers = -1: allowed a whole number from 0 to 100000");
    assert_eq!(json(&planner.estimate().unwrap()), before);
}

#[wasm_bindgen_test]
fn a_revoked_or_throwing_proxy_is_refused_and_the_planner_carries_on() {
    // Reading such a value used to throw inside the planner's call, leaving it borrowed
    // ("recursive use of an object") for good (issue 15, item 8).
    let mut planner = wasm::Planner::from_preset("week9-baseline").unwrap();
    let revocable = js_sys::Proxy::revocable(&js_sys::Array::new(), &js_sys::Object::new());
    let revoked = js_sys::Reflect::get(&revocable, &"proxy".into()).unwrap();
    let revoke: js_sys::Function = js_sys::Reflect::get(&revocable, &"revoke".into()).unwrap().unchecked_into();
    revoke.call0(&JsValue::NULL).unwrap();
    let traps = js_sys::Object::new();
    js_sys::Reflect::set(&traps, &"get".into(), &js_sys::Function::new_no_args("throw new Error('trap')")).unwrap();
    let throwing = js_sys::Proxy::new(&js_sys::Array::of1(&"us-central1".into()), &traps);
    for bad in [revoked, throwing.into()] {
        let err = message(planner.set("cloudRun.regions", bad).unwrap_err());
        assert!(err.starts_with("cloudRun.regions = null: allowed"), "{err}");
    }
    let update = json(&planner.set("customers", 3.into()).unwrap());
    assert_eq!(update["estimate"]["totals"]["customerCount"], 3);
}

#[wasm_bindgen_test]
fn a_pin_is_renamed_through_the_wasm_and_the_preset_a_link_matches_is_named() {
    let mut planner = wasm::Planner::from_preset("phase1-3-customers").unwrap();
    assert_eq!(planner.matching_preset().as_deref(), Some("phase1-3-customers"));
    planner.pin().unwrap();
    planner.rename_pin(0, "Before").unwrap();
    let err = planner.rename_pin(0, &"x".repeat(121)).unwrap_err();
    assert_eq!(problems(&err)[0]["path"], "pins[0].name");
    assert_eq!(message(planner.rename_pin(1, "B").unwrap_err()), "pins[1]: a pinned scenario (there are 1)");
    let reopened = wasm::Planner::from_link(&planner.link()).unwrap();
    assert_eq!(json(&reopened.pins().unwrap())[0]["name"], "Before");
    assert_eq!(reopened.matching_preset().as_deref(), Some("phase1-3-customers"));
    planner.set("customers", 4.into()).unwrap();
    assert_eq!(planner.matching_preset(), None);
}

#[wasm_bindgen_test]
fn the_field_table_crosses_typed_and_whole() {
    let fields = json(&wasm::fields().unwrap());
    let rows = fields.as_array().unwrap();
    assert_eq!(rows.len(), model::FIELDS.len());
    let cud = rows.iter().find(|f| f["path"] == "discounts.cud").unwrap();
    assert_eq!(cud["kind"], "choice");
    assert_eq!(cud["options"][1]["label"], "1 year");
    assert_eq!(cud["default"], "none");
    let hit = rows.iter().find(|f| f["path"] == "network.cdnHitRatio").unwrap();
    assert_eq!((hit["min"].as_f64(), hit["max"].as_f64(), hit["default"].as_f64()), (Some(0.0), Some(1.0), Some(0.5)));
    assert_eq!(
        rows.iter().find(|f| f["path"] == "cloudRun.regions").unwrap()["default"],
        serde_json::json!(["us-central1"])
    );
}

#[wasm_bindgen_test]
fn links_read_and_write_through_the_wasm() {
    for id in model::preset_ids() {
        let link = model::preset(id).unwrap().to_link();
        let back = json(&wasm::decode_link(&format!("#{link}")).unwrap());
        assert_same(&back, &serde_json::to_value(model::preset(id).unwrap()).unwrap(), id);
        let planner = wasm::Planner::from_link(&link).unwrap();
        assert_eq!(planner.link(), link);
        assert_eq!(wasm::Planner::from_preset(id).unwrap().link(), link, "{id}");
    }
    let err = wasm::decode_link(&format!("#v{}.3=x~00000000", model::SCHEMA_VERSION + 1)).unwrap_err();
    assert!(message(err).contains("made by a newer version"));
    assert!(wasm::Planner::from_link("#garbage").is_err());
    // Replacing the scenario with a link keeps the pins; a refused link keeps everything.
    let mut planner = wasm::Planner::from_preset("week9-baseline").unwrap();
    planner.pin().unwrap();
    let phase1 = model::preset("phase1-3-customers").unwrap();
    let estimate = json(&planner.replace_with_link(&phase1.to_link()).unwrap());
    assert_same(&estimate, &serde_json::to_value(model::evaluate(&phase1).unwrap()).unwrap(), "replaced");
    assert_eq!(planner.pin_count(), 1);
    assert!(planner.replace_with_link("#garbage").is_err());
    assert_same(&json(&planner.estimate().unwrap()), &estimate, "kept");
}

#[wasm_bindgen_test]
fn get_reads_fields_and_knobs() {
    let mut planner = wasm::Planner::from_preset("phase1-3-customers").unwrap();
    assert_eq!(planner.get("customers").unwrap().as_f64(), Some(3.0));
    assert_eq!(planner.get("customers[2].profile.acvUsd").unwrap().as_f64(), Some(35_000.0));
    assert_eq!(planner.get("discounts.cud").unwrap().as_string().as_deref(), Some("none"));
    assert_eq!(json(&planner.get("cloudRun.regions").unwrap()), serde_json::json!(["us-central1"]));
    let regions = js_sys::Array::of2(&"us-east1".into(), &"europe-west1".into());
    planner.set("cloudRun.regions", regions.into()).unwrap();
    assert_eq!(json(&planner.get("cloudRun.regions").unwrap()), serde_json::json!(["us-east1", "europe-west1"]));
    assert_eq!(
        message(planner.get("network.cdnHitRatio[").unwrap_err()),
        "network.cdnHitRatio[: a field path such as customers[0].profile.acvUsd"
    );
}

#[wasm_bindgen_test]
fn warnings_come_from_the_planner() {
    let planner = wasm::Planner::from_preset("week9-baseline").unwrap();
    assert_eq!(json(&planner.warnings().unwrap()), serde_json::json!([]));
    let mut planner = wasm::Planner::from_preset("week9-baseline").unwrap();
    planner.set("customers[0].profile.cpuMsPerRequest", 300.into()).unwrap();
    let warnings = json(&planner.warnings().unwrap());
    assert_eq!(warnings[0]["path"], "customers[0].profile.cpuMsPerRequest", "{warnings}");
}
