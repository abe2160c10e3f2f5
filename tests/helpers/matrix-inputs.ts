/**
 * The inputs the role × clearance matrix sends: each method's sample (method-samples.ts),
 * then the same input aimed at a secret record — every declared target field in turn
 * replaced by the secret record of its kind — and, for list, search, count and export
 * methods, queries that would find the secret records (part of a marker, of the person's
 * name or 公民身份号码, their year or volume). Never a whole marker: an answer that echoes the
 * caller's own query must not count as a leak.
 */
import { methods, type MethodName } from '../../electron/contract/methods';
import type { TargetKind } from '../../electron/contract/targets';
import type { MethodFixture } from './method-fixture';
import { METHOD_SAMPLES } from './method-samples';
import { ITEM_YEAR, VOLUME_YEAR, type SecretSet } from './secret-fixture';

export type MatrixNode = 'station' | 'bureau';

export interface Variant {
  /** What the input aims at, for the failure message. */
  label: string;
  node: MatrixNode;
  input: unknown;
}

export type Patch = Record<string, unknown>;

const itemQueries = (fx: MethodFixture, s: SecretSet): Patch[] => [
  { filters: { title: `MK${s.level}-` } },
  { filters: { personNames: s.personName.slice(0, 5) } },
  { filters: { archiveCode: `MK${s.level}` } },
  { scope: { categoryId: fx.ws, year: ITEM_YEAR } },
  { scope: { categoryId: fx.jt, year: VOLUME_YEAR } },
  { scope: { volumeId: s.volumeId } },
  { scope: { volumeId: fx.volumeId } },
  { securityLevel: s.level },
  { includeDeleted: true, limit: 500 },
];

const textQueries = (s: SecretSet): Patch[] =>
  [`MK${s.level}-题`, `MK${s.level}-识别`, `MK${s.level}-事故`, s.personName.slice(0, 5), s.idNumber.slice(0, 14)].map(
    (q) => ({ q }),
  );

/**
 * Record fields that are not declared targets (their handlers or queries guard them; see
 * clearance-targets.test.ts's NOT_A_TARGET), and queries of list/search/count methods.
 */
const AIMS: Partial<Record<MethodName, (fx: MethodFixture, s: SecretSet) => Patch[]>> = {
  'persons.get': (_, s) => [{ id: s.personId }],
  'persons.search': (_, s) => [
    { q: s.personName.slice(0, 5) },
    { q: s.idNumber.slice(0, 14) },
    { q: s.idNumber.slice(-6) },
  ],
  'search.query': (_, s) => textQueries(s),
  'search.saved.save': (_, s) => textQueries(s).map((p) => ({ ...p, name: `查${s.level}` })),
  'search.recent.add': (_, s) => textQueries(s),
  'catalogue.query': itemQueries,
  'catalogue.export': itemQueries,
  'catalogue.tree': (fx, s) =>
    (
      [
        { categoryId: fx.ws },
        { categoryId: fx.ws, year: ITEM_YEAR },
        { categoryId: fx.ws, year: ITEM_YEAR, retention: 'Y' },
        { categoryId: fx.jt, year: VOLUME_YEAR },
        { volumeId: s.volumeId },
        { volumeId: fx.volumeId },
      ] as Patch[]
    ).map((parent) => ({ parent })),
  'volumes.list': (fx, s) => [
    { scope: { categoryId: fx.jt, year: VOLUME_YEAR } },
    { scope: { categoryId: fx.jt } },
    { scope: { volumeId: s.volumeId } },
  ],
  // The secret records' own placement (their 机构代码 is a marker: the caller typed it, see
  // sentByCaller), where a number, a plan or a message could name them.
  'catalogue.nextCode': (fx, s) => [
    { categoryId: fx.ws, year: ITEM_YEAR },
    { categoryId: fx.ws, year: ITEM_YEAR, orgCode: `MK${s.level}ORG` },
  ],
  'volumes.nextCode': (fx, s) => [
    { categoryId: fx.jt, year: VOLUME_YEAR },
    { categoryId: fx.jt, year: VOLUME_YEAR, orgCode: `MK${s.level}VOL` },
  ],
  'catalogue.placementPreview': (fx, s) => [{ categoryId: fx.ws, year: ITEM_YEAR, orgCode: `MK${s.level}ORG` }],
  'volumes.placementPreview': (_, s) => [{ year: VOLUME_YEAR, orgCode: `MK${s.level}VOL` }],
  'catalogue.renumber': (fx, s) =>
    [false, true].map((apply) => ({
      scope: { categoryId: fx.ws, year: ITEM_YEAR, retention: 'Y', orgCode: `MK${s.level}ORG` },
      apply,
    })),
  'sync.conflicts.get': (_, s) => [{ id: s.conflictId }],
  'sync.conflicts.resolve': (_, s) => [{ id: s.conflictId }],
  'sync.stations.records': () => ['item', 'volume', 'person', 'page'].map((entity) => ({ entity, limit: 200 })),
  'bureau.stats': () => [{ yearFrom: ITEM_YEAR, yearTo: VOLUME_YEAR }],
  'audit.list': () => [
    { entity: 'item' },
    { entity: 'volume' },
    { entity: 'person' },
    { entity: 'page' },
    { limit: 500 },
  ],
  'scan.batches': () => [{ limit: 200 }],
  'verify.queue': () => [{ limit: 500 }],
};

/**
 * The marker strings a call's input holds: the caller typed them (a 机构代码 aimed at the
 * secret records' placement), so an answer that repeats them tells nothing. Not record ids:
 * an answer must not repeat an id the caller may not see even when they sent it.
 */
export const sentByCaller = (input: unknown, markers: string[]): Set<string> => {
  const sent = JSON.stringify(input) ?? '';
  return new Set(markers.filter((mk) => mk.startsWith('MK') && sent.includes(mk)));
};

const idOf = (kind: TargetKind, s: SecretSet): string =>
  ({ item: s.itemId, volume: s.volumeId, page: s.pageIds[0]!, batch: s.batchId })[kind];

/** `base` with `field` (dotted for a nested one) set to `value`. */
function withField(base: unknown, field: string, value: unknown): Patch {
  const [head, ...rest] = field.split('.');
  const obj = { ...((base ?? {}) as Patch) };
  obj[head!] = rest.length ? withField(obj[head!], rest.join('.'), value) : value;
  return obj;
}

/** Methods the matrix runs at the bureau too (a station sample): reads of what the bureau holds. */
const readsEverywhere = (m: MethodName) =>
  !methods[m].mutates && ['catalogue.read', 'audit.read'].includes(methods[m].access as string);

/** The method's sample input, made once (a sample may make records or start a scan for it). */
export const sampleInput = async (fx: MethodFixture, m: MethodName): Promise<Patch> =>
  (await METHOD_SAMPLES[m].input(fx as never)) as Patch;

/** The inputs for a method at one secret level: `base` (its sample input), then aimed at the level's records. */
export function variantsOf(fx: MethodFixture, m: MethodName, s: SecretSet, base: Patch): Variant[] {
  const node = METHOD_SAMPLES[m].on as MatrixNode;
  const spec = methods[m] as unknown as {
    input: { safeParse(x: unknown): { success: boolean; data?: unknown } };
    targets?: Record<string, TargetKind | ((i: unknown) => TargetKind)>;
  };
  const inputs: [string, unknown][] = [['sample', base]];
  for (const [field, declared] of Object.entries(spec.targets ?? {})) {
    const parsed = spec.input.safeParse(base).data;
    const kind = typeof declared === 'function' ? declared(parsed) : declared;
    const id = idOf(kind, s);
    // An array field names one record per element: try the id alone, then as a list.
    const one = withField(base, field, id);
    const aimed = spec.input.safeParse(one).success ? one : withField(base, field, [id]);
    inputs.push([`${field}→secret ${kind}`, aimed]);
  }
  for (const patch of AIMS[m]?.(fx, s) ?? []) inputs.push([JSON.stringify(patch), { ...base, ...patch }]);
  const nodes: MatrixNode[] = node === 'station' && readsEverywhere(m) ? ['station', 'bureau'] : [node];
  return nodes.flatMap((n) => inputs.map(([label, input]) => ({ label: `${n} ${label}`, node: n, input })));
}
