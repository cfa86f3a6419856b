//! The tools module's exports (the crate built with the `tools` feature, which the page fetches
//! on first use), run under Node and in headless Chromium (`wasm-pack test -- --features tools
//! --test wasm_tools`). The tools take the planner's share link, made here by the native
//! planner; what crosses back is checked against the native model, not against itself (floats
//! to a relative 1e-12, libm differing in the last bit; integers, strings and shapes exactly).
//!
//! - Agreement with native on every preset: `evaluate` of a scenario object, `encodeLink`, the
//!   growth curve, savings and the tornado, the timeline, the CSV, Markdown and JSON exports
//!   (with and without pins, the pins read from the link); the deal view for each basis; each
//!   of these also from a planner's link after a change, pins included.
//! - Bad input (scenario objects, links, prospects, files) comes back as a JS `Error` whose
//!   message names the field.
//! - Hostile names stay text in the CSV and Markdown exports (no formula, no markup).
#![cfg(all(target_arch = "wasm32", feature = "tools"))]

mod wasm_common;

use headroom::model;
use headroom::wasm::tools;
use serde_json::Value as Json;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;
use wasm_common::{assert_same, js, json, message, problems};

/// Preset `id` as a JS object, as the page's scenario objects are.
fn scenario_js(id: &str) -> JsValue {
    js(serde_json::to_value(model::preset(id).unwrap()).unwrap())
}

/// The link of preset `id`, as the planner writes it.
fn link(id: &str) -> String {
    model::Planner::from_preset(id).unwrap().link()
}

/// A preset as a JS object, with `edit` applied to its JSON first.
fn scenario_with(edit: impl FnOnce(&mut Json)) -> JsValue {
    let mut s = serde_json::to_value(model::preset("phase1-3-customers").unwrap()).unwrap();
    edit(&mut s);
    js(s)
}

/// The link of phase 1 with `edit` made to the scenario, unchecked (the reader refuses it).
fn link_with(edit: impl FnOnce(&mut model::Scenario)) -> String {
    let mut s = model::preset("phase1-3-customers").unwrap();
    edit(&mut s);
    s.to_link()
}

#[wasm_bindgen_test]
fn evaluate_and_encode_link_of_a_scenario_object_agree_with_native_on_every_preset() {
    for id in model::preset_ids() {
        let through_wasm = json(&tools::evaluate(scenario_js(id)).unwrap());
        let native = serde_json::to_value(model::evaluate(&model::preset(id).unwrap()).unwrap()).unwrap();
        assert_same(&through_wasm, &native, id);
        assert_eq!(tools::encode_link(scenario_js(id)).unwrap(), model::preset(id).unwrap().to_link(), "{id}");
    }
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
}

#[wasm_bindgen_test]
fn exports_agree_with_native_on_every_preset() {
    for id in model::preset_ids() {
        let native = model::preset(id).unwrap();
        assert_eq!(tools::export_csv(&link(id)).unwrap(), model::export_csv(&native, &[]).unwrap(), "{id}");
        // The CSV tables, text for text (floats written by the same Rust in both builds).
        let tables = json(&tools::export_csv_tables(&link(id)).unwrap());
        assert_eq!(tables, serde_json::to_value(model::export_csv_tables(&native, &[]).unwrap()).unwrap(), "{id}");
        let markdown = tools::export_markdown(&link(id)).unwrap();
        assert_eq!(markdown, model::export_markdown(&native, &[]).unwrap(), "{id}");
        let text = tools::export_json(&link(id)).unwrap();
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
    let bad = link_with(|s| s.network.cdn_hit_ratio = 1.5);
    for err in [tools::export_csv(&bad), tools::export_markdown(&bad), tools::export_json(&bad)] {
        assert_eq!(message(err.unwrap_err()), "network.cdnHitRatio = 1.5: allowed a number from 0 to 1");
    }
    let mut export: Json = serde_json::from_str(
        &serde_json::to_string(&model::Export::of(&model::preset("phase1-3-customers").unwrap(), &[]).unwrap())
            .unwrap(),
    )
    .unwrap();
    export["scenario"]["cloudRun"]["minInstances"] = 60.into();
    let err = tools::import_json(&export.to_string()).unwrap_err();
    assert_eq!(problems(&err)[0]["path"], "scenario.cloudRun.minInstances");
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
    let hostile = link_with(|s| s.customers[0].name = "=HYPERLINK(\"http://x\") <b>[x](y)</b>".into());
    let csv = tools::export_csv(&hostile).unwrap();
    assert!(csv.contains("\r\n\"'=HYPERLINK(\"\"http://x\"\") <b>[x](y)</b>\",1,"), "{csv}");
    let markdown = tools::export_markdown(&hostile).unwrap();
    assert!(markdown.contains("| =HYPERLINK(\"http://x\") \\<b\\>\\[x\\](y)\\</b\\> | 1 |"), "{markdown}");
}

#[wasm_bindgen_test]
fn the_growth_curve_agrees_with_native_on_every_preset() {
    let counts = tools::growth_counts(1_000, 200);
    assert_eq!(counts, model::growth::growth_counts(1_000, 200));
    for id in model::preset_ids() {
        let through_wasm = json(&tools::growth(&link(id), counts.clone()).unwrap());
        let native = model::growth::growth(&model::preset(id).unwrap(), &counts).unwrap();
        assert_same(&through_wasm, &serde_json::to_value(&native).unwrap(), id);
    }
    // From a planner's link after a change, with a pin (the pin does not count).
    let mut planner = model::Planner::from_preset("phase1-3-customers").unwrap();
    planner.pin().unwrap();
    planner.set("network.cdn", model::FieldValue::Bool(true)).unwrap();
    let mut native = model::preset("phase1-3-customers").unwrap();
    native.network.cdn = true;
    let expected = serde_json::to_value(model::growth::growth(&native, &counts).unwrap()).unwrap();
    assert_same(&json(&tools::growth(&planner.link(), counts.clone()).unwrap()), &expected, "planner");
    let err = tools::growth(&link("week9-baseline"), vec![3, 2]).unwrap_err();
    assert_eq!(message(err), "counts[1] = 2: allowed a whole number from 4 to 100000, above the count before");
    assert!(message(tools::growth("#garbage", counts).unwrap_err()).starts_with("link"));
}

#[wasm_bindgen_test]
fn the_deal_view_agrees_with_native_for_each_basis() {
    use model::DealBasis;
    let mut s = model::preset("phase2-10-customers").unwrap();
    (s.deal.name, s.deal.acv_usd, s.deal.peak_qps, s.deal.egress_gb_per_month) = ("Acme".into(), 36_000.0, 30.0, 200.0);
    (s.deal.like_cohort, s.deal.times_typical, s.deal.daily_users, s.deal.requests_per_user) = (1, 2.5, 10_000.0, 50.0);
    for basis in [DealBasis::PeakQps, DealBasis::LikeCohort, DealBasis::TimesTypical, DealBasis::DailyUsers] {
        s.deal.basis = basis;
        let through_wasm = json(&tools::deal(&s.to_link()).unwrap());
        let expected = model::deal::deal_of(&s).unwrap().unwrap();
        assert_same(&through_wasm, &serde_json::to_value(&expected).unwrap(), "deal");
    }
    assert!(tools::deal(&link("week9-baseline")).unwrap().is_null(), "no deal without a name");
}

#[wasm_bindgen_test]
fn bad_deals_are_errors_naming_the_deal_field() {
    let mut s = model::preset("phase1-3-customers").unwrap();
    (s.deal.name, s.deal.basis, s.deal.like_cohort) = ("P".into(), model::DealBasis::LikeCohort, 9);
    let err = tools::deal(&s.to_link()).unwrap_err();
    assert_eq!(message(err), "deal.likeCohort = 9: allowed an index from 0 to 2");
}

#[wasm_bindgen_test]
fn exports_with_pins_agree_with_native_and_a_file_opens_as_its_share_link() {
    let mut planner = model::Planner::from_preset("phase1-3-customers").unwrap();
    planner.pin().unwrap();
    planner.set("customers[0].count", model::FieldValue::Number(4.0)).unwrap();
    let (now, a) = (planner.scenario().clone(), planner.pins()[0].scenario.clone());
    let link = planner.link();
    assert_eq!(tools::export_csv(&link).unwrap(), model::export_csv(&now, std::slice::from_ref(&a)).unwrap());
    let markdown = tools::export_markdown(&link).unwrap();
    assert_eq!(markdown, model::export_markdown(&now, std::slice::from_ref(&a)).unwrap());
    let text = tools::export_json(&link).unwrap();
    let back = model::Planner::from_link(&tools::import_link(&text).unwrap()).unwrap();
    assert_eq!((back.scenario(), &back.pins()[0].scenario), (&now, &a));
    let tampered = format!("{link}&&v{}.3=x~00000000", model::SCHEMA_VERSION);
    assert!(message(tools::export_csv(&tampered).unwrap_err()).starts_with("pins[1]."));
}

#[wasm_bindgen_test]
fn savings_and_the_tornado_agree_with_native_on_every_preset() {
    for id in model::preset_ids() {
        let native = model::preset(id).unwrap();
        let through_wasm = json(&tools::savings(&link(id)).unwrap());
        let expected = serde_json::to_value(model::savings::savings(&native).unwrap()).unwrap();
        assert_same(&through_wasm, &expected, &format!("{id} savings"));
        let through_wasm = json(&tools::sensitivity(&link(id)).unwrap());
        let expected = serde_json::to_value(model::sensitivity::sensitivity(&native).unwrap()).unwrap();
        assert_same(&through_wasm, &expected, &format!("{id} sensitivity"));
    }
    // From the planner's link after a change, as the page calls them.
    let mut planner = model::Planner::from_preset("phase2-10-customers").unwrap();
    planner.set("network.cdn", model::FieldValue::Bool(false)).unwrap();
    let mut native = model::preset("phase2-10-customers").unwrap();
    native.network.cdn = false;
    let expected = serde_json::to_value(model::savings::savings(&native).unwrap()).unwrap();
    assert_same(&json(&tools::savings(&planner.link()).unwrap()), &expected, "planner savings");
    let expected = serde_json::to_value(model::sensitivity::sensitivity(&native).unwrap()).unwrap();
    assert_same(&json(&tools::sensitivity(&planner.link()).unwrap()), &expected, "planner sensitivity");
}

#[wasm_bindgen_test]
fn savings_and_the_tornado_of_a_bad_link_are_errors_naming_the_field() {
    let bad = link_with(|s| s.cloud_run.min_instances = 60);
    let expected = "cloudRun.minInstances = 60: allowed a whole number from 0 to 50";
    assert_eq!(message(tools::savings(&bad).unwrap_err()), expected);
    assert_eq!(message(tools::sensitivity(&bad).unwrap_err()), expected);
    let cut = &link("phase1-3-customers")[..40];
    assert!(message(tools::savings(cut).unwrap_err()).starts_with("link"));
    assert!(message(tools::sensitivity(cut).unwrap_err()).starts_with("link"));
}

#[wasm_bindgen_test]
fn the_timeline_agrees_with_native_on_every_preset() {
    for id in model::preset_ids() {
        let through_wasm = json(&tools::timeline(&link(id)).unwrap());
        let native = model::timeline::timeline(&model::preset(id).unwrap()).unwrap();
        assert_same(&through_wasm, &serde_json::to_value(&native).unwrap(), id);
    }
    // A go-live month changed in the planner, as the cohort editor does.
    let mut planner = model::Planner::from_preset("seed-path").unwrap();
    planner.set("customers[3].goLiveMonth", model::FieldValue::Number(8.0)).unwrap();
    let mut native = model::preset("seed-path").unwrap();
    native.customers[3].go_live_month = 8;
    let expected = serde_json::to_value(model::timeline::timeline(&native).unwrap()).unwrap();
    assert_same(&json(&tools::timeline(&planner.link()).unwrap()), &expected, "planner");
    let bad = link_with(|s| s.customers[0].go_live_month = 13);
    let err = message(tools::timeline(&bad).unwrap_err());
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
}

#[wasm_bindgen_test]
fn the_comparison_of_a_pinned_link_agrees_with_native_and_a_bad_pin_is_named() {
    let mut planner = model::Planner::from_preset("phase1-3-customers").unwrap();
    planner.pin().unwrap();
    planner.rename_pin(0, "Before").unwrap();
    planner.set("customers", model::FieldValue::Number(7.0)).unwrap();
    let through_wasm = json(&tools::comparison(&planner.link()).unwrap());
    assert_eq!(through_wasm["names"][0], "Before");
    assert_same(&through_wasm, &serde_json::to_value(planner.comparison()).unwrap(), "comparison");
    let alone = json(&tools::comparison(&link("week9-baseline")).unwrap());
    assert_eq!(alone["columns"].as_array().unwrap().len(), 1);
    let tampered = format!("{}&&v5.garbage", link("week9-baseline"));
    assert!(problems(&tools::comparison(&tampered).unwrap_err())[0]["path"].as_str().unwrap().starts_with("pins[0]"));
}
