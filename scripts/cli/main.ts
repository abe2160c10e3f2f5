import { CliError, err, setCommandName } from './io';
import { setCliUser } from './session';
import { auditCommand } from './commands/audit';
import { demoCommand } from './commands/demo';
import { importCommand } from './commands/import';
import { serveCommand } from './commands/serve';
import { searchCommand } from './commands/search';
import { setupCommand } from './commands/setup';
import { ocrCommand } from './commands/ocr';
import { scanCommand } from './commands/scan';
import { keysCommand } from './commands/keys';
import { stationCommand } from './commands/station';
import { bundleCommand } from './commands/bundle';
import { enrollCommand, receiptCommand, syncCommand } from './commands/sync';
import { downlinkCommand } from './commands/downlink';
import { envCommand } from './commands/env';
import { printCommand } from './commands/print';
import { labelsCommand } from './commands/labels';
import { loansCommand } from './commands/loans';
import { registerCommand } from './commands/register';
import { reportCommand } from './commands/report';

const USAGE = `档案 Dangan 命令行

用法:
  dangan serve [--data DIR] [--port N] [--no-open]
  dangan setup --data DIR --role station|bureau --unit 单位名称 --fonds 全宗号 --admin 用户名 [--name 姓名] --password-stdin
  dangan demo --data DIR --items N [--seed S] [--ocr-text] [--no-workflows] [--json]
  dangan import catalogue --data DIR --file F --category 门类代码 [--mapping M.json] [--sheet 名称] [--valid-only [--report F.xlsx]] [--json]
  dangan import template --data DIR --category 门类代码 --out 模板.xlsx
  dangan audit verify --data DIR [--json]
  dangan env import --data DIR --file 温湿度.csv [--room 库房编号] [--json]
  dangan print cover|contents|notes|volume-catalogue|item-catalogue|stamp --data DIR --out 文件.pdf|文件.xlsx [--volume 案卷标识或档号|--category 门类代码 --year 年度|--items 文件标识,…] [--json]
  dangan print box-spine|box-back --data DIR --out 文件.pdf [--box 盒标识或盒编码|--category 门类代码 --year 年度] [--json]
  dangan labels --data DIR --out 文件.pdf [--boxes|--volumes|--places] [--code128|--qr] [--sheet 3x8|2x5|roll] [--start N] [--ids 标识,…] [--category 门类代码 --year 年度] [--json]
  dangan loans --data DIR [--overdue] [--json]
  dangan register print --data DIR --year YYYY --out 文件.pdf|文件.xlsx [--json]
  dangan report annual --data DIR --year YYYY [--json|--pdf FILE|--xlsx FILE]
  dangan report indicators --data DIR [--json]   （县局：各派出所排名）
  dangan search --data DIR "检索词" [--json] [--limit N] [--filter 门类:WS …]
  dangan search reindex --data DIR [--json]
  dangan ocr 文件… [--engine ppocr|tesseract|auto] [--template 模板标识|auto|none] [--workers N] [--threads N] [--data DIR] [--json]
  dangan scan --list | --device 设备 --out 文件夹 [--resolution 300] [--mode grey|color|bw] [--source flatbed|feeder|duplex]
  dangan keys init|public [--pem]|rotate|export-identity --out FILE --data DIR
  dangan station add --data 县局目录 --station-id 编号 --name 名称 --out U盘目录
  dangan station revoke --data 县局目录 --station-id 编号 --after-seq N
  dangan enroll --data 派出所目录 登记包目录
  dangan bundle export --data 派出所目录 --out U盘目录
  dangan bundle import --data 县局目录 数据包目录 [--accept-key 指纹]
  dangan bundle verify 数据包目录 --data 目录 [--json]
  dangan receipt import --data 派出所目录 回执文件
  dangan sync status --data 目录 [--json]
  dangan downlink export --data 县局目录 --station-id 编号 --out U盘目录
  dangan downlink import --data 派出所目录 下发包目录
  （需要私钥的命令：--passphrase-stdin 或环境变量 DANGAN_KEY_PASSPHRASE 提供密钥口令）

账号：读写档案的命令都可加 --user 用户名，以该账号登录执行（权限与密级同窗口）；
  密码取环境变量 DANGAN_PASSWORD，否则取标准输入第一行（其后一行才是 --passphrase-stdin 的密钥口令）。
  不加 --user 时以内置的“命令行”账号执行，审计日志记为 命令行(cli)。

数据目录：--data，其次环境变量 DANGAN_DATA，否则为本用户的应用数据目录。`;

type Command = (args: string[]) => Promise<number>;

/**
 * Commands with no account: `setup` creates the first one (no session can exist yet),
 * `serve` is the window's host (people log in in the window), `scan` only drives a
 * scanner into a folder and never opens an archive.
 */
const NO_ACCOUNT = new Set(['serve', 'setup', 'scan']);

/** Takes `--user NAME` (or `--user=NAME`) off the arguments; the commands' own options stay strict. */
function takeUser(args: string[]): { user: string | undefined; rest: string[] } {
  let user: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      rest.push(...args.slice(i));
      break;
    }
    if (a === '--user' || a.startsWith('--user=')) {
      const v = a === '--user' ? args[++i] : a.slice('--user='.length);
      if (!v || v.startsWith('-')) throw new CliError('--user 后面应写用户名', 2);
      user = v;
    } else rest.push(a);
  }
  return { user, rest };
}

const COMMANDS: Record<string, Command> = {
  serve: serveCommand,
  setup: setupCommand,
  demo: demoCommand,
  import: importCommand,
  audit: auditCommand,
  search: searchCommand,
  ocr: ocrCommand,
  scan: scanCommand,
  keys: keysCommand,
  station: stationCommand,
  enroll: enrollCommand,
  bundle: bundleCommand,
  receipt: receiptCommand,
  sync: syncCommand,
  downlink: downlinkCommand,
  env: envCommand,
  print: printCommand,
  labels: labelsCommand,
  loans: loansCommand,
  register: registerCommand,
  report: reportCommand,
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
    const { user, rest: args } = takeUser(rest);
    if (user !== undefined && NO_ACCOUNT.has(name)) throw new CliError(`dangan ${name} 不使用 --user`, 2);
    setCliUser(user);
    setCommandName(args[0] && !args[0].startsWith('-') ? `${name} ${args[0]}` : name);
    return await cmd(args);
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
