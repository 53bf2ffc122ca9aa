import { LEVEL_NAMES } from '../domain/profile.js';
import type { Citation } from '../errors.js';
import type { RulePack } from './rulePack.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const quote = (c: Citation) => `${cell(c.document)} ${cell(c.clause)}「${cell(c.text)}」`;

/**
 * A readable, deterministic description of a pack — rules with clause and
 * quote, deadlines, quotas, materials — written to the pack's `snapshot.md`.
 * It proves nothing changed unnoticed; explicit cases prove it is right.
 */
export function renderPackSnapshot(pack: RulePack): string {
  const out: string[] = [];
  out.push(`# ${pack.title}`, '');
  out.push(`Generated from the pack definition by \`pnpm snapshots\`; do not edit by hand.`, '');
  out.push(
    `- id: \`${pack.id}\`  version: \`${pack.version}\`${pack.parent ? `  extends: \`${pack.parent.id}@${pack.parent.version}\`` : ''}`,
  );
  out.push(
    pack.sourceDigest
      ? `- hash: \`${pack.hash}\` (over the data and the source digest \`${pack.sourceDigest}\`)`
      : `- hash: \`${pack.hash}\` (over the data and the text of the rule functions: no source digest, so it differs per build)`,
  );
  const otherBuilds = (pack.knownHashes ?? []).filter((h) => h !== pack.hash);
  if (otherBuilds.length > 0)
    out.push(`- other known builds of ${pack.version}: ${otherBuilds.map((h) => `\`${h.slice(0, 12)}…\``).join(', ')}`);
  if ((pack.releases ?? []).length > 0)
    out.push(
      `- released versions kept for replay: ${pack.releases.map((r) => `${r.version} (\`${r.hash.slice(0, 12)}…\`)`).join(', ')}`,
    );
  out.push(`- jurisdiction: ${pack.jurisdiction.name} (${pack.jurisdiction.code}, ${pack.jurisdiction.level})`);
  if (pack.levels)
    out.push(
      `- levels: ${pack.levels.allowed.map((l) => `${l}（${LEVEL_NAMES[l]}）`).join('、')} — ${quote(pack.levels.cite)}`,
    );
  if (pack.filingValidity) {
    const length =
      pack.filingValidity.years !== undefined
        ? `for ${pack.filingValidity.years} years`
        : 'until the date the centre records on the filing receipt (CompleteFiling validUntil)';
    out.push(`- filing valid ${length} — ${quote(pack.filingValidity.cite)}`);
  }
  if (pack.certificateNumber) {
    const code = pack.certificateNumber.provinceCode;
    const shown =
      code === 'registered-province' ? 'the province the organization is registered in' : `province code \`${code}\``;
    out.push(`- certificate numbers (national 22-character rule): ${shown} — ${quote(pack.certificateNumber.cite)}`);
  }
  if (pack.disabledCommands && pack.disabledCommands.length > 0)
    out.push(`- commands switched off: ${pack.disabledCommands.join(', ')}`);
  const roles = Object.entries(pack.roles ?? {});
  if (roles.length > 0)
    out.push(`- roles narrowed: ${roles.map(([c, r]) => `${c} → ${(r ?? []).join('/')}`).join('; ')}`);
  out.push('');

  out.push('## Documents', '', '| number | title | issuer | issued | source |', '|---|---|---|---|---|');
  for (const d of pack.documents)
    out.push(`| ${cell(d.number)} | ${cell(d.title)} | ${cell(d.issuer)} | ${d.issued} | \`source/${d.source}\` |`);
  const schedule = pack.documents.flatMap((d) => d.schedule ?? []);
  if (schedule.length > 0) {
    out.push('', '### Schedule', '', '| id | date | what | cited |', '|---|---|---|---|');
    for (const s of schedule) out.push(`| \`${s.id}\` | ${s.date} | ${cell(s.description)} | ${quote(s.cite)} |`);
  }

  out.push('', '## Rules', '', '| rule | command | description | cited | in force |', '|---|---|---|---|---|');
  for (const r of pack.rules) {
    const inForce = r.effective ? `${r.effective.from ?? '…'} – ${r.effective.until ?? '…'}` : 'always';
    out.push(
      `| \`${r.id}\` | ${r.appliesTo ?? 'SubmitApplication'} | ${cell(r.description)} | ${quote(r.cite)} | ${inForce} |`,
    );
  }

  if (pack.deadlines.length > 0) {
    out.push(
      '',
      '## Deadlines (working days)',
      '',
      '| deadline | machine | kind | days | from | step | enforcement | cited |',
      '|---|---|---|---|---|---|---|---|',
    );
    for (const d of pack.deadlines) {
      const enforcement = d.enforcement ?? (d.kind === 'within' ? 'flag' : 'refuse');
      out.push(
        `| \`${d.id}\` | ${d.machine} | ${d.kind} | ${d.workingDays} | ${d.from.event}${d.from.field ? `.${d.from.field}` : ''}${d.from.orField ? ` (else .${d.from.orField})` : ''} | ${[d.step, ...(d.closedBy ?? [])].join(' / ')} | ${enforcement} | ${quote(d.cite)} |`,
      );
    }
  }
  if (pack.quotas.length > 0) {
    out.push(
      '',
      '## Quotas',
      '',
      '| quota | max | min | taken at | description | cited |',
      '|---|---|---|---|---|---|',
    );
    for (const q of pack.quotas)
      out.push(
        `| \`${q.id}\` | ${q.max} | ${q.min ?? ''} | ${q.takenAt ?? 'CompleteFiling'} | ${cell(q.description)} | ${quote(q.cite)} |`,
      );
  }
  if (pack.materials.length > 0) {
    out.push('', '## Materials', '', '| id | name | required | cited |', '|---|---|---|---|');
    for (const m of pack.materials)
      out.push(`| \`${m.id}\` | ${cell(m.name)} | ${m.required ? 'yes' : 'no'} | ${quote(m.cite)} |`);
  }
  out.push('');
  return out.join('\n');
}
