import type { ReportSummary } from '../model.js';
import type { Section, ReportDocument } from './section.js';
import { cell, chinaTime, esc, nowrap, quoteHtml, quoteMd } from './common.js';

/**
 * What an auditor reads first: regions, organizations, filings by state,
 * exams, certificates, refusals with their clauses, deadlines met, missed and
 * open as of the report's date, and broken streams.
 */
export const summary: Section<ReportDocument, ReportSummary> = {
  id: 'summary',
  build: (d) => d.summary,
  markdown(s, l) {
    const lines = [
      `## ${l.ui.summary}`,
      '',
      `| | ${l.ui.count} |`,
      '|---|---|',
      `| ${l.ui.regions} | ${s.regions.length} |`,
      `| ${l.ui.organizations} | ${s.organizations} |`,
      `| ${l.ui.filings} | ${Object.values(s.filingsByState).reduce((a, b) => a + b, 0)} |`,
      `| ${l.ui.exams} | ${s.exams} |`,
      `| ${l.ui.certificates} | ${s.certificates} |`,
      `| ${l.ui.refusals} | ${s.refusals.length} |`,
      `| ${l.ui.deadlines} | ${l.ui.met} ${s.deadlinesMet} · ${l.ui.missed} ${s.deadlinesMissed} · ${l.ui.open} ${s.deadlinesOpen} |`,
      `| ${l.ui.brokenStreams} | ${s.brokenStreams} |`,
      `| ${l.ui.streams} / ${l.ui.events} | ${s.streams} / ${s.events} |`,
      '',
      `| ${l.ui.region} | ${l.ui.organizations} | ${l.ui.filings} | ${l.ui.exams} | ${l.ui.certificates} |`,
      '|---|---|---|---|---|',
      ...s.regions.map(
        (r) => `| ${cell(r.name)} | ${r.organizations} | ${r.filings} | ${r.exams} | ${r.certificates} |`,
      ),
      '',
      `| ${l.ui.filingsByState} | ${l.ui.count} |`,
      '|---|---|',
      ...Object.entries(s.filingsByState).map(([k, n]) => `| ${cell(l.state(k, 'application'))} | ${n} |`),
      '',
      `### ${l.ui.refusals}`,
      '',
    ];
    if (s.refusals.length === 0) lines.push(l.ui.noRefusals);
    for (const r of s.refusals) {
      lines.push(
        `- ${r.streamId} v${r.version} ${l.event(r.eventType)} (${chinaTime(r.at)}) — ${l.outcome(r.outcome)}`,
      );
      for (const f of r.findings)
        lines.push(
          `  - \`${f.ruleId}\`${(f.message ?? f.description) ? `: ${f.message ?? f.description}` : ''}`,
          ...(f.cite ? [`    ${quoteMd(f.cite)}`] : []),
        );
    }
    lines.push('', `### ${l.ui.brokenStreams}`, '');
    if (s.broken.length === 0) lines.push(l.ui.noBroken);
    for (const b of s.broken) lines.push(`- ${b.streamId} v${b.version ?? '?'}: ${b.kind}`);
    return lines.join('\n');
  },
  html(s, l) {
    const href = (anchor: string, streamId: string) => esc(s.linkPages ? `${anchor}.html#${streamId}` : `#${streamId}`);
    const filings = Object.values(s.filingsByState).reduce((a, b) => a + b, 0);
    const card = (id: string, label: string, value: string, cls = '') =>
      `<div class="card ${cls}" id="sum-${id}"><span class="n">${value}</span><span class="k">${label}</span></div>`;
    const refusals =
      s.refusals.length === 0
        ? `<p class="ok">${l.ui.noRefusals}</p>`
        : `<ul class="refusals">${s.refusals
            .map(
              (r) =>
                `<li><a href="${href(r.anchor, r.streamId)}"><code>${esc(r.streamId)}</code></a> v${r.version} ${esc(l.event(r.eventType))} ${nowrap(chinaTime(r.at))} — <span class="bad">${esc(l.outcome(r.outcome))}</span>${r.findings
                  .map(
                    (f) =>
                      `<div class="finding"><code>${esc(f.ruleId)}</code>${(f.message ?? f.description) ? `: ${esc(f.message ?? f.description ?? '')}` : ''}${f.cite ? quoteHtml(f.cite) : ''}</div>`,
                  )
                  .join('')}</li>`,
            )
            .join('')}</ul>`;
    const broken =
      s.broken.length === 0
        ? `<p class="ok">${l.ui.noBroken}</p>`
        : `<ul>${s.broken.map((b) => `<li class="bad"><a href="${href(b.anchor, b.streamId)}"><code>${esc(b.streamId)}</code></a> v${b.version ?? '?'}: ${esc(b.kind)}</li>`).join('')}</ul>`;
    return `<section id="summary"><h2>${l.ui.summary}</h2><div class="cards">
${card('regions', l.ui.regions, String(s.regions.length))}${card('organizations', l.ui.organizations, String(s.organizations))}${card('filings', l.ui.filings, String(filings))}${card('exams', l.ui.exams, String(s.exams))}${card('certificates', l.ui.certificates, String(s.certificates))}${card('refusals', l.ui.refusals, String(s.refusals.length), s.refusals.length ? 'warn' : '')}${card('broken', l.ui.brokenStreams, String(s.brokenStreams), s.brokenStreams ? 'bad' : '')}
</div>
<p id="sum-deadlines">${l.ui.deadlines}: <span class="ok">${l.ui.met} <b>${s.deadlinesMet}</b></span> · <span class="${s.deadlinesMissed ? 'bad' : ''}">${l.ui.missed} <b>${s.deadlinesMissed}</b></span> · <span class="muted">${l.ui.open} <b>${s.deadlinesOpen}</b></span> · ${s.streams} ${l.ui.streams} · ${s.events} ${l.ui.events}</p>
<div class="cols"><table class="regions"><thead><tr><th>${l.ui.region}</th><th>${l.ui.organizations}</th><th>${l.ui.filings}</th><th>${l.ui.exams}</th><th>${l.ui.certificates}</th></tr></thead><tbody>${s.regions.map((r) => `<tr><td>${esc(r.name)}</td><td>${r.organizations}</td><td>${r.filings}</td><td>${r.exams}</td><td>${r.certificates}</td></tr>`).join('')}</tbody></table>
<table class="states"><thead><tr><th>${l.ui.filingsByState}</th><th>${l.ui.count}</th></tr></thead><tbody>${Object.entries(
      s.filingsByState,
    )
      .map(([k, n]) => `<tr><td>${esc(l.state(k, 'application'))}</td><td>${n}</td></tr>`)
      .join('')}</tbody></table></div>
<h3>${l.ui.refusals}</h3>${refusals}<h3>${l.ui.brokenStreams}</h3>${broken}</section>`;
  },
};
