import type { RulePack } from '@certflow/core';
import type { CliIo } from './io.js';

export type OptionSpec = { type: 'string' | 'boolean'; short?: string; description: string; value?: string; multiple?: boolean };

/** One `certflow <verb>`: its help and its run function. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Paragraphs printed under the usage line by `--help`. */
  description: string;
  options: Record<string, OptionSpec>;
  positionals: { names: string[]; min: number };
  run(args: { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[]; io: CliIo; packs?: RulePack[] }): Promise<number>;
}

/**
 * Exit codes: 0 clean, 1 problems found in the evidence, 2 usage, 3 could not
 * read, connect or write (the tool could not do its work; says nothing about the evidence).
 */
export const EXIT = { ok: 0, problems: 1, usage: 2, unavailable: 3 } as const;

export function commandHelp(c: Command): string {
  const opts = Object.entries({ ...c.options, help: { type: 'boolean', short: 'h', description: 'show this help' } as OptionSpec });
  const lines = opts.map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` <${o.value ?? 'value'}>` : ''}`;
    return `  ${flag.padEnd(30)} ${o.description}`;
  });
  return `Usage: certflow ${c.usage}\n\n${c.description.trim()}\n\nOptions:\n${lines.join('\n')}\n`;
}
