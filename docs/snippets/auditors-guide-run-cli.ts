// docs/auditors-guide.md: the commands are functions too.
import { archiveInTempDir } from './archive.fixture.js';

const archive = await archiveInTempDir();

// #region run-cli
import { bufferIo, runCli } from '@certflow/cli';

const io = bufferIo();
const code = await runCli(['verify', 'archive.jsonl', '--json'], io);
const { ok, problems } = JSON.parse(io.out());
console.log(code, ok, problems); // 0 true []
// #endregion run-cli

archive.cleanUp();
