import { ConcurrencyError, RuleViolationError, StoreUnavailableError } from '../../errors.js';
import type { Actor, EventMeta } from '../../event.js';
import type { EventStore } from '../../eventStore.js';
import type { ApplicantProfile } from '../../domain/profile.js';
import type { QuotaSpec, RulePack } from '../../rules/rulePack.js';
import type { QuotaContext } from './context.js';

/**
 * A bucket key as the notice reads it: NFKC-normalised (full-width letters,
 * digits and punctuation are their ordinary forms, U+3000 is a space) and
 * trimmed. 「交通运输部 」 and 「交通运输部」 are one bucket; so are 「ＡＢ１」 and 「AB1」.
 */
export function normalizeBucket(bucket: string): string {
  return String(bucket).normalize('NFKC').trim();
}

const KEPT = /[A-Za-z0-9-]/;
const hex = (b: number) => `.${b.toString(16).toUpperCase().padStart(2, '0')}`;
/** UTF-8 bytes of a code point; a lone surrogate takes the 3-byte form valid UTF-8 never uses (WTF-8), so it stays distinct. */
function utf8(cp: number): number[] {
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 63)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
}

/**
 * The bucket part of a reservation stream id, lossless: letters, digits and
 * `-` stay, `:` becomes `_` (so keys like `city:370100` keep the stream ids
 * they had), and every other character (`.` and `_` included) is written as
 * `.` + two upper-case hex digits per UTF-8 byte. Distinct normalised keys
 * always give distinct ids: 交通运输部 is `.E4.BA.A4.E9.80.9A.E8.BF.90.E8.BE.93.E9.83.A8`.
 */
export function encodeBucket(bucket: string): string {
  let out = '';
  for (const ch of normalizeBucket(bucket)) {
    if (KEPT.test(ch)) out += ch;
    else if (ch === ':') out += '_';
    else for (const b of utf8(ch.codePointAt(0)!)) out += hex(b);
  }
  return out;
}

/** The reservation stream of one quota bucket: `quota-<quota id>-<encoded bucket>` (see encodeBucket). */
export function quotaStreamId(quota: Pick<QuotaSpec, 'id'>, bucket: string): string {
  return `quota-${quota.id}-${encodeBucket(bucket)}`;
}

/** Who holds a place in a reservation stream, folded from its events: holder → position of its reservation. */
export async function quotaHolders(store: EventStore, streamId: string): Promise<QuotaContext> {
  const events = await store.readStream(streamId);
  const holders = new Map<string, number>();
  for (const e of events) {
    const holder = String((e.data as { holder: string }).holder);
    if (e.type === 'QuotaPlaceReserved') holders.set(holder, e.position);
    else if (e.type === 'QuotaPlaceReleased') holders.delete(holder);
  }
  return { version: events.length, holders };
}

const CONTENTION_RETRIES = 50;

/**
 * Whether a holder (an application stream) still needs the place it reserved
 * at `reservedAt` in `quotaStream`. A command takes its places first and
 * records its own event second; one that stopped in between (a crash) leaves
 * a place behind. The place is stale once the holder's stream has moved on
 * without it: the application was rejected, revoked or expired, or a later
 * FilingCompleted / ScopeAmended does not list it. Until the holder records
 * something that settles it, the place counts (the command may be in flight,
 * and a retry of it reuses the place).
 */
async function holdsPlace(
  store: EventStore,
  holder: string,
  quotaStream: string,
  reservedAt: number,
): Promise<{ holds: boolean; why: string }> {
  const events = await store.readStream(holder);
  for (const e of events) {
    if (e.type === 'ApplicationRejected' || e.type === 'FilingRevoked' || e.type === 'FilingExpired') {
      return { holds: false, why: `${holder} ended with ${e.type}` };
    }
  }
  let verdict = { holds: true, why: 'in flight' };
  for (const e of events) {
    if (e.position <= reservedAt) continue;
    const places = (e.data as { quotaPlaces?: string[] } | null)?.quotaPlaces;
    if ((e.type === 'FilingCompleted' || e.type === 'ScopeAmended') && places) {
      verdict = places.includes(quotaStream)
        ? { holds: true, why: 'listed' }
        : { holds: false, why: `${holder} recorded ${e.type} without this place` };
    }
  }
  return verdict;
}

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
  command: 'CompleteFiling' | 'AmendScope' = 'CompleteFiling',
  /** Places the holder's recorded state lists (a filing being amended): reused, never given back here. */
  held: readonly string[] = [],
): Promise<{ places: string[]; release: (reason: string) => Promise<void> }> {
  const taken: string[] = [];
  const places: string[] = [];
  const release = async (reason: string) =>
    releasePlaces(store, taken, holder, { ...meta, rulePack: { id: pack.id, version: pack.version } }, reason);
  for (const quota of pack.quotas.filter((q) => (q.takenAt ?? 'CompleteFiling') === 'CompleteFiling')) {
    for (const bucket of [...new Set(quota.buckets(profile).map(normalizeBucket))]) {
      const streamId = quotaStreamId(quota, bucket);
      places.push(streamId);
      for (let attempt = 0; ; attempt++) {
        const { version, holders } = await quotaHolders(store, streamId);
        if (holders.has(holder)) {
          // A place this holder took in an earlier attempt of a command that recorded nothing is
          // this command's now: if the command fails after all, it is given back with the rest.
          if (!held.includes(streamId)) taken.push(streamId);
          break;
        }
        if (holders.size >= quota.max) {
          // Before refusing, give back places left behind by commands that stopped half way.
          const stale: Array<{ holder: string; why: string }> = [];
          for (const [h, reservedAt] of holders) {
            const { holds, why } = await holdsPlace(store, h, streamId, reservedAt);
            if (!holds) stale.push({ holder: h, why });
          }
          if (stale.length > 0 && attempt < CONTENTION_RETRIES) {
            for (const s of stale)
              await releasePlaces(
                store,
                [streamId],
                s.holder,
                { ...meta, rulePack: { id: pack.id, version: pack.version } },
                `stale reservation: ${s.why}`,
              );
            continue;
          }
          // If the places this call took cannot be given back, the caller must repeat the
          // command (StoreUnavailableError), which finds them and gives them back then.
          await release('quota full');
          throw new RuleViolationError(command, [
            {
              ruleId: quota.id,
              outcome: 'fail',
              message: `${bucket}: ${holders.size} of at most ${quota.max} places are taken (${[...holders.keys()].join(', ')})`,
              cite: quota.cite,
            },
          ]);
        }
        try {
          await store.append(
            streamId,
            [
              {
                type: 'QuotaPlaceReserved',
                data: { holder, quotaId: quota.id, bucket, max: quota.max },
                meta: { ...meta, rulePack: { id: pack.id, version: pack.version } },
              },
            ],
            { expectedVersion: version },
          );
          taken.push(streamId);
          break;
        } catch (err) {
          // A reservation that may have committed (the reply was lost) keeps every place this
          // call holds: a retry of the command with the same commandId finds and reuses them.
          if (err instanceof StoreUnavailableError && err.outcome === 'unknown') throw err;
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
export async function releasePlaces(
  store: EventStore,
  streams: string[],
  holder: string,
  meta: EventMeta,
  reason: string,
): Promise<void> {
  for (const streamId of streams) {
    for (let attempt = 0; attempt < CONTENTION_RETRIES; attempt++) {
      const { version, holders } = await quotaHolders(store, streamId);
      if (!holders.has(holder)) break;
      try {
        await store.append(streamId, [{ type: 'QuotaPlaceReleased', data: { holder, reason }, meta }], {
          expectedVersion: version,
        });
        break;
      } catch (err) {
        if (!(err instanceof ConcurrencyError)) throw err;
      }
    }
  }
}

export type { Actor };
