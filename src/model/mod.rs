//! The pure sizing and cost model: no WebAssembly, no I/O.
//!
//! [`evaluate`] takes a [`Scenario`] (customers, load, service shape, prices) and returns an
//! [`Estimate`]: the infrastructure the load needs, the monthly bill as line items in cents,
//! each customer cohort's share, margin, and the bottlenecks as findings.
//!
//! ```
//! let scenario = headroom::model::preset("phase1-3-customers").unwrap();
//! let estimate = headroom::model::evaluate(&scenario).unwrap();
//! assert_eq!(estimate.totals.customer_count, 3);
//! assert!(estimate.totals.monthly_cost_cents > 0);
//! ```

pub mod allocation;
pub mod compare;
pub mod contention;
pub mod cost;
pub mod currency;
pub mod deal;
mod error;
mod estimate;
pub mod explain;
mod export;
mod fields;
pub mod findings;
pub mod growth;
mod link;
pub mod load;
mod migrate;
pub mod money;
pub mod outputs;
mod planner;
mod presets;
mod pricebook;
pub mod queue;
mod ranges;
mod read;
pub mod sanity;
pub mod savings;
mod scenario;
pub mod sensitivity;
pub mod service;
pub mod sizing;
pub mod text;
pub mod timeline;
mod validate;

pub use error::{Error, Problem};
pub use estimate::{ComponentTotal, Estimate, MODEL_VERSION, Range, Totals, Unconfirmed, evaluate};
pub use export::{
    Assumption, BookRef, CsvTable, Export, Inert, Plain, export_csv, export_csv_tables, export_markdown, import_tree,
    refuse_duplicate_keys,
};
#[cfg(not(target_arch = "wasm32"))]
pub use export::{export_json, import_json};
pub use fields::{
    Change, Changed, Choice, DefaultValue, FIELDS, Field, FieldPath, FieldValue, KNOBS, Kind, LISTS, Leaf, List, Value,
};
#[cfg(all(target_arch = "wasm32", feature = "tools"))]
pub(crate) use link::write_pinned;
pub use link::{MAX_LINK_CHARS, MAX_PINNED_LINK_CHARS, read_pinned, read_scenario};
pub use outputs::Usd;
pub use planner::{Knobs, Planner, Update};
pub use presets::{preset, preset_ids};
pub use pricebook::{BOOKS, MAX_PRICE_VALUE, PriceBook, PriceEntry, PriceId, Prices};
pub use ranges::Bound;
pub use read::Tree;
pub use scenario::*;
