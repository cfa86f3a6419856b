/**
 * Typed access to the WebAssembly model (its exports carry the ts-rs types, see pkg/headroom.d.ts).
 * The scenario lives in Rust: a control change sends one value with `Planner.set`, which returns
 * the new estimate and every value the change moved, so inputs are brought in line without
 * reading each back; `Planner.get` reads one value when a whole scenario opens. Exports and
 * imports, the growth curve, the deal view, savings, the tornado and the timeline are in the
 * second module (tools.ts), fetched on first use and given the planner's link.
 */
import init, * as wasm from '../../pkg/headroom.js';
import type { FieldValue } from '../../pkg/headroom.js';
import type { Comparison, InputRow, Row } from './generated/Compare';
import type { Changed, Estimate, Update } from './generated/Estimate';
import type { Field } from './generated/Fields';
import type { Output, Outputs } from './generated/Outputs';
import type { PriceBook, PriceEntry } from './generated/PriceBook';
import type { Warning } from './generated/Sanity';
import type { Scenario } from './generated/Scenario';
import type { Tools } from './tools';

export type { Changed, Comparison, Estimate, Field, FieldValue, InputRow, Output, Outputs, PriceBook, PriceEntry, Row, Scenario, Update, Warning };

/** A change to the scenario's lists: cohorts (a prospect, say) and fixed monthly lines. */
export type ListChange =
  | { kind: 'addCohort'; name: string }
  | { kind: 'removeCohort'; index: number }
  | { kind: 'addFixedLine'; label: string; monthlyUsd: number }
  | { kind: 'removeFixedLine'; index: number };

/** Loads the model in the page (fetches the wasm next to the bundle). */
export async function loadEngine(): Promise<void> {
  await init();
}

/**
 * The model's second module (tools.ts: exports, imports, growth curves, deals), its code and
 * wasm fetched and compiled on the first call.
 */
export const tools = async (): Promise<Tools> => (await import('./tools')).loadTools();

/** Loads the model from the wasm bytes (Node, tests). */
export function loadEngineSync(bytes: BufferSource): void {
  wasm.initSync({ module: bytes });
}

/** The model's message for a refused value or link (`Error.message`), or the thrown value as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Ids of the preset scenarios. */
export const presetIds = (): string[] => wasm.presetIds();
/** The preset scenario `id`. */
export const preset = (id: string): Scenario => wasm.preset(id);
/** The embedded price books. */
export const priceBooks = (): PriceBook[] => wasm.priceBooks();
/** The table of the scenario's fields: kind, range, options, unit, label and group of each. */
export const fields = (): Field[] => wasm.fields();
let outputTables: Outputs | undefined;
/** The model's tables of outputs: every figure's id (its JSON path), label, unit and format (read once). */
export const outputs = (): Outputs => (outputTables ??= wasm.outputs());
/** The scenario of a share-link fragment; throws the model's `Error` saying what is wrong. */
export const decodeLink = (fragment: string): Scenario => wasm.decodeLink(fragment);
/** A scenario held in Rust and its estimate; refused changes throw and keep the last good state. */
export class Planner {
  private constructor(private readonly inner: wasm.Planner) {}

  /** A planner for the preset `id`. */
  static fromPreset(id: string): Planner {
    return new Planner(wasm.Planner.fromPreset(id));
  }

  /** A planner for a share-link fragment (with or without `#`); throws the model's `Error`. */
  static fromLink(fragment: string): Planner {
    return new Planner(wasm.Planner.fromLink(fragment));
  }

  /** The current estimate. */
  estimate(): Estimate {
    return this.inner.estimate();
  }

  /** The current scenario. */
  scenario(): Scenario {
    return this.inner.scenario();
  }

  /** The value at `path` (a field such as `customers[2].name`, or a headline knob). */
  get(path: string): FieldValue {
    return this.inner.get(path);
  }

  /** The current scenario and its pins as a share-link fragment (no `#`). */
  link(): string {
    return this.inner.link();
  }

  /** The current scenario's sanity warnings: implausible inputs, each with its field and implied figure. */
  warnings(): Warning[] {
    return this.inner.warnings();
  }

  /** The id of the preset the scenario equals (its pins aside), or `undefined`: for whole-scenario opens. */
  matchingPreset(): string | undefined {
    return this.inner.matchingPreset();
  }

  /** Pins the current scenario as the next comparison column (A, B, then C); throws when three are pinned. */
  pin(): void {
    this.inner.pin();
  }

  /** Removes pin `index` (0 is A); later pins move up a column. */
  unpin(index: number): void {
    this.inner.unpin(index);
  }

  /**
   * Names pin `index` (0 is A): its scenario's name, which heads its column ("A: <name>") and
   * travels in the link; throws the model's `Error` naming `pins[index].name` when refused.
   */
  renamePin(index: number, name: string): void {
    this.inner.renamePin(index, name);
  }

  /** How many scenarios are pinned (0 to 3). */
  pinCount(): number {
    return this.inner.pinCount();
  }

  /** The pinned scenarios, A first. */
  pins(): Scenario[] {
    return this.inner.pins();
  }

  /**
   * Sets one value by path (`customers`, `network.cdnHitRatio`, `priceOverrides.<id>`, ...) and
   * returns the new estimate and every value the change moved (the knobs move cohorts, a
   * cohort's count moves the knobs; `customers[]` is a list's new length); throws the model's
   * `Error` (its message says what is allowed).
   */
  set(path: string, value: FieldValue): Update {
    return this.inner.set(path, value);
  }

  /** Sets several values in order, all or none (a saving's changes); returns what `set` does or throws as it does. */
  setAll(changes: { path: string; value: FieldValue }[]): Update {
    return this.inner.setAll(changes);
  }

  /** Adds or removes a cohort or a fixed line; returns the new estimate or throws as `set` does. */
  edit(change: ListChange): Estimate {
    switch (change.kind) {
      case 'addCohort':
        return this.inner.addCohort(change.name);
      case 'removeCohort':
        return this.inner.removeCohort(change.index);
      case 'addFixedLine':
        return this.inner.addFixedLine(change.label, change.monthlyUsd);
      case 'removeFixedLine':
        return this.inner.removeFixedLine(change.index);
    }
  }

  /** Opens preset `id` in place of the scenario, keeping the pins; returns the new estimate. */
  openPreset(id: string): Estimate {
    return this.inner.openPreset(id);
  }

  /**
   * Replaces the scenario with a share link's (from the tools module's `encodeLink`), keeping the
   * pins; returns the new estimate or throws (keeping the last good state).
   */
  replaceWithLink(fragment: string): Estimate {
    return this.inner.replaceWithLink(fragment);
  }

  /** Frees the Rust side; the planner is unusable afterwards. */
  free(): void {
    this.inner.free();
  }
}
