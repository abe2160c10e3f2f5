/** zh-CN strings of the import screen's file picker, template, warnings and valid-rows option (issue 14). */
export const importZhCN = {
  'importx.choose': '选择文件',
  'importx.noFile': '未选择文件',
  'importx.dropHint': '也可以把 .xlsx 或 .csv 文件拖到这里',
  'importx.template': '下载导入模板',
  'importx.templateHint': '模板含所选门类的全部列和一行示例',
  'importx.templateNeedsCategory': '请先选择目标门类',
  'importx.templateSaved': '已下载导入模板：{name}',
  'importx.warnings': '可能遗漏的列',
  'importx.summaryWarnings': '；另有 {n} 列未对应但像是人员信息，请查看下方提示',
  'importx.mapTo': '对应为“{field}”',
  'importx.validOnly': '只导入有效行：跳过 {bad} 行有错误的数据，导入后可下载这些行及错误原因，改正后重新导入',
  'importx.commitValid': '导入有效的 {n} 行',
  'importx.skipped': '已跳过有错误的 {n} 行，未导入',
  'importx.saveReport': '下载错误行及原因（.xlsx）',
} as const;
