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
  descriptionZh: `
写出 <prefix>.key（签名私钥，PRIVATE+KEY+<name>+<key id>+<key>，仅其所有者
可读）和 <prefix>.vkey（验证密钥，<name>+<key id>+<key>，用于公开），采用
C2SP signed-note 格式，可由 Go 的 golang.org/x/mod/sumdb/note 读取。<name>
为日志命名（即其检查点的 origin），例如 certflow.jinan.example/log。使用
--witness 时，该密钥签署 C2SP cosignature/v1 联署行（密钥类型 0x04），而非
检查点。已存在的文件从不覆盖。`,
  options: {
    out: {
      type: 'string',
      value: 'prefix',
      description: 'write <prefix>.key and <prefix>.vkey',
      descriptionZh: '写出 <prefix>.key 和 <prefix>.vkey',
    },
    witness: {
      type: 'boolean',
      description: 'a witness key (cosignature/v1)',
      descriptionZh: '见证者密钥（cosignature/v1）',
    },
  },
  positionals: { names: ['name'], min: 1 },
  async run({ values, positionals, io }) {
    if (typeof values.out !== 'string' || values.out === '')
      throw new UsageError({ key: 'usage.missing', values: { missing: '--out <prefix>' } }, 'keygen');
    const key = resolveArg(io, `${values.out}.key`);
    const vkey = resolveArg(io, `${values.out}.vkey`);
    for (const f of [key, vkey])
      if (existsSync(f)) throw new UsageError({ key: 'usage.keyExists', values: { file: f } }, 'keygen');
    const pair = generateNoteKey(positionals[0]!, values.witness === true ? SIG_COSIGNATURE_V1 : SIG_ED25519);
    writeFileSync(key, `${pair.skey}\n`, { mode: 0o600, flag: 'wx' });
    writeFileSync(vkey, `${pair.vkey}\n`, { flag: 'wx' });
    io.stdout.write(`${pair.vkey}\n`);
    return EXIT.ok;
  },
};
