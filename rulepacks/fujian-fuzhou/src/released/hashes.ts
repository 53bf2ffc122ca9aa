/**
 * The hashes every known build of each released version of fujian-fuzhou recorded in
 * logs, by version. Replay accepts a decision recorded under any of them as
 * that version (not as a pack that changed). When the version is bumped, the
 * hash the old version had (its snapshot.md shows it) is added to its list.
 *
 * 1.0.0 was identified by the text of its rule functions, which differs per
 * build: run from TS source (tsx), from dist ESM, from dist CJS.
 */
export const KNOWN_HASHES: Readonly<Record<string, readonly string[]>> = {
  '1.0.0': [
    'e0d4106511ac1ac3644d4484a2c533bbf816cc611427dffec0b83123f73aeac1', // TS source (tsx)
    '4727af225f331af37ef04277ff7e4a353cdeefeb451d8a2ee495df47d03aa8f9', // dist ESM
    '88beabc783b0c944994f1c1d262104323d4cdf033ebbeebe2d3975d5cdb45357', // dist CJS
    'ad087795ca1ce2ed06eb4d343ecd2b46bed30df0318f3efdec6db5649fb77085', // any build, from its source digest
  ],
  '1.1.0': [
    'f404bae432e1b3ec70656a61f0eebb14e16366158840f70071fd0ed31476edea', // over the source digest (every build)
  ],
};
