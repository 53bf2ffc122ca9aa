import type { Level } from '../../domain/profile.js';
import type { PackRef } from '../machineEvent.js';

export interface CertificateContext {
  number: string | null;
  holder: { name: string; idNumber: string } | null;
  occupation: { code: string; level: Level } | null;
  examStreamId: string | null;
  issuedBy: string | null;
  rulePack: PackRef | null;
  revocationReason: string | null;
}
