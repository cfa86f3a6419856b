/**
 * The Quote view: the deal as a page to show the prospect (dealtext.ts's words), printable on
 * one page ("Print the quote": the print style sheet's `quote` layout prints this view alone), and
 * the same text as Markdown or HTML for pasting into a proposal. It names the prospect only and
 * holds nothing internal; "Show our cost" makes the internal review copy. Without a deal it says
 * how to make one.
 */
import { localDate } from './download';
import { quoteMarkdown, quoteOf, type Quote } from './dealtext';
import { h, setText, type Panel } from './dom';
import { messageOf, type PriceBook } from './engine';
import { PRINT_EVENT, REDRAW_MS, visibleFrames } from './frame';
import type { Session } from './session';
import type { ShowSection } from './shell/sections';
import type { Tools } from './tools';

/** The quote as elements: title, intro, then each section's heading and sentences. */
function render(article: HTMLElement, q: Quote): void {
  article.replaceChildren(
    h('h3', { className: 'quote-title' }, q.title),
    h('p', { className: 'quote-intro' }, q.intro),
    ...q.sections.flatMap((s) => [h('h4', {}, s.heading), h('ul', {}, ...s.lines.map((line) => h('li', {}, line)))]),
  );
}

/** Builds the Quote view in `root`, priced with `tools`; `show` opens the Deal. */
export function createQuote(root: HTMLElement, session: Session, tools: Tools, books: readonly PriceBook[], show: ShowSection): Panel {
  const internal = h('input', { type: 'checkbox', id: 'quote-internal' });
  const printButton = h('button', { type: 'button' }, 'Print the quote');
  const copyMd = h('button', { type: 'button' }, 'Copy as Markdown');
  const copyHtml = h('button', { type: 'button' }, 'Copy as HTML');
  const status = h('p', { className: 'hint', attrs: { role: 'status' } });
  const bar = h(
    'div',
    { className: 'quote-tools' },
    h('div', { className: 'field check' }, internal, h('label', { htmlFor: internal.id }, 'Show our cost (internal review copy)')),
    h('div', { className: 'deal-actions' }, printButton, copyMd, copyHtml),
    status,
  );
  const article = h('article', { className: 'quote', attrs: { 'aria-label': 'The quote' } });
  const markdown = h('textarea', { className: 'quote-markdown', readOnly: true, rows: 12, attrs: { 'aria-label': 'The quote as Markdown' } });
  const source = h('details', { className: 'quote-source' }, h('summary', {}, 'The quote as Markdown'), markdown);
  const openDeal = h('button', { type: 'button' }, 'Open the deal');
  const none = h('div', { className: 'quote-none', hidden: true }, h('p', {}, "No deal yet: give the prospect's name and usage in the Deal section."), openDeal);
  root.append(bar, none, article, source);
  openDeal.addEventListener('click', () => show('deal'));

  const draw = () => {
    const scenario = session.scenario();
    let deal;
    try {
      deal = tools.deal(session.link());
    } catch (error) {
      setText(status, `Not priced: ${messageOf(error)}`);
      return;
    }
    none.hidden = deal !== null;
    for (const el of [bar, article, source]) el.hidden = deal === null;
    if (!deal) return;
    const found = books.find((b) => b.id === scenario.priceBook);
    const book = { id: scenario.priceBook, seen: found?.seen ?? '' };
    const q = quoteOf({ deal, scenario, book, date: localDate(new Date()), internal: internal.checked });
    render(article, q);
    markdown.value = quoteMarkdown(q);
  };
  const request = visibleFrames(root, draw, REDRAW_MS);
  internal.addEventListener('change', draw);

  printButton.addEventListener('click', () => {
    const before = document.body.dataset.print;
    document.body.dataset.print = 'quote';
    addEventListener('afterprint', () => (document.body.dataset.print = before), { once: true });
    dispatchEvent(new Event(PRINT_EVENT));
    print();
  });
  const copy = async (items: Record<string, string>, what: string) => {
    try {
      await navigator.clipboard.write([new ClipboardItem(Object.fromEntries(Object.entries(items).map(([type, text]) => [type, new Blob([text], { type })])))]);
      setText(status, `Copied as ${what}.`);
    } catch (error) {
      setText(status, `Not copied: ${messageOf(error)}. Select the text instead.`);
    }
  };
  copyMd.addEventListener('click', () => void copy({ 'text/plain': markdown.value }, 'Markdown'));
  copyHtml.addEventListener('click', () => void copy({ 'text/html': article.outerHTML, 'text/plain': article.innerText }, 'HTML'));

  return { render: () => request() };
}
