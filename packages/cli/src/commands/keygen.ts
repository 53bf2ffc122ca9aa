import { existsSync, writeFileSync } from 'node:fs';
import { SIG_COSIGNATURE_V1, SIG_ED25519, generateNoteKey } from '@certflow/core';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { UsageError } from '../errors.js';
import { resolveArg } from './transparencyFiles.js';

export const keygenCommand: Command = {
  name: 'keygen',
  summary: 'make an Ed25519 key pair for signing checkpoints (or cosigning them as a witness)',
  usage: 'keygen <name> --out <prefix> [--witness]',
  description: `
Writes <prefix>.key (the signer key, PRIVATE+KEY+<name>+<key id>+<key>, readable
by its owner only) and <prefix>.vkey (the verifier key, <name>+<key id>+<key>,
to publish), in the C2SP signed-note formats Go's golang.org/x/mod/sumdb/note
reads. <name> names the log (its checkpoints' origin), e.g.
certflow.jinan.example/log. With --witness the key signs C2SP cosignature/v1
lines (key type 0x04) instead of checkpoints. Existing files are never
overwritten.`,
  options: {
    out: { type: 'string', value: 'prefix', description: 'write <prefix>.key and <prefix>.vkey' },
    witness: { type: 'boolean', description: 'a witness key (cosignature/v1)' },
  },
  positionals: { names: ['name'], min: 1 },
  async run({ values, positionals, io }) {
    if (typeof values.out !== 'string' || values.out === '') throw new UsageError({ key: 'usage.missing', values: { missing: '--out <prefix>' } }, 'keygen');
    const key = resolveArg(io, `${values.out}.key`);
    const vkey = resolveArg(io, `${values.out}.vkey`);
    for (const f of [key, vkey]) if (existsSync(f)) throw new UsageError({ key: 'usage.keyExists', values: { file: f } }, 'keygen');
    const pair = generateNoteKey(positionals[0]!, values.witness === true ? SIG_COSIGNATURE_V1 : SIG_ED25519);
    writeFileSync(key, `${pair.skey}\n`, { mode: 0o600, flag: 'wx' });
    writeFileSync(vkey, `${pair.vkey}\n`, { flag: 'wx' });
    io.stdout.write(`${pair.vkey}\n`);
    return EXIT.ok;
  },
};
