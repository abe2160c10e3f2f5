/** The stocktake.* methods of the contract: 盘点. */
import { actorOf, type Handlers, sessionOf } from '../kernel';
import { exportReport, printReport } from './files';
import { decodeLabels } from './photo';
import { buildReport } from './report';
import { recordScans } from './scans';
import { acceptStocktake, cancelStocktake, listStocktakes, startStocktake } from './sessions';
import { openStocktake } from './rows';

export const stocktakeHandlers = {
  'stocktake.start': (env, input) => startStocktake(env.ctx, actorOf(sessionOf(env)), input),
  'stocktake.list': ({ ctx }, input) => listStocktakes(ctx, input),
  'stocktake.get': ({ ctx }, input) => buildReport(ctx, input.id),
  'stocktake.scan': (env, input) =>
    recordScans(env.ctx, actorOf(sessionOf(env)), input.id, [input.code], input.source)[0]!,
  'stocktake.decodePhoto': async (env, input) => {
    // Refuse before decoding: a closed stock-take takes no photo either.
    openStocktake(env.ctx, input.id);
    const codes = await decodeLabels(Buffer.from(input.base64, 'base64'));
    return { codes, lines: recordScans(env.ctx, actorOf(sessionOf(env)), input.id, codes, 'photo') };
  },
  'stocktake.accept': (env, input) => acceptStocktake(env.ctx, actorOf(sessionOf(env)), input.id),
  'stocktake.cancel': (env, input) => cancelStocktake(env.ctx, actorOf(sessionOf(env)), input.id),
  'stocktake.print': (env, input) => printReport(env.ctx, actorOf(sessionOf(env)), input.id),
  'stocktake.export': (env, input) => exportReport(env.ctx, actorOf(sessionOf(env)), input.id),
} satisfies Partial<Handlers>;
