/**
 * Methods the `dangan` command line needs that the window has no screen for (yet): a
 * search-index rebuild that returns when done, and the demo catalogue. Spread into
 * `methods` like every other method, so they get the same validation, permission check
 * and audit path; the window may call them too.
 */
import { z } from 'zod';
import { m } from './method-spec';

export interface SearchRebuildResult {
  docs: number;
  blocks: number;
  seconds: number;
  itemsPerSecond: number;
}

export interface DemoResult {
  items: number;
  volumes: number;
  persons: number;
  links: number;
  /** Page-text rows and their characters (UTF-16 code units); 0 without `ocrText`. */
  pages: number;
  textChars: number;
  seed: string;
  seconds: number;
  itemsPerSecond: number;
  /** The demo's 库房 and boxes (reference §3): places made, boxes made, what went into them or stands loose. */
  shelves: { places: number; boxes: number; boxedItems: number; boxedVolumes: number; looseVolumes: number };
  /** The lending history (issue 19): requests by how they stand now, records lent. */
  lending: {
    requests: number;
    records: number;
    closed: number;
    rejected: number;
    pending: number;
    approved: number;
    out: number;
    overdue: number;
  };
  /** Appraisal rounds (issue 19): decisions, destruction lists by status, records destroyed, legal holds. */
  appraisal: {
    decisions: number;
    kept: number;
    destroyed: number;
    lists: { draft: number; approved: number; executed: number };
    holds: number;
    released: number;
  };
  /** Opening reviews and 密级 changes (issue 19). */
  opening: { reviews: number; opened: number; controlled: number; securityChanges: number; declassified: number };
  /** Arrangement batches (issue 19): how many, how many accepted, their sign-offs and assignments. */
  arrangement: { batches: number; accepted: number; signoffs: number; assignments: number };
}

export const zDemoGenerate = z.object({
  items: z
    .number({ error: '件数应为 1 到 10000000 的整数' })
    .int({ error: '件数应为 1 到 10000000 的整数' })
    .min(1, { error: '件数应为 1 到 10000000 的整数' })
    .max(10_000_000, { error: '件数应为 1 到 10000000 的整数' }),
  seed: z.string().trim().min(1).max(100).default('1'),
  ocrText: z.boolean().default(false),
  /**
   * Also the appraisal, destruction (one list executed: records purged), opening, 密级 and
   * arrangement history (issue 19), so every screen and benchmark has data. It changes the loaded
   * catalogue (records destroyed, levels lowered): checks that count on the catalogue exactly as
   * generated pass false.
   */
  workflows: z.boolean().default(true),
});

export const cliMethods = {
  /** Rebuilds the search index now and answers when it is done (`search.reindex` starts a background job). */
  'search.rebuild': m<SearchRebuildResult>()(z.object({}).default({}), 'search.manage', true),
  /** Appends a synthetic catalogue (training copies, benchmarks); progress as `job.progress` events of kind 'demo'. */
  'demo.generate': m<DemoResult>()(zDemoGenerate, 'settings.manage', true),
} as const;
