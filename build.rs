//! Embeds the price books in `pricebooks/*.json` as Rust data, so the library ships no JSON
//! parser. The ids of the books must agree; each becomes a `PriceId` variant.

use std::{env, fmt::Write as _, fs, path::Path};

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Book {
    id: String,
    title: String,
    seen: String,
    notes: String,
    prices: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    id: String,
    label: String,
    unit: String,
    value: f64,
    source: String,
    seen: String,
    confirmed: bool,
    #[serde(default)]
    note: String,
}

fn variant(id: &str) -> String {
    let mut chars = id.chars();
    chars.next().map(|c| c.to_ascii_uppercase()).into_iter().chain(chars).collect()
}

fn read_books(dir: &Path) -> Vec<Book> {
    let mut paths: Vec<_> = fs::read_dir(dir)
        .expect("pricebooks/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = fs::read_to_string(p).expect("readable price book");
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        })
        .collect()
}

fn check_ids(books: &[Book]) -> Vec<String> {
    let ids: Vec<String> = books[0].prices.iter().map(|e| e.id.clone()).collect();
    for b in books {
        let these: Vec<&str> = b.prices.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(these, ids, "price book {} must list the same ids in the same order", b.id);
        for e in &b.prices {
            assert!(e.value.is_finite() && e.value >= 0.0, "{}: {} must be finite and >= 0", b.id, e.id);
            assert!(!e.source.is_empty(), "{}: {} needs a source", b.id, e.id);
        }
    }
    ids
}

fn main() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("pricebooks");
    println!("cargo::rerun-if-changed={}", dir.display());
    let books = read_books(&dir);
    assert!(!books.is_empty(), "at least one price book in pricebooks/");
    let ids = check_ids(&books);

    let mut out = String::new();
    out.push_str("/// Every price in a price book, by id (the JSON id is the camelCase name).\n");
    out.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]\npub enum PriceId {\n");
    for (id, e) in ids.iter().zip(&books[0].prices) {
        writeln!(out, "    /// {} ({}).\n    {},", e.label, e.unit, variant(id)).unwrap();
    }
    out.push_str("}\n\nimpl PriceId {\n    /// All ids, in price book order.\n");
    writeln!(out, "    pub const ALL: [PriceId; {}] = [", ids.len()).unwrap();
    for id in &ids {
        writeln!(out, "        PriceId::{},", variant(id)).unwrap();
    }
    out.push_str("    ];\n\n    /// The id as written in price books and overrides.\n    pub const fn as_str(self) -> &'static str {\n        match self {\n");
    for id in &ids {
        writeln!(out, "            PriceId::{} => {:?},", variant(id), id).unwrap();
    }
    out.push_str("        }\n    }\n}\n\n/// The embedded price books, the default first.\npub static BOOKS: &[PriceBook] = &[\n");
    for b in &books {
        writeln!(
            out,
            "    PriceBook {{ id: {:?}, title: {:?}, seen: {:?}, notes: {:?}, entries: &[",
            b.id, b.title, b.seen, b.notes
        )
        .unwrap();
        for e in &b.prices {
            writeln!(
                out,
                "        PriceEntry {{ id: PriceId::{}, label: {:?}, unit: {:?}, value: {:?}, source: {:?}, seen: {:?}, confirmed: {}, note: {:?} }},",
                variant(&e.id), e.label, e.unit, e.value, e.source, e.seen, e.confirmed, e.note
            )
            .unwrap();
        }
        out.push_str("    ] },\n");
    }
    out.push_str("];\n");
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("pricebooks.rs"), out).unwrap();
}
