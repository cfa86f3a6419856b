/**
 * Cells of the XLSX workbook: number formats, formulas with their cached results, input cells,
 * and a sheet writer. Part of the XLSX chunk (loaded on the first "Export XLSX").
 */
import type { Workbook, Worksheet } from '@cj-tech-master/excelts';
import type { Output } from '../engine';

/** Dollars with cents: `$1,234.56`, `-$4.32`. */
export const USD = '"$"#,##0.00';
/** Unit prices, with as many decimals as they have (up to 8): `$0.000024`. */
export const UNIT_PRICE = '"$"#,##0.00######';
/** Percents as fractions: 0.955 shows as `95.5%`. */
export const PERCENT = '0.0%';
/** A share with more places: 0.12345 shows as `12.345%`. */
export const SHARE = '0.000%';
/** Whole numbers with thousands separators. */
export const WHOLE = '#,##0';
/** Quantities and rates. */
export const DECIMAL = '#,##0.00';
/** Quantities as precise as they are, up to 6 decimals. */
export const QUANTITY = '#,##0.00####';
/** A ratio such as headroom: `1.85×`. */
export const RATIO = '0.00"×"';
/** Milliseconds: `120.5 ms`. */
export const MS = '#,##0.0" ms"';

/** A formula with the model's figure as its cached result, so a viewer that does not recalculate shows it. */
export interface Formula {
  formula: string;
  result: number | string;
}
export type Value = string | number | Formula | null;
/** A cell's value, its number format, and whether it is an input a user may change. */
export interface Cell {
  value: Value;
  format?: string;
  input?: boolean;
}
/** A column: its heading, width (characters) and the number format of its cells, if any. */
export interface Column {
  head: string;
  width: number;
  format?: string;
}

/** The label of the output row `id` of `table` (the model's name for the figure). */
export function labelOf(table: readonly Output[], id: string): string {
  const row = table.find((r) => r.id === id);
  if (!row) throw new Error(`no output row ${id}`);
  return row.label;
}

/** Columns from `[heading, width]` pairs. */
export const columns = (...list: readonly (readonly [string, number])[]): Column[] => list.map(([head, width]) => ({ head, width }));

/** A cell, with `format` when it is a number or formula. */
export const cell = (value: Value, format?: string): Cell => (format === undefined ? { value } : { value, format });
/** An input cell: a number a user may change, styled as an input; formulas elsewhere follow it. */
export const input = (value: number, format?: string): Cell => ({ ...cell(value, format), input: true });
/** A formula cell with its cached result. */
export const formula = (text: string, result: number | string | null, format?: string): Cell =>
  cell({ formula: text, result: result ?? '' }, format);
/** Dollars from integer cents, or null for "not applicable". */
export const dollars = (cents: number | null) => (cents === null ? null : cents / 100);
/** A fraction from a percent, or null. */
export const fraction = (pct: number | null) => (pct === null ? null : pct / 100);

/** A sheet's name quoted for a reference from another sheet: `'Line items'!`. */
export const sheetRef = (name: string) => `'${name.replace(/'/g, "''")}'!`;
/** Column letter of 0-based column `i` (A to Z, then AA…). */
export const col = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : col(Math.floor(i / 26) - 1) + col(i % 26));

/**
 * `text` with each control character (below U+0020 but tab, LF and CR, which XML cannot hold and
 * the workbook writer would drop; and DEL) shown as its Control Pictures symbol, as the
 * CSV export shows it: a name of only such characters stays visible instead of exporting empty.
 */
const visible = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) => String.fromCharCode(c === '\u007f' ? 0x2421 : 0x2400 + c.charCodeAt(0)));

/** Inputs look like inputs (the spreadsheet convention: blue figures on a pale yellow fill). */
const INPUT_FONT = { color: { argb: 'FF1F4E9A' } };
const INPUT_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFFFF8D6' } };

/**
 * Adds a sheet: a bold header row, then `rows` from row 2; each cell takes its own format, else
 * its column's. Names are string cells: never formulas, whatever they start with.
 */
export function addSheet(book: Workbook, name: string, columns: readonly Column[], rows: readonly (readonly Cell[])[]): Worksheet {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.head, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  rows.forEach((row, r) => {
    row.forEach((item, c) => {
      const target = sheet.getCell(r + 2, c + 1);
      target.value = typeof item.value === 'string' ? visible(item.value) : item.value;
      const format = item.format ?? columns[c]?.format;
      if (format && item.value !== null && typeof item.value !== 'string') target.numFmt = format;
      if (item.input) {
        target.font = INPUT_FONT;
        target.fill = INPUT_FILL;
      }
    });
  });
  return sheet;
}
