import { parseArgs } from 'node:util';
import { CertflowError, prettifyError, type RulePack } from '@certflow/core';
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
import { processIo, type CliIo } from './io.js';

/** The verbs `certflow` knows, in the order `--help` lists them. */
export const COMMAND_LIST: readonly Command[] = [
  verifyCommand, replayCommand, reportCommand, exportCommand, importCommand, newPackCommand, calendarCommand,
  keygenCommand, checkpointCommand, proveCommand, verifyProofCommand, witnessCommand,
];

export function mainHelp(commands: readonly Command[] = COMMAND_LIST): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `certflow: audit tools for certflow event logs

Usage: certflow <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Sources: a SQLite file, a postgres:// URL (?schema=name for a schema other
than certflow), or a JSONL export (.jsonl, or - for standard input).
Exit codes: 0 clean, 1 problems found in the evidence, 2 usage error,
3 could not read, connect or write. Under --json an error carries a stable code.
Run certflow <command> --help for a command's options.
`;
}

function parse(c: Command, argv: string[]) {
  const options = Object.fromEntries(
    Object.entries<OptionSpec>({ ...c.options, help: { type: 'boolean', short: 'h', description: 'show this help' } }).map(([k, o]) => [
      k,
      { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) },
    ]),
  );
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    // parseArgs' messages name the flag; keep them, drop its error class.
    throw new UsageError((e as Error).message.split('\n')[0]!, c.name);
  }
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
  if (e instanceof MaskedExportError || (e instanceof CertflowError && e.code === 'CORRUPT_STORE')) return EXIT.problems;
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

export async function runCli(argv: readonly string[], io: CliIo = processIo(), options: RunCliOptions = {}): Promise<number> {
  const commands = options.commands ?? COMMAND_LIST;
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') {
    io[verb === undefined ? 'stderr' : 'stdout'].write(mainHelp(commands));
    return verb === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = commands.find((c) => c.name === verb);
  let json = false;
  try {
    if (!command) throw new UsageError(`unknown command ${JSON.stringify(verb)}`);
    const { values, positionals } = parse(command, rest);
    json = values.json === true;
    if (values.help) {
      io.stdout.write(commandHelp(command));
      return EXIT.ok;
    }
    if (positionals.length < command.positionals.min) {
      const missing = command.positionals.names.slice(positionals.length).map((n) => `<${n}>`).join(' ');
      throw new UsageError(`missing ${missing}`, command.name);
    }
    if (positionals.length > command.positionals.names.length) {
      throw new UsageError(`unexpected argument ${JSON.stringify(positionals[command.positionals.names.length])}`, command.name);
    }
    return await command.run({ values, positionals, io, ...(options.packs ? { packs: options.packs } : {}) });
  } catch (caught) {
    // No raw runtime or driver error reaches the user: anything that is not
    // certflow's own becomes CannotReadError (code CLI_CANNOT_READ, exit 3).
    const e = caught instanceof CertflowError ? caught : cannotRead(rest.find((a) => !a.startsWith('-')) ?? verb, caught);
    const code = exitCodeOf(e);
    if (json) {
      const error = e instanceof CertflowError ? e.toJSON() : { name: 'Error', code: 'CLI_CANNOT_READ', message: String(e) };
      io.stdout.write(`${JSON.stringify({ ok: false, exitCode: code, error }, null, 2)}\n`);
    }
    io.stderr.write(`${e instanceof CertflowError || e instanceof Error ? prettifyError(e) : `✖ ${String(e)}`}\n`);
    if (!(caught instanceof CertflowError) && io.env?.CERTFLOW_DEBUG && caught instanceof Error) io.stderr.write(`${caught.stack}\n`);
    return code;
  }
}
