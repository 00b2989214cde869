export { reconcile, type ReconcileOptions } from './reconcile.ts';
export { reconcileDocument, reconcileInput } from './input.ts';
export type { Conflict, ConflictSide, Fact, ReconcileDocument, ReconcileInput, ReconcileSentence, Reconciliation } from './types.ts';
