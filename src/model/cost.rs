//! Monthly cost as line items: quantity x unit price, rounded to whole cents per line, so the
//! lines add up exactly to the total. Free tiers and discounts are negative lines.

use std::borrow::Cow;

use serde::Serialize;

use super::load::{DAYS_PER_MONTH, HOURS_PER_MONTH};
use super::money::{MAX_MONTH_CENTS, Overflow};
use super::pricebook::{PriceId, Prices};
use super::scenario::{
    ArmorPolicyType, Billing, CudTerm, FirestoreLocation, NetworkTier, RedisTier, Rounding, Scenario,
};
use super::sizing::{BYTES_PER_GIB, Demand, Detail, SegmentSizing, Sizing, size_with_cdn};
use super::text::Num;

/// The product a line belongs to, for the breakdown chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Estimate.ts"))]
pub enum Component {
    /// Cloud Run CPU, memory and requests.
    CloudRun,
    /// Firestore operations, storage, PITR and backups.
    Firestore,
    /// Load balancer forwarding rules and data processed.
    LoadBalancing,
    /// Internet egress from the origin.
    Egress,
    /// Cloud CDN cache egress, fill and lookups.
    Cdn,
    /// Cloud Armor policies, rules and requests.
    Armor,
    /// Memorystore for Redis.
    Redis,
    /// Cloud Logging and Cloud Monitoring.
    Observability,
    /// Fixed monthly lines from the scenario.
    Fixed,
    /// Committed use and negotiated discounts.
    Discount,
}

impl Component {
    /// Every component, in breakdown order.
    pub const ALL: [Component; 10] = [
        Component::CloudRun,
        Component::Firestore,
        Component::LoadBalancing,
        Component::Egress,
        Component::Cdn,
        Component::Armor,
        Component::Redis,
        Component::Observability,
        Component::Fixed,
        Component::Discount,
    ];
}

/// What a line's cost follows, for allocation by usage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Estimate.ts"))]
pub enum Driver {
    /// Requests served; also the driver of shared and fixed cost.
    Requests,
    /// Firestore reads.
    Reads,
    /// Firestore writes.
    Writes,
    /// Firestore deletes.
    Deletes,
    /// Data stored.
    Storage,
    /// Data sent to users.
    Egress,
}

/// How a line's quantity and unit price come about: what a spreadsheet needs to recompute the
/// line when one of its inputs changes (the XLSX export writes these as formulas).
///
/// Line indices are positions in the bill's `line_items`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Estimate.ts"))]
pub enum Basis {
    /// A quantity at a unit price, both inputs: usage, a tier of it, a fixed line, a commitment.
    Charge,
    /// A free allowance: its quantity is the smaller of `allowance` and the quantities of
    /// lines `from` to `to` (exclusive) added up; its unit price is minus the first of those
    /// lines' (the usage it makes free).
    #[serde(rename_all = "camelCase")]
    Free {
        /// The first line it applies to.
        from: u32,
        /// One past the last line it applies to.
        to: u32,
        /// The free allowance a month, in the line's unit.
        allowance: f64,
    },
    /// The negotiated discount: its quantity is every line before it added up, USD (its unit
    /// price is minus the discount), allocated in proportion to the rest of each customer's
    /// share.
    Negotiated,
}

/// Lines `start..end` of a bill: those one charge made (empty when it made none).
type Lines = std::ops::Range<u32>;

/// One line of the monthly bill.
///
/// `amount_cents` is `quantity * unit_price_usd * 100` rounded half away from zero.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Estimate.ts"))]
pub struct LineItem {
    /// The product it belongs to.
    pub component: Component,
    /// What it is, for people.
    #[cfg_attr(test, ts(type = "string"))]
    pub label: Cow<'static, str>,
    /// How much, in `unit`.
    pub quantity: f64,
    /// The unit of `quantity`, e.g. "GiB" or "vCPU-second".
    pub unit: &'static str,
    /// USD per `unit`; negative on free tiers and discounts.
    pub unit_price_usd: f64,
    /// The line's amount, US cents.
    pub amount_cents: i64,
    /// What its cost follows, for allocation by usage.
    pub driver: Driver,
    /// How its quantity and unit price come about.
    pub basis: Basis,
    /// The book's price it is charged at (a free tier: the price it takes off); `None` for
    /// fixed lines and discounts (the model's own tag).
    #[serde(skip)]
    #[cfg_attr(test, ts(skip))]
    pub price: Option<PriceId>,
}

impl LineItem {
    /// True for the negotiated discount's line (a share of all the other lines).
    pub fn is_negotiated(&self) -> bool {
        self.basis == Basis::Negotiated
    }
}

/// USD to whole cents, half away from zero (saturating far outside any real bill).
///
/// ```
/// use headroom::model::cost::to_cents;
/// assert_eq!(to_cents(10.512), 1051);
/// assert_eq!(to_cents(0.005), 1);
/// assert_eq!(to_cents(-4.325), -433);
/// ```
pub fn to_cents(usd: f64) -> i64 {
    // `(usd * 100.0).round() as i64` without `round`, a libm call without SSE4.1: the
    // fraction `cents - trunc(cents)` is exact, and cents at or beyond 2^52 are whole.
    let cents = usd * 100.0;
    let whole = cents as i64;
    let rest = cents - whole as f64;
    if rest >= 0.5 {
        whole.saturating_add(1)
    } else if rest <= -0.5 {
        whole.saturating_sub(1)
    } else {
        whole
    }
}

/// What a priced line measures: its product, unit, price and driver.
#[derive(Clone, Copy)]
struct Meter {
    component: Component,
    unit: &'static str,
    price: PriceId,
    driver: Driver,
}

const fn meter(component: Component, unit: &'static str, price: PriceId, driver: Driver) -> Meter {
    Meter { component, unit, price, driver }
}

// `Bill::unconfirmed_prices` has a bit for each price.
const _: () = assert!(PriceId::ALL.len() <= 128);

/// Collects lines priced from one [`Prices`].
struct Bill<'a> {
    prices: &'a Prices,
    /// The lines, when itemised.
    lines: Vec<LineItem>,
    /// False to add up the amounts only, making no lines (and no allocation).
    itemise: bool,
    /// Every line's amount added up, cents.
    total_cents: i64,
    /// The Cloud Run free tier's credit so far, cents (positive).
    run_credit_cents: i64,
    /// For each tiered charge, in bill order, the label of the highest tier with a quantity
    /// (`None` when it has none).
    tiers: Vec<Option<&'static str>>,
    /// Every line's amount counted positive, added up (saturating), cents.
    magnitude_cents: u64,
    /// The line that took `magnitude_cents` past [`MAX_MONTH_CENTS`], if one did.
    over: Option<Overflow>,
    /// The amounts of the lines at unconfirmed unit prices (see [`Prices::is_confirmed`])
    /// added up (saturating), cents.
    unconfirmed_cents: i64,
    /// Those prices, bit `id as usize` for each (the book has fewer than 128 prices).
    unconfirmed_prices: u128,
}

impl<'a> Bill<'a> {
    fn new(prices: &'a Prices, itemise: bool) -> Self {
        let lines = if itemise { Vec::with_capacity(40) } else { Vec::new() };
        Bill {
            prices,
            lines,
            itemise,
            total_cents: 0,
            run_credit_cents: 0,
            tiers: Vec::new(),
            magnitude_cents: 0,
            over: None,
            unconfirmed_cents: 0,
            unconfirmed_prices: 0,
        }
    }

    /// A line at an explicit unit price (charged at `price`, if one of the book's); skipped when
    /// `quantity` is 0. Sums saturate: a bill past [`MAX_MONTH_CENTS`] records the line in `over`.
    #[inline(never)] // called for every line: one copy saves kilobytes of WebAssembly
    #[allow(clippy::too_many_arguments)]
    fn line(
        &mut self,
        component: Component,
        label: impl Into<Cow<'static, str>>,
        quantity: f64,
        unit: &'static str,
        unit_price_usd: f64,
        driver: Driver,
        price: Option<PriceId>,
    ) -> Lines {
        let at = self.lines.len() as u32;
        if quantity == 0.0 {
            return at..at;
        }
        let amount_cents = to_cents(quantity * unit_price_usd);
        self.total_cents = self.total_cents.saturating_add(amount_cents);
        if component == Component::CloudRun && amount_cents < 0 {
            self.run_credit_cents = self.run_credit_cents.saturating_sub(amount_cents);
        }
        let label = label.into();
        self.magnitude_cents = self.magnitude_cents.saturating_add(amount_cents.unsigned_abs());
        if self.magnitude_cents > MAX_MONTH_CENTS && self.over.is_none() {
            self.over = Some(Overflow { label: label.clone(), price });
        }
        if let Some(id) = price.filter(|&id| !self.prices.is_confirmed(id)) {
            self.unconfirmed_cents = self.unconfirmed_cents.saturating_add(amount_cents);
            self.unconfirmed_prices |= 1 << id as usize;
        }
        if self.itemise {
            let basis = Basis::Charge;
            let line =
                LineItem { component, label, quantity, unit, unit_price_usd, amount_cents, driver, basis, price };
            self.lines.push(line);
        }
        at..self.lines.len() as u32
    }

    /// `quantity` of what `m` measures, at its price.
    #[inline(never)] // called for most lines: one copy saves WebAssembly
    fn charge(&mut self, m: Meter, label: &'static str, quantity: f64) -> Lines {
        self.line(m.component, label, quantity, m.unit, self.prices.get(m.price), m.driver, Some(m.price))
    }

    /// A negative line for the part of `used` that the free allowance `allowance` covers:
    /// `used` is the quantity of lines `of` (made by [`Bill::charge`] or [`Bill::tiered`]
    /// with the meter `m`) added up.
    #[inline(never)] // a dozen free allowances: one copy saves WebAssembly
    fn free(&mut self, m: Meter, label: &'static str, used: f64, allowance: f64, of: Lines) {
        let made = self.line(
            m.component,
            label,
            used.min(allowance),
            m.unit,
            -self.prices.get(m.price),
            m.driver,
            Some(m.price),
        );
        if let Some(line) = self.lines.get_mut(made.start as usize).filter(|_| !made.is_empty()) {
            line.basis = Basis::Free { from: of.start, to: of.end, allowance };
        }
    }

    /// Lines for `quantity` split over tiers `(price, tier end)`; the last tier has no end.
    #[inline(never)] // six tiered charges: one copy saves kilobytes of WebAssembly
    fn tiered(
        &mut self,
        m: Meter,
        labels: &[&'static str],
        quantity: f64,
        tiers: &[(PriceId, Option<PriceId>)],
    ) -> Lines {
        let first = self.lines.len() as u32;
        let mut start = 0.0;
        let mut reached = None;
        for (&(price, end), &label) in tiers.iter().zip(labels) {
            let end = end.map_or(f64::INFINITY, |e| self.prices.get(e).max(start));
            let part = (quantity.min(end) - start).max(0.0);
            if part > 0.0 {
                reached = Some(label);
            }
            self.charge(Meter { price, ..m }, label, part);
            start = end;
        }
        self.tiers.push(reached);
        first..self.lines.len() as u32
    }
}

/// Cloud Run unit prices in force for the billing mode, USD per vCPU-second, GiB-second and request.
struct RunRates {
    cpu: f64,
    memory: f64,
    idle_cpu: f64,
    idle_memory: f64,
    per_request: f64,
}

fn run_rates(scenario: &Scenario, prices: &Prices) -> RunRates {
    match scenario.cloud_run.billing {
        Billing::Request => RunRates {
            cpu: prices.get(PriceId::RunRequestCpu),
            memory: prices.get(PriceId::RunRequestMemory),
            idle_cpu: prices.get(PriceId::RunIdleCpu),
            idle_memory: prices.get(PriceId::RunIdleMemory),
            per_request: prices.get(PriceId::RunRequests) / 1e6,
        },
        Billing::Instance => RunRates {
            cpu: prices.get(PriceId::RunInstanceCpu),
            memory: prices.get(PriceId::RunInstanceMemory),
            idle_cpu: 0.0,
            idle_memory: 0.0,
            per_request: 0.0,
        },
    }
}

/// On-demand Cloud Run spend of one region during one stretch of the day, USD per hour: the
/// load is split evenly, so the region takes `1 / regions` of the requests.
fn region_spend_per_hour(scenario: &Scenario, rates: &RunRates, regions: f64, s: &SegmentSizing) -> f64 {
    let run = &scenario.cloud_run;
    let (busy, idle) = match run.billing {
        Billing::Request => (s.active_instances_per_region, s.idle_min_instances_per_region),
        Billing::Instance => (f64::from(s.instances_per_region), 0.0),
    };
    let busy = busy + s.starting_instances_per_region;
    let per_s = busy * (run.vcpu * rates.cpu + run.memory_gib * rates.memory)
        + idle * (run.vcpu * rates.idle_cpu + run.memory_gib * rates.idle_memory)
        + s.load.qps / regions * rates.per_request;
    per_s * 3600.0
}

/// The labels of the active CPU and memory lines: they name the rounding rule.
fn active_labels(rounding: Rounding) -> (&'static str, &'static str) {
    match rounding {
        Rounding::PerBusyPeriod => (
            "Cloud Run CPU, active (each busy period rounded up to 100 ms)",
            "Cloud Run memory, active (each busy period rounded up to 100 ms)",
        ),
        Rounding::None => ("Cloud Run CPU, active (not rounded)", "Cloud Run memory, active (not rounded)"),
        Rounding::PerRequest => (
            "Cloud Run CPU, active (each request rounded up to 100 ms)",
            "Cloud Run memory, active (each request rounded up to 100 ms)",
        ),
    }
}

/// Cloud Run's lines. Request-based: active time by the scenario's rounding rule (named in
/// the lines' labels), idle min instances, requests; instance-based: all instance time. In
/// both, instances are billed while they start (https://cloud.google.com/run/docs/configuring/billing-settings),
/// at the rate of the time that follows.
fn cloud_run(bill: &mut Bill, scenario: &Scenario, sizing: &Sizing) {
    use {Component::CloudRun as C, Driver::Requests as R, PriceId::*};
    let run = &scenario.cloud_run;
    let p = bill.prices;
    let start_s = sizing.starting_instance_hours_per_month * 3600.0;
    let (requests, million) = (meter(C, "million requests", RunRequests, R), sizing.origin_requests_per_month / 1e6);
    // Each resource's start-up line follows its own line, so a free tier applies to the two
    // lines together (its basis names a run of lines).
    let (cpu, mem, billed_s, cpu_lines, mem_lines) = match run.billing {
        Billing::Request => {
            let (cpu, mem) = (meter(C, "vCPU-second", RunRequestCpu, R), meter(C, "GiB-second", RunRequestMemory, R));
            let active_s = sizing.active_instance_hours_per_month * 3600.0;
            let idle_s = sizing.idle_min_instance_hours_per_month * 3600.0;
            let (cpu_label, mem_label) = active_labels(run.billing_rounding);
            let cpu_lines = bill.charge(cpu, cpu_label, active_s * run.vcpu);
            let cpu_lines =
                cpu_lines.start..bill.charge(cpu, "Cloud Run CPU, instances starting", start_s * run.vcpu).end;
            let mem_lines = bill.charge(mem, mem_label, active_s * run.memory_gib);
            let starting = bill.charge(mem, "Cloud Run memory, instances starting", start_s * run.memory_gib);
            let mem_lines = mem_lines.start..starting.end;
            bill.charge(Meter { price: RunIdleCpu, ..cpu }, "Cloud Run CPU, idle min instances", idle_s * run.vcpu);
            bill.charge(
                Meter { price: RunIdleMemory, ..mem },
                "Cloud Run memory, idle min instances",
                idle_s * run.memory_gib,
            );
            (cpu, mem, active_s, cpu_lines, mem_lines)
        }
        Billing::Instance => {
            let (cpu, mem) = (meter(C, "vCPU-second", RunInstanceCpu, R), meter(C, "GiB-second", RunInstanceMemory, R));
            let instance_s = sizing.instance_hours_per_month * 3600.0;
            let cpu_lines = bill.charge(cpu, "Cloud Run CPU, instance-based", instance_s * run.vcpu);
            let cpu_lines =
                cpu_lines.start..bill.charge(cpu, "Cloud Run CPU, instances starting", start_s * run.vcpu).end;
            let mem_lines = bill.charge(mem, "Cloud Run memory, instance-based", instance_s * run.memory_gib);
            let starting = bill.charge(mem, "Cloud Run memory, instances starting", start_s * run.memory_gib);
            (cpu, mem, instance_s, cpu_lines, mem_lines.start..starting.end)
        }
    };
    let request_lines = match run.billing {
        Billing::Request => bill.charge(requests, "Cloud Run requests", million),
        Billing::Instance => 0..0,
    };
    if scenario.operations.free_tiers {
        let (free_cpu, free_mem) = match run.billing {
            Billing::Request => (RunFreeRequestCpu, RunFreeRequestMemory),
            Billing::Instance => (RunFreeInstanceCpu, RunFreeInstanceMemory),
        };
        let billed_s = billed_s + start_s;
        bill.free(cpu, "Cloud Run free tier, CPU", billed_s * run.vcpu, p.get(free_cpu), cpu_lines);
        bill.free(mem, "Cloud Run free tier, memory", billed_s * run.memory_gib, p.get(free_mem), mem_lines);
        if run.billing == Billing::Request {
            let allowance = p.get(RunFreeRequests) / 1e6;
            bill.free(requests, "Cloud Run free tier, requests", million, allowance, request_lines);
        }
    }
}

fn firestore(bill: &mut Bill, scenario: &Scenario, sizing: &Sizing) {
    use {Component::Firestore as F, PriceId::*};
    const PER: f64 = 1e5;
    let fs = &sizing.firestore;
    let multi = scenario.firestore.location == FirestoreLocation::MultiRegion;
    let pick = |regional, multi_region| if multi { multi_region } else { regional };
    let reads = meter(F, "100,000 reads", pick(FirestoreReadsRegional, FirestoreReadsMultiRegion), Driver::Reads);
    let writes = meter(F, "100,000 writes", pick(FirestoreWritesRegional, FirestoreWritesMultiRegion), Driver::Writes);
    let deletes =
        meter(F, "100,000 deletes", pick(FirestoreDeletesRegional, FirestoreDeletesMultiRegion), Driver::Deletes);
    let storage = meter(F, "GiB-month", pick(FirestoreStorageRegional, FirestoreStorageMultiRegion), Driver::Storage);
    let read_lines = bill.charge(reads, "Firestore document reads", fs.reads_per_month / PER);
    let write_lines = bill.charge(writes, "Firestore document writes", fs.writes_per_month / PER);
    let delete_lines = bill.charge(deletes, "Firestore document deletes", fs.deletes_per_month / PER);
    let storage_lines = bill.charge(storage, "Firestore stored data", fs.stored_gib);
    if scenario.operations.free_tiers {
        let per_month = |id| bill.prices.get(id) * DAYS_PER_MONTH / PER;
        let (free_reads, free_writes, free_deletes) =
            (per_month(FirestoreFreeReads), per_month(FirestoreFreeWrites), per_month(FirestoreFreeDeletes));
        bill.free(reads, "Firestore free quota, reads", fs.reads_per_month / PER, free_reads, read_lines);
        bill.free(writes, "Firestore free quota, writes", fs.writes_per_month / PER, free_writes, write_lines);
        bill.free(deletes, "Firestore free quota, deletes", fs.deletes_per_month / PER, free_deletes, delete_lines);
        let free_storage = bill.prices.get(FirestoreFreeStorage);
        bill.free(storage, "Firestore free quota, stored data", fs.stored_gib, free_storage, storage_lines);
    }
    if scenario.firestore.pitr {
        bill.charge(
            Meter { price: FirestorePitrStorage, ..storage },
            "Firestore point-in-time recovery",
            fs.stored_gib,
        );
    }
    let copies = f64::from(scenario.firestore.backup_retention_days);
    bill.charge(
        Meter { price: FirestoreBackupStorage, ..storage },
        "Firestore daily backups (full copies kept)",
        fs.stored_gib * copies,
    );
}

/// How Cloud CDN splits the month's responses, as shares of requests and of bytes alike
/// (https://cloud.google.com/cdn/pricing): cacheable responses, hits and misses, go out as cache
/// egress; misses also pay cache fill and load balancer processing; the rest are ordinary
/// internet egress through the load balancer. GET and HEAD requests pay a lookup.
#[derive(Clone, Copy)]
struct CdnSplit {
    /// Share of responses that are cacheable.
    cacheable: f64,
    /// Share of responses served from the cache: `cacheable * hit ratio`.
    hits: f64,
    /// Share of requests that cause a cache lookup.
    lookups: f64,
}

fn cdn_split(scenario: &Scenario, cdn: bool) -> CdnSplit {
    let net = &scenario.network;
    if cdn {
        CdnSplit { cacheable: net.cdn_cacheable_share, hits: net.hit_share(cdn), lookups: net.cdn_lookup_share }
    } else {
        CdnSplit { cacheable: 0.0, hits: 0.0, lookups: 0.0 }
    }
}

/// Internet egress from the origin, in the network tier's price tiers.
fn internet_egress(bill: &mut Bill, scenario: &Scenario, gib: f64) {
    use PriceId::*;
    let egress = meter(Component::Egress, "GiB", EgressStandard, Driver::Egress);
    match scenario.network.tier {
        NetworkTier::Premium => {
            bill.tiered(
                egress,
                &[
                    "Internet egress, Premium, first tier",
                    "Internet egress, Premium, second tier",
                    "Internet egress, Premium, third tier",
                ],
                gib,
                &[
                    (EgressPremiumTier1, Some(EgressPremiumTier1UpTo)),
                    (EgressPremiumTier2, Some(EgressPremiumTier2UpTo)),
                    (EgressPremiumTier3, None),
                ],
            );
        }
        NetworkTier::Standard => {
            let tiers = bill.tiered(
                egress,
                &[
                    "Internet egress, Standard, first tier",
                    "Internet egress, Standard, second tier",
                    "Internet egress, Standard, third tier",
                ],
                gib,
                &[
                    (EgressStandard, Some(EgressStandardTier1UpTo)),
                    (EgressStandardTier2, Some(EgressStandardTier2UpTo)),
                    (EgressStandardTier3, None),
                ],
            );
            if scenario.operations.free_tiers {
                bill.free(egress, "Standard Tier free egress", gib, bill.prices.get(EgressStandardFree), tiers);
            }
        }
    }
}

/// Cloud CDN lines for `split` of the month's responses.
fn cdn_lines(bill: &mut Bill, scenario: &Scenario, sizing: &Sizing, split: CdnSplit) {
    use PriceId::*;
    let cacheable_gib = sizing.egress_gib_per_month * split.cacheable;
    let fill_gib = cacheable_gib * (1.0 - scenario.network.cdn_hit_ratio);
    let cdn = meter(Component::Cdn, "GiB", CdnCacheFill, Driver::Egress);
    bill.tiered(
        cdn,
        &[
            "Cloud CDN cache egress, first tier",
            "Cloud CDN cache egress, second tier",
            "Cloud CDN cache egress, third tier",
        ],
        cacheable_gib,
        &[
            (CdnEgressTier1, Some(CdnEgressTier1UpTo)),
            (CdnEgressTier2, Some(CdnEgressTier2UpTo)),
            (CdnEgressTier3, None),
        ],
    );
    bill.charge(cdn, "Cloud CDN cache fill (misses)", fill_gib);
    let lookups = meter(Component::Cdn, "10,000 requests", CdnLookups, Driver::Requests);
    bill.charge(lookups, "Cloud CDN cache lookups (GET and HEAD)", sizing.requests_per_month * split.lookups / 1e4);
}

/// Cloud Armor Standard: each policy and rule a month, and each request it evaluates
/// (https://cloud.google.com/armor/pricing). Backend security policies evaluate the requests
/// that reach the backend, not Cloud CDN's cache hits; edge security policies are evaluated
/// before the cache, on every request (https://cloud.google.com/armor/docs/security-policy-overview).
fn armor(bill: &mut Bill, scenario: &Scenario, sizing: &Sizing, split: CdnSplit) {
    use {Component::Armor as A, Driver::Requests as R, PriceId::*};
    let net = &scenario.network;
    if net.armor_policies == 0 {
        return;
    }
    bill.charge(meter(A, "policy-month", ArmorPolicy, R), "Cloud Armor policies", f64::from(net.armor_policies));
    bill.charge(meter(A, "rule-month", ArmorRule, R), "Cloud Armor rules", f64::from(net.armor_rules));
    let requests = meter(A, "million requests", ArmorRequests, R);
    match net.armor_policy_type {
        ArmorPolicyType::Backend => {
            let millions = sizing.requests_per_month * (1.0 - split.hits) / 1e6;
            bill.charge(requests, "Cloud Armor requests (backend policy: requests reaching the backend)", millions);
        }
        ArmorPolicyType::Edge => {
            let millions = sizing.requests_per_month / 1e6;
            bill.charge(requests, "Cloud Armor requests (edge policy: every request, cache hits too)", millions);
        }
    }
}

/// The network's lines, with Cloud CDN on when `cdn`.
fn network(bill: &mut Bill, scenario: &Scenario, sizing: &Sizing, cdn: bool) {
    use {Component::LoadBalancing as L, PriceId::*};
    let net = &scenario.network;
    let split = cdn_split(scenario, cdn);
    let extra_rules = f64::from(net.forwarding_rules.saturating_sub(5));
    bill.charge(meter(L, "hour", LbRulesFirst5, Driver::Requests), "Forwarding rules (first 5)", HOURS_PER_MONTH);
    bill.charge(
        meter(L, "rule-hour", LbRuleExtra, Driver::Requests),
        "Forwarding rules beyond 5",
        extra_rules * HOURS_PER_MONTH,
    );
    // Cache hits are served at the edge: the load balancer processes the rest.
    let origin = 1.0 - split.hits;
    let inbound = sizing.requests_per_month * net.request_kib * 1024.0 / BYTES_PER_GIB * origin;
    let processed = meter(L, "GiB", LbDataProcessed, Driver::Requests);
    bill.charge(processed, "Load balancer data processed, inbound", inbound);
    let outbound = sizing.egress_gib_per_month * origin;
    bill.charge(Meter { driver: Driver::Egress, ..processed }, "Load balancer data processed, outbound", outbound);
    internet_egress(bill, scenario, sizing.egress_gib_per_month * (1.0 - split.cacheable));
    if cdn {
        cdn_lines(bill, scenario, sizing, split);
    }
    armor(bill, scenario, sizing, split);
}

/// The Memorystore price for a capacity band (M1 1-4 GB, M2 5-10, M3 11-35, M4 36-100, M5 above).
fn redis_price(tier: RedisTier, size_gb: f64) -> PriceId {
    use PriceId::*;
    let bands = match tier {
        RedisTier::Basic => [RedisBasicM1, RedisBasicM2, RedisBasicM3, RedisBasicM4, RedisBasicM5],
        RedisTier::Standard => [RedisStandardM1, RedisStandardM2, RedisStandardM3, RedisStandardM4, RedisStandardM5],
    };
    let band = [4.0, 10.0, 35.0, 100.0].iter().take_while(|&&end| size_gb > end).count();
    bands[band]
}

fn redis(bill: &mut Bill, scenario: &Scenario) {
    let redis = &scenario.redis;
    if redis.enabled {
        let label = match redis.tier {
            RedisTier::Basic => "Memorystore for Redis, Basic",
            RedisTier::Standard => "Memorystore for Redis, Standard",
        };
        let m = meter(Component::Redis, "GB-hour", redis_price(redis.tier, redis.size_gb), Driver::Requests);
        bill.charge(m, label, redis.size_gb * HOURS_PER_MONTH);
    }
}

fn operations(bill: &mut Bill, scenario: &Scenario, sizing: &Sizing) {
    use {Component::Observability as O, Driver::Requests as R, PriceId::*};
    let ops = &scenario.operations;
    let logs = meter(O, "GiB", LogIngestion, R);
    let metrics = meter(O, "MiB", MetricsTier1, R);
    let log_gib = sizing.requests_per_month * ops.log_bytes_per_request / BYTES_PER_GIB;
    let log_lines = bill.charge(logs, "Cloud Logging ingestion", log_gib);
    let metric_lines = bill.tiered(
        metrics,
        &[
            "Cloud Monitoring metrics, first tier",
            "Cloud Monitoring metrics, second tier",
            "Cloud Monitoring metrics, third tier",
        ],
        ops.metrics_mib_per_month,
        &[(MetricsTier1, Some(MetricsTier1UpTo)), (MetricsTier2, Some(MetricsTier2UpTo)), (MetricsTier3, None)],
    );
    if ops.free_tiers {
        bill.free(logs, "Cloud Logging free allotment", log_gib, bill.prices.get(LogFree), log_lines);
        let (label, allowance) = ("Cloud Monitoring free metrics", bill.prices.get(MetricsFree));
        bill.free(metrics, label, ops.metrics_mib_per_month, allowance, metric_lines);
    }
    for fixed in &ops.fixed_lines {
        bill.line(Component::Fixed, fixed.label.clone(), 1.0, "month", fixed.monthly_usd, R, None);
    }
}

/// What a committed use discount does to the month. Request-based billing's commitments
/// (17% off) apply "to all projects within a specific region": one commitment per region
/// served, each on its own region's spend. Instance-based billing's are flexible (28% or 46%
/// off) and apply "to any region": one commitment over all regions
/// (<https://cloud.google.com/run/cud>). The load is split evenly across regions, so the
/// regional commitments are equal and add up to the single one; the figures here are their
/// sums. (An uneven split, which the model does not make, would make them differ.)
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "Estimate.ts"))]
pub struct Commitment {
    /// Percent off committed spend.
    pub discount_pct: f64,
    /// Commitments bought: one per region under request-based billing, each
    /// `committed_usd_per_hour / commitments`; 1 (flexible, any region) under instance-based.
    pub commitments: u32,
    /// Committed on-demand-equivalent spend, USD per hour, all regions.
    pub committed_usd_per_hour: f64,
    /// Steady (quietest-hour) on-demand Cloud Run spend after the free tier, USD per hour,
    /// all regions.
    pub steady_usd_per_hour: f64,
    /// On-demand usage the commitments cover, USD per month, all regions.
    pub covered_usd_per_month: f64,
    /// Commitment paid for but unused in quiet hours, on-demand USD per month, all regions.
    pub unused_usd_per_month: f64,
}

/// The commitments on Cloud Run spend the free tier (its credit `run_credit_cents`) has not
/// cancelled: each region's commitment is `cud_coverage` times its own steady spend, and covers
/// its own spend hour by hour. Each hour's on-demand spend is scaled by `1 - free credit /
/// month's on-demand spend` (the free tier is a monthly spend-based credit, spread here evenly
/// over the month's spend, every region's alike).
fn commitment(scenario: &Scenario, prices: &Prices, sizing: &Sizing, run_credit_cents: i64) -> Option<Commitment> {
    let instance = scenario.cloud_run.billing == Billing::Instance;
    let id = match (scenario.discounts.cud, instance) {
        (CudTerm::None, _) => return None,
        (CudTerm::OneYear, false) => PriceId::RunCudRequest1y,
        (CudTerm::ThreeYear, false) => PriceId::RunCudRequest3y,
        (CudTerm::OneYear, true) => PriceId::RunCudInstance1y,
        (CudTerm::ThreeYear, true) => PriceId::RunCudInstance3y,
    };
    let rates = run_rates(scenario, prices);
    let r = f64::from(sizing.regions);
    // One region's spend by stretch; every region's is the same (the load is split evenly).
    let gross: Vec<(f64, f64)> = sizing
        .profile
        .iter()
        .map(|s| (s.load.hours_per_day / 24.0, region_spend_per_hour(scenario, &rates, r, s)))
        .collect();
    let month: f64 = gross.iter().map(|&(share, usd)| share * usd).sum::<f64>() * HOURS_PER_MONTH * r;
    let kept = if month > 0.0 { (1.0 - run_credit_cents as f64 / 100.0 / month).max(0.0) } else { 1.0 };
    let spend: Vec<(f64, f64)> = gross.into_iter().map(|(share, usd)| (share, usd * kept)).collect();
    let steady = spend.iter().map(|&(_, usd)| usd).fold(f64::INFINITY, f64::min);
    let steady = if steady.is_finite() { steady } else { 0.0 };
    let committed = steady * scenario.discounts.cud_coverage;
    let covered: f64 = spend.iter().map(|&(share, usd)| share * usd.min(committed)).sum::<f64>() * HOURS_PER_MONTH;
    Some(Commitment {
        discount_pct: prices.get(id),
        commitments: if instance { 1 } else { sizing.regions },
        committed_usd_per_hour: committed * r,
        steady_usd_per_hour: steady * r,
        covered_usd_per_month: covered * r,
        unused_usd_per_month: (committed * HOURS_PER_MONTH - covered) * r,
    })
}

fn discounts(bill: &mut Bill, scenario: &Scenario, commitment: Option<&Commitment>) {
    let d = Component::Discount;
    if let Some(c) = commitment {
        bill.line(
            d,
            "Cloud Run usage covered by the commitment",
            c.covered_usd_per_month,
            "USD on demand",
            -1.0,
            Driver::Requests,
            None,
        );
        let label = match c.commitments {
            1 => format!("Committed use fee ({}% off committed spend)", Num(c.discount_pct)),
            n => {
                format!("Committed use fee ({}% off committed spend, one in each of {n} regions)", Num(c.discount_pct))
            }
        };
        bill.line(
            d,
            label,
            c.committed_usd_per_hour * HOURS_PER_MONTH,
            "USD committed",
            1.0 - c.discount_pct / 100.0,
            Driver::Requests,
            None,
        );
    }
    let pct = scenario.discounts.negotiated_pct;
    if pct > 0.0 {
        let subtotal_usd = bill.total_cents as f64 / 100.0;
        let at = bill.lines.len();
        bill.line(
            d,
            format!("Negotiated discount ({}%)", Num(pct)),
            subtotal_usd,
            "USD",
            -pct / 100.0,
            Driver::Requests,
            None,
        );
        // Tagged when it was itemised (a bill of 0 USD has no such line).
        if let Some(line) = bill.lines.get_mut(at) {
            line.basis = Basis::Negotiated;
        }
    }
}

/// The month's total in cents had the scenario no Cloud CDN: the scenario sized and priced
/// again with the CDN off, since cache hits then reach Cloud Run (more requests, busy time and
/// instances) as well as the load balancer. What the CDN saves is this less the total.
///
/// ```
/// use headroom::model::{PriceBook, Prices, preset, sizing::size, cost::{price, total_without_cdn}};
/// let mut s = preset("phase2-10-customers").unwrap();
/// let prices = Prices::resolve(PriceBook::find(&s.price_book).unwrap(), &s.price_overrides).unwrap();
/// let without = total_without_cdn(&s, &prices);
/// s.network.cdn = false;
/// let total = |lines: &[headroom::model::cost::LineItem]| lines.iter().map(|l| l.amount_cents).sum::<i64>();
/// assert_eq!(without, total(&price(&s, &prices, &size(&s)).lines));
/// ```
pub fn total_without_cdn(scenario: &Scenario, prices: &Prices) -> i64 {
    total_without_cdn_of(scenario, prices, &Demand::of(scenario))
}

/// [`total_without_cdn`] from the scenario's `demand`, when it has been sized already.
pub(crate) fn total_without_cdn_of(scenario: &Scenario, prices: &Prices, demand: &Demand) -> i64 {
    let sizing = size_with_cdn(scenario, demand, Detail::Bill, false);
    bill(scenario, prices, &sizing, Itemise::No, false).0.total_cents
}

/// The month's bill and the commitment behind its discount lines.
pub struct Costing {
    /// Every line, in bill order.
    pub lines: Vec<LineItem>,
    /// The committed use discount, when there is one.
    pub commitment: Option<Commitment>,
    /// The line that took the month past [`MAX_MONTH_CENTS`], if one did (then the amounts
    /// are not to be trusted: sums saturated).
    pub over: Option<Overflow>,
    /// The lines at unconfirmed unit prices (see [`Prices::is_confirmed`]) added up, cents:
    /// a free tier's negative line counts at the price it takes off.
    pub unconfirmed_cents: i64,
    /// Those lines' price ids, each once, in the book's order.
    pub unconfirmed_prices: Vec<PriceId>,
}

/// Prices the sized scenario. The lines add up exactly to the month's total.
///
/// ```
/// use headroom::model::{PriceBook, Prices, preset, sizing::size, cost::price};
/// let s = preset("week9-baseline").unwrap();
/// let prices = Prices::resolve(PriceBook::find(&s.price_book).unwrap(), &s.price_overrides).unwrap();
/// let bill = price(&s, &prices, &size(&s));
/// let egress = bill.lines.iter().find(|l| l.label == "Internet egress, Premium, first tier").unwrap();
/// assert_eq!(egress.amount_cents, 4470); // 400 GB = 372.5 GiB at 0.12 USD
/// assert!(bill.commitment.is_none());
/// ```
pub fn price(scenario: &Scenario, prices: &Prices, sizing: &Sizing) -> Costing {
    let (bill, commitment) = bill(scenario, prices, sizing, Itemise::Yes, scenario.network.cdn);
    Costing {
        lines: bill.lines,
        commitment,
        over: bill.over,
        unconfirmed_cents: bill.unconfirmed_cents,
        unconfirmed_prices: ids(bill.unconfirmed_prices),
    }
}

/// The price ids whose bits are set in `mask` (bit `id as usize`), in the book's order.
fn ids(mut mask: u128) -> Vec<PriceId> {
    let mut ids = Vec::with_capacity(mask.count_ones() as usize);
    while mask != 0 {
        ids.push(PriceId::ALL[mask.trailing_zeros() as usize]);
        mask &= mask - 1;
    }
    ids
}

/// Whether a bill makes lines.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Itemise {
    Yes,
    No,
}

/// The bill, itemised or added up only, with Cloud CDN on when `cdn` (`sizing` sized so),
/// and its commitment.
fn bill<'a>(
    scenario: &Scenario,
    prices: &'a Prices,
    sizing: &Sizing,
    itemise: Itemise,
    cdn: bool,
) -> (Bill<'a>, Option<Commitment>) {
    let mut bill = Bill::new(prices, itemise == Itemise::Yes);
    cloud_run(&mut bill, scenario, sizing);
    firestore(&mut bill, scenario, sizing);
    network(&mut bill, scenario, sizing, cdn);
    redis(&mut bill, scenario);
    operations(&mut bill, scenario, sizing);
    let commitment = commitment(scenario, prices, sizing, bill.run_credit_cents);
    discounts(&mut bill, scenario, commitment.as_ref());
    (bill, commitment)
}

/// The month's total without line items, and the price tiers its tiered charges reach.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    /// The month's total, cents: exactly the sum of [`price`]'s lines.
    pub total_cents: i64,
    /// For each tiered charge (internet egress, Cloud CDN cache egress when on, Cloud
    /// Monitoring metrics), in bill order, the label of the highest tier it reaches (the label
    /// of that tier's line); `None` when it has no quantity.
    pub tiers: Vec<Option<&'static str>>,
}

/// Prices the sized scenario without making lines: the same total as [`price`], faster.
///
/// ```
/// use headroom::model::{PriceBook, Prices, preset, sizing::size, cost::{price, tally}};
/// let s = preset("phase2-10-customers").unwrap();
/// let prices = Prices::resolve(PriceBook::find(&s.price_book).unwrap(), &s.price_overrides).unwrap();
/// let sizing = size(&s);
/// let t = tally(&s, &prices, &sizing);
/// assert_eq!(t.total_cents, price(&s, &prices, &sizing).lines.iter().map(|l| l.amount_cents).sum::<i64>());
/// // 10 customers send 1,863 GiB of internet egress: into the second tier, past 1,024 GiB.
/// assert_eq!(t.tiers[0], Some("Internet egress, Premium, second tier"));
/// ```
pub fn tally(scenario: &Scenario, prices: &Prices, sizing: &Sizing) -> Tally {
    let (bill, _) = bill(scenario, prices, sizing, Itemise::No, scenario.network.cdn);
    Tally { total_cents: bill.total_cents, tiers: bill.tiers }
}
