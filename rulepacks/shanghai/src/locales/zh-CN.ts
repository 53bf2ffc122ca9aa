import type { FindingTexts } from '@certflow/core';

/**
 * The pack's findings in Chinese (zh-CN): for each message as the rules write it
 * (English, `{name}` where a value goes), its text in this locale.
 */
export const zhCN: FindingTexts = {
  '{code}: catalogExitDate {exit} is not a date': '{code}：退出目录日期 {exit} 不是日期',
  '{code} {name} left the catalog on {exit}, after {CATALOG_EXIT_CUTOFF}, and is neither a new occupation nor urgently needed in Shanghai':
    '{code} {name} 于 {exit} 退出目录，晚于 {CATALOG_EXIT_CUTOFF}，且既非新职业也非本市急需紧缺职业',
  '{code} {name}: the profile does not show it left the catalog by {CATALOG_EXIT_CUTOFF} or is a new or urgently needed occupation':
    '{code} {name}：申报信息未表明其于 {CATALOG_EXIT_CUTOFF} 前退出目录，或属新职业、急需紧缺职业',
  'no occupation added': '未增加职业',
  '{code} is an access-type (准入类) occupation': '{code} 属准入类职业',
  'registered outside Shanghai but filed with MOHRSS: a 属地备案 under 五（二）; the centre checks its establishment in Shanghai':
    '在外省市登记但已在人社部备案：按五（二）办理属地备案，由鉴定中心核实其在沪设立情况',
  'registered in {registeredIn}, not in Shanghai (31xxxx)': '登记地 {registeredIn} 不在本市（31xxxx）',
  'not an independent legal person': '不是独立法人机构',
  'financial and management rules in place': '具有规范的财务制度和管理制度',
  'no sound financial and management rules': '没有规范的财务制度和管理制度',
  'the profile does not say whether sound financial and management rules are in place: an expert checks them':
    '申报信息未说明是否具有规范的财务制度和管理制度：由专家核实',
  'a record of violations or dishonesty': '有违法违规、失信等不良行为记录',
  'not an enterprise': '不是企业',
  'an enterprise that has never evaluated skills (原则上 required)': '企业从未开展过技能人才评价工作（原则上应开展过）',
  'not an industry association': '不是行业协会',
  'the profile gives no association rating (评估等级): an expert checks it': '申报信息未给出评估等级：由专家核实',
  'association rating {rating} is below 4A': '评估等级 {rating} 低于 4A',
  'a municipal (市级) association': '市级行业协会',
  'not a municipal (市级) association': '不是市级行业协会',
  'the profile does not say whether the association is municipal (市级): an expert checks it':
    '申报信息未说明是否为市级行业协会：由专家核实',
  'enterprises and associations have their own criteria': '企业和行业协会另有条件',
  '{years} consecutive years of related training and evaluation; at least {MIN_CONSECUTIVE_YEARS} needed':
    '连续开展相关培训评价 {years} 年，至少应为 {MIN_CONSECUTIVE_YEARS} 年',
  'no training or evaluation so far': '尚未开展培训评价',
  '{personTimesTotal} person-times: an expert judges whether the scale is 较大 (the notice sets no number)':
    '{personTimesTotal} 人次：由专家判断规模是否较大（通知未规定数量）',
  'wide influence in the field is for the experts (专家论证) to judge': '在行业内是否具有较大影响力，由专家论证判断',
  'no evaluation experience at all': '没有任何评价经验',
  '{personTimesEvaluated} person-times evaluated: an expert judges whether the experience is 较丰富 for the occupations applied for':
    '已评价 {personTimesEvaluated} 人次：由专家判断对所申报职业的评价经验是否较丰富',
  'no dedicated body for certification work': '没有专门的认定工作机构',
  'no full-time staff': '没有专职工作人员',
  'no expert team': '没有专家队伍',
  'venue and equipment in place': '具备场地和设施设备',
  'no suitable venue and equipment': '没有相应的场地和设施设备',
  'the profile does not describe the venue and equipment: checked on the site visit (现场考察)':
    '申报信息未说明场地和设施设备：现场考察时核实',
  'no video monitoring equipment': '没有视频监控设备',
  'evaluation run for profit': '以营利为目的开展评价',
  'no stable funding': '没有稳定的经费来源',
  'quality-control measures in place': '具有质量控制措施',
  'no quality-control measures': '没有质量控制措施',
  'the profile does not describe quality-control measures: an expert checks them':
    '申报信息未说明质量控制措施：由专家核实',
  'accepts supervision': '接受监督',
  'does not accept supervision by the human-resources authorities': '不接受人力资源社会保障部门的监督',
  'the profile carries no undertaking to accept supervision: the centre obtains it':
    '申报信息中没有接受监督的承诺：由鉴定中心补取',
  '{code} {name} was implemented by a body other than the human-resources authorities (二（一）), and is neither a new occupation nor urgently needed in Shanghai':
    '{code} {name} 并非由人力资源社会保障部门组织实施（二（一）），且既非新职业也非本市急需紧缺职业',
  '{code} {name} left the catalog on {exit}; the profile does not say it was implemented by the human-resources authorities (由人力资源社会保障部门组织实施): the centre checks the implementing body':
    '{code} {name} 于 {exit} 退出目录；申报信息未说明其由人力资源社会保障部门组织实施：由鉴定中心核实实施部门',
  '{code} {name}: the profile does not show it left the catalog by {CATALOG_EXIT_CUTOFF} as a qualification the human-resources authorities implemented, or is a new or urgently needed occupation':
    '{code} {name}：申报信息未表明其作为人力资源社会保障部门组织实施的职业资格于 {CATALOG_EXIT_CUTOFF} 前退出目录，或属新职业、急需紧缺职业',
  '{code} {name} has no national standard ({standard}); Shanghai accepts no filed specification instead':
    '{code} {name} 没有国家职业技能标准（{standard}）；本市不接受以备案的评价规范代替',
  'selection starts on {SELECTION_STARTS}; applied on {asOf}': '遴选自 {SELECTION_STARTS} 开始；申报日期为 {asOf}',
  'not filed with MOHRSS': '未在人社部备案',
  '属地备案 of MOHRSS filing {n}': '人社部备案 {n} 的属地备案',
  'filed with MOHRSS but no national filing number given: the centre checks the MOHRSS filing':
    '已在人社部备案但未给出备案编号：由鉴定中心核实人社部备案',
  'the filing carries no validity end date: the centre checks the filing is in force':
    '备案没有有效期截止日：由鉴定中心核实备案是否有效',
  'the filing expired on {until}; a scope change needs a filing in force':
    '备案已于 {until} 到期；变更范围需要有效的备案',
  '{code} {name} is not a skill occupation (技能人员职业)': '{code} {name} 不是技能人员职业',
  '{code}: an expert checks whether it is a skill occupation (技能人员职业)': '{code}：由专家核实是否为技能人员职业',
  'no occupation dropped': '未减少职业',
  'the filing gives no scope: the centre checks what is dropped': '备案未给出范围：由鉴定中心核实减少的内容',
  '{code} is not among the filed occupations': '{code} 不在已备案的职业中',
  '{code} is not filed for level(s) {value}': '{code} 未备案等级 {value}',
};
