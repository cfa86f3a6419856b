/** What every chart of the page shares: ink, grid and font of its axes, and its plot height. */

/** Axis text and lines. */
export const INK = '#1f2933';
/** Grid lines. */
export const GRID = '#e4e7eb';
/** Axis labels. */
export const FONT = '12px system-ui, sans-serif';
/** Height of a line chart, CSS px. */
export const CHART_HEIGHT = 180;
