import type { Citation } from '../errors.js';
import type { ApplicantProfile } from '../domain/profile.js';
import { fail, pass, review, type Rule } from './rulePack.js';
import { optionalFact } from './ruleKit.js';

/**
 * A rule that every required material of the pack (`pack.materials`) is
 * among `profile.materials`. Each pack adds it with the clause that lists its
 * materials, so the finding cites the right notice.
 */
export function requiredMaterialsRule(cite: Citation, id = 'materials-complete'): Rule<ApplicantProfile> {
  return {
    id,
    description: '申报材料齐全（按本通知所列材料清单）',
    cite,
    evaluate(profile, { pack }) {
      const given = new Set(profile.materials);
      const missing = pack.materials.filter((m) => m.required && !given.has(m.id));
      return missing.length === 0
        ? pass()
        : fail(`missing materials: ${missing.map((m) => `${m.id}（${m.name}）`).join('、')}`, ['materials'], {
            missing: missing.map((m) => m.id),
          });
    },
  };
}

/**
 * A rule that no occupation applied for is access-type (准入类): every notice
 * excludes them. Each pack adds it with its own clause (and description).
 */
export function accessTypeExcludedRule(
  cite: Citation,
  id = 'not-access-type',
  description = '准入类职业（工种）不纳入职业技能等级认定范围',
): Rule<ApplicantProfile> {
  return {
    id,
    description,
    cite,
    evaluate({ occupations }) {
      const i = occupations.findIndex((o) => o.accessType);
      return i === -1
        ? pass()
        : fail(`${occupations[i]!.code} ${occupations[i]!.name} 为准入类职业资格`, ['occupations', i, 'accessType']);
    },
  };
}

/** A rule that every occupation applies only for levels the pack allows (`pack.levels`). */
export function allowedLevelsRule(cite: Citation, id = 'levels-allowed'): Rule<ApplicantProfile> {
  return {
    id,
    description: '申报等级在本通知允许的等级范围内',
    cite,
    evaluate(profile, { pack }) {
      const allowed = new Set(pack.levels?.allowed ?? [1, 2, 3, 4, 5]);
      const bad = profile.occupations.flatMap((o, i) =>
        o.levels.filter((l) => !allowed.has(l)).map((l) => ({ i, code: o.code, level: l })),
      );
      return bad.length === 0
        ? pass()
        : fail(
            `levels not allowed: ${bad.map((b) => `${b.code} level ${b.level}`).join(', ')} (allowed: ${[...allowed].sort().join(', ')})`,
            ['occupations', bad[0]!.i, 'levels'],
          );
    },
  };
}

/**
 * Whether an occupation is 技能类 (skill-type) in the 大典: an explicit
 * `skillType` fact wins; else the major group decides — 4, 5 and 6 are skill
 * occupations, 1 and 2 (heads of organizations, professional and technical
 * personnel) and 7 and 8 are not, and group 3 mixes both, so it is left to an
 * expert (undefined).
 */
export function skillTypeOf(o: { code: string }): boolean | undefined {
  const explicit = optionalFact(o, 'skillType');
  if (typeof explicit === 'boolean') return explicit;
  const group = o.code[0];
  if (group === '4' || group === '5' || group === '6') return true;
  return group === '3' ? undefined : false;
}

/**
 * A rule that every occupation applied for is 技能类 (see `skillTypeOf`): a
 * known non-skill occupation fails, one of group 3 without a `skillType` fact
 * goes to an expert. Each pack adds it with its own clause and description.
 */
export function skillTypeOccupationRule(
  cite: Citation,
  description: string,
  id = 'skill-type-occupation',
): Rule<ApplicantProfile> {
  return {
    id,
    description,
    cite,
    evaluate({ occupations }) {
      const kinds = occupations.map(skillTypeOf);
      const bad = kinds.indexOf(false);
      if (bad !== -1)
        return fail(`${occupations[bad]!.code} ${occupations[bad]!.name} 不是技能类职业（工种）`, [
          'occupations',
          bad,
          'code',
        ]);
      const unknown = kinds.indexOf(undefined);
      if (unknown !== -1)
        return review(`专家核实：${occupations[unknown]!.code} 是否为技能类职业（工种）`, [
          'occupations',
          unknown,
          'skillType',
        ]);
      return pass();
    },
  };
}
