/**
 * The hashes every known build of each released version of shanghai recorded in
 * logs, by version. Replay accepts a decision recorded under any of them as
 * that version (not as a pack that changed). When the version is bumped, the
 * hash the old version had (its snapshot.md shows it) is added to its list.
 *
 * 1.0.0 was identified by the text of its rule functions, which differs per
 * build: run from TS source (tsx), from dist ESM, from dist CJS.
 */
export const KNOWN_HASHES: Readonly<Record<string, readonly string[]>> = {
  '1.0.0': [
    '7fa2f2835129e842c9fbd5d9a4f3f5fc8cf7c8f9170fa5670ee6a5da0c520bce', // TS source (tsx)
    '40e23a9c670fb8a065abff0d12938ee93b8e97021d546a6a0968039006db29f7', // dist ESM
    'f234340eb4149d007c79f93d56076bf0278d275a4bd185e2189afe8148b1ccf5', // dist CJS
    'cab1112362fb7ec0fa0c0260b01c61f425f91511e48ee765fe34ce0623620f0a', // over the source digest (every build)
  ],
  '1.1.0': [
    '328c4afb80b20e508db191f8dd9052f404c30975a76145c2caee2954ef408ad7', // over the source digest (every build)
  ],
};
