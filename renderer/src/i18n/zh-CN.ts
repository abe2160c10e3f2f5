/**
 * zh-CN strings: a flat key → text map. `{name}` placeholders are filled by t(). Screens
 * with many strings keep them in their own file (forms.zh-CN.ts), merged into this one map
 * so every key is still checked by the compiler.
 */
import { batchRecordsZhCN } from './batch-records.zh-CN';
import { entryZhCN } from './entry.zh-CN';
import { formsZhCN } from './forms.zh-CN';
import { importZhCN } from './import.zh-CN';
import { pagesZhCN } from './pages.zh-CN';
import { recordsZhCN } from './records.zh-CN';
import { scanZhCN } from './scan.zh-CN';
import { accountsZhCN } from './accounts.zh-CN';
import { settingsZhCN } from './settings.zh-CN';
import { syncZhCN } from './sync.zh-CN';
import { bureauZhCN } from './bureau.zh-CN';
import { assessmentZhCN } from './assessment.zh-CN';
import { searchZhCN } from './search.zh-CN';
import { contractZhCN } from './contract.zh-CN';
import { printZhCN } from './print.zh-CN';
import { labelsZhCN } from './labels.zh-CN';
import { roomZhCN } from './room.zh-CN';
import { stocktakeZhCN } from './stocktake.zh-CN';
import { lendingZhCN } from './lending.zh-CN';
import { arrangementZhCN } from './arrangement.zh-CN';
import { appraisalZhCN } from './appraisal.zh-CN';
import { statisticsZhCN } from './statistics.zh-CN';
import { boxingZhCN } from './boxing.zh-CN';
import { placesZhCN } from './places.zh-CN';
import { schemeZhCN } from './scheme.zh-CN';
import { dashboardZhCN } from './dashboard.zh-CN';

const common = {
  'app.title': '档案管理系统',
  'app.loading': '正在连接档案服务…',
  'app.bootFailed': '无法连接档案服务',
  'app.retry': '重试',

  'error.network': '无法连接档案服务，请确认程序仍在运行',
  'error.badResponse': '档案服务返回了无法识别的响应（{status}）',
  'error.unknown': '发生未知错误',

  'common.save': '保存',
  'common.cancel': '取消',
  'common.close': '关闭',
  'sign.password': '本人登录密码（签名）',
  'sign.ok': '签名确认',
  'common.confirm': '确定',
  'common.delete': '删除',
  'common.edit': '编辑',
  'common.add': '添加',
  'common.remove': '移除',
  'common.refresh': '刷新',
  'common.search': '查询',
  'common.yes': '是',
  'common.no': '否',
  'common.none': '（无）',
  'common.loading': '加载中…',
  'common.saving': '保存中…',
  'common.empty': '暂无数据',
  'common.prev': '上一页',
  'common.next': '下一页',
  'common.total': '共 {n} 条',
  'common.pageInfo': '第 {from}–{to} 条，共 {total} 条',
  'common.saved': '已保存',
  'common.required': '必填',
  'common.moveUp': '上移',
  'common.moveDown': '下移',
  'common.saveHint': 'Enter 下一项 · Shift+Enter 上一项（多行文本中换行）· Ctrl+S 保存 · Esc 关闭',

  'setup.title': '首次设置',
  'setup.intro': '欢迎使用档案管理系统。请填写本单位信息并创建管理员账号。',
  'setup.nodeRole': '本机角色',
  'setup.unitName': '单位名称',
  'setup.fondsCode': '全宗号',
  'setup.fondsHint': '例如 J001',
  'setup.adminUsername': '管理员用户名',
  'setup.adminDisplayName': '管理员姓名',
  'setup.password': '密码',
  'setup.passwordConfirm': '确认密码',
  'setup.passwordMismatch': '两次输入的密码不一致',
  'setup.passwordHint': '至少8位',
  'setup.submit': '完成设置',
  'setup.done': '设置完成，请使用管理员账号登录',

  'login.title': '登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.submitting': '正在登录…',
  'login.idleLogout': '由于长时间未操作，已自动退出',

  'shell.fonds': '全宗号',
  'shell.changePassword': '修改密码',
  'shell.logout': '退出',
  'shell.navLabel': '功能导航',

  'nav.catalogue': '档案目录',
  'nav.search': '全文检索',
  'nav.persons': '人员档案',
  'nav.import': '导入目录',
  'nav.intake': '扫描采集',
  'nav.verify': '字段核对',
  'nav.scheme': '分类方案',
  'nav.users': '用户管理',
  'nav.audit': '审计日志',
  'nav.settings': '系统设置',

  'pwd.title': '修改密码',
  'pwd.old': '原密码',
  'pwd.new': '新密码',
  'pwd.confirm': '确认新密码',
  'pwd.done': '密码已修改',

  'cat.tree': '档案分类',
  'cat.treeAll': '全部档案',
  'cat.total': '共 {n} 件',
  'cat.newItem': '新建文件',
  'cat.newVolume': '新建案卷',
  'cat.export': '导出Excel',
  'cat.exporting': '正在导出…',
  'cat.exported': '已导出 {n} 条记录',
  'cat.renumber': '重新编号',
  'cat.showDeleted': '显示已删除',
  'cat.deleted': '已删除',
  'cat.filterPlaceholder': '筛选',
  'cat.gridLabel': '档案目录列表',
  'cat.col.archiveCode': '档号',
  'cat.col.title': '题名',
  'cat.col.author': '责任者',
  'cat.col.date': '日期',
  'cat.col.year': '年度',
  'cat.col.retention': '保管期限',
  'cat.col.securityLevel': '密级',
  'cat.col.pageCount': '页数',
  'cat.col.personNames': '人员',
  'cat.col.docNumber': '文号',
  'cat.noRows': '当前范围内没有档案',
  'cat.keys':
    '↑↓ 选择 · Shift+↑↓ 多选 · Enter 打开 · Ctrl+N 或 Alt+N 新建文件 · Ctrl+Shift+N 或 Alt+Shift+N 新建案卷 · Ctrl+B 或 Alt+B 装盒 · Delete 删除',
  'cat.deleteTitle': '删除档案',
  'cat.deleteConfirm': '确定删除“{title}”（{code}）吗？删除后可在“显示已删除”中查看。',
  'cat.deleteReason': '删除原因',
  'cat.deletedOk': '已删除 {code}',
  'cat.renumberTitle': '重新编号',
  'cat.renumberNone': '当前范围内的档号已连续，无需重新编号。',
  'cat.renumberPlan': '将变更 {n} 个档号：',
  'cat.renumberMore': '……另有 {n} 条未列出',
  'cat.renumberApply': '确认重新编号',
  'cat.renumberDone': '已重新编号 {n} 条',
  'cat.renumberNeedScope': '请先在左侧选择到“门类—年度—保管期限”一级',
  'cat.from': '原档号',
  'cat.to': '新档号',
  'cat.volumeTag': '卷',
  'cat.editVolume': '编辑案卷',
  'cat.deleteVolume': '删除案卷',
  'cat.deleteVolumeTitle': '删除案卷',
  'cat.deleteVolumeConfirm': '确定删除案卷“{title}”（{code}）吗？卷内还有文件时不能删除。',
  'cat.volumeDeleted': '已删除案卷 {code}',

  'item.newTitle': '新建文件（件）',
  'item.editTitle': '编辑文件',
  'item.category': '门类',
  'item.year': '年度',
  'item.retention': '保管期限',
  'item.orgCode': '机构代码',
  'item.volume': '所属案卷',
  'item.volumeChoose': '请选择案卷',
  'item.volumeRequired': '该门类按卷整理，必须选择所属案卷',
  'item.noVolumes': '该门类与年度下还没有案卷',
  'item.title': '题名',
  'item.author': '责任者',
  'item.docNumber': '文号',
  'item.date': '日期',
  'item.datePlaceholder': 'YYYY-MM-DD',
  'item.pageCount': '页数',
  'item.securityLevel': '密级',
  'item.remarks': '备注',
  'item.extraFields': '门类专用字段',
  'item.persons': '相关人员',
  'item.personName': '姓名',
  'item.personId': '公民身份号码',
  'item.addPerson': '添加人员',
  'item.removePerson': '移除',
  'item.nextCode': '档号预览',
  'item.archiveCode': '档号',
  'item.created': '已保存 {code}',
  'item.updated': '已更新 {code}',
  'item.chooseCategory': '请选择门类',
  'item.numberInvalid': '请填写数字',
  'item.yearInvalid': '年度必须是四位数字',
  'item.fixedInEdit': '门类、年度、保管期限、机构代码、案卷在编辑时不可更改',
  'item.saveAndNext': '保存 (Ctrl+S)',

  'vol.newTitle': '新建案卷',
  'vol.editTitle': '编辑案卷',
  'vol.title': '案卷题名',
  'vol.startDate': '起始日期',
  'vol.endDate': '终止日期',
  'vol.created': '已创建案卷 {code}',
  'vol.addItemsTitle': '案卷已创建',
  'vol.addItemsAsk': '案卷 {code} 已创建。是否立即向该卷添加文件？',
  'vol.addItems': '添加文件',
  'vol.later': '稍后',
  'vol.noCategories': '没有按卷整理的门类，请先在分类方案中设置',
  'vol.updated': '已更新案卷 {code}',
  'vol.nextCode': '案卷档号预览',
  'vol.archiveCode': '案卷档号',
  'vol.itemCount': '卷内 {n} 件',
  'vol.fixedInEdit': '门类、年度、保管期限、机构代码在编辑时不可更改',

  'persons.search': '姓名或身份证号',
  'persons.searchLabel': '查找人员',
  'persons.results': '查询结果',
  'persons.noResults': '没有找到匹配的人员',
  'persons.hint': '输入姓名或公民身份号码的一部分进行查找',
  'persons.name': '姓名',
  'persons.idNumber': '公民身份号码',
  'persons.sex': '性别',
  'persons.birthDate': '出生日期',
  'persons.recordCount': '档案数',
  'persons.records': '相关档案',
  'persons.category': '门类',
  'persons.open': '打开',
  'persons.selectHint': '请从左侧选择一个人员',

  'import.title': '导入目录',
  'import.file': '表格文件',
  'import.fileHint': '支持 .xlsx 或 .csv',
  'import.category': '目标门类',
  'import.sheet': '工作表',
  'import.defaultYear': '默认年度',
  'import.defaultRetention': '默认保管期限',
  'import.defaultFromCategory': '（按门类默认）',
  'import.preview': '预览',
  'import.repreview': '按当前对应关系重新预览',
  'import.mapping': '列对应关系',
  'import.mappingRemembered': '已自动套用上次保存的对应关系',
  'import.header': '表格列',
  'import.field': '对应字段',
  'import.ignore': '（忽略此列）',
  'import.personName': '人员姓名',
  'import.personIdNumber': '人员公民身份号码',
  'import.summary': '共 {total} 行，有效 {valid} 行，错误 {errors} 处',
  'import.sample': '数据样例（前几行）',
  'import.errors': '错误明细',
  'import.row': '行号',
  'import.errField': '字段',
  'import.errMessage': '问题',
  'import.commit': '导入',
  'import.blocked': '请先修正表格中的错误，再导入',
  'import.running': '正在导入…',
  'import.done': '导入完成：共 {n} 条',
  'import.range': '档号从 {first} 到 {last}',
  'import.again': '继续导入其他文件',
  'import.chooseFile': '请选择文件',
  'import.reading': '正在读取文件…',

  'users.title': '用户管理',
  'users.create': '新建用户',
  'users.username': '用户名',
  'users.displayName': '姓名',
  'users.role': '角色',
  'users.clearance': '密级权限',
  'users.password': '初始密码',
  'users.status': '状态',
  'users.createdAt': '创建时间',
  'users.actions': '操作',
  'users.active': '正常',
  'users.disabled': '已停用',
  'users.locked': '已锁定',
  'users.disable': '停用',
  'users.enable': '启用',
  'users.resetPassword': '重置密码',
  'users.newPassword': '新密码',
  'users.unlock': '解锁',
  'users.editTitle': '编辑用户',
  'users.created': '已创建用户 {name}',
  'users.updated': '已更新用户 {name}',
  'users.passwordReset': '已重置 {name} 的密码',

  'audit.title': '审计日志',
  'audit.actor': '操作人',
  'audit.action': '操作',
  'audit.entity': '对象',
  'audit.any': '（全部）',
  'audit.from': '起始日期',
  'audit.to': '截止日期',
  'audit.seq': '序号',
  'audit.ts': '时间',
  'audit.summary': '摘要',
  'audit.verify': '校验审计链',
  'audit.hash': '哈希',
  'audit.verifying': '正在校验…',
  'audit.verifyOk': '审计链完整：已在服务端校验全部 {n} 条记录（含内容不向本人显示的条目）',
  'audit.verifyBroken': '审计链异常：已校验 {n} 条，第 {seq} 条起不一致（{reason}）',
} as const;

/** Each file's keys against every later file's: a key defined twice would silently lose one text. */
type Parts = [
  typeof common,
  typeof formsZhCN,
  typeof syncZhCN,
  typeof scanZhCN,
  typeof settingsZhCN,
  typeof batchRecordsZhCN,
  typeof bureauZhCN,
  typeof assessmentZhCN,
  typeof importZhCN,
  typeof recordsZhCN,
  typeof entryZhCN,
  typeof pagesZhCN,
  typeof accountsZhCN,
  typeof searchZhCN,
  typeof contractZhCN,
];
type ClashWith<A, Rest> = Rest extends [infer H, ...infer R] ? (keyof A & keyof H) | ClashWith<A, R> : never;
type Clashes<T> = T extends [infer H, ...infer R] ? ClashWith<H, R> | Clashes<R> : never;
const noClash: [Clashes<Parts>] extends [never] ? true : Clashes<Parts> = true;
void noClash;

export const zhCN = {
  ...common,
  ...formsZhCN,
  ...syncZhCN,
  ...scanZhCN,
  ...settingsZhCN,
  ...batchRecordsZhCN,
  ...bureauZhCN,
  ...assessmentZhCN,
  ...importZhCN,
  ...recordsZhCN,
  ...entryZhCN,
  ...pagesZhCN,
  ...accountsZhCN,
  ...searchZhCN,
  ...contractZhCN,
  ...roomZhCN,
  ...dashboardZhCN,
  ...placesZhCN,
  ...schemeZhCN,
  ...printZhCN,
  ...labelsZhCN,
  ...stocktakeZhCN,
  ...boxingZhCN,
  ...lendingZhCN,
  ...arrangementZhCN,
  ...appraisalZhCN,
  ...statisticsZhCN,
} as const;

export type MessageKey = keyof typeof zhCN;

export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  const text: string = zhCN[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** The prefixes under which the map holds a group of labels (`sync.entity` for `sync.entity.item`, …). */
type LabelGroup<P extends string> = [Extract<MessageKey, `${P}.${string}`>] extends [never] ? never : P;

/**
 * The label of a code known only at run time (a stored entity name, a record column): the text
 * under `group.code`, or the code itself when the map has none. The group must exist.
 */
export function labelFor<P extends string>(group: LabelGroup<P>, code: string): string {
  const key = `${group}.${code}`;
  return key in zhCN ? t(key as MessageKey) : code;
}
