import { parseArgs } from 'node:util';
import {
  CertflowError,
  RuleViolationError,
  isLocale,
  localeFromEnv,
  prettifyError,
  type Locale,
  type RulePack,
} from '@certflow/core';
import { closest, distance } from 'fastest-levenshtein';
import { commandHelp, EXIT, type Command, type OptionSpec } from './command.js';
import { exportCommand } from './commands/export.js';
import { importCommand } from './commands/import.js';
import { newPackCommand } from './commands/newPack.js';
import { replayCommand } from './commands/replay.js';
import { reportCommand } from './commands/report.js';
import { verifyCommand } from './commands/verify.js';
import { calendarCommand } from './commands/calendar.js';
import { checkpointCommand } from './commands/checkpoint.js';
import { keygenCommand } from './commands/keygen.js';
import { proveCommand } from './commands/prove.js';
import { verifyProofCommand } from './commands/verifyProof.js';
import { witnessCommand } from './commands/witness.js';
import { HeadsFileError, MaskedExportError, SourceNotFoundError, UsageError } from './errors.js';
import { cannotRead } from './sources.js';
import { paint, processIo, type CliIo } from './io.js';
import { cliFindingTranslator } from './locales/findings.js';
import { t } from './locales/index.js';
import { versionLines } from './version.js';

/** The verbs `certflow` knows, in the order `--help` lists them. */
export const COMMAND_LIST: readonly Command[] = [
  verifyCommand,
  replayCommand,
  reportCommand,
  exportCommand,
  importCommand,
  newPackCommand,
  calendarCommand,
  keygenCommand,
  checkpointCommand,
  proveCommand,
  verifyProofCommand,
  witnessCommand,
];

/** The summary of a command in a locale: the CLI's text for a verb it ships, the command's own otherwise. */
const summaryOf = (c: Command, locale: Locale) => {
  const key = `summary.${c.name}` as Parameters<typeof t>[1];
  try {
    return t(locale, key);
  } catch {
    return c.summary;
  }
};

export function mainHelp(commands: readonly Command[] = COMMAND_LIST, locale: Locale = 'en'): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `${t(locale, 'main.title')}

${t(locale, 'main.usage')}

${t(locale, 'main.commands')}
${commands.map((c) => `  ${c.name.padEnd(width)}  ${summaryOf(c, locale)}`).join('\n')}

${t(locale, 'main.footer')}
`;
}

/** The closest of `names` to a mistyped `word`, when it is close enough to be meant (at most a third of its letters off, at least 1, at most 3). */
export function suggest(word: string, names: readonly string[]): string | undefined {
  if (names.length === 0) return undefined;
  const best = closest(word, [...names]);
  return distance(word, best) <= Math.min(3, Math.max(1, Math.floor(word.length / 3))) ? best : undefined;
}

/** Options every command takes besides its own. */
const COMMON_OPTIONS: Record<string, OptionSpec> = {
  help: { type: 'boolean', short: 'h', description: 'show this help' },
  lang: { type: 'string', description: 'zh-CN or en', value: 'locale' },
};

function parse(c: Command, argv: string[]) {
  const specs = { ...c.options, ...COMMON_OPTIONS };
  const options = Object.fromEntries(
    Object.entries<OptionSpec>(specs).map(([k, o]) => [
      k,
      { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) },
    ]),
  );
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    const err = e as Error & { code?: string };
    const first = err.message.split('\n')[0]!;
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const option = /'([^']+)'/.exec(first)?.[1] ?? first;
      const suggestion = option.startsWith('--')
        ? suggest(
            option,
            Object.keys(specs).map((k) => `--${k}`),
          )
        : undefined;
      throw new UsageError(
        { key: 'usage.unknownOption', values: { option, ...(suggestion ? { suggestion } : {}) } },
        c.name,
      );
    }
    // parseArgs' other messages name the flag; keep them, drop its error class.
    throw new UsageError({ key: 'usage.badOption', values: { detail: first } }, c.name);
  }
}

/**
 * Takes the options that may come before the verb (`--lang <locale>`,
 * `--lang=<locale>`, `--version`, `-V`) off the front of argv.
 */
function globalOptions(argv: readonly string[]): { lang?: string; version: boolean; rest: string[] } {
  const rest = [...argv];
  let lang: string | undefined;
  let version = false;
  while (rest.length > 0) {
    const a = rest[0]!;
    if (a === '--version' || a === '-V') version = true;
    else if (a === '--lang') {
      rest.shift();
      lang = rest[0] ?? '';
    } else if (a.startsWith('--lang=')) lang = a.slice('--lang='.length);
    else break;
    rest.shift();
  }
  return { ...(lang !== undefined ? { lang } : {}), version, rest };
}

/** The locale of a run: `--lang` when given, else the environment's (LC_ALL, LC_MESSAGES, LANG). */
function localeOf(lang: unknown, io: CliIo): Locale {
  if (lang === undefined) return localeFromEnv(io.env ?? {});
  if (isLocale(lang)) return lang;
  throw new UsageError({ key: 'usage.badLang', values: { value: String(lang) } });
}

/**
 * 2 for a bad command line; 1 for an error that is itself a finding about the
 * evidence (a masked export offered as evidence, a corrupt store); 3 for
 * everything that kept the tool from doing its work.
 */
const exitCodeOf = (e: unknown) => {
  if (e instanceof UsageError || e instanceof SourceNotFoundError || e instanceof HeadsFileError) return EXIT.usage;
  // A year the calendar cannot answer (beyond the published and provisional years) is an argument out of range.
  if (e instanceof CertflowError && e.code === 'CALENDAR_COVERAGE') return EXIT.usage;
  if (e instanceof MaskedExportError || (e instanceof CertflowError && e.code === 'CORRUPT_STORE'))
    return EXIT.problems;
  return EXIT.unavailable;
};

/**
 * Runs one `certflow` command line (without `node` and the script name) and
 * resolves to its exit code: 0 clean, 1 problems found in the evidence, 2
 * usage error, 3 could not read, connect or write. Never
 * calls process.exit, so tests and host programs can call it in-process.
 */
export interface RunCliOptions {
  /** The verbs to offer. Default: COMMAND_LIST. */
  commands?: readonly Command[];
  /** Rule packs `replay` may use besides the packs certflow ships (e.g. older or draft versions). */
  packs?: RulePack[];
}

export async function runCli(
  argv: readonly string[],
  io: CliIo = processIo(),
  options: RunCliOptions = {},
): Promise<number> {
  const commands = options.commands ?? COMMAND_LIST;
  const global = globalOptions(argv);
  const [verb, ...rest] = global.rest;
  let json = false;
  let locale: Locale = localeFromEnv(io.env ?? {});
  try {
    locale = localeOf(global.lang, io);
    if (global.version) {
      io.stdout.write(`${(await versionLines(locale, options.packs)).join('\n')}\n`);
      return EXIT.ok;
    }
    if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') {
      io[verb === undefined ? 'stderr' : 'stdout'].write(mainHelp(commands, locale));
      return verb === undefined ? EXIT.usage : EXIT.ok;
    }
    const command = commands.find((c) => c.name === verb);
    if (!command) {
      const suggestion = suggest(
        verb,
        commands.map((c) => c.name),
      );
      throw new UsageError({
        key: 'usage.unknownCommand',
        values: { verb: JSON.stringify(verb), ...(suggestion ? { suggestion } : {}) },
      });
    }
    // A --lang after the verb words even the errors of parsing the rest.
    const late = rest.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
    if (late !== -1 && rest.indexOf('--') === -1) {
      const value = rest[late] === '--lang' ? rest[late + 1] : rest[late]!.slice('--lang='.length);
      if (isLocale(value)) locale = value;
    }
    const { values, positionals } = parse(command, rest);
    json = values.json === true;
    locale = localeOf(values.lang ?? global.lang, io);
    if (values.help) {
      io.stdout.write(commandHelp(command, locale));
      return EXIT.ok;
    }
    if (positionals.length < command.positionals.min) {
      const missing = command.positionals.names
        .slice(positionals.length)
        .map((n) => `<${n}>`)
        .join(' ');
      throw new UsageError({ key: 'usage.missing', values: { missing } }, command.name);
    }
    if (positionals.length > command.positionals.names.length) {
      throw new UsageError(
        { key: 'usage.unexpected', values: { arg: JSON.stringify(positionals[command.positionals.names.length]) } },
        command.name,
      );
    }
    return await command.run({ values, positionals, io, locale, ...(options.packs ? { packs: options.packs } : {}) });
  } catch (caught) {
    // No raw runtime or driver error reaches the user: anything that is not
    // certflow's own becomes CannotReadError (code CLI_CANNOT_READ, exit 3).
    const e =
      caught instanceof CertflowError
        ? caught
        : cannotRead(rest.find((a) => !a.startsWith('-')) ?? verb ?? 'certflow', caught);
    const code = exitCodeOf(e);
    if (json) {
      const error =
        e instanceof CertflowError ? e.toJSON() : { name: 'Error', code: 'CLI_CANNOT_READ', message: String(e) };
      io.stdout.write(`${JSON.stringify({ ok: false, exitCode: code, error }, null, 2)}\n`);
    }
    // A refusal's findings are worded by the packs' texts (loaded only then).
    const translate = e instanceof RuleViolationError ? await cliFindingTranslator() : undefined;
    if (e instanceof CertflowError) e.localize(locale, translate);
    io.stderr.write(
      `${paint(io, 'bad', e instanceof CertflowError || e instanceof Error ? prettifyError(e, locale, translate) : `✖ ${String(e)}`)}\n`,
    );
    if (!(caught instanceof CertflowError) && io.env?.CERTFLOW_DEBUG && caught instanceof Error)
      io.stderr.write(`${caught.stack}\n`);
    return code;
  }
}
