import { ConcurrencyError, RuleViolationError } from '../errors.js';
import type { Actor, EventMeta } from '../event.js';
import type { EventStore } from '../eventStore.js';
import type { ApplicantProfile } from '../rules/profile.js';
import type { QuotaSpec, RulePack } from '../rules/rulePack.js';

/** The reservation stream of one quota bucket: `quota-<quota id>-<bucket>`. */
export function quotaStreamId(quota: QuotaSpec, bucket: string): string {
  return `quota-${quota.id}-${bucket.replace(/[^A-Za-z0-9._-]/g, '_')}`;
}

/** Who holds a place in a reservation stream, folded from its events. */
export async function quotaHolders(store: EventStore, streamId: string): Promise<{ version: number; holders: Set<string> }> {
  const events = await store.readStream(streamId);
  const holders = new Set<string>();
  for (const e of events) {
    const holder = String((e.data as { holder: string }).holder);
    if (e.type === 'QuotaPlaceReserved') holders.add(holder);
    else if (e.type === 'QuotaPlaceReleased') holders.delete(holder);
  }
  return { version: events.length, holders };
}

const CONTENTION_RETRIES = 50;

/**
 * Takes a place for `holder` in every bucket of every quota the pack takes at
 * this command. Each bucket is a stream appended with optimistic concurrency,
 * so two filings racing for the last place cannot both get it. If a bucket is
 * full, places already taken by this call are released and a
 * RuleViolationError cites the quota. Returns the streams it holds a place in.
 */
export async function reservePlaces(
  store: EventStore,
  pack: RulePack,
  profile: ApplicantProfile,
  holder: string,
  meta: Omit<EventMeta, 'rulePack'>,
): Promise<{ places: string[]; release: (reason: string) => Promise<void> }> {
  const taken: string[] = [];
  const places: string[] = [];
  const release = async (reason: string) => releasePlaces(store, taken, holder, { ...meta, rulePack: { id: pack.id, version: pack.version } }, reason);
  for (const quota of pack.quotas.filter((q) => (q.takenAt ?? 'CompleteFiling') === 'CompleteFiling')) {
    for (const bucket of [...new Set(quota.buckets(profile))]) {
      const streamId = quotaStreamId(quota, bucket);
      places.push(streamId);
      for (let attempt = 0; ; attempt++) {
        const { version, holders } = await quotaHolders(store, streamId);
        if (holders.has(holder)) break;
        if (holders.size >= quota.max) {
          await release('quota full');
          throw new RuleViolationError('CompleteFiling', [
            {
              ruleId: quota.id,
              outcome: 'fail',
              message: `${bucket}: ${holders.size} of at most ${quota.max} places are taken (${[...holders].join(', ')})`,
              cite: quota.cite,
            },
          ]);
        }
        try {
          await store.append(streamId, [{ type: 'QuotaPlaceReserved', data: { holder, quotaId: quota.id, bucket, max: quota.max }, meta: { ...meta, rulePack: { id: pack.id, version: pack.version } } }], { expectedVersion: version });
          taken.push(streamId);
          break;
        } catch (err) {
          if (!(err instanceof ConcurrencyError) || attempt >= CONTENTION_RETRIES) {
            await release('reservation failed');
            throw err;
          }
          await new Promise((r) => setTimeout(r, Math.random() * 3));
        }
      }
    }
  }
  return { places, release };
}

/** Gives back places (a revoked or expired filing, or a compensation after a failed command). */
export async function releasePlaces(store: EventStore, streams: string[], holder: string, meta: EventMeta, reason: string): Promise<void> {
  for (const streamId of streams) {
    for (let attempt = 0; attempt < CONTENTION_RETRIES; attempt++) {
      const { version, holders } = await quotaHolders(store, streamId);
      if (!holders.has(holder)) break;
      try {
        await store.append(streamId, [{ type: 'QuotaPlaceReleased', data: { holder, reason }, meta }], { expectedVersion: version });
        break;
      } catch (err) {
        if (!(err instanceof ConcurrencyError)) throw err;
      }
    }
  }
}

export type { Actor };
