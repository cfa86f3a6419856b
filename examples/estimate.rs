//! Prints the estimate for a preset as JSON: `cargo run --example estimate -- phase1-3-customers`.

fn main() {
    let id = std::env::args().nth(1).unwrap_or_else(|| "week9-baseline".into());
    match headroom::model::preset(&id).and_then(|s| headroom::model::evaluate(&s)) {
        Ok(estimate) => println!("{}", serde_json::to_string_pretty(&estimate).expect("estimates serialize")),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    }
}
