import { parseArgs } from 'node:util';
import { CliError, out } from '../io';
import { openSession } from '../session';

/** `dangan audit verify`: walks the hash chain; exits 1 and names the first broken entry. */
export async function auditCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') throw new CliError('用法：dangan audit verify --data DIR [--json]', 2);
  const { values } = parseArgs({
    args: rest,
    options: { data: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const cli = await openSession(values.data, { writes: false });
  try {
    const r = await cli.call('audit.verify', {});
    if (values.json) out(JSON.stringify(r));
    else if (r.ok) out(`审计链完整：共校验 ${r.checked} 条记录`);
    else out(`审计链已损坏：第 ${r.firstBroken!.seq} 条 —— ${r.firstBroken!.reason}（此前 ${r.checked} 条完好）`);
    return r.ok ? 0 : 1;
  } finally {
    await cli.close();
  }
}
