/**
 * The model's second WebAssembly module (the crate built with its `tools` feature): exports and
 * imports, growth curves, deals, savings, sensitivity and the timeline, which only some visits
 * need, and whatever reads scenario objects (the first module takes scenarios as share links).
 * Each takes the planner's share link (`Session.link()`, pins included), which the page already
 * holds, rather than the scenario as an object. Panels reach it through {@link loadTools}, so
 * neither its code nor its wasm is in the first load.
 */
import init, * as wasm from '../../pkg/tools/headroom_tools.js';
import type { Comparison } from './generated/Compare';
import type { Deal, PriceStep, RuleShare } from './generated/Deal';
import type { Estimate } from './generated/Estimate';
import type { Explanation } from './generated/Explain';
import type { CsvTable, Export } from './generated/Export';
import type { Growth, GrowthPoint, Marker } from './generated/Growth';
import type { Scenario } from './generated/Scenario';
import type { FindingChange, Saving, Savings, Setting } from './generated/Savings';
import type { Tornado, TornadoBar } from './generated/Sensitivity';
import type { Timeline, TimelineMonth } from './generated/Timeline';

export type { Deal, Export, Growth, GrowthPoint, Marker, PriceStep, RuleShare, Timeline, TimelineMonth };
export type { FindingChange, Saving, Savings, Setting, Tornado, TornadoBar };

/** The module's functions, once its wasm is compiled. */
export const tools = {
  /** Sizes and prices a scenario object. */
  evaluate: (scenario: Scenario): Estimate => wasm.evaluate(scenario),
  /** A scenario object as a share-link fragment (no `#`); throws the model's `Error` naming the field. */
  encodeLink: (scenario: Scenario): string => wasm.encodeLink(scenario),
  /**
   * The estimate of a link's scenario as CSV (RFC 4180, UTF-8 with a byte order mark): line items,
   * customers, totals, ranges, timeline, currency, the comparison with its pins (A first) and
   * assumptions.
   */
  exportCsv: (link: string): string => wasm.exportCsv(link),
  /** A link's estimate as CSV tables (bill, customers, sizing, findings, timeline, assumptions, comparison, deal), a file each. */
  exportCsvTables: (link: string): CsvTable[] => wasm.exportCsvTables(link),
  /** The estimate of a link's scenario as a Markdown summary (names escaped), with the comparison with its pins. */
  exportMarkdown: (link: string): string => wasm.exportMarkdown(link),
  /** A link's scenario, its estimate and the comparison with its pins as JSON text (an {@link Export}). */
  exportJson: (link: string): string => wasm.exportJson(link),
  /** The scenario of a JSON export or of a bare scenario; throws the model's `Error` naming the field. */
  importJson: (text: string): Scenario => wasm.importJson(text),
  /** The share link (no `#`) of a JSON export's scenario and pins, or of a bare scenario; throws as `importJson`. */
  importLink: (text: string): string => wasm.importLink(text),
  /**
   * Up to `points` distinct customer counts from 1 to `max`, log-spaced (consecutive at the low
   * end): the growth curve's x values.
   */
  growthCounts: (max: number, points: number): Uint32Array => wasm.growthCounts(max, points),
  /** The growth curve of a link's scenario at `counts` (ascending), in one call into the model. */
  growth: (link: string, counts: Uint32Array): Growth => wasm.growth(link, counts),
  /**
   * A link's deal (`deal.*`) priced: its incremental monthly cost, its share under each
   * allocation rule (the scenario's own the headline), both margins, the lowest ACV keeping the
   * target, the findings and price steps it brings; `null` while the deal has no name. A cohort
   * of the deal's name is the deal (priced as that cohort). Throws the model's `Error` naming the
   * refused field (`deal.likeCohort`, `deal.avgQps`).
   */
  deal: (link: string): Deal | null => wasm.deal(link),
  /**
   * The changes that lower a link's scenario's monthly cost, in one call: the safe ones largest
   * saving first, and apart the ones that break the p95 target or capacity (with why); each saving
   * is the current total less the total with its changes. Throws the model's `Error` naming the field.
   */
  savings: (link: string): Savings => wasm.savings(link),
  /**
   * A link's scenario's tornado: the inputs that, moved down and up by 20%, move the monthly cost and gross
   * margin most (at most 10 bars, largest cost swing first). Throws the model's `Error` naming the field.
   */
  sensitivity: (link: string): Tornado => wasm.sensitivity(link),
  /**
   * A link's pinned scenarios beside its scenario ("Now"), each figure with its difference from A:
   * headline, capacity, line items, cohorts and the inputs that differ.
   */
  comparison: (link: string): Comparison => wasm.comparison(link),
  /**
   * A link's scenario's 12-month timeline: each month's customers live, cost, revenue (ACV recognised monthly
   * from each cohort's go-live month), margin, and the cumulative figures; throws as `evaluate`.
   */
  timeline: (link: string): Timeline => wasm.timeline(link),
  /**
   * How figure `target` (e.g. `totals.monthlyCostCents`) of a share link's scenario is computed, as
   * a tree down to inputs, prices and constants; throws the model's `Error` naming `target`.
   */
  explain: (link: string, target: string): Explanation => wasm.explain(link, target),
  /** Every figure of a share link's scenario that {@link tools.explain} explains, by target id. */
  explainTargets: (link: string): string[] => wasm.explainTargets(link),
};

/** The tools' functions. */
export type Tools = typeof tools;

let loading: Promise<Tools> | undefined;

/** Fetches and compiles the module on the first call; later calls share that one load. */
export function loadTools(): Promise<Tools> {
  loading ??= init().then(() => tools);
  return loading;
}

/** Loads the module from the wasm bytes (Node, tests). */
export function loadToolsSync(bytes: BufferSource): Tools {
  wasm.initSync({ module: bytes });
  return tools;
}
