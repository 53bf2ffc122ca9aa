import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createChinaCalendar } from '@certflow/calendar';
import { certificateRegistry, createEngine } from '@certflow/core';
import { fujianFuzhou } from '@certflow/rulepack-fujian-fuzhou';
import { nationalIndustryPilot } from '@certflow/rulepack-national-industry-pilot';
import { shandong } from '@certflow/rulepack-shandong';
import { shanghai } from '@certflow/rulepack-shanghai';
import { sichuanTechnicalSchools } from '@certflow/rulepack-sichuan-technical-schools';
import { sqliteStore } from '@certflow/store-sqlite';
import { certflowServer } from './server.js';

/** `pnpm --filter @certflow/example-http-service start`: certflow over HTTP on 127.0.0.1, one SQLite file. */
const file = resolve(process.env.CERTFLOW_DB ?? '.certflow/http-service.sqlite');
mkdirSync(dirname(file), { recursive: true });
const store = sqliteStore({ file });
const engine = createEngine({
  store,
  rulePacks: [shandong, fujianFuzhou, shanghai, sichuanTechnicalSchools, nationalIndustryPilot],
  calendar: createChinaCalendar(),
});
const registry = await certificateRegistry(store);
const server = certflowServer(engine, { registry });
server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  const address = server.address();
  console.log(
    `certflow on http://127.0.0.1:${typeof address === 'object' && address ? address.port : '?'} (log: ${file})`,
  );
});
const stop = () => server.close(() => void registry.stop().then(() => store.close()));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
