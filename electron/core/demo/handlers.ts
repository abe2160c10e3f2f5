/** `demo.generate` through the contract: the synthetic catalogue, audited as its caller. */
import { actorOf } from '../kernel/context';
import { sessionOf, type Handlers } from '../kernel/handler';
import { generateDemo } from './generate';

export const demoHandlers = {
  'demo.generate': (env, input) => {
    const { ctx } = env;
    const jobId = ctx.ids();
    let lastPct = -1;
    return generateDemo(ctx, {
      items: input.items,
      seed: input.seed,
      ocrText: input.ocrText,
      actor: actorOf(sessionOf(env)),
      // One event per percent: enough for a progress line, few enough for a million items.
      onProgress: (done, total) => {
        const pct = Math.floor((done / Math.max(1, total)) * 100);
        if (pct === lastPct) return;
        lastPct = pct;
        ctx.events.emit('job.progress', {
          jobId,
          kind: 'demo',
          phase: '演示数据',
          done,
          total,
          message: `演示数据 ${done}/${total}`,
        });
      },
    });
  },
} satisfies Partial<Handlers>;
