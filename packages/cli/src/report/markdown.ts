import type { CitationView, Report, StreamReport } from './model.js';
import { chinaTime } from './chinaTime.js';

// Table cells: pipes and newlines would break the row.
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function integrityLine(s: StreamReport): string {
  const i = s.integrity;
  if (i.status === 'verified') return 'Integrity: ✔ hash chain verified';
  if (i.status === 'not-checked') return `Integrity: not checked (${i.reason})`;
  return `Integrity: ✖ broken at version ${i.problem.version ?? '?'} — ${i.problem.kind}: ${i.problem.detail}`;
}

const STATUS = { met: '✔ met', missed: '✖ missed', open: '○ open' } as const;

const quote = (c: CitationView) => `${c.document} ${c.clause}：「${c.text}」`;

function streamSection(s: StreamReport): string {
  const out: string[] = [`## ${s.streamId}`, '', integrityLine(s), '', '### Timeline', ''];
  out.push('| v | at (China time) | event | actor | role | rule pack | details |', '|---|---|---|---|---|---|---|');
  for (const t of s.timeline) {
    out.push(`| ${t.version} | ${cell(chinaTime(t.at))} | ${cell(t.type)} | ${cell(t.actor.id)} | ${cell(t.actor.role)} | ${cell(t.rulePack ?? '')} | ${cell(t.details)} |`);
  }
  if (s.decisions.length > 0) {
    out.push('', '### Decisions');
    for (const d of s.decisions) {
      out.push('', `**v${d.version} ${d.eventType}** (${chinaTime(d.at)}) — ${d.outcome ?? 'no outcome'}${d.rulePack ? `, under ${d.rulePack}` : ''}`, '');
      for (const f of d.findings) {
        out.push(`- \`${f.ruleId}\` **${f.outcome}**${f.message ? `: ${f.message}` : f.description ? `: ${f.description}` : ''}`);
        if (f.cite) out.push(`  > ${quote(f.cite).replace(/\r?\n/g, ' ')}`);
      }
    }
  }
  if (s.deadlines.length > 0) {
    out.push('', '### Deadlines', '', '| deadline | status | due | what happened | cite |', '|---|---|---|---|---|');
    for (const d of s.deadlines) {
      out.push(
        `| ${cell(d.id)} | ${STATUS[d.status]} | ${cell(d.due ?? '')} | ${cell(d.detail ?? `v${d.version} ${d.eventType}`)} | ${cell(d.cite ? quote(d.cite) : '')} |`,
      );
    }
  }
  return out.join('\n');
}

/** The report as Markdown: a summary, then one section per stream. */
export function renderMarkdown(r: Report): string {
  const s = r.summary;
  const head = [
    `# ${r.title}`,
    '',
    `Source: \`${r.source}\``,
    '',
    `${s.streams} streams · ${s.events} events · ${s.decisions} decisions · deadlines ${s.deadlinesMet} met, ${s.deadlinesMissed} missed, ${s.deadlinesOpen} open · ${s.brokenStreams} broken streams`,
    '',
    'ID numbers (身份证号) are masked.',
  ].join('\n');
  const heads = [
    '## Stream heads',
    '',
    'Keep this table: `certflow verify <source> --heads <file>` (with the heads of `report --format json` or `verify --json`) names every stream shortened, removed or rewritten since.',
    '',
    '| stream | last version | hash |',
    '|---|---|---|',
    ...r.heads.map((h) => `| ${cell(h.streamId)} | ${h.version} | \`${h.hash}\` |`),
    '',
    '## Rule packs used',
    '',
    '| pack | version | content hashes recorded |',
    '|---|---|---|',
    ...r.packs.map((p) => `| ${cell(p.id)} | ${cell(p.version)} | ${p.hashes.map((h) => `\`${cell(h)}\``).join(', ')} |`),
  ].join('\n');
  return `${[head, heads, ...r.streams.map(streamSection)].join('\n\n')}\n`;
}
