import type { StreamReport } from '../model.js';
import type { Section } from './section.js';
import { streamHtml, streamMd } from './common.js';

/** One bookkeeping stream (quota places, serial numbers) in the appendix. */
export const bookkeeping: Section<StreamReport, StreamReport> = {
  id: 'bookkeeping',
  build: (s) => s,
  markdown: (s, l) => streamMd(s, l, l.ui.stream, 3),
  html: (s, l) => streamHtml(s, l, l.ui.stream, 3),
};

/** The appendix's heading. */
export const bookkeepingHeading = {
  markdown: (title: string) => `## ${title}\n<a id="appendix-bookkeeping"></a>`,
  html: (title: string) => `<section class="appendix" id="appendix-bookkeeping"><h2>${title}</h2>`,
};
