/** What a machine folds: a stored event's type and data (meta stays in the log). */
export interface MachineEvent<T extends string = string, D = unknown> {
  type: T;
  data: D;
}

/**
 * The events of one stream kind as a union, one member per type, each with
 * the `data` its catalogue schema infers: a machine's transitions and a read
 * model's `switch (e.type)` see typed data.
 */
export type EventUnion<Data> = { [K in keyof Data & string]: MachineEvent<K, Data[K]> }[keyof Data & string];

/** The pack a stream records on its first event: id, version and hash. */
export interface PackRef {
  id: string;
  version: string;
  hash: string;
}
