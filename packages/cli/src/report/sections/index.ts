/** The report's sections, one file each, in the order the report shows them. */
export { header } from './header.js';
export { summary } from './summary.js';
export { contents } from './contents.js';
export { organization } from './organization.js';
export { bookkeeping, bookkeepingHeading } from './bookkeeping.js';
export { heads } from './heads.js';
export { packs } from './packs.js';
export { footer, FOOTER_MARKER } from './footer.js';
export type { Section, ReportDocument } from './section.js';
