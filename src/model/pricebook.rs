//! Price books: dated lists of Google Cloud prices and free allowances, each with its unit,
//! source and the date it was seen. They are JSON files in `pricebooks/`, turned into Rust
//! data at build time; a scenario names its book and may override any entry.

use serde::Serialize;

use super::error::{Error, Problem};
use super::scenario::Overrides;
use super::text::Num;

include!(concat!(env!("OUT_DIR"), "/pricebooks.rs"));

/// One number in a price book: a unit price, a free allowance, a tier bound or a discount.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "PriceBook.ts"))]
pub struct PriceEntry {
    /// Which price this is.
    #[cfg_attr(test, ts(type = "string"))]
    pub id: PriceId,
    /// What it prices, for people.
    pub label: &'static str,
    /// The unit of `value`, e.g. "USD per GiB" or "GiB per month".
    pub unit: &'static str,
    /// The number, finite and >= 0.
    pub value: f64,
    /// Where it was read.
    pub source: &'static str,
    /// When it was seen (year, month or "current").
    pub seen: &'static str,
    /// False when no official page text was seen for the number.
    pub confirmed: bool,
    /// A caveat, or empty.
    pub note: &'static str,
}

/// A price id is written as its id text, e.g. `"runRequests"`.
impl Serialize for PriceId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A dated price book.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "PriceBook.ts"))]
pub struct PriceBook {
    /// Id a scenario names, e.g. `gcp-us-central1-2026-11`.
    pub id: &'static str,
    /// What the book covers.
    pub title: &'static str,
    /// Date the book was put together, `YYYY-MM-DD`.
    pub seen: &'static str,
    /// How the numbers were gathered.
    pub notes: &'static str,
    /// One entry for every [`PriceId`], in [`PriceId::ALL`] order.
    pub entries: &'static [PriceEntry],
}

impl PriceBook {
    /// The embedded book with this id.
    ///
    /// # Errors
    /// Names the field `priceBook` and lists the known ids when there is none.
    ///
    /// ```
    /// use headroom::model::{PriceBook, PriceId};
    /// let book = PriceBook::find("gcp-us-central1-2026-11").unwrap();
    /// assert_eq!(book.entry(PriceId::RunRequests).value, 0.40);
    /// assert!(PriceBook::find("nope").is_err());
    /// ```
    pub fn find(id: &str) -> Result<&'static PriceBook, Error> {
        BOOKS.iter().find(|b| b.id == id).ok_or_else(|| {
            let known: Vec<&str> = BOOKS.iter().map(|b| b.id).collect();
            Error::single("priceBook", quoted(id), format!("one of {}", known.join(", ")))
        })
    }

    /// The entry for `id`.
    ///
    /// ```
    /// use headroom::model::{PriceBook, PriceId};
    /// let e = PriceBook::find("gcp-us-central1-2026-11").unwrap().entry(PriceId::RunInstanceMemory);
    /// assert_eq!((e.unit, e.confirmed), ("USD per GiB-second", false));
    /// ```
    pub fn entry(&self, id: PriceId) -> &'static PriceEntry {
        &self.entries[id as usize]
    }
}

impl PriceId {
    /// The id written `text` in a price book or an override, if any.
    ///
    /// ```
    /// use headroom::model::PriceId;
    /// assert_eq!(PriceId::from_id("egressPremiumTier1"), Some(PriceId::EgressPremiumTier1));
    /// assert_eq!(PriceId::from_id("EgressPremiumTier1"), None);
    /// ```
    pub fn from_id(text: &str) -> Option<PriceId> {
        PriceId::ALL.into_iter().find(|id| id.as_str() == text)
    }
}

/// Upper bound on any price or override value.
pub const MAX_PRICE_VALUE: f64 = 1e9;

/// The numbers a scenario is priced with: its book, with its overrides applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Prices {
    values: [f64; PriceId::ALL.len()],
    /// Per price: the book marks it confirmed, or the user overrode it (an override is the
    /// user's own price, so it counts as confirmed).
    confirmed: [bool; PriceId::ALL.len()],
}

impl Prices {
    /// The book's values with `overrides` (price id to value) applied.
    ///
    /// # Errors
    /// One problem per unknown id (`priceOverrides.<id>`). The values' bounds (finite, 0 to
    /// [`MAX_PRICE_VALUE`]) are the field table's, checked by validation.
    ///
    /// ```
    /// use headroom::model::{Overrides, PriceBook, PriceId, Prices};
    /// let book = PriceBook::find("gcp-us-central1-2026-11").unwrap();
    /// let mut overrides = Overrides::default();
    /// overrides.set("runRequests", 0.5);
    /// let prices = Prices::resolve(book, &overrides).unwrap();
    /// assert_eq!(prices.get(PriceId::RunRequests), 0.5);
    /// ```
    pub fn resolve(book: &PriceBook, overrides: &Overrides) -> Result<Prices, Error> {
        let mut values = [0.0; PriceId::ALL.len()];
        let mut confirmed = [false; PriceId::ALL.len()];
        for ((slot, sure), entry) in values.iter_mut().zip(&mut confirmed).zip(book.entries) {
            (*slot, *sure) = (entry.value, entry.confirmed);
        }
        let mut problems = Vec::new();
        for (key, value) in overrides.iter() {
            let path = format!("priceOverrides.{key}");
            match PriceId::from_id(key) {
                None => problems.push(Problem::new(path, Num(value).to_string(), "a price id of the book")),
                Some(id) => (values[id as usize], confirmed[id as usize]) = (value, true),
            }
        }
        match Error::from_problems(problems) {
            Some(e) => Err(e),
            None => Ok(Prices { values, confirmed }),
        }
    }

    /// The value in force for `id`, in the entry's unit.
    pub fn get(&self, id: PriceId) -> f64 {
        self.values[id as usize]
    }

    /// True when the value in force for `id` is confirmed: the book's entry is marked
    /// confirmed, or the scenario overrides it (the user's own price).
    ///
    /// ```
    /// use headroom::model::{Overrides, PriceBook, PriceId, Prices};
    /// let book = PriceBook::find("gcp-us-central1-2026-11").unwrap();
    /// let mut overrides = Overrides::default();
    /// assert!(!Prices::resolve(book, &overrides).unwrap().is_confirmed(PriceId::ArmorRequests));
    /// overrides.set("armorRequests", 0.75);
    /// assert!(Prices::resolve(book, &overrides).unwrap().is_confirmed(PriceId::ArmorRequests));
    /// ```
    pub fn is_confirmed(&self, id: PriceId) -> bool {
        self.confirmed[id as usize]
    }
}

/// `text` in double quotes, for messages (no escaping: messages are shown as text).
pub(crate) fn quoted(text: &str) -> String {
    format!("\"{text}\"")
}
