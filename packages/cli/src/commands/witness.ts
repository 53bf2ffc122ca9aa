import { t } from '../locales/index.js';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import {
  CertflowError,
  formatError,
  cosign,
  noteVerifier,
  parseCheckpoint,
  parseNote,
  type WitnessState,
} from '@certflow/core';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { UsageError } from '../errors.js';
import { openSource, sourceKind } from '../sources.js';
import { readArgFile, readLogTree, resolveArg } from './transparencyFiles.js';

export const witnessCommand: Command = {
  name: 'witness',
  summary: 'cosign a log’s checkpoint after checking it extends the last one cosigned',
  usage: 'witness <checkpoint> --key <file> --log-vkey <file> --state <file> (--source <log> | --proof <file>)',
  description: `
A witness (e.g. the provincial centre for a city's log) keeps, in --state, the
last checkpoint it cosigned per log. Given a new checkpoint signed by the log's
key, it checks the RFC 9162 consistency proof from the kept checkpoint — taken
from --proof (a JSON array of base64 hashes) or computed from a copy of the
log (--source: a store's own tree, or the events of a JSONL file) — and only then prints the checkpoint with a C2SP
cosignature/v1 line added, and keeps it. A smaller tree, another root at the
same size or a proof that fails is a fork: nothing is cosigned, exit 1.

Exit codes: 0 cosigned, 1 refused (the reason is printed), 2 usage error.`,
  descriptionZh: `
见证者（例如为某市日志作见证的省鉴定中心）在 --state 中按日志保存其最近联署的
检查点。收到由日志密钥签名的新检查点后，它检查从已保存检查点起的 RFC 9162
一致性证明——取自 --proof（base64 哈希组成的 JSON 数组），或由日志副本
（--source：存储自身的树，或 JSONL 文件的事件）算出——通过后才输出附加了 C2SP cosignature/v1 联署行的检查点，
并予以保存。树变小、同一大小下根哈希不同，或证明不成立，即为分叉：不联署任何
内容，退出码 1。

退出码：0 已联署，1 拒绝（并输出原因），2 用法错误。`,
  options: {
    key: {
      type: 'string',
      value: 'file',
      description: 'the witness key (certflow keygen --witness)',
      descriptionZh: '见证者密钥（certflow keygen --witness）',
    },
    'log-vkey': {
      type: 'string',
      value: 'file',
      description: "the log's verifier key",
      descriptionZh: '日志的验证密钥',
    },
    state: {
      type: 'string',
      value: 'file',
      description: 'where the witness keeps what it cosigned (JSON; created)',
      descriptionZh: '见证者保存其联署记录的文件（JSON；不存在时创建）',
    },
    source: {
      type: 'string',
      value: 'log',
      description: 'a copy of the log to compute the consistency proof from',
      descriptionZh: '用于计算一致性证明的日志副本',
    },
    proof: {
      type: 'string',
      value: 'file',
      description: 'the consistency proof, a JSON array of base64 hashes',
      descriptionZh: '一致性证明，base64 哈希组成的 JSON 数组',
    },
  },
  positionals: { names: ['checkpoint'], min: 1 },
  async run({ values, positionals, io, locale = 'en' }) {
    const witnessKey = readArgFile(io, values.key, 'key', 'witness').trim();
    const logVerifier = noteVerifier(readArgFile(io, values['log-vkey'], 'log-vkey', 'witness').trim());
    if (typeof values.state !== 'string')
      throw new UsageError({ key: 'usage.missing', values: { missing: '--state <file>' } }, 'witness');
    const stateFile = resolveArg(io, values.state);
    const state: WitnessState = existsSync(stateFile)
      ? (JSON.parse(readFileSync(stateFile, 'utf8')) as WitnessState)
      : {};
    const note = readArgFile(io, positionals[0], 'checkpoint', 'witness');
    const checkpoint = parseCheckpoint(parseNote(note, 'checkpoint').text);
    const kept = state[checkpoint.origin];
    let proof: string[] = [];
    if (kept) {
      if (typeof values.proof === 'string') {
        proof = JSON.parse(readArgFile(io, values.proof, 'proof', 'witness')) as string[];
      } else if (typeof values.source === 'string' && sourceKind(values.source) !== 'jsonl') {
        // a store: the proof from its own tree (O(log n) nodes, no event read), checked by cosign against both signed roots
        const source = await openSource(values.source, io);
        try {
          if (
            source.transparency &&
            kept.size <= checkpoint.size &&
            checkpoint.size <= (await source.transparency.size())
          ) {
            proof = (await source.transparency.consistencyProof(kept.size, checkpoint.size)).map((h) =>
              Buffer.from(h).toString('base64'),
            );
          }
        } finally {
          await source.close();
        }
      } else if (typeof values.source === 'string') {
        const log = await readLogTree(values.source, io);
        if (kept.size <= checkpoint.size && checkpoint.size <= log.tree.size) {
          proof = log.tree.consistencyProof(kept.size, checkpoint.size).map((h) => Buffer.from(h).toString('base64'));
        }
      } else {
        throw new UsageError({ key: 'usage.proofOrSource' }, 'witness');
      }
    }
    try {
      const result = cosign(
        { checkpoint: note, proof },
        { witnessKey, logs: new Map([[checkpoint.origin, logVerifier]]), state, now: new Date() },
      );
      writeFileSync(`${stateFile}.tmp`, `${JSON.stringify(result.state, null, 2)}\n`);
      renameSync(`${stateFile}.tmp`, stateFile);
      io.stdout.write(result.cosigned);
      return EXIT.ok;
    } catch (e) {
      if (!(e instanceof CertflowError)) throw e;
      io.stderr.write(`${t(locale, 'witness.refused', { detail: formatError(e, locale) })}\n`);
      return EXIT.problems;
    }
  },
};
