import { verifyLog, type LogProblem } from '@certflow/core';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { MaskedExportError } from '../errors.js';
import { progress } from '../progress.js';
import { openSource, readAllRecords, type SourceRecord } from '../sources.js';
import { CHECKPOINT_OPTIONS, checkCheckpointFlag } from './verifyCheckpoint.js';

/** A problem as `verify` reports it: verifyLog's, or a JSONL line that is not JSON. */
export type VerifyProblem = LogProblem | { streamId: null; version: null; position: null; kind: 'not-json'; line: number; detail: string };

export interface VerifyReport {
  ok: boolean;
  source: string;
  streams: number;
  events: number;
  problems: VerifyProblem[];
}

/** Runs verifyLog over records read from a source, adding lines that are not JSON as problems. */
export function verifyRecords(source: string, records: SourceRecord[]): VerifyReport {
  const notJson: VerifyProblem[] = [];
  const events: unknown[] = [];
  for (const r of records) {
    if ('error' in r) notJson.push({ streamId: null, version: null, position: null, kind: 'not-json', line: r.line, detail: r.error });
    else events.push(r.event);
  }
  const result = verifyLog(events);
  const problems = [...notJson, ...result.problems];
  return { ok: problems.length === 0, source, streams: result.streams, events: result.events, problems };
}

export function formatProblem(p: VerifyProblem): string {
  if (p.kind === 'not-json') return `✖ line ${p.line}: not-json — ${p.detail}`;
  const where = `${p.streamId} version ${p.version ?? '?'}${p.position !== null ? ` (position ${p.position})` : ''}`;
  return `✖ ${where}: ${p.kind} — ${p.detail}`;
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'check hash chains, version gaps and event schemas',
  usage: 'verify <source> [--json]',
  description: `
Recomputes every event's hash (RFC 8785 canonical JSON, SHA-256), checks that
each event chains to the previous one of its stream, that versions run 1..n
without gaps, and that every envelope is well formed. Reports the first broken
event of each stream. <source> is a SQLite file, a postgres:// URL (add
?schema=name for a schema other than certflow) or a JSONL export (- for stdin).

With --checkpoint <file> --vkey <file>, also checks that the log extends a
signed checkpoint kept from before (certflow checkpoint): a rewrite, a
truncation or a removal of anything before it fails (docs/transparency.md).

Exit codes: 0 the log verifies, 1 problems were found, 2 usage error.`,
  options: { json: { type: 'boolean', description: 'print the result as JSON' }, ...CHECKPOINT_OPTIONS },
  positionals: { names: ['source'], min: 1 },
  async run({ values, positionals, io }) {
    const source = await openSource(positionals[0]!, io);
    try {
      if (source.header?.certflowExport.masked) throw new MaskedExportError(source.label, 'verified');
      const bar = progress(io, 'verify', { json: values.json === true });
      const records = await readAllRecords(source, (n) => bar.update(n));
      bar.done();
      const report: VerifyReport & { checkpoint?: unknown } = verifyRecords(source.label, records);
      const checkpoint = checkCheckpointFlag(values, records, io);
      if (checkpoint) {
        report.ok &&= checkpoint.ok;
        report.checkpoint = checkpoint.json;
        if (!values.json) io.stdout.write(`${checkpoint.line}\n`);
      }
      if (values.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else {
        for (const p of report.problems) io.stdout.write(`${formatProblem(p)}\n`);
        io.stdout.write(
          report.ok
            ? `✔ ${report.source}: ${report.events} events in ${report.streams} streams verify\n`
            : `✖ ${report.source}: ${report.problems.length} problem(s) in ${report.events} events, ${report.streams} streams\n`,
        );
      }
      return report.ok ? EXIT.ok : EXIT.problems;
    } finally {
      await source.close();
    }
  },
};
