import type { FindingTexts } from '@certflow/core';

/**
 * The pack's findings in Chinese (zh-CN): for each message as the rules write it
 * (Chinese, `{name}` where a value goes), its text in this locale.
 */
export const zhCN: FindingTexts = {
  '非在榕评价机构：按三（四）2向市鉴定中心备案': '非在榕评价机构：按三（四）2向市鉴定中心备案',
  '登记地 {registeredIn} 不在福州辖区内（经人社部或省鉴定中心备案的非在榕机构请填写 organization.filedElsewhere）':
    '登记地 {registeredIn} 不在福州辖区内（经人社部或省鉴定中心备案的非在榕机构请填写 organization.filedElsewhere）',
  政府部门不属于社会培训评价组织: '政府部门不属于社会培训评价组织',
  '事业单位：专家核实其是否以人才培养服务为主要工作职责': '事业单位：专家核实其是否以人才培养服务为主要工作职责',
  '有违法违规、失信等不良行为记录': '有违法违规、失信等不良行为记录',
  '连续培训评价经历 {consecutiveYears} 年，不足 {MIN_CONSECUTIVE_YEARS} 年':
    '连续培训评价经历 {consecutiveYears} 年，不足 {MIN_CONSECUTIVE_YEARS} 年',
  '累计 {personTimesTotal} 人次，不足1万人次：适用培训评价品牌条件':
    '累计 {personTimesTotal} 人次，不足1万人次：适用培训评价品牌条件',
  累计1万人次以上: '累计1万人次以上',
  '无培训评价规模（累计 0 人次）': '无培训评价规模（累计 0 人次）',
  '累计 {personTimesTotal} 人次，不足1万人次：专家评估其培训评价品牌的知名度与社会认可度':
    '累计 {personTimesTotal} 人次，不足1万人次：专家评估其培训评价品牌的知名度与社会认可度',
  '无培训评价规模，评价人数比例无从计算': '无培训评价规模，评价人数比例无从计算',
  '评价人数占比 {value}%，低于30%': '评价人数占比 {value}%，低于30%',
  无专门负责认定工作的内设机构: '无专门负责认定工作的内设机构',
  无专职工作人员: '无专职工作人员',
  无专家团队: '无专家团队',
  无视频监控设备: '无视频监控设备',
  无稳定的经费保障: '无稳定的经费保障',
  以营利为最终目的: '以营利为最终目的',
  非在榕评价机构直接向市鉴定中心备案: '非在榕评价机构直接向市鉴定中心备案',
  '专家核实：县（市）区人社部门推荐（recommendedByDistrict 未提供）':
    '专家核实：县（市）区人社部门推荐（recommendedByDistrict 未提供）',
  '未经县（市）区人社部门推荐': '未经县（市）区人社部门推荐',
  未在他处备案: '未在他处备案',
  '经人社部职业技能鉴定中心备案：本申请即在榕备案': '经人社部职业技能鉴定中心备案：本申请即在榕备案',
  '经省鉴定中心备案：本申请即在榕备案': '经省鉴定中心备案：本申请即在榕备案',
  '备案机关（{by}）的备案不覆盖福州：须经人社部职业技能鉴定中心或福建省鉴定中心备案':
    '备案机关（{by}）的备案不覆盖福州：须经人社部职业技能鉴定中心或福建省鉴定中心备案',
  '遴选工作自2021-04-22起启动，申报日 {asOf} 在此之前': '遴选工作自2021-04-22起启动，申报日 {asOf} 在此之前',
  '首批（截止 2021-05-15）': '首批（截止 2021-05-15）',
  '首批已截止，持续征集': '首批已截止，持续征集',
  未提交招生宣传材料: '未提交招生宣传材料',
  '招生宣传违反四（六）：{value}': '招生宣传违反四（六）：{value}',
  '专家核实可能产生歧义或误导的字样、图案：{value}': '专家核实可能产生歧义或误导的字样、图案：{value}',
  '优先条件待专家确认：{description}': '优先条件待专家确认：{description}',
  未主张此优先条件: '未主张此优先条件',
  '{code} {level}级{field} {value}，不低于 {min}': '{code} {level}级{field} {value}，不低于 {min}',
  '专家核实：{code} {level}级{field}（题库信息未提供）': '专家核实：{code} {level}级{field}（题库信息未提供）',
  '专家核实：开发题库技术人员（capacity.questionBankDevelopers 未提供）':
    '专家核实：开发题库技术人员（capacity.questionBankDevelopers 未提供）',
  无开发题库技术人员: '无开发题库技术人员',
  非初次申请: '非初次申请',
  '初次申请 {n} 个职业（工种），原则上不超过 {MAX_OCCUPATIONS_FIRST_APPLICATION} 个':
    '初次申请 {n} 个职业（工种），原则上不超过 {MAX_OCCUPATIONS_FIRST_APPLICATION} 个',
  '申请 {n} 个职业（工种）：专家核实是否初次申请（firstApplication 未提供）':
    '申请 {n} 个职业（工种）：专家核实是否初次申请（firstApplication 未提供）',
  '{code} 无国家职业技能标准': '{code} 无国家职业技能标准',
  范围变更不是初次申请: '范围变更不是初次申请',
  '{code} 工位 {workstations} 个，不少于 {MIN_WORKSTATIONS} 个':
    '{code} 工位 {workstations} 个，不少于 {MIN_WORKSTATIONS} 个',
  '专家核实：{code} 的工位数（未提供）': '专家核实：{code} 的工位数（未提供）',
};
