import { existsSync, mkdtempSync, readdirSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredEvent } from '@certflow/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CannotReadError } from '../errors.js';
import { adaptiveSpill } from './spill.js';

const event = (streamId: string, version: number, position: number): StoredEvent => ({
  streamId,
  version,
  position,
  type: 'ApplicationSubmitted',
  data: { note: `第${version}次`, position },
  meta: {
    at: '2026-03-02T09:00:00+08:00',
    actor: { id: 'a', role: 'applicant' },
    commandId: `c-${position}`,
    correlationId: 'spill',
  },
  prevHash: null,
  hash: 'ab'.repeat(32),
});

describe('the report spill (events of every stream, moved to a temporary file past a limit)', () => {
  let tmp: string;
  let before: string | undefined;
  beforeEach(() => {
    before = process.env.TMPDIR;
    tmp = mkdtempSync(join(tmpdir(), 'certflow-spill-spec-'));
    process.env.TMPDIR = tmp; // where the spill makes its file
  });
  afterEach(() => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(tmp, { recursive: true, force: true });
  });
  const spillFile = () => {
    const dirs = readdirSync(tmp).filter((d) => d.startsWith('certflow-report-'));
    expect(dirs).toHaveLength(1);
    return join(tmp, dirs[0]!, 'spill');
  };

  it('gives each stream its events back in version order, from memory and from the file, and removes the file on close', async () => {
    const spill = await adaptiveSpill(5);
    const added: StoredEvent[] = [];
    // versions of three streams interleaved, one of them added out of order
    for (let p = 1; p <= 30; p++) added.push(event(`application-s${p % 3}`, Math.ceil(p / 3), p));
    const [a, b] = [added[3]!, added[6]!];
    added[3] = b;
    added[6] = a;
    for (const e of added) spill.add(e);
    expect(existsSync(spillFile())).toBe(true);
    for (const id of ['application-s0', 'application-s1', 'application-s2'])
      expect(spill.events(id)).toEqual(added.filter((e) => e.streamId === id).sort((x, y) => x.version - y.version));
    expect(spill.events('application-none')).toEqual([]);
    const file = spillFile();
    spill.close();
    expect(existsSync(file)).toBe(false);
  });

  it('says which file could not be read, as a CannotReadError, when its file was cut short', async () => {
    const spill = await adaptiveSpill(2);
    for (let p = 1; p <= 10; p++) spill.add(event('application-cut', p, p));
    expect(spill.events('application-cut')).toHaveLength(10); // written through
    truncateSync(spillFile(), 40);
    let thrown: unknown;
    try {
      spill.events('application-cut');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(CannotReadError);
    expect((thrown as CannotReadError).code).toBe('CLI_CANNOT_READ');
    expect((thrown as Error).message).toContain("the report's temporary file");
    expect((thrown as Error).message).toContain('before the record written there');
    spill.close();
  });
});
