/** The explanation as words: a figure with its unit, a source, and the whole tree as indented plain text. */
import type { Node as Step, Source } from '../generated/Explain';

const plain = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** A node's figure with its unit: USD as money, others to six significant digits; a dash when there is none. */
export function figureText({ figure, unit }: Step): string {
  if (figure === null) return '—';
  if (unit === 'USD') return usd.format(figure);
  return unit ? `${plain.format(figure)} ${unit}` : plain.format(figure);
}

/** Where a price or a constant comes from, in one line. */
export function sourceText(source: Source): string {
  switch (source.kind) {
    case 'price': {
      const state = source.confirmed ? 'confirmed' : 'unconfirmed';
      const override = source.override === null ? '' : `; overridden (the book says ${source.bookValue})`;
      return `Price ${source.id} of ${source.book}, seen ${source.seen}, ${state}${override}: ${source.source}`;
    }
    case 'constant':
      return source.note ? `Constant: ${source.note}` : 'Constant';
    case 'input':
      return `Input ${source.path}`;
    case 'figure':
      return `See ${source.id}`;
    default:
      return '';
  }
}

/** The tree as indented plain text: two spaces a level, each line `label: figure`, then its formula and source. */
export function explanationText(root: Step): string {
  const lines: string[] = [];
  const walk = (step: Step, depth: number) => {
    const pad = '  '.repeat(depth);
    lines.push(`${pad}${step.label}: ${figureText(step)}`);
    if (step.formula) lines.push(`${pad}  = ${step.formula}`);
    const source = sourceText(step.source);
    if (source) lines.push(`${pad}  (${source})`);
    for (const child of step.children) walk(child, depth + 1);
  };
  walk(root, 0);
  return `${lines.join('\n')}\n`;
}
