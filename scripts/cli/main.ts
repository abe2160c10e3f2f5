import { CliError, err } from './io';
import { auditCommand } from './commands/audit';
import { demoCommand } from './commands/demo';
import { importCommand } from './commands/import';
import { serveCommand } from './commands/serve';
import { searchCommand } from './commands/search';
import { setupCommand } from './commands/setup';
import { ocrCommand } from './commands/ocr';
import { scanCommand } from './commands/scan';

const USAGE = `档案 Dangan 命令行

用法:
  dangan serve [--data DIR] [--port N] [--no-open]
  dangan setup --data DIR --role station|bureau --unit 单位名称 --fonds 全宗号 --admin 用户名 [--name 姓名] --password-stdin
  dangan demo --data DIR --items N [--seed S] [--ocr-text] [--json]
  dangan import catalogue --data DIR --file F --category 门类代码 [--mapping M.json] [--sheet 名称] [--json]
  dangan audit verify --data DIR [--json]
  dangan search --data DIR "检索词" [--json] [--limit N] [--filter 门类:WS …]
  dangan search reindex --data DIR [--json]
  dangan ocr 文件… [--template 模板标识|auto|none] [--workers N] [--data DIR] [--json]
  dangan scan --list | --device 设备 --out 文件夹 [--resolution 300] [--mode grey|color|bw] [--source flatbed|feeder|duplex]

数据目录：--data，其次环境变量 DANGAN_DATA，否则为本用户的应用数据目录。`;

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  serve: serveCommand,
  setup: setupCommand,
  demo: demoCommand,
  import: importCommand,
  audit: auditCommand,
  search: searchCommand,
  ocr: ocrCommand,
  scan: scanCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE + '\n');
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    err(`未知命令：${name}\n\n${USAGE}`);
    return 2;
  }
  try {
    return await cmd(rest);
  } catch (e) {
    if (e instanceof CliError) {
      err(e.message);
      return e.exitCode;
    }
    if (e instanceof Error && 'code' in e && (e as { code: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      err(`${e.message}\n\n${USAGE}`);
      return 2;
    }
    const code = (e as { code?: string }).code;
    err(code && /^[A-Z_]+$/.test(code) ? `错误 [${code}]：${(e as Error).message}` : String((e as Error)?.stack ?? e));
    return 1;
  }
}
