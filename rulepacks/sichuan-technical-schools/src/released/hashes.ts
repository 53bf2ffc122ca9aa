/**
 * The hashes every known build of each released version of sichuan-technical-schools recorded in
 * logs, by version. Replay accepts a decision recorded under any of them as
 * that version (not as a pack that changed). When the version is bumped, the
 * hash the old version had (its snapshot.md shows it) is added to its list.
 *
 * 1.0.0 was identified by the text of its rule functions, which differs per
 * build: run from TS source (tsx), from dist ESM, from dist CJS.
 */
export const KNOWN_HASHES: Readonly<Record<string, readonly string[]>> = {
  '1.0.0': [
    'c67b74606c217d09200ab74bda0a14c15b0508c9fb7b1827ce78d3f0d49c5c08', // TS source (tsx)
    '667634721b13d980f978325ea242fce9e12a9233a5d8f608bb92106c5a1f2242', // dist ESM
    'e5a590f2ceca13ed4d8ee756e9df691683c359bc94f88f932390b0fcc4e37920', // dist CJS
    '07d2e12d694f2b61feb85d8e761425f0fe3d09d099b652165440dc075dd09e31', // over the source digest (every build)
  ],
  '1.1.0': [
    '149c628c0c0096977678e521c70a67fc0b9b75a8de7ccee57a4a01afd7d6e71f', // over the source digest (every build)
  ],
};
