import { t } from '../locales/index.js';
import { CertflowError, formatError, verifyProofBundle } from '@certflow/core';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { UsageError } from '../errors.js';
import { readArgFile } from './transparencyFiles.js';

export const verifyProofCommand: Command = {
  name: 'verify-proof',
  summary: 'check a proof bundle offline with nothing but the log’s public key',
  usage: 'verify-proof <bundle> --vkey <file> [--json]',
  description: `
Checks a bundle from certflow prove: the checkpoint's signature by the vkey,
the event's hash recomputed from its content, and the RFC 9162 inclusion proof
from the event's leaf to the checkpoint's root. Needs no access to the log.

Exit codes: 0 the proof holds, 1 it does not, 2 usage error.`,
  descriptionZh: `
检查 certflow prove 生成的证明包：检查点的签名是否出自该验证密钥（vkey），由事件
内容复算的哈希，以及从事件叶子到检查点根哈希的 RFC 9162 包含证明。无需访问日志。

退出码：0 证明成立，1 证明不成立，2 用法错误。`,
  options: {
    vkey: {
      type: 'string',
      value: 'file',
      description: "the log's verifier key (<prefix>.vkey)",
      descriptionZh: '日志的验证密钥（<prefix>.vkey）',
    },
    json: { type: 'boolean', description: 'print the result as JSON', descriptionZh: '以 JSON 格式输出结果' },
  },
  positionals: { names: ['bundle'], min: 1 },
  async run({ values, positionals, io, locale = 'en' }) {
    const vkey = readArgFile(io, values.vkey, 'vkey', 'verify-proof').trim();
    const text = readArgFile(io, positionals[0], 'bundle', 'verify-proof');
    let bundle: unknown;
    try {
      bundle = JSON.parse(text);
    } catch {
      throw new UsageError({ key: 'usage.notJson', values: { file: positionals[0] } }, 'verify-proof');
    }
    try {
      const { checkpoint, event, leafIndex } = verifyProofBundle(bundle, vkey);
      const summary = {
        ok: true,
        origin: checkpoint.origin,
        treeSize: checkpoint.size,
        leafIndex,
        streamId: event.streamId,
        version: event.version,
        type: event.type,
        hash: event.hash,
      };
      io.stdout.write(
        values.json
          ? `${JSON.stringify(summary, null, 2)}\n`
          : `${t(locale, 'verifyProof.ok', { streamId: event.streamId, version: event.version, type: event.type, leafIndex, origin: checkpoint.origin, size: checkpoint.size })}\n`,
      );
      return EXIT.ok;
    } catch (e) {
      if (!(e instanceof CertflowError)) throw e;
      if (values.json) io.stdout.write(`${JSON.stringify({ ok: false, error: e.toJSON() }, null, 2)}\n`);
      io.stderr.write(`✖ ${formatError(e, locale)}\n`);
      return EXIT.problems;
    }
  },
};
