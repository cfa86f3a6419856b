//! The WebAssembly exports of both modules (built with the `tools` feature, which adds the
//! second module's), run under Node and in headless Chromium (wasm-pack test). What crosses the
//! boundary is checked against the native model, not against itself: every figure must equal
//! the native one (floats to a relative 1e-12, libm differing in the last bit; integers,
//! strings and shapes exactly).
//!
//! - Agreement with native: `evaluate`, the growth curve, savings and the tornado, the
//!   timeline, the CSV, Markdown and JSON exports (with and without pins) and share links both
//!   ways on every preset; the planner after a series of changes; the deal view for each kind
//!   of prospect.
//! - The field table crosses whole and typed (rows, kinds, choices, bounds, defaults); `get`
//!   reads fields and the headline knobs.
//! - Bad input (values, scenarios, prospects, files, revoked or throwing JS proxies) comes back
//!   as a JS `Error` whose message names the field, and the planner keeps its last good
//!   result.
//! - Hostile names stay text in the CSV and Markdown exports (no formula, no markup).
#![cfg(all(target_arch = "wasm32", feature = "tools"))]

use headroom::model;
use headroom::wasm::{self, tools};
use serde::Serialize;
use serde_json::Value as Json;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn json(js: &JsValue) -> Json {
    serde_wasm_bindgen::from_value(js.clone()).expect("plain data")
}

/// Equal, with floats allowed a relative 1e-12 (libm in wasm and the host's may differ in
/// the last bit); integers, strings and shapes exactly.
fn assert_same(a: &Json, b: &Json, at: &str) {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) if x.is_f64() || y.is_f64() => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            assert!((x - y).abs() <= 1e-12 * x.abs().max(y.abs()), "{at}: {x} vs {y}");
        }
        (Json::Array(x), Json::Array(y)) => {
            assert_eq!(x.len(), y.len(), "{at}: lengths");
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                assert_same(p, q, &format!("{at}[{i}]"));
            }
        }
        (Json::Object(x), Json::Object(y)) => {
            assert_eq!(x.keys().collect::<Vec<_>>(), y.keys().collect::<Vec<_>>(), "{at}: keys");
            for (k, p) in x {
                assert_same(p, &y[k], &format!("{at}.{k}"));
            }
        }
        _ => assert_eq!(a, b, "{at}"),
    }
}

fn message(err: JsValue) -> String {
    err.dyn_into::<js_sys::Error>().expect("a JS Error").message().into()
}

#[wasm_bindgen_test]
fn evaluate_agrees_with_native_on_every_preset() {
    let ids = wasm::preset_ids();
    assert_eq!(ids, model::preset_ids());
    for id in ids {
        let through_wasm = json(&tools::evaluate(wasm::preset(&id).unwrap()).unwrap());
        let native = serde_json::to_value(model::evaluate(&model::preset(&id).unwrap()).unwrap()).unwrap();
        assert_same(&through_wasm, &native, &id);
    }
}

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
    }
    assert_same(&json(&js.scenario().unwrap()), &serde_json::to_value(native.scenario()).unwrap(), "scenario");
}

#[wasm_bindgen_test]
fn a_bad_value_is_an_error_naming_the_field_and_the_last_result_stays() {
    let mut planner = wasm::Planner::from_preset("week9-baseline").unwrap();
    let before = json(&planner.estimate().unwrap());
    let err = planner.set("network.cdnHitRatio", 1.5.into()).unwrap_err();
    let problems = json(&js_sys::Reflect::get(&err, &"problems".into()).unwrap());
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
    let e = json(&planner.set("customers", 3.into()).unwrap());
    assert_eq!(e["totals"]["customerCount"], 3);
}

#[wasm_bindgen_test]
fn a_pin_is_renamed_through_the_wasm_and_the_preset_a_link_matches_is_named() {
    let mut planner = wasm::Planner::from_preset("phase1-3-customers").unwrap();
    assert_eq!(planner.matching_preset().as_deref(), Some("phase1-3-customers"));
    planner.pin().unwrap();
    planner.rename_pin(0, "Before").unwrap();
    let err = planner.rename_pin(0, &"x".repeat(121)).unwrap_err();
    let problems = json(&js_sys::Reflect::get(&err, &"problems".into()).unwrap());
    assert_eq!(problems[0]["path"], "pins[0].name");
    assert_eq!(message(planner.rename_pin(1, "B").unwrap_err()), "pins[1]: a pinned scenario (there are 1)");
    assert_eq!(json(&planner.comparison().unwrap())["names"][0], "Before");
    let reopened = wasm::Planner::from_link(&planner.link()).unwrap();
    assert_eq!(json(&reopened.pins().unwrap())[0]["name"], "Before");
    assert_eq!(reopened.matching_preset().as_deref(), Some("phase1-3-customers"));
    planner.set("customers", 4.into()).unwrap();
    assert_eq!(planner.matching_preset(), None);
}

/// A preset as a JS object, with `edit` applied to its JSON first.
fn scenario_with(edit: impl FnOnce(&mut Json)) -> JsValue {
    let mut s = serde_json::to_value(model::preset("phase1-3-customers").unwrap()).unwrap();
    edit(&mut s);
    s.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap()
}

#[wasm_bindgen_test]
fn bad_scenarios_are_errors_naming_the_field() {
    let wrong_type = scenario_with(|s| s["customers"][1]["profile"]["peakQps"] = "x".into());
    assert_eq!(
        message(tools::evaluate(wrong_type).unwrap_err()),
        "customers[1].profile.peakQps = \"x\": allowed a number from 0 to 100000"
    );
    let unknown = scenario_with(|s| s["bogus"] = 3.into());
    assert!(
        message(tools::evaluate(unknown).unwrap_err())
            .starts_with("bogus: a field of the scenario; known here: schemaVersion")
    );
    let newer_version = model::SCHEMA_VERSION + 1;
    let newer = scenario_with(|s| s["schemaVersion"] = newer_version.into());
    assert!(message(tools::evaluate(newer).unwrap_err()).starts_with(&format!("schemaVersion = {newer_version}")));
    let out_of_range = scenario_with(|s| s["cloudRun"]["minInstances"] = 60.into());
    let err = tools::evaluate(out_of_range).unwrap_err();
    assert_eq!(message(err), "cloudRun.minInstances = 60: allowed a whole number from 0 to 50");
    assert!(tools::evaluate(JsValue::from_str("not a scenario")).is_err());
    // A cycle is cut off, not followed until the stack runs out.
    let cyclic = scenario_with(|_| {});
    js_sys::Reflect::set(&cyclic, &"name".into(), &cyclic).unwrap();
    assert_eq!(message(tools::evaluate(cyclic).unwrap_err()), "name = an object: allowed a single value");
    assert!(wasm::preset("nope").is_err());
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
fn links_encode_and_decode_through_the_wasm() {
    for id in model::preset_ids() {
        let link = tools::encode_link(wasm::preset(id).unwrap()).unwrap();
        assert_eq!(link, model::preset(id).unwrap().to_link(), "{id}");
        let back = json(&wasm::decode_link(&format!("#{link}")).unwrap());
        assert_same(&back, &serde_json::to_value(model::preset(id).unwrap()).unwrap(), id);
        let planner = wasm::Planner::from_link(&link).unwrap();
        assert_eq!(planner.link(), link);
    }
    let err = wasm::decode_link(&format!("#v{}.3=x~00000000", model::SCHEMA_VERSION + 1)).unwrap_err();
    assert!(message(err).contains("made by a newer version"));
    assert!(wasm::Planner::from_link("#garbage").is_err());
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
fn exports_agree_with_native_on_every_preset() {
    for id in model::preset_ids() {
        let native = model::preset(id).unwrap();
        assert_eq!(
            tools::export_csv(wasm::preset(id).unwrap(), None).unwrap(),
            model::export_csv(&native, &[]).unwrap(),
            "{id}"
        );
        let markdown = tools::export_markdown(wasm::preset(id).unwrap(), None).unwrap();
        assert_eq!(markdown, model::export_markdown(&native, &[]).unwrap(), "{id}");
        let text = tools::export_json(wasm::preset(id).unwrap(), None).unwrap();
        let through_wasm: Json = serde_json::from_str(&text).unwrap();
        let expected: Json =
            serde_json::from_str(&serde_json::to_string_pretty(&model::Export::of(&native, &[]).unwrap()).unwrap())
                .unwrap();
        assert_same(&through_wasm, &expected, id);
        assert_eq!(
            through_wasm["estimate"]["totals"]["monthlyCostCents"],
            expected["estimate"]["totals"]["monthlyCostCents"]
        );
        let back = json(&tools::import_json(&text).unwrap());
        assert_same(&back, &serde_json::to_value(&native).unwrap(), id);
        // A bare scenario, and an export written natively, read the same way.
        let bare = serde_json::to_string(&native).unwrap();
        assert_same(&json(&tools::import_json(&bare).unwrap()), &serde_json::to_value(&native).unwrap(), id);
        let native_text =
            format!("\u{feff}{}", serde_json::to_string_pretty(&model::Export::of(&native, &[]).unwrap()).unwrap());
        assert_same(&json(&tools::import_json(&native_text).unwrap()), &serde_json::to_value(&native).unwrap(), id);
    }
}

#[wasm_bindgen_test]
fn export_and_import_errors_name_the_field() {
    let bad = scenario_with(|s| s["network"]["cdnHitRatio"] = 1.5.into());
    for err in
        [tools::export_csv(bad.clone(), None), tools::export_markdown(bad.clone(), None), tools::export_json(bad, None)]
    {
        assert_eq!(message(err.unwrap_err()), "network.cdnHitRatio = 1.5: allowed a number from 0 to 1");
    }
    let mut export: Json = serde_json::from_str(
        &serde_json::to_string(&model::Export::of(&model::preset("phase1-3-customers").unwrap(), &[]).unwrap())
            .unwrap(),
    )
    .unwrap();
    export["scenario"]["cloudRun"]["minInstances"] = 60.into();
    let err = tools::import_json(&export.to_string()).unwrap_err();
    let problems = json(&js_sys::Reflect::get(&err, &"problems".into()).unwrap());
    assert_eq!(problems[0]["path"], "scenario.cloudRun.minInstances");
    assert_eq!(message(err), "scenario.cloudRun.minInstances = 60: allowed a whole number from 0 to 50");
    export["comment"] = "hi".into();
    assert!(message(tools::import_json(&export.to_string()).unwrap_err()).starts_with("comment: a field of an export"));
    let err = message(tools::import_json("{\"scenario\": [1,}").unwrap_err());
    assert!(err.starts_with("file: valid JSON ("), "{err}");
    // JSON.parse keeps the last of a key given twice; the page refuses it as the native reader
    // does (issue 15, item 6).
    let text = serde_json::to_string(&model::preset("week9-baseline").unwrap()).unwrap();
    let version = format!("\"schemaVersion\":{}", model::SCHEMA_VERSION);
    let two_versions = format!("\"schemaVersion\":99,{version}");
    for (once, twice, path) in [
        ("\"vcpu\":1.0", "\"vcpu\":3,\"vcpu\":1.0", "cloudRun.vcpu"),
        (version.as_str(), two_versions.as_str(), "schemaVersion"),
    ] {
        let doubled = text.replacen(once, twice, 1);
        assert_ne!(doubled, text);
        for err in [tools::import_json(&doubled).unwrap_err(), tools::import_link(&doubled).unwrap_err()] {
            assert_eq!(message(err), format!("{path}: one value (the field is given twice)"));
        }
    }
}

#[wasm_bindgen_test]
fn hostile_names_stay_inert_through_the_wasm() {
    let hostile = scenario_with(|s| s["customers"][0]["name"] = "=HYPERLINK(\"http://x\") <b>[x](y)</b>".into());
    let csv = tools::export_csv(hostile.clone(), None).unwrap();
    assert!(csv.contains("\r\n\"'=HYPERLINK(\"\"http://x\"\") <b>[x](y)</b>\",1,"), "{csv}");
    let markdown = tools::export_markdown(hostile, None).unwrap();
    assert!(markdown.contains("| =HYPERLINK(\"http://x\") \\<b\\>\\[x\\](y)\\</b\\> | 1 |"), "{markdown}");
}

#[wasm_bindgen_test]
fn the_growth_curve_agrees_with_native_on_every_preset() {
    let counts = tools::growth_counts(1_000, 200);
    assert_eq!(counts, model::growth::growth_counts(1_000, 200));
    for id in model::preset_ids() {
        let through_wasm = json(&tools::growth(wasm::preset(id).unwrap(), counts.clone()).unwrap());
        let native = model::growth::growth(&model::preset(id).unwrap(), &counts).unwrap();
        assert_same(&through_wasm, &serde_json::to_value(&native).unwrap(), id);
    }
    let mut planner = wasm::Planner::from_preset("phase1-3-customers").unwrap();
    planner.set("network.cdn", true.into()).unwrap();
    let mut native = model::preset("phase1-3-customers").unwrap();
    native.network.cdn = true;
    let expected = serde_json::to_value(model::growth::growth(&native, &counts).unwrap()).unwrap();
    let of_planner = tools::growth(planner.scenario().unwrap(), counts.clone()).unwrap();
    assert_same(&json(&of_planner), &expected, "planner");
    let err = tools::growth(wasm::preset("week9-baseline").unwrap(), vec![3, 2]).unwrap_err();
    assert_eq!(message(err), "counts[1] = 2: allowed a whole number from 4 to 100000, above the count before");
}

/// A JS object from JSON.
fn js(value: Json) -> JsValue {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap()
}

#[wasm_bindgen_test]
fn the_deal_view_agrees_with_native_for_each_kind_of_prospect() {
    use model::deal::{Prospect, Usage};
    let native_scenario = model::preset("phase2-10-customers").unwrap();
    let mut profile = native_scenario.typical_customer.clone();
    (profile.peak_qps, profile.avg_qps) = (200.0, 60.0);
    let cases = [
        (serde_json::json!({ "likeCohort": 1 }), Usage::LikeCohort(1)),
        (serde_json::json!({ "scaledTypical": 2.5 }), Usage::ScaledTypical(2.5)),
        (serde_json::json!({ "profile": serde_json::to_value(&profile).unwrap() }), Usage::Profile(profile.clone())),
    ];
    for (usage_json, usage) in cases {
        let prospect = js(serde_json::json!({ "name": "Acme", "acvUsd": 48_000, "usage": usage_json }));
        let through_wasm =
            json(&tools::deal(wasm::preset("phase2-10-customers").unwrap(), prospect, Some(70.0)).unwrap());
        let native = Prospect { name: "Acme".into(), acv_usd: 48_000.0, usage };
        let expected = model::deal::deal(&native_scenario, &native, 70.0).unwrap();
        assert_same(&through_wasm, &serde_json::to_value(&expected).unwrap(), "deal");
    }
    let no_target = serde_json::json!({ "name": "Acme", "acvUsd": 48_000, "usage": { "likeCohort": 0 } });
    let d = json(&tools::deal(wasm::preset("week9-baseline").unwrap(), js(no_target), None).unwrap());
    assert_eq!(d["targetMarginPct"], 75.0);
}

#[wasm_bindgen_test]
fn bad_prospects_are_errors_naming_the_field() {
    let deal = |prospect: Json| {
        message(tools::deal(wasm::preset("phase1-3-customers").unwrap(), js(prospect), None).unwrap_err())
    };
    let bad_profile = serde_json::json!({ "name": "P", "acvUsd": 1, "usage": { "profile": { "peakQps": 1 } } });
    assert!(deal(bad_profile).starts_with("customers[3].profile"), "a profile with fields missing");
    assert_eq!(
        deal(serde_json::json!({ "name": "P", "acvUsd": 1, "usage": { "likeCohort": 9 } })),
        "prospect.usage.likeCohort = 9: allowed an index from 0 to 2"
    );
    assert_eq!(
        deal(serde_json::json!({ "name": "P", "acvUsd": 1, "usage": {} })),
        "prospect.usage: one of { profile }, { likeCohort } or { scaledTypical }"
    );
    assert_eq!(deal(serde_json::json!({ "acvUsd": 1 })), "prospect.name: text");
}

#[wasm_bindgen_test]
fn exports_with_pins_agree_with_native_and_a_file_opens_as_its_share_link() {
    let a = model::preset("phase1-3-customers").unwrap();
    let mut now = a.clone();
    now.customers[0].count = 4;
    let pins = vec![js(serde_json::to_value(&a).unwrap())];
    let scenario = js(serde_json::to_value(&now).unwrap());
    let csv = tools::export_csv(scenario.clone(), Some(pins.clone())).unwrap();
    assert_eq!(csv, model::export_csv(&now, std::slice::from_ref(&a)).unwrap());
    let markdown = tools::export_markdown(scenario.clone(), Some(pins.clone())).unwrap();
    assert_eq!(markdown, model::export_markdown(&now, std::slice::from_ref(&a)).unwrap());
    let text = tools::export_json(scenario.clone(), Some(pins)).unwrap();
    let link = tools::import_link(&text).unwrap();
    let planner = model::Planner::from_link(&link).unwrap();
    assert_eq!((planner.scenario(), &planner.pins()[0].scenario), (&now, &a));
    let bad = vec![JsValue::from_str("not a scenario")];
    assert!(message(tools::export_csv(scenario, Some(bad)).unwrap_err()).starts_with("pins[0]."));
}

#[wasm_bindgen_test]
fn savings_and_the_tornado_agree_with_native_on_every_preset() {
    for id in model::preset_ids() {
        let native = model::preset(id).unwrap();
        let through_wasm = json(&tools::savings(wasm::preset(id).unwrap()).unwrap());
        let expected = serde_json::to_value(model::savings::savings(&native).unwrap()).unwrap();
        assert_same(&through_wasm, &expected, &format!("{id} savings"));
        let through_wasm = json(&tools::sensitivity(wasm::preset(id).unwrap()).unwrap());
        let expected = serde_json::to_value(model::sensitivity::sensitivity(&native).unwrap()).unwrap();
        assert_same(&through_wasm, &expected, &format!("{id} sensitivity"));
    }
    // From the planner's scenario after a change, as the page calls them.
    let mut planner = wasm::Planner::from_preset("phase2-10-customers").unwrap();
    planner.set("network.cdn", false.into()).unwrap();
    let mut native = model::preset("phase2-10-customers").unwrap();
    native.network.cdn = false;
    let expected = serde_json::to_value(model::savings::savings(&native).unwrap()).unwrap();
    assert_same(&json(&tools::savings(planner.scenario().unwrap()).unwrap()), &expected, "planner savings");
    let expected = serde_json::to_value(model::sensitivity::sensitivity(&native).unwrap()).unwrap();
    assert_same(&json(&tools::sensitivity(planner.scenario().unwrap()).unwrap()), &expected, "planner sensitivity");
}

#[wasm_bindgen_test]
fn savings_and_the_tornado_of_a_bad_scenario_are_errors_naming_the_field() {
    let bad = || scenario_with(|s| s["cloudRun"]["minInstances"] = 60.into());
    let expected = "cloudRun.minInstances = 60: allowed a whole number from 0 to 50";
    assert_eq!(message(tools::savings(bad()).unwrap_err()), expected);
    assert_eq!(message(tools::sensitivity(bad()).unwrap_err()), expected);
    let wrong_type = || scenario_with(|s| s["customers"][1]["profile"]["peakQps"] = "x".into());
    let expected = "customers[1].profile.peakQps = \"x\": allowed a number from 0 to 100000";
    assert_eq!(message(tools::savings(wrong_type()).unwrap_err()), expected);
    assert_eq!(message(tools::sensitivity(wrong_type()).unwrap_err()), expected);
}

#[wasm_bindgen_test]
fn the_timeline_agrees_with_native_on_every_preset() {
    for id in model::preset_ids() {
        let through_wasm = json(&tools::timeline(wasm::preset(id).unwrap()).unwrap());
        let native = model::timeline::timeline(&model::preset(id).unwrap()).unwrap();
        assert_same(&through_wasm, &serde_json::to_value(&native).unwrap(), id);
    }
    // A go-live month changed in the planner, as the cohort editor does.
    let mut planner = wasm::Planner::from_preset("seed-path").unwrap();
    planner.set("customers[3].goLiveMonth", 8.into()).unwrap();
    let mut native = model::preset("seed-path").unwrap();
    native.customers[3].go_live_month = 8;
    let expected = serde_json::to_value(model::timeline::timeline(&native).unwrap()).unwrap();
    assert_same(&json(&tools::timeline(planner.scenario().unwrap()).unwrap()), &expected, "planner");
    let bad = scenario_with(|s| s["customers"][0]["goLiveMonth"] = 13.into());
    let err = message(tools::timeline(bad).unwrap_err());
    assert!(err.starts_with("customers[0].goLiveMonth = 13: "), "{err}");
}

#[wasm_bindgen_test]
fn explanations_agree_with_native_and_errors_name_the_field() {
    for id in model::preset_ids() {
        let s = model::preset(id).unwrap();
        let link = s.to_link();
        let targets = tools::explain_targets(&link).unwrap();
        assert_eq!(targets, model::explain::targets(&s).unwrap(), "{id}");
        for target in ["totals.monthlyCostCents", "sizing.latencyP95Ms", "customers.0", &targets[9]] {
            let native = serde_json::to_value(model::explain::explain(&s, target).unwrap()).unwrap();
            assert_same(&json(&tools::explain(&link, target).unwrap()), &native, &format!("{id} {target}"));
        }
    }
    let link = model::preset("week9-baseline").unwrap().to_link();
    assert!(message(tools::explain(&link, "lines.nope").unwrap_err()).starts_with("target = \"lines.nope\": allowed"));
    assert!(tools::explain("not a link", "totals.monthlyCostCents").is_err());
    let planner = wasm::Planner::from_preset("week9-baseline").unwrap();
    assert_eq!(json(&planner.warnings().unwrap()), serde_json::json!([]));
}
