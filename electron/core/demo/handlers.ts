/** `demo.generate` through the contract: the synthetic catalogue, audited as its caller. */
import { generateDemo } from './generate';
import { actorOf, sessionOf, type Handlers } from '../kernel';

export const demoHandlers = {
  'demo.generate': (env, input) => {
    const { ctx } = env;
    const jobId = ctx.ids();
    let lastPct = -1;
    return generateDemo(ctx, {
      items: input.items,
      seed: input.seed,
      ocrText: input.ocrText,
      workflows: input.workflows,
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
