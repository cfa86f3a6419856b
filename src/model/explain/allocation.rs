//! A cohort's share of the month: the lines' pools by driver, split by the allocation rule's
//! weights with the largest remainder, and the negotiated discount in proportion.

use super::lines::{line_ids, line_link};
use super::node::{Ctx, Node, Op};
use crate::model::allocation::largest_remainder;
use crate::model::cost::Driver;
use crate::model::scenario::Allocation;

/// The input a cohort's usage weight for `driver` reads, per customer.
fn usage_field(driver: Driver) -> &'static str {
    match driver {
        Driver::Requests => "profile.avgQps",
        Driver::Reads => "profile.firestoreReadsPerDay",
        Driver::Writes => "profile.firestoreWritesPerDay",
        Driver::Deletes => "profile.firestoreDeletesPerDay",
        Driver::Storage => "profile.storedGb",
        Driver::Egress => "profile.egressGbPerMonth",
    }
}

/// Every cohort's weight for `driver` under the scenario's rule, as nodes (customer counts
/// when the rule's weights are all zero).
fn weights(ctx: &Ctx, driver: Driver) -> Vec<Node> {
    let s = ctx.scenario;
    let count = |i: usize| ctx.input(&format!("customers[{i}].count"));
    let by = |field: &str| -> Vec<Node> {
        (0..s.customers.len())
            .map(|i| {
                let per = ctx.input(&format!("customers[{i}].{field}"));
                Node::op(format!("Weight of {}", s.customers[i].name), "", Op::Product, vec![per, count(i)])
            })
            .collect()
    };
    let w = match s.allocation {
        Allocation::Equal => vec![],
        Allocation::ByAcv => by("profile.acvUsd"),
        Allocation::ByUsage => by(usage_field(driver)),
    };
    if w.iter().any(|n| n.value() > 0.0) { w } else { (0..s.customers.len()).map(count).collect() }
}

/// The explanation of cohort `i`'s allocation.
pub(crate) fn explain(ctx: &Ctx, i: usize) -> Option<Node> {
    let e = ctx.estimate;
    let cohort = e.customers.get(i)?;
    let ids = line_ids(&e.line_items);
    let by_usage = ctx.scenario.allocation == Allocation::ByUsage;
    let drivers = [Driver::Requests, Driver::Reads, Driver::Writes, Driver::Deletes, Driver::Storage, Driver::Egress];
    let mut parts = Vec::new();
    let mut before = vec![0_i64; e.customers.len()];
    for driver in drivers {
        let lines: Vec<(usize, _)> = e
            .line_items
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.is_negotiated() && (!by_usage || l.driver == driver))
            .collect();
        let pool: i64 = lines.iter().map(|(_, l)| l.amount_cents).sum();
        if pool == 0 || (!by_usage && driver != Driver::Requests) {
            continue;
        }
        let w = weights(ctx, driver);
        let shares = largest_remainder(pool, &w.iter().map(Node::value).collect::<Vec<_>>());
        before.iter_mut().zip(&shares).for_each(|(b, s)| *b += s);
        let links = lines.iter().map(|&(k, l)| line_link(&ids[k], l));
        let pool_node = Node::op("Lines to share", "USD", Op::Sum, links.collect());
        let total = Node::op("All cohorts' weights", "", Op::Sum, w.clone());
        let label = if by_usage {
            format!("Share of the {driver:?} lines").to_lowercase()
        } else {
            "Share of the lines".into()
        };
        let formula =
            "lines × this cohort's weight ÷ all weights, to the cent by largest remainder (the parts add up exactly)";
        let node = Node::derived(capitalise(&label), "USD", formula, shares[i] as f64 / 100.0);
        parts.push(node.with(vec![pool_node, w[i].clone(), total]));
    }
    if let Some((k, l)) = e.line_items.iter().enumerate().find(|(_, l)| l.is_negotiated()) {
        let share = largest_remainder(l.amount_cents, &before.iter().map(|&b| b as f64).collect::<Vec<_>>())[i];
        let formula = "the negotiated discount split in proportion to each cohort's share of the other lines";
        let link = line_link(&ids[k], l);
        parts.push(
            Node::derived("Share of the negotiated discount", "USD", formula, share as f64 / 100.0).with(vec![link]),
        );
    }
    let rule = ctx.input("allocation");
    let label = format!("Allocated to {}", cohort.name);
    let mut root = Node::op(label, "USD", Op::Sum, parts);
    root.children.insert(0, Node { figure: None, ..rule });
    Some(root)
}

fn capitalise(text: &str) -> String {
    let mut c = text.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}
