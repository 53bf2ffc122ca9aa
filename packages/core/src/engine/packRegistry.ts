import { NotFoundError } from '../errors.js';
import type { RulePack } from '../rules/rulePack.js';
import type { PackRegistry } from './decide.js';

export function packRegistry(packs: RulePack[] | Record<string, RulePack>): PackRegistry {
  const list = Array.isArray(packs) ? packs : Object.values(packs);
  return {
    byId: (id) => [...list].reverse().find((p) => p.id === id),
    resolve(ref) {
      const p = list.find((x) => x.id === ref.id && x.version === ref.version);
      if (!p) throw new NotFoundError('rule pack', `${ref.id}@${ref.version}`);
      return p;
    },
    ids: () => [...new Set(list.map((p) => `${p.id}@${p.version}`))],
  };
}
