import type { StreamKind } from '../event.js';
import { type PersonalFieldPath, personalFieldPaths } from '../personal/fields.js';
import { EVENT_CATALOGUE } from './catalogue.js';

/**
 * The personal fields of every event type of the catalogue, by stream kind and
 * type, with paths under the event's `data` (`'*'` = every array element):
 * the roster and results' 身份证号 and names of an exam, the holders of its
 * certificates. Derived from the `personal(…)` marks in the catalogue's
 * schemas, never listed by hand; event types without personal data are absent.
 */
export function personalEventFields(): Record<StreamKind, Record<string, PersonalFieldPath[]>> {
  const out = {} as Record<StreamKind, Record<string, PersonalFieldPath[]>>;
  for (const [kind, types] of Object.entries(EVENT_CATALOGUE) as [StreamKind, (typeof EVENT_CATALOGUE)[StreamKind]][]) {
    out[kind] = {};
    for (const [type, schema] of Object.entries(types)) {
      const fields = personalFieldPaths(schema);
      if (fields.length > 0) out[kind][type] = fields;
    }
  }
  return out;
}

let cached: Record<StreamKind, Record<string, PersonalFieldPath[]>> | undefined;
/** {@link personalEventFields} of one stream kind, computed once. */
export function personalEventFieldsOf(kind: StreamKind): Record<string, PersonalFieldPath[]> {
  cached ??= personalEventFields();
  return cached[kind];
}
