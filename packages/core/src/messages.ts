import { coreCatalogue } from './locales/index.js';

/**
 * Messages are produced from an error's data (its code and typed params) in a
 * locale, never stored in the error. Each package keeps one file per locale
 * (`src/locales/en.ts`, `src/locales/zh-CN.ts`) and its errors carry the
 * package's catalogue, so nothing is registered globally on import and a
 * host can format any certflow error with `formatError(err, locale)`.
 */
export type Locale = 'en' | 'zh-CN';

/** Every locale certflow writes its messages in, in the order hosts list them. */
export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

/** True for a locale certflow writes messages in. */
export function isLocale(x: unknown): x is Locale {
  return x === 'en' || x === 'zh-CN';
}

/**
 * The locale a POSIX environment asks for: the first of `LC_ALL`,
 * `LC_MESSAGES`, `LANG` that is set and not empty; `zh*` (zh_CN.UTF-8,
 * zh_TW, zh) gives `zh-CN`, anything else (or nothing) `en`.
 */
export function localeFromEnv(env: Record<string, string | undefined>): Locale {
  const value = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  return value !== undefined && /^zh/i.test(value) ? 'zh-CN' : 'en';
}

/** A message: text from the params of one code. */
export type MessageFn<P> = (params: P) => string;

/**
 * One locale's messages of a package, one per code. `M` maps each code to its
 * params, so the compiler checks that a locale file has every code.
 */
export type MessageTable<M> = { readonly [K in keyof M]: MessageFn<M[K]> };

/** A package's messages in every locale: what its errors carry. */
export type MessageCatalogue<M = Record<string, Record<string, unknown>>> = { readonly [L in Locale]: MessageTable<M> };

/** Any package's catalogue, type-erased: what the base error keeps (each subclass knows its own params). */
export type AnyCatalogue = { readonly [L in Locale]: object };

/** Formats `code` with a catalogue; the English text when the locale lacks it, `code {params}` when both do. */
export function formatWith(
  catalogue: AnyCatalogue | undefined,
  code: string,
  params: object,
  locale: Locale = 'en',
): string {
  const table = (l: Locale) => catalogue?.[l] as Record<string, ((p: object) => string) | undefined> | undefined;
  const fn = table(locale)?.[code] ?? table('en')?.[code] ?? legacy[locale][code] ?? legacy.en[code];
  return fn ? (fn as (p: object) => string)(params) : `${code} ${JSON.stringify(params)}`;
}

const legacy: Record<Locale, Record<string, (p: Record<string, unknown>) => string>> = { en: {}, 'zh-CN': {} };

/**
 * @deprecated Messages now live in each package's `src/locales/<locale>.ts`
 * and travel with its errors (pass the catalogue to the `CertflowError`
 * constructor). Kept so that code written against 1.x still formats; no
 * certflow package calls it.
 */
export function registerMessages(code: string, byLocale: Record<Locale, (p: Record<string, unknown>) => string>): void {
  for (const locale of LOCALES) legacy[locale][code] = byLocale[locale];
}

/**
 * @deprecated Use `formatError(err, locale)` or `err.format(locale)`: a
 * message is found through the error. This formats core's own codes only.
 */
export function formatMessage(code: string, params: Record<string, unknown>, locale: Locale = 'en'): string {
  return formatWith(coreCatalogue, code, params, locale);
}

/** A difference between the locales of a catalogue, as `catalogueProblems` reports it. */
export interface CatalogueProblem {
  code: string;
  /** `missing`: the locale has no message for the code; `placeholders`: the locale's message reads other params than English's. */
  kind: 'missing' | 'placeholders';
  locale: Locale;
  detail: string;
}

/**
 * The params a message reads: the message is called with a recording proxy
 * whose every field is a one-element array `['x']` (it prints, joins and maps
 * like a value), so both branches of a `p.detail ? … : …` see a value.
 */
export function placeholdersOf(fn: (params: never) => string): string[] {
  const read = new Set<string>();
  const sample = Object.assign(['x'], { toString: () => 'x' });
  const proxy = new Proxy(
    {},
    { get: (_t, key) => (typeof key === 'string' ? (read.add(key), sample) : undefined), has: () => true },
  );
  try {
    (fn as (p: unknown) => string)(proxy);
  } catch {
    // A message that cannot run on sample values still reports what it read before.
  }
  return [...read].sort();
}

/**
 * Every code of a catalogue that lacks a message in some locale, or whose
 * message in some locale reads other params than the English one. A parity
 * test of each package expects this to be empty.
 */
export function catalogueProblems(
  catalogue: { readonly [L in Locale]: Readonly<Record<string, unknown>> },
): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  const codes = new Set(LOCALES.flatMap((l) => Object.keys(catalogue[l] ?? {})));
  for (const code of [...codes].sort()) {
    const en = catalogue.en?.[code];
    for (const locale of LOCALES) {
      const fn = catalogue[locale]?.[code];
      if (typeof fn !== 'function') {
        problems.push({ code, kind: 'missing', locale, detail: `${code} has no ${locale} message` });
        continue;
      }
      if (locale === 'en' || typeof en !== 'function') continue;
      const a = placeholdersOf(en as (p: never) => string).join(', ');
      const b = placeholdersOf(fn as (p: never) => string).join(', ');
      if (a !== b)
        problems.push({
          code,
          kind: 'placeholders',
          locale,
          detail: `${code}: en reads {${a}}, ${locale} reads {${b}}`,
        });
    }
  }
  return problems;
}
