import type { Rng } from './prng.ts';
import type { Knowledge } from '../knowledge/index.ts';

/** An item of a list of areas, built from the PEEL cues of one area. */
export function areaItem(rng: Rng, world: { knowledge: Knowledge }, polarity: 'improved' | 'concern'): string {
  const areas = world.knowledge.peel.areas.filter((a) => a.name !== 'Other' && a.cues.length > 3);
  const area = rng.pick(areas);
  const [a, b] = rng.sample(area.cues.filter((c) => /^[a-z][a-z -]+$/.test(c)), 2);
  if (polarity === 'improved') {
    return rng.pick([
      `improving ${a}, including ${b}`,
      `its work on ${a} and ${b}`,
      `making progress in ${a}, with better ${b}`,
      `the way it manages ${a}, including ${b}`,
    ]);
  }
  return rng.pick([`how it handles ${a}, including ${b}`, `weaknesses in ${a} and ${b}`, `its approach to ${a}, in particular ${b}`, `${a} and ${b}`]);
}
