// docs/read-models.md: a projection's apply, idempotent by stream version.
import {
  appliedBefore,
  markApplied,
  memoryStore,
  project,
  type Projection,
  type StoredEvent,
  type StreamVersions,
} from '@certflow/core';

interface State {
  versions: StreamVersions;
  submitted: string[];
}

const submittedApplications: Projection<State> = {
  name: 'submitted-applications',
  initial: () => ({ versions: {}, submitted: [] }),
  // #region apply
  apply(state, e) {
    if (!e.streamId.startsWith('application-') || appliedBefore(state.versions, e)) return state;
    markApplied(state.versions, e);
    // … the event's effect on `state`, in place …
    if (e.type === 'ApplicationSubmitted') state.submitted.push(e.streamId);
    return state;
  },
  // #endregion apply
};

const store = memoryStore();
const meta = {
  at: '2020-06-01T09:00:00+08:00',
  actor: { id: 'org-1', role: 'applicant' as const },
  commandId: 'c1',
  correlationId: 'k1',
};
await store.append('application-a1', [{ type: 'ApplicationSubmitted', data: {}, meta }], {
  expectedVersion: 'no-stream',
});
const events: StoredEvent[] = [];
for await (const e of store.readAll()) events.push(e);

// Every event applied twice in a row, outside the runner: the state is unchanged by the second.
const twice = events.reduce(
  (s, e) => submittedApplications.apply(submittedApplications.apply(s, e), e),
  submittedApplications.initial(),
);
console.log(twice.submitted, project(submittedApplications, events).state.submitted); // [ 'application-a1' ] [ 'application-a1' ]
