// sm-crypto ships no types; the SM2 test uses it only as an independent check.
declare module 'sm-crypto';
