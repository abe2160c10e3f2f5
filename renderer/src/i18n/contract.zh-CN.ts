/**
 * The contract's own vocabularies (the audit log's actions and entities, the search fields),
 * taken into the one `t()` map under a prefix: the core writes the same Chinese labels into
 * audit rows and CLI output, so the text stays defined once, in electron/contract.
 */
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, SEARCH_FIELD_LABELS } from '../../../electron/contract';

type Prefixed<P extends string, T> = { readonly [K in keyof T & string as `${P}.${K}`]: T[K] };

function prefixed<P extends string, T extends Record<string, string>>(prefix: P, table: T): Prefixed<P, T> {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [`${prefix}.${k}`, v])) as Prefixed<P, T>;
}

export const contractZhCN = {
  ...prefixed('audit.action', AUDIT_ACTION_LABELS),
  ...prefixed('audit.entity', AUDIT_ENTITY_LABELS),
  ...prefixed('search.field', SEARCH_FIELD_LABELS),
};
