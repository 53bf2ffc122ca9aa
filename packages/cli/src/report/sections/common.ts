import { chinaTime } from '../chinaTime.js';
import { fieldLabel, fieldValue, shownFields, type DetailField } from '../details.js';
import type { MachineName } from '@certflow/core';
import type { Labels } from '../labels.js';
import type { CitationView, DeadlineView, OrganizationReport, StreamReport } from '../model.js';

/** The machine a stream's state belongs to (application, exam, certificate), from its id; undefined for bookkeeping streams. */
const machineOf = (streamId: string): MachineName | undefined => {
  const kind = streamId.slice(0, streamId.indexOf('-'));
  return kind === 'application' || kind === 'exam' || kind === 'certificate' ? kind : undefined;
};

const NEEDS_ESCAPE = /[&<>"']/;
const ESCAPED = /[&<>"']/g;
const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' } as const;

/** HTML-escapes text. */
export const esc = (s: string) =>
  NEEDS_ESCAPE.test(s) ? s.replace(ESCAPED, (c) => ESCAPES[c as keyof typeof ESCAPES]) : s;

/** A Markdown table cell: no pipes or newlines break the row. */
export const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export { chinaTime };

/** A date or instant that must not wrap across lines. */
export const nowrap = (s: string) => `<span class="date">${esc(s)}</span>`;

export const STATUS_CLASS = { met: 'ok', missed: 'bad', open: 'muted' } as const;
const STATUS_MARK = { met: '✔', missed: '✖', open: '○' } as const;

/** A deadline status in words, with its mark. */
export const statusText = (s: DeadlineView['status'], l: Labels) => `${STATUS_MARK[s]} ${l.ui[s]}`;

/** A quoted clause: the original text, then document and clause. */
export const quoteHtml = (c: CitationView) =>
  `<blockquote lang="zh-CN">「${esc(c.text)}」<cite>${esc(c.document)} ${esc(c.clause)}</cite></blockquote>`;
export const quoteMd = (c: CitationView) => `> ${c.document} ${c.clause}：「${c.text}」`;

/** An organization as a person names it: its name, with the id the events use. */
export const orgTitle = (o: Pick<OrganizationReport, 'id' | 'name'>, l: Labels) =>
  o.id ? (o.name ? `${o.name}（${o.id}）` : o.id) : l.ui.noOrganization;

/** The labelled fields of an event. */
export function fieldsHtml(fields: DetailField[], l: Labels): string {
  if (fields.length === 0) return '';
  const { shown, more } = shownFields(fields);
  const rows = shown
    .map((f) => `<dt>${esc(fieldLabel(f.key, l))}</dt><dd>${esc(fieldValue(f.value, l))}</dd>`)
    .join('');
  return `<dl class="fields">${rows}${more ? `<dt class="muted">…</dt><dd class="muted">${l.ui.more} ${more}</dd>` : ''}</dl>`;
}
export function fieldsMd(fields: DetailField[], l: Labels): string {
  const { shown, more } = shownFields(fields);
  return [
    ...shown.map((f) => `${fieldLabel(f.key, l)}: ${fieldValue(f.value, l)}`),
    ...(more ? [`… ${l.ui.more} ${more}`] : []),
  ].join('; ');
}

export function integrityHtml(s: StreamReport, l: Labels): string {
  const i = s.integrity;
  if (i.status === 'verified') return `<p class="ok">${l.ui.integrityOk}</p>`;
  if (i.status === 'not-checked') return `<p class="muted">${l.ui.integrityNotChecked}: ${esc(i.reason)}</p>`;
  return `<p class="bad">${l.ui.brokenAt} ${i.problem.version ?? '?'}: ${esc(i.problem.kind)} — ${esc(i.problem.detail)}</p>`;
}
export function integrityMd(s: StreamReport, l: Labels): string {
  const i = s.integrity;
  if (i.status === 'verified') return l.ui.integrityOk;
  if (i.status === 'not-checked') return `${l.ui.integrityNotChecked}: ${i.reason}`;
  return `${l.ui.brokenAt} ${i.problem.version ?? '?'}: ${i.problem.kind} — ${i.problem.detail}`;
}

const deadlineDetail = (d: DeadlineView) => d.detail ?? `v${d.version} ${d.eventType}`;

/** A stream in full: integrity, timeline, decisions with their clauses, deadlines. */
export function streamHtml(s: StreamReport, l: Labels, heading: string, level = 4): string {
  const rows = s.timeline
    .map(
      (t) =>
        `<tr><td>${t.version}</td><td>${nowrap(chinaTime(t.at))}</td><td>${esc(l.event(t.type))}<br><code class="muted">${esc(t.type)}</code></td><td>${esc(t.actor.id)}<br><span class="muted">${esc(l.role(t.actor.role))}</span></td><td>${esc(t.rulePack ?? '')}</td><td class="details">${fieldsHtml(t.fields, l)}</td></tr>`,
    )
    .join('');
  const parts = [
    `<section class="stream" id="${esc(s.streamId)}"><h${level}>${heading} <code>${esc(s.streamId)}</code>${s.state ? ` <span class="state">${esc(l.state(s.state, machineOf(s.streamId)))}</span>` : ''}</h${level}>`,
    integrityHtml(s, l),
    `<table class="timeline"><caption>${l.ui.timeline}</caption><thead><tr><th>v</th><th>${l.ui.at}</th><th>${l.ui.event}</th><th>${l.ui.actor}</th><th>${l.ui.rulePack}</th><th>${l.ui.details}</th></tr></thead><tbody>${rows}</tbody></table>`,
  ];
  for (const d of s.decisions) {
    parts.push(
      `<div class="decision"><p><strong>${l.ui.decisions}: v${d.version} ${esc(l.event(d.eventType))}</strong> ${nowrap(chinaTime(d.at))} — <span class="outcome">${esc(d.outcome ? l.outcome(d.outcome) : l.ui.noOutcome)}</span>${d.rulePack ? ` ${l.ui.under} <code>${esc(d.rulePack)}</code>` : ''}</p>`,
    );
    for (const f of d.findings) {
      const note = f.message ?? f.description;
      parts.push(
        `<div class="finding"><code>${esc(f.ruleId)}</code> <span class="outcome ${f.outcome === 'fail' ? 'bad' : ''}">${esc(l.outcome(f.outcome))}</span>${note ? `: ${esc(note)}` : ''}${f.cite ? quoteHtml(f.cite) : ''}</div>`,
      );
    }
    parts.push('</div>');
  }
  if (s.deadlines.length > 0) {
    const drows = s.deadlines
      .map(
        (d) =>
          `<tr><td><code>${esc(d.id)}</code></td><td class="${STATUS_CLASS[d.status]}">${statusText(d.status, l)}</td><td>${d.due ? nowrap(d.due) : ''}${d.provisional ? ` <span class="muted">(${l.ui.provisional})</span>` : ''}</td><td>${esc(deadlineDetail(d))}</td><td>${d.cite ? quoteHtml(d.cite) : ''}</td></tr>`,
      )
      .join('');
    parts.push(
      `<table class="deadlines"><caption>${l.ui.deadlines}</caption><thead><tr><th>${l.ui.deadlines}</th><th>${l.ui.status}</th><th>${l.ui.due}</th><th>${l.ui.whatHappened}</th><th>${l.ui.cite}</th></tr></thead><tbody>${drows}</tbody></table>`,
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}

export function streamMd(s: StreamReport, l: Labels, heading: string, level = 4): string {
  const h = '#'.repeat(level);
  const lines = [
    `${h} ${heading} ${s.streamId}${s.state ? ` — ${l.state(s.state, machineOf(s.streamId))}` : ''}`,
    '',
    integrityMd(s, l),
    '',
    `| v | ${l.ui.at} | ${l.ui.event} | ${l.ui.actor} | ${l.ui.role} | ${l.ui.rulePack} | ${l.ui.details} |`,
    '|---|---|---|---|---|---|---|',
    ...s.timeline.map(
      (t) =>
        `| ${t.version} | ${chinaTime(t.at)} | ${cell(l.event(t.type))} | ${cell(t.actor.id)} | ${cell(l.role(t.actor.role))} | ${cell(t.rulePack ?? '')} | ${cell(fieldsMd(t.fields, l))} |`,
    ),
  ];
  for (const d of s.decisions) {
    lines.push(
      '',
      `**${l.ui.decisions}: v${d.version} ${l.event(d.eventType)}** (${chinaTime(d.at)}) — ${d.outcome ? l.outcome(d.outcome) : l.ui.noOutcome}${d.rulePack ? `, ${l.ui.under} ${d.rulePack}` : ''}`,
      '',
    );
    for (const f of d.findings) {
      const note = f.message ?? f.description;
      lines.push(`- \`${f.ruleId}\` ${l.outcome(f.outcome)}${note ? `: ${note}` : ''}`);
      if (f.cite) lines.push(`  ${quoteMd(f.cite)}`);
    }
  }
  if (s.deadlines.length > 0) {
    lines.push(
      '',
      `| ${l.ui.deadlines} | ${l.ui.status} | ${l.ui.due} | ${l.ui.whatHappened} | ${l.ui.cite} |`,
      '|---|---|---|---|---|',
    );
    for (const d of s.deadlines) {
      lines.push(
        `| ${cell(d.id)} | ${statusText(d.status, l)} | ${d.due ?? ''} | ${cell(deadlineDetail(d))} | ${d.cite ? cell(`${d.cite.document} ${d.cite.clause}：「${d.cite.text}」`) : ''} |`,
      );
    }
  }
  return lines.join('\n');
}
