// `pnpm snippets:sync`: rewrites every code block of the docs and READMEs that
// carries a `<!-- snippet: file#region -->` marker with the text it quotes, so
// a change to a snippet file (or the formatter's) reaches the markdown. The
// check that they agree is docs/snippets/snippets.spec.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeBlocks, documents, quotedText, root } from '../docs/snippets/snippets.js';

let changed = 0;
for (const doc of documents()) {
  const blocks = codeBlocks(doc).filter((b) => b.snippet !== undefined);
  if (blocks.length === 0) continue;
  const file = join(root, doc);
  const lines = readFileSync(file, 'utf8').split('\n');
  // From the last block up, so earlier line numbers stay valid.
  for (const b of [...blocks].reverse()) {
    const want = quotedText(b.snippet!);
    if (b.code === want) continue;
    const open = b.line - 1;
    const indent = /^\s*/.exec(lines[open]!)![0];
    const bodyLength = b.code.split('\n').length;
    const body = want.split('\n').map((l) => (l === '' ? '' : indent + l));
    lines.splice(open + 1, bodyLength, ...body);
    changed++;
    console.log(`${doc}:${b.line} ← ${b.snippet}`);
  }
  writeFileSync(file, lines.join('\n'));
}
console.log(changed === 0 ? 'every quoted snippet is current' : `${changed} block(s) rewritten`);
