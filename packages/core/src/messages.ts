/**
 * One table of messages per locale, produced from an error's data (its code
 * and params) — never stored in the error itself. Add a locale by adding a
 * column here; the `Messages` type makes the compiler check it is complete.
 */
export type Locale = 'en' | 'zh-CN';

type Params = Record<string, unknown>;
type MessageTable = Record<string, (p: Params) => string>;

const s = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

const en: MessageTable = {
  CONCURRENCY: (p) =>
    `stream ${s(p.streamId)}: expected version ${s(p.expected)}, but the stream is at ${s(p.actual)}`,
  VALIDATION: (p) => `invalid input: ${s(p.summary)}`,
  INVALID_TRANSITION: (p) =>
    `${s(p.command)} is not allowed on ${s(p.streamId)} in state ${s(p.state)}`,
  FORBIDDEN: (p) => `role ${s(p.role)} may not issue ${s(p.command)}`,
  RULE_VIOLATION: (p) => `${s(p.command)} refused: ${s(p.summary)}`,
  NOT_FOUND: (p) => `${s(p.what)} ${s(p.id)} not found`,
  IDEMPOTENCY_CONFLICT: (p) =>
    `commandId ${s(p.commandId)} was already used for a different command (recorded ${s(p.recorded)}, now ${s(p.attempted)})${p.detail ? `: ${s(p.detail)}` : ''}; nothing was appended`,
  STORE_UNAVAILABLE: (p) =>
    `the store failed during ${s(p.operation)}${p.driverCode ? ` (${s(p.driverCode)})` : ''}${p.detail ? `: ${s(p.detail)}` : ''}; ${p.outcome === 'unknown' ? 'the write may have committed: retry with the same commandId or expectedVersion' : 'nothing was written'}`,
  CORRUPT_STORE: (p) =>
    `${s(p.source)} is damaged${p.streamId !== undefined ? ` at ${s(p.streamId)} version ${s(p.version)}` : ''}${p.position !== undefined ? ` (position ${s(p.position)})` : ''}: ${s(p.detail)}`,
  STORE_CLOSED: (p) => `cannot ${s(p.operation)}: the store on ${s(p.store)} is closed`,
};

const zhCN: MessageTable = {
  CONCURRENCY: (p) => `事件流 ${s(p.streamId)}：期望版本 ${s(p.expected)}，实际版本 ${s(p.actual)}`,
  VALIDATION: (p) => `输入无效：${s(p.summary)}`,
  INVALID_TRANSITION: (p) => `事件流 ${s(p.streamId)} 处于 ${s(p.state)} 状态，不能执行 ${s(p.command)}`,
  FORBIDDEN: (p) => `角色 ${s(p.role)} 无权执行 ${s(p.command)}`,
  RULE_VIOLATION: (p) => `${s(p.command)} 被拒绝：${s(p.summary)}`,
  NOT_FOUND: (p) => `未找到 ${s(p.what)} ${s(p.id)}`,
  IDEMPOTENCY_CONFLICT: (p) =>
    `命令编号 ${s(p.commandId)} 已用于另一条命令（原记录 ${s(p.recorded)}，本次 ${s(p.attempted)}）${p.detail ? `：${s(p.detail)}` : ''}，未写入任何事件`,
  STORE_UNAVAILABLE: (p) =>
    `事件存储在执行 ${s(p.operation)} 时不可用${p.driverCode ? `（${s(p.driverCode)}）` : ''}${p.detail ? `：${s(p.detail)}` : ''}；${p.outcome === 'unknown' ? '写入可能已提交，请用相同的命令编号或期望版本重试' : '未写入任何内容'}`,
  CORRUPT_STORE: (p) =>
    `${s(p.source)} 已损坏${p.streamId !== undefined ? `（事件流 ${s(p.streamId)} 版本 ${s(p.version)}）` : ''}${p.position !== undefined ? `（位置 ${s(p.position)}）` : ''}：${s(p.detail)}`,
  STORE_CLOSED: (p) => `无法执行 ${s(p.operation)}：${s(p.store)} 上的事件存储已关闭`,
};

const tables: Record<Locale, MessageTable> = { en, 'zh-CN': zhCN };

/** Register or extend messages for a code (used by packages with their own errors). */
export function registerMessages(code: string, byLocale: Record<Locale, (p: Params) => string>): void {
  for (const locale of Object.keys(byLocale) as Locale[]) {
    tables[locale][code] = byLocale[locale];
  }
}

export function formatMessage(code: string, params: Params, locale: Locale = 'en'): string {
  const fn = tables[locale][code] ?? tables.en[code];
  return fn ? fn(params) : `${code} ${JSON.stringify(params)}`;
}
