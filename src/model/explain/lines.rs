//! Bill lines: quantity × unit price, rounded to the cent.

use super::node::{Ctx, Node, Op};
use crate::model::cost::{Component, LineItem, to_cents};
use crate::model::load::{DAYS_PER_MONTH, HOURS_PER_MONTH};
use crate::model::pricebook::PriceId;
use crate::model::scenario::Billing;
use crate::model::sizing::BYTES_PER_GIB;

/// A component's id, as serialized (e.g. `cloudRun`).
pub(crate) fn component_id(c: Component) -> &'static str {
    match c {
        Component::CloudRun => "cloudRun",
        Component::Firestore => "firestore",
        Component::LoadBalancing => "loadBalancing",
        Component::Egress => "egress",
        Component::Cdn => "cdn",
        Component::Armor => "armor",
        Component::Redis => "redis",
        Component::Observability => "observability",
        Component::Fixed => "fixed",
        Component::Discount => "discount",
    }
}

/// A label's stable part as an id: lowercase letters and digits joined by `-`, up to the first
/// ` (` (so "Negotiated discount (10%)" stays `negotiated-discount` as the percent moves).
fn slug(label: &str) -> String {
    let stable = label.split(" (").next().unwrap_or(label);
    let mut out = String::with_capacity(stable.len());
    for c in stable.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Each line's target id, in bill order: `lines.<product>.<label as a slug>`, with `-2`, `-3`,
/// … after a label met before (two fixed lines of the same name).
///
/// ```
/// let e = headroom::model::evaluate(&headroom::model::preset("week9-baseline").unwrap()).unwrap();
/// let ids = headroom::model::explain::line_ids(&e.line_items);
/// assert_eq!(ids[0], "lines.cloudRun.cloud-run-cpu-active");
/// ```
pub fn line_ids(lines: &[LineItem]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::with_capacity(lines.len());
    for l in lines {
        let base = format!("lines.{}.{}", component_id(l.component), slug(&l.label));
        let seen = ids.iter().filter(|id| id.as_str() == base || id.starts_with(&format!("{base}-"))).count();
        ids.push(if seen == 0 { base } else { format!("{base}-{}", seen + 1) });
    }
    ids
}

fn constant(label: &str, figure: f64, unit: &str) -> Node {
    Node::constant(label, figure, unit, "unit conversion")
}

fn hours_a_month() -> Node {
    Node::constant("Hours a month", HOURS_PER_MONTH, "h", "Google bills a month as 730 hours")
}

fn per(ctx: &Ctx, field: &str, by: f64, unit: &str) -> Node {
    let link = ctx.sizing(field);
    let label = format!("{} ({unit})", link.label);
    Node::op(label, unit, Op::Quotient, vec![link, constant(unit, by, "")])
}

/// The tier bounds of a tiered charge: the prices that end its first and second tiers.
fn tier_bounds(label: &str) -> Option<[PriceId; 2]> {
    use PriceId::*;
    Some(if label.starts_with("Internet egress, Premium") {
        [EgressPremiumTier1UpTo, EgressPremiumTier2UpTo]
    } else if label.starts_with("Internet egress, Standard") {
        [EgressStandardTier1UpTo, EgressStandardTier2UpTo]
    } else if label.starts_with("Cloud CDN cache egress") {
        [CdnEgressTier1UpTo, CdnEgressTier2UpTo]
    } else if label.starts_with("Cloud Monitoring metrics,") {
        [MetricsTier1UpTo, MetricsTier2UpTo]
    } else {
        return None;
    })
}

/// The part of `total` in tier `k` (0, 1, 2) between the bounds `ends`.
fn tier_part(ctx: &Ctx, total: Node, k: usize, ends: [PriceId; 2]) -> Node {
    let first = ctx.prices.get(ends[0]);
    let bounds = [0.0, first, ctx.prices.get(ends[1]).max(first), f64::INFINITY];
    let (start, end) = (bounds[k], bounds[k + 1]);
    let figure = (total.value().min(end) - start).max(0.0);
    let formula = "the part of the month's quantity between the tier's start and end";
    let mut children = vec![total];
    children.extend(ends.iter().take(k + 1).skip(k.saturating_sub(1)).map(|&id| ctx.price(id)));
    Node::derived("Quantity in this tier", "", formula, figure).with(children)
}

/// The month's quantity before a tiered line splits it, and its tier.
fn tiered_total(ctx: &Ctx, label: &str) -> Node {
    let cacheable = if ctx.scenario.network.cdn {
        ctx.input("network.cdnCacheableShare")
    } else {
        Node::constant("Cacheable share", 0.0, "share", "Cloud CDN is off")
    };
    if label.starts_with("Internet egress") {
        let one = Node::constant("All responses", 1.0, "share", "");
        let rest = Node::op("Share not cacheable", "share", Op::Difference, vec![one, cacheable]);
        Node::op("Internet egress from the origin", "GiB", Op::Product, vec![ctx.sizing("egressGibPerMonth"), rest])
    } else if label.starts_with("Cloud CDN") {
        Node::op("Cacheable egress", "GiB", Op::Product, vec![ctx.sizing("egressGibPerMonth"), cacheable])
    } else {
        ctx.input("operations.metricsMibPerMonth")
    }
}

fn free(used: Node, allowance: Node) -> Node {
    let unit = used.unit.clone();
    Node::op("Quantity the free allowance covers", &unit, Op::Min, vec![used, allowance])
}

fn run_seconds(ctx: &Ctx, hours: &str, per: &str) -> Node {
    let s = Node::constant("Seconds an hour", 3600.0, "s", "");
    Node::op("Quantity", "", Op::Product, vec![ctx.sizing(hours), s, ctx.input(per)])
}

/// The quantity of a priced line with its formula; `None` for a label the model does not make.
fn quantity(ctx: &Ctx, line: &LineItem) -> Option<Node> {
    use PriceId::*;
    let s = ctx.scenario;
    // The active lines name the rounding rule after their label: "Cloud Run CPU, active (…)".
    let label = match line.label.as_ref() {
        l if l.starts_with("Cloud Run CPU, active") => "Cloud Run CPU, active",
        l if l.starts_with("Cloud Run memory, active") => "Cloud Run memory, active",
        l if l.starts_with("Cloud Armor requests (edge") => "Cloud Armor requests, edge",
        l if l.starts_with("Cloud Armor requests") => "Cloud Armor requests",
        l => l,
    };
    let instance = s.cloud_run.billing == Billing::Instance;
    let hours = if instance { "instanceHoursPerMonth" } else { "activeInstanceHoursPerMonth" };
    let fs_free = |field: &str, id: PriceId, used_unit: &str| {
        let per_month = Node::op(
            "Free a month",
            used_unit,
            Op::Product,
            vec![
                ctx.price(id),
                Node::constant("Days a month", DAYS_PER_MONTH, "days", "730 hours"),
                constant("per 100,000", 1e-5, ""),
            ],
        );
        free(per(ctx, field, 1e5, used_unit), per_month)
    };
    let stored = || ctx.sizing("firestore.storedGib");
    let requests = || ctx.sizing("requestsPerMonth");
    let origin = || ctx.sizing("originShare");
    let log_gib = || {
        Node::op(
            "Logs a month",
            "GiB",
            Op::Product,
            vec![
                requests(),
                ctx.input("operations.logBytesPerRequest"),
                constant("GiB per byte", 1.0 / BYTES_PER_GIB, ""),
            ],
        )
    };
    Some(match label {
        "Cloud Run CPU, active" | "Cloud Run CPU, instance-based" => run_seconds(ctx, hours, "cloudRun.vcpu"),
        "Cloud Run memory, active" | "Cloud Run memory, instance-based" => {
            run_seconds(ctx, hours, "cloudRun.memoryGib")
        }
        "Cloud Run CPU, idle min instances" => run_seconds(ctx, "idleMinInstanceHoursPerMonth", "cloudRun.vcpu"),
        "Cloud Run CPU, instances starting" => run_seconds(ctx, "startingInstanceHoursPerMonth", "cloudRun.vcpu"),
        "Cloud Run memory, instances starting" => {
            run_seconds(ctx, "startingInstanceHoursPerMonth", "cloudRun.memoryGib")
        }
        "Cloud Run memory, idle min instances" => {
            run_seconds(ctx, "idleMinInstanceHoursPerMonth", "cloudRun.memoryGib")
        }
        "Cloud Run requests" => per(ctx, "originRequestsPerMonth", 1e6, "million requests"),
        "Cloud Run free tier, CPU" => {
            let id = if instance { RunFreeInstanceCpu } else { RunFreeRequestCpu };
            free(run_seconds(ctx, hours, "cloudRun.vcpu"), ctx.price(id))
        }
        "Cloud Run free tier, memory" => {
            let id = if instance { RunFreeInstanceMemory } else { RunFreeRequestMemory };
            free(run_seconds(ctx, hours, "cloudRun.memoryGib"), ctx.price(id))
        }
        "Cloud Run free tier, requests" => {
            let allowance = Node::op(
                "Free requests",
                "million requests",
                Op::Quotient,
                vec![ctx.price(RunFreeRequests), constant("per million", 1e6, "")],
            );
            free(per(ctx, "originRequestsPerMonth", 1e6, "million requests"), allowance)
        }
        "Firestore document reads" => per(ctx, "firestore.readsPerMonth", 1e5, "100,000 reads"),
        "Firestore document writes" => per(ctx, "firestore.writesPerMonth", 1e5, "100,000 writes"),
        "Firestore document deletes" => per(ctx, "firestore.deletesPerMonth", 1e5, "100,000 deletes"),
        "Firestore free quota, reads" => fs_free("firestore.readsPerMonth", FirestoreFreeReads, "100,000 reads"),
        "Firestore free quota, writes" => fs_free("firestore.writesPerMonth", FirestoreFreeWrites, "100,000 writes"),
        "Firestore free quota, deletes" => {
            fs_free("firestore.deletesPerMonth", FirestoreFreeDeletes, "100,000 deletes")
        }
        "Firestore stored data" | "Firestore point-in-time recovery" => stored(),
        "Firestore free quota, stored data" => free(stored(), ctx.price(FirestoreFreeStorage)),
        "Firestore daily backups (full copies kept)" => Node::op(
            "Backup copies kept",
            "GiB",
            Op::Product,
            vec![stored(), ctx.input("firestore.backupRetentionDays")],
        ),
        "Forwarding rules (first 5)" => hours_a_month(),
        "Forwarding rules beyond 5" => {
            let rules = ctx.input("network.forwardingRules");
            let extra = Node::derived(
                "Rules beyond 5",
                "rules",
                "forwarding rules − 5, at least 0",
                (rules.value() - 5.0).max(0.0),
            )
            .with(vec![rules]);
            Node::op("Rule-hours", "rule-hours", Op::Product, vec![extra, hours_a_month()])
        }
        "Load balancer data processed, inbound" => Node::op(
            "Request data reaching the origin",
            "GiB",
            Op::Product,
            vec![
                requests(),
                ctx.input("network.requestKib"),
                constant("GiB per KiB", 1024.0 / BYTES_PER_GIB, ""),
                origin(),
            ],
        ),
        "Load balancer data processed, outbound" => Node::op(
            "Response data from the origin",
            "GiB",
            Op::Product,
            vec![ctx.sizing("egressGibPerMonth"), origin()],
        ),
        "Standard Tier free egress" => free(tiered_total(ctx, "Internet egress"), ctx.price(EgressStandardFree)),
        "Cloud CDN cache fill (misses)" => {
            let one = Node::constant("All lookups", 1.0, "share", "");
            let misses = Node::op("Miss ratio", "share", Op::Difference, vec![one, ctx.input("network.cdnHitRatio")]);
            Node::op("Cache fill", "GiB", Op::Product, vec![tiered_total(ctx, "Cloud CDN"), misses])
        }
        "Cloud CDN cache lookups (GET and HEAD)" => Node::op(
            "Lookups",
            "10,000 requests",
            Op::Product,
            vec![requests(), ctx.input("network.cdnLookupShare"), constant("per 10,000", 1e-4, "")],
        ),
        "Cloud Armor policies" => ctx.input("network.armorPolicies"),
        "Cloud Armor rules" => ctx.input("network.armorRules"),
        "Cloud Armor requests" => Node::op(
            "Requests a backend policy evaluates (those reaching the origin)",
            "million requests",
            Op::Product,
            vec![requests(), origin(), constant("per million", 1e-6, "")],
        ),
        "Cloud Armor requests, edge" => Node::op(
            "Requests an edge policy evaluates (every request, cache hits too)",
            "million requests",
            Op::Product,
            vec![requests(), constant("per million", 1e-6, "")],
        ),
        "Memorystore for Redis, Basic" | "Memorystore for Redis, Standard" => {
            Node::op("GB-hours", "GB-hour", Op::Product, vec![ctx.input("redis.sizeGb"), hours_a_month()])
        }
        "Cloud Logging ingestion" => log_gib(),
        "Cloud Logging free allotment" => free(log_gib(), ctx.price(LogFree)),
        "Cloud Monitoring free metrics" => free(ctx.input("operations.metricsMibPerMonth"), ctx.price(MetricsFree)),
        _ => {
            let bounds = tier_bounds(label)?;
            let k = ["first tier", "second tier", "third tier"].iter().position(|t| label.ends_with(t))?;
            tier_part(ctx, tiered_total(ctx, label), k, bounds)
        }
    })
    .map(|q| Node { label: format!("Quantity ({})", line.unit), unit: line.unit.into(), ..q })
}

/// The lines before `at` added up, USD: what the negotiated discount takes its percent of.
fn subtotal(ctx: &Ctx, ids: &[String], at: usize) -> Node {
    let links = ctx.estimate.line_items[..at].iter().zip(ids).map(|(l, id)| line_link(id, l)).collect();
    Node::op("The other lines added up", "USD", Op::Sum, links)
}

/// The quantity and unit price of a discount or fixed line; `None` for a label the model
/// does not make.
fn discount(ctx: &Ctx, line: &LineItem, ids: &[String], at: usize) -> Option<(Node, Node)> {
    let label = line.label.as_ref();
    let c = ctx.estimate.commitment.as_ref();
    if line.component == Component::Fixed {
        let i = ctx.scenario.operations.fixed_lines.iter().position(|f| f.label == line.label)?;
        let one = Node::constant("Months", 1.0, "month", "a fixed line is charged once a month");
        return Some((one, ctx.input(&format!("operations.fixedLines[{i}].monthlyUsd"))));
    }
    if label == "Cloud Run usage covered by the commitment" {
        let formula = "each stretch's on-demand Cloud Run spend (after the free tier), up to the committed spend an hour, over the month";
        let covered = Node::derived("Usage the commitment covers", "USD on demand", formula, c?.covered_usd_per_month)
            .with(vec![ctx.input("discounts.cud"), ctx.input("discounts.cudCoverage")]);
        let minus =
            Node::constant("Taken off the bill", -1.0, "USD per USD", "covered usage is paid by the commitment fee");
        return Some((covered, minus));
    }
    if label.starts_with("Committed use fee") {
        let steady = Node::derived(
            "Steady on-demand Cloud Run spend",
            "USD/hour",
            "the quietest stretch's on-demand spend, after the free tier",
            c?.steady_usd_per_hour,
        );
        let hourly =
            Node::op("Committed spend", "USD/hour", Op::Product, vec![steady, ctx.input("discounts.cudCoverage")]);
        let month = Node::op("Committed spend a month", "USD committed", Op::Product, vec![hourly, hours_a_month()]);
        let pct =
            Node::derived("Discount", "%", "the price book's committed use discount for the term", c?.discount_pct);
        let pct = pct.with(vec![ctx.input("discounts.cud")]);
        let rate =
            Node::derived("Fee per committed USD", "USD per USD", "1 − discount ÷ 100", 1.0 - c?.discount_pct / 100.0);
        return Some((month, rate.with(vec![pct])));
    }
    if line.is_negotiated() {
        let pct = ctx.input("discounts.negotiatedPct");
        let rate = Node::derived("Discount per USD", "USD per USD", "− negotiated percent ÷ 100", -pct.value() / 100.0);
        return Some((subtotal(ctx, ids, at), rate.with(vec![pct])));
    }
    None
}

/// A link to line `id`, showing its amount, USD.
pub(crate) fn line_link(id: &str, line: &LineItem) -> Node {
    Node::figure(id, &line.label, "USD", Some(line.amount_cents as f64 / 100.0))
}

/// The explanation of bill line `at` (whose id is `ids[at]`).
pub(crate) fn explain_line(ctx: &Ctx, ids: &[String], at: usize) -> Option<Node> {
    let line = &ctx.estimate.line_items[at];
    let (q, price) = match line.price {
        Some(id) => {
            let q = quantity(ctx, line)?;
            let price = ctx.price(id);
            if line.unit_price_usd < 0.0 {
                let minus = Node::constant("Taken off", -1.0, "", "a free allowance takes its price off the bill");
                let unit = price.unit.clone();
                (q, Node::op("Unit price taken off", &unit, Op::Product, vec![price, minus]))
            } else {
                (q, price)
            }
        }
        None => discount(ctx, line, ids, at)?,
    };
    let cents = to_cents(q.value() * price.value());
    let formula = "quantity × unit price, rounded half away from zero to the cent";
    Some(Node::derived(line.label.to_string(), "USD", formula, cents as f64 / 100.0).with(vec![q, price]))
}
