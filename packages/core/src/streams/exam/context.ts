import type { ExamPlan } from '../../domain/profile.js';
import type { ScopeItem } from '../application/context.js';
import type { PackRef } from '../machineEvent.js';

/** What an exam needs to know about the filing it runs under. */
export interface FilingSummary {
  streamId: string;
  applicantId: string;
  organizationName: string;
  organizationKind: string;
  organizationCode: string;
  registeredIn: string;
  scope: ScopeItem[];
  validUntil: string | null;
}

export interface CandidateResult {
  idNumber: string;
  passed: boolean;
  score?: number;
}

export interface ExamContext {
  organizerId: string | null;
  rulePack: PackRef | null;
  plan: ExamPlan | null;
  filing: FilingSummary | null;
  results: CandidateResult[];
  certificates: string[];
  missedDeadlines: string[];
}
