// Writes docs/machines.md from the machine definitions. Run: pnpm machines
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderMachinesDoc } from '../packages/core/src/streams/machinesDoc.js';

const target = fileURLToPath(new URL('../docs/machines.md', import.meta.url));
writeFileSync(target, renderMachinesDoc());
console.log(`wrote ${target.replace(`${process.cwd()}/`, '')}`);
