import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DISPLAY_LINE_PREFIX, linesOfBytes, readJsonl, toJsonlLine } from './jsonl.js';

// linesOfBytes splits bytes into lines exactly as readline (crlfDelay
// Infinity) splits the decoded text, wherever the chunks are cut: through
// \r\n, after a lone \r, inside a UTF-8 sequence.
const viaReadline = async (text: string) => {
  const out: string[] = [];
  for await (const l of createInterface({ input: Readable.from([text]), crlfDelay: Number.POSITIVE_INFINITY }))
    out.push(l);
  return out;
};
const viaBytes = async (bytes: Buffer, cut: number) => {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += cut) chunks.push(bytes.subarray(i, i + cut));
  const out: string[] = [];
  for await (const l of linesOfBytes(Readable.from(chunks))) out.push(l);
  return out;
};

describe('linesOfBytes', () => {
  const texts = [
    '{"a":1}\n{"b":2}\n',
    '{"a":1}\r\n{"b":2}\r\n',
    '{"a":1}\r{"b":2}\rlast',
    'one\r\r\ntwo\n\n\r\nthree\r',
    '证书编号 一\n身份证号 二\r\n三 😀 四',
    '\n\n  \n',
    'no line break at all',
    '',
  ];
  it.each(texts.map((t) => [JSON.stringify(t), t]))(
    '%s: the lines readline finds, at every chunk size',
    async (_, text) => {
      const want = await viaReadline(text);
      const bytes = Buffer.from(text, 'utf8');
      for (const cut of [1, 2, 3, 5, 7, 64]) expect(await viaBytes(bytes, cut)).toEqual(want);
    },
  );
});

describe('readJsonl with rawPrefix (display lines kept as text)', () => {
  it('keeps a line that begins with the prefix as text, parses every other line', async () => {
    const display = toJsonlLine({ certflowPersonal: { display: { 'personal:a:b': '3701**********1231' } } }).trimEnd();
    const text = [
      toJsonlLine({ certflowExport: { format: 2 } }).trimEnd(),
      display,
      '{"certflowPersonal":{"display":broken',
      '{"streamId":"s"}',
    ].join('\n');
    const out: unknown[] = [];
    for await (const r of readJsonl(Readable.from([text]), { rawPrefix: DISPLAY_LINE_PREFIX })) out.push(r);
    expect(out).toEqual([
      { line: 1, value: { certflowExport: { format: 2 } } },
      { line: 2, raw: display },
      { line: 3, error: expect.stringContaining('not JSON') },
      { line: 4, value: { streamId: 's' } },
    ]);
  });

  it('keeps a display line split across chunks as its bytes, and parses one that holds a \\r', async () => {
    const display = toJsonlLine({ certflowPersonal: { display: { 'personal:a:b': '考**' } } }).trimEnd();
    const bytes = Buffer.from(`${display}\n${display.replace('考', '\r考')}\n${display}`, 'utf8');
    const chunks = [bytes.subarray(0, 7), bytes.subarray(7, 40), bytes.subarray(40)];
    const out: unknown[] = [];
    for await (const r of readJsonl(Readable.from(chunks), { rawPrefix: DISPLAY_LINE_PREFIX })) out.push(r);
    expect(out).toEqual([
      { line: 1, raw: display },
      { line: 2, error: expect.stringContaining('not JSON') },
      { line: 3, error: expect.stringContaining('not JSON') },
      { line: 4, raw: display },
    ]);
  });
});
