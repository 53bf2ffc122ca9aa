import { t } from '../locales/index.js';
import { noteSigner, signCheckpoint } from '@certflow/core';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { readArgFile, readLogTree } from './transparencyFiles.js';

export const checkpointCommand: Command = {
  name: 'checkpoint',
  summary: 'sign a checkpoint (tree size and Merkle root) of a log',
  usage: 'checkpoint <source> --key <file> [--origin <name>]',
  description: `
Rebuilds the RFC 9162 Merkle tree over every event of <source> (leaf i = the
i-th event in log order, leaf hash SHA-256(0x00 ‖ event hash)) and prints a
C2SP tlog-checkpoint signed with the key (certflow keygen): the origin, the
tree size and the base64 root hash, then the signature line. Publish it, or
give it to witnesses. A log whose hash chains do not verify is not signed.

Exit codes: 0 signed, 1 the log does not verify, 2 usage error.`,
  options: {
    key: { type: 'string', value: 'file', description: 'the signer key (<prefix>.key)' },
    origin: { type: 'string', value: 'name', description: "the checkpoint's origin line (default: the key's name)" },
  },
  positionals: { names: ['source'], min: 1 },
  async run({ values, positionals, io, locale = 'en' }) {
    const signer = noteSigner(readArgFile(io, values.key, 'key', 'checkpoint'));
    const log = await readLogTree(positionals[0]!, io);
    if (log.problems > 0) {
      io.stderr.write(`${t(locale, 'checkpoint.refused', { source: log.label, count: log.problems })}\n`);
      return EXIT.problems;
    }
    const origin = typeof values.origin === 'string' ? values.origin : signer.name;
    const note = await signCheckpoint({ origin, size: log.tree.size, rootHash: log.tree.root(), extensions: [] }, signer);
    io.stdout.write(note);
    return EXIT.ok;
  },
};
