//! Explanations: for every preset (and variants reaching the other lines), every target's
//! explanation has the estimate's figure, read from the serialized estimate by the target's
//! path; every input leaf is a field the table knows, every price leaf has a source, and every
//! link to another figure shows that figure's own explanation's figure.
#![cfg(not(target_arch = "wasm32"))]

use headroom::model::explain::{Node, Source, explain, explain_all, line_ids, targets};
use headroom::model::*;
use serde_json::Value as Json;

/// The presets and variants with the lines and findings the presets lack.
fn scenarios() -> Vec<(String, Scenario)> {
    let mut all: Vec<(String, Scenario)> =
        preset_ids().iter().map(|id| (id.to_string(), preset(id).unwrap())).collect();
    let variants: [(&str, &[(&str, FieldValue)]); 7] = [
        (
            "instance billing, 3-year CUD, standard tier, negotiated",
            &[
                ("cloudRun.billing", FieldValue::Text("instance".into())),
                ("discounts.cud", FieldValue::Text("threeYear".into())),
                ("network.tier", FieldValue::Text("standard".into())),
                ("discounts.negotiatedPct", FieldValue::Number(12.5)),
                ("firestore.location", FieldValue::Text("multiRegion".into())),
            ],
        ),
        (
            "1-year CUD, Redis standard, allocation by ACV",
            &[
                ("discounts.cud", FieldValue::Text("oneYear".into())),
                ("discounts.cudCoverage", FieldValue::Number(1.5)),
                ("redis.enabled", FieldValue::Bool(true)),
                ("redis.tier", FieldValue::Text("standard".into())),
                ("allocation", FieldValue::Text("byAcv".into())),
                ("firestore.compositeIndexes", FieldValue::Number(900.0)),
                ("network.forwardingRules", FieldValue::Number(7.0)),
            ],
        ),
        (
            "equal allocation, saturated",
            &[
                ("allocation", FieldValue::Text("equal".into())),
                ("cloudRun.maxInstances", FieldValue::Number(2.0)),
                ("customers[0].profile.peakQps", FieldValue::Number(170.0)),
                ("customers[0].profile.cpuMsPerRequest", FieldValue::Number(20.0)),
            ],
        ),
        (
            "CDN on the Standard tier behind a regional load balancer",
            &[
                ("network.cdn", FieldValue::Bool(true)),
                ("network.tier", FieldValue::Text("standard".into())),
                ("network.loadBalancer", FieldValue::Text("regional".into())),
                ("cloudRun.latencyTargetP95Ms", FieldValue::Number(130.0)),
            ],
        ),
        (
            "each request rounded, a measured p99, an edge policy with the CDN",
            &[
                ("cloudRun.billingRounding", FieldValue::Text("perRequest".into())),
                ("cloudRun.serviceTimeP99Ms", FieldValue::Number(400.0)),
                ("network.cdn", FieldValue::Bool(true)),
                ("network.armorPolicyType", FieldValue::Text("edge".into())),
            ],
        ),
        (
            "not rounded, scale to zero with start-ups",
            &[
                ("cloudRun.billingRounding", FieldValue::Text("none".into())),
                ("cloudRun.minInstances", FieldValue::Number(0.0)),
                ("cloudRun.maxConcurrency", FieldValue::Number(5.0)),
                ("cloudRun.coldStartS", FieldValue::Number(30.0)),
            ],
        ),
        (
            "no free tiers, CPU-heavy",
            &[
                ("operations.freeTiers", FieldValue::Bool(false)),
                ("customers[0].profile.cpuMsPerRequest", FieldValue::Number(400.0)),
                ("cloudRun.minInstances", FieldValue::Number(0.0)),
            ],
        ),
    ];
    for (name, changes) in variants {
        let mut s = preset("phase1-3-customers").unwrap();
        s.network.armor_policies = 1; // Cloud Armor's lines in every variant
        for (path, value) in changes {
            s.set(path, value.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        all.push((name.to_string(), s));
    }
    all
}

/// The value at a dotted camelCase path of the serialized estimate.
fn at<'a>(json: &'a Json, path: &str) -> &'a Json {
    path.split('.').fold(json, |v, key| &v[key])
}

/// The estimate's figure for `id`, from the serialized estimate (money in cents).
fn expected(s: &Scenario, e: &Estimate, json: &Json, id: &str) -> (f64, bool) {
    let (kind, rest) = id.split_once('.').unwrap();
    match kind {
        "totals" => (at(&json["totals"], rest).as_f64().unwrap(), rest.ends_with("Cents")),
        "lines" => {
            let ids = line_ids(&e.line_items);
            let i = ids.iter().position(|x| x == id).unwrap();
            (json["lineItems"][i]["amountCents"].as_f64().unwrap(), true)
        }
        "sizing" if rest == "capacityBound" => {
            let z = &json["sizing"];
            let flat_out = z["saturationQps"].as_f64().unwrap() / z["regions"].as_f64().unwrap();
            (flat_out / f64::from(s.cloud_run.max_instances), false)
        }
        "sizing" => (at(&json["sizing"], rest).as_f64().unwrap_or(f64::NAN), false),
        "findings" => {
            let f = json["findings"].as_array().unwrap().iter().find(|f| f["code"] == rest).unwrap();
            (f["figure"].as_f64().unwrap(), false)
        }
        "customers" => {
            (json["customers"][rest.parse::<usize>().unwrap()]["allocatedMonthlyCents"].as_f64().unwrap(), true)
        }
        _ => panic!("unknown kind {id}"),
    }
}

fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

/// Checks the leaves of `node` and its links; returns how many nodes it has.
fn check_tree(s: &Scenario, node: &Node, figures: &dyn Fn(&str) -> Option<f64>, name: &str) -> usize {
    match &node.source {
        Source::Input { path } => {
            FieldPath::parse(path).unwrap_or_else(|e| panic!("{name}: {e}"));
            s.get(path).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        Source::Price { source, seen, .. } => {
            assert!(source.len() > 10, "{name}: {} has no source", node.label);
            assert!(!seen.is_empty());
        }
        Source::Figure { id } => {
            let own = figures(id).unwrap_or_else(|| panic!("{name}: link to {id}, which is no target"));
            assert!(close(own, value(node)), "{name}: link to {id} shows {:?}, its explanation {own}", node.figure);
        }
        Source::Constant { .. } | Source::Derived => {}
    }
    1 + node.children.iter().map(|c| check_tree(s, c, figures, name)).sum::<usize>()
}

fn value(n: &Node) -> f64 {
    n.figure.unwrap_or(f64::NAN)
}

/// Checks every target of `s`; returns how many targets and nodes there are, and the largest tree.
fn check_scenario(name: &str, s: &Scenario, kinds: &mut std::collections::BTreeSet<String>) -> (usize, usize, usize) {
    let e = evaluate(s).unwrap();
    let json = serde_json::to_value(&e).unwrap();
    let ids = targets(s).unwrap();
    let roots: Vec<(String, Node)> = explain_all(s).unwrap().into_iter().map(|x| (x.target, x.root)).collect();
    assert_eq!(roots.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(), ids, "{name}");
    let figures = |id: &str| roots.iter().find(|(x, _)| x == id).map(|(_, n)| value(n));
    let (mut nodes, mut largest) = (0, 0);
    for (id, root) in &roots {
        assert_eq!(explain(s, id).unwrap().root, *root, "{name}: {id}");
        let (want, cents) = expected(s, &e, &json, id);
        let got = value(root);
        if cents {
            assert_eq!(cost::to_cents(got), want as i64, "{name}: {id}");
        } else {
            assert!(close(got, want), "{name}: {id}: explained {got}, estimate {want}");
        }
        let n = check_tree(s, root, &figures, &format!("{name}: {id}"));
        (nodes, largest) = (nodes + n, largest.max(n));
        kinds.insert(id.split('.').next().unwrap().to_string());
    }
    // Every line, finding and cohort of the estimate is a target.
    assert_eq!(ids.iter().filter(|i| i.starts_with("lines.")).count(), e.line_items.len(), "{name}");
    assert_eq!(ids.iter().filter(|i| i.starts_with("findings.")).count(), e.findings.len(), "{name}");
    assert_eq!(ids.iter().filter(|i| i.starts_with("customers.")).count(), e.customers.len(), "{name}");
    (roots.len(), nodes, largest)
}

#[test]
fn every_target_of_every_preset_has_the_estimates_figure() {
    let mut counted = (0, 0);
    let mut kinds = std::collections::BTreeSet::new();
    for (name, s) in scenarios() {
        let (targets, nodes, _) = check_scenario(&name, &s, &mut kinds);
        counted = (counted.0 + targets, counted.1 + nodes);
    }
    assert_eq!(kinds.into_iter().collect::<Vec<_>>(), ["customers", "findings", "lines", "sizing", "totals"]);
    assert!(counted.0 > 500 && counted.1 > 5_000, "{counted:?}");
}

#[test]
fn many_cohorts_keep_small_trees() {
    // 40 cohorts, each with its own peak length: 40 stretches of the day.
    let mut s = preset("phase1-3-customers").unwrap();
    let template = s.customers[0].clone();
    s.customers = (0..40)
        .map(|i| {
            let mut c = template.clone();
            c.name = format!("Cohort {i}");
            c.profile.peak_hours_per_day = 1.0 + f64::from(i) * 0.1;
            c.profile.avg_qps = c.profile.peak_qps * c.profile.peak_hours_per_day / 24.0 + 1.0;
            c
        })
        .collect();
    let (targets, _, largest) = check_scenario("40 cohorts", &s, &mut Default::default());
    assert!(targets > 40);
    // Sums show 12 terms at most: the largest tree (instance-hours: 12 stretches, each with its
    // instances down to 12 cohorts) stays bounded whatever the number of cohorts.
    assert!(largest < 10_000, "{largest} nodes");
}

#[test]
fn exports_carry_the_explanations() {
    let s = preset("week9-baseline").unwrap();
    let json: Json = serde_json::from_str(&export_json(&s, &[]).unwrap()).unwrap();
    let listed: Vec<&str> =
        json["explanations"].as_array().unwrap().iter().map(|x| x["target"].as_str().unwrap()).collect();
    assert_eq!(listed, targets(&s).unwrap());
    // The first tier's tree: 400 GB = 372.529 GiB at 0.12 USD = 44.70 USD, the price sourced.
    let egress = json["explanations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["target"] == "lines.egress.internet-egress-premium-first-tier")
        .unwrap();
    assert_eq!(egress["root"]["figure"], 44.7);
    assert_eq!(egress["root"]["children"][1]["source"]["kind"], "price");
    assert_eq!(egress["root"]["children"][1]["source"]["id"], "egressPremiumTier1");
    // Reading the export back ignores them.
    assert_eq!(import_json(&json.to_string()).unwrap().0, s);
    let md = export_markdown(&s, &[]).unwrap();
    let appendix = md.split("\n## How each figure is computed\n\n").nth(1).expect("the appendix");
    assert!(appendix.contains(
        "- **Internet egress, Premium, first tier** (lines.egress.internet-egress-premium-first-tier): $44.70 = quantity × unit price, rounded half away from zero to the cent\n  - Quantity (GiB): 372.529 GiB\n"
    ));
    assert_eq!(appendix.lines().filter(|l| l.starts_with("- **")).count(), listed.len());
}

#[test]
fn every_figure_the_page_shows_in_the_strip_and_sizing_has_an_explanation() {
    use headroom::model::outputs::{SIZING, STRIP};
    for (name, s) in scenarios() {
        let e = evaluate(&s).unwrap();
        let json = serde_json::to_value(&e).unwrap();
        // The strip's last figure, the worst finding, opens the findings instead; a figure the
        // estimate does not have (a percentile when saturated) shows a dash and opens nothing.
        for row in SIZING.iter().map(|r| r.id).chain(STRIP[..STRIP.len() - 1].iter().map(|r| r.id)) {
            let at = row.split('.').fold(&json, |v, key| &v[key]);
            if !at.is_null() {
                explain(&s, row).unwrap_or_else(|e| panic!("{name}: {row}: {e}"));
            }
        }
    }
}
