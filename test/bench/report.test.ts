/** The statistics every benchmark reports: median and spread of runs, nearest-rank percentiles. */
import { percentile, spread, spreadOf } from '../../bench/support/report';

test('spread gives the median, the extremes and how far the runs disagree', () => {
  expect(spread([12, 10, 11])).toEqual({ median: 11, min: 10, max: 12, spreadPct: 18.2, runs: [12, 10, 11] });
  expect(spread([4, 2])).toMatchObject({ median: 3, spreadPct: 66.7 });
  expect(spread([0, 0, 0])).toMatchObject({ median: 0, spreadPct: 0 });
  expect(() => spread([])).toThrow('no values');
});

test('spreadOf takes each field across runs', () => {
  const result = spreadOf([
    { perSecond: 3, latency: 20 },
    { perSecond: 5, latency: 10 },
    { perSecond: 4, latency: 30 },
  ]);
  expect(result.perSecond).toMatchObject({ median: 4, min: 3, max: 5 });
  expect(result.latency).toMatchObject({ median: 20, min: 10, max: 30 });
});

test('percentiles are nearest-rank', () => {
  const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted on purpose
  expect(percentile(samples, 50)).toBe(50);
  expect(percentile(samples, 99)).toBe(99);
  expect(percentile(samples, 100)).toBe(100);
  expect(percentile([7], 99)).toBe(7);
  expect(percentile([], 50)).toBeNaN();
});
