import type { LevelsSpec, CertificateNumberSpec } from '@certflow/core';
import { LURENSHEZI_2020_50 as DOC } from './documents.js';

/** 二: during the pilot, levels 5, 4 and 3 only. */
export const levels: LevelsSpec = {
  allowed: [5, 4, 3],
  cite: {
    document: DOC,
    clause: '二',
    text: '试点期间，职业技能等级原则考评三级，分别是：五级／初级工、四级／中级工、三级／高级工',
  },
};

export const MAX_OCCUPATIONS = 3;

/** 四（四）: certificates under the provincial coding rule (province code 37). */
export const certificateNumber: CertificateNumberSpec = {
  provinceCode: '37',
  description: '按省统一编码规则编号；证书信息纳入全省查询系统，免费向社会提供查询服务',
  cite: {
    document: DOC,
    clause: '四（四）',
    text: '评价机构按照省人力资源社会保障部门统一的编码规则和证书参考样式，制定并颁发职业技能等级证书或电子证书',
  },
};
