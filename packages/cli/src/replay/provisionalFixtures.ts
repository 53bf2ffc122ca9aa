// Test-only: a log where tick recorded a DeadlineMissed on provisional 2027 days, then, with
// the 2027 year file added (a made-up test fixture, not the real 2027 arrangement), withdrew it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createChinaCalendar, parseYearFile } from '@certflow/calendar';
import { createEngine, memoryStore, type Command, type StoredEvent } from '@certflow/core';
import { testProfile, testRulePack } from '@certflow/core/testing';

/** The 2027 test fixture year file, parsed. */
export const YEAR_2027_FIXTURE = parseYearFile(
  JSON.parse(
    readFileSync(fileURLToPath(new URL('../../../calendar/fixtures/year-2027.fixture.json', import.meta.url)), 'utf8'),
  ),
);

/**
 * Submitted Friday 2027-09-24; acceptance within 10 working days: provisionally due 10-11, so a
 * tick on 10-12 records it missed; on the fixture's 2027 it is due 10-13, so the next tick withdraws
 * it. `withdraw: false` stops after the miss.
 */
export async function withdrawnMissLog(options: { withdraw?: boolean } = {}): Promise<StoredEvent[]> {
  const store = memoryStore();
  const engineOn = (calendar = createChinaCalendar()) =>
    createEngine({ store, rulePacks: [testRulePack], calendar, clock: () => new Date('2027-09-24T10:00:00+08:00') });
  await engineOn().execute({
    type: 'SubmitApplication',
    streamId: 'application-p1',
    actor: { id: 'org-1', role: 'applicant' },
    commandId: 'c1',
    payload: { ...testProfile(), rulePack: 'test-pack' },
  } as Command);
  await engineOn().tick(new Date('2027-10-12T12:00:00+08:00'));
  if (options.withdraw !== false)
    await engineOn(createChinaCalendar({ years: { [YEAR_2027_FIXTURE.year]: YEAR_2027_FIXTURE.published } })).tick(
      new Date('2027-10-12T12:00:00+08:00'),
    );
  const events: StoredEvent[] = [];
  for await (const e of store.readAll()) events.push(e);
  return events;
}
