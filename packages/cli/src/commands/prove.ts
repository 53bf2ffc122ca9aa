import { t } from '../locales/index.js';
import { makeProofBundle, noteSigner, parseCheckpoint, parseNote, signCheckpoint } from '@certflow/core';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { UsageError } from '../errors.js';
import { readArgFile, readLogTree } from './transparencyFiles.js';

export const proveCommand: Command = {
  name: 'prove',
  summary: "print a self-contained proof that a certificate's issuing event is in the log",
  usage: 'prove <source> --certificate <number> (--checkpoint <file> | --key <file>)',
  description: `
Finds the CertificateIssued event of certificate-<number> and prints a JSON
bundle: the event, its leaf index, the RFC 9162 inclusion proof and the signed
checkpoint it leads to. --checkpoint proves against a checkpoint already
published (the log must still extend it); --key signs a fresh one of the
whole log. Anyone with the log's public key checks the bundle offline with
certflow verify-proof, without access to the log.

Exit codes: 0 printed, 1 no such certificate or the log does not match the
checkpoint, 2 usage error.`,
  descriptionZh: `
查找证书 certificate-<number> 的 CertificateIssued（证书已颁发）事件，并输出
一个 JSON 证明包：该事件、其叶子序号、RFC 9162 包含证明，以及该证明指向的
已签名检查点。--checkpoint 针对已公开的检查点给出证明（日志必须仍是它的延续）；
--key 为整个日志签署一个新检查点。任何持有该日志公钥的人都可以用
certflow verify-proof 离线检查证明包，无需访问日志。

退出码：0 已输出，1 没有该证书或日志与检查点不符，2 用法错误。`,
  options: {
    certificate: { type: 'string', value: 'number', description: 'the 22-character certificate number', descriptionZh: '22 位证书编号' },
    checkpoint: { type: 'string', value: 'file', description: 'a signed checkpoint of this log to prove against', descriptionZh: '据以证明的本日志已签名检查点' },
    key: { type: 'string', value: 'file', description: 'sign a fresh checkpoint with this signer key instead', descriptionZh: '改为用此签名私钥签署一个新检查点' },
  },
  positionals: { names: ['source'], min: 1 },
  async run({ values, positionals, io, locale = 'en' }) {
    const number = values.certificate;
    if (typeof number !== 'string' || number === '') throw new UsageError({ key: 'usage.missing', values: { missing: '--certificate <number>' } }, 'prove');
    if ((values.checkpoint === undefined) === (values.key === undefined)) throw new UsageError({ key: 'usage.checkpointOrKey' }, 'prove');
    const log = await readLogTree(positionals[0]!, io);
    if (log.problems > 0) {
      io.stderr.write(`${t(locale, 'prove.refused', { source: log.label, count: log.problems })}\n`);
      return EXIT.problems;
    }
    const index = log.events.findIndex((e) => e.streamId === `certificate-${number}` && e.type === 'CertificateIssued');
    if (index < 0) {
      io.stderr.write(`${t(locale, 'prove.noCertificate', { source: log.label, number })}\n`);
      return EXIT.problems;
    }
    let note: string;
    let size: number;
    if (typeof values.key === 'string') {
      const signer = noteSigner(readArgFile(io, values.key, 'key', 'prove'));
      size = log.tree.size;
      note = await signCheckpoint({ origin: signer.name, size, rootHash: log.tree.root(), extensions: [] }, signer);
    } else {
      note = readArgFile(io, values.checkpoint, 'checkpoint', 'prove');
      const cp = parseCheckpoint(parseNote(note, 'checkpoint').text);
      size = cp.size;
      const matches = size <= log.tree.size && Buffer.from(log.tree.root(size)).equals(Buffer.from(cp.rootHash));
      if (!matches) {
        io.stderr.write(`${t(locale, 'prove.notExtending', { source: log.label, size })}\n`);
        return EXIT.problems;
      }
      if (index >= size) {
        io.stderr.write(`${t(locale, 'prove.afterCheckpoint', { number, size })}\n`);
        return EXIT.problems;
      }
    }
    const bundle = makeProofBundle(log.events[index]!, index, log.tree.inclusionProof(index, size), note, size);
    io.stdout.write(`${JSON.stringify(bundle, null, 2)}\n`);
    return EXIT.ok;
  },
};
