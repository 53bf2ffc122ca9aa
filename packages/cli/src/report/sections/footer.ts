import type { ReportVersions } from '../model.js';
import type { Section } from './section.js';
import { esc } from './common.js';

export interface FooterData {
  versions: ReportVersions;
  /** SHA-256 (hex) of the report's bytes before the footer (see `FOOTER_MARKER`). */
  sha256: string;
}

/**
 * Where each format's footer begins: the report's SHA-256 is that of every
 * byte (UTF-8) before this text.
 */
export const FOOTER_MARKER = {
  html: '<footer id="report-footer">',
  md: '<a id="report-footer"></a>',
  json: '  "footer": {',
} as const;

/** The versions of the CLI, core and packs used, and the report's own SHA-256. */
export const footer: Section<FooterData, FooterData> = {
  id: 'footer',
  build: (f) => f,
  markdown: (f, l) =>
    [
      FOOTER_MARKER.md,
      '',
      '---',
      '',
      `${l.ui.versions}: certflow CLI ${f.versions.cli} · @certflow/core ${f.versions.core}${f.versions.packs.length ? ` · ${f.versions.packs.join(', ')}` : ''}`,
      '',
      `${l.ui.digest}: \`${f.sha256}\` — ${l.ui.digestNote}`,
      '',
    ].join('\n'),
  html: (f, l) =>
    `${FOOTER_MARKER.html}<p>${l.ui.versions}: certflow CLI <code>${esc(f.versions.cli)}</code> · @certflow/core <code>${esc(f.versions.core)}</code>${f.versions.packs.length ? ` · ${f.versions.packs.map((p) => `<code>${esc(p)}</code>`).join(', ')}` : ''}</p><p>${l.ui.digest}: <code class="hash" id="report-sha256">${f.sha256}</code> <span class="muted">${l.ui.digestNote}</span></p></footer>`,
};
