import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeScaleLog } from '../../../../bench/scale/generate.js';

// `certflow verify`, `import`, `export` and `replay` read their source as a stream: a
// generated log (every region's story copied under fresh identities) is
// verified, imported into SQLite, verified there and exported back in a V8
// heap too small to hold the log, where reading every record first (what
// verify and import did before) runs out of memory. The built CLI is run, as
// an auditor runs it.
const root = resolve(import.meta.dirname, '../../../..');
const cliDist = join(root, 'packages/cli/dist');
const EVENTS = 60_000;
const HEAP_MB = 64;

let dir: string;
let file: string;

beforeAll(async () => {
  if (!existsSync(join(cliDist, 'bin.js'))) throw new Error('this test runs the built CLI: pnpm build first');
  dir = mkdtempSync(join(tmpdir(), 'certflow-stream-'));
  file = join(dir, 'log.jsonl');
  const written = await writeScaleLog(file, EVENTS);
  expect(written.events).toBe(EVENTS);
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const capped = (args: string[]) =>
  spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
    timeout: 280_000,
  });

describe(`certflow verify on a ${EVENTS.toLocaleString('en')}-event log with a ${HEAP_MB} MB heap`, () => {
  it('holding every record first does not fit in that heap (the cap is meaningful)', () => {
    const holdAll = `
      const cli = await import(${JSON.stringify(join(cliDist, 'index.js'))});
      const io = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: {} };
      const source = await cli.openSource(process.argv[1], io);
      const records = await cli.readAllRecords(source);
      const report = cli.verifyRecords(source.label, records);
      process.exit(report.ok ? 0 : 1);`;
    const r = capped(['--input-type=module', '-e', holdAll, file]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/heap out of memory|Allocation failed/i);
  }, 300_000);

  it('verify streams the file and verifies every event (exit 0)', () => {
    const r = capped([join(cliDist, 'bin.js'), 'verify', file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${EVENTS} events in \\d+ streams verify`));
  }, 300_000);

  it('a changed event in the generated log is still found under the cap (exit 1)', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = 30_001; // an event in the middle (line 0 is the header)
    lines[at] = lines[at]!.replace(/"at":"20/, '"at":"19');
    const tampered = join(dir, 'tampered.jsonl');
    writeFileSync(tampered, lines.join('\n'));
    const r = capped([join(cliDist, 'bin.js'), 'verify', tampered]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/hash-mismatch/);
  }, 300_000);
});

describe(`certflow import and export of a ${EVENTS.toLocaleString('en')}-event log with a ${HEAP_MB} MB heap`, () => {
  it('import writes the log into a new SQLite file batch by batch; verify and export read it back in place, the same events', async () => {
    const { readFileSync } = await import('node:fs');
    const db = join(dir, 'imported.sqlite');
    const imp = capped([join(cliDist, 'bin.js'), 'import', file, db]);
    expect(imp.stderr).toBe('');
    expect(imp.status).toBe(0);
    expect(imp.stdout).toMatch(new RegExp(`imported ${EVENTS} events in \\d+ streams`));
    const ver = capped([join(cliDist, 'bin.js'), 'verify', db]);
    expect(ver.status).toBe(0);
    expect(ver.stdout).toMatch(new RegExp(`${EVENTS} events in \\d+ streams verify`));
    const out = join(dir, 'exported.jsonl');
    const { openSync, closeSync } = await import('node:fs');
    const fd = openSync(out, 'w');
    const exp = spawnSync(
      process.execPath,
      [`--max-old-space-size=${HEAP_MB}`, join(cliDist, 'bin.js'), 'export', db, '--unmasked'],
      {
        stdio: ['ignore', fd, 'pipe'],
        encoding: 'utf8',
        env: { ...process.env, CI: 'true' },
        timeout: 280_000,
      },
    );
    closeSync(fd);
    expect(exp.status).toBe(0);
    expect(exp.stderr).toContain(`exported ${EVENTS} events verbatim`);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(file, 'utf8'));
  }, 300_000);

  it('a changed event is refused by a streaming import, and the SQLite file it began is removed (exit 1)', async () => {
    const { existsSync: exists, readFileSync, writeFileSync } = await import('node:fs');
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = 50_001; // past the first batches written
    lines[at] = lines[at]!.replace(/"at":"20/, '"at":"19');
    const tampered = join(dir, 'tampered-import.jsonl');
    writeFileSync(tampered, lines.join('\n'));
    const db = join(dir, 'refused.sqlite');
    const r = capped([join(cliDist, 'bin.js'), 'import', tampered, db]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/hash-mismatch/);
    expect(r.stderr).toContain('nothing was imported');
    expect(exists(db)).toBe(false);
  }, 300_000);
});

describe(`certflow import into a non-empty SQLite file of a ${EVENTS.toLocaleString('en')}-event log with a ${HEAP_MB} MB heap`, () => {
  // The generated log is its 82-event base copied under fresh identities, copy after copy: the
  // first ten copies make a store, the other copies a log of new streams that continues it.
  const split = async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const lines = readFileSync(file, 'utf8').split('\n');
    const cut = 1 + 820; // the header, then the first ten copies
    const head = join(dir, 'first-copies.jsonl');
    const tail = [lines[0]!, ...lines.slice(cut)];
    writeFileSync(head, lines.slice(0, cut).join('\n'));
    return {
      head,
      tail,
      write: (name: string, out: string[]) => (writeFileSync(join(dir, name), out.join('\n')), join(dir, name)),
    };
  };
  const events = (db: string) => {
    const r = capped([join(cliDist, 'bin.js'), 'verify', db]);
    expect(r.status).toBe(0);
    return Number(/(\d+) events in \d+ streams/.exec(r.stdout)?.[1]);
  };

  it('streams the log into the store in one transaction (the log is larger than the heap holds), and the store verifies whole', async () => {
    const { head, tail, write } = await split();
    const db = join(dir, 'grown.sqlite');
    expect(capped([join(cliDist, 'bin.js'), 'import', head, db]).status).toBe(0);
    const rest = write('rest.jsonl', tail);
    const r = capped([join(cliDist, 'bin.js'), 'import', rest, db]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`imported ${EVENTS - 820} events`));
    expect(events(db)).toBe(EVENTS);
  }, 300_000);

  it('a log refused after many batches were written (a changed event near its end) leaves the store as it was (exit 1)', async () => {
    const { head, tail, write } = await split();
    const db = join(dir, 'kept.sqlite');
    expect(capped([join(cliDist, 'bin.js'), 'import', head, db]).status).toBe(0);
    const at = tail.length - 100;
    tail[at] = tail[at]!.replace(/"at":"20/, '"at":"19');
    const tampered = write('rest-tampered.jsonl', tail);
    const r = capped([join(cliDist, 'bin.js'), 'import', tampered, db]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/hash-mismatch/);
    expect(r.stderr).toContain('nothing was imported');
    expect(events(db)).toBe(820);
    // the store still takes the untouched log afterwards: nothing of the refused one stayed
    expect(
      capped([
        join(cliDist, 'bin.js'),
        'import',
        write('rest-again.jsonl', [tail[0]!, ...(await split()).tail.slice(1)]),
        db,
      ]).status,
    ).toBe(0);
    expect(events(db)).toBe(EVENTS);
  }, 300_000);
});

describe(`certflow replay of a ${EVENTS.toLocaleString('en')}-event log with a ${HEAP_MB} MB heap`, () => {
  it('replays the SQLite file in place and the JSONL export through a temporary copy: every stream rebuilds, every decision of every pack is reproduced', () => {
    const db = join(dir, 'imported.sqlite');
    if (!existsSync(db)) expect(capped([join(cliDist, 'bin.js'), 'import', file, db]).status).toBe(0);
    for (const source of [db, file]) {
      const r = capped([join(cliDist, 'bin.js'), 'replay', source]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`${EVENTS} events, \\d+ streams rebuilt`));
      expect(r.stdout).toMatch(/decisions: \d+ rechecked under their recorded pack versions, 0 differ/);
      expect(r.stdout).toContain('✔ every stream rebuilds and every decision is reproduced');
    }
  }, 600_000);
});

describe(`certflow checkpoint, prove and witness of a ${EVENTS.toLocaleString('en')}-event SQLite store with a ${HEAP_MB} MB heap`, () => {
  it("fold the store's events as they are read and take proofs from its own tree: each runs under the cap, and what it signs verifies", async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const bin = join(cliDist, 'bin.js');
    const run = (args: string[]) =>
      spawnSync(process.execPath, [bin, ...args], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, CI: 'true' },
        timeout: 280_000,
      });
    const db = join(dir, 'imported.sqlite');
    if (!existsSync(db)) expect(capped([bin, 'import', file, db]).status).toBe(0);
    expect(run(['keygen', 'certflow.test/scale', '--out', 'scale']).status).toBe(0);
    expect(run(['keygen', 'certflow.test/scale-witness', '--out', 'scale-witness', '--witness']).status).toBe(0);
    const inDir = (args: string[]) =>
      spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, bin, ...args], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, CI: 'true' },
        timeout: 280_000,
      });

    // the cap is meaningful: a checkpoint of the JSONL file, which holds every record and builds the tree in memory (as one of a store did before), does not fit
    const whole = inDir(['checkpoint', file, '--key', 'scale.key']);
    expect(whole.status).not.toBe(0);
    expect(whole.stderr).toMatch(/heap out of memory|Allocation failed/i);
    const cp = inDir(['checkpoint', db, '--key', 'scale.key']);
    expect(cp.stderr).toBe('');
    expect(cp.status).toBe(0);
    expect(cp.stdout.split('\n')[1]).toBe(String(EVENTS));
    writeFileSync(join(dir, 'scale-cp.txt'), cp.stdout);

    const lines = readFileSync(file, 'utf8').split('\n');
    const issued = lines.find((l) => l.includes('"type":"CertificateIssued"'))!;
    const number = (JSON.parse(issued) as { streamId: string }).streamId.slice('certificate-'.length);
    const proved = inDir(['prove', db, '--certificate', number, '--checkpoint', 'scale-cp.txt']);
    expect(proved.stderr).toBe('');
    expect(proved.status).toBe(0);
    writeFileSync(join(dir, 'scale-bundle.json'), proved.stdout);
    const checked = run(['verify-proof', 'scale-bundle.json', '--vkey', 'scale.vkey']);
    expect(checked.status, checked.stderr).toBe(0);
    expect(checked.stdout).toMatch(/signed at 60,?000 entries/);

    // the witness saw the log at 20,000 entries (a checkpoint of that prefix), then cosigns the whole log's from the store's consistency proof
    const prefix = join(dir, 'prefix.jsonl');
    const header = lines[0]!.includes('"certflowExport"') ? 1 : 0;
    writeFileSync(prefix, `${lines.slice(0, header + 20_000).join('\n')}\n`);
    const early = run(['checkpoint', prefix, '--key', 'scale.key']);
    expect(early.status, early.stderr).toBe(0);
    writeFileSync(join(dir, 'scale-early.txt'), early.stdout);
    const witnessArgs = ['--key', 'scale-witness.key', '--log-vkey', 'scale.vkey', '--state', 'scale-witness.json'];
    expect(run(['witness', 'scale-early.txt', ...witnessArgs]).status).toBe(0);
    const cosigned = inDir(['witness', 'scale-cp.txt', ...witnessArgs, '--source', db]);
    expect(cosigned.stderr).toBe('');
    expect(cosigned.status).toBe(0);
    expect(cosigned.stdout).toMatch(/\n— certflow\.test\/scale-witness /);
  }, 600_000);
});
