import { chinaLocalDate } from '../domain/calendar.js';
import type { StoredEvent } from '../event.js';
import type { EventStore } from '../eventStore.js';
import { isCatalogued } from '../streams/catalogue.js';
import { applyScopeChange } from '../streams/application/machine.js';
import type { ScopeItem } from '../streams/application/context.js';
import type { ApplicantProfile, Level } from '../domain/profile.js';
import type { Jurisdiction, RulePack } from '../rules/rulePack.js';
import {
  appliedBefore,
  markApplied,
  ReadModel,
  setOwn,
  type Projection,
  type ReadModelOptions,
  type StreamVersions,
} from './projection.js';

export type FilingStatus = 'active' | 'suspended' | 'revoked' | 'expired';

/** One filed organization as the notices require it to be published (备案目录). */
export interface CatalogEntry {
  /** The application stream the filing lives in. */
  streamId: string;
  organizationName: string;
  /** 统一社会信用代码. */
  uscc: string;
  /** GB/T 2260 code of where the organization is registered. */
  registeredIn: string;
  organizationCode: string;
  filingNumber: string;
  occupations: { code: string; name: string; levels: Level[] }[];
  validFrom: string;
  validUntil: string | null;
  status: FilingStatus;
  /** China local date of the last status change (filing, suspension, reinstatement, revocation, expiry). */
  statusSince: string;
  /** Reason of a suspension or revocation, as recorded. */
  statusReason: string | null;
  rulePack: { id: string; version: string };
  /** The pack's jurisdiction, when the pack was passed to the catalog. */
  jurisdiction: Jurisdiction | null;
}

interface Candidate {
  name: string;
  uscc: string;
  registeredIn: string;
  occupationNames: Record<string, string>;
  rulePack: { id: string; version: string };
}

export interface CatalogState {
  versions: StreamVersions;
  /** What a filing will publish, learned from submissions before it is filed (not public). */
  candidates: Record<string, Candidate>;
  entries: Record<string, CatalogEntry>;
}

function candidateOf(
  profile: ApplicantProfile,
  rulePack: { id: string; version: string },
  before?: Candidate,
): Candidate {
  return {
    name: profile.organization.name,
    uscc: profile.organization.uscc,
    registeredIn: profile.organization.registeredIn,
    occupationNames: {
      ...before?.occupationNames,
      ...Object.fromEntries(profile.occupations.map((o) => [o.code, o.name])),
    },
    rulePack,
  };
}

const occupationsOf = (scope: ScopeItem[], names: Record<string, string>) =>
  scope.map((s) => ({ code: s.code, name: names[s.code] ?? s.code, levels: [...s.levels] }));

const STATUS_OF: Record<string, FilingStatus> = {
  FilingSuspended: 'suspended',
  FilingReinstated: 'active',
  FilingRevoked: 'revoked',
  FilingExpired: 'expired',
};

/**
 * The published catalog of filed organizations: an entry appears with
 * FilingCompleted and follows scope amendments, suspension, reinstatement,
 * revocation and expiry. `jurisdictionOf` (optional) names the pack's
 * jurisdiction on each entry.
 */
export function filingCatalogProjection(options: { rulePacks?: RulePack[] } = {}): Projection<CatalogState> {
  const jurisdictionOf = (ref: { id: string; version: string }): Jurisdiction | null => {
    const packs = options.rulePacks ?? [];
    const j = (packs.find((p) => p.id === ref.id && p.version === ref.version) ?? packs.find((p) => p.id === ref.id))
      ?.jurisdiction;
    return j ? { ...j } : null;
  };
  return {
    name: 'filing-catalog',
    initial: () => ({ versions: {}, candidates: {}, entries: {} }),
    apply(state, e: StoredEvent) {
      if (!e.streamId.startsWith('application-') || appliedBefore(state.versions, e)) return state;
      markApplied(state.versions, e);
      if (!isCatalogued(e, 'application')) return state;
      const candidate = state.candidates[e.streamId];
      const entry = state.entries[e.streamId];
      switch (e.type) {
        case 'ApplicationSubmitted':
          setOwn(
            state.candidates,
            e.streamId,
            candidateOf(e.data.profile, { id: e.data.rulePack.id, version: e.data.rulePack.version }),
          );
          break;
        case 'ApplicationSupplemented':
          if (candidate)
            setOwn(state.candidates, e.streamId, candidateOf(e.data.profile, candidate.rulePack, candidate));
          break;
        case 'ApplicationRejected':
          if (candidate) delete state.candidates[e.streamId];
          break;
        case 'FilingCompleted':
          if (candidate) {
            setOwn(state.entries, e.streamId, {
              streamId: e.streamId,
              organizationName: candidate.name,
              uscc: candidate.uscc,
              registeredIn: candidate.registeredIn,
              organizationCode: e.data.organizationCode,
              filingNumber: e.data.filingNumber,
              occupations: occupationsOf(e.data.scope, candidate.occupationNames),
              validFrom: e.data.validFrom,
              validUntil: e.data.validUntil ?? null,
              status: 'active',
              statusSince: e.data.validFrom ?? chinaLocalDate(e.meta.at),
              statusReason: null,
              rulePack: { ...candidate.rulePack },
              jurisdiction: jurisdictionOf(candidate.rulePack),
            });
          }
          break;
        case 'ScopeAmended':
          if (entry && candidate) {
            const updated = candidateOf(e.data.profile, candidate.rulePack, candidate);
            const scope = applyScopeChange(
              entry.occupations.map((o) => ({ code: o.code, levels: o.levels })),
              e.data.change,
            );
            setOwn(state.candidates, e.streamId, updated);
            setOwn(state.entries, e.streamId, {
              ...entry,
              organizationName: updated.name,
              occupations: occupationsOf(scope, updated.occupationNames),
            });
          }
          break;
        default: {
          const status = STATUS_OF[e.type];
          if (status && entry) {
            const reason = typeof e.data?.reason === 'string' ? e.data.reason : null;
            const statusSince =
              e.type === 'FilingExpired' && e.data?.expiredOn ? e.data.expiredOn : chinaLocalDate(e.meta.at);
            setOwn(state.entries, e.streamId, {
              ...entry,
              status,
              statusSince,
              statusReason: status === 'active' ? null : reason,
            });
          }
        }
      }
      return state;
    },
  };
}

export interface CatalogQuery {
  status?: FilingStatus | FilingStatus[];
  /** Entries whose scope includes this occupation code (and this level, if given). */
  occupation?: string;
  level?: Level;
  rulePack?: string;
  /** Entries whose jurisdiction has this code. */
  jurisdiction?: string;
  /** Substring of the organization name. */
  name?: string;
}

/** Catalog entries matching the query, ordered by filing number. */
export function queryCatalog(state: CatalogState, q: CatalogQuery = {}): CatalogEntry[] {
  const statuses = q.status === undefined ? undefined : Array.isArray(q.status) ? q.status : [q.status];
  return Object.values(state.entries)
    .filter((e) => !statuses || statuses.includes(e.status))
    .filter(
      (e) =>
        !q.occupation ||
        e.occupations.some((o) => o.code === q.occupation && (q.level === undefined || o.levels.includes(q.level))),
    )
    .filter((e) => !q.rulePack || e.rulePack.id === q.rulePack)
    .filter((e) => !q.jurisdiction || e.jurisdiction?.code === q.jurisdiction)
    .filter((e) => !q.name || e.organizationName.includes(q.name))
    .sort((a, b) => a.filingNumber.localeCompare(b.filingNumber) || a.streamId.localeCompare(b.streamId));
}

/** The catalog kept up to date from a store, with its queries. */
export class FilingCatalog extends ReadModel<CatalogState> {
  constructor(store: EventStore, options: ReadModelOptions<CatalogState> & { rulePacks?: RulePack[] } = {}) {
    super(store, filingCatalogProjection({ rulePacks: options.rulePacks }), options);
  }

  list(query: CatalogQuery = {}): CatalogEntry[] {
    return queryCatalog(this.state, query);
  }

  /** The entry of a filing by its application stream id. */
  get(streamId: string): CatalogEntry | undefined {
    return this.state.entries[streamId];
  }

  /** The entries of an organization (one per filing) by its 统一社会信用代码. */
  byUscc(uscc: string): CatalogEntry[] {
    return this.list().filter((e) => e.uscc === uscc);
  }

  byFilingNumber(filingNumber: string): CatalogEntry | undefined {
    return this.list().find((e) => e.filingNumber === filingNumber);
  }
}

/** Starts a catalog on the store: caught up with the log when the promise resolves. */
export async function filingCatalog(
  store: EventStore,
  options: ReadModelOptions<CatalogState> & { rulePacks?: RulePack[] } = {},
): Promise<FilingCatalog> {
  const c = new FilingCatalog(store, options);
  await c.waitUntilCaughtUp();
  return c;
}
