// A rule pack's source digest (see packages/cli/src/newPack/digest.ts, shared with `certflow new-pack`).
export {
  DIGEST_FILE,
  LOCALES_DIR,
  digestModule,
  packSourceDigest,
  packSourceFiles,
  writePackDigest,
} from '../packages/cli/src/newPack/digest.js';
