import type { ApplicantProfile, Level } from '../../domain/profile.js';
import type { Decision, RuleOutcome } from '../../rules/rulePack.js';
import type { PackRef } from '../machineEvent.js';

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
