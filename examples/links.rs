//! Share-link lengths, as the README quotes them: each preset as it is; with three controls
//! moved (customers +2, CDN on, hit ratio 0.7); and with peak QPS per customer +20% as well,
//! which rescales every profile's QPS to full-precision numbers.
//!
//! `cargo run --example links`
use headroom::model::{Error, FieldValue, Scenario, preset, preset_ids};

fn moved(s: &Scenario, qps: bool) -> Result<Scenario, Error> {
    let mut s = s.clone();
    s.set("customers", FieldValue::Number((s.customer_count() + 2) as f64))?;
    s.set("network.cdn", FieldValue::Bool(true))?;
    s.set("network.cdnHitRatio", FieldValue::Number(0.7))?;
    if qps {
        s.set("peakQpsPerCustomer", FieldValue::Number(s.peak_qps_per_customer() * 1.2))?;
    }
    Ok(s)
}

fn main() -> Result<(), Error> {
    println!("| preset | as it is | customers +2, CDN on, hit ratio 0.7 | and peak QPS +20% |\n|---|---|---|---|");
    for id in preset_ids() {
        let s = preset(id)?;
        let len = |s: &Scenario| s.to_link().len() + 1; // with the '#'
        println!("| {id} | {} | {} | {} |", len(&s), len(&moved(&s, false)?), len(&moved(&s, true)?));
    }
    Ok(())
}
