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
  'audit.hidden': '（密级高于本人，不显示）',
  'audit.dateHint': '格式 YYYY-MM-DD',
  'audit.dateInvalid': '日期格式应为 YYYY-MM-DD，例如 2026-03-01',
} as const;
