/**
 * The model's table of the scenario's fields, as the page uses it: every input's kind, range,
 * options, label and unit come from here (nothing of it is repeated in TypeScript).
 */
import type { Field } from './engine';

/** The rows by path pattern (`customers[].profile.acvUsd`, `priceOverrides.*`). */
export type FieldTable = ReadonlyMap<string, Field>;

/** Indexes the rows of `fields()` by path pattern. */
export function fieldTable(rows: readonly Field[]): FieldTable {
  return new Map(rows.map((row) => [row.path, row]));
}

/** The pattern of a concrete path: `customers[2].name` → `customers[].name`, `priceOverrides.x` → `priceOverrides.*`. */
function patternOf(path: string): string {
  return path.startsWith('priceOverrides.') ? 'priceOverrides.*' : path.replace(/\[\d+\]/g, '[]');
}

/** The row of `path` (concrete or pattern); throws when the table has none (a page bug). */
export function rowOf(table: FieldTable, path: string): Field {
  const row = table.get(patternOf(path));
  if (!row) throw new Error(`no field ${path} in the model's table`);
  return row;
}

/** The rows of `group`, in table order. */
export function rowsIn(table: FieldTable, group: string): Field[] {
  return [...table.values()].filter((row) => row.group === group);
}

/** Words of a unit or label, lower case (`GB/month` → `gb`, `month`). */
const words = (text: string) => text.toLowerCase().match(/[a-z]+/g) ?? [];

/**
 * What follows a row's label in parentheses: its unit unless the label already says it
 * (`Egress GB per month` needs no `GB/month`), else for a unitless fraction-like number its range
 * (`0 to 1`), and for a list how to write it; empty when nothing needs saying.
 */
function qualifier(row: Field): string {
  if (row.kind === 'list') return 'comma-separated';
  if (row.unit) {
    const said = new Set(words(row.label));
    const unitWords = words(row.unit);
    const already = unitWords.length > 0 ? unitWords.every((w) => said.has(w)) : row.label.includes(row.unit);
    return already ? '' : row.unit;
  }
  return row.kind === 'number' ? `${row.min} to ${row.max}` : '';
}

/** A row's label for people: `Service time per request (ms)`, `Regions (comma-separated)`. */
export function labelOf(row: Field): string {
  const extra = qualifier(row);
  return extra ? `${row.label} (${extra})` : row.label;
}
