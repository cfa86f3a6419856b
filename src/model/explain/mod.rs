//! Explanations: the derivation of any figure of an estimate as a tree of [`Node`]s, each
//! with its figure, unit, formula and children, down to the inputs (by field path), the
//! price-book entries (with source, date, confirmation and override) and the model's
//! constants.
//!
//! A figure is named by a target id, its camelCase path in the serialized estimate:
//! `totals.monthlyCostCents`, `sizing.instancesAtPeak`, `sizing.firestore.readsPerMonth`;
//! a bill line by `lines.<product>.<label as a slug>` ([`line_ids`]), a finding by
//! `findings.<code>`, a cohort's allocation by `customers.<index>`. [`targets`] lists them.
//! Money figures are in USD.
//!
//! ```
//! use headroom::model::{evaluate, explain::explain, preset};
//! let s = preset("week9-baseline").unwrap();
//! let x = explain(&s, "lines.egress.internet-egress-premium-first-tier").unwrap();
//! assert_eq!(x.root.figure, Some(44.70)); // 400 GB = 372.5 GiB at 0.12 USD
//! assert_eq!(x.root.children.len(), 2); // the quantity and the unit price
//! ```

mod allocation;
mod findings;
mod lines;
mod node;
mod sizing;
mod totals;

use serde::Serialize;

use super::error::Error;
use super::estimate::evaluate;
use super::pricebook::quoted;
use super::scenario::Scenario;
pub use lines::line_ids;
use node::Ctx;
pub use node::{Node, Source};

/// The explanation of one figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Explain.ts"))]
pub struct Explanation {
    /// The target id explained.
    pub target: String,
    /// The figure's derivation: its root is the figure itself.
    pub root: Node,
}

/// Every target id of `ctx`'s estimate, in page order (see [`targets`]).
fn target_ids(ctx: &Ctx, ids: &[String]) -> Vec<String> {
    let e = ctx.estimate;
    let totals = totals::TOTALS.iter().filter(|t| totals::explain_total(ctx, ids, t).is_some());
    let mut out: Vec<String> = totals.map(|t| format!("totals.{t}")).collect();
    out.extend(ids.iter().cloned());
    let sized = sizing::FIGURES.iter().filter(|f| sizing::estimate_value(ctx, f.0).is_some());
    out.extend(sized.map(|f| format!("sizing.{}", f.0)));
    out.extend(e.findings.iter().map(|f| format!("findings.{}", f.code)));
    out.extend((0..e.customers.len()).map(|i| format!("customers.{i}")));
    out
}

/// The root of `target`'s explanation, `None` when the estimate has no such figure.
fn explain_in(ctx: &Ctx, ids: &[String], target: &str) -> Option<Node> {
    let e = ctx.estimate;
    let (kind, rest) = target.split_once('.').unwrap_or((target, ""));
    match kind {
        "totals" => totals::explain_total(ctx, ids, rest),
        "lines" => ids.iter().position(|id| id == target).and_then(|at| lines::explain_line(ctx, ids, at)),
        "sizing" => sizing::explain(ctx, rest),
        "findings" => e.findings.iter().find(|f| f.code == rest).and_then(|f| findings::explain(ctx, f)),
        "customers" => rest.parse().ok().and_then(|i| allocation::explain(ctx, i)),
        _ => None,
    }
}

/// Evaluates the scenario once and calls `f` with what explanations read and the line ids.
fn with_ctx<T>(scenario: &Scenario, f: impl FnOnce(&Ctx, &[String]) -> T) -> Result<T, Error> {
    let estimate = evaluate(scenario)?;
    let (book, prices) = scenario.priced()?;
    let ctx = Ctx { scenario, book, prices: &prices, estimate: &estimate };
    Ok(f(&ctx, &line_ids(&estimate.line_items)))
}

/// Every target id of the scenario's estimate, in page order: headline figures, bill lines,
/// sizing figures, findings and allocations. Those with no figure (say, a percentile when
/// saturated, a margin without revenue) are left out.
///
/// # Errors
/// Those of [`evaluate`].
///
/// ```
/// let s = headroom::model::preset("phase1-3-customers").unwrap();
/// let ids = headroom::model::explain::targets(&s).unwrap();
/// assert!(ids.contains(&"totals.monthlyCostCents".to_string()));
/// assert!(ids.contains(&"sizing.latencyP95Ms".to_string()));
/// assert!(ids.contains(&"customers.2".to_string()));
/// ```
pub fn targets(scenario: &Scenario) -> Result<Vec<String>, Error> {
    with_ctx(scenario, target_ids)
}

/// The explanation of every target (see [`targets`]), in the same order, from one evaluation.
///
/// # Errors
/// Those of [`evaluate`].
///
/// ```
/// let s = headroom::model::preset("week9-baseline").unwrap();
/// let all = headroom::model::explain::explain_all(&s).unwrap();
/// let ids: Vec<String> = all.iter().map(|x| x.target.clone()).collect();
/// assert_eq!(ids, headroom::model::explain::targets(&s).unwrap());
/// ```
pub fn explain_all(scenario: &Scenario) -> Result<Vec<Explanation>, Error> {
    with_ctx(scenario, |ctx, ids| {
        let explained = target_ids(ctx, ids).into_iter().filter_map(|target| {
            let root = explain_in(ctx, ids, &target)?;
            Some(Explanation { target, root })
        });
        explained.collect()
    })
}

/// The derivation of the figure `target` (see [`targets`]) of the scenario's estimate.
///
/// # Errors
/// Those of [`evaluate`]; a target that names no figure of this estimate (`target`, its id
/// and what is allowed).
///
/// ```
/// use headroom::model::{explain::{Source, explain}, preset};
/// let s = preset("week9-baseline").unwrap();
/// let x = explain(&s, "sizing.capacityQps").unwrap();
/// assert!((x.root.figure.unwrap() - 1_000.0).abs() < 1e-9); // 10 instances of 100 QPS
/// let utilisation = &x.root.children[1];
/// assert_eq!(utilisation.source, Source::Input { path: "cloudRun.targetUtilization".into() });
/// assert!(explain(&s, "sizing.nope").unwrap_err().to_string().starts_with("target = \"sizing.nope\""));
/// ```
pub fn explain(scenario: &Scenario, target: &str) -> Result<Explanation, Error> {
    let root = with_ctx(scenario, |ctx, ids| explain_in(ctx, ids, target))?;
    let allowed = "an id that targets() lists, e.g. totals.monthlyCostCents or sizing.instancesAtPeak";
    let root = root.ok_or_else(|| Error::single("target", quoted(target), allowed))?;
    Ok(Explanation { target: target.into(), root })
}
