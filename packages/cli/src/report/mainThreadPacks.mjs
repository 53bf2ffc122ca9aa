// Test-only: a `--packs` module that loads on the main thread and refuses to
// load in a worker thread, so that `report --pages` meets workers that fail
// (parallelReport.int.spec.ts): the report is then written by one thread.
import { isMainThread } from 'node:worker_threads';
import { testRulePack } from '@certflow/core/testing';

if (!isMainThread) throw new Error('this module of packs loads on the main thread only');

export const packs = [testRulePack];
