// packages/cli/README.md: the commands in-process.
import { archiveInTempDir } from './archive.fixture.js';

const archive = await archiveInTempDir();

// #region run-cli
import { bufferIo, runCli } from '@certflow/cli';

const io = bufferIo();
const code = await runCli(['verify', 'archive.jsonl', '--json'], io);
const result = JSON.parse(io.out()); // { ok, source, streams, events, problems }
console.log(code, result.ok, result.events, result.problems); // 0 true 4 []
// #endregion run-cli

archive.cleanUp();
