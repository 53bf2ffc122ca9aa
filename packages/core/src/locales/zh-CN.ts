import { z } from 'zod';
import type { ValidationIssue } from '../errors.js';
import { formatPath } from '../path.js';
import type { CoreLocaleMessages, IssueView } from './types.js';

const s = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
const was = (i: IssueView) => (i.received !== undefined ? `，实际为 ${i.received}` : '');
const want = (i: IssueView, fallback: string) => (i.expected !== undefined ? `应为 ${i.expected}` : fallback);
const zod = z.locales.zhCN();

/**
 * An issue in Chinese, from its code and data (never its English text). An
 * issue a zod schema raised keeps zod's fields in `params` and is worded by
 * zod's own zh-CN locale.
 */
export function issueTextZh(i: ValidationIssue): string {
  const raw = i.params?.zod as Record<string, unknown> | undefined;
  if (raw && i.code !== 'invalid_type' && i.code !== 'custom') {
    const out = zod.localeError({ ...raw, code: i.code, path: i.path, input: undefined, message: '' } as Parameters<
      typeof zod.localeError
    >[0]);
    const text = typeof out === 'string' ? out : out?.message;
    if (text) return text;
  }
  return zhCN.issues[i.code](i);
}

/** Core's messages in Chinese (zh-CN). */
export const zhCN: CoreLocaleMessages = {
  errors: {
    CONCURRENCY: (p) => `事件流 ${s(p.streamId)}：期望版本 ${s(p.expected)}，实际版本 ${s(p.actual)}`,
    VALIDATION: (p) => `输入无效：${p.issues.map((i) => `${issueTextZh(i)}（位置 ${formatPath(i.path)}）`).join('；')}`,
    INVALID_TRANSITION: (p) => `事件流 ${s(p.streamId)} 处于 ${s(p.state)} 状态，不能执行 ${s(p.command)}`,
    FORBIDDEN: (p) => `角色 ${s(p.role)} 无权执行 ${s(p.command)}`,
    RULE_VIOLATION: (p) =>
      `${s(p.command)} 被拒绝：${p.findings.map((f) => `${f.ruleId}（${f.cite.document} ${f.cite.clause}）${f.message ? `：${f.message}` : ''}`).join('；')}`,
    NOT_FOUND: (p) => `未找到 ${s(p.what)} ${s(p.id)}`,
    IDEMPOTENCY_CONFLICT: (p) =>
      `命令编号 ${s(p.commandId)} 已用于另一条命令（原记录 ${s(p.recorded)}，本次 ${s(p.attempted)}）${p.detail ? `：${s(p.detail)}` : ''}，未写入任何事件`,
    STORE_UNAVAILABLE: (p) =>
      `事件存储在执行 ${s(p.operation)} 时不可用${p.driverCode ? `（${s(p.driverCode)}）` : ''}${p.detail ? `：${s(p.detail)}` : ''}；${p.outcome === 'unknown' ? '写入可能已提交，请用相同的命令编号或期望版本重试' : '未写入任何内容'}`,
    CORRUPT_STORE: (p) =>
      `${s(p.source)} 已损坏${p.streamId !== undefined ? `（事件流 ${s(p.streamId)} 版本 ${s(p.version)}）` : ''}${p.position !== undefined ? `（位置 ${s(p.position)}）` : ''}：${s(p.detail)}`,
    STORE_CLOSED: (p) => `无法执行 ${s(p.operation)}：${s(p.store)} 上的事件存储已关闭`,
    CALENDAR_REQUIRED: (p) =>
      `计算期限 ${s(p.deadlineId)} 需要工作日日历：请向 createEngine 传入 calendar（createChinaCalendar()）`,
    CALENDAR_PROVISIONAL: (p) =>
      `拒绝执行 ${s(p.step)}：期限 ${s(p.deadlineId)}（截止 ${s(p.due)}）依赖尚未公布放假安排的 ${p.years.join('、')} 年；引擎设置为 provisional: 'refuse'（请添加已公布的年度安排，或改用 provisional: 'compute'）`,
    MALFORMED_NOTE: (p) => `${s(p.what)} 格式错误：${s(p.detail)}`,
    UNVERIFIED_NOTE: (p) => `${s(p.what)} 没有 ${s(p.keyName)} 的有效签名${p.detail ? `：${s(p.detail)}` : ''}`,
    PROOF_INVALID: (p) => `${p.kind === 'inclusion' ? '包含' : '一致性'}证明未通过验证：${s(p.detail)}`,
    CHECKPOINT_INCONSISTENT: (p) =>
      `日志 ${s(p.origin)} 的 ${s(p.newSize)} 条记录不是其 ${s(p.oldSize)} 条记录检查点的延续：${s(p.detail)}`,
    PROOF_UNAVAILABLE: (p) => `无法给出证明：${s(p.detail)}`,
  },
  issues: {
    invalid_type: (i) => `类型不符，${want(i, '应为另一类型的值')}${was(i)}`,
    too_big: (i) => `数值过大，${want(i, '应更小')}${was(i)}`,
    too_small: (i) => `数值过小，${want(i, '应更大')}${was(i)}`,
    invalid_format: (i) => `格式不符，${want(i, '应为另一格式')}${was(i)}`,
    not_multiple_of: (i) => `不是规定的倍数，${want(i, '应为倍数')}${was(i)}`,
    unrecognized_keys: (i) => `包含未知字段${i.received !== undefined ? `：${i.received}` : ''}`,
    invalid_union: (i) => `不符合任何允许的形式，${want(i, '应符合其中之一')}${was(i)}`,
    invalid_key: (i) => `键无效，${want(i, '应为有效的键')}${was(i)}`,
    invalid_element: (i) => `元素无效，${want(i, '应为有效的元素')}${was(i)}`,
    invalid_value: (i) => `取值无效，${want(i, '应为允许的取值之一')}${was(i)}`,
    custom: (i) => `不符合要求，${want(i, '应为有效的值')}${was(i)}`,
    required: (i) => `缺少必填项，${want(i, '应提供该值')}`,
    invalid_number: (i) => `数字无效，${want(i, '应为数字')}${was(i)}`,
    invalid_instant: (i) => `时间无效，${want(i, '应为时刻（Date 或 ISO-8601 字符串）')}${was(i)}`,
    invalid_json: (i) => `不是 JSON 文本，${want(i, '应为 JSON')}${was(i)}`,
    not_json: (i) => `不是 JSON 值，${want(i, '应为 JSON 值')}${was(i)}`,
    not_i_json: (i) => `不符合 I-JSON（RFC 7493），${want(i, '应为 I-JSON 值')}${was(i)}`,
    invalid_file: (i) => `文件路径无效，${want(i, '应为文件路径')}${was(i)}`,
    invalid_schema_name: (i) => `模式名无效，${want(i, '应为 PostgreSQL 模式名')}${was(i)}`,
    invalid_expected_version: (i) => `期望版本无效，${want(i, "应为 ≥ 0 的版本、'no-stream' 或 'any'")}${was(i)}`,
    invalid_stream_id: (i) => `事件流编号无效，${want(i, '应形如 application-<编号>')}${was(i)}`,
    invalid_stream: (i) => `不是状态机的事件流，${want(i, '应为申请、考核或证书事件流')}${was(i)}`,
    wrong_stream: (i) => `该命令不作用于此类事件流，${want(i, '应为命令所属状态机的事件流')}${was(i)}`,
    invalid_event_type: (i) => `事件类型无效，${want(i, '应为各类存储都能原样保存的文本')}${was(i)}`,
    unknown_event_type: (i) => `不是该事件流的事件类型，${want(i, '应为该事件流的事件类型')}${was(i)}`,
    empty_batch: () => '至少应有一个事件',
    stream_moved: () => '导入期间有事件流被并发写入，未导入任何内容',
    schema: (i) => `事件的外层结构格式错误${was(i)}`,
    hash_mismatch: () => '事件内容与其哈希不符',
    chain_broken: () => 'prevHash 与上一事件的哈希不符',
    version_gap: () => '缺少版本',
    version_order: () => '版本重复或倒退',
    position_order: (i) => `位置未递增，${want(i, '位置应递增')}${was(i)}`,
    duplicate_position: () => '两个事件占用同一全局位置',
    unknown_rule_pack: (i) => `未知的规则包，${want(i, '应为传给 createEngine 的规则包')}${was(i)}`,
    duplicate_id: (i) => `已有记录，不能重复${i.received !== undefined ? `：${i.received}` : ''}`,
    not_open: (i) => `未处于受理状态${i.received !== undefined ? `：${i.received}` : ''}`,
    not_under_review: (i) => `不是待专家评审的条件${i.received !== undefined ? `：${i.received}` : ''}`,
    not_in_roster: () => '应为考核计划名册中的考生',
    invalid_personal_row: () => '应为个人信息库记录，其盐值能打开其承诺值',
    not_accepted: (i) => `取值不被接受，${want(i, '应为另一取值')}${was(i)}`,
    empty_change: () => '应有变更：至少增加或减少一个职业或等级',
    empty_scope: () => '备案至少保留一个职业；如需全部取消，请撤销备案',
    unknown_replaced: (i) => `所替换的规则不是本包继承的规则${i.received !== undefined ? `：${i.received}` : ''}`,
    implicit_override: (i) =>
      `编号与继承的规则相同：覆盖时须写明 replaces${i.received !== undefined ? `（${i.received}）` : ''}`,
    not_inherited: (i) => `不是本包继承的规则${i.received !== undefined ? `：${i.received}` : ''}`,
    bad_release: (i) => `发布版本无效，${want(i, '应为本包的发布版本，每个版本一次')}${was(i)}`,
    unknown_pack: (i) => `没有该规则包${i.received !== undefined ? `：${i.received}` : ''}`,
    exists: (i) => `已存在${i.received !== undefined ? `：${i.received}` : ''}`,
    no_base_case: () => '上级规则包没有基于其原样基准的测试用例',
    no_transparency_log: () => '需要保存透明日志的事件存储（memoryStore、sqliteStore、postgresStore）',
  },
  findings: {
    '{step} may happen on or after {due} ({workingDays} working days from {anchor}); today is {today}':
      '{step} 最早可于 {due} 办理（自 {anchor} 起 {workingDays} 个工作日）；今天是 {today}',
    '{step} was due on or before {due} ({kind} {workingDays} working days, anchor {anchor}); today is {today}':
      '{step} 应于 {due} 前办理（{kind} {workingDays} 个工作日，起算日 {anchor}）；今天是 {today}',
    '{step} was due on or before {due} (within {workingDays} working days, anchor {anchor}); today is {today}':
      '{step} 应于 {due} 前办理（起算日 {anchor} 后 {workingDays} 个工作日内）；今天是 {today}',
    '{step} was due on or before {due} (before {workingDays} working days, anchor {anchor}); today is {today}':
      '{step} 应于 {due} 前办理（不晚于 {anchor} 前 {workingDays} 个工作日）；今天是 {today}',
    '{bucket}: {taken} of at most {max} places are taken ({holders})':
      '{bucket}：名额上限 {max} 个，已占用 {taken} 个（{holders}）',
    'in force {from} to {until}': '有效期间 {from} 至 {until}',
    // The rule kit's and the common rules' own messages (commonRules.ts, ruleKit.ts), as packs use them.
    'missing materials: {value}': '缺少材料：{value}',
    '{code} {name} 为准入类职业资格': '{code} {name} 为准入类职业资格',
    'levels not allowed: {value} (allowed: {value2})': '不允许的等级：{value}（允许：{value2}）',
    '{code} {name} 不是技能类职业（工种）': '{code} {name} 不是技能类职业（工种）',
    '专家核实：{code} 是否为技能类职业（工种）': '专家核实：{code} 是否为技能类职业（工种）',
    '{label}: 否': '{label}: 否',
    '专家核实：{value}（申报信息未提供 {value2}）': '专家核实：{value}（申报信息未提供 {value2}）',
    '{code} is access-type': '{code} 属准入类职业',
    'fewer than 10,000 person-times: an expert judges the brand': '不足 10,000 人次：由专家判断其品牌影响',
    'a dishonesty record': '有失信记录',
    'no supervisor in the plan': '计划中没有督导人员',
    'rule raised an error: {error}': '规则执行出错：{error}',
  },
};
