import type { OrganizationReport, CertificateView } from '../model.js';
import type { Labels } from '../labels.js';
import type { Section } from './section.js';
import { cell, esc, nowrap, orgTitle, streamHtml, streamMd } from './common.js';

function certsHtml(certs: CertificateView[], l: Labels): string {
  if (certs.length === 0) return '';
  return `<table class="certificates"><caption>${l.ui.certificates} (${certs.length})</caption><thead><tr><th>${l.ui.number}</th><th>${l.ui.holder}</th><th>${l.field('idNumber')}</th><th>${l.ui.occupation}</th><th>${l.ui.issuedOn}</th><th>${l.ui.state}</th></tr></thead><tbody>${certs
    .map(
      (c) =>
        `<tr id="${esc(c.streamId)}"><td><code>${esc(c.number)}</code></td><td>${esc(c.holder)}</td><td><code>${esc(c.idNumber)}</code></td><td>${esc(c.occupation)}</td><td>${nowrap(c.issuedOn)}</td><td class="${c.integrity === 'broken' ? 'bad' : ''}">${esc(l.state(c.state, 'certificate'))}${c.integrity === 'broken' ? ` · ${l.ui.brokenAt} ${c.stream.integrity.status === 'broken' ? (c.stream.integrity.problem.version ?? '?') : ''}` : ''}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

function certsMd(certs: CertificateView[], l: Labels): string {
  if (certs.length === 0) return '';
  return [
    `| ${l.ui.number} | ${l.ui.holder} | ${l.field('idNumber')} | ${l.ui.occupation} | ${l.ui.issuedOn} | ${l.ui.state} |`,
    '|---|---|---|---|---|---|',
    ...certs.map(
      (c) =>
        `| ${cell(c.number)} | ${cell(c.holder)} | ${cell(c.idNumber)} | ${cell(c.occupation)} | ${c.issuedOn} | ${cell(l.state(c.state, 'certificate'))}${c.integrity === 'broken' ? ' ✖' : ''} |`,
    ),
  ].join('\n');
}

/** One organization: each filing with its exams, and each exam with its certificates, nested. */
export const organization: Section<OrganizationReport, OrganizationReport> = {
  id: 'organization',
  build: (o) => o,
  markdown(o, l) {
    const parts = [`## ${o.region ? `${o.region} · ` : ''}${orgTitle(o, l)}`, `<a id="${o.anchor}"></a>`];
    for (const f of o.filings) {
      parts.push(streamMd(f.stream, l, `${l.ui.filing}${f.filingNumber ? ` ${f.filingNumber}` : ''}`, 3));
      if (f.validFrom) parts.push(`${l.ui.validity}: ${f.validFrom} – ${f.validUntil ?? '—'}`);
      for (const x of f.exams)
        parts.push(
          streamMd(x.stream, l, `${l.ui.exam}${x.examDate ? ` ${x.examDate}` : ''}`, 4),
          certsMd(x.certificates, l),
        );
    }
    for (const x of o.exams)
      parts.push(
        streamMd(x.stream, l, `${l.ui.exam}${x.examDate ? ` ${x.examDate}` : ''}`, 3),
        certsMd(x.certificates, l),
      );
    if (o.certificates.length) parts.push(`### ${l.ui.certificates}`, certsMd(o.certificates, l));
    for (const s of o.other) parts.push(streamMd(s, l, l.ui.stream, 3));
    return parts.filter(Boolean).join('\n\n');
  },
  html(o, l) {
    const parts = [
      `<section class="organization" id="${esc(o.anchor)}"><h2>${o.region ? `<span class="region">${esc(o.region)}</span> ` : ''}${esc(orgTitle(o, l))}</h2>`,
    ];
    for (const f of o.filings) {
      parts.push(`<div class="filing">`);
      parts.push(streamHtml(f.stream, l, `${l.ui.filing}${f.filingNumber ? ` ${esc(f.filingNumber)}` : ''}`, 3));
      if (f.validFrom)
        parts.push(`<p class="validity">${l.ui.validity}: ${nowrap(f.validFrom)} – ${nowrap(f.validUntil ?? '—')}</p>`);
      for (const x of f.exams)
        parts.push(
          `<div class="exam">${streamHtml(x.stream, l, `${l.ui.exam}${x.examDate ? ` ${nowrap(x.examDate)}` : ''}`, 4)}${certsHtml(x.certificates, l)}</div>`,
        );
      parts.push('</div>');
    }
    for (const x of o.exams)
      parts.push(
        `<div class="exam">${streamHtml(x.stream, l, `${l.ui.exam}${x.examDate ? ` ${nowrap(x.examDate)}` : ''}`, 3)}${certsHtml(x.certificates, l)}</div>`,
      );
    if (o.certificates.length) parts.push(`<h3>${l.ui.certificates}</h3>${certsHtml(o.certificates, l)}`);
    for (const s of o.other) parts.push(streamHtml(s, l, l.ui.stream, 3));
    parts.push('</section>');
    return parts.join('\n');
  },
};
