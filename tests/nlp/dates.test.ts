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

  it('does not read durations, ages or amounts of time as dates', () => {
    const text =
      'The commander, 48, has led the unit for three years and had just four years left; the review took two and a half years, ' +
      'must report within 14 days and found that months of work, a year later, still mattered.';
    expect(values(text, '2022-10-05')).toEqual([]);
    expect(values('The unit closed two years ago.', '2022-10-05')).toEqual([['two years ago', '2020']]);
  });

  it('takes the year of a month written alone from the tense of its clause', () => {
    expect(values('The review that ended in December found gaps.', '2022-10-05')).toEqual([['December', '2021-12']]);
    expect(values('The force will be reinspected in December.', '2022-10-05')).toEqual([['December', '2022-12']]);
    expect(values('Inspectors are due to return in February.', '2022-10-05')).toEqual([['February', '2023-02']]);
    expect(values('The board has met every month since February.', '2022-10-05')).toEqual([['February', '2022-02']]);
  });

  it('reads "last", "this" and "next" before a month, and "last year" after it', () => {
    expect(values('Last April the board met.', '2022-06-14')).toEqual([['Last April', '2021-04']]);
    expect(values('Last February the board met.', '2022-11-14')).toEqual([['Last February', '2022-02']]);
    expect(values('The plan was agreed in October last year.', '2022-06-14')).toEqual([['October last year', '2021-10']]);
    expect(values('It meets again next April.', '2022-06-14')).toEqual([['next April', '2023-04']]);
  });

  it('does not read a weekday abbreviation as a day, and dates a weekday by its tense', () => {
    expect(values('The panel sat late; The Sun reported it on Friday.', '2022-03-02')).toEqual([['Friday', '2022-02-25']]);
    expect(values('The board will decide on Friday; it met last Monday and this morning.', '2022-03-02')).toEqual([
      ['Friday', '2022-03-04'],
      ['last Monday', '2022-02-28'],
      ['this morning', '2022-03-02'],
    ]);
  });

  it('gives dates joined by "and", "or" or "to" what only the last writes out', () => {
    expect(values('Inspectors visited on 3 and 4 May 2021.')).toEqual([
      ['3', '2021-05-03'],
      ['4 May 2021', '2021-05-04'],
    ]);
    expect(values('The survey ran between May and August 2020, or in March or April 2021.', '2022-01-10')).toEqual([
      ['May', '2020-05'],
      ['August 2020', '2020-08'],
      ['March', '2021-03'],
      ['April 2021', '2021-04'],
    ]);
  });

  it('does not read a day word inside the name of a programme or a paper as a date', () => {
    expect(values("He told the Today programme, and The Sunday Telegraph, what he had said on Sunday.", '2022-01-12')).toEqual([['Sunday', '2022-01-09']]);
  });

  it('does not read a count of things as a year, but keeps a year before a plural noun it governs', () => {
    expect(values('The unit hired 2000 officers and took more than 1990 calls.')).toEqual([]);
    expect(values('The 2018 figures were lower than in 2017, and down on 2016 levels.')).toEqual([
      ['2018', '2018'],
      ['2017', '2017'],
      ['2016', '2016'],
    ]);
  });

  it('does not read the year in the name of a law as a date', () => {
    expect(values('Powers under the Policing Act 2011 and the Conduct Regulations 2019 were used in 2020.')).toEqual([['2020', '2020']]);
  });

  it('dates a week by the month it lies in, or its year where it straddles two', () => {
    expect(values('The board met earlier this week and meets again next week.', '2022-03-10')).toEqual([
      ['earlier this week', '2022-03'],
      ['next week', '2022-03'],
    ]);
    expect(values('The board meets next week.', '2022-03-24')).toEqual([['next week', '2022']]);
    expect(values('It has met over the next week and the past two weeks.', '2022-03-24')).toEqual([]);
  });

  it('dates a season by its modifier at year precision', () => {
    expect(values('The panel met last winter and will sit again this autumn.', '2022-03-02')).toEqual([
      ['last winter', '2021'],
      ['this autumn', '2022'],
    ]);
    expect(values('It sat in the spring of 2018.', '2022-03-02')).toEqual([['spring of 2018', '2018']]);
  });

  it('dates "the <season>" by the tense of its clause, and a bare season not at all', () => {
    expect(values('The audit was finished in the autumn.', '2022-02-14')).toEqual([['autumn', '2021']]);
    expect(values('The board was reshaped in the spring.', '2022-10-14')).toEqual([['spring', '2022']]);
    expect(values('The panel will sit again in the winter.', '2022-10-14')).toEqual([['winter', '2022']]);
    expect(values('The force will report back in the spring.', '2022-10-14')).toEqual([['spring', '2023']]);
    expect(values('Summer is busy for the roads team.', '2022-10-14')).toEqual([]);
  });

  it('dates a part of the current year or month ("by the end of the year", "later in the month")', () => {
    expect(values('The review will be finished by the end of the year.', '2022-10-14')).toEqual([['year', '2022']]);
    expect(values('The panel meets again later in the month.', '2022-10-14')).toEqual([['later in the month', '2022-10']]);
  });

  it('counts "the previous year" from the last year the text gave', () => {
    expect(values('In 2020 arrests fell by a third compared with the previous year.', '2022-03-02')).toEqual([
      ['2020', '2020'],
      ['previous year', '2019'],
    ]);
  });

  it('gives the end of a range its year from the start', () => {
    expect(values('The audit ran from the end of 2020 to February.', '2022-09-01')).toEqual([
      ['2020', '2020'],
      ['February', '2021-02'],
    ]);
  });

  it('keeps a period modifier out of the precision, and a programme span out of the dates', () => {
    expect(values('Targets were missed at the end of November 2020 and by the end of this year.', '2021-05-01')).toEqual([
      ['November 2020', '2020-11'],
      ['this year', '2021'],
    ]);
    expect(values('It must improve by the end of the month.', '2021-05-12')).toEqual([['month', '2021-05']]);
    expect(values('Its 2018/19 accounts and the STRATEGY 2020–24 plan were approved in 2021.')).toEqual([['2021', '2021']]);
  });

  it('gives every date the exact span of its text', () => {
    const text =
      'Last April, and again on 3 and 4 May 2021, the board met; it meets next week, in March last year it sat, ' +
      'from the end of 2020 to February it audited, (Tuesday, 9 March 2021) it reported, and the previous year it did not.';
    const found = findDates(text, '2022-03-10');
    expect(found.length).toBeGreaterThan(6);
    for (const d of found) expect(text.slice(d.start, d.end)).toBe(d.text);
  });
});
