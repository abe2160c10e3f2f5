/**
 * The hot folder's path rule: files that land there are MOVED into the archive, so it is
 * an existing folder that is no system folder, no home folder's root and not the archive's
 * own data folder (kernel/server-path.ts). Set by an administrator only (methods.ts).
 */
import { type CoreContext, AppError, checkServerPath } from '../kernel';

/** Checks `dir`; a missing folder (a stick not plugged in) is refused only when `mustExist`. */
export function hotFolderPath(ctx: CoreContext, dir: string, mustExist: boolean): string {
  try {
    return checkServerPath(dir, {
      kind: 'writeDir',
      what: '监视文件夹',
      missing: 'HOT_FOLDER_UNAVAILABLE',
      dataDir: ctx.dataDir,
    });
  } catch (e) {
    if (!mustExist && e instanceof AppError && e.code === 'HOT_FOLDER_UNAVAILABLE') return dir;
    throw e;
  }
}

/** Why a saved folder may not be watched (null: it may, or it is only missing for now). */
export function refusedHotFolder(ctx: CoreContext, dir: string): string | null {
  try {
    hotFolderPath(ctx, dir, false);
    return null;
  } catch (e) {
    if (e instanceof AppError) return e.message;
    throw e;
  }
}
