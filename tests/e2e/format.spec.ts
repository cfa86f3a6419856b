/**
 * The page's one formatter (www/src/format.ts) on its own, against hand-written cases: the same
 * cases the model's formatter (src/model/outputs/show.rs) is held to, and the page's own
 * helpers. No page is opened.
 */
import { expect, test } from '@playwright/test';
import { converted, DASH, figure, money, num, percent, shown, usd, valueAt, type Output } from '../../www/src/format.ts';

/** A row of the model's outputs with only what formatting reads. */
const row = (unit: Output['unit'], symbol = '', precision = 0, absent = '', words: [string, string][] = []): Output =>
  ({ id: 'x', label: 'X', unit, symbol, precision, absent, words, note: '', converted: '' });

test('each unit kind as people read it (the model formatter\'s cases)', () => {
  const cases: [Output, unknown, string][] = [
    [row('cents', '', 2), -123_456_789, '-$1,234,567.89'],
    [row('cents', '', 2), 5, '$0.05'],
    [row('usd', '', 8), 0.000024, '$0.000024'],
    [row('usd', '', 2), 48_000, '$48,000.00'],
    [row('usd', '', 8), -0.5, '-$0.50'],
    [row('percent', '', 1), 95.54, '95.5%'],
    [row('percent', '', 1), -1234, '-1,234.0%'],
    [row('fraction', '', 1), 0.4567, '45.7%'],
    [row('ratio', '', 2), 1.8549, '1.85×'],
    [row('ratio', '', 2), 2, '2.00×'],
    [row('rate', 'QPS', 1), 1234.56, '1,234.6 QPS'],
    [row('count'), 1_000_000, '1,000,000'],
    [row('duration', 'ms', 0, 'saturated'), null, 'saturated'],
    [row('duration', 'ms', 1), 120.54, '120.5 ms'],
    [row('percent', '', 1), null, DASH],
    [row('text'), 'CPU', 'CPU'],
  ];
  for (const [r, value, text] of cases) expect(figure(r, value), `${r.unit} ${String(value)}`).toBe(text);
});

test('a text figure shows its words, a missing value its row\'s words or a dash', () => {
  const product = row('text', '', 0, '', [['cloudRun', 'Cloud Run'], ['cdn', 'Cloud CDN']]);
  expect(figure(product, 'cdn')).toBe('Cloud CDN');
  expect(figure(product, 'other')).toBe('other');
  expect(figure(row('ratio', '', 1), undefined)).toBe(DASH);
  expect(figure(row('text', '', 0, 'none'), undefined)).toBe('none');
});

test('a figure is read by its id, a JSON path', () => {
  const estimate = { totals: { monthlyCostCents: 123456 }, findings: [{ severity: 'high' }], sizing: { firestore: { storedGib: 2.5 } } };
  expect(valueAt(estimate, 'findings[0].severity')).toBe('high');
  expect(valueAt(estimate, 'findings[1].severity')).toBeUndefined();
  expect(shown({ ...row('cents', '', 2), id: 'totals.monthlyCostCents' }, estimate)).toBe('$1,234.56');
  expect(shown({ ...row('bytes', 'GiB', 2), id: 'sizing.firestore.storedGib' }, estimate)).toBe('2.5 GiB');
});

test('money, dollars, percents, numbers and converted amounts', () => {
  expect(money(0)).toBe('$0.00');
  expect(money(-432)).toBe('-$4.32');
  expect(money(100_000_000_00)).toBe('$100,000,000.00');
  expect(usd(0.1)).toBe('$0.10');
  expect(percent(-0.04)).toBe('0.0%');
  expect(percent(12.25, 2)).toBe('12.25%');
  expect(num(1234.5678, 2)).toBe('1,234.57');
  expect(num(2.5)).toBe('3');
  expect(converted({ minorUnits: 113_580, code: 'EUR' }, 2)).toBe('€1,135.80');
  expect(converted({ minorUnits: 193_048, code: 'JPY' }, 0)).toBe('¥193,048');
});
