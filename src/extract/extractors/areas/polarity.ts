import type { Ctx, Polarity, PolarityHit, Span } from './cues.ts';
import { lastWords } from '../../../util/text.ts';

/** A polarity cue read in its context. */

const NEGATION = /\b(?:not|no|never|without|insufficient|limited|little)\b|n['’]t\b/i;
const NO_LONGER = /\bno\s+longer\b/i;
/** An improvement someone must make is an area for improvement ("the force must make improvements in ..."). */
const OBLIGATION = /\b(?:must|should|need|needs|needed|requires?|required|(?:asked|told|ordered|has|have|had)\s+to)\b/i;
/** An improvement that is only an aim states no finding ("to support improvements", "will continue making improvements"). */
const AIM = /\b(?:to|will|would|continue|continuing|ensure|deliver|support|track|drive|aim|aims|aimed|plan|plans|commitment|committed|focus|hope|hopes)\b/i;

/** Verbs of praise: they judge what they name. */
const JUDGING = /^(?:prais|commend|applaud|singl)/i;

/**
 * A cue's polarity in its context: turned by a negation just before it ("has
 * not made sufficient progress", "is no longer failing"); undefined for an
 * improvement that is only an aim.
 */
export function polarityOf(ctx: Ctx, sentence: Span, hit: PolarityHit): Polarity | undefined {
  const before = lastWords(ctx.text.slice(sentence.start, hit.start), 3);
  if (NO_LONGER.test(before)) return hit.polarity === 'concern' ? 'improved' : hit.polarity;
  if (hit.polarity === 'concern') return 'concern';
  if (NEGATION.test(before) || OBLIGATION.test(before)) return 'concern';
  // Praise is a judgement even when reported as an aim ("went on to single out X").
  return AIM.test(before) && !JUDGING.test(hit.cue) ? undefined : 'improved';
}
