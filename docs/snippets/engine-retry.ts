// docs/engine.md: repeating a command or an append after a store failure
// without ever duplicating it. The store here loses the reply of one append
// (the write committed, the caller hears StoreUnavailableError 'unknown').
import { createEngine, memoryStore, StoreUnavailableError, type EventStore } from '@certflow/core';
import { testCalendar, testProfile, testRulePack } from '@certflow/core/fixtures';

const inner = memoryStore();
let loseNextReply = false;
const store: EventStore = {
  ...inner,
  async append(streamId, events, options) {
    const r = await inner.append(streamId, events, options);
    if (loseNextReply) {
      loseNextReply = false;
      throw new StoreUnavailableError('append', 'unknown', { detail: 'connection reset after COMMIT' });
    }
    return r;
  },
};
const engine = createEngine({
  store,
  rulePacks: [testRulePack],
  calendar: testCalendar(),
  clock: () => new Date('2020-06-01T10:00:00+08:00'),
});

// #region retry
import { ConcurrencyError, type Command, type Engine, type ExecuteResult, type NewEvent } from '@certflow/core';

/** Runs a command until it has a definite answer: the same command, same commandId, every time. */
async function executeSettled(engine: Engine, command: Command, attempts = 5): Promise<ExecuteResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await engine.execute(command);
    } catch (err) {
      // 'not-written' and 'unknown' alike: repeating the command never records it twice.
      if (!(err instanceof StoreUnavailableError) || attempt === attempts) throw err;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

/** A plain append repeated with the same expectedVersion: a conflict may mean the lost first try committed. */
async function appendSettled(
  store: EventStore,
  streamId: string,
  events: NewEvent[],
  expectedVersion: number,
): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await store.append(streamId, events, { expectedVersion })).nextExpectedVersion;
    } catch (err) {
      if (err instanceof ConcurrencyError) {
        const [next] = await store.readStream(streamId, {
          fromVersion: expectedVersion + 1,
          toVersion: expectedVersion + 1,
        });
        if (next?.meta.commandId === events[0]!.meta.commandId) return expectedVersion + events.length; // ours: it committed
        throw err; // someone else's: read again and decide
      }
      if (!(err instanceof StoreUnavailableError) || attempt === 5) throw err;
    }
  }
}
// #endregion retry

const submit: Command = {
  type: 'SubmitApplication',
  streamId: 'application-retry-1',
  commandId: 'submit-retry-1',
  actor: { id: 'org-1', role: 'applicant' },
  payload: { ...testProfile(), rulePack: 'test-pack' },
};
loseNextReply = true;
const r = await executeSettled(engine, submit);
console.log(r.version, (await store.readStream(submit.streamId)).length); // 1 1

const note = {
  type: 'Noted',
  data: { n: 1 },
  meta: {
    at: '2020-06-01T10:00:00+08:00',
    actor: { id: 'org-1', role: 'applicant' as const },
    commandId: 'note-1',
    correlationId: 'note-1',
  },
};
loseNextReply = true;
console.log(await appendSettled(store, 'exam-notes', [note], 0), await store.streamVersion('exam-notes')); // 1 1
