/**
 * The archive bench:reports counts: a demo of N items with the issue 19 workflow history (loans,
 * appraisals and destructions, openings) and a year of room readings, as `dangan demo` writes it.
 * Built once and kept (a folder in the system temp named by its size, or `--keep DIR`): the other
 * benches' cached archives have no workflow history, so they are not reused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MethodName } from '../../electron/contract/methods';
import { createCore } from '../../electron/core/app';
import { generateDemo } from '../../electron/core/demo';
import { demoReadingsCsv, localDay } from '../../electron/core/room';
import { BENCH_ADMIN, log, setupBenchStation } from './stats';

export const reportsArchiveDir = (items: number, keep?: string) =>
  keep ? path.resolve(keep) : path.join(os.tmpdir(), `dangan-bench-reports-${items}`);

type Core = ReturnType<typeof createCore>;

/** The system clock, moved by `shift` ms: the bench closes a year only once it is over. */
export const shiftedClock = () => ({
  shift: 0,
  now(): Date {
    return new Date(Date.now() + this.shift);
  },
});
export const benchClock = shiftedClock();

/** The station head the bench signs with (made on first use, first password changed as required). */
export const HEAD = { username: 'bench_head', password: 'Head-Passw0rd' };
export async function ensureHead(c: Core, admin: Session): Promise<Session> {
  if (!c.ctx.sqlite.prepare('SELECT 1 FROM users WHERE username = ?').get(HEAD.username)) {
    const initial = 'Initial-Passw0rd';
    await call(c, admin, 'users.create', {
      username: HEAD.username,
      displayName: '所长（基准）',
      role: 'head',
      clearance: 2,
      password: initial,
    });
    const first = await call(c, {} as Session, 'auth.login', { username: HEAD.username, password: initial });
    await call(c, { sessionToken: first.token }, 'auth.changePassword', {
      oldPassword: initial,
      newPassword: HEAD.password,
    });
  }
  return { sessionToken: (await call(c, {} as Session, 'auth.login', HEAD)).token };
}

/** Opens the cached archive, building it first when it is empty; the caller closes the core. */
export async function openReportsArchive(items: number, keep?: string) {
  const dir = reportsArchiveDir(items, keep);
  fs.mkdirSync(dir, { recursive: true });
  const core: Core = createCore({
    dataDir: dir,
    clock: benchClock,
    log: { info() {}, error: (m, x) => log(`${m} ${String(x ?? '')}`) },
  });
  let demoSeconds: number | null = null;
  const had = core.ctx.sqlite.prepare('SELECT count(*) FROM items').pluck().get() as number;
  if (had === 0) {
    await setupBenchStation(core);
    const session = await login(core);
    // The room first (as `dangan demo`): the demo's 库房 links to it when the boxes are shelved.
    const room = await call(core, session, 'env.rooms.save', { code: 'KF01', name: '一号库房' });
    const yesterday = localDay(new Date(core.ctx.clock.now().getTime() - 86_400_000));
    const base64 = Buffer.from(demoReadingsCsv(yesterday).csv).toString('base64');
    await call(core, session, 'env.readings.import', { roomId: room.id, fileName: '演示温湿度.csv', base64 });
    log(`bench: ${items} demo items with the workflow history into ${dir}`);
    let last = -1;
    const demo = await generateDemo(core.ctx, {
      items,
      workflows: true,
      onProgress: (done, total) => {
        const pct = Math.floor((done / total) * 10) * 10;
        if (pct !== last) log(`demo: ${done}/${total}`);
        last = pct;
      },
    });
    demoSeconds = demo.seconds;
    log(`demo: ${demo.seconds} s`);
  } else log(`bench: reusing ${had} items in ${dir}`);
  return { core, dir, demoSeconds, session: await login(core) };
}

export type Session = { sessionToken: string };

export async function login(core: Core): Promise<Session> {
  const r = await core.dispatch('auth.login', BENCH_ADMIN);
  if (!r.ok) throw new Error(r.error.message);
  return { sessionToken: r.value.token };
}

/** One method through dispatch as the administrator; a refusal stops the bench. */
export async function call<M extends MethodName>(core: Core, session: Session, method: M, input: unknown) {
  const r = await core.dispatch(method, input, session);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value;
}
