/** The stocktake.* methods of the contract: 盘点. */
import type { StocktakeReport } from '../../contract/stocktake';
import { actorOf, type HandlerEnv, type Handlers, sessionOf } from '../kernel';
import { maskLines, maskReport } from './mask';
import { exportReport, printReport } from './files';
import { decodeLabels } from './photo';
import { buildReport } from './report';
import { recordScans } from './scans';
import { acceptStocktake, cancelStocktake, listStocktakes, startStocktake } from './sessions';
import { openStocktake } from './rows';

/** The report as the caller may see it (密级: volumes and items above the clearance without their 档号). */
const seen = (env: HandlerEnv, r: StocktakeReport) => maskReport(env.ctx, sessionOf(env).clearance, r);

export const stocktakeHandlers = {
  'stocktake.start': (env, input) => startStocktake(env.ctx, actorOf(sessionOf(env)), input),
  'stocktake.list': ({ ctx }, input) => listStocktakes(ctx, input),
  'stocktake.get': (env, input) => seen(env, buildReport(env.ctx, input.id)),
  'stocktake.scan': (env, input) => {
    const s = sessionOf(env);
    return maskLines(env.ctx, s.clearance, recordScans(env.ctx, actorOf(s), input.id, [input.code], input.source))[0]!;
  },
  'stocktake.decodePhoto': async (env, input) => {
    // Refuse before decoding: a closed stock-take takes no photo either.
    openStocktake(env.ctx, input.id);
    // Decoded beside other callers (declared 'audit' in the contract); only the scans it
    // found wait for the write lock, so a large photo never holds up a clerk's save.
    const codes = await decodeLabels(Buffer.from(input.base64, 'base64'));
    const s = sessionOf(env);
    const scanned = await env.ctx.lock.run(() => recordScans(env.ctx, actorOf(s), input.id, codes, 'photo'));
    const lines = maskLines(env.ctx, s.clearance, scanned);
    return { codes: lines.map((l) => l.code), lines };
  },
  'stocktake.accept': (env, input) => seen(env, acceptStocktake(env.ctx, actorOf(sessionOf(env)), input.id)),
  'stocktake.cancel': (env, input) => cancelStocktake(env.ctx, actorOf(sessionOf(env)), input.id),
  'stocktake.print': (env, input) => printReport(env.ctx, sessionOf(env), input.id),
  'stocktake.export': (env, input) => exportReport(env.ctx, sessionOf(env), input.id),
} satisfies Partial<Handlers>;
