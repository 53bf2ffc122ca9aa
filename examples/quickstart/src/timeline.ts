import type { StoryResult, TimelineLine } from './runner.js';

const INDENT = ' '.repeat(14);

function line(l: TimelineLine): string[] {
  const head = `  ${l.date}  ${l.refused ? '✗ ' : ''}${l.who}: ${l.text}`;
  return [head, ...l.details.map((d) => `${INDENT}${d}`)];
}

/** A story as readable text: a heading with the region and its notice, then one line per step. */
export function formatStory(r: StoryResult): string {
  return [
    `━━ ${r.region} · ${r.pack.title} · rule pack ${r.pack.id}@${r.pack.version}`,
    ...r.lines.flatMap(line),
    `  → filing ${r.application.state}, exam ${r.exam.state}, ${r.certificates.length} certificates, ${r.refusals.length} refusal${r.refusals.length === 1 ? '' : 's'}`,
    '',
  ].join('\n');
}
