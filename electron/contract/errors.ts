/**
 * Stable error codes (English identifiers) and their default Chinese messages.
 * The renderer shows `message`; tests and scripts match on `code`.
 */
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: '输入内容不符合要求',
  UNKNOWN_METHOD: '未知的操作',
  INTERNAL: '系统内部错误，请联系管理员',
  SETUP_REQUIRED: '系统尚未初始化，请先完成首次设置',
  ALREADY_SETUP: '系统已经初始化，不能重复设置',
  AUTH_REQUIRED: '请先登录',
  SESSION_EXPIRED: '登录已超时，请重新登录',
  INVALID_CREDENTIALS: '用户名或密码错误',
  ACCOUNT_LOCKED: '密码连续错误次数过多，账号已临时锁定',
  ACCOUNT_DISABLED: '账号已停用',
  FORBIDDEN: '当前账号无权执行此操作',
  CLEARANCE_EXCEEDED: '密级高于当前账号的知悉范围',
  NOT_FOUND: '记录不存在或无权查看',
  VERSION_CONFLICT: '记录已被他人修改，请刷新后重试',
  DUPLICATE_ARCHIVE_CODE: '档号重复',
  DUPLICATE_USERNAME: '用户名已存在',
  DUPLICATE_CATEGORY_CODE: '门类代码已存在',
  CATEGORY_IN_USE: '门类下仍有档案，不能删除',
  INVALID_ID_NUMBER: '公民身份号码无效',
  INVALID_ARCHIVE_TEMPLATE: '档号模板无效',
  WRONG_ARRANGEMENT: '该门类的整理方式不允许此操作',
  IMPORT_MALFORMED: '表格文件无法读取',
  IMPORT_HAS_ERRORS: '导入数据存在错误，未写入任何记录',
  DB_TOO_NEW: '数据库来自更新版本的档案系统，当前版本无法打开',
  BRIDGE_TOKEN_INVALID: '访问令牌无效',
  ORIGIN_FORBIDDEN: '请求来源不被允许',
  BUSY: '系统正在执行其他任务，请稍后再试',
  FILE_EMPTY: '文件为空（0 字节）',
  FILE_INCOMPLETE: '文件尚未写完，请稍后再试',
  IMAGE_UNREADABLE: '图像文件已损坏或不是受支持的格式（JPEG、PNG、TIFF、PDF）',
  IMAGE_TOO_LARGE: '图像尺寸过大，无法处理',
  PDF_ENCRYPTED: 'PDF 文件已加密，请先解除密码保护',
  PDF_TOO_MANY_PAGES: 'PDF 页数过多，请拆分后再导入',
  HOT_FOLDER_UNAVAILABLE: '监视文件夹不存在或无法访问（U 盘可能已拔出）',
  SCANNER_UNAVAILABLE: '未找到扫描仪，或扫描仪已断开',
  SCAN_FAILED: '扫描失败',
  OCR_FAILED: '文字识别失败',
  OCR_TIMEOUT: '文字识别超时',
  TEMPLATE_INVALID: '表单模板无效',
  JOB_CANCELLED: '任务已取消',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };
