import { runCli } from './runCli.js';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`✖ ${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
