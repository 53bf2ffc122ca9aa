import type { MessageTable } from '@certflow/core';
import type { CliErrorParams } from './errorTypes.js';
import type { CliTextKey } from './en.js';

type V = Record<string, unknown>;
const s = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
const mean = (v: V) => (v.suggestion ? `；您是否要输入 ${s(v.suggestion)}？` : '');
/** The work a progress line names, in Chinese. */
const PROGRESS_LABELS: Record<string, string> = {
  verify: '验证',
  replay: '重放',
  read: '读取',
  report: '生成报告',
  export: '导出',
  import: '导入',
};
const kept = (v: V) => (v.kept !== undefined ? `；保存的 ${s(v.kept)} 个流头均仍在` : '');

/** The CLI's messages in Chinese (zh-CN): its errors and its texts. */
export const zhCN: { errors: MessageTable<CliErrorParams>; texts: MessageTable<Record<CliTextKey, V>> } = {
  errors: {
    CLI_USAGE: (p) =>
      `${p.key ? zhCN.texts[p.key](p.values ?? {}) : String(p.problem)}${p.command ? `（参见 certflow ${String(p.command)} --help）` : '（参见 certflow --help）'}`,
    CLI_SOURCE_NOT_FOUND: (p) =>
      `数据源 ${String(p.source)} 不存在：请给出 SQLite 文件、postgres:// 地址或 .jsonl 导出文件`,
    CLI_MASKED_EXPORT: (p) =>
      `${String(p.source)} 是脱敏导出：身份证号已被替换，哈希无法复算，不能${p.action === 'verified' ? '验证' : p.action === 'imported' ? '导入' : '重放'}；如需可验证的归档，请使用 --unmasked 导出`,
    CLI_EMPTY_SOURCE: (p) =>
      `${String(p.source)} 中没有任何事件：无可${String(p.action) === 'verify' ? '验证' : '处理'}的内容（空日志不是证据）`,
    CLI_CANNOT_READ: (p) =>
      `无法${String(p.action) === 'write' ? '写入' : '读取'} ${String(p.source)}：${String(p.detail)}`,
    CLI_HEADS_FILE: (p) =>
      `${String(p.file)} 不是流头文件：${String(p.problem)}（请给出 heads 数组或完整的 verify --json 输出）`,
  },
  texts: {
    'main.title': () => 'certflow：certflow 事件日志审计工具',
    'main.usage': () => '用法：certflow <命令> [选项]',
    'main.commands': () => '命令：',
    'main.footer': () =>
      `数据源：SQLite 文件、postgres:// 地址（模式不是 certflow 时加 ?schema=名称），
或 JSONL 导出文件（.jsonl，- 表示标准输入）。
退出码：0 无问题，1 证据中发现问题，2 用法错误，3 无法读取、连接或写入。
使用 --json 时，错误带有稳定的错误码。
全局选项：--lang zh-CN|en（默认取自 LC_ALL、LC_MESSAGES、LANG），
--version，--help。设置 NO_COLOR 可关闭颜色。
运行 certflow <命令> --help 查看该命令的选项。`,
    'help.usage': () => '用法：',
    'help.options': () => '选项：',
    'option.help': () => '显示本帮助',
    'option.lang': () => '输出语言：zh-CN 或 en（默认取自 LC_ALL、LC_MESSAGES、LANG）',
    'option.verbose': () => '逐行列出全部细节，而不只是摘要',
    'usage.unknownCommand': (v) => `未知命令 ${s(v.verb)}${mean(v)}`,
    'usage.unknownOption': (v) => `未知选项 '${s(v.option)}'${mean(v)}`,
    'usage.badOption': (v) => `选项有误：${s(v.detail)}`,
    'usage.missing': (v) => `缺少 ${s(v.missing)}`,
    'usage.unexpected': (v) => `多余的参数 ${s(v.arg)}`,
    'usage.badLang': (v) => `--lang 只能是 zh-CN 或 en，不能是 ${s(v.value)}`,
    'usage.packsUnloadable': (v) => `无法加载 --packs ${s(v.file)}：${s(v.detail)}`,
    'usage.packsEmpty': (v) => `--packs ${s(v.file)} 没有导出任何规则包（应由 defineRulePack 生成）`,
    'usage.noStdin': () => '- 表示从标准输入读取 JSONL，但没有标准输入',
    'usage.proofOrSource': () => '一致性证明需要 --proof <文件> 或 --source <日志>',
    'usage.notJsonl': (v) => `${s(v.file)} 不是 JSONL 文件（.jsonl 或 -）`,
    'usage.checkpointOrKey': () => '请给出 --checkpoint <文件> 或 --key <文件> 之一',
    'usage.notJson': (v) => `${s(v.file)} 不是 JSON${v.detail ? `（${s(v.detail)}）` : ''}`,
    'usage.checkpointNeedsVkey': () => '--checkpoint 需要 --vkey <文件>（日志的验证密钥）',
    'usage.noCheckout': (v) => `new-pack 须在 certflow 仓库的检出目录中运行（${s(v.dir)} 不在其中）`,
    'usage.badYear': (v) => `年份应为四位数字，不能是 ${s(v.year)}`,
    'usage.calendarAction': (v) => `calendar 只接受 check <文件> 或 show <年份>，不接受 ${s(v.action)}`,
    'usage.keyExists': (v) => `${s(v.file)} 已存在；密钥从不覆盖`,
    'usage.badThreads': (v) => `--threads 应为 auto 或 0 到 64 的整数，不能是 ${s(v.value)}`,
    'replay.header': (v) => `重放 ${s(v.source)}：${s(v.events)} 个事件，重建 ${s(v.streams)} 个事件流`,
    'replay.states': (v) => `  状态：${s(v.states)}`,
    'replay.decisions': (v) => `决定：按记录的规则包版本复核 ${s(v.rechecked)} 个，${s(v.differ)} 个不一致`,
    'replay.history': (v) =>
      `历史：${Number(v.violations) === 0 ? '每个事件都为其状态机所接受，跨事件流的事实均成立' : `${s(v.violations)} 处违反`}`,
    'replay.ok': () => '✔ 每个事件流均可重建，每个决定均可复现',
    'replay.problems': () => '✖ 重放发现问题',
    'calendar.problems': (v) => `✖ ${s(v.file)}：${s(v.count)} 个问题`,
    'checkpoint.refused': (v) => `✖ ${s(v.source)}：${s(v.count)} 个问题（参见 certflow verify）；未签署检查点`,
    'path.at': () => '→ 位置',
    'prove.refused': (v) => `✖ ${s(v.source)}：${s(v.count)} 个问题（参见 certflow verify）；未给出证明`,
    'prove.noCertificate': (v) => `✖ ${s(v.source)}：没有证书 ${s(v.number)} 的 CertificateIssued 事件`,
    'prove.notExtending': (v) =>
      `✖ ${s(v.source)} 不是该检查点（${s(v.size)} 条记录）的延续：请运行 certflow verify --checkpoint`,
    'prove.afterCheckpoint': (v) => `✖ 证书 ${s(v.number)} 颁发于检查点（${s(v.size)} 条记录）之后：请签署更新的检查点`,
    'verifyProof.ok': (v) =>
      `✔ ${s(v.streamId)} 版本 ${s(v.version)}（${s(v.type)}）是 ${s(v.origin)} 的第 ${s(v.leafIndex)} 条记录，签署时共 ${s(v.size)} 条`,
    'witness.refused': (v) => `✖ 未联署：${s(v.detail)}`,
    'transparency.storeTreeDiffers': (v) =>
      `✖ ${s(v.source)}：存储的默克尔树与其事件不符（参见 certflow verify --checkpoint）；未签署，也未给出证明`,
    'version.cli': (v) => `certflow ${s(v.version)}`,
    'version.core': (v) => `@certflow/core ${s(v.version)}`,
    'version.pack': (v) => `规则包 ${s(v.id)} ${s(v.version)}`,
    'verify.ok': (v) => `✔ ${s(v.source)}：${s(v.streams)} 个事件流中的 ${s(v.events)} 个事件全部通过验证${kept(v)}`,
    'verify.problems': (v) =>
      `✖ ${s(v.source)}：在 ${s(v.streams)} 个事件流的 ${s(v.events)} 个事件中发现 ${s(v.count)} 个问题`,
    'import.nothing': (v) => `✖ 未向 ${s(v.target)} 导入任何内容`,
    'import.refused': (v) => `✖ 日志被拒绝：共 ${s(v.count)} 个问题（${s(v.first)}）；使用 --verbose 逐条列出`,
    'import.ok': (v) => `✔ 已将 ${s(v.streams)} 个事件流的 ${s(v.events)} 个事件导入 ${s(v.target)}`,
    'export.written': (v) => `✔ 已将 ${s(v.events)} 个事件写入 ${s(v.file)}`,
    'export.exists': (v) => `${s(v.file)} 已存在；导出从不覆盖文件`,
    'export.masked': (v) =>
      `已导出 ${s(v.events)} 个事件，身份证号已脱敏：此文件不能验证或导入（如需可验证的归档，请使用 --unmasked）`,
    'export.verbatim': (v) => `已原样导出 ${s(v.events)} 个事件：此文件包含个人身份证号`,
    'progress.label': (v) => PROGRESS_LABELS[s(v.label)] ?? s(v.label),
    'progress.events': (v) => `${s(v.count)} 个事件`,
    'progress.rate': (v) => `${s(v.rate)} 个事件/秒`,
    'progress.eta': (v) => `预计剩余 ${s(v.eta)}`,
    'summary.verify': () => '检查哈希链、版本缺口和事件结构',
    'summary.replay': () => '重建每个事件流，并按规则包复核其决定',
    'summary.report': () => '生成审计报告（Markdown、HTML 或 JSON）',
    'summary.export': () => '将日志导出为 JSONL（除非使用 --unmasked，身份证号均脱敏）',
    'summary.import': () => '将验证通过的 JSONL 导出写入 SQLite 文件或 PostgreSQL',
    'summary.new-pack': () => '生成规则包骨架',
    'summary.calendar': () => '检查年度文件，或显示某年的工作日',
    'summary.keygen': () => '生成签名密钥及其验证密钥',
    'summary.checkpoint': () => '为日志签署检查点',
    'summary.prove': () => '证明某证书在日志中',
    'summary.verify-proof': () => '离线检查证明包',
    'summary.witness': () => '检查日志是否延续此前所见的检查点，并联署',
  },
};
