/**
 * Wiring: loads the model and shows the first preset's headline figures, then (once the chart's
 * chunk is in) builds the other panels and the controls. The only state is the Planner handle;
 * every panel renders from the one estimate it is given.
 */
import { createControls } from './controls';
import { byId, type Panel } from './dom';
import { loadEngine, Planner, preset, presetIds, priceBooks, type Estimate } from './engine';
import { createFindings } from './findings';
import { createHeadline } from './headline';
import { createSizing } from './sizing';
import './style.css';

await loadEngine();
const ids = presetIds();
let planner = Planner.fromPreset(ids[0]!);

const headline = createHeadline(byId('figures'));
headline.render(planner.estimate());
performance.mark('headroom:first-figures');

// The chart library (in its own chunk) is fetched and evaluated after the first figures.
const { createBreakdown } = await import('./breakdown');
const panels: Panel[] = [
  headline,
  createBreakdown(byId('breakdown')),
  createSizing(byId('sizing')),
  createFindings(byId('findings') as HTMLUListElement, byId('no-findings')),
];
const render = (estimate: Estimate) => panels.forEach((panel) => panel.render(estimate));
render(planner.estimate());

createControls(
  byId('controls'),
  byId('advanced') as HTMLDetailsElement,
  ids.map((id) => [id, preset(id).name]),
  priceBooks(),
  {
    set: (path, value) => render(planner.set(path, value)),
    edit: (change) => render(planner.edit(change)),
    load(id) {
      planner.free();
      planner = Planner.fromPreset(id);
      render(planner.estimate());
    },
    scenario: () => planner.scenario(),
    knobs: () => planner.knobs(),
  },
);
