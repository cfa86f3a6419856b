//! Findings: the figure each compares, its threshold, and where both come from.

use super::node::{Ctx, Node, Op};
use crate::model::cost::{Component, total_without_cdn};
use crate::model::findings::{Finding, Severity};

const FIRESTORE_RAMP: &str = "Firestore's 500/50/5 rule: a new collection starts at 500 operations a second (https://cloud.google.com/firestore/docs/best-practices)";

fn constant(label: &str, figure: f64, unit: &str, note: &str) -> Node {
    Node::constant(label, figure, unit, note)
}

fn peak_ops(ctx: &Ctx, label: &str, field: &str) -> Node {
    super::sizing::peak_ops(ctx, label, field)
}

fn yes(ctx: &Ctx, label: &str, paths: [&str; 2]) -> Node {
    Node::derived(label, "", "1 when both settings hold, else 0", 1.0)
        .with(paths.iter().map(|p| ctx.input(p)).collect())
}

/// The figure and threshold of `f`, with where each comes from; `None` for a code the model
/// does not make.
fn parts(ctx: &Ctx, f: &Finding) -> Option<(Node, Node)> {
    let link = |field: &str| ctx.sizing(field);
    let s = &ctx.estimate.sizing;
    let input = |path: &str| ctx.input(path);
    Some(match f.code {
        "capacity-at-max-instances" => {
            let at = if f.severity == Severity::Critical { "saturationQps" } else { "capacityQps" };
            (link("originPeakQps"), link(at))
        }
        "p95-latency" if s.latency_p95_ms.is_none() => {
            let busy = Node::op(
                "Busy at peak",
                "% busy",
                Op::Product,
                vec![link("utilizationAtPeak"), constant("Percent", 100.0, "%", "")],
            );
            (busy, constant("Fully busy", 100.0, "% busy", "at 100% the queue grows without bound"))
        }
        "p95-latency" => (link("latencyP95Ms"), input("cloudRun.latencyTargetP95Ms")),
        "cold-start-exposure" => {
            let ms = Node::op(
                "Cold start",
                "ms",
                Op::Product,
                vec![input("cloudRun.coldStartS"), constant("ms per s", 1000.0, "", "")],
            );
            (ms, input("cloudRun.latencyTargetP95Ms"))
        }
        "firestore-ramp" => {
            let parts = vec![
                peak_ops(ctx, "Reads per second at peak", "firestoreReadsPerDay"),
                peak_ops(ctx, "Writes per second at peak", "firestoreWritesPerDay"),
                peak_ops(ctx, "Deletes per second at peak", "firestoreDeletesPerDay"),
            ];
            let sum = Node::op("Firestore operations per second at peak", "ops/s", Op::Sum, parts);
            (sum, constant("Ramp start", 500.0, "ops/s", FIRESTORE_RAMP))
        }
        "firestore-sequential-writes" => (
            peak_ops(ctx, "Writes per second at peak", "firestoreWritesPerDay"),
            constant(
                "Sequential-index limit",
                500.0,
                "writes/s",
                "about 500 writes a second to a collection with a sequentially indexed field (https://cloud.google.com/firestore/docs/best-practices)",
            ),
        ),
        "firestore-index-limit" => (
            input("firestore.compositeIndexes"),
            constant(
                "Index limit",
                1000.0,
                "indexes",
                "1,000 composite indexes per database (https://cloud.google.com/firestore/quotas)",
            ),
        ),
        "cdn-needs-global-lb" => (
            yes(ctx, "Cloud CDN behind a regional load balancer", ["network.cdn", "network.loadBalancer"]),
            constant(
                "Allowed",
                0.0,
                "",
                "Cloud CDN needs the global external Application Load Balancer (https://cloud.google.com/cdn/docs/overview)",
            ),
        ),
        "cdn-needs-premium-tier" => (
            yes(ctx, "Cloud CDN on the Standard tier", ["network.cdn", "network.tier"]),
            constant(
                "Allowed",
                0.0,
                "",
                "Cloud CDN needs the Premium network tier (https://cloud.google.com/network-tiers/docs/overview)",
            ),
        ),
        "cdn-costs-more-than-it-saves" | "cdn-saves" => {
            let cdn: Vec<Node> = ctx
                .estimate
                .line_items
                .iter()
                .zip(super::line_ids(&ctx.estimate.line_items))
                .filter(|(l, _)| l.component == Component::Cdn)
                .map(|(l, id)| super::lines::line_link(&id, l))
                .collect();
            let cdn = Node::op("Cloud CDN lines", "USD/month", Op::Sum, cdn);
            let without = total_without_cdn(ctx.scenario, ctx.prices) as f64 / 100.0;
            let without = Node::derived(
                "Monthly cost without Cloud CDN",
                "USD",
                "the scenario sized and priced again with Cloud CDN off",
                without,
            )
            .with(vec![input("network.cdn")]);
            let total = Node::figure(
                "totals.monthlyCostCents",
                "Monthly cost",
                "USD",
                Some(ctx.estimate.totals.monthly_cost_cents as f64 / 100.0),
            );
            let net = Node::op("What Cloud CDN saves, net", "USD/month", Op::Difference, vec![without, total]);
            let saved = Node::op("What the other lines drop by", "USD/month", Op::Sum, vec![cdn.clone(), net]);
            (cdn, saved)
        }
        "single-region" => (
            link("regions"),
            constant("Regions for redundancy", 2.0, "regions", "a regional outage is a full outage with one region"),
        ),
        "warm-instances" => (
            input("cloudRun.minInstances"),
            constant("Warm spare", 2.0, "instances", "one instance failing leaves no warm spare below 2"),
        ),
        "implied-response-size" => (
            link("impliedResponseKib"),
            constant("Plausible bound", f.threshold, "KiB", "responses of an API: 0.2 KiB to 512 KiB"),
        ),
        "cud-above-steady-usage" => {
            let c = ctx.estimate.commitment.as_ref()?;
            let steady = Node::derived(
                "Steady on-demand Cloud Run spend",
                "USD/hour",
                "the quietest stretch's on-demand spend, after the free tier",
                c.steady_usd_per_hour,
            );
            let committed = Node::op(
                "Committed spend",
                "USD/hour",
                Op::Product,
                vec![steady.clone(), input("discounts.cudCoverage")],
            );
            (committed, steady)
        }
        "gross-margin" => {
            let m = ctx.estimate.totals.gross_margin_pct;
            (
                Node::figure("totals.grossMarginPct", "Gross margin", "%", m),
                constant("SaaS benchmark", 75.0, "%", "SaaS companies aim at 75% gross margin or more"),
            )
        }
        _ => return None,
    })
}

/// The explanation of finding `f`: its figure against its threshold.
pub(crate) fn explain(ctx: &Ctx, f: &Finding) -> Option<Node> {
    let (figure, threshold) = parts(ctx, f)?;
    let formula = format!("the figure against the threshold: {:?}", f.severity).to_lowercase();
    let root = Node::derived(f.message.clone(), f.unit, formula, figure.value());
    Some(root.with(vec![figure, threshold]))
}
