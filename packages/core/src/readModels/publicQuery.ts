import { openPersonalCommitment } from '../personal/commitment.js';
import type { Level } from '../domain/profile.js';
import {
  holderMatchValue,
  lookupCertificate,
  type CertificateRecord,
  type RegistryState,
} from './certificateRegistry.js';
import { parsePersonalToken, type PersonalVault } from '../personal/format2.js';

/** What a member of the public supplies to check a certificate (公开查询). */
export interface PublicCertificateQuery {
  /** The 22-character certificate number (surrounding spaces and case forgiven). */
  number: string;
  /** The holder's name as on the certificate. */
  name: string;
  /** The holder's 身份证号. */
  idNumber: string;
}

/**
 * The answer of the public query. `not-found` when no certificate has the number,
 * and equally when the name or 身份证号 do not match its holder: the answer never
 * tells a caller more about a person than the caller supplied, so a number alone
 * does not reveal whose certificate it is, nor whether it exists.
 */
export type PublicCertificateAnswer =
  | { status: 'not-found' }
  | {
      status: 'valid' | 'revoked';
      number: string;
      occupation: { code: string; name: string; level: Level; levelName: string };
      organization: { name: string; code: string };
      issuedOn: string;
      revokedOn: string | null;
      /** The holder's personal data was erased: the certificate exists, whose it was cannot be checked any more. */
      holderErased?: true;
    };

/**
 * The free public certificate query (鲁人社字〔2020〕50号 四（四）「提供免费查询服务」):
 * answers valid / revoked / not found for a number, name and 身份证号, from the
 * certificate registry read model, by opening the registry's salted holder
 * commitment with the values supplied. Certificates in certflow carry no
 * expiry date, so no answer is "expired".
 */
export function queryCertificatePublic(state: RegistryState, q: PublicCertificateQuery): PublicCertificateAnswer {
  if (typeof q?.number !== 'string' || typeof q.name !== 'string' || typeof q.idNumber !== 'string')
    return { status: 'not-found' };
  const record = lookupCertificate(state, q.number);
  if (!record?.holderMatch) return { status: 'not-found' };
  if (
    !openPersonalCommitment(
      record.holderMatch.commitment,
      holderMatchValue(q.name, q.idNumber),
      record.holderMatch.salt,
    )
  )
    return { status: 'not-found' };
  return answer(record);
}

function answer(record: CertificateRecord, erased = false): PublicCertificateAnswer {
  return {
    status: record.status,
    number: record.number,
    occupation: record.occupation,
    organization: { name: record.issuer.organizationName, code: record.issuer.organizationCode },
    issuedOn: record.issuedOn,
    revokedOn: record.revokedOn,
    ...(erased ? { holderErased: true as const } : {}),
  };
}

/**
 * The public query over certificates of either format: a format-1 one as
 * {@link queryCertificatePublic}; a format-2 one by opening the holder's tokens
 * with the salts the vault keeps for the 身份证号 supplied (the vault finds the
 * subject by its HMAC lookup key, never by a search). A format-2 certificate
 * whose holder was erased answers that it exists, `holderErased: true`, and
 * nothing else of the holder; without a vault, a format-2 certificate is
 * `not-found`.
 */
export async function queryCertificate(
  state: RegistryState,
  q: PublicCertificateQuery,
  vault: PersonalVault | undefined,
): Promise<PublicCertificateAnswer> {
  if (typeof q?.number !== 'string' || typeof q.name !== 'string' || typeof q.idNumber !== 'string')
    return { status: 'not-found' };
  const record = lookupCertificate(state, q.number);
  if (!record) return { status: 'not-found' };
  if (!record.holder) return queryCertificatePublic(state, q);
  if (record.holderErased) return answer(record, true);
  const id = parsePersonalToken(record.holder.idNumber);
  const name = parsePersonalToken(record.holder.name);
  if (!vault || !id || !name) return { status: 'not-found' };
  const wanted = holderMatchValue(q.name, q.idNumber);
  const found = (await vault.resolve([wanted.idNumber])).get(wanted.idNumber);
  const idSalt = found?.salts['id-number'];
  const nameSalt = found?.salts.name;
  if (found?.subject !== id.subject || idSalt === undefined || nameSalt === undefined) return { status: 'not-found' };
  if (
    !openPersonalCommitment(id.commitment, wanted.idNumber, idSalt) ||
    !openPersonalCommitment(name.commitment, wanted.name, nameSalt)
  )
    return { status: 'not-found' };
  return answer(record);
}
