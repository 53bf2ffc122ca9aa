// The rule the docs follow: code samples come from files that tests run.
// This module finds the code blocks of the markdown documents, the snippet
// markers before them and the regions they quote; snippets.spec.ts checks
// them and runs the snippet files.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');

/** Code blocks in these languages are samples: each must quote a snippet file. */
export const SAMPLE_LANGUAGES = ['ts', 'typescript', 'tsx', 'js', 'javascript', 'mjs', 'cjs'];

/**
 * Blocks in these languages are not code samples (commands, data, schemas,
 * diagrams, printed output) and need no marker. A block with any other
 * language, or with none, is refused: label it.
 */
export const EXEMPT_LANGUAGES = ['sh', 'bash', 'shell', 'console', 'text', 'json', 'jsonc', 'yaml', 'sql', 'mermaid'];

/** The markdown files whose code blocks are checked. */
export function documents(): string[] {
  const files = ['README.md', ...(existsSync(join(root, 'README.zh-CN.md')) ? ['README.zh-CN.md'] : [])];
  const mdIn = (dir: string) =>
    existsSync(join(root, dir))
      ? readdirSync(join(root, dir))
          .filter((f) => f.endsWith('.md'))
          .map((f) => `${dir}/${f}`)
      : [];
  files.push(...mdIn('docs'), ...mdIn('docs/zh-CN'));
  for (const dir of ['packages', 'rulepacks', 'examples']) {
    if (existsSync(join(root, dir, 'README.md'))) files.push(`${dir}/README.md`);
    if (!existsSync(join(root, dir))) continue;
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      if (e.isDirectory() && existsSync(join(root, dir, e.name, 'README.md'))) files.push(`${dir}/${e.name}/README.md`);
    }
  }
  return files.sort();
}

export interface CodeBlock {
  doc: string;
  /** 1-based line of the opening fence. */
  line: number;
  language: string;
  /** The block's text, the fence's indentation removed. */
  code: string;
  /** `path` or `path#region` from a `<!-- snippet: … -->` comment above the fence. */
  snippet?: string;
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)[^`]*$/;
const MARKER = /^<!--\s*snippet:\s*(\S+)\s*-->$/;

/** Every fenced code block of a markdown file, with the snippet marker above it if any. */
export function codeBlocks(doc: string): CodeBlock[] {
  const lines = readFileSync(join(root, doc), 'utf8').split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const [, indent = '', fence = '', language = ''] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = lines[j]!;
      if (l.trim().startsWith(fence) && l.trim().replace(/[`~]/g, '') === '') break;
      body.push(l.startsWith(indent) ? l.slice(indent.length) : l.trimStart());
    }
    // Markers: the HTML comment lines directly above the fence.
    let snippet: string | undefined;
    for (let k = i - 1; k >= 0 && /^\s*<!--.*-->\s*$/.test(lines[k]!); k--) {
      snippet ??= MARKER.exec(lines[k]!.trim())?.[1];
    }
    blocks.push({
      doc,
      line: i + 1,
      language: language.toLowerCase(),
      code: body.join('\n'),
      ...(snippet ? { snippet } : {}),
    });
    i = j;
  }
  return blocks;
}

const REGION = /^\s*\/\/ #(end)?region\b/;

/**
 * The text a marker quotes: the lines between `// #region <name>` and
 * `// #endregion <name>` with their common indentation removed (region
 * comment lines of other regions inside are dropped), or the whole file
 * without its trailing newline when the marker names no region.
 */
export function quotedText(snippet: string): string {
  const [path = '', region] = snippet.split('#');
  const file = join(root, path);
  if (!existsSync(file)) throw new Error(`snippet file ${path} does not exist`);
  const text = readFileSync(file, 'utf8');
  if (region === undefined) return text.trimEnd();
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === `// #region ${region}`);
  const end = lines.findIndex((l) => l.trim() === `// #endregion ${region}`);
  if (start < 0 || end < start)
    throw new Error(`${path} has no region "${region}" (// #region ${region} … // #endregion ${region})`);
  const body = lines.slice(start + 1, end).filter((l) => !REGION.test(l));
  const indents = body.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return body.map((l) => l.slice(common)).join('\n');
}

/** The runnable snippet files (docs/snippets/*.ts; this helper, the spec and *.fixture.ts aside). */
export function snippetFiles(): string[] {
  return readdirSync(join(root, 'docs/snippets'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && !f.endsWith('.fixture.ts') && f !== 'snippets.ts')
    .map((f) => `docs/snippets/${f}`)
    .sort();
}

/**
 * The outputs a snippet states: for each `console.log(…)` whose line ends
 * with `// <output>`, or that is followed by comment lines, those texts in
 * order. Anything after ` — ` is an explanation, not output; `…` stands for
 * any text.
 */
export function statedOutputs(path: string): string[] {
  const lines = readFileSync(join(root, path), 'utf8').split('\n');
  const outputs: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (!/console\.log\(/.test(l)) continue;
    const trailing = /\)[);,]*\s+\/\/ (.*)$/.exec(l)?.[1];
    if (trailing !== undefined) outputs.push(trailing);
    for (let k = i + 1; k < lines.length && /^\s*\/\/ /.test(lines[k]!) && !REGION.test(lines[k]!); k++) {
      outputs.push(lines[k]!.trim().slice(3));
    }
  }
  return outputs.map((o) => o.split(' — ')[0]!.trim());
}

/** A pattern matching a stated output as printed: whitespace flexible, `…` any text, whole lines. */
export function outputPattern(stated: string): RegExp {
  const parts = stated.split('…').map((p) =>
    p
      .trim()
      .split(/\s+/)
      .filter((w) => w !== '')
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('\\s+'),
  );
  return new RegExp(`(?:^|\\n)[ \\t]*${parts.join('[\\s\\S]*?')}[ \\t]*(?=\\n|$)`, 'g');
}

/** Checks that `stdout` prints every stated output, in order; returns the ones it does not. */
export function missingOutputs(stdout: string, stated: string[]): string[] {
  const missing: string[] = [];
  let from = 0;
  for (const s of stated) {
    const re = outputPattern(s);
    re.lastIndex = from;
    const m = re.exec(stdout);
    if (m) from = m.index + m[0].length;
    else missing.push(s);
  }
  return missing;
}

export const rel = (p: string) => relative(root, p);
