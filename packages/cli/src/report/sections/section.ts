import type { Labels, ReportLocale } from '../labels.js';
import type { OrganizationReport, ReportSummary, ReportVersions } from '../model.js';
import type { PackUsed, StreamHeadRecord } from '../../heads.js';

/**
 * One part of the report, in one file: `build` gives its data (what
 * `--format json` writes), `markdown` and `html` render that data in a
 * language. A new section is a new file of this shape, listed in `index.ts`.
 */
export interface Section<In, Data> {
  /** The section's id: its key in the JSON report and its HTML anchor. */
  readonly id: string;
  build(input: In): Data;
  markdown(data: Data, l: Labels): string;
  html(data: Data, l: Labels): string;
}

/** What the document-level sections are built from. */
export interface ReportDocument {
  title: string;
  locale: ReportLocale;
  source: string;
  asOf: string;
  masked: boolean;
  summary: ReportSummary;
  /** In report order; in a report of pages, `page` names the page (its first organization's anchor) an organization is on. */
  organizations: (Pick<OrganizationReport, 'id' | 'name' | 'region' | 'anchor'> & { page?: string })[];
  /** Whether there are bookkeeping streams (the appendix is listed in the contents). */
  bookkeeping: number;
  heads: StreamHeadRecord[];
  packs: PackUsed[];
  versions: ReportVersions;
  /** Written as pages: organizations on pages of about a megabyte, the long appendices on pages of their own. */
  pages?: boolean;
}
