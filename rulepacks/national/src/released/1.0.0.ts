import { releaseOf, type RulePack } from '@certflow/core';
import { definition } from '../definition.js';
import { CHUANRENSHEBAN_2020_20, LURENSHEZI_2020_50, documents_1_0_0 } from '../documents.js';
import { levelsAllowed } from '../rules/renshebufa-2019-90.js';
import { standardRequired } from '../rules/ch4-requirements.js';

const levelsCite_1_0_0 = {
  document: CHUANRENSHEBAN_2020_20,
  clause: '三',
  text: '技能人才职业技能等级分为五个等级，五级相当于国家职业资格初级工、四级相当于国家职业资格中级工、三级相当于国家职业资格高级工、二级相当于国家职业资格技师、一级相当于国家职业资格高级技师',
};

/**
 * national 1.0.0 as released, kept so that a log written under it (and under
 * the 1.0.0 releases of the packs extending it) replays: the same rules with
 * the citations 1.0.0 had — the five levels cited 川人社办发〔2020〕20号 三, the
 * standard rule 鲁人社字〔2020〕50号 二 — and its three documents.
 */
export const national_1_0_0: RulePack = releaseOf(definition, {
  version: '1.0.0',
  sourceDigest: '77a189085c64c14269e0a77739ab7fd14577766bad3a9fcad1799792f9c97414',
  documents: documents_1_0_0,
  levels: { allowed: [1, 2, 3, 4, 5], cite: levelsCite_1_0_0 },
  rules: [
    { ...levelsAllowed, cite: levelsCite_1_0_0 },
    {
      ...standardRequired,
      cite: {
        document: LURENSHEZI_2020_50,
        clause: '二',
        text: '评价职业（工种）有国家职业技能标准的，依据国家职业技能标准开展评价活动；没有国家职业技能标准的，可依据经人力资源社会保障部备案的评价规范开展评价活动',
      },
    },
  ],
});
