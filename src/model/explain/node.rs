//! The explanation's tree: nodes that compute their figure from their children, and the
//! leaves (inputs, prices, constants, other figures) the computation starts from.

use serde::Serialize;

use super::super::pricebook::{PriceBook, PriceId, Prices};
use super::super::scenario::Scenario;
use super::super::{FieldPath, FieldValue};

/// Where a node's figure comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Explain.ts"))]
pub enum Source {
    /// Computed from the children by the node's formula.
    Derived,
    /// A scenario input, at its field path (e.g. `cloudRun.vcpu`, `customers[0].profile.peakQps`).
    Input {
        /// The concrete field path, known to the field table.
        path: String,
    },
    /// A price-book entry: the figure is the value in force (the override when there is one).
    Price {
        /// The price id, e.g. `runRequests`.
        #[cfg_attr(test, ts(type = "string"))]
        id: PriceId,
        /// The book's id.
        book: String,
        /// The book's value, in the entry's unit.
        #[serde(rename = "bookValue")]
        book_value: f64,
        /// Where the book read it: a URL (maybe with notes) or the catalogue quoted.
        source: String,
        /// When it was seen.
        seen: String,
        /// False when no official page text was seen for it (an override counts as confirmed).
        confirmed: bool,
        /// The scenario's override of it, if any.
        #[serde(rename = "override")]
        overridden: Option<f64>,
    },
    /// A fixed number of the model (e.g. 730 hours a month) and why.
    Constant {
        /// Where the number comes from.
        note: String,
    },
    /// Another explained figure: its target id (see [`targets`](super::targets)).
    Figure {
        /// The target id.
        id: String,
    },
}

/// One step of a derivation: a figure, how it is computed and from what.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Explain.ts"))]
pub struct Node {
    /// What the figure is, for people.
    pub label: String,
    /// The figure, in `unit`; `None` when there is none (say, a percentile when saturated).
    pub figure: Option<f64>,
    /// The unit of `figure` (e.g. `USD`, `GiB`, `QPS`), or empty.
    pub unit: String,
    /// How the figure follows from the children, in words; empty for a leaf.
    pub formula: String,
    /// Where the figure comes from.
    pub source: Source,
    /// The figures it is computed from.
    pub children: Vec<Node>,
}

impl Node {
    /// A node computed elsewhere from `children` by `formula`.
    pub(crate) fn derived(label: impl Into<String>, unit: &str, formula: impl Into<String>, figure: f64) -> Node {
        let figure = figure.is_finite().then_some(figure);
        Node {
            label: label.into(),
            figure,
            unit: unit.into(),
            formula: formula.into(),
            source: Source::Derived,
            children: vec![],
        }
    }

    /// A fixed number of the model, with where it comes from.
    pub(crate) fn constant(label: &str, figure: f64, unit: &str, note: &str) -> Node {
        let source = Source::Constant { note: note.into() };
        Node { source, ..Node::derived(label, unit, "", figure) }
    }

    /// A link to another target's explanation, showing its figure.
    pub(crate) fn figure(id: impl Into<String>, label: &str, unit: &str, figure: Option<f64>) -> Node {
        let source = Source::Figure { id: id.into() };
        Node { source, figure, ..Node::derived(label, unit, "", 0.0) }
    }

    /// The node with `children`.
    pub(crate) fn with(mut self, children: Vec<Node>) -> Node {
        self.children = children;
        self
    }

    /// The node down to `levels` levels (1: itself alone), deeper children left out.
    pub fn pruned(mut self, levels: usize) -> Node {
        if levels <= 1 {
            self.children.clear();
        } else {
            self.children = self.children.into_iter().map(|c| c.pruned(levels - 1)).collect();
        }
        self
    }

    /// The figure, NaN when there is none.
    pub(crate) fn value(&self) -> f64 {
        self.figure.unwrap_or(f64::NAN)
    }

    /// The figure computed from `children` by `op`; the formula names them. A sum of more than
    /// [`MAX_TERMS`] shows the first ones and folds the rest into one node (their sum), so a
    /// scenario of many cohorts keeps a small tree.
    pub(crate) fn op(label: impl Into<String>, unit: &str, op: Op, mut children: Vec<Node>) -> Node {
        if op == Op::Sum && children.len() > MAX_TERMS {
            let rest = children.split_off(MAX_TERMS - 1);
            let sum = rest.iter().map(Node::value).sum();
            children.push(Node::derived(format!("{} more", rest.len()), unit, "their sum", sum));
        }
        let values = children.iter().map(Node::value);
        let figure = match op {
            Op::Product => values.product(),
            Op::Sum => values.sum(),
            Op::Min => values.fold(f64::INFINITY, f64::min),
            Op::Max => values.fold(f64::NEG_INFINITY, f64::max),
            Op::Quotient => children[0].value() / children[1].value(),
            Op::Difference => children[0].value() - children[1].value(),
        };
        let names: Vec<&str> = children.iter().map(|c| c.label.as_str()).collect();
        let formula = match op {
            Op::Product => names.join(" × "),
            Op::Sum => names.join(" + "),
            Op::Min => format!("the smaller of {}", names.join(" and ")),
            Op::Max => format!("the larger of {}", names.join(" and ")),
            Op::Quotient => format!("{} ÷ {}", names[0], names[1]),
            Op::Difference => format!("{} − {}", names[0], names[1]),
        };
        Node::derived(label, unit, formula, figure).with(children)
    }
}

/// The most terms a sum shows one by one (see [`Node::op`]).
pub(crate) const MAX_TERMS: usize = 12;

/// How [`Node::op`] combines its children.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    /// All multiplied.
    Product,
    /// All added.
    Sum,
    /// The smallest.
    Min,
    /// The largest.
    Max,
    /// The first over the second.
    Quotient,
    /// The first less the second.
    Difference,
}

/// What explanations read: the scenario, its prices and its estimate.
pub(crate) struct Ctx<'a> {
    pub(crate) scenario: &'a Scenario,
    pub(crate) book: &'static PriceBook,
    pub(crate) prices: &'a Prices,
    pub(crate) estimate: &'a super::super::Estimate,
}

impl Ctx<'_> {
    /// The scenario's input at `path` (a number, or 1/0 for a switch), labelled as the field
    /// table labels it.
    pub(crate) fn input(&self, path: &str) -> Node {
        let (label, unit) = FieldPath::parse(path).map_or(("", ""), |p| (p.field.label, p.field.unit));
        let figure = match self.scenario.get(path) {
            Ok(FieldValue::Number(x)) => x,
            Ok(FieldValue::Bool(b)) => f64::from(u8::from(b)),
            _ => f64::NAN,
        };
        let source = Source::Input { path: path.into() };
        Node { source, ..Node::derived(label, unit, "", figure) }
    }

    /// The price-book entry `id` in force, in the entry's unit.
    pub(crate) fn price(&self, id: PriceId) -> Node {
        let entry = self.book.entry(id);
        let overridden = self.scenario.price_overrides.get(id.as_str());
        let source = Source::Price {
            id,
            book: self.book.id.into(),
            book_value: entry.value,
            source: entry.source.into(),
            seen: entry.seen.into(),
            confirmed: self.prices.is_confirmed(id),
            overridden,
        };
        Node { source, ..Node::derived(entry.label, entry.unit, "", self.prices.get(id)) }
    }

    /// A link to the sizing figure `field` (its camelCase path under `sizing.`).
    pub(crate) fn sizing(&self, field: &str) -> Node {
        let (label, unit, figure) = super::sizing::reference(self, field);
        Node::figure(format!("sizing.{field}"), label, unit, figure)
    }
}
