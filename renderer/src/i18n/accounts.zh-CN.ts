/** zh-CN strings of the first-login password change and the audit log (merged into the map in zh-CN.ts). */
export const accountsZhCN = {
  'firstpwd.title': '请设置您自己的密码',
  'firstpwd.intro': '您的密码是管理员设置的。为保证账号只有您本人知道，请先修改密码，然后才能使用系统。',
  'firstpwd.who': '当前账号：{name}',
  'firstpwd.old': '管理员设置的密码',
  'firstpwd.submit': '修改密码并进入系统',
  'firstpwd.submitting': '正在修改…',
  'firstpwd.logout': '退出登录',
  'firstpwd.done': '密码已修改，欢迎使用',
  'users.mustChangeHint': '用户下次登录时须先改成自己的密码',
  'audit.hidden': '（密级高于本人，不显示）',
  'audit.dateHint': '格式 YYYY-MM-DD',
  'audit.dateInvalid': '日期格式应为 YYYY-MM-DD，例如 2026-03-01',
  'bridge.title': '请用启动时给出的完整地址打开',
  'bridge.body':
    '为防止本机其他网页冒用档案系统，这个地址必须带上访问令牌才能使用。请打开启动档案系统（dangan serve 或 npm start）的终端窗口，复制其中以 http://127.0.0.1 开头的那一整行地址（包括末尾的 #token= 部分），粘贴到浏览器地址栏打开。',
  'bridge.again':
    '找不到那个终端，或档案系统已经关闭？请在终端重新运行 dangan serve（或 npm start）：它会打印新的地址并自动打开浏览器。',
  'bridge.stable': '想每次都用同一个地址（可加入收藏夹）：启动时加上 --port 端口号，例如 dangan serve --port 8080。',
} as const;
