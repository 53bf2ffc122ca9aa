// Working-day arithmetic: @certflow/calendar (prefix counts, O(1)) against
// chinese-workday 1.16 (walks the range day by day), side by side in this
// process over random ranges in 2011–2026. Prints ops/s and ratios; asserts
// nothing about timings. Run alone: node --import tsx bench/calendar.bench.ts
import { createChinaCalendar } from '@certflow/calendar';
import * as cw from 'chinese-workday';

const cal = createChinaCalendar();
const DAY = 86_400_000;
const FIRST = Date.UTC(2011, 0, 1) / DAY;
const LAST = Date.UTC(2026, 11, 31) / DAY;

// Deterministic inputs (mulberry32), so runs compare like with like.
let seed = 20_240_601;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const day = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
const randomDay = (lo = FIRST, hi = LAST) => lo + Math.floor(rand() * (hi - lo + 1));

const ranges = Array.from({ length: 4096 }, () => {
  const a = randomDay();
  const b = randomDay();
  return a <= b ? [day(a), day(b)] : [day(b), day(a)];
}) as [string, string][];
const steps = Array.from(
  { length: 4096 },
  () => [day(randomDay(FIRST + 200, LAST - 200)), Math.floor(rand() * 241) - 120] as [string, number],
);

let sink = 0;
function measure(label: string, fn: (i: number) => void, minMs = 1000): number {
  for (let i = 0; i < 2000 && performance.now() >= 0; i++) fn(i); // warm up
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < 64; i++) fn(ops++);
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  const perSec = (ops / elapsed) * 1000;
  console.log(`  ${label.padEnd(58)} ${Math.round(perSec).toLocaleString('en-US').padStart(14)} ops/s`);
  return perSec;
}

// Same answers first: countWorkdays counts both ends, workdaysBetween only b;
// they may differ only on the dates chinese-workday gets wrong.
let agree = 0;
for (const [a, b] of ranges.slice(0, 200)) {
  if (cw.countWorkdays(a, b) - (cw.isWorkday(a) ? 1 : 0) === cal.workdaysBetween(a, b)) agree++;
}
const span = ranges.reduce((s, [a, b]) => s + (Date.parse(b) - Date.parse(a)) / DAY, 0) / ranges.length;
console.log(
  `Ranges: 4096 random pairs in 2011–2026, mean span ${Math.round(span)} days; identical counts on ${agree}/200 (the rest cross dates chinese-workday gets wrong)\n`,
);

console.log('workdaysBetween(a, b) vs chinese-workday countWorkdays(a, b):');
const ours = measure('@certflow/calendar workdaysBetween', (i) => {
  const r = ranges[i & 4095]!;
  sink += cal.workdaysBetween(r[0], r[1]);
});
const theirs = measure(
  'chinese-workday countWorkdays',
  (i) => {
    const r = ranges[i & 4095]!;
    sink += cw.countWorkdays(r[0], r[1]);
  },
  3000,
);
console.log(`  ratio: ${Math.round(ours / theirs).toLocaleString('en-US')}× faster (target ≥ 100×)\n`);

console.log('addWorkdays(d, n), n in −120..120:');
const add = measure('@certflow/calendar addWorkdays', (i) => {
  const s = steps[i & 4095]!;
  sink += cal.addWorkdays(s[0], s[1]).length;
});
// chinese-workday has no addWorkdays; the baseline steps day by day with its isWorkday.
const addDay = (d: string, by: number) => day(Date.parse(d) / DAY + by);
const naive = measure('chinese-workday isWorkday, stepping day by day', (i) => {
  const [d, n] = steps[i & 4095]!;
  let cur = d;
  let left = Math.abs(n);
  const dir = n > 0 ? 1 : -1;
  while (left > 0) {
    cur = addDay(cur, dir);
    if (cw.isWorkday(cur)) left--;
  }
  sink += cur.length;
});
console.log(
  `  ratio: ${Math.round(add / naive).toLocaleString('en-US')}× faster; ${(add / 1e6).toFixed(1)} M addWorkdays/s (target ≥ 1 M/s)`,
);
if (sink === -1) console.log(sink);
