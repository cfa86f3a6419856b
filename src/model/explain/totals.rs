//! The headline figures: the lines and discounts the month adds up, revenue, margin and the
//! figures per customer.

use super::lines::line_link;
use super::node::{Ctx, Node, Op};
use crate::model::allocation::monthly_revenue_cents;
use crate::model::cost::{Component, to_cents};
use crate::model::outputs::product;

fn cents(label: &str, cents: i64, formula: &str) -> Node {
    Node::derived(label, "USD", formula, cents as f64 / 100.0)
}

fn cost_sum(ctx: &Ctx, ids: &[String]) -> Node {
    let lines = &ctx.estimate.line_items;
    let parts = Component::ALL
        .into_iter()
        .filter_map(|c| {
            let links: Vec<Node> =
                lines.iter().zip(ids).filter(|(l, _)| l.component == c).map(|(l, id)| line_link(id, l)).collect();
            (!links.is_empty()).then(|| Node::op(product(c), "USD", Op::Sum, links))
        })
        .collect();
    Node::op("Monthly cost", "USD", Op::Sum, parts)
}

fn revenue_sum(ctx: &Ctx) -> Node {
    let parts = ctx
        .scenario
        .customers
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let formula = "ACV × customers ÷ 12, rounded to the cent";
            cents(&format!("Revenue of {}", c.name), monthly_revenue_cents(c), formula).with(vec![
                ctx.input(&format!("customers[{i}].profile.acvUsd")),
                ctx.input(&format!("customers[{i}].count")),
            ])
        })
        .collect();
    Node::op("Monthly revenue", "USD", Op::Sum, parts)
}

fn customers(ctx: &Ctx) -> Node {
    let counts = (0..ctx.scenario.customers.len()).map(|i| ctx.input(&format!("customers[{i}].count"))).collect();
    Node::op("Customers", "customers", Op::Sum, counts)
}

fn link(id: &str, label: &str, cents: i64) -> Node {
    Node::figure(id, label, "USD", Some(cents as f64 / 100.0))
}

/// The explanation of headline figure `field` (camelCase, under `totals.`).
pub(crate) fn explain_total(ctx: &Ctx, ids: &[String], field: &str) -> Option<Node> {
    let t = &ctx.estimate.totals;
    let cost = || link("totals.monthlyCostCents", "Monthly cost", t.monthly_cost_cents);
    let revenue = || link("totals.monthlyRevenueCents", "Monthly revenue", t.monthly_revenue_cents);
    let hundred = || Node::constant("Percent", 100.0, "%", "");
    Some(match field {
        "monthlyCostCents" => cost_sum(ctx, ids),
        "monthlyRevenueCents" => revenue_sum(ctx),
        "customerCount" => customers(ctx),
        "grossMarginPct" => {
            (t.monthly_revenue_cents > 0).then_some(())?;
            let margin = Node::op("Revenue less cost", "USD", Op::Difference, vec![revenue(), cost()]);
            let share = Node::op("Share of revenue", "share", Op::Quotient, vec![margin, revenue()]);
            Node::op("Gross margin", "%", Op::Product, vec![share, hundred()])
        }
        "costPctOfAcv" => {
            (t.monthly_revenue_cents > 0).then_some(())?;
            let share = Node::op(
                "Cost over revenue (a month, or a year over ACV)",
                "share",
                Op::Quotient,
                vec![cost(), revenue()],
            );
            Node::op("Cost as a percent of ACV", "%", Op::Product, vec![share, hundred()])
        }
        "costPerCustomerCents" => {
            let n = Node::figure("totals.customerCount", "Customers", "customers", Some(t.customer_count as f64));
            let each = to_cents(t.monthly_cost_cents as f64 / 100.0 / n.value());
            (t.customer_count > 0).then_some(())?;
            cents("Monthly cost per customer", each, "monthly cost ÷ customers, rounded to the cent")
                .with(vec![cost(), n])
        }
        "unallocatedCents" => {
            let allocated = (0..ctx.estimate.customers.len()).map(|i| {
                let c = &ctx.estimate.customers[i];
                link(&format!("customers.{i}"), &c.name, c.allocated_monthly_cents)
            });
            let allocated = Node::op("Allocated to cohorts", "USD", Op::Sum, allocated.collect());
            Node::op("Cost no customer carries", "USD", Op::Difference, vec![cost(), allocated])
        }
        _ => return None,
    })
}

/// Every headline figure explained, camelCase under `totals.`.
pub(crate) const TOTALS: [&str; 7] = [
    "monthlyCostCents",
    "monthlyRevenueCents",
    "grossMarginPct",
    "costPctOfAcv",
    "customerCount",
    "costPerCustomerCents",
    "unallocatedCents",
];
