//! The exports: every figure equals `evaluate`'s to the cent, line items add up to the total,
//! hostile names stay inert in CSV and Markdown, and a JSON export reads back to the very same
//! scenario. The CSV is read back with a small RFC 4180 reader written here, independent of
//! the writer.
#![cfg(not(target_arch = "wasm32"))]

use headroom::model::outputs::{
    BILL, COMPARISON, CUSTOMERS, Output, SIZING, TIMELINE, TIMELINE_SUMMARY, TOTALS, UNCONFIRMED,
};
use headroom::model::*;
use proptest::prelude::*;

/// Names that try to become formulas, markup or links.
const HOSTILE: [&str; 8] = [
    "=HYPERLINK(\"http://x\")",
    "+1",
    "-2",
    "@SUM(1)",
    "\t=1",
    "<script>alert(1)</script>",
    "| pipe |",
    "[link](http://x)",
];

/// Phase 1 with a cohort per hostile name, a hostile fixed line and a hostile scenario name.
fn hostile() -> Scenario {
    let mut s = preset("phase1-3-customers").unwrap();
    for name in HOSTILE {
        s.add_cohort(name).unwrap();
    }
    s.add_fixed_line("=1+1", 12.5).unwrap();
    s.name = "<b>*Plan*</b> `x` \\ _y_ [z]".into();
    s
}

/// Every preset, a hostile scenario and one with more changes (a price override, CDN, a CUD).
fn scenarios() -> Vec<(String, Scenario)> {
    let mut out: Vec<(String, Scenario)> =
        preset_ids().iter().map(|id| (id.to_string(), preset(id).unwrap())).collect();
    out.push(("hostile".into(), hostile()));
    let mut changed = preset("phase2-10-customers").unwrap();
    changed.set("network.cdnHitRatio", FieldValue::Number(0.1 + 0.2)).unwrap();
    changed.set("discounts.cud", FieldValue::Text("threeYear".into())).unwrap();
    changed.set("priceOverrides.runRequests", FieldValue::Number(0.37)).unwrap();
    changed.set("customers[1].profile.acvUsd", FieldValue::Number(123_456.789)).unwrap();
    changed.add_cohort("Prospect, \"big\" café").unwrap();
    out.push(("changed".into(), changed));
    out.push(("ranged in euros".into(), ranged_in_euros()));
    out
}

/// Phase 1 with usage ranges, a prospect going live in month 6 with a ramp, in euros.
fn ranged_in_euros() -> Scenario {
    let mut s = preset("phase1-3-customers").unwrap();
    s.add_cohort("Prospect").unwrap();
    for (path, value) in [
        ("ranges.peakQpsLowPct", 70.0),
        ("ranges.peakQpsHighPct", 150.0),
        ("ranges.egressGbHighPct", 300.0),
        ("customers[3].goLiveMonth", 6.0),
        ("customers[3].rampMonths", 2.0),
        ("currency.perUsd", 0.92),
    ] {
        s.set(path, FieldValue::Number(value)).unwrap();
    }
    s.set("currency.rateDate", FieldValue::Text("2026-11-27".into())).unwrap();
    s.set("currency.code", FieldValue::Text("EUR".into())).unwrap();
    s
}

/// US cents at 0.92 EUR per USD in euro cents, by hand: `cents × 92 / 100`, half away from zero.
fn euro_cents(usd_cents: i64) -> i64 {
    let x = usd_cents * 92;
    (x + 50 * x.signum()) / 100
}

/// The CSV's section `title`: its header and data rows.
fn section<'a>(sections: &'a [(String, Vec<Vec<String>>)], title: &str) -> &'a [Vec<String>] {
    &sections.iter().find(|(t, _)| t == title).unwrap_or_else(|| panic!("no section {title}")).1
}

/// RFC 4180 records: fields split at commas, quoted fields unquoted (`""` is a quote), records
/// ended by CRLF. A field's flag says whether it was quoted.
fn read_csv(text: &str) -> Vec<Vec<(String, bool)>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        let mut field = String::new();
        let quoted = chars.peek() == Some(&'"');
        if quoted {
            chars.next();
            loop {
                match chars.next().expect("a closing quote") {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => break,
                    c => field.push(c),
                }
            }
        }
        while let Some(&c) = chars.peek() {
            if c == ',' || c == '\r' {
                break;
            }
            assert!(!quoted && c != '"' && c != '\n', "stray {c:?} after {field:?}");
            field.push(c);
            chars.next();
        }
        record.push((field, quoted));
        match chars.next() {
            Some(',') => {}
            Some('\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                records.push(std::mem::take(&mut record));
                if chars.peek().is_none() {
                    return records;
                }
            }
            other => panic!("record not ended by CRLF: {other:?}"),
        }
    }
}

/// The CSV's sections by title: each its header row and data rows.
fn sections(text: &str) -> Vec<(String, Vec<Vec<String>>)> {
    let body = text.strip_prefix('\u{feff}').expect("a byte order mark");
    let records = read_csv(body);
    let mut out: Vec<(String, Vec<Vec<String>>)> = Vec::new();
    let mut starting = true;
    for record in records {
        let cells: Vec<String> = record.into_iter().map(|(f, _)| f).collect();
        if cells == [""] {
            starting = true;
        } else if starting {
            assert_eq!(cells.len(), 1, "a title row: {cells:?}");
            out.push((cells[0].clone(), Vec::new()));
            starting = false;
        } else {
            out.last_mut().unwrap().1.push(cells);
        }
    }
    out
}

/// Text as a CSV cell should hold it: with a leading `'` when a spreadsheet would take it for a
/// formula (OWASP).
fn guarded(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() }
}

/// Dollars with exactly two decimals (`-12.50`, as a CSV number cell) to cents.
fn cents(text: &str) -> i64 {
    let (sign, digits) = text.strip_prefix('-').map_or((1, text), |rest| (-1, rest));
    let (whole, frac) = digits.split_once('.').expect("two decimals");
    assert_eq!(frac.len(), 2, "{text}");
    assert!(whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()), "{text}");
    sign * (whole.parse::<i64>().unwrap() * 100 + frac.parse::<i64>().unwrap())
}

/// Money as the Markdown writes it (`-$1,234.50`) to cents.
fn money(text: &str) -> i64 {
    let text = text.trim().trim_matches('*');
    let (sign, rest) = text.strip_prefix('-').map_or(("", text), |rest| ("-", rest));
    cents(&format!("{sign}{}", rest.strip_prefix('$').expect("a dollar sign").replace(',', "")))
}

#[test]
fn csv_figures_equal_the_estimate_to_the_cent() {
    for (id, s) in scenarios() {
        let e = evaluate(&s).unwrap();
        let csv = export_csv(&s, &[]).unwrap();
        let sections = sections(&csv);
        let titles: Vec<&str> = sections.iter().map(|(t, _)| t.as_str()).collect();
        let mut expected = vec!["Line items", "Customers", "Totals"];
        expected.extend(s.has_ranges().then_some("Ranges"));
        expected.extend(["Timeline", "Timeline summary"]);
        expected.extend((s.currency.code != CurrencyCode::Usd).then_some("Currency"));
        expected.push("Assumptions");
        assert_eq!(titles, expected, "{id}");

        let lines = &sections[0].1;
        assert_eq!(lines[0], ["Component", "Item", "Quantity", "Unit", "Unit price USD", "Amount USD"]);
        let amounts: Vec<i64> = lines[1..].iter().map(|r| cents(&r[5])).collect();
        assert_eq!(amounts, e.line_items.iter().map(|l| l.amount_cents).collect::<Vec<_>>(), "{id}");
        let labels: Vec<&str> = lines[1..].iter().map(|r| r[1].as_str()).collect();
        assert_eq!(labels, e.line_items.iter().map(|l| guarded(&l.label)).collect::<Vec<_>>(), "{id}");

        let totals = &sections[2].1;
        assert_eq!(totals[0][0], "Monthly cost USD");
        let total = cents(&totals[1][0]);
        assert_eq!(total, e.totals.monthly_cost_cents, "{id}");
        assert_eq!(amounts.iter().sum::<i64>(), total, "{id}: the line items add up to the total");
        assert_eq!(cents(&totals[1][4]), e.totals.monthly_revenue_cents, "{id}");
        assert_eq!(totals[1][1], e.totals.customer_count.to_string(), "{id}");

        let customers = &sections[1].1;
        let allocated: Vec<i64> = customers[1..].iter().map(|r| cents(&r[2])).collect();
        let expected: Vec<i64> = e.customers.iter().map(|c| c.allocated_monthly_cents).collect();
        assert_eq!(allocated, expected, "{id}");
        assert_eq!(allocated.iter().sum::<i64>() + cents(&totals[1][6]), total, "{id}");
        let names: Vec<&str> = customers[1..].iter().map(|r| r[0].as_str()).collect();
        assert_eq!(names, s.customers.iter().map(|c| guarded(&c.name)).collect::<Vec<_>>(), "{id}");

        let assumptions = section(&sections, "Assumptions");
        let link = assumptions.iter().find(|r| r[0] == "Share link").expect("the share link");
        assert_eq!(Scenario::from_link(&link[1]).unwrap(), s, "{id}");
        let paths: Vec<&str> = assumptions.iter().skip(8).map(|r| r[0].as_str()).collect();
        let changes: Vec<String> =
            s.changes().iter().map(|c| c.to_string().split(" = ").next().unwrap().to_string()).collect();
        assert_eq!(paths, changes, "{id}: every change from the defaults, by path");
    }
}

#[test]
fn csv_carries_ranges_the_timeline_and_the_currency() {
    let s = ranged_in_euros();
    let e = evaluate(&s).unwrap();
    let range = e.range.clone().unwrap();
    let sections = sections(&export_csv(&s, &[]).unwrap());
    let ranges = section(&sections, "Ranges");
    assert_eq!(ranges[0], ["Figure", "Low", "Typical", "High"]);
    assert_eq!(ranges[1][0], "Monthly cost USD");
    let low_typical_high: Vec<i64> = ranges[1][1..].iter().map(|c| cents(c)).collect();
    let low = evaluate(&s.bound(Bound::Low)).unwrap().totals.monthly_cost_cents;
    let high = evaluate(&s.bound(Bound::High)).unwrap().totals.monthly_cost_cents;
    assert_eq!(low_typical_high, [low, e.totals.monthly_cost_cents, high]);
    assert!(low < e.totals.monthly_cost_cents && e.totals.monthly_cost_cents < high);

    let months = section(&sections, "Timeline");
    assert_eq!(months.len(), 13);
    let t = timeline::timeline(&s).unwrap();
    for (row, m) in months[1..].iter().zip(&t.months) {
        assert_eq!(row[0], m.month.to_string());
        assert_eq!(
            (cents(&row[2]), cents(&row[3]), cents(&row[5])),
            (m.monthly_cost_cents, m.monthly_revenue_cents, m.cumulative_cost_cents)
        );
    }
    // The prospect goes live in month 6: 4 customers from then on, 3 before; 40,000 USD a year
    // adds 3,333.33 USD a month.
    assert_eq!((months[5][1].as_str(), months[6][1].as_str()), ("3", "4"));
    assert_eq!(cents(&months[6][3]) - cents(&months[5][3]), 333_333);
    assert_eq!(cents(&months[12][2]), e.totals.monthly_cost_cents, "month 12 is the scenario");

    let currency = section(&sections, "Currency");
    let value = |name: &str| currency.iter().find(|r| r[0] == name).unwrap_or_else(|| panic!("{name}"))[1].clone();
    assert_eq!(
        (value("Currency"), value("Exchange rate"), value("Rate date")),
        ("EUR".into(), "0.92".into(), "2026-11-27".into())
    );
    assert_eq!(cents(&value("Monthly cost")), euro_cents(e.totals.monthly_cost_cents));
    assert_eq!(cents(&value("Monthly revenue")), euro_cents(e.totals.monthly_revenue_cents));
    assert_eq!(cents(&value("Monthly cost, high")), euro_cents(range.high.monthly_cost_cents));
    assert!(value("Note").starts_with("Amounts are exact US cents"));
}

#[test]
fn csv_neutralises_formulas_and_keeps_numbers_numbers() {
    let csv = export_csv(&hostile(), &[]).unwrap();
    let records = read_csv(csv.strip_prefix('\u{feff}').unwrap());
    for (field, quoted) in records.iter().flatten() {
        let number = !quoted && field.parse::<f64>().is_ok();
        if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            assert!(number, "a text cell that a spreadsheet would run: {field:?}");
        }
    }
    for name in HOSTILE {
        let found = records.iter().any(|r| r[0].0 == guarded(name) && r.len() == CUSTOMERS.len());
        assert!(found, "cohort {name:?}");
    }
    assert!(
        records.iter().any(|r| r.len() == 6 && r[1].0 == "'=1+1" && r[5].0 == "12.50"),
        "the fixed line, amount a number"
    );
    let negative = records.iter().find(|r| r.len() == 6 && r[5].0.starts_with('-')).expect("a free-tier line");
    assert!(!negative[5].1 && cents(&negative[5].0) < 0, "negative amounts are plain numbers: {negative:?}");
}

/// The Markdown table rows under `## title`, cells split at unescaped pipes.
fn table(md: &str, title: &str) -> Vec<Vec<String>> {
    let start = md.find(&format!("## {title}\n")).unwrap_or_else(|| panic!("section {title}"));
    let rows = md[start..].lines().skip(2).take_while(|l| l.starts_with('|'));
    rows.skip(2).map(split_row).collect()
}

fn split_row(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '|' if !escaped => cells.push(String::new()),
            c => cells.last_mut().unwrap().push(c),
        }
        escaped = c == '\\' && !escaped;
    }
    let inner = &cells[1..cells.len() - 1];
    inner.iter().map(|c| c.trim().to_string()).collect()
}

#[test]
fn markdown_figures_equal_the_estimate_to_the_cent() {
    for (id, s) in scenarios() {
        let e = evaluate(&s).unwrap();
        let md = export_markdown(&s, &[]).unwrap();
        let headline = md.lines().find(|l| l.starts_with("| $")).expect("the headline row");
        assert_eq!(money(&split_row(headline)[0]), e.totals.monthly_cost_cents, "{id}");
        let products = table(&md, "Monthly cost by product");
        let (total, parts) = products.split_last().unwrap();
        assert_eq!(total[0], "**Total**");
        assert_eq!(money(&total[1]), e.totals.monthly_cost_cents, "{id}");
        let amounts: Vec<i64> = parts.iter().map(|r| money(&r[1])).collect();
        assert_eq!(amounts, e.components.iter().map(|c| c.amount_cents).collect::<Vec<_>>(), "{id}");
        assert_eq!(amounts.iter().sum::<i64>(), e.totals.monthly_cost_cents, "{id}: the products add up");
        let customers = table(&md, "Per customer");
        assert_eq!(customers.len(), e.customers.len(), "{id}");
        for (row, c) in customers.iter().zip(&e.customers) {
            assert_eq!(money(&row[2]), c.allocated_monthly_cents, "{id}");
        }
        for section in ["Sizing", "Findings", "Assumptions"] {
            assert!(md.contains(&format!("\n## {section}\n")), "{id}: {section}");
        }
        assert!(md.contains(&format!("`#{}`", s.to_link())), "{id}: the share link");
        for f in &e.findings {
            assert!(md.contains(&Inert(&f.message).to_string()), "{id}: {}", f.code);
        }
    }
}

#[test]
fn markdown_carries_ranges_the_timeline_and_the_currency() {
    let s = ranged_in_euros();
    let e = evaluate(&s).unwrap();
    let md = export_markdown(&s, &[]).unwrap();
    let range = e.range.clone().unwrap();
    let cost_row = md.lines().find(|l| l.starts_with("| Monthly cost | $")).expect("the range table");
    let cells: Vec<i64> = split_row(cost_row)[1..].iter().map(|c| money(c)).collect();
    assert_eq!(cells, [range.low.monthly_cost_cents, e.totals.monthly_cost_cents, range.high.monthly_cost_cents]);
    // 0.92 EUR per USD, dated; the converted cost as worked by hand; the note.
    let cost = euro_cents(e.totals.monthly_cost_cents);
    assert!((10_000..100_000).contains(&cost), "hundreds of euros: no thousands separator");
    let euros = format!("EUR {}.{:02}", cost / 100, cost % 100);
    assert!(md.contains(&format!("In EUR at 0.92 EUR per USD (rate of 2026-11-27): monthly cost {euros}, ")), "{md}");
    assert!(md.contains("Amounts are exact US cents underneath; each converted figure is converted once"), "{md}");
    let months = table(&md, "12-month timeline");
    assert_eq!(months.len(), 12);
    let t = timeline::timeline(&s).unwrap();
    for (row, m) in months.iter().zip(&t.months) {
        assert_eq!((money(&row[2]), money(&row[3])), (m.monthly_cost_cents, m.monthly_revenue_cents));
    }
    // In USD there is no conversion and no range table.
    let plain = export_markdown(&preset("phase1-3-customers").unwrap(), &[]).unwrap();
    assert!(!plain.contains(" per USD (rate of ") && !plain.contains("| Figure | Low |"));
}

#[test]
fn markdown_escapes_hostile_names() {
    let md = export_markdown(&hostile(), &[]).unwrap();
    let bytes = md.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b"<>[]".contains(&b) {
            assert_eq!(bytes[i - 1], b'\\', "an unescaped {} at {i}: {md}", b as char);
        }
    }
    assert!(md.starts_with("# Cost estimate: \\<b\\>\\*Plan\\*\\</b\\> \\`x\\` \\\\ \\_y\\_ \\[z\\]\n"), "{md}");
    let customers = table(&md, "Per customer");
    let names: Vec<&str> = customers.iter().map(|r| r[0].as_str()).collect();
    for name in
        ["\\<script\\>alert(1)\\</script\\>", "\\| pipe \\|", "\\[link\\](http://x)", "=HYPERLINK(\"http://x\")"]
    {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    assert!(names.contains(&"=1"), "a tab becomes a space, trimmed at the cell's edge: {names:?}");
    let mut columns = 0;
    let mut in_table = false;
    for line in md.lines() {
        match (line.starts_with('|'), in_table) {
            (true, false) => columns = split_row(line).len(),
            (true, true) => assert_eq!(split_row(line).len(), columns, "{line}"),
            _ => {}
        }
        in_table = line.starts_with('|');
    }
}

#[test]
fn json_figures_equal_the_estimate_and_read_back_exactly() {
    for (id, s) in scenarios() {
        let e = evaluate(&s).unwrap();
        let json = export_json(&s, &[]).unwrap();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["schemaVersion"], SCHEMA_VERSION, "{id}");
        assert_eq!(v["priceBook"]["id"], s.price_book, "{id}");
        let total = v["estimate"]["totals"]["monthlyCostCents"].as_i64().unwrap();
        assert_eq!(total, e.totals.monthly_cost_cents, "{id}");
        let lines = v["estimate"]["lineItems"].as_array().unwrap();
        let amounts: Vec<i64> = lines.iter().map(|l| l["amountCents"].as_i64().unwrap()).collect();
        assert_eq!(amounts, e.line_items.iter().map(|l| l.amount_cents).collect::<Vec<_>>(), "{id}");
        assert_eq!(amounts.iter().sum::<i64>(), total, "{id}");
        let months = v["timeline"]["months"].as_array().unwrap();
        let t = timeline::timeline(&s).unwrap();
        let costs: Vec<i64> = months.iter().map(|m| m["monthlyCostCents"].as_i64().unwrap()).collect();
        assert_eq!(costs, t.months.iter().map(|m| m.monthly_cost_cents).collect::<Vec<_>>(), "{id}");
        let range = &v["estimate"]["range"];
        match &e.range {
            Some(r) => assert_eq!(range["high"]["monthlyCostCents"].as_i64(), Some(r.high.monthly_cost_cents), "{id}"),
            None => assert!(range.is_null(), "{id}"),
        }
        let currency = &v["estimate"]["currency"];
        if s.currency.code == CurrencyCode::Usd {
            assert!(currency.is_null(), "{id}");
        } else {
            assert_eq!((currency["code"].as_str(), currency["perUsd"].as_str()), (Some("EUR"), Some("0.92")), "{id}");
            assert_eq!(currency["rateDate"], "2026-11-27", "{id}");
            let converted = currency["monthlyCost"]["minorUnits"].as_i64().unwrap();
            assert_eq!(converted, euro_cents(e.totals.monthly_cost_cents), "{id}");
            assert_eq!(currency["note"], headroom::model::currency::CONVERSION_NOTE, "{id}");
        }
        let as_tree = |v: serde_json::Value| serde_json::from_value::<Tree>(v).unwrap();
        assert_eq!(as_tree(v["scenario"].clone()), as_tree(serde_json::to_value(&s).unwrap()), "{id}");

        assert_eq!(import_json(&json).unwrap().0, s, "{id}: the export");
        assert_eq!(import_json(&serde_json::to_string(&s).unwrap()).unwrap().0, s, "{id}: a bare scenario");
        assert_eq!(import_json(&format!("\u{feff}{json}")).unwrap().0, s, "{id}: after a byte order mark");
        // The page's path: the text parsed elsewhere (here serde_json, there JSON.parse).
        let tree: Tree = serde_json::from_str(&json).unwrap();
        assert_eq!(import_tree(tree).unwrap().0, s, "{id}: a parsed object");
    }
}

/// Phase 1's export as JSON, changed by `edit`, imported.
fn import_edited(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v: serde_json::Value =
        serde_json::from_str(&export_json(&preset("phase1-3-customers").unwrap(), &[]).unwrap()).unwrap();
    edit(&mut v);
    import_json(&v.to_string()).unwrap_err().to_string()
}

#[test]
fn import_errors_name_the_field() {
    use serde_json::json;
    assert_eq!(
        import_edited(|v| v["scenario"]["network"]["cdnHitRatio"] = json!(1.5)),
        "scenario.network.cdnHitRatio = 1.5: allowed a number from 0 to 1"
    );
    assert_eq!(
        import_edited(|v| v["scenario"]["customers"][1]["profile"]["peakQps"] = json!("x")),
        "scenario.customers[1].profile.peakQps = \"x\": allowed a number from 0 to 100000"
    );
    assert_eq!(
        import_edited(|v| _ = v["scenario"].as_object_mut().unwrap().remove("redis")),
        "scenario.redis.enabled: a value (the field is missing)"
    );
    assert_eq!(
        import_edited(|v| v["schemaVersion"] = json!(6)),
        "schemaVersion = 6: allowed 1 to 5 (this build reads up to version 5)"
    );
    assert_eq!(
        import_edited(|v| v["scenario"]["schemaVersion"] = json!(6)),
        "scenario.schemaVersion = 6: allowed 1 to 5 (this build reads up to version 5)"
    );
    assert_eq!(
        import_edited(|v| v["scenario"]["schemaVersion"] = json!(2)),
        "scenario.cloudRun.billingRounding: a field of schema version 2 (this one came in version 5)"
    );
    assert_eq!(
        import_edited(|v| _ = v["scenario"].as_object_mut().unwrap().remove("ranges")),
        "scenario.ranges.peakQpsLowPct: a value (the field is missing)"
    );
    assert_eq!(
        import_edited(|v| v["scenario"]["schemaVersion"] = json!(1)),
        "scenario.cloudRun.billingRounding: a field of schema version 1 (this one came in version 5)"
    );
    assert_eq!(
        import_edited(|v| v["comment"] = json!("hi")),
        "comment: a field of an export: schemaVersion, priceBook, scenario, estimate, timeline, pins, comparison, assumptions, deal, explanations, allocationWeights"
    );
    assert_eq!(import_edited(|v| v["scenario"] = json!([])), "scenario: an object");
    let bare = serde_json::to_string(&preset("week9-baseline").unwrap()).unwrap();
    let err = import_json(&bare.replace("\"vcpu\":1", "\"vcpu\":3")).unwrap_err();
    assert!(err.to_string().starts_with("cloudRun.vcpu = 3: allowed "), "{err}");
    assert_eq!(
        import_json("[1, 2").unwrap_err().to_string(),
        "file: valid JSON (EOF while parsing a list at line 1 column 5)"
    );
    assert_eq!(import_json("\"x\"").unwrap_err().to_string(), "scenario: an object");
    let doubled = export_json(&preset("week9-baseline").unwrap(), &[]).unwrap().replacen(
        "\n  \"scenario\": ",
        "\n  \"scenario\": 1,\n  \"scenario\": ",
        1,
    );
    assert_eq!(import_json(&doubled).unwrap_err().to_string(), "scenario: one value (the field is given twice)");
}

#[test]
fn a_bad_scenario_is_refused_by_every_export() {
    let mut s = preset("week9-baseline").unwrap();
    s.network.cdn_hit_ratio = 2.0;
    for result in [export_csv(&s, &[]), export_markdown(&s, &[]), export_json(&s, &[])] {
        assert_eq!(result.unwrap_err().to_string(), "network.cdnHitRatio = 2: allowed a number from 0 to 1");
    }
}

/// Any printable text, or a short run of the characters CSV and Markdown give a meaning.
const NAMES: &str = "\\PC{1,40}|[=+@\\t\\r\\n,\"<>|\\[\\]*_`\\\\-]{1,12}";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_name_survives_csv_and_stays_inert_in_markdown(name in NAMES) {
        let mut s = preset("week9-baseline").unwrap();
        s.customers[0].name = name.clone();
        let csv = export_csv(&s, &[]).unwrap();
        let customers = &sections(&csv)[1].1;
        prop_assert_eq!(&customers[1][0], &guarded(&name));
        let md = export_markdown(&s, &[]).unwrap();
        let row = table(&md, "Per customer").remove(0);
        prop_assert_eq!(row.len(), CUSTOMERS.len());
        prop_assert!(!md.contains('\r'));
        let bytes = md.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            prop_assert!(!b"<>[]".contains(&b) || bytes[i - 1] == b'\\', "an unescaped {} in {:?}", b as char, md);
        }
    }

    #[test]
    fn import_never_panics(text in "\\PC{0,200}", cut in 0usize..4000) {
        let _ = import_json(&text);
        let export = export_json(&preset("phase1-3-customers").unwrap(), &[]).unwrap();
        let mut at = cut.min(export.len());
        while !export.is_char_boundary(at) {
            at -= 1;
        }
        let _ = import_json(&export[..at]);
        let _ = import_json(&format!("{}{}{}", &export[..at], text, &export[at..]));
    }
}

/// Phase 1 pinned as A, with the CDN on as B, and now five customers as well.
fn compared() -> (Scenario, Vec<Scenario>) {
    let a = preset("phase1-3-customers").unwrap();
    let mut b = a.clone();
    b.set("network.cdn", FieldValue::Bool(true)).unwrap();
    let mut now = b.clone();
    now.set("customers", FieldValue::Number(5.0)).unwrap();
    (now, vec![a, b])
}

#[test]
fn every_export_carries_the_comparison_with_the_pins() {
    let (now, pins) = compared();
    let totals: Vec<i64> = pins.iter().chain([&now]).map(|s| evaluate(s).unwrap().totals.monthly_cost_cents).collect();

    // CSV: one row per line item with each column's amount and its difference from A; the
    // differences add up to the monthly cost's.
    let csv = sections(&export_csv(&now, &pins).unwrap());
    let rows = section(&csv, "Comparison (differences from A)");
    let name = &now.name;
    let heads = [
        "Part".into(),
        "What".into(),
        "Unit".into(),
        format!("A: {name}"),
        format!("B: {name}"),
        format!("Now: {name}"),
    ];
    assert_eq!(rows[0][..6], heads);
    assert_eq!(rows[0][6..], ["B - A", "Now - A"]);
    let cost = rows.iter().find(|r| r[0] == "Headline" && r[1] == "Monthly cost").unwrap();
    assert_eq!(cost[3..6].iter().map(|c| cents(c)).collect::<Vec<_>>(), totals);
    assert_eq!(cents(&cost[7]), totals[2] - totals[0]);
    let lines: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == "Line item").collect();
    assert_eq!(lines.len(), compare_rows(&now, &pins));
    let sum: i64 = lines.iter().map(|r| cents(&r[7])).sum();
    assert_eq!(sum, totals[2] - totals[0]);
    let cdn = rows.iter().find(|r| r[0] == "Input" && r[1] == "network.cdn").unwrap();
    assert_eq!(cdn[3..6], ["off", "on", "on"]);
    let link = section(&csv, "Assumptions").iter().find(|r| r[0] == "Share link").unwrap()[1].clone();
    let reopened = Planner::from_link(&link).unwrap();
    assert_eq!(reopened.scenario(), &now);
    assert_eq!(reopened.pins().iter().map(|p| p.scenario.clone()).collect::<Vec<_>>(), pins);

    // Markdown: the headline table with each figure and its difference; changed inputs bold.
    let md = export_markdown(&now, &pins).unwrap();
    assert!(md.contains("\n## Comparison\n"));
    let headline = table(&md, "Headline");
    let cost = headline.iter().find(|r| r[0] == "Monthly cost").unwrap();
    assert_eq!(money(&cost[1]), totals[0]);
    let (value, delta) = cost[3].split_once(" (").unwrap();
    assert_eq!(money(value), totals[2]);
    let delta = delta.trim_end_matches(')');
    assert_eq!(money(&delta.replacen('+', "", 1)), totals[2] - totals[0]);
    let inputs = table(&md, "Inputs that differ");
    assert!(inputs.contains(&vec!["CDN".into(), String::new(), "off".into(), "**on**".into(), "**on**".into()]));

    // JSON: the pins and the comparison, and the pins read back.
    let export = Export::of(&now, &pins).unwrap();
    assert_eq!(export.pins, pins);
    let c = export.comparison.as_ref().unwrap();
    assert_eq!(c.columns, ["A", "B", "Now"]);
    assert_eq!(c.headline[0].differences[2], Some((totals[2] - totals[0]) as f64));
    let (scenario, read) = import_json(&export_json(&now, &pins).unwrap()).unwrap();
    assert_eq!((scenario, read), (now.clone(), pins.clone()));
    // Without pins, no comparison anywhere.
    assert!(Export::of(&now, &[]).unwrap().comparison.is_none());
    assert!(!export_markdown(&now, &[]).unwrap().contains("## Comparison"));
    let four = vec![now.clone(); 4];
    assert_eq!(
        export_csv(&now, &four).unwrap_err().to_string(),
        "pins = 4 pinned scenarios: allowed at most 3 pinned scenarios"
    );
}

/// `x` within a millionth of `expected` (CSV numbers have 7 significant digits).
fn close(x: &str, expected: f64) {
    let x: f64 = x.parse().unwrap_or_else(|_| panic!("not a number: {x:?}"));
    assert!((x - expected).abs() <= 1e-6 * expected.abs().max(1.0), "{x} against {expected}");
}

/// A column's worst finding in words, from its own findings (sorted most severe first) as
/// the estimate's JSON writes the severity: `none` for a finding for the record only.
fn worst_words(e: &Estimate) -> String {
    let words = serde_json::to_value(e.findings[0].severity).unwrap().as_str().unwrap().to_string();
    if words == "info" { "none".into() } else { words }
}

#[test]
fn the_comparison_is_headed_by_the_pins_names_and_lists_inputs_then_capacity() {
    let (now, mut pins) = compared();
    pins[1].set("name", FieldValue::Text("With the CDN".into())).unwrap();
    let own: Vec<Estimate> = pins.iter().chain([&now]).map(|s| evaluate(s).unwrap()).collect();
    let headroom: Vec<f64> = own.iter().map(|e| e.sizing.headroom_ratio.unwrap()).collect();

    // CSV: the inputs first (the name is a heading, not an input), then the figures; the
    // capacity rows are each column's own sizing and worst finding.
    let csv = sections(&export_csv(&now, &pins).unwrap());
    let rows = section(&csv, "Comparison (differences from A)");
    assert_eq!(rows[0][3..6], [format!("A: {}", now.name), "B: With the CDN".into(), format!("Now: {}", now.name)]);
    let inputs: Vec<&str> = rows[1..].iter().take_while(|r| r[0] == "Input").map(|r| r[1].as_str()).collect();
    assert_eq!(inputs.len(), rows.iter().filter(|r| r[0] == "Input").count());
    assert_eq!(inputs[..2], ["network.cdn", "customers[3].name"]);
    assert!(!inputs.contains(&"name"));
    let capacity = |what: &str| rows.iter().find(|r| r[0] == "Capacity" && r[1] == what).unwrap();
    let ratio = capacity("Headroom (capacity / peak)");
    assert_eq!(ratio[2], "×");
    (0..3).for_each(|i| close(&ratio[3 + i], headroom[i]));
    close(&ratio[7], headroom[2] - headroom[0]);
    let p95 = capacity("Latency p95 at peak");
    assert_eq!(p95[2], "ms");
    (0..3).for_each(|i| close(&p95[3 + i], own[i].sizing.latency_p95_ms.unwrap()));
    let cpu = capacity("CPU at peak");
    for (i, e) in own.iter().enumerate() {
        let shown: f64 = cpu[3 + i].parse().unwrap();
        assert!((shown - e.sizing.cpu_utilization_at_peak * 100.0).abs() <= 0.005, "{shown}");
    }
    let worst: Vec<String> = own.iter().map(worst_words).collect();
    assert_eq!(capacity("Worst finding")[3..6], worst);
    assert_eq!(capacity("Worst finding")[6..], ["", ""]);
    let bound = capacity("What binds capacity");
    assert!(bound[3..6].iter().all(|b| b == "CPU" || b == "concurrency"), "{bound:?}");

    // Markdown: every table headed by the columns' labels and names; the inputs first.
    let md = export_markdown(&now, &pins).unwrap();
    let heads = format!("| A: {0} | B: With the CDN | Now: {0} |", now.name);
    assert!(md.contains(&format!("| Input | Unit {heads}")), "{md}");
    assert!(md.contains(&format!("| What {heads}")));
    assert!(md.find("### Inputs that differ").unwrap() < md.find("### Headline").unwrap());
    let table = table(&md, "Capacity at peak");
    let worst_row = table.iter().find(|r| r[0] == "Worst finding").unwrap();
    assert_eq!(worst_row[1..], worst);
    let ratio = table.iter().find(|r| r[0] == "Headroom (capacity / peak)").unwrap();
    assert_eq!(ratio[1], format!("{:.2}×", headroom[0]));

    // JSON: the same rows, and the pin's name read back.
    let export = Export::of(&now, &pins).unwrap();
    let c = export.comparison.unwrap();
    assert_eq!(c.names[1], "With the CDN");
    assert_eq!(c.capacity[0].values, headroom.iter().map(|h| Some(*h)).collect::<Vec<_>>());
    let (_, read) = import_json(&export_json(&now, &pins).unwrap()).unwrap();
    assert_eq!(read[1].name, "With the CDN");
}

/// How many line-item rows the comparison of `now` with `pins` has (the union of the columns').
fn compare_rows(now: &Scenario, pins: &[Scenario]) -> usize {
    let mut keys: Vec<(String, String)> = Vec::new();
    for s in pins.iter().chain([now]) {
        for l in evaluate(s).unwrap().line_items {
            let key = (format!("{:?}", l.component), l.label.to_string());
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    keys.len()
}

#[test]
fn an_imported_export_names_a_bad_pin() {
    let (now, pins) = compared();
    let mut v: serde_json::Value = serde_json::from_str(&export_json(&now, &pins).unwrap()).unwrap();
    v["pins"][1]["cloudRun"]["vcpu"] = serde_json::json!(3);
    let err = import_json(&v.to_string()).unwrap_err().to_string();
    assert!(err.starts_with("pins[1].cloudRun.vcpu = 3: allowed"), "{err}");
    v["pins"] = serde_json::json!("x");
    assert_eq!(
        import_json(&v.to_string()).unwrap_err().to_string(),
        "pins = \"x\": allowed a list of at most 3 scenarios"
    );
}

#[test]
fn every_export_carries_the_cost_on_unconfirmed_prices() {
    let s = preset("phase2-10-customers").unwrap();
    let e = evaluate(&s).unwrap();
    // Worked out by hand in `tests/cost_lines.rs`: 201.76 USD on six unconfirmed prices.
    let ids =
        ["firestoreStorageMultiRegion", "cdnCacheFill", "armorPolicy", "armorRule", "armorRequests", "redisStandardM1"];
    let pct = 20_176.0 * 100.0 / e.totals.monthly_cost_cents as f64;

    let sections = sections(&export_csv(&s, &[]).unwrap());
    let totals = section(&sections, "Totals");
    let column = |name: &str| totals[0].iter().position(|h| h == name).unwrap_or_else(|| panic!("{name}"));
    assert_eq!(cents(&totals[1][column("Cost on unconfirmed prices USD")]), 20_176);
    assert_eq!(totals[1][column("Cost on unconfirmed prices %")], format!("{pct:.2}"));
    assert_eq!(totals[1][column("Unconfirmed prices")], ids.join(" "));

    let md = export_markdown(&s, &[]).unwrap();
    // For people: the prices by their labels in the book, no internal ids.
    let book = PriceBook::find(&s.price_book).unwrap();
    let listed: Vec<&str> = ids.iter().map(|id| book.entry(PriceId::from_id(id).unwrap()).label).collect();
    let want = format!("\nCost on unconfirmed prices: $201.76 ({pct:.1}%): {}.\n", listed.join(", "));
    assert!(md.contains(&want), "{want}");

    let v: serde_json::Value = serde_json::from_str(&export_json(&s, &[]).unwrap()).unwrap();
    let u = &v["estimate"]["unconfirmed"];
    assert_eq!(u["cents"], 20_176);
    assert!((u["pct"].as_f64().unwrap() - pct).abs() < 1e-12);
    assert_eq!(u["prices"], serde_json::json!(ids));
}

/// The headings of `table` as a CSV writes them.
fn headings<T>(table: &[Output<T>]) -> Vec<String> {
    table.iter().map(Output::heading).collect()
}

/// The labels of `table`.
fn labels<T>(table: &[Output<T>]) -> Vec<String> {
    table.iter().map(|o| o.label.to_string()).collect()
}

#[test]
fn every_column_of_every_export_is_an_output_row() {
    let now = ranged_in_euros();
    let mut pin = now.clone();
    pin.network.cdn = !pin.network.cdn;
    let pins = [pin];

    // CSV: each table's header row is its output rows' headings, in order; each figure row
    // (ranges, comparison) is named by its output row.
    let csv = sections(&export_csv(&now, &pins).unwrap());
    assert_eq!(section(&csv, "Line items")[0], headings(&BILL));
    assert_eq!(section(&csv, "Customers")[0], headings(&CUSTOMERS));
    let mut totals = headings(&TOTALS);
    totals.extend(headings(&UNCONFIRMED));
    assert_eq!(section(&csv, "Totals")[0], totals);
    assert_eq!(section(&csv, "Timeline")[0], headings(&TIMELINE));
    assert_eq!(section(&csv, "Timeline summary")[0], headings(&TIMELINE_SUMMARY));
    let ranges: Vec<String> = section(&csv, "Ranges")[1..].iter().map(|r| r[0].clone()).collect();
    assert_eq!(ranges, headings(&TOTALS));
    let compared = section(&csv, "Comparison (differences from A)");
    let figures: Vec<String> =
        compared.iter().filter(|r| r[0] == "Headline" || r[0] == "Capacity").map(|r| r[1].clone()).collect();
    assert_eq!(figures, labels(&COMPARISON));

    // Markdown: the headline, per-customer and timeline tables are headed by their rows'
    // labels; the sizing's and the ranges' rows are named by them.
    let md = export_markdown(&now, &pins).unwrap();
    let head = |first: &str| split_row(md.lines().find(|l| l.starts_with(&format!("| {first} |"))).unwrap());
    assert_eq!(head(TOTALS[0].label), labels(&TOTALS));
    assert_eq!(head(CUSTOMERS[0].label), labels(&CUSTOMERS));
    assert_eq!(head(TIMELINE[0].label), labels(&TIMELINE));
    let sizing: Vec<String> = table(&md, "Sizing").iter().map(|r| r[0].clone()).collect();
    assert_eq!(sizing, labels(&SIZING));
    for o in &TIMELINE_SUMMARY {
        assert!(md.contains(&format!("\n{}: ", o.label)), "{}", o.label);
    }
    let capacity: Vec<String> = table(&md, "Capacity at peak").iter().map(|r| r[0].clone()).collect();
    let headline: Vec<String> = table(&md, "Headline").iter().map(|r| r[0].clone()).collect();
    assert_eq!([headline, capacity].concat(), labels(&COMPARISON));
}

/// Phase 2 with the deal "Acme" (30 peak QPS, 200 GB egress a month, ACV $36,000), and the
/// scenario with Acme as its last cohort, built here from the typical customer's ratios.
fn acme() -> (Scenario, Scenario) {
    let mut s = preset("phase2-10-customers").unwrap();
    (s.deal.name, s.deal.acv_usd, s.deal.peak_qps, s.deal.egress_gb_per_month) = ("Acme".into(), 36_000.0, 30.0, 200.0);
    let t = s.typical_customer.clone();
    let avg = 30.0 * t.avg_qps / t.peak_qps;
    let profile = CustomerProfile {
        peak_qps: 30.0,
        avg_qps: avg,
        firestore_reads_per_day: avg * (t.firestore_reads_per_day / t.avg_qps),
        firestore_writes_per_day: avg * (t.firestore_writes_per_day / t.avg_qps),
        firestore_deletes_per_day: avg * (t.firestore_deletes_per_day / t.avg_qps),
        stored_gb: 0.0,
        egress_gb_per_month: 200.0,
        acv_usd: 36_000.0,
        ..t
    };
    let mut with = s.clone();
    with.customers.push(Cohort::new("Acme", 1, profile));
    (s, with)
}

#[test]
fn every_export_carries_the_deal() {
    let (s, with) = acme();
    let (e, w) = (evaluate(&s).unwrap(), evaluate(&with).unwrap());
    let incremental = w.totals.monthly_cost_cents - e.totals.monthly_cost_cents;
    let share = w.customers.last().unwrap().allocated_monthly_cents;
    // CSV: the deal's own section and its rows by basis, the scenario's rule marked.
    let csv = export_csv(&s, &[]).unwrap();
    let sections = sections(&csv);
    let deal = section(&sections, "Deal");
    assert!(deal.contains(&vec!["Prospect".to_string(), "Acme".into(), "".into()]));
    assert!(deal.contains(&vec!["ACV".to_string(), "36000.00".into(), "USD a year".into()]));
    let rows = section(&sections, "Deal by basis");
    assert_eq!(cents(&rows[1][1]), incremental);
    let own: Vec<&Vec<String>> = rows.iter().filter(|r| r[4] == "yes").collect();
    assert_eq!((own.len(), own[0][0].as_str(), cents(&own[0][1])), (1, "Share by usage", share));
    // Markdown: the same figures in its table.
    let md = export_markdown(&s, &[]).unwrap();
    let start = md.find("## Deal\n").unwrap();
    let table: Vec<Vec<String>> = md[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(split_row)
        .collect();
    assert_eq!(table[0][0], "Incremental");
    assert_eq!(money(&table[0][1]), incremental);
    assert_eq!((table[2][0].as_str(), money(&table[2][1])), ("**Share by usage** (the scenario's rule)", share));
    // JSON: the deal beside the estimate, and the scenario's deal reads back exactly.
    let json = export_json(&s, &[]).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["deal"]["incrementalMonthlyCents"], incremental);
    assert_eq!(value["scenario"]["deal"]["name"], "Acme");
    assert_eq!(import_json(&json).unwrap().0, s);
    // Without a deal, no section.
    let plain = preset("phase2-10-customers").unwrap();
    assert!(!export_csv(&plain, &[]).unwrap().contains("\r\nDeal\r\n"));
    assert!(!export_markdown(&plain, &[]).unwrap().contains("## Deal"));
}

/// The Markdown export read by a CommonMark renderer (pulldown-cmark, with GitHub's tables):
/// every table well formed (each row as many cells as its header), no raw HTML, no field paths.
#[test]
fn markdown_renders_as_commonmark_tables_for_people() {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut with_pin = preset("phase2-10-customers").unwrap();
    with_pin.customers[0].name = "<b>Acme</b> | =SUM(1)".into();
    let cases = preset_ids()
        .iter()
        .map(|id| (preset(id).unwrap(), vec![]))
        .chain([(with_pin, vec![preset("phase1-3-customers").unwrap()])]);
    for (s, pins) in cases {
        let md = export_markdown(&s, &pins).unwrap();
        let (mut tables, mut columns, mut cells) = (0, 0, 0);
        for event in Parser::new_ext(&md, Options::ENABLE_TABLES) {
            match event {
                Event::Start(Tag::Table(alignments)) => (tables, columns) = (tables + 1, alignments.len()),
                Event::Start(Tag::TableHead | Tag::TableRow) => cells = 0,
                Event::Start(Tag::TableCell) => cells += 1,
                Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                    assert_eq!(cells, columns, "{}: a row of {cells} cells under {columns} columns", s.name)
                }
                Event::Html(h) | Event::InlineHtml(h) => panic!("{}: raw HTML {h}", s.name),
                _ => {}
            }
        }
        assert!(tables >= 6, "{}: {tables} tables", s.name);
        assert!(!md.contains("customers[") && !md.contains("profile.peakQps"), "{}: a field path", s.name);
    }
}

/// The CSV tables: each one header row and as many fields in every row, numbers that read back
/// exactly, the bill's cents adding up to the month and its dollars equal to its cents.
#[test]
fn csv_tables_have_one_header_and_a_fixed_column_set() {
    let mut s = preset("phase2-10-customers").unwrap();
    (s.deal.name, s.deal.acv_usd, s.deal.peak_qps, s.deal.egress_gb_per_month) = ("Acme".into(), 36_000.0, 30.0, 200.0);
    let pins = [preset("phase1-3-customers").unwrap()];
    let e = evaluate(&s).unwrap();
    let tables = export_csv_tables(&s, &pins).unwrap();
    let names: Vec<&str> = tables.iter().map(|t| t.name).collect();
    let want = [
        "bill.csv",
        "customers.csv",
        "sizing.csv",
        "findings.csv",
        "timeline.csv",
        "assumptions.csv",
        "comparison.csv",
        "deal.csv",
        "deal-rules.csv",
    ];
    assert_eq!(names, want);
    for t in &tables {
        let records = read_csv(t.csv.strip_prefix('\u{feff}').unwrap());
        let width = records[0].len();
        assert!(records.len() >= 2, "{}", t.name);
        assert!(records.iter().all(|r| r.len() == width), "{}: rows of other widths", t.name);
    }
    let bill = read_csv(tables[0].csv.strip_prefix('\u{feff}').unwrap());
    let head: Vec<&str> = bill[0].iter().map(|(f, _)| f.as_str()).collect();
    let (cents, usd, quantity) = (
        head.iter().position(|h| *h == "Amount (cents)").unwrap(),
        head.iter().position(|h| *h == "Amount (USD)").unwrap(),
        head.iter().position(|h| *h == "Quantity").unwrap(),
    );
    let amounts: Vec<i64> = bill[1..].iter().map(|r| r[cents].0.parse().unwrap()).collect();
    assert_eq!(amounts.iter().sum::<i64>(), e.totals.monthly_cost_cents);
    for (r, line) in bill[1..].iter().zip(&e.line_items) {
        assert_eq!((r[usd].0.parse::<f64>().unwrap() * 100.0).round() as i64, line.amount_cents);
        assert_eq!(r[quantity].0.parse::<f64>().unwrap(), line.quantity, "full precision: {}", line.label);
    }
}
