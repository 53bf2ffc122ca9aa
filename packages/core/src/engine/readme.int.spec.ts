import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as core from '@certflow/core';
import * as testing from '@certflow/core/testing';

describe('README example', () => {
  it('runs and prints what its comments say', async () => {
    const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
    const code = /```ts\n([\s\S]*?)```/.exec(readme)![1]!;
    const body = code
      .replace(/^import .*$/gm, '')
      .replace(/ as const/g, '')
      .replace(/(\w+)\?\./g, '$1?.');
    const printed: string[] = [];
    const log = (...a: unknown[]) => void printed.push(a.join(' '));
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
    await new AsyncFunction(
      'createEngine',
      'memoryStore',
      'testCalendar',
      'testProfile',
      'testRulePack',
      'console',
      body,
    )(core.createEngine, core.memoryStore, testing.testCalendar, testing.testProfile, testing.testRulePack, { log });
    const expected = [...code.matchAll(/console\.log\(.*\); \/\/ (.*)$/gm)].map((m) => m[1]);
    expect(printed).toEqual(expected);
  });
});
