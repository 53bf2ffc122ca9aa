import { createHash } from 'node:crypto';
import { chinaLocalDate } from '../domain/calendar.js';
import type { StoredEvent } from '../event.js';
import type { EventStore } from '../eventStore.js';
import { commitPersonalValue, type PersonalCommitment } from '../personal/commitment.js';
import { isCatalogued } from '../streams/catalogue.js';
import { maskIdCardNumber } from '../domain/checkDigits.js';
import { LEVEL_NAMES, type ApplicantProfile, type Level } from '../domain/profile.js';
import {
  type PublicCertificateAnswer,
  type PublicCertificateQuery,
  queryCertificate,
  queryCertificatePublic,
} from './publicQuery.js';
import { maskPersonalValue } from '../personal/mask.js';
import type { PersonalKind } from '../personal/fields.js';
import { erasedSubjectOf, parsePersonalToken, type PersonalVault, type PersonalVaultRow } from '../personal/format2.js';
import {
  appliedBefore,
  markApplied,
  ReadModel,
  setOwn,
  type Projection,
  type ReadModelOptions,
  type StreamVersions,
} from './projection.js';

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
   * against, so that the query needs no clear 身份证号. Format-1 events only: a format-2
   * certificate's holder is {@link holder}.
   */
  holderMatch?: PersonalCommitment;
  /** A format-2 certificate: the holder's tokens (subject and commitment of the name and 身份证号), which the vault opens. */
  holder?: { name: string; idNumber: string };
  /** True once the holder's personal data is erased: the display forms read 「已删除」. */
  holderErased?: boolean;
}

/** What reports and read models show where an erased value was. */
export const PERSONAL_ERASED_DISPLAY = '已删除';
/** What a read model shows for a format-2 value it was given no display form of. */
export const PERSONAL_WITHHELD_DISPLAY = '***';

/**
 * Display forms of format-2 tokens for a read model: the masked value of the
 * token (from the vault's rows or a masked export's display forms), undefined
 * if unknown. See {@link personalDisplay}.
 */
export type PersonalDisplay = (token: string, kind: PersonalKind) => string | undefined;

/** A {@link PersonalDisplay} over vault rows: each token's masked value. */
export function personalDisplay(rows: Iterable<PersonalVaultRow>): PersonalDisplay {
  const byCommitment = new Map<string, PersonalVaultRow>();
  for (const r of rows) byCommitment.set(r.commitment, r);
  return (token, kind) => {
    const t = parsePersonalToken(token);
    const row = t ? byCommitment.get(t.commitment) : undefined;
    return row && row.subject === t!.subject && typeof row.value === 'string'
      ? maskPersonalValue(kind, row.value)
      : undefined;
  };
}

/**
 * The salt of a registry's holder commitment, derived from the issuing event's hash
 * so that folding the same log always gives the same state. It keeps the state free of
 * clear 身份证号, but whoever holds the log holds the salt: the registry's state is as
 * confidential as the log it is folded from; what it protects is the public query's answer.
 */
export function holderMatchSalt(eventHash: string): string {
  return createHash('sha256')
    .update(`certflow:holder-match:${eventHash}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
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
  /** Subjects whose personal data was erased (PersonalDataErased). */
  erased?: Record<string, true>;
}

export interface RegistryOptions {
  /** Display forms of format-2 holders (masked); without one, or for a value it does not know, a holder shows `***`. */
  display?: PersonalDisplay;
}

/** The certificate registry: one record per CertificateIssued, updated by CertificateRevoked. */
export function certificateRegistryProjection(options: RegistryOptions = {}): Projection<RegistryState> {
  const shown = (token: string, kind: PersonalKind) => options.display?.(token, kind) ?? PERSONAL_WITHHELD_DISPLAY;
  return {
    name: 'certificate-registry',
    initial: () => ({ versions: {}, occupationNames: {}, exams: {}, certificates: {}, erased: {} }),
    apply(state, e: StoredEvent) {
      const erased = erasedSubjectOf(e);
      if (erased !== undefined) {
        state.erased ??= {};
        setOwn(state.erased, erased, true);
        for (const [number, c] of Object.entries(state.certificates)) {
          if (c.holder && parsePersonalToken(c.holder.idNumber)?.subject === erased) {
            setOwn(state.certificates, number, {
              ...c,
              holderName: PERSONAL_ERASED_DISPLAY,
              idNumberMasked: PERSONAL_ERASED_DISPLAY,
              holderErased: true,
            });
          }
        }
        return state;
      }
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
          setOwn(state.exams, e.streamId, {
            organizationName: e.data.filing.organizationName,
            organizationCode: e.data.filing.organizationCode,
            filingStreamId: e.data.filing.streamId,
          });
          break;
        case 'CertificateIssued': {
          const exam = e.data.examStreamId ? state.exams[e.data.examStreamId] : undefined;
          const level: Level = e.data.occupation.level;
          const tokens =
            e.meta.format === 2
              ? { name: String(e.data.holder.name), idNumber: String(e.data.holder.idNumber) }
              : undefined;
          const subject = tokens ? parsePersonalToken(tokens.idNumber)?.subject : undefined;
          const gone = subject !== undefined && state.erased?.[subject] === true;
          setOwn(state.certificates, String(e.data.number), {
            number: e.data.number,
            holderName: tokens ? (gone ? PERSONAL_ERASED_DISPLAY : shown(tokens.name, 'name')) : e.data.holder.name,
            idNumberMasked: tokens
              ? gone
                ? PERSONAL_ERASED_DISPLAY
                : shown(tokens.idNumber, 'id-number')
              : maskIdCardNumber(String(e.data.holder.idNumber)),
            occupation: {
              code: e.data.occupation.code,
              name: state.occupationNames[e.data.occupation.code] ?? e.data.occupation.code,
              level,
              levelName: LEVEL_NAMES[level] ?? String(level),
            },
            issuer: {
              organizationName: exam?.organizationName ?? String(e.data.issuedBy),
              organizationCode: exam?.organizationCode ?? String(e.data.number).slice(1, 5),
              filingStreamId: exam?.filingStreamId ?? null,
            },
            issuedOn: e.data.issuedOn ?? chinaLocalDate(e.meta.at),
            status: 'valid',
            revokedOn: null,
            revocationReason: null,
            examStreamId: e.data.examStreamId ?? null,
            rulePack: e.data.rulePack ? { id: e.data.rulePack.id, version: e.data.rulePack.version } : null,
            ...(tokens
              ? { holder: tokens, ...(gone ? { holderErased: true } : {}) }
              : {
                  holderMatch: commitPersonalValue(
                    holderMatchValue(e.data.holder.name, e.data.holder.idNumber),
                    holderMatchSalt(e.hash),
                  ),
                }),
          });
          break;
        }
        case 'CertificateRevoked': {
          const number = e.streamId.slice('certificate-'.length);
          const record = state.certificates[number];
          if (record) {
            setOwn(state.certificates, number, {
              ...record,
              status: 'revoked',
              revokedOn: chinaLocalDate(e.meta.at),
              revocationReason: typeof e.data?.reason === 'string' ? e.data.reason : null,
            });
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
  readonly #vault: PersonalVault | undefined;
  constructor(store: EventStore, options: ReadModelOptions<RegistryState> & RegistryOptions = {}) {
    super(store, certificateRegistryProjection(options), options);
    this.#vault = store.vault;
  }

  /**
   * The public query (公开查询) over format-1 and format-2 certificates alike:
   * a format-2 holder is matched by opening its tokens with the salts the
   * store's vault keeps for the 身份证号 supplied. After the holder's erasure
   * it still answers that the certificate exists (`holderErased: true`),
   * revealing nothing of the holder. See {@link queryCertificatePublic}.
   */
  async queryCertificate(query: PublicCertificateQuery): Promise<PublicCertificateAnswer> {
    return queryCertificate(this.state, query, this.#vault);
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
export async function certificateRegistry(
  store: EventStore,
  options: ReadModelOptions<RegistryState> & RegistryOptions = {},
): Promise<CertificateRegistry> {
  const r = new CertificateRegistry(store, options);
  await r.waitUntilCaughtUp();
  return r;
}
