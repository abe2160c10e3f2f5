/** Chinese names for the audit log's stable action and entity codes (the codes stay in the data). */
export const AUDIT_ACTIONS: Record<string, string> = {
  'setup.initialize': '首次设置',
  'auth.login': '登录',
  'auth.logout': '退出',
  'auth.loginFailed': '登录失败',
  'auth.locked': '账号锁定',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.changePassword': '修改密码',
  'scheme.create': '新增门类',
  'scheme.update': '修改门类',
  'scheme.delete': '删除门类',
  'item.create': '新建件',
  'item.update': '修改件',
  'item.delete': '删除件',
  'item.renumber': '重新编号',
  'item.import': '导入目录',
  'volume.create': '新建案卷',
  'volume.update': '修改案卷',
  'volume.delete': '删除案卷',
  'catalogue.export': '导出目录',
  'demo.generate': '生成演示数据',
  'template.create': '新建表单模板',
  'template.update': '修改表单模板',
  'template.delete': '删除表单模板',
  'template.import': '导入表单模板',
};

export const AUDIT_ENTITIES: Record<string, string> = {
  system: '系统',
  user: '用户',
  category: '门类',
  item: '件',
  volume: '案卷',
  form_template: '表单模板',
};

export const actionLabel = (code: string): string => AUDIT_ACTIONS[code] ?? code;
export const entityLabel = (code: string): string => AUDIT_ENTITIES[code] ?? code;
