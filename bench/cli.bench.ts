// The certflow CLI over a JSONL log: `verify`, `export --unmasked` and
// `report --format html` (in-process through runCli, output discarded) against
// the bare work they wrap, measured in this process on the same log: reading
// the file with JSON.parse per line plus verifyLog. Prints events/s and
// ratios; asserts nothing about timings.
// Run alone: node --import tsx bench/cli.bench.ts
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { idCardCheckCharacter, memoryStore, verifyLog, type StoredEvent } from '@certflow/core';
import { runCli, type CliIo } from '@certflow/cli';

const STREAMS = 2_000;
const PER_STREAM = 10;
const dir = mkdtempSync(join(tmpdir(), 'certflow-cli-bench-'));
const file = join(dir, 'log.jsonl');

const id = (n: number) => {
  const first17 = `370102199001${String(n % 1_000_000).padStart(5, '0')}`;
  return first17 + idCardCheckCharacter(first17);
};
const store = memoryStore();
for (let s = 0; s < STREAMS; s++) {
  await store.append(
    `exam-${s}`,
    Array.from({ length: PER_STREAM }, (_, v) => ({
      type: v === 0 ? 'ExamPlanned' : 'ResultsRecorded',
      data: {
        roster: [{ name: '考生', idNumber: id(s * PER_STREAM + v) }],
        note: 'x'.repeat(80),
        decision:
          v === 0
            ? {
                outcome: 'eligible',
                rulePack: { id: 'shandong', version: '1.0.0', hash: 'h' },
                findings: [{ ruleId: 'r', outcome: 'pass', cite: { document: 'd', clause: 'c', text: 't' } }],
              }
            : null,
      },
      meta: {
        at: '2020-06-01T09:00:00+08:00',
        actor: { id: 'org', role: 'applicant' as const },
        commandId: `c-${s}-${v}`,
        correlationId: 'bench',
      },
    })),
    { expectedVersion: 'no-stream' },
  );
}
const events: StoredEvent[] = [];
for await (const e of store.readAll()) events.push(e);
writeFileSync(file, `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
const n = events.length;

const sink: CliIo = { stdout: { write: () => true }, stderr: { write: () => true, isTTY: false }, cwd: dir, env: {} };

async function time(fn: () => unknown | Promise<unknown>, rounds = 3): Promise<number> {
  await fn(); // warm up
  let best = Infinity;
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

const bare = () => {
  const parsed = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  if (!verifyLog(parsed).ok) throw new Error('the bench log must verify');
};
// Measured before and after the CLI runs (best of both), so JIT warm-up does not favour either side.
const before = await time(bare);
const rows: [string, number][] = [
  [
    'certflow verify',
    await time(async () => {
      if ((await runCli(['verify', 'log.jsonl'], sink)) !== 0) throw new Error('verify failed');
    }),
  ],
  ['certflow export --unmasked', await time(() => runCli(['export', 'log.jsonl', '--unmasked'], sink))],
  ['certflow export (masked)', await time(() => runCli(['export', 'log.jsonl'], sink))],
  ['certflow report --format html', await time(() => runCli(['report', 'log.jsonl', '--format', 'html'], sink))],
];
const baseline = Math.min(before, await time(bare));
const rate = (ms: number) => Math.round((n / ms) * 1000).toLocaleString('en-US');
console.log(
  `${n.toLocaleString('en-US')} events in ${STREAMS} streams; baseline = read + JSON.parse + verifyLog: ${rate(baseline)} events/s`,
);
for (const [label, ms] of rows) {
  console.log(`${label.padEnd(32)} ${rate(ms).padStart(9)} events/s   time vs baseline ${(ms / baseline).toFixed(2)}×`);
}
rmSync(dir, { recursive: true, force: true });
