/**
 * The hashes every known build of each released version of national-industry-pilot recorded in
 * logs, by version. Replay accepts a decision recorded under any of them as
 * that version (not as a pack that changed). When the version is bumped, the
 * hash the old version had (its snapshot.md shows it) is added to its list.
 *
 * 1.0.0 was identified by the text of its rule functions, which differs per
 * build: run from TS source (tsx), from dist ESM, from dist CJS.
 */
export const KNOWN_HASHES: Readonly<Record<string, readonly string[]>> = {
  '1.0.0': [
    'c0c14305f4af1c445c921dec8781b4e28b6fdbda2f8e5476bbbaec00dc45639d', // TS source (tsx)
    '462759b0214dbb0cf39bd62831d2ca3c3648c884e27794770d40de53637fd7c0', // dist ESM
    '77a278179b82c1f8619b63d875a159a8169303461b6ce334dab94f4ec8371a75', // dist CJS
    'd1022fd597723ae339f1fb460459f09f991d30eae4b846ae30436286ccc8bf50', // over the source digest (every build)
  ],
  '1.1.0': [
    '27face82f56af7207c03283edeb5cb4f8a2a54e6766b0b4e56025b605dbd0d01', // over the source digest (every build)
  ],
};
