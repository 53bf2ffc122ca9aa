import type { FindingTexts } from '@certflow/core';

/**
 * The pack's findings in English: for each message as the rules write it
 * (Chinese, `{name}` where a value goes), its text in this locale.
 */
export const en: FindingTexts = {
  '专家核实：申报地（submittedTo 未提供：province 或 city）':
    'for an expert to check: where the application was submitted (submittedTo not given: province or city)',
  民办职业培训机构在设区的市申报: 'a private vocational training institution applies in its prefecture-level city',
  市属单位在设区的市申报: 'a city-affiliated unit applies in its prefecture-level city',
  '专家核实：是否为省属单位（organization.affiliation 未提供）':
    'for an expert to check: whether it is a province-affiliated unit (organization.affiliation not given)',
  只在申报地范围开展评价: 'evaluates only within the area it applied in',
  '跨区域认定：需申报地择优推荐并经省协商相关市':
    "certification across regions: needs the recommendation of the place applied in and the province's agreement with the cities concerned",
  '专家核实：申报地（submittedTo 未提供），以确定首批截止日':
    "for an expert to check: where the application was submitted (submittedTo not given), which fixes the first round's closing date",
  '首批（截止 {cutoff}）': 'first round (closing {cutoff})',
  '首批已于 {cutoff} 截止，纳入持续遴选':
    'the first round closed on {cutoff}; the application joins the continuous selection',
  政府部门不属于社会培训评价组织: 'a government department is not a social training evaluation organization',
  '事业单位：专家核实其是否以人才培养服务为主要工作职责':
    'a public institution: an expert checks that training people is its main duty',
  '登记地 {registeredIn} 不在山东省内': 'registered in {registeredIn}, not in Shandong',
  '有违法违规、失信等不良行为记录': 'a record of violations or dishonesty',
  '无考核评价经历（已评价人次为 0）': 'no assessment experience (0 person-times evaluated)',
  '专家评估：在该职业领域的影响力及考核评价经验是否较丰富':
    'for the experts to assess: its influence in the field and whether its assessment experience is rich',
  未设专门负责认定工作的内部机构: 'no internal body dedicated to certification work',
  无专职工作人员: 'no full-time staff',
  '{code} 无考评人员': '{code}: no evaluators',
  '无{label}': 'none: {label}',
  无音频视频监控设备: 'no audio and video monitoring equipment',
  无稳定的经费保障: 'no stable funding',
  以人才评价为营利目的: 'evaluation run for profit',
  不是企业: 'not an enterprise',
  '专家核实：企业是否已取得技能人才自主评价资质':
    'for an expert to check: whether the enterprise is qualified for independent skill evaluation',
  企业未取得技能人才自主评价资质: 'the enterprise is not qualified for independent skill evaluation',
  不是行业协会: 'not an industry association',
  '专家核实：行业协会能够承担评价工作的单位会员':
    "for an expert to check: the association's member units able to carry out evaluation",
  行业协会无能够承担评价工作的单位会员: 'the association has no member unit able to carry out evaluation',
  '等级 {level} 不在试点等级内': 'level {level} is not a level of the pilot',
  '考核计划缺少{label}': 'the exam plan lacks: {label}',
  '申报 {value} 个职业（工种），不得超过 {MAX_OCCUPATIONS} 个':
    '{value} occupations applied for; at most {MAX_OCCUPATIONS} allowed',
  '专家核实：{kind} 申报职业（工种）是否在其主体业务范围内':
    'for an expert to check: whether the occupations a {kind} applies for are within its main business',
  '{code} 不在{scope}内': '{code} is not within: {scope}',
  '专家核实：{code} 是否在{scope}内': 'for an expert to check: whether {code} is within: {scope}',
  不是院校: 'not a school',
  '专家核实：学校的培养层次（organization.maxTrainingLevel 未提供）':
    "for an expert to check: the school's training level (organization.maxTrainingLevel not given)",
  '{code} 申报等级 {levels} 高于培养层次 {top}':
    '{code}: levels {levels} applied for are above the training level {top}',
  '专家核实：三（二）只列省属企业、行业协会、院校可在省级申报，{kind} 是否可在省级申报':
    'for an expert to check: 三（二） lets only provincial enterprises, industry associations and schools apply at the province; whether a {kind} may apply there',
};
