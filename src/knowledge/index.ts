/**
 * Domain knowledge (forces, organisations, titles, honorifics, monitoring
 * stages, PEEL areas) kept as hand-editable YAML next to this module, loaded
 * once, validated with zod and exposed with types and a few lookup helpers.
 *
 * By job: schemas.ts (the shape of each file and its types), errors.ts and
 * validation.ts (what is wrong, where), term-index.ts (names and aliases as
 * lookup entries), load.ts (reading and caching), lookups.ts (what a written
 * form names). This module is the one import path for all of them.
 */
export { KnowledgeError, type KnowledgeIssue } from './errors.ts';
export {
  DECISION_ACTS,
  KNOWLEDGE_FILES,
  PEEL_AREAS,
  POLARITIES,
  STAGES,
  STAGE_CHANGES,
  type DecisionAct,
  type Force,
  type ForceKind,
  type Honorifics,
  type KnowledgeFileData,
  type KnowledgeFileName,
  type Nation,
  type Organisation,
  type OrganisationKind,
  type OrganisationPattern,
  type PatternSlot,
  type Peel,
  type PeelArea,
  type PeelAreaName,
  type Polarity,
  type StageChange,
  type StageName,
  type Stages,
  type Term,
  type Title,
  type TitlePattern,
} from './schemas.ts';
export { validateKnowledge, validateKnowledgeFile } from './validation.ts';
export type { IndexedTerm, KnowledgeIndex } from './term-index.ts';
export { buildKnowledge, loadKnowledge, readKnowledgeFile, type Knowledge } from './load.ts';
export { gazetteerEntries, resolveForce, resolveOrganisation, resolveTitle, stripHonorifics } from './lookups.ts';
