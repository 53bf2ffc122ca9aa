import type { MessageTable } from '@certflow/core';
import type { CliErrorParams } from './errorTypes.js';

type V = Record<string, unknown>;
const s = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
const rules = new Intl.PluralRules('en');
/** `n` with the English noun in its plural form: 1 event, 2 events. */
const n = (count: unknown, one: string, other: string = `${one}s`) =>
  `${s(count)} ${rules.select(Number(count)) === 'one' ? one : other}`;
const mean = (v: V) => (v.suggestion ? `; did you mean ${s(v.suggestion)}?` : '');

/** What the CLI prints, in English: one function per text, from its values. */
export const texts = {
  'main.title': () => 'certflow: audit tools for certflow event logs',
  'main.usage': () => 'Usage: certflow <command> [options]',
  'main.commands': () => 'Commands:',
  'main.footer': () =>
    `Sources: a SQLite file, a postgres:// URL (?schema=name for a schema other
than certflow), or a JSONL export (.jsonl, or - for standard input).
Exit codes: 0 clean, 1 problems found in the evidence, 2 usage error,
3 could not read, connect or write. Under --json an error carries a stable code.
Global options: --lang zh-CN|en (default from LC_ALL, LC_MESSAGES, LANG),
--version, --help. NO_COLOR turns colour off.
Run certflow <command> --help for a command's options.`,
  'help.usage': () => 'Usage:',
  'help.options': () => 'Options:',
  'option.help': () => 'show this help',
  'option.lang': () => 'the language of what is printed: zh-CN or en (default from LC_ALL, LC_MESSAGES, LANG)',
  'option.verbose': () => 'print every line of detail, not only a summary',
  'usage.unknownCommand': (v: V) => `unknown command ${s(v.verb)}${mean(v)}`,
  'usage.unknownOption': (v: V) => `Unknown option '${s(v.option)}'${mean(v)}`,
  'usage.badOption': (v: V) => `${s(v.detail)}`,
  'usage.missing': (v: V) => `missing ${s(v.missing)}`,
  'usage.unexpected': (v: V) => `unexpected argument ${s(v.arg)}`,
  'usage.badLang': (v: V) => `--lang must be zh-CN or en, not ${s(v.value)}`,
  'usage.packsUnloadable': (v: V) => `--packs ${s(v.file)} could not be loaded: ${s(v.detail)}`,
  'usage.packsEmpty': (v: V) => `--packs ${s(v.file)} exports no rule pack (made with defineRulePack)`,
  'usage.noStdin': () => '- reads JSONL from standard input, but there is none',
  'usage.proofOrSource': () => 'give --proof <file> or --source <log> for the consistency proof',
  'usage.notJsonl': (v: V) => `${s(v.file)} is not a JSONL file (.jsonl or -)`,
  'usage.checkpointOrKey': () => 'give either --checkpoint <file> or --key <file>',
  'usage.notJson': (v: V) => `${s(v.file)} is not JSON${v.detail ? ` (${s(v.detail)})` : ''}`,
  'usage.checkpointNeedsVkey': () => '--checkpoint needs --vkey <file> (the log’s verifier key)',
  'usage.noCheckout': (v: V) => `new-pack runs inside a certflow repository checkout (none holds ${s(v.dir)})`,
  'usage.badYear': (v: V) => `the year is four digits, not ${s(v.year)}`,
  'usage.calendarAction': (v: V) => `calendar takes check <file> or show <year>, not ${s(v.action)}`,
  'usage.keyExists': (v: V) => `${s(v.file)} exists; keys are never overwritten`,
  'usage.badThreads': (v: V) => `--threads takes auto or a whole number from 0 to 64, not ${s(v.value)}`,
  'replay.header': (v: V) => `replay ${s(v.source)}: ${n(v.events, 'event')}, ${n(v.streams, 'stream')} rebuilt`,
  'replay.states': (v: V) => `  states: ${s(v.states)}`,
  'replay.decisions': (v: V) =>
    `decisions: ${s(v.rechecked)} rechecked under their recorded pack versions, ${s(v.differ)} differ`,
  'replay.history': (v: V) =>
    `history: ${Number(v.violations) === 0 ? 'every event is one its machine accepts, and the facts across streams hold' : n(v.violations, 'violation')}`,
  'replay.ok': () => '✔ every stream rebuilds and every decision is reproduced',
  'replay.problems': () => '✖ replay found problems',
  'calendar.problems': (v: V) => `✖ ${s(v.file)}: ${n(v.count, 'problem')}`,
  'checkpoint.refused': (v: V) =>
    `✖ ${s(v.source)}: ${n(v.count, 'problem')} (see certflow verify); no checkpoint signed`,
  'path.at': () => '→ at',
  'prove.refused': (v: V) => `✖ ${s(v.source)}: ${n(v.count, 'problem')} (see certflow verify); no proof given`,
  'prove.noCertificate': (v: V) => `✖ ${s(v.source)}: no CertificateIssued event for certificate ${s(v.number)}`,
  'prove.notExtending': (v: V) =>
    `✖ ${s(v.source)} does not extend the checkpoint (${n(v.size, 'entry', 'entries')}): run certflow verify --checkpoint`,
  'prove.afterCheckpoint': (v: V) =>
    `✖ certificate ${s(v.number)} was issued after the checkpoint (${n(v.size, 'entry', 'entries')}): sign a newer one`,
  'verifyProof.ok': (v: V) =>
    `✔ ${s(v.streamId)} version ${s(v.version)} (${s(v.type)}) is entry ${s(v.leafIndex)} of ${s(v.origin)}, signed at ${n(v.size, 'entry', 'entries')}`,
  'witness.refused': (v: V) => `✖ not cosigned: ${s(v.detail)}`,
  'transparency.storeTreeDiffers': (v: V) =>
    `✖ ${s(v.source)}: the store's Merkle tree does not match its events (see certflow verify --checkpoint); nothing signed or proved`,
  'version.cli': (v: V) => `certflow ${s(v.version)}`,
  'version.core': (v: V) => `@certflow/core ${s(v.version)}`,
  'version.pack': (v: V) => `pack ${s(v.id)} ${s(v.version)}`,
  'verify.ok': (v: V) =>
    `✔ ${s(v.source)}: ${n(v.events, 'event')} in ${n(v.streams, 'stream')} verify${v.kept !== undefined ? `; all ${n(v.kept, 'kept head')} are still there` : ''}`,
  'verify.problems': (v: V) =>
    `✖ ${s(v.source)}: ${n(v.count, 'problem')} in ${n(v.events, 'event')}, ${n(v.streams, 'stream')}`,
  'import.nothing': (v: V) => `✖ nothing was imported into ${s(v.target)}`,
  'import.refused': (v: V) =>
    `✖ the log was refused: ${n(v.count, 'problem')} (${s(v.first)}); --verbose lists every one`,
  'import.ok': (v: V) => `✔ imported ${n(v.events, 'event')} in ${n(v.streams, 'stream')} into ${s(v.target)}`,
  'export.written': (v: V) => `✔ wrote ${n(v.events, 'event')} to ${s(v.file)}`,
  'export.exists': (v: V) => `${s(v.file)} exists; an export never overwrites a file`,
  'export.masked': (v: V) =>
    `exported ${n(v.events, 'event')}, ID numbers masked: this file cannot be verified or imported (use --unmasked for a verifiable archive)`,
  'export.verbatim': (v: V) => `exported ${n(v.events, 'event')} verbatim: this file contains personal ID numbers`,
  'progress.label': (v: V) => s(v.label),
  'progress.events': (v: V) => `${s(v.count)} events`,
  'progress.rate': (v: V) => `${s(v.rate)} events/s`,
  'progress.eta': (v: V) => `ETA ${s(v.eta)}`,
  'summary.verify': () => 'check hash chains, version gaps and event schemas',
  'summary.replay': () => 'rebuild every stream and re-check its decisions against the rule packs',
  'summary.report': () => 'write an audit report (markdown, HTML or JSON)',
  'summary.export': () => 'write a log as JSONL (ID numbers masked unless --unmasked)',
  'summary.import': () => 'write a verified JSONL export into a SQLite file or PostgreSQL',
  'summary.new-pack': () => 'scaffold a rule pack',
  'summary.calendar': () => 'check a year file, or show the working days of a year',
  'summary.keygen': () => 'make a signing key and its verifier key',
  'summary.checkpoint': () => 'sign a checkpoint of a log',
  'summary.prove': () => 'prove that a certificate is in a log',
  'summary.verify-proof': () => 'check a proof bundle offline',
  'summary.witness': () => 'check that a log extends the checkpoint seen before, and cosign it',
} satisfies Record<string, (v: V) => string>;

/** A key of the CLI's texts. */
export type CliTextKey = keyof typeof texts;

/** The CLI's messages in English: its errors and its texts. */
export const en: { errors: MessageTable<CliErrorParams>; texts: MessageTable<Record<CliTextKey, V>> } = {
  errors: {
    CLI_USAGE: (p) =>
      `${p.key ? en.texts[p.key](p.values ?? {}) : String(p.problem)}${p.command ? ` (see certflow ${String(p.command)} --help)` : ' (see certflow --help)'}`,
    CLI_SOURCE_NOT_FOUND: (p) =>
      `source ${String(p.source)} does not exist: give a SQLite file, a postgres:// URL or a .jsonl export`,
    CLI_MASKED_EXPORT: (p) =>
      `${String(p.source)} is a masked export: its ID numbers were replaced, so its hashes cannot be recomputed and it cannot be ${String(p.action)}; export with --unmasked for a verifiable archive`,
    CLI_EMPTY_SOURCE: (p) =>
      `${String(p.source)} holds no events: there is nothing to ${String(p.action)} (an empty log is not evidence)`,
    CLI_CANNOT_READ: (p) => `could not ${String(p.action)} ${String(p.source)}: ${String(p.detail)}`,
    CLI_HEADS_FILE: (p) =>
      `${String(p.file)} is not a heads file: ${String(p.problem)} (give the heads array or a whole verify --json output)`,
  },
  texts,
};
