/** The products of the bill, by the model's component id, in the order the model lists them. */
import type { Row } from './generated/Compare';
import type { Component } from './generated/Estimate';

/** Display names, in the model's order (the breakdown chart's rows). */
export const COMPONENTS: Record<Component, string> = {
  cloudRun: 'Cloud Run',
  firestore: 'Firestore',
  loadBalancing: 'Load balancing',
  egress: 'Internet egress',
  cdn: 'Cloud CDN',
  armor: 'Cloud Armor',
  redis: 'Redis',
  observability: 'Logs, metrics',
  fixed: 'Fixed lines',
  discount: 'Discounts',
};

/** A comparison line item's name: its product first, unless its label starts with it (`Cloud Run requests`). */
export function lineName(r: Row): string {
  const product = r.component ? COMPONENTS[r.component] : '';
  return !product || r.label.startsWith(product) ? r.label : `${product}: ${r.label}`;
}
