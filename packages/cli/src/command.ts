import type { Locale, RulePack } from '@certflow/core';
import { t } from './locales/index.js';
import type { CliIo } from './io.js';

/**
 * One option of a command. `description` is its English help; `descriptionZh`
 * the same in Chinese (zh-CN), printed by `--help` under `--lang zh-CN`.
 */
export type OptionSpec = {
  type: 'string' | 'boolean';
  short?: string;
  description: string;
  descriptionZh?: string;
  value?: string;
  multiple?: boolean;
};

/** One `certflow <verb>`: its help and its run function. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Paragraphs printed under the usage line by `--help`. */
  description: string;
  /** `description` in Chinese (zh-CN), printed by `--help` under `--lang zh-CN`; the English one when absent. */
  descriptionZh?: string;
  options: Record<string, OptionSpec>;
  positionals: { names: string[]; min: number };
  /** `locale`: the language of what the command prints (`--lang`, else LC_ALL, LC_MESSAGES, LANG). */
  run(args: {
    values: Record<string, string | boolean | (string | boolean)[] | undefined>;
    positionals: string[];
    io: CliIo;
    packs?: RulePack[];
    locale?: Locale;
  }): Promise<number>;
}

/**
 * Exit codes: 0 clean, 1 problems found in the evidence, 2 usage, 3 could not
 * read, connect or write (the tool could not do its work; says nothing about the evidence).
 */
export const EXIT = { ok: 0, problems: 1, usage: 2, unavailable: 3 } as const;

/** A text in a locale: the Chinese one under zh-CN when there is one, else the English. */
const inLocale = (locale: Locale, en: string, zh: string | undefined) =>
  locale === 'zh-CN' && zh !== undefined ? zh : en;

/**
 * A command's `--help` in a locale: its description and its options'
 * descriptions in that locale (`descriptionZh` under zh-CN, the English text
 * when a command has none), the options shared by every command from the CLI's texts.
 */
export function commandHelp(c: Command, locale: Locale = 'en'): string {
  const opts = Object.entries({
    ...c.options,
    lang: { type: 'string', description: t(locale, 'option.lang'), value: 'zh-CN|en' } as OptionSpec,
    help: { type: 'boolean', short: 'h', description: t(locale, 'option.help') } as OptionSpec,
  });
  const lines = opts.map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` <${o.value ?? 'value'}>` : ''}`;
    return `  ${flag.padEnd(30)} ${inLocale(locale, o.description, o.descriptionZh)}`;
  });
  return `${t(locale, 'help.usage')} certflow ${c.usage}\n\n${inLocale(locale, c.description, c.descriptionZh).trim()}\n\n${t(locale, 'help.options')}\n${lines.join('\n')}\n`;
}
