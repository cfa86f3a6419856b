/**
 * The page's one piece of state: the Planner handle. Every change goes through here and is
 * followed by one render of every panel from the new estimate, with what moved when the model
 * said (a value set): panels bring only those inputs in line.
 */
import type { Changes, Panel } from './dom';
import type { Estimate, FieldValue, ListChange, Planner, Scenario, Update, Warning } from './engine';

/** What a change to the pins moved: nothing in the scenario. */
const PINS: Changes = new Map([['pins', null]]);

/** An update's moved values by path. */
const changesOf = (update: Update): Changes => new Map(update.changed.map((c) => [c.path, c.value]));

/** The planner behind the page, and the panels that show it. */
export class Session {
  private panels: readonly Panel[] = [];
  /** The planner's link, read once per change (the tools and the address bar all want it). */
  private linked: string | undefined;

  constructor(private planner: Planner) {}

  /** Shows the current estimate in `panels` (and in them only, from now on). */
  show(panels: readonly Panel[]): void {
    this.panels = panels;
    this.render(this.planner.estimate(), true);
  }

  /** The value at `path`: a field or a headline knob. */
  get(path: string): FieldValue {
    return this.planner.get(path);
  }

  /** The current scenario and its pins as a share-link fragment (no `#`); what the tools module takes. */
  link(): string {
    return (this.linked ??= this.planner.link());
  }

  /** The current scenario's sanity warnings (implausible inputs, not refused). */
  warnings(): Warning[] {
    return this.planner.warnings();
  }

  /** The id of the preset on screen, or `undefined` (a link, a file, a changed preset). */
  matchingPreset(): string | undefined {
    return this.planner.matchingPreset();
  }

  /** Pins the current scenario to compare with (A, B, then C); throws the model's `Error` when three are pinned. */
  pin(): void {
    this.planner.pin();
    this.render(this.planner.estimate(), false, PINS);
  }

  /** Removes pin `index` (0 is A). */
  unpin(index: number): void {
    this.planner.unpin(index);
    this.render(this.planner.estimate(), false, PINS);
  }

  /** Names pin `index` (0 is A); throws the model's `Error` naming `pins[index].name` and changes nothing when refused. */
  renamePin(index: number, name: string): void {
    this.planner.renamePin(index, name);
    this.render(this.planner.estimate(), false, PINS);
  }

  /** How many scenarios are pinned. */
  pinCount(): number {
    return this.planner.pinCount();
  }

  /** The pinned scenarios, A first (a costly conversion: for exports). */
  pins(): Scenario[] {
    return this.planner.pins();
  }

  /** The whole scenario (a costly conversion: for rare events, not slider ticks). */
  scenario(): Scenario {
    return this.planner.scenario();
  }

  /** The current estimate. */
  estimate(): Estimate {
    return this.planner.estimate();
  }

  /** Sets one value; throws the model's `Error` and changes nothing when it is refused. */
  set(path: string, value: FieldValue): void {
    const update = this.planner.set(path, value);
    this.render(update.estimate, false, changesOf(update));
  }

  /** Sets several values in order, all or none (a saving applied); throws the model's `Error` and changes nothing when one is refused. */
  setAll(changes: { path: string; value: FieldValue }[]): void {
    const update = this.planner.setAll(changes);
    this.render(update.estimate, false, changesOf(update));
  }

  /** Adds or removes a cohort or fixed line; throws the model's `Error` when refused. */
  edit(change: ListChange): void {
    this.render(this.planner.edit(change), true);
  }

  /** Opens preset `id` in place of the scenario, keeping the pins. */
  openPreset(id: string): void {
    this.render(this.planner.openPreset(id), true);
  }

  /** Replaces the scenario with a share link's (a cohort added whole), keeping the pins; throws the model's `Error` when refused. */
  replaceWithLink(fragment: string): void {
    this.render(this.planner.replaceWithLink(fragment), true);
  }

  /**
   * Replaces the scenario and the pins with `planner`'s (a link, a saved scenario, a file), once
   * its estimate is read; when that throws, `planner` is freed and the page keeps its scenario.
   */
  open(planner: Planner): void {
    let estimate: Estimate;
    try {
      estimate = planner.estimate();
    } catch (error) {
      planner.free();
      throw error;
    }
    this.planner.free();
    this.planner = planner;
    this.render(estimate, true);
  }

  private render(estimate: Estimate, reset: boolean, changed?: Changes): void {
    this.linked = undefined;
    for (const panel of this.panels) panel.render(estimate, reset, changed);
  }
}
