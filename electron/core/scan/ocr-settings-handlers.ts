/** The OCR settings through the contract: read them with each engine's state, change them, check PP-OCR. */
import { appendAudit } from '../audit';
import { mutation, sessionOf, type Handlers } from '../kernel';
import { servicesOf } from './services';

const CHOICE_NAMES = { auto: '自动', ppocr: 'PP-OCR', tesseract: 'tesseract.js' } as const;

export const ocrSettingsHandlers = {
  'ocr.settings.get': (env) => {
    sessionOf(env);
    return servicesOf(env.ctx).engines.view();
  },

  'ocr.settings.set': (env, input) => {
    const s = servicesOf(env.ctx);
    mutation(env, (ctx, _s, actor) => {
      const before = s.engines.settings();
      s.engines.save(input);
      appendAudit(ctx, actor, {
        action: 'ocr.settings',
        entity: 'system',
        summary: `识别引擎：表单页 ${CHOICE_NAMES[input.formsEngine]}，文字页 ${CHOICE_NAMES[input.textEngine]}`,
        details: { before, after: input },
      });
    });
    // PP-OCR's worker holds its models in memory: let it go once no page in hand needs it.
    void s.runner.idle().then(() => s.engines.releaseUnused());
    return s.engines.view();
  },

  'ocr.settings.check': async (env) => {
    sessionOf(env);
    return servicesOf(env.ctx).engines.check();
  },
} satisfies Partial<Handlers>;
