/** zh-CN strings of data entry: unsaved changes, dates, the category picker (merged into the map in zh-CN.ts). */
export const entryZhCN = {
  'entry.discardTitle': '放弃未保存的内容？',
  'entry.discardAsk': '表单中有尚未保存的内容，离开后将丢失。',
  'entry.discardOk': '放弃修改',
  'entry.keepEditing': '继续填写',
  'entry.dateInvalid': '日期格式应为 YYYY-MM-DD，且为真实日期',
  'entry.catPlaceholder': '输入代码、名称或拼音首字母',
  'entry.catNone': '没有匹配的门类',
} as const;
