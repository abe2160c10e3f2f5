import { parseArgs } from 'node:util';
import { CliError, openCore, out, readStdin, unwrap } from '../io';

/**
 * `dangan setup`: first-run setup through dispatch's public `setup.initialize`, the method
 * the window's wizard calls. It opens the archive without a session (openCore, not
 * openSession) because no account exists before it: it creates the first one.
 */
export async function setupCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      role: { type: 'string', default: 'station' },
      unit: { type: 'string' },
      fonds: { type: 'string' },
      admin: { type: 'string' },
      name: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values['password-stdin'])
    throw new CliError('请用 --password-stdin 从标准输入提供管理员密码（避免密码出现在命令历史中）', 2);
  const password = (await readStdin()).replace(/\r?\n$/, '');
  const core = openCore(values.data);
  try {
    const status = unwrap(
      await core.dispatch('setup.initialize', {
        nodeRole: values.role,
        unitName: values.unit,
        fondsCode: values.fonds,
        adminUsername: values.admin,
        adminDisplayName: values.name ?? values.admin ?? '',
        adminPassword: password,
      }),
    );
    out(
      values.json
        ? JSON.stringify(status)
        : `已完成首次设置：${status.unitName}（全宗号 ${status.fondsCode}），数据目录 ${core.ctx.dataDir}`,
    );
    return 0;
  } finally {
    await core.close();
  }
}
