/**
 * The panels that draw with uPlot, loaded together as one chunk after the first figures: the
 * breakdown by product and the growth curve.
 */
export { createBreakdown } from './breakdown';
export { createGrowth } from './growth';
