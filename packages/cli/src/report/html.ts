import type { CitationView, Report, StreamReport } from './model.js';
import { chinaTime } from './chinaTime.js';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

// Everything inline: the file must open anywhere, offline, with no external asset.
const CSS = `
body{font:15px/1.5 system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2330}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.5rem;border-bottom:2px solid #d8dde6;padding-bottom:.2rem;font-family:ui-monospace,monospace;font-size:1.15rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #d8dde6;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f3f5f9}
.ok{color:#11702f}.bad{color:#a4161a;font-weight:600}.muted{color:#5b6475}
blockquote{margin:.3rem 0 .6rem 1rem;padding:.3rem .8rem;border-left:4px solid #8aa4d6;background:#f5f8ff}
blockquote cite{display:block;font-style:normal;font-size:.85rem;color:#5b6475}
.details{font-size:.85rem;color:#3a4252;max-width:32rem}.finding{margin:.4rem 0}.outcome{font-weight:600}code{font-family:ui-monospace,monospace}
`;

function integrity(s: StreamReport): string {
  const i = s.integrity;
  if (i.status === 'verified') return '<p class="ok">✔ hash chain verified</p>';
  if (i.status === 'not-checked') return `<p class="muted">integrity not checked: ${esc(i.reason)}</p>`;
  return `<p class="bad">✖ broken at version ${i.problem.version ?? '?'}: ${esc(i.problem.kind)} — ${esc(i.problem.detail)}</p>`;
}

const STATUS = { met: ['ok', '✔ met'], missed: ['bad', '✖ missed'], open: ['muted', '○ open'] } as const;

const quote = (c: CitationView) =>
  `<blockquote lang="zh-CN">「${esc(c.text)}」<cite>${esc(c.document)} ${esc(c.clause)}</cite></blockquote>`;

function stream(s: StreamReport): string {
  const rows = s.timeline
    .map(
      (t) =>
        `<tr><td>${t.version}</td><td>${esc(chinaTime(t.at))}</td><td>${esc(t.type)}</td><td>${esc(t.actor.id)}</td><td>${esc(t.actor.role)}</td><td>${esc(t.rulePack ?? '')}</td><td class="details">${esc(t.details)}</td></tr>`,
    )
    .join('');
  const parts = [
    `<section class="stream" id="${esc(s.streamId)}"><h2>${esc(s.streamId)}</h2>`,
    integrity(s),
    '<h3>Timeline</h3>',
    `<table class="timeline"><thead><tr><th>v</th><th>at (China time)</th><th>event</th><th>actor</th><th>role</th><th>rule pack</th><th>details</th></tr></thead><tbody>${rows}</tbody></table>`,
  ];
  if (s.decisions.length > 0) {
    parts.push('<h3>Decisions</h3>');
    for (const d of s.decisions) {
      parts.push(
        `<div class="decision"><p><strong>v${d.version} ${esc(d.eventType)}</strong> <span class="muted">${esc(chinaTime(d.at))}</span> — <span class="outcome">${esc(d.outcome ?? 'no outcome')}</span>${d.rulePack ? ` under <code>${esc(d.rulePack)}</code>` : ''}</p>`,
      );
      for (const f of d.findings) {
        const note = f.message ?? f.description;
        parts.push(
          `<div class="finding"><code>${esc(f.ruleId)}</code> <span class="outcome ${f.outcome === 'fail' ? 'bad' : ''}">${esc(f.outcome)}</span>${note ? `: ${esc(note)}` : ''}${f.cite ? quote(f.cite) : ''}</div>`,
        );
      }
      parts.push('</div>');
    }
  }
  if (s.deadlines.length > 0) {
    const drows = s.deadlines
      .map(
        (d) =>
          `<tr><td><code>${esc(d.id)}</code></td><td class="${STATUS[d.status][0]}">${STATUS[d.status][1]}</td><td>${esc(d.due ?? '')}</td><td>${esc(d.detail ?? `v${d.version} ${d.eventType}`)}</td><td>${d.cite ? quote(d.cite) : ''}</td></tr>`,
      )
      .join('');
    parts.push(
      `<h3>Deadlines</h3><table class="deadlines"><thead><tr><th>deadline</th><th>status</th><th>due</th><th>what happened</th><th>cite</th></tr></thead><tbody>${drows}</tbody></table>`,
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}

/** The report as one self-contained HTML file (inline CSS, no scripts, no external assets). */
export function renderHtml(r: Report): string {
  const s = r.summary;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(r.title)}</title><style>${CSS}</style></head>
<body><header><h1>${esc(r.title)}</h1><p class="muted">Source: <code>${esc(r.source)}</code> · ID numbers (身份证号) are masked.</p>
<p>${s.streams} streams · ${s.events} events · ${s.decisions} decisions · deadlines ${s.deadlinesMet} met, <span class="${s.deadlinesMissed ? 'bad' : ''}">${s.deadlinesMissed} missed</span>, ${s.deadlinesOpen} open · <span class="${s.brokenStreams ? 'bad' : ''}">${s.brokenStreams} broken streams</span></p></header>
<main>
<section id="heads"><h2>Stream heads</h2><p class="muted">Keep them: <code>certflow verify &lt;source&gt; --heads &lt;file&gt;</code> names every stream shortened, removed or rewritten since.</p>
<table class="heads"><thead><tr><th>stream</th><th>last version</th><th>hash</th></tr></thead><tbody>${r.heads.map((h) => `<tr><td><code>${esc(h.streamId)}</code></td><td>${h.version}</td><td><code>${esc(h.hash)}</code></td></tr>`).join('')}</tbody></table>
<h3>Rule packs used</h3>
<table class="packs"><thead><tr><th>pack</th><th>version</th><th>content hashes recorded</th></tr></thead><tbody>${r.packs.map((p) => `<tr><td><code>${esc(p.id)}</code></td><td>${esc(p.version)}</td><td>${p.hashes.map((h) => `<code>${esc(h)}</code>`).join(', ')}</td></tr>`).join('')}</tbody></table></section>
${r.streams.map(stream).join('\n')}
</main></body></html>
`;
}
