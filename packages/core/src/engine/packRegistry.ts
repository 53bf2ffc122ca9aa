import { NotFoundError } from '../errors.js';
import type { RulePack } from '../rules/rulePack.js';
import type { PackRegistry } from '../streams/defineCommand.js';

/** The packs passed in and the released versions each keeps (a stream filed under a release goes on under it). */
export function withReleases(packs: readonly RulePack[]): RulePack[] {
  const out: RulePack[] = [];
  const add = (p: RulePack) => {
    if (out.some((x) => x.id === p.id && x.version === p.version)) return;
    out.push(p);
    for (const r of p.releases ?? []) add(r);
  };
  packs.forEach(add);
  return out;
}

export function packRegistry(packs: RulePack[] | Record<string, RulePack>): PackRegistry {
  const given = Array.isArray(packs) ? packs : Object.values(packs);
  const list = withReleases(given);
  return {
    // A new application is decided under a pack as passed in, never under one of its releases.
    byId: (id) => [...given].reverse().find((p) => p.id === id),
    resolve(ref) {
      const p =
        given.find((x) => x.id === ref.id && x.version === ref.version) ??
        list.find((x) => x.id === ref.id && x.version === ref.version);
      if (!p) throw new NotFoundError('rule pack', `${ref.id}@${ref.version}`);
      return p;
    },
    ids: () => [...new Set(list.map((p) => `${p.id}@${p.version}`))],
  };
}
