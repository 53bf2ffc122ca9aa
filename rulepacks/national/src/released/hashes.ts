/**
 * The hashes every known build of each released version of national recorded in
 * logs, by version. Replay accepts a decision recorded under any of them as
 * that version (not as a pack that changed). When the version is bumped, the
 * hash the old version had (its snapshot.md shows it) is added to its list.
 *
 * 1.0.0 was identified by the text of its rule functions, which differs per
 * build: run from TS source (tsx), from dist ESM, from dist CJS.
 */
export const KNOWN_HASHES: Readonly<Record<string, readonly string[]>> = {
  '1.0.0': [
    '9a89a3ce640e81682ee91d52556acf6aa00c79607c7604ee87fa0495a925c924', // TS source (tsx)
    '58b092affbb08360ff88bcd2ffed08f3d15b53dfa56c28fe6026bf2479921018', // dist ESM
    'de7c847a3a7061576d439799b4d5d11bf08db31b4c1a6868d511b8360bde4004', // dist CJS
    '3dd19d8532e030f9308b266d3afed7c6701aca028d91791a7146bfbcab98156d', // over the source digest (every build)
  ],
  '1.1.0': [
    'c9f777aded2e7a176506ccb13b871234ac9f78c6b6456147ea8f81e47134aed8', // over the source digest (every build)
  ],
};
