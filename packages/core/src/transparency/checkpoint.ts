import { HASH_SIZE, type Hash } from './merkle.js';
import { MalformedNoteError } from './errors.js';
import { openNote, signNote, type NoteSigner, type NoteVerifier } from './note.js';

/**
 * C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the note text
 *   <origin>\n<tree size, decimal>\n<base64 root hash>\n[extension lines]
 * signed as a signed note by the log's key.
 */
export interface Checkpoint {
  /** Names the log, e.g. `certflow.example.gov.cn/jinan`; should match the log key's name. */
  origin: string;
  size: number;
  rootHash: Hash;
  extensions: string[];
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

export function formatCheckpoint(c: Checkpoint): string {
  if (!c.origin || /[\n]/.test(c.origin))
    throw new MalformedNoteError('checkpoint', 'the origin must be one non-empty line');
  if (!Number.isSafeInteger(c.size) || c.size < 0)
    throw new MalformedNoteError('checkpoint', `bad tree size ${c.size}`);
  if (c.rootHash.length !== HASH_SIZE) throw new MalformedNoteError('checkpoint', 'the root hash must be 32 bytes');
  for (const e of c.extensions)
    if (!e || e.includes('\n')) throw new MalformedNoteError('checkpoint', 'an extension must be one non-empty line');
  return [c.origin, String(c.size), b64(c.rootHash), ...c.extensions].join('\n') + '\n';
}

/** Parses a checkpoint body (the note text, without signatures). */
export function parseCheckpoint(text: string): Checkpoint {
  const lines = text.split('\n');
  if (lines.length < 4 || lines[lines.length - 1] !== '')
    throw new MalformedNoteError('checkpoint', 'expected origin, size and root hash lines, each ending in a newline');
  lines.pop();
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];
  if (!origin) throw new MalformedNoteError('checkpoint', 'empty origin line');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText)))
    throw new MalformedNoteError('checkpoint', `bad tree size ${JSON.stringify(sizeText)}`);
  const root = new Uint8Array(Buffer.from(rootText, 'base64'));
  if (root.length !== HASH_SIZE || b64(root) !== rootText)
    throw new MalformedNoteError('checkpoint', 'the root hash line must be the base64 of 32 bytes');
  if (extensions.some((e) => e === '')) throw new MalformedNoteError('checkpoint', 'empty extension line');
  return { origin, size: Number(sizeText), rootHash: root, extensions };
}

/** A signed checkpoint: the C2SP signed note, text first. */
export function signCheckpoint(c: Checkpoint, signer: NoteSigner): Promise<string> {
  return signNote(formatCheckpoint(c), [signer]);
}

/** Verifies a signed checkpoint against the log's verifier and parses it. */
export function openCheckpoint(note: string, verifier: NoteVerifier): { checkpoint: Checkpoint; text: string } {
  const { text } = openNote(note, verifier, 'checkpoint');
  const checkpoint = parseCheckpoint(text);
  return { checkpoint, text };
}
