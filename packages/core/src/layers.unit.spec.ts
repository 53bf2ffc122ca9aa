import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Imports inside core run one way, from the bottom up:
// errors < log (event, hash, store contract, verify) < domain (vocabulary, calendar
// interface, profile) < rules < streams < engine < readModels < the entries.
// A file may import its own layer and those below, never one above.
const src = dirname(fileURLToPath(import.meta.url));
const LAYERS = ['errors', 'log', 'domain', 'rules', 'streams', 'engine', 'readModels', 'entry'] as const;
type Layer = (typeof LAYERS)[number];

const ERRORS = new Set(['errors.ts', 'messages.ts', 'zodIssues.ts', 'issueCodes.ts', 'path.ts', 'findingTexts.ts']);
const LOG = new Set([
  'event.ts',
  'hash.ts',
  'eventStore.ts',
  'validateEvents.ts',
  'verifyLog.ts',
  'verifyLogStream.ts',
  'importEvents.ts',
  'memoryStore.ts',
  'subscriptionRunner.ts',
  'commandClaims.ts',
]);
// The label table names events of the catalogue (streams) in both languages: it sits with the entries.
const ENTRY = new Set(['index.ts', 'labels.ts']);
const FOLDERS: Record<string, Layer> = {
  locales: 'errors',
  personal: 'log',
  transparency: 'log',
  store: 'entry',
  domain: 'domain',
  rules: 'rules',
  streams: 'streams',
  engine: 'engine',
  readModels: 'readModels',
  testing: 'entry',
  fixtures: 'entry',
};

function layerOf(file: string): Layer {
  const [top, ...rest] = relative(src, file).split('/');
  if (rest.length === 0) {
    if (ENTRY.has(top!)) return 'entry';
    if (ERRORS.has(top!)) return 'errors';
    if (LOG.has(top!)) return 'log';
  } else if (FOLDERS[top!]) return FOLDERS[top!]!;
  throw new Error(`${relative(src, file)} belongs to no layer: add it to layers.unit.spec.ts`);
}

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
const sources = walk(src).filter((f) => f.endsWith('.ts') && !/\.(spec|fixtures)\.ts$/.test(f) && !f.endsWith('.d.ts'));

/** Relative imports and re-exports of a file, type-only ones included: a type import is a dependency too. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s*'(\.[^']+)'/g),
    ...text.matchAll(/import\(\s*'(\.[^']+)'\s*\)/g),
  ].map((m) => m[1]!);
  return specifiers.map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')));
}

describe('layers of core', () => {
  it('knows the layer of every source file and finds its imports', () => {
    expect(sources.length).toBeGreaterThan(80);
    for (const f of sources) expect(LAYERS).toContain(layerOf(f));
    // The parser sees what it must: execute imports the command table, a machine its context.
    const rel = (f: string) => relative(src, f);
    expect(importsOf(join(src, 'engine/execute.ts')).map(rel)).toContain('streams/commandTable.ts');
    expect(importsOf(join(src, 'streams/exam/machine.ts')).map(rel)).toContain('streams/exam/context.ts');
  });

  it('imports only from its own layer or one below', () => {
    const edges = sources.flatMap((f) => importsOf(f).map((t): [string, string] => [f, t]));
    expect(edges.length).toBeGreaterThan(300);
    expect(upward(edges)).toEqual([]);
  });

  it('reports an import from a layer above', () => {
    const at = (f: string) => join(src, f);
    expect(
      upward([
        [at('streams/fold.ts'), at('engine/execute.ts')],
        [at('engine/execute.ts'), at('streams/fold.ts')],
      ]),
    ).toEqual(['streams/fold.ts (streams) imports engine/execute.ts (engine)']);
  });
});

function upward(edges: [string, string][]): string[] {
  return edges
    .filter(([f, t]) => LAYERS.indexOf(layerOf(t)) > LAYERS.indexOf(layerOf(f)))
    .map(([f, t]) => `${relative(src, f)} (${layerOf(f)}) imports ${relative(src, t)} (${layerOf(t)})`);
}
