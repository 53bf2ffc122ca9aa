// 鲁人社字〔2020〕50号 五、时间安排: the rules of this chapter.
import { type Rule, type ApplicantProfile, optionalFact, review } from '@certflow/core';
import { LURENSHEZI_2020_50 as DOC } from '../documents.js';

/**
 * 五: the first batch. Later applications are not refused — 五（三） keeps
 * selection open — so the rule passes either way and says which batch the
 * application falls in (`params.batch`).
 */
export const firstBatchWindow: Rule<ApplicantProfile> = {
  id: 'first-batch-window',
  description: '首批：省属单位2020年5月30日前向省级提交材料，各市2020年6月15日前完成首批遴选；此后持续开展遴选确定工作',
  cite: { document: DOC, clause: '五（三）', text: '首批征集遴选工作结束后，结合实际，持续开展遴选确定工作' },
  evaluate(profile, { asOf }) {
    const to = optionalFact(profile, 'submittedTo');
    if (to !== 'province' && to !== 'city')
      return review('专家核实：申报地（submittedTo 未提供），以确定首批截止日', ['submittedTo']);
    const cutoff = to === 'province' ? '2020-05-30' : '2020-06-15';
    const batch = asOf <= cutoff ? 'first' : 'continuing';
    return {
      outcome: 'pass',
      message: batch === 'first' ? `首批（截止 ${cutoff}）` : `首批已于 ${cutoff} 截止，纳入持续遴选`,
      params: { batch, cutoff },
    };
  },
};
