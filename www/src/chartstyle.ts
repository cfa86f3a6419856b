/** What every chart of the page shares: ink, grid and font of its axes, and its plot height. */

/** Axis text and lines. */
export const INK = '#1f2933';
/** Grid lines. */
export const GRID = '#e4e7eb';
/** Axis labels. */
export const FONT = '12px system-ui, sans-serif';
/** Height of a line chart, CSS px. */
export const CHART_HEIGHT = 180;

/**
 * The width to draw a chart in `box` at, CSS px: its own, or, while its section is hidden (not
 * laid out, 0 wide), about a printed page's, so a chart built or resized out of sight still
 * prints (print scales it to the page).
 */
export const widthOf = (box: HTMLElement): number => box.clientWidth || 700;
