import { t } from '../locales/index.js';
import { noteSigner, signCheckpoint } from '@certflow/core';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { readArgFile, readLogTree, readStoreTree, storeTreeAgrees } from './transparencyFiles.js';

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
  descriptionZh: `
在 <source> 的全部事件上重建 RFC 9162 默克尔树（叶子 i 为日志顺序中的第 i 个
事件，叶子哈希为 SHA-256(0x00 ‖ 事件哈希)），并输出用该密钥（由 certflow keygen
生成）签名的 C2SP tlog-checkpoint 检查点：origin、树大小和 base64 根哈希，然后
是签名行。可将其公开，或交给见证者。哈希链未通过验证的日志不予签署。

退出码：0 已签署，1 日志未通过验证，2 用法错误。`,
  options: {
    key: {
      type: 'string',
      value: 'file',
      description: 'the signer key (<prefix>.key)',
      descriptionZh: '签名私钥（<prefix>.key）',
    },
    origin: {
      type: 'string',
      value: 'name',
      description: "the checkpoint's origin line (default: the key's name)",
      descriptionZh: '检查点的 origin 行（默认：密钥的名称）',
    },
  },
  positionals: { names: ['source'], min: 1 },
  async run({ values, positionals, io, locale = 'en' }) {
    const signer = noteSigner(readArgFile(io, values.key, 'key', 'checkpoint'));
    const origin = typeof values.origin === 'string' ? values.origin : signer.name;
    const stored = await readStoreTree(positionals[0]!, io);
    if (stored) {
      // a store: its events streamed and folded (no tree in memory), its own tree checked against them
      try {
        if (stored.problems > 0) {
          io.stderr.write(`${t(locale, 'checkpoint.refused', { source: stored.label, count: stored.problems })}\n`);
          return EXIT.problems;
        }
        if (!(await storeTreeAgrees(stored.tree, stored.size, stored.root))) {
          io.stderr.write(`${t(locale, 'transparency.storeTreeDiffers', { source: stored.label })}\n`);
          return EXIT.problems;
        }
        io.stdout.write(
          await signCheckpoint({ origin, size: stored.size, rootHash: stored.root, extensions: [] }, signer),
        );
        return EXIT.ok;
      } finally {
        await stored.close();
      }
    }
    const log = await readLogTree(positionals[0]!, io);
    if (log.problems > 0) {
      io.stderr.write(`${t(locale, 'checkpoint.refused', { source: log.label, count: log.problems })}\n`);
      return EXIT.problems;
    }
    const note = await signCheckpoint(
      { origin, size: log.tree.size, rootHash: log.tree.root(), extensions: [] },
      signer,
    );
    io.stdout.write(note);
    return EXIT.ok;
  },
};
