/**
 * A path on the server's own disk named by the caller (a bundle on a stick, a receipt,
 * an output folder, the hot folder). The contract takes only absolute paths: the server
 * has no "current folder" the user could know. What the path must be (a bundle, a file of
 * a kind, a folder that may be written) is checked in core (kernel/server-path.ts).
 */
import { z } from 'zod';

/** `/…` on Linux and macOS, `X:\…` or `\\server\…` on Windows. */
const ABSOLUTE = /^(?:\/|[A-Za-z]:[\\/]|\\\\)/;

export const zServerPath = (what: string, opts: { emptyOk?: boolean } = {}) => {
  const base = z.string().trim();
  return (opts.emptyOk ? base : base.min(1, { error: `请指定${what}` }))
    .max(1000, { error: `${what}过长（最多 1000 个字符）` })
    .refine((s) => (opts.emptyOk && s === '') || (ABSOLUTE.test(s) && !s.includes('\0')), {
      error: `${what}须为完整的绝对路径（例如 /media/usb 或 E:\\）`,
    });
};
