/**
 * Loading: the YAML files next to this module read once, validated and
 * cached, with their index.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import { KnowledgeError, type KnowledgeIssue } from './errors.ts';
import { KNOWLEDGE_FILES, type Force, type Honorifics, type KnowledgeFileData, type KnowledgeFileName, type Organisation, type OrganisationPattern, type Peel, type Stages, type Term, type Title, type TitlePattern } from './schemas.ts';
import { buildIndex, type KnowledgeIndex } from './term-index.ts';
import { validateKnowledge, validateKnowledgeFile, type KnowledgeFiles } from './validation.ts';

export interface Knowledge {
  forces: Force[];
  /** Frames such as "{place} police" in which a force's place name names the force. */
  placeNameFrames: string[];
  /** Words that make a list of bare place names a list of forces ("forces", "special measures"). */
  placeListCues: string[];
  /** Text after a force alias that makes the match part of another name ("and Crime Commissioner"). */
  forceNotFollowedBy: string[];
  organisations: Organisation[];
  organisationPatterns: OrganisationPattern[];
  /** Names that look like bodies but are surveys, reports, programmes. */
  notOrganisations: string[];
  /** Last words of a body's name ("Group", "Panel"): a capitalised phrase ending in one names a body. */
  organisationNameHeads: string[];
  /** Capitalised words that do not start a body's name ("This", "More"). */
  organisationNameModifiersNot: string[];
  /** Words after a body's name that make it the title of a document ("report"). */
  organisationDocumentNouns: string[];
  titles: Title[];
  titlePatterns: TitlePattern[];
  rankPrefixes: Term[];
  honorifics: Honorifics;
  stages: Stages;
  peel: Peel;
  index: KnowledgeIndex;
}

export function buildKnowledge(files: KnowledgeFiles): Knowledge {
  validateKnowledge(files);
  const forcesFile = files['forces.yaml'];
  const orgFile = files['organisations.yaml'];
  const titleFile = files['titles.yaml'];
  const honorifics = files['honorifics.yaml'];
  const stages = files['stages.yaml'];
  const peel = files['peel.yaml'];

  return {
    forces: forcesFile.forces,
    placeNameFrames: forcesFile.placeNameFrames,
    placeListCues: forcesFile.placeListCues,
    forceNotFollowedBy: forcesFile.notFollowedBy,
    organisations: orgFile.organisations,
    organisationPatterns: orgFile.patterns,
    notOrganisations: orgFile.notOrganisations,
    organisationNameHeads: orgFile.nameHeads,
    organisationNameModifiersNot: orgFile.nameModifiersNot,
    organisationDocumentNouns: orgFile.documentNouns,
    titles: titleFile.titles,
    titlePatterns: titleFile.patterns,
    rankPrefixes: titleFile.rankPrefixes,
    honorifics,
    stages,
    peel,
    index: buildIndex(files),
  };
}

const DEFAULT_DIR = dirname(fileURLToPath(import.meta.url));

/** Reads, parses and validates one YAML file of `dir`. */
export function readKnowledgeFile<F extends KnowledgeFileName>(file: F, dir: string = DEFAULT_DIR): KnowledgeFileData<F> {
  const path = join(dir, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new KnowledgeError([{ file, path: '', message: `cannot read ${path}: ${(err as Error).message}` }]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    // Later syntax errors mostly follow from the first one: report that one.
    const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more after it)` : '';
    const hint = /flow-map|flow-seq/.test(first.message) ? '; a value starting with "{" or "[" must be quoted' : '';
    throw new KnowledgeError([{ file, path: '', line: lines.linePos(first.pos[0]).line, message: `YAML syntax: ${first.message.split('\n')[0]}${hint}${more}` }]);
  }
  return validateKnowledgeFile(file, doc.toJS(), { doc, lines });
}

let cached: Knowledge | undefined;

/**
 * All domain knowledge. The YAML files next to this module are read and
 * validated once and cached; pass `dir` to load another folder (not cached).
 */
export function loadKnowledge(options: { dir?: string } = {}): Knowledge {
  if (options.dir === undefined && cached) return cached;
  const dir = options.dir ?? DEFAULT_DIR;
  const issues: KnowledgeIssue[] = [];
  const files: Partial<Record<KnowledgeFileName, unknown>> = {};
  for (const file of KNOWLEDGE_FILES) {
    try {
      files[file] = readKnowledgeFile(file, dir);
    } catch (err) {
      if (err instanceof KnowledgeError) issues.push(...err.issues);
      else throw err;
    }
  }
  if (issues.length) throw new KnowledgeError(issues);
  const knowledge = buildKnowledge(files as KnowledgeFiles);
  if (options.dir === undefined) cached = knowledge;
  return knowledge;
}
