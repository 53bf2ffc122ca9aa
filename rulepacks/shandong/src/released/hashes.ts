/**
 * The hashes every known build of each released version of shandong recorded in
 * logs, by version. Replay accepts a decision recorded under any of them as
 * that version (not as a pack that changed). When the version is bumped, the
 * hash the old version had (its snapshot.md shows it) is added to its list.
 *
 * 1.0.0 was identified by the text of its rule functions, which differs per
 * build: run from TS source (tsx), from dist ESM, from dist CJS.
 */
export const KNOWN_HASHES: Readonly<Record<string, readonly string[]>> = {
  '1.0.0': [
    'a9489a6db7b8b1df64709798587e17a51a9f31834bb1026201c699290c1bc1c6', // TS source (tsx)
    '25b8c7f0358536448954564c82183ae86927eabfd40a37ecf954ef2c05aee60c', // dist ESM
    '5f3c4303c38d0e136c706024fcdd424bd592802dc4d4c8a2d46a704ffd9561d6', // dist CJS
    '5a2dff54b607ba40e02605bbfd6d792f8c881b5fe09f7ec420a2c0dca0b407f7', // over the source digest (every build)
  ],
  '1.1.0': [
    'be0c6d8815c4bfc50734dd6ddfaf0b74eff5644ddf38917a5e34ab5b10cc57f3', // over the source digest (every build)
  ],
};
