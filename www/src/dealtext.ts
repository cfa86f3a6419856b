/**
 * The deal in words: the Deal view's one-sentence answer, and the quote a rep shows the prospect
 * (its sections as plain text, and the same text as Markdown for a proposal). The quote names only
 * the prospect and holds nothing internal (no other customer, cost or margin) unless `internal`
 * asks for the review copy's "Our cost" section.
 */
import type { Scenario } from './engine';
import { money, num, percent } from './format';
import type { Allocation } from './generated/Scenario';
import type { Deal } from './tools';

/** Each allocation rule's share of a deal, for people. */
export const RULES: Record<Allocation, string> = { equal: 'Equal share', byUsage: 'Share by usage', byAcv: 'Share by ACV' };

/** USD as money to the cent. */
export const usd = (x: number): string => money(Math.round(x * 100));

/** The deal's share under the scenario's own rule. */
const headlineShare = (d: Deal) => d.allocated.find((r) => r.rule === d.headlineRule)!;

/**
 * The answer in one sentence: "Acme costs $X a month (share by usage, the scenario's rule;
 * incremental $Y); at ACV $36,000.00 the margin is Z%; the lowest ACV for 75.0% is $W." Where the
 * cost follows the ACV so that any ACV keeps the target, it says so in words.
 */
export function dealHeadline(d: Deal): string {
  const share = headlineShare(d);
  const rule = RULES[d.headlineRule].toLowerCase();
  const target = percent(d.targetMarginPct);
  const margin = share.grossMarginPct === null ? `at ACV ${usd(d.acvUsd)} there is no revenue to keep a margin` : `at ACV ${usd(d.acvUsd)} the margin is ${percent(share.grossMarginPct)}`;
  const lowest = share.minAcvUsd === null ? `any ACV keeps ${target}, as under ${rule} its cost follows its ACV` : `the lowest ACV for ${target} is ${usd(share.minAcvUsd)}`;
  return `${d.name} costs ${money(share.allocatedMonthlyCents)} a month (${rule}, the scenario's rule; incremental ${money(d.incrementalMonthlyCents)}); ${margin}; ${lowest}.`;
}

/** A quote: its title, a line under it, and sections of sentences. */
export interface Quote {
  title: string;
  intro: string;
  sections: { heading: string; lines: string[] }[];
}

/** What a quote is made of besides the deal. */
export interface QuoteSources {
  deal: Deal;
  scenario: Scenario;
  /** The price book's id and the date its prices were seen (`YYYY-MM-DD`). */
  book: { id: string; seen: string };
  /** The day it is prepared (`YYYY-MM-DD`). */
  date: string;
  /** The review copy: adds "Our cost". */
  internal: boolean;
}

/** `a, b and c`. */
const listed = (items: readonly string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/** The headroom at peak in plain words, from the service's capacity over its peak load. */
function headroomWords(ratio: number | null): string {
  if (ratio === null) return 'The service carries no load at peak yet.';
  if (ratio < 1) return 'As planned the service has no room left at the busiest time; it is made larger before you start.';
  if (ratio < 2) return `At the busiest time of day, with your load included, the service can take ${num((ratio - 1) * 100)}% more traffic before it slows down.`;
  return `At the busiest time of day, with your load included, the service can take ${num(ratio, 1)} times its traffic before it slows down.`;
}

/** The quote for the deal: the prospect's plan, what it is sized for, and the assumptions. */
export function quoteOf({ deal: d, scenario: s, book, date, internal }: QuoteSources): Quote {
  const p = d.profile;
  const regions = s.cloudRun.regions;
  const sized = [
    `Up to ${num(p.peakQps, 2)} requests a second at your busiest time, about ${num(p.avgQps, 2)} a second on average over the day.`,
    `${num(p.egressGbPerMonth, 2)} GB a month of data sent to your users${p.storedGb > 0 ? `, and ${num(p.storedGb, 2)} GB of your data stored` : ''}.`,
    `Served from ${regions.length === 1 ? `1 region (${regions[0]})` : `${regions.length} regions: ${listed(regions)}`}.`,
    `Response time: 95% of requests answered within ${num(d.latencyTargetP95Ms)} ms${d.latencyP95Ms === null ? '' : ` (about ${num(d.latencyP95Ms)} ms expected at your busiest time)`}.`,
    headroomWords(d.headroomRatio),
  ];
  const basis = s.deal.basis;
  const shape =
    basis === 'likeCohort'
      ? 'Your usage is taken to be like that of one of our existing customers of your kind.'
      : basis === 'timesTypical'
        ? `Your usage is taken to be ${num(s.deal.timesTypical, 2)} times that of our typical customer.`
        : s.deal.ownRatios
          ? 'The average load, database use and processing per request are as you told us.'
          : 'The average load over the day, database use and processing per request follow our typical customer.';
  const sections = [
    { heading: 'Your plan', lines: [`${usd(d.acvUsd)} a year (${money(d.monthlyRevenueCents)} a month).`] },
    { heading: 'What the service is sized for', lines: sized },
    {
      heading: 'Assumptions',
      lines: [
        shape,
        'Usage well beyond the figures above is quoted again.',
        `Amounts are in US dollars, before taxes, based on Google Cloud list prices as of ${book.seen}.`,
      ],
    },
  ];
  if (internal) {
    const share = headlineShare(d);
    sections.push({
      heading: 'Our cost (internal review copy)',
      lines: [
        `Our cost: ${money(share.allocatedMonthlyCents)} a month (${RULES[d.headlineRule].toLowerCase()}), ${money(d.incrementalMonthlyCents)} incremental.`,
        `Margin at this ACV: ${percent(share.grossMarginPct)}; lowest ACV for ${percent(d.targetMarginPct)}: ${share.minAcvUsd === null ? 'any' : usd(share.minAcvUsd)}.`,
      ],
    });
  }
  return {
    title: `Quote for ${d.name}`,
    intro: `Prepared on ${date} (price book ${book.id}).`,
    sections,
  };
}

/** Text made inert in Markdown: its markup characters escaped, line breaks as spaces. */
const inert = (text: string) => text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>|#~$&!]/g, '\\$&');

/** The quote as Markdown for pasting into a proposal: the same words, names escaped. */
export function quoteMarkdown(q: Quote): string {
  const sections = q.sections.map((s) => `## ${inert(s.heading)}\n\n${s.lines.map((l) => `- ${inert(l)}`).join('\n')}\n`);
  return [`# ${inert(q.title)}\n`, `${inert(q.intro)}\n`, ...sections].join('\n');
}
