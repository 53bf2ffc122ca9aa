import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PG_URL, postgresForTests } from '../../packages/store-postgres/src/testing/pgTestEnv.js';
import {
  EXEMPT_LANGUAGES,
  SAMPLE_LANGUAGES,
  codeBlocks,
  documents,
  missingOutputs,
  outputPattern,
  quotedText,
  root,
  snippetFiles,
  statedOutputs,
} from './snippets.js';

const run = promisify(execFile);
const blocks = documents().flatMap(codeBlocks);
const samples = blocks.filter((b) => SAMPLE_LANGUAGES.includes(b.language));

describe('code blocks of the docs and READMEs', () => {
  it('finds the documents and their samples', () => {
    expect(documents()).toEqual(
      expect.arrayContaining([
        'README.md',
        'README.zh-CN.md',
        'docs/engine.md',
        'docs/zh-CN/getting-started.md',
        'docs/zh-CN/auditors-guide.md',
        'packages/core/README.md',
        'rulepacks/shandong/README.md',
      ]),
    );
    expect(samples.length).toBeGreaterThanOrEqual(20);
  });

  it('labels every block with a sample language or an exempt one', () => {
    const unlabelled = blocks
      .filter((b) => !SAMPLE_LANGUAGES.includes(b.language) && !EXEMPT_LANGUAGES.includes(b.language))
      .map((b) => `${b.doc}:${b.line} \`\`\`${b.language}`);
    expect(unlabelled, 'label these blocks with a language (samples need a snippet marker)').toEqual([]);
  });

  it('puts a <!-- snippet: file#region --> marker before every ts/js sample', () => {
    const unmarked = samples.filter((b) => b.snippet === undefined).map((b) => `${b.doc}:${b.line}`);
    expect(unmarked, 'move these samples into a file the tests run and mark them').toEqual([]);
  });

  for (const b of samples.filter((s) => s.snippet !== undefined)) {
    it(`${b.doc}:${b.line} quotes ${b.snippet} exactly`, () => {
      expect(b.code).toBe(quotedText(b.snippet!));
    });
  }

  it('quotes every snippet file somewhere, so none is run for nothing', () => {
    const quoted = new Set(samples.map((b) => b.snippet?.split('#')[0]));
    expect(snippetFiles().filter((f) => !quoted.has(f))).toEqual([]);
  });
});

describe('stated outputs', () => {
  it('matches whole printed lines, in order, with … for any text and whitespace as printed by console.log', () => {
    const out = "eligible\n[\n  'wide-influence',\n  'evaluation-experience'\n]\nfail 国徽 国徽 四（六）\n";
    expect(
      missingOutputs(out, ['eligible', "[ 'wide-influence', 'evaluation-experience' ]", 'fail 国徽 … 四（六）']),
    ).toEqual([]);
    expect(missingOutputs(out, ['eligibl'])).toEqual(['eligibl']);
    expect(missingOutputs(out, ['fail 国徽 … 四（六）', 'eligible'])).toEqual(['eligible']);
    expect(outputPattern('true').test('untrue\n')).toBe(false);
  });
});

const pg = await postgresForTests();
const needsPostgres = (file: string) =>
  readFileSync(join(root, file), 'utf8').includes("from '@certflow/store-postgres'");
if (pg.skip)
  console.warn(`!! Snippets SKIPPED for want of PostgreSQL: ${snippetFiles().filter(needsPostgres).join(', ')}`);

describe.concurrent('snippet files run', () => {
  for (const file of snippetFiles()) {
    it.skipIf(needsPostgres(file) && pg.skip)(
      `${file} runs and prints what its comments state`,
      async () => {
        const { stdout } = await run(process.execPath, ['--import', 'tsx', file], {
          cwd: root,
          env: { ...process.env, DATABASE_URL: PG_URL, TZ: 'UTC' },
          timeout: 120_000,
        });
        const stated = statedOutputs(file);
        expect(missingOutputs(stdout, stated), `stdout of ${file}:\n${stdout}`).toEqual([]);
      },
      150_000,
    );
  }
});
