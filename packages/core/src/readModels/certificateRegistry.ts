import { createHash } from 'node:crypto';
import { chinaLocalDate } from '../domain/calendar.js';
import type { StoredEvent } from '../event.js';
import type { EventStore } from '../eventStore.js';
import { commitPersonalValue, type PersonalCommitment } from '../personal/commitment.js';
import { isCatalogued } from '../streams/catalogue.js';
import { maskIdCardNumber } from '../domain/checkDigits.js';
import { LEVEL_NAMES, type ApplicantProfile, type Level } from '../domain/profile.js';
import { type PublicCertificateAnswer, type PublicCertificateQuery, queryCertificatePublic } from './publicQuery.js';
import { appliedBefore, markApplied, ReadModel, setOwn, type Projection, type ReadModelOptions, type StreamVersions } from './projection.js';

export type CertificateStatus = 'valid' | 'revoked';

/**
 * What the free public certificate query shows (鲁人社字〔2020〕50号 四（四）):
 * the number, the holder, the occupation and level, who issued it and when,
 * and whether it still stands. The 身份证号 is kept masked only.
 */
export interface CertificateRecord {
  number: string;
  holderName: string;
  /** 身份证号 masked with `maskIdCardNumber` (first 4 and last 4 characters). */
  idNumberMasked: string;
  occupation: { code: string; name: string; level: Level; levelName: string };
  issuer: { organizationName: string; organizationCode: string; filingStreamId: string | null };
  issuedOn: string;
  status: CertificateStatus;
  revokedOn: string | null;
  revocationReason: string | null;
  examStreamId: string | null;
  rulePack: { id: string; version: string } | null;
  /**
   * A salted commitment to the holder (name and 身份证号, see {@link holderMatchValue}),
   * which the public query ({@link queryCertificatePublic}) matches what a caller supplies
   * against, so that the query needs no clear 身份证号.
   */
  holderMatch: PersonalCommitment;
}

/**
 * The salt of a registry's holder commitment, derived from the issuing event's hash
 * so that folding the same log always gives the same state. It keeps the state free of
 * clear 身份证号, but whoever holds the log holds the salt: the registry's state is as
 * confidential as the log it is folded from; what it protects is the public query's answer.
 */
export function holderMatchSalt(eventHash: string): string {
  return createHash('sha256').update(`certflow:holder-match:${eventHash}`).digest().subarray(0, 16).toString('base64url');
}

/** The value a holder commitment is made over: the name trimmed, the 身份证号 trimmed and upper-cased. */
export function holderMatchValue(name: string, idNumber: string): { name: string; idNumber: string } {
  return { name: name.normalize('NFKC').trim(), idNumber: idNumber.normalize('NFKC').trim().toUpperCase() };
}

interface ExamFacts {
  organizationName: string;
  organizationCode: string;
  filingStreamId: string;
}

export interface RegistryState {
  versions: StreamVersions;
  /** Occupation names by code, learned from filing profiles. */
  occupationNames: Record<string, string>;
  /** The issuing organization of each exam, from ExamPlanned. */
  exams: Record<string, ExamFacts>;
  certificates: Record<string, CertificateRecord>;
}

/** The certificate registry: one record per CertificateIssued, updated by CertificateRevoked. */
export function certificateRegistryProjection(): Projection<RegistryState> {
  return {
    name: 'certificate-registry',
    initial: () => ({ versions: {}, occupationNames: {}, exams: {}, certificates: {} }),
    apply(state, e: StoredEvent) {
      if (e.streamId.startsWith('quota-') || appliedBefore(state.versions, e)) return state;
      markApplied(state.versions, e);
      if (!isCatalogued(e)) return state;
      switch (e.type) {
        case 'ApplicationSubmitted':
        case 'ApplicationSupplemented':
        case 'ScopeAmended':
          for (const o of e.data.profile?.occupations ?? []) setOwn(state.occupationNames, o.code, o.name);
          break;
        case 'ExamPlanned':
          setOwn(state.exams, e.streamId, { organizationName: e.data.filing.organizationName, organizationCode: e.data.filing.organizationCode, filingStreamId: e.data.filing.streamId });
          break;
        case 'CertificateIssued': {
          const exam = e.data.examStreamId ? state.exams[e.data.examStreamId] : undefined;
          const level: Level = e.data.occupation.level;
          setOwn(state.certificates, String(e.data.number), {
            number: e.data.number,
            holderName: e.data.holder.name,
            idNumberMasked: maskIdCardNumber(String(e.data.holder.idNumber)),
            occupation: { code: e.data.occupation.code, name: state.occupationNames[e.data.occupation.code] ?? e.data.occupation.code, level, levelName: LEVEL_NAMES[level] ?? String(level) },
            issuer: { organizationName: exam?.organizationName ?? String(e.data.issuedBy), organizationCode: exam?.organizationCode ?? String(e.data.number).slice(1, 5), filingStreamId: exam?.filingStreamId ?? null },
            issuedOn: e.data.issuedOn ?? chinaLocalDate(e.meta.at),
            status: 'valid',
            revokedOn: null,
            revocationReason: null,
            examStreamId: e.data.examStreamId ?? null,
            rulePack: e.data.rulePack ? { id: e.data.rulePack.id, version: e.data.rulePack.version } : null,
            holderMatch: commitPersonalValue(holderMatchValue(e.data.holder.name, e.data.holder.idNumber), holderMatchSalt(e.hash)),
          });
          break;
        }
        case 'CertificateRevoked': {
          const number = e.streamId.slice('certificate-'.length);
          const record = state.certificates[number];
          if (record) {
            setOwn(state.certificates, number, { ...record, status: 'revoked', revokedOn: chinaLocalDate(e.meta.at), revocationReason: typeof e.data?.reason === 'string' ? e.data.reason : null });
          }
          break;
        }
      }
      return state;
    },
  };
}

/** The record of a certificate number (surrounding spaces and case forgiven), or undefined. */
export function lookupCertificate(state: RegistryState, number: string): CertificateRecord | undefined {
  return state.certificates[number.trim().toUpperCase()];
}

export interface RegistryQuery {
  status?: CertificateStatus;
  /** The issuing organization's code (4 digits). */
  organizationCode?: string;
  /** The filing (application stream) the certificates were issued under. */
  filingStreamId?: string;
  occupation?: string;
}

export function queryCertificates(state: RegistryState, q: RegistryQuery = {}): CertificateRecord[] {
  return Object.values(state.certificates)
    .filter((c) => !q.status || c.status === q.status)
    .filter((c) => !q.organizationCode || c.issuer.organizationCode === q.organizationCode)
    .filter((c) => !q.filingStreamId || c.issuer.filingStreamId === q.filingStreamId)
    .filter((c) => !q.occupation || c.occupation.code === q.occupation)
    .sort((a, b) => a.number.localeCompare(b.number));
}

/** The certificate registry kept up to date from a store, queryable by number. */
export class CertificateRegistry extends ReadModel<RegistryState> {
  constructor(store: EventStore, options: ReadModelOptions<RegistryState> = {}) {
    super(store, certificateRegistryProjection(), options);
  }

  /** The public query: a certificate by its number. */
  lookup(number: string): CertificateRecord | undefined {
    return lookupCertificate(this.state, number);
  }

  /** The free public query (公开查询) by number, name and 身份证号: see {@link queryCertificatePublic}. */
  verifyPublic(query: PublicCertificateQuery): PublicCertificateAnswer {
    return queryCertificatePublic(this.state, query);
  }

  list(query: RegistryQuery = {}): CertificateRecord[] {
    return queryCertificates(this.state, query);
  }
}

/** Starts a registry on the store: caught up with the log when the promise resolves. */
export async function certificateRegistry(store: EventStore, options: ReadModelOptions<RegistryState> = {}): Promise<CertificateRegistry> {
  const r = new CertificateRegistry(store, options);
  await r.waitUntilCaughtUp();
  return r;
}
