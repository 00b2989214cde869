import { describe, expect, it } from 'vitest';
import { findDates } from '../../src/nlp/dates.ts';

const values = (text: string, publishedAt?: string) => findDates(text, publishedAt).map((d) => [d.text, d.value]);

describe('findDates (chrono-node, British English, with refiners)', () => {
  it('keeps each date at its own precision', () => {
    expect(values('moved into Engage on 28 June 2022 and out in January 2025, first in 2019')).toEqual([
      ['28 June 2022', '2022-06-28'],
      ['January 2025', '2025-01'],
      ['2019', '2019'],
    ]);
  });

  it('resolves relative dates against the publication date, never into the future', () => {
    expect(values('HMICFRS said today. It announced the move on Monday.', '2024-03-13')).toEqual([
      ['today', '2024-03-13'],
      ['Monday', '2024-03-11'],
    ]);
    expect(values('In June, I made a pledge. An event next month.', '2019-08-30')).toEqual([
      ['June', '2019-06'],
      ['next month', '2019-09'],
    ]);
    expect(values('became chief last year and will be inspected again next year', '2023-09-20')).toEqual([
      ['last year', '2022'],
      ['next year', '2024'],
    ]);
  });

  it('reads dd/mm and a month-day as British text does', () => {
    expect(values('on 12/03/2024', '2024-03-20')).toEqual([['12/03/2024', '2024-03-12']]);
    expect(values('today (Wednesday, September 20) welcomed', '2023-09-20').map((v) => v[1])).toEqual(['2023-09-20', '2023-09-20', '2023-09-20']);
  });

  it('does not read the verb "may" as a month, nor amounts as years', () => {
    expect(values('Forces may be escalated to Engage.', '2024-01-01')).toEqual([]);
    expect(values('It cost £2019 and 2,019 officers.')).toEqual([]);
    expect(values('It failed to record 80,000 crimes in a year, answered within 10 seconds, over the last three years.', '2020-12-18')).toEqual([]);
  });

  it('splits a range into its two dates', () => {
    expect(values('for 1 January 2024 to 31 December 2024', '2025-01-23')).toEqual([
      ['1 January 2024', '2024-01-01'],
      ['31 December 2024', '2024-12-31'],
    ]);
  });

  it('leaves relative dates alone when there is no reference date', () => {
    expect(values('It was announced today.')).toEqual([]);
  });
});
