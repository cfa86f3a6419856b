//! headroom: a capacity and cost planner for software companies on Google Cloud.
//!
//! [`model`] holds the sizing and cost model in plain Rust; the WebAssembly bindings (built
//! only for `wasm32`) convert, call the model and convert back.

pub mod model;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
