/** zh-CN strings of the county bureau's 档案目录 and 人员档案 over the stations' records. */
export const bureauZhCN = {
  'bureau.cat.readOnly': '派出所报送的档案在县局只读',
  'bureau.cat.keys': '↑↓ 选择 · Enter 查看 · 派出所报送的档案只读，修改请在派出所进行',
  'bureau.cat.ownKeys': '↑↓ 选择 · Enter 打开 · Ctrl+N 或 Alt+N 新建文件',
  'bureau.cat.detailTitle': '档案详情（只读）',
  'bureau.cat.detailNote': '本条档案由{station}报送，县局只能查看；如需更正，请由该派出所修改后重新上报。',
  'bureau.cat.station': '报送单位',
  'bureau.cat.category': '门类',
  'bureau.cat.docNumber': '文号',
  'bureau.persons.station': '报送单位',
} as const;
