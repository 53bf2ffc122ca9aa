/**
 * What every stream with deadlines (application, exam) does with
 * `DeadlineMissed` and `DeadlineMissedWithdrawn`, in one place: each
 * non-final state takes both; the context keeps the ids of the deadlines
 * missed and not withdrawn. A DeadlineMissed the calendar no longer supports
 * (a published year moved the due date later) is withdrawn by `engine.tick`.
 *
 * A machine spreads {@link deadlineMissedTransitions} into each non-final
 * state and implements the named action and guard with {@link missedDeadlines}.
 */
export const deadlineMissedTransitions = {
  DeadlineMissed: { actions: 'recordMissedDeadline' as const },
  DeadlineMissedWithdrawn: { guard: 'deadlineWasMissed' as const, actions: 'withdrawMissedDeadline' as const },
};

interface DeadlineRef {
  deadlineId: unknown;
}

/** The list operations behind `recordMissedDeadline`, `withdrawMissedDeadline` and `deadlineWasMissed`. */
export const missedDeadlines = {
  record: (missed: readonly string[], data: DeadlineRef): string[] => [...missed, String(data.deadlineId)],
  withdraw: (missed: readonly string[], data: DeadlineRef): string[] =>
    missed.filter((id) => id !== String(data.deadlineId)),
  has: (missed: readonly string[], data: DeadlineRef): boolean => missed.includes(String(data.deadlineId)),
};
