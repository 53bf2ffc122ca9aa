import type { FindingTexts } from '@certflow/core';

/**
 * The pack's findings in Chinese (zh-CN): for each message as the rules write it
 * (English, `{name}` where a value goes), its text in this locale.
 */
export const zhCN: FindingTexts = {
  'recommended by {p}': '由 {p} 推荐',
  'an industry organization acting itself': '行业组织自行开展',
  'neither a recommending department (organization.recommendedBy) nor an industry organization: the centre checks the recommendation':
    '既没有推荐部门（organization.recommendedBy），也不是行业组织：由鉴定中心核实推荐情况',
  'a government department cannot be a social training evaluation organization': '政府部门不能作为社会培训评价组织',
  'a unit affiliated with a government department': '隶属于政府部门的单位',
  'the profile does not say whether the organization is affiliated with a government department: the centre checks':
    '申报信息未说明该组织是否隶属于政府部门：由鉴定中心核实',
  'an association not decoupled from its competent authority': '尚未与主管部门脱钩的协会',
  'the profile does not say whether the association is decoupled from its authority: the centre checks':
    '申报信息未说明协会是否已与主管部门脱钩：由鉴定中心核实',
  'a non-professional association is excluded from the pilot': '非专业性协会不在试点范围内',
  'the profile does not say whether the association is comprehensive, professional or neither: the centre checks':
    '申报信息未说明协会为综合性、专业性或其他：由鉴定中心核实',
  '{code} {name} is not a level-evaluation qualification of the catalog':
    '{code} {name} 不是目录内的水平评价类职业资格',
  '{code}: the profile does not say it is a level-evaluation (水平评价类) qualification of the catalog: the centre checks':
    '{code}：申报信息未说明其为目录内的水平评价类职业资格：由鉴定中心核实',
  'the route is unknown (recommended-or-industry-organization reviews it)':
    '申报途径不明（由 recommended-or-industry-organization 评审）',
  '{code}: the profile does not say which body implemented it as a catalog qualification (it must be {body}): the centre checks':
    '{code}：申报信息未说明其作为目录内职业资格的实施部门（应为 {body}）：由鉴定中心核实',
  '{code} {name} was implemented by {by}, not by {body}: a department recommends, an industry organization acts, for its own qualifications only':
    '{code} {name} 由 {by} 而非 {body} 组织实施：部门推荐、行业组织自行开展，均只限其本部门、本行业的职业资格',
  'not recommended by a department': '未经部门推荐',
  'a recommended organization is checked against the criteria of 中就培函〔2020〕16号, which this pack does not encode':
    '经推荐的组织按中就培函〔2020〕16号的条件审核，本规则包未编码这些条件',
  'a comprehensive association without technical support from its member associations':
    '综合性协会没有会员协会的技术支持',
  'the profile does not say which member association gives technical support: the centre checks':
    '申报信息未说明由哪个会员协会提供技术支持：由鉴定中心核实',
  'not a branch': '不是分支机构',
  'a branch not filed with the local human-resources department': '分支机构未向所在地人力资源社会保障部门备案',
  'the profile does not say whether the branch is filed locally: the centre checks':
    '申报信息未说明分支机构是否已在当地备案：由鉴定中心核实',
  'the branch does not meet the local requirements for filing': '分支机构不符合当地的备案要求',
  "the local requirements of the branch's place of registration are that region's: its centre checks them (e.g. with the regional pack)":
    '分支机构登记地的当地要求由该地区规定：由当地鉴定中心核实（例如使用该地区的规则包）',
  'not yet published online': '尚未在网上公布',
  'published online, but the profile gives no local filing date: the centre checks the order':
    '已在网上公布，但申报信息未给出当地备案日期：由鉴定中心核实先后顺序',
  'published online on {published}, before local filing on {filed}':
    '于 {published} 在网上公布，早于 {filed} 的当地备案',
  "the pilot's implementation plans were due by {implementationPlanAndPublicity}; submitted {asOf}":
    '试点实施方案应于 {implementationPlanAndPublicity} 前报送；实际报送日期 {asOf}',
  'the route (department or industry organization) is unknown, so is the material list':
    '申报途径（部门推荐或行业组织）不明，所需材料清单也无法确定',
  'missing materials: {value}': '缺少材料：{value}',
  'missing regulations: {value}': '缺少制度：{value}',
};
