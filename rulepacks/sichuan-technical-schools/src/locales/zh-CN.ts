import type { FindingTexts } from '@certflow/core';

/**
 * The pack's findings in Chinese (zh-CN): for each message as the rules write it
 * (English, `{name}` where a value goes), its text in this locale.
 */
export const zhCN: FindingTexts = {
  'a {kind} is not a technical school (技工院校)': '{kind} 不是技工院校',
  'registered in {registeredIn}, not in Sichuan (51xxxx)': '登记地 {registeredIn} 不在四川省（51xxxx）',
  'the profile does not say whether the school is 省属及以上 or 市（州）属: the centre checks which centre is competent':
    '申报信息未说明学校为省属及以上还是市（州）属：由鉴定中心核实主管的鉴定中心',
  'the profile does not say which centre the application went to': '申报信息未说明申请报送的鉴定中心',
  'a {affiliation} school applies to the {due}, not the {appliedTo}':
    '{affiliation} 学校应向 {due} 申请，而不是 {appliedTo}',
  '{code} {name} has neither a national standard nor an industry/enterprise specification':
    '{code} {name} 既没有国家职业技能标准，也没有行业企业评价规范',
  '{code}: the specification is not approved by MOHRSS': '{code}：评价规范未经人社部审核',
  '{code}: the profile does not say the specification was approved by MOHRSS: the centre checks the approval':
    '{code}：申报信息未说明评价规范经人社部审核：由鉴定中心核实',
  '{code}: levels 2/1 applied for without a comprehensive performance review (综合业绩评审)':
    '{code}：申报二级/一级但未安排综合业绩评审',
  '{code}: levels 2/1 applied for; the profile does not say a comprehensive performance review (综合业绩评审) is planned':
    '{code}：申报二级/一级；申报信息未说明是否安排综合业绩评审',
  'the profile does not name the evaluation mode (四): the centre asks': '申报信息未写明评价方式（四）：由鉴定中心询问',
  'evaluation mode {mode} is none of {value}': '评价方式 {mode} 不属于 {value}',
  'the cooperating enterprise is not filed for skill level certification': '合作企业未备案开展职业技能等级认定',
  'the profile does not say the cooperating enterprise is filed: the centre checks its filing':
    '申报信息未说明合作企业已备案：由鉴定中心核实其备案',
  'the social training evaluation organization is not on the MOHRSS list': '社会培训评价组织不在人社部目录中',
  'the profile does not say the organization is on the MOHRSS list: the centre checks the list':
    '申报信息未说明该组织在人社部目录中：由鉴定中心核实目录',
  'competition certificates: competition-certificates-by-authorities':
    '竞赛证书：competition-certificates-by-authorities',
  'in the cooperating-enterprise mode (四（一）) the filed enterprise issues the certificates, not the school':
    '合作企业方式（四（一））下由已备案的企业颁发证书，而不是学校',
  'in the social-organization mode (四（二）) the MOHRSS-listed organization issues the certificates, not the school':
    '社会组织方式（四（二））下由人社部目录内的组织颁发证书，而不是学校',
  'the filing does not name the evaluation mode (四): the centre checks that the school certifies these students itself':
    '备案未写明评价方式（四）：由鉴定中心核实学校是否自行认定这些学生',
  'in the competition mode (四（四）) the provincial or city human-resources authorities issue the certificates, not the school':
    '竞赛方式（四（四））下由省、市人力资源社会保障部门颁发证书，而不是学校',
  'no internal body dedicated to certifying students': '没有专门负责学生认定的内设机构',
  'no certification rules and exam procedures': '没有认定工作制度和考务流程',
  'the profile does not describe the certification rules and exam procedures: an expert checks them':
    '申报信息未说明认定工作制度和考务流程：由专家核实',
  'no full-time staff': '没有专职工作人员',
  'no expert team': '没有专家队伍',
  'no quality supervisors (质量督导人员)': '没有质量督导人员',
  '{code} {name}: {evaluators} evaluators, at least {MIN_EVALUATORS_PER_OCCUPATION} needed':
    '{code} {name}：考评人员 {evaluators} 名，至少应有 {MIN_EVALUATORS_PER_OCCUPATION} 名',
  'no venue and equipment suited to the occupations and levels': '没有与职业和等级相适应的场地和设施设备',
  'the profile does not describe the venue and equipment: checked on the site visit':
    '申报信息未说明场地和设施设备：现场考察时核实',
  'no networked video monitoring': '没有联网视频监控',
  '{code} {name}: the school has no major matching the occupation': '{code} {name}：学校没有与该职业对应的专业',
  "{code}: the profile does not name a matching major: an expert checks the school's majors":
    '{code}：申报信息未写明对应专业：由专家核实学校的专业设置',
  '{code}: the profile does not describe the question bank: an expert checks it':
    '{code}：申报信息未说明题库：由专家核实',
  '{code} {name}: no question bank for level(s) {value}': '{code} {name}：等级 {value} 没有题库',
  'no stable funding': '没有稳定的经费来源',
  'evaluation run for profit': '以营利为目的开展评价',
  'does not accept supervision and guidance': '不接受监督指导',
  'the profile carries no undertaking to accept supervision: the centre obtains it':
    '申报信息中没有接受监督的承诺：由鉴定中心补取',
  "no exam administration system able to connect to the authorities' systems": '没有能与主管部门系统对接的考务管理系统',
  "the profile does not say the exam administration system can connect to the authorities' systems: checked in the technical evaluation":
    '申报信息未说明考务管理系统能否与主管部门系统对接：技术评估时核实',
  'no quality supervisor for this session': '本场次没有质量督导人员',
  'the plan does not say when enrolment closed; the 30-working-day filing deadline runs from that day':
    '计划未说明报名截止日；30 个工作日的报备期限自该日起算',
  'enrolment closes {enrolmentClosedOn}, after the exam on {examDate}':
    '报名截止日 {enrolmentClosedOn} 晚于考试日 {examDate}',
};
