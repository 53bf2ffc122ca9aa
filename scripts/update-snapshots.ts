// Regenerates rulepacks/*/src/digest.ts (the pack's source digest, see
// scripts/pack-digest.ts) and then rulepacks/*/snapshot.md from each pack's
// default export.
// Run with `pnpm snapshots` (TZ pinned, so nothing depends on the host);
// `pnpm snapshots shanghai national` regenerates only the named pack folders.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderPackSnapshot, type RulePack } from '@certflow/core';
import { writePackDigest } from './pack-digest.js';

const root = join(import.meta.dirname, '..', 'rulepacks');
const only = process.argv.slice(2);
// Every digest first: a pack imports its parent, which must already carry its new digest.
for (const dir of readdirSync(root, { withFileTypes: true })) {
  if (!dir.isDirectory() || !existsSync(join(root, dir.name, 'src', 'index.ts'))) continue;
  if (only.length > 0 && !only.includes(dir.name)) continue;
  if (writePackDigest(join(root, dir.name))) console.log(`wrote rulepacks/${dir.name}/src/digest.ts`);
}
for (const dir of readdirSync(root, { withFileTypes: true })) {
  const entry = join(root, dir.name, 'src', 'index.ts');
  if (!dir.isDirectory() || !existsSync(entry)) continue;
  if (only.length > 0 && !only.includes(dir.name)) continue;
  const pack = (await import(pathToFileURL(entry).href)).default as RulePack;
  writeFileSync(join(root, dir.name, 'snapshot.md'), renderPackSnapshot(pack));
  console.log(`wrote rulepacks/${dir.name}/snapshot.md (${pack.id}@${pack.version})`);
}
