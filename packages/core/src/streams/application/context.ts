import type { JsonValue } from '../../event.js';
import type { Decision, RuleOutcome } from '../../rules/rulePack.js';
import type { ApplicantProfile, ExamPlan, Level } from '../../domain/profile.js';

/** What a machine folds: a stored event's type and data (meta stays in the log). */
export interface MachineEvent<T extends string = string> {
  type: T;
  data: any;
}

/** An occupation and the levels an organization is filed for. */
export interface ScopeItem {
  code: string;
  levels: Level[];
}

export interface ScopeChange {
  add: ApplicantProfile['occupations'];
  drop: { code: string; levels?: Level[] }[];
}

export type ObjectionStatus = 'open' | 'dismissed' | 'upheld';

export interface PackRef {
  id: string;
  version: string;
  hash: string;
}

export interface ApplicationContext {
  /** The actor id of the organization that submitted. */
  applicantId: string | null;
  rulePack: PackRef | null;
  profile: ApplicantProfile | null;
  /** The latest screening decision (SubmitApplication or a supplement). */
  decision: Decision | null;
  /** Each criterion's current outcome: the decision's, then an expert's finding for `review` ones. */
  criteria: Record<string, RuleOutcome>;
  objections: Record<string, ObjectionStatus>;
  organizationCode: string | null;
  filingNumber: string | null;
  validFrom: string | null;
  validUntil: string | null;
  scope: ScopeItem[];
  pendingAmendment: ScopeChange | null;
  /** Quota reservation streams this filing holds a place in. */
  quotaPlaces: string[];
  missedDeadlines: string[];
}

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

export interface CertificateContext {
  number: string | null;
  holder: { name: string; idNumber: string } | null;
  occupation: { code: string; level: Level } | null;
  examStreamId: string | null;
  issuedBy: string | null;
  rulePack: PackRef | null;
  revocationReason: string | null;
}

export type { JsonValue };
