/**
 * A quota stream has no machine: its state is what `quotaHolders` folds, the
 * stream's version and the application streams holding a place, each with the
 * position of its reservation.
 */
export interface QuotaContext {
  version: number;
  holders: Map<string, number>;
}
