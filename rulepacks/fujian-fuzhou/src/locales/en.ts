import type { FindingTexts } from '@certflow/core';

/**
 * The pack's findings in English: for each message as the rules write it
 * (Chinese, `{name}` where a value goes), its text in this locale.
 */
export const en: FindingTexts = {
  '非在榕评价机构：按三（四）2向市鉴定中心备案':
    'an evaluation organization not based in Fuzhou: files with the city centre under 三（四）2',
  '登记地 {registeredIn} 不在福州辖区内（经人社部或省鉴定中心备案的非在榕机构请填写 organization.filedElsewhere）':
    'registered in {registeredIn}, outside Fuzhou (an organization filed with MOHRSS or the provincial centre gives organization.filedElsewhere)',
  政府部门不属于社会培训评价组织: 'a government department is not a social training evaluation organization',
  '事业单位：专家核实其是否以人才培养服务为主要工作职责':
    'a public institution: an expert checks that training people is its main duty',
  '有违法违规、失信等不良行为记录': 'a record of violations or dishonesty',
  '连续培训评价经历 {consecutiveYears} 年，不足 {MIN_CONSECUTIVE_YEARS} 年':
    '{consecutiveYears} consecutive years of training and evaluation, fewer than {MIN_CONSECUTIVE_YEARS}',
  '累计 {personTimesTotal} 人次，不足1万人次：适用培训评价品牌条件':
    '{personTimesTotal} person-times in all, fewer than 10,000: the brand criterion applies',
  累计1万人次以上: '10,000 person-times or more in all',
  '无培训评价规模（累计 0 人次）': 'no training and evaluation so far (0 person-times)',
  '累计 {personTimesTotal} 人次，不足1万人次：专家评估其培训评价品牌的知名度与社会认可度':
    '{personTimesTotal} person-times in all, fewer than 10,000: the experts assess how well known and recognised its brand is',
  '无培训评价规模，评价人数比例无从计算':
    'no training and evaluation so far, so no share of evaluated persons can be computed',
  '评价人数占比 {value}%，低于30%': 'evaluated persons are {value}% of those trained, below 30%',
  无专门负责认定工作的内设机构: 'no internal body dedicated to certification work',
  无专职工作人员: 'no full-time staff',
  无专家团队: 'no expert team',
  无视频监控设备: 'no video monitoring equipment',
  无稳定的经费保障: 'no stable funding',
  以营利为最终目的: 'profit is its final aim',
  非在榕评价机构直接向市鉴定中心备案: 'an organization not based in Fuzhou files directly with the city centre',
  '专家核实：县（市）区人社部门推荐（recommendedByDistrict 未提供）':
    'for an expert to check: the recommendation of the county or district human-resources department (recommendedByDistrict not given)',
  '未经县（市）区人社部门推荐': 'not recommended by the county or district human-resources department',
  未在他处备案: 'not filed elsewhere',
  '经人社部职业技能鉴定中心备案：本申请即在榕备案':
    'filed with the MOHRSS skill testing centre: this application is its filing in Fuzhou',
  '经省鉴定中心备案：本申请即在榕备案': 'filed with the provincial centre: this application is its filing in Fuzhou',
  '备案机关（{by}）的备案不覆盖福州：须经人社部职业技能鉴定中心或福建省鉴定中心备案':
    'a filing with {by} does not cover Fuzhou: it must be filed with the MOHRSS skill testing centre or the Fujian provincial centre',
  '遴选工作自2021-04-22起启动，申报日 {asOf} 在此之前':
    'selection starts on 2021-04-22; applied on {asOf}, before that',
  '首批（截止 2021-05-15）': 'first round (closing 2021-05-15)',
  '首批已截止，持续征集': 'the first round has closed; applications are taken continuously',
  未提交招生宣传材料: 'no enrolment advertising submitted',
  '招生宣传违反四（六）：{value}': 'the enrolment advertising breaches 四（六）: {value}',
  '专家核实可能产生歧义或误导的字样、图案：{value}':
    'for an expert to check: wording or images that may be ambiguous or misleading: {value}',
  '优先条件待专家确认：{description}': 'a priority criterion for the experts to confirm: {description}',
  未主张此优先条件: 'this priority criterion is not claimed',
  '{code} {level}级{field} {value}，不低于 {min}': '{code} level {level} {field}: {value}, at least {min}',
  '专家核实：{code} {level}级{field}（题库信息未提供）':
    'for an expert to check: {code} level {level} {field} (no question bank data given)',
  '专家核实：开发题库技术人员（capacity.questionBankDevelopers 未提供）':
    'for an expert to check: the question bank developers (capacity.questionBankDevelopers not given)',
  无开发题库技术人员: 'no question bank developers',
  非初次申请: 'not a first application',
  '初次申请 {n} 个职业（工种），原则上不超过 {MAX_OCCUPATIONS_FIRST_APPLICATION} 个':
    'a first application for {n} occupations; in principle at most {MAX_OCCUPATIONS_FIRST_APPLICATION}',
  '申请 {n} 个职业（工种）：专家核实是否初次申请（firstApplication 未提供）':
    '{n} occupations applied for: an expert checks whether this is a first application (firstApplication not given)',
  '{code} 无国家职业技能标准': '{code} has no national occupational skill standard',
  范围变更不是初次申请: 'a scope change is not a first application',
  '{code} 工位 {workstations} 个，不少于 {MIN_WORKSTATIONS} 个':
    '{code}: {workstations} workstations, at least {MIN_WORKSTATIONS}',
  '专家核实：{code} 的工位数（未提供）': 'for an expert to check: the workstations of {code} (not given)',
};
