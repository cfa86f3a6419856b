/** What the infrastructure must be for the load: instances, capacity, latency, Firestore rates. */
import { h, setText, type Panel } from './dom';
import { explainable } from './explain/hook';
import type { Estimate } from './engine';
import { DASH, num, percent } from './format';

type Sizing = Estimate['sizing'];

/** Response times are null when the service is saturated (utilisation 1 or more). */
const ms = (x: number | null) => (x === null ? 'saturated' : `${num(x)} ms`);

const FIGURES: [label: string, value: (s: Sizing) => string][] = [
  ['Peak load', (s) => `${num(s.peakQps, 1)} QPS`],
  ['Peak reaching Cloud Run', (s) => `${num(s.originPeakQps, 1)} QPS (${percent(s.originShare * 100)}; the CDN serves the rest)`],
  [
    'Capacity at max instances',
    (s) => `${num(s.capacityQps)} QPS at the autoscaler's target (${s.capacityBound === 'cpu' ? 'CPU-bound' : 'concurrency-bound'})`,
  ],
  [
    'Capacity at the p95 target',
    (s) => (s.latencyCapacityQps === null ? `at least ${num(s.capacityQps)} QPS (the autoscaler's target binds first)` : `${num(s.latencyCapacityQps)} QPS`),
  ],
  [
    'Headroom',
    (s) =>
      s.headroomRatio === null
        ? DASH
        : `${num(s.headroomRatio, 1)}× (${num(s.headroomQps)} QPS; ${s.headroomBinds === 'latencyTarget' ? 'the p95 target binds' : "the autoscaler's target binds"})`,
  ],
  ['Utilisation at peak', (s) => percent(s.utilizationAtPeak * 100)],
  ['CPU at peak', (s) => percent(s.cpuUtilizationAtPeak * 100)],
  ['Regions', (s) => num(s.regions)],
  ['Instances per region at peak', (s) => num(s.instancesAtPeak)],
  ['Instances per region, quiet hours', (s) => num(s.instancesQuiet)],
  ['Latency p50 at peak', (s) => ms(s.latencyP50Ms)],
  ['Latency p95 at peak', (s) => ms(s.latencyP95Ms)],
  ['Latency p99 at peak', (s) => ms(s.latencyP99Ms)],
  ['Requests in flight at peak', (s) => (s.inFlightAtPeak === null ? 'saturated' : num(s.inFlightAtPeak, 1))],
  [
    'Firestore at peak',
    ({ firestore: f }) =>
      `${num(f.peakReadsPerS + f.peakWritesPerS + f.peakDeletesPerS, 1)} ops/s (${num(f.peakReadsPerS, 1)} reads, ${num(f.peakWritesPerS, 1)} writes, ${num(f.peakDeletesPerS, 2)} deletes)`,
  ],
];

/** The model's id of each figure, by label, whose explanation a click or Enter opens. */
const EXPLAIN: Record<string, string> = {
  'Peak load': 'sizing.peakQps',
  'Peak reaching Cloud Run': 'sizing.originPeakQps',
  'Capacity at max instances': 'sizing.capacityQps',
  'Capacity at the p95 target': 'sizing.headroomQps',
  'Headroom': 'sizing.headroomRatio',
  'Utilisation at peak': 'sizing.utilizationAtPeak',
  'CPU at peak': 'sizing.cpuUtilizationAtPeak',
  'Regions': 'sizing.regions',
  'Instances per region at peak': 'sizing.instancesAtPeak',
  'Instances per region, quiet hours': 'sizing.instancesQuiet',
  'Latency p50 at peak': 'sizing.latencyP50Ms',
  'Latency p95 at peak': 'sizing.latencyP95Ms',
  'Latency p99 at peak': 'sizing.latencyP99Ms',
  'Requests in flight at peak': 'sizing.inFlightAtPeak',
  'Firestore at peak': 'findings.firestore-ramp',
};

/** Builds the list of sizing figures in `root`. */
export function createSizing(root: HTMLElement): Panel {
  const values = FIGURES.map(([label]) => {
    const dd = h('dd');
    const row = h('div', {}, h('dt', {}, label), dd);
    if (EXPLAIN[label]) explainable(row, EXPLAIN[label]);
    root.append(row);
    return dd;
  });
  return {
    render({ sizing }) {
      FIGURES.forEach(([, value], i) => setText(values[i]!, value(sizing)));
    },
  };
}
