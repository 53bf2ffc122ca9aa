import type { Locale, RulePack } from '@certflow/core';
import { t } from './locales/index.js';
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
  /** `locale`: the language of what the command prints (`--lang`, else LC_ALL, LC_MESSAGES, LANG). */
  run(args: { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[]; io: CliIo; packs?: RulePack[]; locale?: Locale }): Promise<number>;
}

/**
 * Exit codes: 0 clean, 1 problems found in the evidence, 2 usage, 3 could not
 * read, connect or write (the tool could not do its work; says nothing about the evidence).
 */
export const EXIT = { ok: 0, problems: 1, usage: 2, unavailable: 3 } as const;

/** A command's `--help` in a locale (the options shared by every command in that locale; a command's own text as written). */
export function commandHelp(c: Command, locale: Locale = 'en'): string {
  const opts = Object.entries({
    ...c.options,
    lang: { type: 'string', description: t(locale, 'option.lang'), value: 'zh-CN|en' } as OptionSpec,
    help: { type: 'boolean', short: 'h', description: t(locale, 'option.help') } as OptionSpec,
  });
  const lines = opts.map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` <${o.value ?? 'value'}>` : ''}`;
    return `  ${flag.padEnd(30)} ${o.description}`;
  });
  return `${t(locale, 'help.usage')} certflow ${c.usage}\n\n${c.description.trim()}\n\n${t(locale, 'help.options')}\n${lines.join('\n')}\n`;
}
