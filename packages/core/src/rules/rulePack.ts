import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ValidationError, type Citation, type ValidationIssue } from '../errors.js';
import { ROLES, type Role } from '../event.js';
import { canonicalJson } from '../hash.js';
import { zodIssues } from '../zodIssues.js';
import { localDateSchema, levelSchema, type ApplicantProfile, type Level } from '../domain/profile.js';
import { ALL_COMMANDS, type CommandType, type MachineName } from '../domain/vocabulary.js';

export type { Citation } from '../errors.js';

export type { LocalDate } from '../domain/calendar.js';
import type { LocalDate } from '../domain/calendar.js';

export type RuleOutcome = 'pass' | 'fail' | 'review' | 'not-applicable';

/** What a rule returns. `path` points into the facts (e.g. ['occupations', 0, 'workstations']). */
export interface RuleResult {
  outcome: RuleOutcome;
  message?: string;
  path?: (string | number)[];
  params?: Record<string, unknown>;
}

/** What a rule may use besides the facts. Never storage, never the clock: `asOf` is given. */
export interface RuleContext {
  /** The China local date the decision is made on. */
  asOf: LocalDate;
  /** The pack being evaluated (e.g. to read its levels or materials). */
  pack: RulePack;
  /**
   * The command whose decision this evaluation is part of. AmendScope
   * re-screens the amended profile with the application rules; a rule that
   * holds only for a first application (e.g. a cap on its occupations) is
   * not applicable then.
   */
  decidedFor: CommandType;
}

/**
 * A rule: one checkable criterion of a notice. `appliesTo` names the command
 * whose decision it takes part in (default `SubmitApplication`, whose facts
 * are the applicant profile).
 */
export interface Rule<F = ApplicantProfile> {
  id: string;
  /** One line, in the notice's language, saying what is checked. */
  description: string;
  cite: Citation;
  appliesTo?: CommandType;
  /** The dates between which this rule is in force (inclusive); outside them it is not-applicable. */
  effective?: { from?: LocalDate; until?: LocalDate };
  /** Set on a rule of an extending pack that replaces an inherited rule: the id it replaces. */
  replaces?: string;
  evaluate(facts: F, ctx: RuleContext): RuleResult;
}

export interface Finding {
  ruleId: string;
  outcome: RuleOutcome;
  message?: string;
  path?: (string | number)[];
  params?: Record<string, unknown>;
  cite: Citation;
  description: string;
}

export interface Decision {
  outcome: 'eligible' | 'ineligible' | 'needs-review';
  findings: Finding[];
  rulePack: { id: string; version: string; hash: string };
  asOf: LocalDate;
}

export interface DocumentSchedule {
  id: string;
  date: LocalDate;
  description: string;
  cite: Citation;
}

export interface PackDocument {
  /** The document number as printed, e.g. 鲁人社字〔2020〕50号. Citations name it in `cite.document`. */
  number: string;
  title: string;
  issuer: string;
  /**
   * The date of issue as the notice prints it: a China local date, or
   * 'YYYY-MM' where the notice leaves the day blank (「2020年1月  日」), or
   * 'YYYY' for a document the sources know only by its number (〔2019〕); never
   * a day or month the sources do not give.
   */
  issued: LocalDate;
  /** File name of the shipped original text, relative to the pack's `source/` folder. */
  source: string;
  schedule?: DocumentSchedule[];
  /**
   * The level of the issuing authority. A pack cites its own notices, and
   * otherwise only documents of `national` level: never another province's
   * notice (a finding of a Fuzhou filing does not quote Sichuan).
   */
  level?: 'national' | 'province' | 'city';
}

export interface Jurisdiction {
  /** Chinese name, e.g. 山东. */
  name: string;
  /** GB/T 2260 code of the division ('000000' for national). */
  code: string;
  level: 'national' | 'province' | 'city';
}

export interface QuotaSpec {
  id: string;
  description: string;
  cite: Citation;
  /** The command at which a place is taken (default CompleteFiling). */
  takenAt?: CommandType;
  /** At most this many organizations per bucket. */
  max: number;
  /** A lower target the authority aims at (informative; not enforceable per application). */
  min?: number;
  /** The buckets an application takes a place in, e.g. one per occupation code or its city. */
  buckets(facts: ApplicantProfile): string[];
}

export interface DeadlineSpec {
  id: string;
  description: string;
  cite: Citation;
  machine: MachineName;
  /**
   * within: `step` is due by the end of addWorkdays(anchor, N);
   * before: `step` must happen on or before addWorkdays(anchor, -N);
   * min-period: `step` may happen on or after addWorkdays(anchor, N).
   */
  kind: 'within' | 'before' | 'min-period';
  workingDays: number;
  /**
   * The anchor: an event of the stream, and optionally a date field of its
   * data (else the event's own date); `orField` is the field taken when
   * `field` is absent (e.g. examEndDate, else examDate). A plan that lacks
   * both is refused: a deadline never vanishes with its anchor.
   */
  from: { event: string; field?: string; orField?: string };
  /** The command the deadline constrains. */
  step: CommandType;
  /**
   * Further commands that answer the same deadline (e.g. a notice of
   * non-acceptance as well as of acceptance): any of them closes it, and each
   * is held to it as `step` is.
   */
  closedBy?: CommandType[];
  /** refuse: the engine refuses a late (or early) step; flag: it records DeadlineMissed. Default: refuse for before/min-period, flag for within. */
  enforcement?: 'refuse' | 'flag';
}

export interface MaterialSpec {
  id: string;
  /** The name as the notice lists it. */
  name: string;
  cite: Citation;
  required: boolean;
}

export interface CertificateNumberSpec {
  cite: Citation;
  /**
   * 2-digit province code in the certificate number (e.g. '37' for Shandong),
   * or 'registered-province': the first two digits of the filed
   * organization's `registeredIn` (for national packs whose organizations
   * file where they are registered).
   */
  provinceCode: string;
  description?: string;
}

/**
 * How long a filing is valid. With `years`, the notice fixes the length and
 * the engine computes `validUntil`. Without it, the notice has a validity but
 * fixes no length (e.g. 「出具备案回执（含备案编号及备案有效期）」): the centre
 * records the receipt's `validUntil` on CompleteFiling, and a filing without
 * it is refused. A pack without `filingValidity` has no validity at all.
 */
export interface FilingValiditySpec {
  years?: number;
  cite: Citation;
}

export interface LevelsSpec {
  allowed: Level[];
  cite: Citation;
}

export interface RulePackDefinition {
  id: string;
  version: string;
  extends?: RulePack;
  title: string;
  documents: PackDocument[];
  jurisdiction: Jurisdiction;
  levels?: LevelsSpec;
  // biome-ignore lint/suspicious/noExplicitAny: each rule takes its command's facts (profile, plan, scope change); any keeps an inline `evaluate`'s parameter open for the author's annotation, as a pack writes it.
  rules: Rule<any>[];
  /**
   * Re-cites inherited rules, by id, to this pack's own notice where it
   * speaks of the same requirement: the rule's logic stays the parent's, its
   * findings quote this pack's clause (never another province's notice).
   */
  citations?: Record<string, Citation>;
  quotas?: QuotaSpec[];
  deadlines?: DeadlineSpec[];
  materials?: MaterialSpec[];
  certificateNumber?: CertificateNumberSpec;
  filingValidity?: FilingValiditySpec;
  /** Narrows the roles allowed per command (never widens beyond the defaults). */
  roles?: Partial<Record<CommandType, Role[]>>;
  /** Commands this pack switches off (e.g. a region without AmendScope). */
  disabledCommands?: CommandType[];
  /** Calendar amendments (regional overrides) passed to the engine's calendar. */
  calendar?: unknown;
  /**
   * SHA-256 of the pack's source files (`src/**` without specs), generated
   * into the pack's `src/digest.ts` by `pnpm snapshots` and held by a drift
   * test. With it the pack's hash is the same from TS source, dist ESM, dist
   * CJS or a minified bundle; without it the hash falls back to the text of
   * the rule functions, which changes with every build tool.
   */
  sourceDigest?: string;
  /**
   * Hashes other builds of this very version recorded in logs (e.g. the
   * function-text hashes of 1.0.0 from before packs carried a source digest),
   * or such lists by version (the pack's `src/released/hashes.ts`; the entry
   * of `version` is taken). Replay accepts a decision recorded under one of
   * them as this version.
   */
  knownHashes?: readonly string[] | Readonly<Record<string, readonly string[]>>;
  /** Earlier released versions kept loadable for replay (made with `releaseOf`); registered with this pack. */
  releases?: RulePack[];
}

/** A defined, validated, flattened pack (inherited parts merged in). */
export interface RulePack
  extends Omit<
    RulePackDefinition,
    'extends' | 'rules' | 'quotas' | 'deadlines' | 'materials' | 'documents' | 'knownHashes' | 'releases'
  > {
  readonly parent?: RulePack;
  readonly documents: PackDocument[];
  readonly rules: Rule<unknown>[];
  readonly quotas: QuotaSpec[];
  readonly deadlines: DeadlineSpec[];
  readonly materials: MaterialSpec[];
  /**
   * SHA-256 over the pack's description (data, citations, parent's hash) and
   * its `sourceDigest` — or, for a pack without one, the text of its rule functions.
   */
  readonly hash: string;
  /** Hashes other builds of this version recorded (never empty: the first is `hash`). */
  readonly knownHashes: readonly string[];
  /** Earlier released versions of this pack, newest first. */
  readonly releases: readonly RulePack[];
}

const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', 'a function');
const citeSchema = z.object({
  document: z.string().min(1, 'the document number'),
  clause: z.string().min(1, 'the clause, e.g. 一（六）'),
  text: z.string().min(2, 'the original words of the clause'),
});
const idSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a kebab-case id');
const commandSchema = z.enum(ALL_COMMANDS as [CommandType, ...CommandType[]]);

const definitionSchema = z.object({
  id: idSchema,
  version: z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, 'a semantic version, e.g. 1.0.0'),
  extends: z
    .custom<RulePack>((v) => !!v && typeof v === 'object' && 'hash' in (v as object), 'a pack made by defineRulePack')
    .optional(),
  title: z.string().min(1),
  documents: z.array(
    z.object({
      number: z.string().min(1),
      title: z.string().min(1),
      issuer: z.string().min(1),
      issued: z.union([
        localDateSchema,
        z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM where the notice gives no day'),
        z.string().regex(/^\d{4}$/, 'YYYY where the sources give the year only'),
      ]),
      source: z.string().min(1),
      schedule: z
        .array(z.object({ id: idSchema, date: localDateSchema, description: z.string().min(1), cite: citeSchema }))
        .optional(),
      level: z.enum(['national', 'province', 'city']).optional(),
    }),
  ),
  jurisdiction: z.object({
    name: z.string().min(1),
    code: z.string().regex(/^\d{6}$/),
    level: z.enum(['national', 'province', 'city']),
  }),
  levels: z.object({ allowed: z.array(levelSchema).min(1), cite: citeSchema }).optional(),
  rules: z.array(
    z.object({
      id: idSchema,
      description: z.string().min(1),
      cite: citeSchema,
      appliesTo: commandSchema.optional(),
      effective: z.object({ from: localDateSchema.optional(), until: localDateSchema.optional() }).optional(),
      replaces: idSchema.optional(),
      evaluate: fn,
    }),
  ),
  quotas: z
    .array(
      z.object({
        id: idSchema,
        description: z.string().min(1),
        cite: citeSchema,
        takenAt: commandSchema.optional(),
        max: z.number().int().min(1),
        min: z.number().int().min(0).optional(),
        buckets: fn,
      }),
    )
    .optional(),
  deadlines: z
    .array(
      z.object({
        id: idSchema,
        description: z.string().min(1),
        cite: citeSchema,
        machine: z.enum(['application', 'exam', 'certificate']),
        kind: z.enum(['within', 'before', 'min-period']),
        workingDays: z.number().int().min(1),
        from: z.object({
          event: z.string().min(1),
          field: z.string().min(1).optional(),
          orField: z.string().min(1).optional(),
        }),
        step: commandSchema,
        closedBy: z.array(commandSchema).min(1).optional(),
        enforcement: z.enum(['refuse', 'flag']).optional(),
      }),
    )
    .optional(),
  materials: z
    .array(z.object({ id: idSchema, name: z.string().min(1), cite: citeSchema, required: z.boolean() }))
    .optional(),
  certificateNumber: z
    .object({
      cite: citeSchema,
      provinceCode: z.union([z.string().regex(/^\d{2}$/, 'a 2-digit province code'), z.literal('registered-province')]),
      description: z.string().optional(),
    })
    .optional(),
  filingValidity: z.object({ years: z.number().int().min(1).optional(), cite: citeSchema }).optional(),
  citations: z.record(idSchema, citeSchema).optional(),
  roles: z.partialRecord(commandSchema, z.array(z.enum(ROLES))).optional(),
  disabledCommands: z.array(commandSchema).optional(),
  calendar: z.unknown().optional(),
  sourceDigest: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest (generated by `pnpm snapshots`)')
    .optional(),
  knownHashes: z
    .union([
      z.array(z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest')),
      z.record(z.string(), z.array(z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest'))),
    ])
    .optional(),
  releases: z
    .array(
      z.custom<RulePack>(
        (v) => !!v && typeof v === 'object' && 'hash' in (v as object),
        'a pack made by defineRulePack or releaseOf',
      ),
    )
    .optional(),
});

/** Merges a child's list over its parent's by id: a clash must say `replaces`. */
function mergeById<T extends { id: string; replaces?: string }>(
  kind: string,
  inherited: readonly T[],
  own: readonly T[],
  issues: ValidationIssue[],
): T[] {
  const out = [...inherited];
  own.forEach((item, i) => {
    const target = item.replaces ?? item.id;
    const at = out.findIndex((x) => x.id === target);
    if (item.replaces !== undefined && at === -1) {
      issues.push({
        path: [kind, i, 'replaces'],
        code: 'unknown_replaced',
        message: `replaces ${item.replaces}, which the pack does not inherit`,
      });
      return;
    }
    if (item.replaces === undefined && at !== -1) {
      issues.push({
        path: [kind, i, 'id'],
        code: 'implicit_override',
        message: `${item.id} is inherited; an override must say replaces: '${item.id}'`,
      });
      return;
    }
    if (item.replaces === undefined && out.some((x) => x.id === item.id)) {
      issues.push({ path: [kind, i, 'id'], code: 'duplicate_id', message: `${item.id} is defined twice` });
      return;
    }
    if (at === -1) out.push(item);
    else out[at] = item;
  });
  const seen = new Set<string>();
  out.forEach((x, i) => {
    if (seen.has(x.id))
      issues.push({ path: [kind, i, 'id'], code: 'duplicate_id', message: `${x.id} is defined twice` });
    seen.add(x.id);
  });
  return out;
}

type Described = Omit<RulePack, 'hash' | 'knownHashes' | 'releases'>;

function describePack(p: Described): unknown {
  // With a source digest, the functions are identified by the sources they
  // were built from, not by the text a build tool happened to emit.
  const digested = typeof p.sourceDigest === 'string';
  return {
    ...(digested ? { sourceDigest: p.sourceDigest } : {}),
    id: p.id,
    version: p.version,
    parent: p.parent ? { id: p.parent.id, version: p.parent.version, hash: p.parent.hash } : null,
    title: p.title,
    documents: p.documents,
    jurisdiction: p.jurisdiction,
    levels: p.levels ?? null,
    rules: p.rules.map(({ evaluate, ...r }) => (digested ? r : { ...r, evaluate: evaluate.toString() })),
    quotas: p.quotas.map(({ buckets, ...q }) => (digested ? q : { ...q, buckets: buckets.toString() })),
    deadlines: p.deadlines,
    materials: p.materials,
    certificateNumber: p.certificateNumber ?? null,
    filingValidity: p.filingValidity ?? null,
    roles: p.roles ?? null,
    disabledCommands: p.disabledCommands ?? null,
    calendar: p.calendar ?? null,
  };
}

/**
 * Defines a rule pack, validated at definition time: a malformed pack throws
 * ValidationError listing every field path, so a mistake shows up when the
 * pack is imported, not in the middle of a decision. With `extends`, the
 * parent's rules, quotas, deadlines and materials are inherited; an override
 * must name what it replaces (`replaces: '<id>'`).
 */
export function defineRulePack(definition: RulePackDefinition): RulePack {
  const parsed = definitionSchema.safeParse(definition);
  if (!parsed.success) throw new ValidationError(zodIssues(parsed.error), `rule pack ${String(definition?.id)}`);
  const parent = definition.extends;
  const issues: ValidationIssue[] = [];
  const rules = mergeById('rules', parent?.rules ?? [], definition.rules, issues);
  for (const [id, cite] of Object.entries(definition.citations ?? {})) {
    const at = rules.findIndex((r) => r.id === id);
    if (at === -1 || !parent?.rules.includes(rules[at]!)) {
      issues.push({
        path: ['citations', id],
        code: 'not_inherited',
        message:
          at === -1 ? `${id} is not a rule of the pack` : `${id} is the pack's own rule: cite in the rule itself`,
      });
      continue;
    }
    rules[at] = { ...rules[at]!, cite };
  }
  const quotas = mergeById('quotas', parent?.quotas ?? [], definition.quotas ?? [], issues);
  const deadlines = mergeById('deadlines', parent?.deadlines ?? [], definition.deadlines ?? [], issues);
  const materials = mergeById('materials', parent?.materials ?? [], definition.materials ?? [], issues);
  if (issues.length > 0) throw new ValidationError(issues, `rule pack ${definition.id}`);

  const { extends: _parent, knownHashes: _known, releases: _releases, citations: _citations, ...own } = definition;
  const flat: Described = {
    ...(parent ?? {}),
    ...own,
    // A child's document with a parent's number replaces it in place (e.g. to add the schedule the child encodes).
    documents: [
      ...(parent?.documents ?? []).map((p) => definition.documents.find((d) => d.number === p.number) ?? p),
      ...definition.documents.filter((d) => !parent?.documents.some((p) => p.number === d.number)),
    ],
    levels: definition.levels ?? parent?.levels,
    certificateNumber: definition.certificateNumber ?? parent?.certificateNumber,
    filingValidity: definition.filingValidity ?? parent?.filingValidity,
    roles: { ...(parent?.roles ?? {}), ...(definition.roles ?? {}) },
    disabledCommands: [...new Set([...(parent?.disabledCommands ?? []), ...(definition.disabledCommands ?? [])])],
    rules,
    quotas,
    deadlines,
    materials,
    ...(parent ? { parent } : {}),
  } as Described;
  for (const k of ['hash', 'knownHashes', 'releases', 'sourceDigest'] as const)
    delete (flat as Record<string, unknown>)[k];
  if (definition.sourceDigest !== undefined) (flat as { sourceDigest?: string }).sourceDigest = definition.sourceDigest;
  const hash = createHash('sha256')
    .update(canonicalJson(describePack(flat)), 'utf8')
    .digest('hex');
  const releases = [...(definition.releases ?? [])].sort((a, b) => compareVersions(b.version, a.version));
  const clash = releases.find(
    (r, i) =>
      r.id !== definition.id ||
      r.version === definition.version ||
      releases.some((o, j) => j !== i && o.version === r.version),
  );
  if (clash) {
    throw new ValidationError(
      [
        {
          path: ['releases', releases.indexOf(clash), 'version'],
          code: 'bad_release',
          message: `a release of ${definition.id} other than ${definition.version}, each version once; got ${clash.id}@${clash.version}`,
        },
      ],
      `rule pack ${definition.id}`,
    );
  }
  const listed =
    definition.knownHashes === undefined
      ? []
      : Array.isArray(definition.knownHashes)
        ? definition.knownHashes
        : ((definition.knownHashes as Record<string, readonly string[]>)[definition.version] ?? []);
  const knownHashes = [hash, ...listed.filter((h) => h !== hash)];
  return Object.freeze({
    ...flat,
    hash,
    knownHashes: Object.freeze(knownHashes),
    releases: Object.freeze(releases),
  }) as RulePack;
}

/** Orders semantic versions numerically (1.10.0 after 1.9.0; a pre-release before its release). */
export function compareVersions(a: string, b: string): number {
  const [ma, pa] = a.split('-', 2) as [string, string | undefined];
  const [mb, pb] = b.split('-', 2) as [string, string | undefined];
  const na = ma.split('.').map(Number);
  const nb = mb.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((na[i] ?? 0) !== (nb[i] ?? 0)) return (na[i] ?? 0) - (nb[i] ?? 0);
  if (pa === pb) return 0;
  if (pa === undefined) return 1;
  if (pb === undefined) return -1;
  return pa < pb ? -1 : 1;
}

/** What a released version changes back from the current definition (see `releaseOf`). */
export interface ReleasePatch extends Partial<Omit<RulePackDefinition, 'id' | 'releases' | 'rules' | 'version'>> {
  version: string;
  /**
   * The implementations this version had of exactly the rules the newer
   * versions changed: a rule here replaces the current rule of the same id;
   * a rule the current definition no longer has is added back.
   */
  // biome-ignore lint/suspicious/noExplicitAny: each rule takes its command's facts (profile, plan, scope change); any keeps an inline `evaluate`'s parameter open for the author's annotation, as a pack writes it.
  rules?: Rule<any>[];
  /** Ids of rules added after this version (the released version does not have them). */
  withoutRules?: string[];
}

/**
 * A released, earlier version of a pack, made from the current definition
 * with the old implementations of exactly the rules that changed since (and
 * whatever else the patch gives back, e.g. the released parent in `extends`,
 * the `sourceDigest` and `knownHashes` that version had). Kept so that a log
 * written under it still replays; listed in the current pack's `releases`.
 */
export function releaseOf(current: RulePackDefinition, patch: ReleasePatch): RulePack {
  const { rules: oldRules = [], withoutRules = [], ...rest } = patch;
  const dropped = new Set(withoutRules);
  const rules = current.rules.filter((r) => !dropped.has(r.id)).map((r) => oldRules.find((o) => o.id === r.id) ?? r);
  for (const o of oldRules) if (!rules.includes(o)) rules.push(o);
  const { releases: _r, knownHashes: known, ...base } = current;
  // Known hashes by version (the pack's src/released/hashes.ts) hold for the
  // release too; a plain list is the current version's own. Without its own
  // digest a release keeps the current one: its sources are the current sources.
  const byVersion = known !== undefined && !Array.isArray(known) ? { knownHashes: known } : {};
  return defineRulePack({ ...base, ...byVersion, ...rest, rules });
}

/** The rules of a pack that take part in a command's decision. */
export function rulesFor(pack: RulePack, command: CommandType = 'SubmitApplication'): Rule<unknown>[] {
  return pack.rules.filter((r) => (r.appliesTo ?? 'SubmitApplication') === command);
}

/**
 * Evaluates every rule of the pack for a command — no short-circuit, so an
 * applicant sees every failed clause at once. A rule that throws is a bug in
 * the pack; it is reported as a `review` finding, not swallowed silently.
 */
export function evaluateRules<F>(
  pack: RulePack,
  facts: F,
  options: { asOf: LocalDate; command?: CommandType; decidedFor?: CommandType },
): Decision {
  const ctx: RuleContext = {
    asOf: options.asOf,
    pack,
    decidedFor: options.decidedFor ?? options.command ?? 'SubmitApplication',
  };
  const findings: Finding[] = rulesFor(pack, options.command).map((rule) => {
    const base = { ruleId: rule.id, cite: rule.cite, description: rule.description };
    const { from, until } = rule.effective ?? {};
    if ((from && options.asOf < from) || (until && options.asOf > until)) {
      return { ...base, outcome: 'not-applicable', message: `in force ${from ?? '…'} to ${until ?? '…'}` };
    }
    try {
      const r = rule.evaluate(facts, ctx);
      return { ...base, ...r };
    } catch (err) {
      return { ...base, outcome: 'review', message: `rule raised an error: ${(err as Error)?.message ?? String(err)}` };
    }
  });
  const outcome = findings.some((f) => f.outcome === 'fail')
    ? 'ineligible'
    : findings.some((f) => f.outcome === 'review')
      ? 'needs-review'
      : 'eligible';
  return { outcome, findings, rulePack: { id: pack.id, version: pack.version, hash: pack.hash }, asOf: options.asOf };
}

/** Convenience for rule authors: build results without typing the object by hand. */
export const pass = (message?: string): RuleResult => (message ? { outcome: 'pass', message } : { outcome: 'pass' });
export const fail = (message: string, path?: (string | number)[], params?: Record<string, unknown>): RuleResult => ({
  outcome: 'fail',
  message,
  ...(path ? { path } : {}),
  ...(params ? { params } : {}),
});
export const review = (message: string, path?: (string | number)[]): RuleResult => ({
  outcome: 'review',
  message,
  ...(path ? { path } : {}),
});
export const notApplicable = (message?: string): RuleResult => ({
  outcome: 'not-applicable',
  ...(message ? { message } : {}),
});
