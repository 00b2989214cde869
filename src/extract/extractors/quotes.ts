/** Direct quotations and their speakers: see quotes/index.ts. */
export { quoteExtractor } from './quotes/index.ts';
export { findQuotations } from './quotes/marks.ts';
