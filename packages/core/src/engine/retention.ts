import type { Actor } from '../event.js';
import type { EventStore } from '../eventStore.js';
import { ValidationError } from '../errors.js';
import { erasedSubjectOf, parsePersonalToken, personalTokensIn, type ErasureRecord } from '../personal/format2.js';

/** What the log says of one subject (a person of format-2 events), for a retention policy to decide on. */
export interface SubjectFacts {
  subject: string;
  /** The exams whose roster lists the subject, with whether the subject passed (null: no result recorded). */
  exams: { streamId: string; plannedAt: string; passed: boolean | null }[];
  /** The certificates the subject holds. */
  certificates: string[];
  /** The instant of the last event naming the subject. */
  lastSeenAt: string;
}

/** A host's retention policy: of the subjects not yet erased, those whose personal data goes now. */
export type RetentionPolicy = (subjects: SubjectFacts[], now: Date) => readonly string[] | Promise<readonly string[]>;

export interface RetentionOptions {
  policy: RetentionPolicy;
  /** Recorded with each erasure, e.g. 「考核未通过，保存期限届满（个人信息保护法第四十七条）」. */
  reason: string;
  actor: Actor;
  /** Default: now. */
  now?: Date;
}

/** The facts of every subject of the store's format-2 events that is not erased yet, in order of first appearance. */
export async function subjectFacts(store: EventStore): Promise<SubjectFacts[]> {
  const facts = new Map<string, SubjectFacts>();
  const erased = new Set<string>();
  for await (const e of store.readAll()) {
    const gone = erasedSubjectOf(e);
    if (gone !== undefined) erased.add(gone);
    if (e.meta.format !== 2) continue;
    const data = e.data as Record<string, unknown>;
    for (const t of personalTokensIn(e.data)) {
      const f = facts.get(t.subject) ?? { subject: t.subject, exams: [], certificates: [], lastSeenAt: e.meta.at };
      f.lastSeenAt = e.meta.at;
      facts.set(t.subject, f);
    }
    const subjectOf = (v: unknown) => parsePersonalToken(v)?.subject;
    if (e.type === 'ExamPlanned' && Array.isArray(data.roster)) {
      for (const c of data.roster as { idNumber?: unknown }[]) {
        const s = subjectOf(c?.idNumber);
        if (s) facts.get(s)!.exams.push({ streamId: e.streamId, plannedAt: e.meta.at, passed: null });
      }
    } else if (e.type === 'ResultsRecorded' && Array.isArray(data.results)) {
      for (const r of data.results as { idNumber?: unknown; passed?: unknown }[]) {
        const exam = facts.get(subjectOf(r?.idNumber) ?? '')?.exams.find((x) => x.streamId === e.streamId);
        if (exam) exam.passed = r.passed === true;
      }
    } else if (e.type === 'CertificateIssued') {
      const s = subjectOf((data.holder as { idNumber?: unknown } | undefined)?.idNumber);
      if (s) facts.get(s)!.certificates.push(String(data.number));
    }
  }
  return [...facts.values()].filter((f) => !erased.has(f.subject));
}

/**
 * Erases by policy (e.g. candidates who did not pass, once the pack's
 * record-keeping period is over): hands the policy the facts of every subject
 * not yet erased, and erases each subject it returns with `vault.eraseSubject`.
 * Returns the erasures recorded.
 */
export async function applyRetention(store: EventStore, options: RetentionOptions): Promise<ErasureRecord[]> {
  if (!store.vault) {
    const expected = 'a store that keeps a personal-data vault';
    throw new ValidationError(
      [
        {
          path: ['store'],
          code: 'not_accepted',
          message: `expected ${expected}`,
          expected,
          received: 'a store without a vault',
        },
      ],
      'applyRetention',
    );
  }
  const now = options.now ?? new Date();
  const subjects = await subjectFacts(store);
  const known = new Set(subjects.map((s) => s.subject));
  const chosen = [...new Set(await options.policy(subjects, now))].filter((s) => known.has(s));
  const out: ErasureRecord[] = [];
  for (const subject of chosen)
    out.push(await store.vault.eraseSubject(subject, { reason: options.reason, actor: options.actor, at: now }));
  return out;
}
