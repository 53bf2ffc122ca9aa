import { mkdirSync, rmSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { sqliteStore } from '@certflow/store-sqlite';
import { runDemo } from './demo.js';

/**
 * `pnpm demo`: every region's story on a fresh SQLite file under .certflow/,
 * the timeline on stdout, then the whole log read back and verified.
 * Exits non-zero when verification fails.
 */
const started = performance.now();
const file = resolve(process.argv[2] ?? '.certflow/demo.sqlite');
mkdirSync(resolve(file, '..'), { recursive: true });
for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });

const store = sqliteStore({ file, personal: true });
try {
  const demo = await runDemo(store, (text) => console.log(text));
  const { verify } = demo;
  const inside = relative(process.cwd(), file);
  const shown = inside && !inside.startsWith('..') ? inside : file;
  const certificates = demo.stories.reduce((n, s) => n + s.certificates.length, 0);
  const refusals = demo.stories.reduce((n, s) => n + s.refusals.length, 0);
  console.log(
    `summary: ${demo.stories.length} regions (${demo.stories.map((s) => s.region).join('、')}), ${demo.streams} streams, ${demo.events} events, ${certificates} certificates, ${refusals} refusals with their clauses`,
  );
  console.log(`log: ${shown}`);
  console.log(`  inspect it with the CLI: certflow verify ${shown} · certflow report ${shown}`);
  console.log(`  (from this repository, without a build: npx tsx packages/cli/src/bin.ts report ${shown})`);
  if (verify.ok) {
    console.log(
      `verified: ${demo.events} events read back, every hash and chain intact (${Math.round(performance.now() - started)} ms)`,
    );
  } else {
    console.log(
      `verification FAILED: ${verify.problems.map((p) => `${p.streamId}@${p.version} ${p.kind}`).join('; ')}`,
    );
  }
  process.exitCode = verify.ok ? 0 : 1;
} finally {
  await store.close();
}
