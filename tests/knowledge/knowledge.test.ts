import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  KnowledgeError,
  PEEL_AREAS,
  loadKnowledge,
  resolveForce,
  resolveOrganisation,
  resolveTitle,
  stripHonorifics,
  validateKnowledgeFile,
  type Term,
} from '../../src/knowledge/index.ts';
import { fold } from '../../src/util/text.ts';

const k = loadKnowledge();

/** Every name and alias of an entity, as normalised lower-case keys. */
function keys(name: string, aliases: readonly Term[]): string[] {
  return [...new Set([name, ...aliases.map((a) => a.text)].map((s) => fold(s, 'key')))];
}

describe('forces.yaml', () => {
  it('has exactly the 43 territorial forces of England and Wales', () => {
    const territorial = k.forces.filter((f) => f.kind === 'territorial');
    expect(territorial).toHaveLength(43);
    expect(territorial.every((f) => f.nation === 'England' || f.nation === 'Wales')).toBe(true);
    expect(territorial.filter((f) => f.nation === 'Wales').map((f) => f.name).sort()).toEqual(
      ['Dyfed-Powys Police', 'Gwent Police', 'North Wales Police', 'South Wales Police'],
    );
    expect(k.forces.filter((f) => f.nation === 'England' || f.nation === 'Wales').length).toBe(43);
  });

  it('also has the national and special forces of the UK', () => {
    const others = k.forces.filter((f) => f.kind !== 'territorial').map((f) => f.name).sort();
    expect(others).toEqual([
      'British Transport Police',
      'Civil Nuclear Constabulary',
      'Ministry of Defence Police',
      'Police Scotland',
      'Police Service of Northern Ireland',
    ]);
  });

  it('has unique canonical names', () => {
    const names = k.forces.map((f) => fold(f.name, 'key'));
    expect(new Set(names).size).toBe(names.length);
  });

  it('shares no name or alias between two forces, nor place names', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const f of k.forces) {
      for (const key of keys(f.name, f.aliases)) {
        const prev = owner.get(key);
        if (prev !== undefined && prev !== f.name) clashes.push(`${key}: ${prev} / ${f.name}`);
        owner.set(key, f.name);
      }
    }
    const places = new Map<string, string>();
    for (const f of k.forces) {
      for (const p of f.placeNames.map((s) => fold(s, 'key'))) {
        const prev = places.get(p);
        if (prev !== undefined && prev !== f.name) clashes.push(`place ${p}: ${prev} / ${f.name}`);
        places.set(p, f.name);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('marks ambiguous short aliases case-sensitive', () => {
    const met = k.forces.find((f) => f.name === 'Metropolitan Police Service');
    expect(met?.aliases.find((a) => a.text === 'Met')?.caseSensitive).toBe(true);
    expect(resolveForce('Met')?.name).toBe('Metropolitan Police Service');
    expect(resolveForce('met')).toBeUndefined();
    expect(resolveForce('MPs')).toBeUndefined();
  });

  it('resolves written forms to canonical names', () => {
    expect(resolveForce('Devon & Cornwall Police')?.name).toBe('Devon and Cornwall Police');
    expect(resolveForce('Dyfed Powys Police')?.name).toBe('Dyfed-Powys Police');
    expect(resolveForce('Hampshire Constabulary')?.name).toBe('Hampshire and Isle of Wight Constabulary');
    expect(resolveForce("the Met’s")?.name).toBe('Metropolitan Police Service');
    // A place name alone is not a force.
    expect(resolveForce('Cleveland')).toBeUndefined();
  });
});

describe('organisations.yaml', () => {
  it('has unique canonical names, not shared with forces', () => {
    const names = k.organisations.map((o) => fold(o.name, 'key'));
    expect(new Set(names).size).toBe(names.length);
    const forceNames = new Set(k.forces.map((f) => fold(f.name, 'key')));
    expect(names.filter((n) => forceNames.has(n))).toEqual([]);
  });

  it('shares no name or alias between a force and an organisation, or two organisations', () => {
    const owner = new Map<string, string>();
    for (const f of k.forces) for (const key of keys(f.name, f.aliases)) owner.set(key, `force ${f.name}`);
    const clashes: string[] = [];
    for (const o of k.organisations) {
      for (const key of keys(o.name, o.aliases)) {
        const prev = owner.get(key);
        if (prev !== undefined && prev !== `org ${o.name}`) clashes.push(`${key}: ${prev} / org ${o.name}`);
        owner.set(key, `org ${o.name}`);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('folds every spelling of the inspectorate to HMICFRS, but not generic references', () => {
    for (const s of [
      'His Majesty’s Inspectorate of Constabulary and Fire & Rescue Services',
      "Her Majesty's Inspectorate of Constabulary and Fire and Rescue Services",
      'HMICFRS',
      'HMIC',
    ]) {
      expect(resolveOrganisation(s)?.name, s).toBe('HMICFRS');
    }
    expect(resolveOrganisation('the inspectorate')).toBeUndefined();
    const hmicfrs = k.organisations.find((o) => o.name === 'HMICFRS');
    expect(hmicfrs?.genericReferences.map((g) => g.text)).toContain('the watchdog');
  });
});

describe('titles.yaml and honorifics.yaml', () => {
  it('resolves title variants, dotted abbreviations included', () => {
    expect(resolveTitle('Det. Ch. Supt.')?.title).toBe('Detective Chief Superintendent');
    expect(resolveTitle('Her Majesty’s Inspector of Constabulary')?.org).toBe('HMICFRS');
    expect(resolveTitle('Home Secretary')?.org).toBe('Home Office');
    expect(resolveTitle('Chief Constable')?.rank).toBe(true);
  });

  it('lists dotted title tokens as non-terminal abbreviations', () => {
    for (const t of ['Det.', 'Ch.', 'Supt.', 'Insp.', 'Sgt.', 'Asst.', 'Mr.', 'Dr.', 'No.']) {
      expect(k.index.nonTerminalAbbreviations).toContain(t);
    }
  });

  it('strips honorifics and post-nominals from names', () => {
    expect(stripHonorifics('Sir Mark Rowley KPM')).toBe('Mark Rowley');
    expect(stripHonorifics('The Rt Hon Dame Jane Doe DBE, QPM')).toBe('Jane Doe');
    expect(stripHonorifics('Cllr. Ann Smith')).toBe('Ann Smith');
    expect(stripHonorifics('Baroness Casey')).toBe('Casey');
  });
});

describe('stages.yaml', () => {
  it('has the two stages with their common names', () => {
    expect(k.stages.stages.map((s) => s.name).sort()).toEqual(['Engage', 'Scan']);
    const synonyms = (stage: string) => k.stages.stages.find((s) => s.name === stage)!.synonyms.map((t) => fold(t.text, 'key'));
    expect(synonyms('Engage')).toEqual(expect.arrayContaining(['special measures', 'enhanced monitoring', 'engage']));
    expect(synonyms('Scan')).toContain('routine monitoring');
  });
});

describe('peel.yaml', () => {
  it('has exactly the 11 PEEL areas', () => {
    expect(k.peel.areas.map((a) => a.name)).toEqual([...PEEL_AREAS]);
    expect(PEEL_AREAS).toHaveLength(11);
  });

  it('has lower-case cues and both polarities', () => {
    for (const a of k.peel.areas) for (const c of a.cues) expect(c).toBe(c.toLowerCase());
    expect(k.peel.polarity.concern).toContain('causes of concern');
    expect(k.peel.polarity.improved).toContain('progress');
  });
});

describe('validation errors', () => {
  it('names the file, the YAML path with the entry name, and the problem', () => {
    const bad = {
      forces: [
        { name: 'Good Police', kind: 'territorial', nation: 'England' },
        { name: 'Bad Police', kind: 'regional', nation: 'England', aliases: ['Bad', 42, null] },
      ],
    };
    let error: unknown;
    try {
      validateKnowledgeFile('forces.yaml', bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KnowledgeError);
    const message = (error as Error).message;
    expect(message).toContain('forces.yaml');
    expect(message).toContain('forces[1] (Bad Police).kind');
    expect(message).toContain('forces[1] (Bad Police).aliases[2]');
    expect((error as KnowledgeError).issues.every((i) => i.file === 'forces.yaml')).toBe(true);
  });

  it('reports an alias shared by two entries', () => {
    const dup = {
      forces: [
        { name: 'A Police', kind: 'territorial', nation: 'England', aliases: ['Shared Police'] },
        { name: 'B Police', kind: 'territorial', nation: 'England', aliases: ['shared police'] },
      ],
    };
    expect(() => validateKnowledgeFile('forces.yaml', dup)).toThrow(/forces\.yaml.*forces\[1\] \(B Police\)\.aliases\[0\].*also used by "A Police"/s);
  });

  it('rejects a PEEL area outside the fixed list, naming peel.yaml', () => {
    const bad = {
      areas: [...PEEL_AREAS.map((name) => ({ name, cues: [] })), { name: 'Fire safety', cues: [] }],
      polarity: { concern: ['concern'], improved: ['progress'] },
    };
    expect(() => validateKnowledgeFile('peel.yaml', bad)).toThrow(/peel\.yaml.*areas\[11\] \(Fire safety\)\.name/s);
  });

  it('reports a bad file on disk with its name and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'knowledge-'));
    try {
      cpSync(join(dirname(fileURLToPath(import.meta.url)), '../../src/knowledge'), dir, { recursive: true });
      const file = join(dir, 'titles.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('  - title: Chief Constable\n', '  - titel: Chief Constable\n'));
      expect(() => loadKnowledge({ dir })).toThrow(/titles\.yaml:\d+ at titles\[\d+\]: .*"titel"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects unknown placeholders', () => {
    const bad = {
      gapMaxTokens: 6,
      stages: [
        { name: 'Engage', synonyms: ['Engage'] },
        { name: 'Scan', synonyms: ['Scan'] },
      ],
      changes: { entered: ['moved into {stag}'], exited: ['removed from {stage}'] },
      decisions: { decided: ['decided'], recommended: ['recommended'], announced: ['announced'] },
    };
    expect(() => validateKnowledgeFile('stages.yaml', bad)).toThrow(/stages\.yaml.*changes\.entered\[0\].*\{stag\}/s);
  });
});

describe("fold(text, 'key')", () => {
  it('folds case, curly quotes, "&", dashes and white space only', () => {
    expect(fold('  His Majesty’s  Inspectorate of Constabulary & Fire ', 'key')).toBe("his majesty's inspectorate of constabulary and fire");
    expect(fold('Dyfed–Powys', 'key')).toBe(fold('Dyfed Powys', 'key'));
    expect(fold("the Met's", 'key')).toBe("the met's");
    expect(fold('Met', 'casedKey')).toBe('Met');
  });
});
