/**
 * The products of the bill, by the model's component id (their names are the bill's component row's
 * words), and what a comparison row's figures are.
 */
import { outputs, type Output } from './engine';
import type { Row } from './generated/Compare';
import type { Component } from './generated/Estimate';
import { words } from './format';

/** The bill's column that names a line's product (the row with words for every component). */
const productRow = (): Output => outputs().bill.find((row) => row.id === 'component')!;

/** The components in the model's order (the breakdown chart's rows). */
export const components = (): Component[] => productRow().words.map(([tag]) => tag as Component);

/** A product's name for people: `Cloud Run`. */
export const productName = (component: Component): string => words(productRow(), component);

/** A comparison line item's name: its product first, unless its label starts with it (`Cloud Run requests`). */
export function lineName(r: Row): string {
  const product = r.component ? productName(r.component) : '';
  return !product || r.label.startsWith(product) ? r.label : `${product}: ${r.label}`;
}

let comparedById: Map<string, Output> | undefined;

/** The output row whose figures a comparison row's values are (a headline or capacity row, a line's amount, a cohort's share). */
export function outputOf(row: Row): Output {
  const { comparison, bill, customers } = outputs();
  comparedById ??= new Map([...bill, ...customers, ...comparison].map((o) => [o.id, o]));
  return comparedById.get(row.id)!;
}
