//! The tables of outputs (see the module's description): each row's id is its figure's JSON
//! path.

use std::borrow::Cow;

use super::{Figure, Output, UnitKind, Words};
use crate::model::allocation::CustomerCost;
use crate::model::cost::{Component, LineItem};
use crate::model::deal::{Deal, RuleShare};
use crate::model::estimate::{Estimate, Totals};
use crate::model::findings::Finding;
use crate::model::timeline::{Timeline, TimelineMonth};

use UnitKind::{Bytes, Cents, Count, Duration, Fraction, Number, Percent, Rate, Ratio, Text, Usd};

/// The reader of a figure of a `T`.
type Get<T> = for<'a> fn(&'a T) -> Figure<'a>;

/// A row with no words, nothing converted and a dash for a missing value.
const fn row<T>(
    id: &'static str,
    label: &'static str,
    unit: UnitKind,
    symbol: &'static str,
    precision: u32,
    get: Get<T>,
) -> Output<T> {
    Output { id, label, unit, symbol, precision, absent: "", words: &[], note: "", converted: "", get }
}

/// A row of [`TOTALS`] read from an estimate's totals (same id, label and format).
const fn lift(row: Output<Totals>, get: Get<Estimate>) -> Output<Estimate> {
    let Output { id, label, unit, symbol, precision, absent, words, note, converted, .. } = row;
    Output { id, label, unit, symbol, precision, absent, words, note, converted, get }
}

/// [`lift`] with its reader: the totals row's, of the estimate's totals.
macro_rules! lift {
    ($row:ident) => {
        lift($row, |e| ($row.get)(&e.totals))
    };
}

/// A text figure of a `&str` field.
fn text(s: &str) -> Figure<'_> {
    Figure::Text(Cow::Borrowed(s))
}

/// The products of the bill by [`Component`] tag, in [`Component::ALL`] order.
pub const PRODUCTS: Words = &[
    ("cloudRun", "Cloud Run"),
    ("firestore", "Firestore"),
    ("loadBalancing", "Load balancing"),
    ("egress", "Internet egress"),
    ("cdn", "Cloud CDN"),
    ("armor", "Cloud Armor"),
    ("redis", "Redis"),
    ("observability", "Logs, metrics"),
    ("fixed", "Fixed lines"),
    ("discount", "Discounts"),
];

/// A product's name for people: `Cloud Run`.
pub fn product(component: Component) -> &'static str {
    PRODUCTS[component as usize].1
}

const MONTHLY_COST: Output<Totals> = Output {
    note: "all lines, after discounts",
    converted: "currency.monthlyCost",
    ..row("totals.monthlyCostCents", "Monthly cost", Cents, "", 2, |t| Figure::Cents(t.monthly_cost_cents))
};
const CUSTOMER_COUNT: Output<Totals> =
    row("totals.customerCount", "Customers", Count, "", 0, |t| Figure::Number(t.customer_count as f64));
const COST_PER_CUSTOMER: Output<Totals> = Output {
    note: "per month",
    converted: "currency.costPerCustomer",
    ..row("totals.costPerCustomerCents", "Cost per customer", Cents, "", 2, |t| {
        Figure::cents(t.cost_per_customer_cents)
    })
};
const COST_PCT_OF_ACV: Output<Totals> = Output {
    note: "annual cost over contract value",
    ..row("totals.costPctOfAcv", "Cost as % of ACV", Percent, "", 1, |t| Figure::number(t.cost_pct_of_acv))
};
const MONTHLY_REVENUE: Output<Totals> = Output {
    converted: "currency.monthlyRevenue",
    ..row("totals.monthlyRevenueCents", "Monthly revenue", Cents, "", 2, |t| Figure::Cents(t.monthly_revenue_cents))
};
const GROSS_MARGIN: Output<Totals> = Output {
    note: "(revenue − cost) / revenue",
    ..row("totals.grossMarginPct", "Gross margin", Percent, "", 1, |t| Figure::number(t.gross_margin_pct))
};
const UNALLOCATED: Output<Totals> =
    row("totals.unallocatedCents", "Unallocated", Cents, "", 2, |t| Figure::Cents(t.unallocated_cents));

/// The headline figures of an estimate's totals (and of its range's low and high).
pub const TOTALS: [Output<Totals>; 7] =
    [MONTHLY_COST, CUSTOMER_COUNT, COST_PER_CUSTOMER, COST_PCT_OF_ACV, MONTHLY_REVENUE, GROSS_MARGIN, UNALLOCATED];

/// The part of the month on prices the price book marks unconfirmed.
pub const UNCONFIRMED: [Output<Estimate>; 3] = [
    row("unconfirmed.cents", "Cost on unconfirmed prices", Cents, "", 2, |e| Figure::Cents(e.unconfirmed.cents)),
    row("unconfirmed.pct", "Cost on unconfirmed prices", Percent, "", 1, |e| Figure::number(e.unconfirmed.pct)),
    row("unconfirmed.prices", "Unconfirmed prices", Text, "", 0, |e| {
        Figure::Text(Cow::Owned(e.unconfirmed.prices.iter().map(|id| id.as_str()).collect::<Vec<_>>().join(" ")))
    }),
];

/// A latency at peak, or the words for a saturated service.
const fn latency(id: &'static str, label: &'static str, get: Get<Estimate>) -> Output<Estimate> {
    Output { absent: "saturated", ..row(id, label, Duration, "ms", 1, get) }
}

/// What binds capacity, by [`Bound`](crate::model::sizing::Bound) tag, in its order.
const BOUNDS: Words = &[("concurrency", "concurrency"), ("cpu", "CPU")];
/// What binds the headroom, by [`Binds`](crate::model::sizing::Binds) tag, in its order.
const BINDS: Words = &[("autoscalerTarget", "autoscaler's target"), ("latencyTarget", "p95 target")];

const HEADROOM: Output<Estimate> = row("sizing.headroomRatio", "Headroom (capacity / peak)", Ratio, "", 2, |e| {
    Figure::number(e.sizing.headroom_ratio)
});
const CAPACITY_BOUND: Output<Estimate> = Output {
    words: BOUNDS,
    ..row("sizing.capacityBound", "What binds capacity", Text, "", 0, |e| {
        text(BOUNDS[e.sizing.capacity_bound as usize].1)
    })
};
const P95: Output<Estimate> =
    latency("sizing.latencyP95Ms", "Latency p95 at peak", |e| Figure::number(e.sizing.latency_p95_ms));
const CPU: Output<Estimate> = row("sizing.cpuUtilizationAtPeak", "CPU at peak", Fraction, "", 1, |e| {
    Figure::Number(e.sizing.cpu_utilization_at_peak)
});
const WORST: Output<Estimate> = Output {
    absent: "none",
    // A finding for the record only is nothing to do.
    words: &[("info", "none")],
    ..row("findings[0].severity", "Worst finding", Text, "", 0, |e| {
        e.findings.first().map_or(Figure::Absent, |f| text(WORST.words_of(SEVERITIES[f.severity as usize])))
    })
};

/// Severities by tag, in [`Severity`](crate::model::findings::Severity) order.
const SEVERITIES: [&str; 5] = ["critical", "high", "medium", "low", "info"];

/// Areas by tag, in [`Area`](crate::model::findings::Area) order.
const AREAS: [&str; 8] =
    ["capacity", "latency", "firestore", "network", "availability", "inputs", "discounts", "margin"];

/// The summary strip: the money figures, then what the load does to the service.
pub const STRIP: [Output<Estimate>; 8] = [
    lift!(MONTHLY_COST),
    lift!(COST_PER_CUSTOMER),
    lift!(COST_PCT_OF_ACV),
    lift!(GROSS_MARGIN),
    Output { label: "Headroom", precision: 1, ..HEADROOM },
    Output { label: "p95 at peak", precision: 0, ..P95 },
    CPU,
    WORST,
];

/// A bill line's columns.
pub const BILL: [Output<LineItem>; 6] = [
    Output { words: PRODUCTS, ..row("component", "Component", Text, "", 0, |l| text(product(l.component))) },
    row("label", "Item", Text, "", 0, |l| text(&l.label)),
    row("quantity", "Quantity", Number, "", 2, |l| Figure::Number(l.quantity)),
    row("unit", "Unit", Text, "", 0, |l| text(l.unit)),
    row("unitPriceUsd", "Unit price", Usd, "", 8, |l| Figure::Number(l.unit_price_usd)),
    row("amountCents", "Amount", Cents, "", 2, |l| Figure::Cents(l.amount_cents)),
];

/// A cohort's columns: its share of the month, and what it pays.
pub const CUSTOMERS: [Output<CustomerCost>; 8] = [
    row("name", "Cohort", Text, "", 0, |c| text(&c.name)),
    row("count", "Customers", Count, "", 0, |c| Figure::Number(f64::from(c.count))),
    row("allocatedMonthlyCents", "Allocated / month", Cents, "", 2, |c| Figure::Cents(c.allocated_monthly_cents)),
    row("perCustomerMonthlyCents", "Per customer / month", Cents, "", 2, |c| {
        Figure::cents(c.per_customer_monthly_cents)
    }),
    row("costPctOfAcv", "% of ACV", Percent, "", 1, |c| Figure::number(c.cost_pct_of_acv)),
    row("grossMarginPct", "Gross margin", Percent, "", 1, |c| Figure::number(c.gross_margin_pct)),
    row("acvUsd", "ACV per customer", Usd, "", 2, |c| Figure::Number(c.acv_usd)),
    row("monthlyRevenueCents", "Revenue / month", Cents, "", 2, |c| Figure::Cents(c.monthly_revenue_cents)),
];

/// A rate in requests per second.
const fn qps(id: &'static str, label: &'static str, precision: u32, get: Get<Estimate>) -> Output<Estimate> {
    row(id, label, Rate, "QPS", precision, get)
}

/// What the infrastructure must be for the load: instances, capacity, latency, Firestore.
pub const SIZING: [Output<Estimate>; 28] = [
    row("sizing.regions", "Regions", Count, "", 0, |e| Figure::Number(f64::from(e.sizing.regions))),
    qps("sizing.peakQps", "Peak load", 1, |e| Figure::Number(e.sizing.peak_qps)),
    qps("sizing.avgQps", "Average load", 1, |e| Figure::Number(e.sizing.avg_qps)),
    qps("sizing.quietQps", "Quietest load", 1, |e| Figure::Number(e.sizing.quiet_qps)),
    qps("sizing.originPeakQps", "Peak reaching Cloud Run", 1, |e| Figure::Number(e.sizing.origin_peak_qps)),
    row("sizing.originShare", "Share reaching Cloud Run", Fraction, "", 1, |e| Figure::Number(e.sizing.origin_share)),
    qps("sizing.capacityQps", "Capacity at max instances", 0, |e| Figure::Number(e.sizing.capacity_qps)),
    CAPACITY_BOUND,
    Output {
        absent: "not binding",
        ..qps("sizing.latencyCapacityQps", "Capacity at the p95 target", 0, |e| {
            Figure::number(e.sizing.latency_capacity_qps)
        })
    },
    qps("sizing.saturationQps", "Saturation at max instances", 0, |e| Figure::Number(e.sizing.saturation_qps)),
    HEADROOM,
    qps("sizing.headroomQps", "Binding capacity", 0, |e| Figure::Number(e.sizing.headroom_qps)),
    Output {
        words: BINDS,
        ..row("sizing.headroomBinds", "What binds the headroom", Text, "", 0, |e| {
            text(BINDS[e.sizing.headroom_binds as usize].1)
        })
    },
    row("sizing.utilizationAtPeak", "Utilisation at peak", Fraction, "", 1, |e| {
        Figure::Number(e.sizing.utilization_at_peak)
    }),
    CPU,
    row("sizing.instancesAtPeak", "Instances per region at peak", Count, "", 0, |e| {
        Figure::Number(f64::from(e.sizing.instances_at_peak))
    }),
    row("sizing.instancesNeededAtPeak", "Instances needed at peak", Count, "", 0, |e| {
        Figure::Number(f64::from(e.sizing.instances_needed_at_peak))
    }),
    row("sizing.instancesQuiet", "Instances per region, quiet hours", Count, "", 0, |e| {
        Figure::Number(f64::from(e.sizing.instances_quiet))
    }),
    latency("sizing.latencyP50Ms", "Latency p50 at peak", |e| Figure::number(e.sizing.latency_p50_ms)),
    P95,
    latency("sizing.latencyP99Ms", "Latency p99 at peak", |e| Figure::number(e.sizing.latency_p99_ms)),
    Output {
        absent: "saturated",
        ..row("sizing.inFlightAtPeak", "Requests in flight at peak", Number, "", 1, |e| {
            Figure::number(e.sizing.in_flight_at_peak)
        })
    },
    row("sizing.requestsPerMonth", "Requests per month", Count, "", 0, |e| Figure::Number(e.sizing.requests_per_month)),
    row("sizing.firestore.peakReadsPerS", "Firestore reads at peak", Rate, "per second", 1, |e| {
        Figure::Number(e.sizing.firestore.peak_reads_per_s)
    }),
    row("sizing.firestore.peakWritesPerS", "Firestore writes at peak", Rate, "per second", 1, |e| {
        Figure::Number(e.sizing.firestore.peak_writes_per_s)
    }),
    row("sizing.firestore.peakDeletesPerS", "Firestore deletes at peak", Rate, "per second", 2, |e| {
        Figure::Number(e.sizing.firestore.peak_deletes_per_s)
    }),
    row("sizing.firestore.storedGib", "Firestore stored", Bytes, "GiB", 2, |e| {
        Figure::Number(e.sizing.firestore.stored_gib)
    }),
    // Egress last: the sizing's list ends with what the month moves out.
    row("sizing.egressGibPerMonth", "Egress per month", Bytes, "GiB", 2, |e| {
        Figure::Number(e.sizing.egress_gib_per_month)
    }),
];

/// A month's columns.
pub const TIMELINE: [Output<TimelineMonth>; 8] = [
    row("month", "Month", Count, "", 0, |m| Figure::Number(f64::from(m.month))),
    row("customersLive", "Customers live", Count, "", 0, |m| Figure::Number(m.customers_live as f64)),
    row("monthlyCostCents", "Cost", Cents, "", 2, |m| Figure::Cents(m.monthly_cost_cents)),
    row("monthlyRevenueCents", "Revenue", Cents, "", 2, |m| Figure::Cents(m.monthly_revenue_cents)),
    row("grossMarginPct", "Gross margin", Percent, "", 1, |m| Figure::number(m.gross_margin_pct)),
    row("cumulativeCostCents", "Cumulative cost", Cents, "", 2, |m| Figure::Cents(m.cumulative_cost_cents)),
    row("cumulativeRevenueCents", "Cumulative revenue", Cents, "", 2, |m| Figure::Cents(m.cumulative_revenue_cents)),
    row("cumulativeMarginPct", "Cumulative margin", Percent, "", 1, |m| Figure::number(m.cumulative_margin_pct)),
];

/// Figures of the whole timeline.
pub const TIMELINE_SUMMARY: [Output<Timeline>; 1] = [Output {
    absent: "not within 12 months",
    ..row("paybackMonth", "Payback month", Count, "", 0, |t| Figure::number(t.payback_month.map(f64::from)))
}];

/// The comparison's headline and capacity rows.
pub const COMPARISON: [Output<Estimate>; 12] = [
    lift!(MONTHLY_COST),
    lift!(CUSTOMER_COUNT),
    lift!(COST_PER_CUSTOMER),
    lift!(COST_PCT_OF_ACV),
    lift!(MONTHLY_REVENUE),
    lift!(GROSS_MARGIN),
    lift!(UNALLOCATED),
    HEADROOM,
    CAPACITY_BOUND,
    P95,
    CPU,
    WORST,
];

/// A finding's fields.
pub const FINDINGS: [Output<Finding>; 7] = [
    row("severity", "Severity", Text, "", 0, |f| text(SEVERITIES[f.severity as usize])),
    row("area", "Area", Text, "", 0, |f| text(AREAS[f.area as usize])),
    row("message", "Finding", Text, "", 0, |f| text(&f.message)),
    row("code", "Code", Text, "", 0, |f| text(f.code)),
    row("figure", "Figure", Number, "", 3, |f| Figure::Number(f.figure)),
    row("threshold", "Threshold", Number, "", 3, |f| Figure::Number(f.threshold)),
    row("unit", "Unit", Text, "", 0, |f| text(f.unit)),
];

/// A priced deal's figures.
pub const DEAL: [Output<Deal>; 7] = [
    row("name", "Prospect", Text, "", 0, |d| text(&d.name)),
    row("acvUsd", "ACV", Usd, "", 2, |d| Figure::Number(d.acv_usd)),
    row("monthlyRevenueCents", "Revenue / month", Cents, "", 2, |d| Figure::Cents(d.monthly_revenue_cents)),
    row("incrementalMonthlyCents", "Incremental cost / month", Cents, "", 2, |d| {
        Figure::Cents(d.incremental_monthly_cents)
    }),
    row("incrementalMarginPct", "Incremental gross margin", Percent, "", 1, |d| {
        Figure::number(d.incremental_margin_pct)
    }),
    row("minAcvIncrementalUsd", "Lowest ACV (incremental)", Usd, "", 2, |d| Figure::Number(d.min_acv_incremental_usd)),
    row("targetMarginPct", "Target margin", Percent, "", 1, |d| Figure::Number(d.target_margin_pct)),
];

/// Allocation rules by tag, in [`Allocation`](crate::model::Allocation) order.
const RULES: Words = &[("equal", "Equal share"), ("byUsage", "Share by usage"), ("byAcv", "Share by ACV")];

/// A deal's share under one allocation rule: its columns.
pub const DEAL_RULES: [Output<RuleShare>; 4] = [
    Output { words: RULES, ..row("rule", "Basis", Text, "", 0, |r| text(RULES[r.rule as usize].1)) },
    row("allocatedMonthlyCents", "Cost / month", Cents, "", 2, |r| Figure::Cents(r.allocated_monthly_cents)),
    row("grossMarginPct", "Gross margin", Percent, "", 1, |r| Figure::number(r.gross_margin_pct)),
    row("minAcvUsd", "Lowest ACV", Usd, "", 2, |r| Figure::number(r.min_acv_usd)),
];
