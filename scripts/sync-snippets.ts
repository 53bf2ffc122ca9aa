// `pnpm snippets:sync`: rewrites every code block of the docs and READMEs that
// carries a `<!-- snippet: file#region -->` marker with the text it quotes, so
// a change to a snippet file (or the formatter's) reaches the markdown. The
// check that they agree is docs/snippets/snippets.spec.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { codeBlocks, documents, quotedText, root } from '../docs/snippets/snippets.js';

/**
 * Rewrites the marked blocks of `docs` (default: every document the check
 * reads), paths relative to `base` (default: this checkout); returns what
 * changed, as `doc:line ← snippet`.
 */
export function syncSnippets(docs: string[] = documents(), base: string = root): string[] {
  const changed: string[] = [];
  for (const doc of docs) {
    const blocks = codeBlocks(doc, base).filter((b) => b.snippet !== undefined);
    if (blocks.length === 0) continue;
    const file = join(base, doc);
    const lines = readFileSync(file, 'utf8').split('\n');
    // From the last block up, so earlier line numbers stay valid.
    for (const b of [...blocks].reverse()) {
      const want = quotedText(b.snippet!, base);
      if (b.code === want) continue;
      const open = b.line - 1;
      const indent = /^\s*/.exec(lines[open]!)![0];
      const body = want.split('\n').map((l) => (l === '' ? '' : indent + l));
      lines.splice(open + 1, b.code.split('\n').length, ...body);
      changed.push(`${doc}:${b.line} ← ${b.snippet}`);
    }
    writeFileSync(file, lines.join('\n'));
  }
  return changed;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const changed = syncSnippets();
  for (const c of changed) console.log(c);
  console.log(changed.length === 0 ? 'every quoted snippet is current' : `${changed.length} block(s) rewritten`);
}
