/**
 * What the 装盒 dialog asks of the core: one named action per request, so the components
 * never call the client themselves.
 */
import type { MethodInput } from '../../../../electron/contract';
import { call } from '../../api/client';

export const proposeBoxing = (input: MethodInput<'boxes.propose'>) => call('boxes.propose', input);
export const confirmBoxing = (input: MethodInput<'boxes.confirm'>) => call('boxes.confirm', input);
export const listBoxes = (input: MethodInput<'boxes.list'>) => call('boxes.list', input);
export const getBox = (input: MethodInput<'boxes.get'>) => call('boxes.get', input);
/** The grid's rows `from`..`to` (inclusive) of a catalogue query, fetched 500 at a time. */
export async function gridRowIds(
  query: Omit<MethodInput<'catalogue.query'>, 'offset' | 'limit'>,
  from: number,
  to: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = from; offset <= to; offset += 500) {
    const res = await call('catalogue.query', { ...query, offset, limit: Math.min(500, to - offset + 1) });
    ids.push(...res.rows.filter((r) => !r.deletedAt).map((r) => r.id));
  }
  return ids;
}
