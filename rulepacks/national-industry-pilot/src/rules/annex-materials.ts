// 中就培函〔2020〕41号 附件 提交材料清单: the rules of this annex.
import { type ApplicantProfile, type MaterialSpec, type Rule, review, pass, fail } from '@certflow/core';
import { cite } from '../documents.js';
import { pilotRoute } from './ch2-scope.js';
import { DEPARTMENT_MATERIALS, INDUSTRY_MATERIALS, REGULATIONS } from '../materials.js';

type P = ApplicantProfile;

function missingOf(p: P, list: MaterialSpec[]): MaterialSpec[] {
  const given = new Set(p.materials);
  return list.filter((m) => !given.has(m.id));
}

export const materialsComplete: Rule<P> = {
  id: 'materials-complete',
  description: '按推荐途径提交材料清单：政府有关部门三项，或行业组织三项',
  cite: cite('附件', '提交材料清单'),
  evaluate(p) {
    const route = pilotRoute(p);
    if (!route)
      return review('the route (department or industry organization) is unknown, so is the material list', [
        'organization',
        'recommendedBy',
      ]);
    const missing = missingOf(p, route === 'department' ? DEPARTMENT_MATERIALS : INDUSTRY_MATERIALS);
    return missing.length === 0
      ? pass()
      : fail(`missing materials: ${missing.map((m) => `${m.id}（${m.name}）`).join('、')}`, ['materials'], {
          missing: missing.map((m) => m.id),
        });
  },
};

export const regulationsComplete: Rule<P> = {
  id: 'regulations-complete',
  description: '实施方案附相关规章制度十二项（考务管理办法至信息公开制度）',
  cite: cite(
    '附件 三',
    '相关规章制度包括但不限于考务管理办法、考评人员管理办法、试点及评价管理办法、工作人员和考生违纪违规处理办法、档案管理办法、证书管理办法、监督制度、风险防控体系、财务制度、公示制度、社会问责制度、信息公开制度',
  ),
  evaluate(p) {
    const missing = missingOf(p, REGULATIONS);
    return missing.length === 0
      ? pass()
      : fail(`missing regulations: ${missing.map((m) => m.name).join('、')}`, ['materials'], {
          missing: missing.map((m) => m.id),
        });
  },
};
