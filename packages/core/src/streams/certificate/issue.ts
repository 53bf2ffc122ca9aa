import { ConcurrencyError, CorruptStoreError } from '../../errors.js';
import type { EventMeta, StoredEvent } from '../../event.js';
import type { EventStore } from '../../eventStore.js';
import type { ExamContext } from '../exam/context.js';
import { latestOf } from '../history.js';
import { toJson } from '../defineCommand.js';
import { examEvents } from '../exam/events.js';
import type { LoadedStream } from '../state.js';
import { markPersonalFormat } from '../../personal/format2.js';
import { personalEventFieldsOf } from '../personalFields.js';

/** What `CertificatesIssued` lists: one entry per candidate who passed. */
export interface IssuedList {
  certificates: { number: string; idNumber: string; name: string }[];
  issuedOn: string;
}

export const certificateStreamId = (number: string) => `certificate-${number}`;

/**
 * Opens a `certificate-<number>` stream per listed certificate, each with
 * `expectedVersion: 'no-stream'`: one that exists already is left as it is
 * (numbers are unique, so it is this exam's). Safe to repeat; returns what it appended.
 */
export async function appendCertificates(
  store: EventStore,
  examStreamId: string,
  exam: ExamContext,
  issued: IssuedList,
  meta: Omit<EventMeta, 'rulePack'>,
  skip?: (streamId: string) => boolean,
): Promise<StoredEvent[]> {
  const rulePack = exam.rulePack!;
  const out: StoredEvent[] = [];
  for (const c of issued.certificates) {
    const streamId = certificateStreamId(c.number);
    if (skip?.(streamId)) continue;
    const data = {
      number: c.number,
      holder: { name: c.name, idNumber: c.idNumber },
      occupation: exam.plan!.occupation,
      examStreamId,
      issuedBy: exam.organizerId,
      rulePack,
      issuedOn: issued.issuedOn,
    };
    try {
      const event = markPersonalFormat(
        {
          type: 'CertificateIssued',
          data: toJson(data),
          meta: { ...meta, rulePack: { id: rulePack.id, version: rulePack.version } },
        },
        personalEventFieldsOf('certificate').CertificateIssued,
      );
      const r = await store.append(streamId, [event], { expectedVersion: 'no-stream' });
      out.push(...r.events);
    } catch (err) {
      if (!(err instanceof ConcurrencyError)) throw err;
    }
  }
  return out;
}

/** Opens the certificate streams an exam lists and that are missing (after a crash between the two appends). */
export async function completeCertificates(
  store: EventStore,
  exam: LoadedStream,
  meta: Omit<EventMeta, 'rulePack'>,
  skip?: (streamId: string) => boolean,
): Promise<StoredEvent[]> {
  const issued = latestOf(exam, 'CertificatesIssued');
  if (!issued) return [];
  const listed = examEvents.CertificatesIssued.safeParse(issued.data);
  if (!listed.success)
    throw new CorruptStoreError(
      exam.streamId,
      'its CertificatesIssued event does not list certificates as the engine writes them',
      { streamId: exam.streamId, version: issued.version },
    );
  const context: ExamContext = exam.snapshot.context;
  return appendCertificates(store, exam.streamId, context, listed.data, meta, skip);
}
