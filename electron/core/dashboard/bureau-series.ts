/**
 * The bureau's dashboard series, counted over what the stations sent (station_records): items,
 * volumes and pages held at each month's end, per station, with the county report's holdings rule
 * (statistics/bureau.ts: created before the end and not deleted before it, in the station's own
 * fields). One grouped scan per entity and date column, as at the station (series.ts).
 */
import type { BureauMonth } from '../../contract/dashboard';
import type { CoreContext } from '../kernel';
import { bucket, monthEnds } from './series';

type Entity = 'item' | 'volume' | 'page';
const ENTITIES: Entity[] = ['item', 'volume', 'page'];

/** Per station: how many of its mirrored rows of an entity have the date column before each boundary. */
function before(
  ctx: CoreContext,
  entity: Entity,
  col: 'created_at' | 'deleted_at',
  n: number,
  b: Record<string, string>,
  only: string | null,
): Map<string, number[]> {
  const rows = ctx.sqlite
    .prepare(
      `SELECT s, ${bucket('at', 0, n)} AS k, count(*) AS c FROM (
         SELECT station_id AS s, json_extract(fields, '$.fields.${col}') AS at FROM station_records
         WHERE entity = @entity AND (@only IS NULL OR station_id = @only)) WHERE at IS NOT NULL GROUP BY s, k`,
    )
    .all({ ...b, entity, only }) as { s: string; k: number; c: number }[];
  const hist = new Map<string, number[]>();
  for (const r of rows) {
    const h = hist.get(r.s) ?? new Array<number>(n + 1).fill(0);
    h[r.k] = r.c;
    hist.set(r.s, h);
  }
  const out = new Map<string, number[]>();
  for (const [s, h] of hist) {
    let run = 0;
    out.set(
      s,
      h.slice(0, n).map((c) => (run += c)),
    );
  }
  return out;
}

/** Each station's months (oldest first, the last ending with `asOf`); stations with nothing sent are absent. */
export function mirroredProgress(ctx: CoreContext, asOf: string, only: string | null): Map<string, BureauMonth[]> {
  const ends = monthEnds(asOf);
  const n = ends.length;
  const b = Object.fromEntries(ends.map((e, k) => [`b${k}`, e.end]));
  const out = new Map<string, BureauMonth[]>();
  const at = (s: string) => {
    let m = out.get(s);
    if (!m) out.set(s, (m = ends.map((e) => ({ month: e.month, items: 0, volumes: 0, pages: 0 }))));
    return m;
  };
  for (const entity of ENTITIES) {
    const key = entity === 'item' ? 'items' : entity === 'volume' ? 'volumes' : 'pages';
    const created = before(ctx, entity, 'created_at', n, b, only);
    const deleted = before(ctx, entity, 'deleted_at', n, b, only);
    for (const [s, c] of created) {
      const d = deleted.get(s);
      const months = at(s);
      for (let k = 0; k < n; k++) months[k]![key] = c[k]! - (d?.[k] ?? 0);
    }
  }
  return out;
}

/** Months summed over stations. */
export function sumMonths(asOf: string, list: BureauMonth[][]): BureauMonth[] {
  return monthEnds(asOf).map((e, k) => ({
    month: e.month,
    items: list.reduce((a, m) => a + m[k]!.items, 0),
    volumes: list.reduce((a, m) => a + m[k]!.volumes, 0),
    pages: list.reduce((a, m) => a + m[k]!.pages, 0),
  }));
}
