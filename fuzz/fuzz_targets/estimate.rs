//! Any bytes as a share link (as they are and re-signed): every link the planner accepts is
//! evaluated, and its estimate checked: every figure finite, the month not negative, the lines
//! and the products adding up to it, and with customers the cohorts' shares adding up to it,
//! none negative. Its own link reads back to it.
#![no_main]

use headroom::model::{Estimate, Planner};
use libfuzzer_sys::fuzz_target;

/// `text` with its checksum recomputed (FNV-1a, 32 bits, over all before the last `~`).
fn resigned(text: &str) -> String {
    let body = text.rsplit_once('~').map_or(text, |(body, _)| body);
    let sum = body.bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    format!("{body}~{sum:08x}")
}

fn check(e: &Estimate) {
    let t = &e.totals;
    assert!(t.monthly_cost_cents >= 0, "negative month: {}", t.monthly_cost_cents);
    for l in &e.line_items {
        assert!(l.quantity.is_finite() && l.unit_price_usd.is_finite(), "{}", l.label);
    }
    assert_eq!(e.line_items.iter().map(|l| l.amount_cents).sum::<i64>(), t.monthly_cost_cents);
    assert_eq!(e.components.iter().map(|c| c.amount_cents).sum::<i64>(), t.monthly_cost_cents);
    let ratios = [t.gross_margin_pct, t.cost_pct_of_acv].into_iter().flatten();
    let cohorts = e.customers.iter().flat_map(|c| [c.gross_margin_pct, c.cost_pct_of_acv]).flatten();
    assert!(ratios.chain(cohorts).all(f64::is_finite));
    if t.customer_count > 0 {
        assert_eq!(e.customers.iter().map(|c| c.allocated_monthly_cents).sum::<i64>(), t.monthly_cost_cents);
        assert!(e.customers.iter().all(|c| c.allocated_monthly_cents >= 0), "{:?}", e.customers);
        assert_eq!(t.unallocated_cents, 0);
    }
    if let Some(r) = &e.range {
        assert!(r.low.monthly_cost_cents >= 0 && r.high.monthly_cost_cents >= 0);
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for link in [text.to_string(), resigned(&text)] {
        if let Ok(p) = Planner::from_link(&link) {
            check(p.estimate());
            let back = Planner::from_link(&p.link()).expect("its own link");
            assert_eq!(back.scenario(), p.scenario());
        }
    }
});
