import { t } from '../locales/index.js';
import {
  ProofUnavailableError,
  eventLeafHash,
  makeProofBundle,
  noteSigner,
  parseCheckpoint,
  parseNote,
  signCheckpoint,
  verifyInclusion,
  type Hash,
  type StoredEvent,
} from '@certflow/core';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { UsageError } from '../errors.js';
import { readArgFile, readLogTree, readStoreTree } from './transparencyFiles.js';

export const proveCommand: Command = {
  name: 'prove',
  summary: "print a self-contained proof that a certificate's issuing event is in the log",
  usage: 'prove <source> --certificate <number> (--checkpoint <file> | --key <file>)',
  description: `
Finds the CertificateIssued event of certificate-<number> and prints a JSON
bundle: the event, its leaf index, the RFC 9162 inclusion proof and the signed
checkpoint it leads to. --checkpoint proves against a checkpoint already
published (the log must still extend it); --key signs a fresh one of the
whole log. A store's events are folded as they are read (bounded memory) and
the proof is taken from the store's own tree, checked against them. Anyone with the log's public key checks the bundle offline with
certflow verify-proof, without access to the log.

Exit codes: 0 printed, 1 no such certificate or the log does not match the
checkpoint, 2 usage error.`,
  descriptionZh: `
查找证书 certificate-<number> 的 CertificateIssued（证书已颁发）事件，并输出
一个 JSON 证明包：该事件、其叶子序号、RFC 9162 包含证明，以及该证明指向的
已签名检查点。--checkpoint 针对已公开的检查点给出证明（日志必须仍是它的延续）；
--key 为整个日志签署一个新检查点。对存储而言，边读取边折叠事件（内存有界），
证明取自存储自身的树，并据事件加以核对。任何持有该日志公钥的人都可以用
certflow verify-proof 离线检查证明包，无需访问日志。

退出码：0 已输出，1 没有该证书或日志与检查点不符，2 用法错误。`,
  options: {
    certificate: {
      type: 'string',
      value: 'number',
      description: 'the 22-character certificate number',
      descriptionZh: '22 位证书编号',
    },
    checkpoint: {
      type: 'string',
      value: 'file',
      description: 'a signed checkpoint of this log to prove against',
      descriptionZh: '据以证明的本日志已签名检查点',
    },
    key: {
      type: 'string',
      value: 'file',
      description: 'sign a fresh checkpoint with this signer key instead',
      descriptionZh: '改为用此签名私钥签署一个新检查点',
    },
  },
  positionals: { names: ['source'], min: 1 },
  async run({ values, positionals, io, locale = 'en' }) {
    const number = values.certificate;
    if (typeof number !== 'string' || number === '')
      throw new UsageError({ key: 'usage.missing', values: { missing: '--certificate <number>' } }, 'prove');
    if ((values.checkpoint === undefined) === (values.key === undefined))
      throw new UsageError({ key: 'usage.checkpointOrKey' }, 'prove');
    const isCertificate = (e: StoredEvent) => e.streamId === `certificate-${number}` && e.type === 'CertificateIssued';
    const note =
      typeof values.checkpoint === 'string' ? readArgFile(io, values.checkpoint, 'checkpoint', 'prove') : undefined;
    const kept = note === undefined ? undefined : parseCheckpoint(parseNote(note, 'checkpoint').text);
    const stored = await readStoreTree(positionals[0]!, io, {
      find: isCertificate,
      ...(kept ? { at: kept.size } : {}),
    });
    if (stored) {
      // a store: its events streamed and folded (no tree in memory), the proof from its own tree, checked against them
      try {
        if (stored.problems > 0) {
          io.stderr.write(`${t(locale, 'prove.refused', { source: stored.label, count: stored.problems })}\n`);
          return EXIT.problems;
        }
        if (!stored.found) {
          io.stderr.write(`${t(locale, 'prove.noCertificate', { source: stored.label, number })}\n`);
          return EXIT.problems;
        }
        const { event, index } = stored.found;
        let signed: string;
        let size: number;
        let root: Hash;
        if (kept && note !== undefined) {
          size = kept.size;
          if (!stored.rootAt || !Buffer.from(stored.rootAt).equals(Buffer.from(kept.rootHash))) {
            io.stderr.write(`${t(locale, 'prove.notExtending', { source: stored.label, size })}\n`);
            return EXIT.problems;
          }
          if (index >= size) {
            io.stderr.write(`${t(locale, 'prove.afterCheckpoint', { number, size })}\n`);
            return EXIT.problems;
          }
          signed = note;
          root = kept.rootHash;
        } else {
          const signer = noteSigner(readArgFile(io, values.key, 'key', 'prove'));
          size = stored.size;
          root = stored.root;
          signed = await signCheckpoint({ origin: signer.name, size, rootHash: root, extensions: [] }, signer);
        }
        const path = await stored.tree.inclusionProof(index, size).catch((err: unknown) => {
          if (err instanceof ProofUnavailableError) return undefined;
          throw err;
        });
        if (!path || !verifyInclusion(eventLeafHash(event.hash), index, size, path, root)) {
          io.stderr.write(`${t(locale, 'transparency.storeTreeDiffers', { source: stored.label })}\n`);
          return EXIT.problems;
        }
        io.stdout.write(`${JSON.stringify(makeProofBundle(event, index, path, signed, size), null, 2)}\n`);
        return EXIT.ok;
      } finally {
        await stored.close();
      }
    }
    const log = await readLogTree(positionals[0]!, io);
    if (log.problems > 0) {
      io.stderr.write(`${t(locale, 'prove.refused', { source: log.label, count: log.problems })}\n`);
      return EXIT.problems;
    }
    const index = log.events.findIndex(isCertificate);
    if (index < 0) {
      io.stderr.write(`${t(locale, 'prove.noCertificate', { source: log.label, number })}\n`);
      return EXIT.problems;
    }
    let size: number;
    let signedNote: string;
    if (typeof values.key === 'string') {
      const signer = noteSigner(readArgFile(io, values.key, 'key', 'prove'));
      size = log.tree.size;
      signedNote = await signCheckpoint(
        { origin: signer.name, size, rootHash: log.tree.root(), extensions: [] },
        signer,
      );
    } else {
      signedNote = note!;
      const cp = kept!;
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
    const bundle = makeProofBundle(log.events[index]!, index, log.tree.inclusionProof(index, size), signedNote, size);
    io.stdout.write(`${JSON.stringify(bundle, null, 2)}\n`);
    return EXIT.ok;
  },
};
