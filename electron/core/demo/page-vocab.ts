/**
 * Phrase lists for the demo's OCR-like page text (pages.ts). Filler sentences are every
 * opener × middle × ending of a kind of paper, joined once at load: an item's filler is
 * then one pick per sentence, with no string building per item. An opener ending in `+`
 * runs straight into the middle part; others are followed by a comma.
 */

const w = (s: string) => s.trim().split(/\s+/);

function sentences(openers: string, middles: string, endings: string): string[] {
  const out: string[] = [];
  for (const a of w(openers).map((o) => (o.endsWith('+') ? o.slice(0, -1) : o + '，')))
    for (const b of w(middles)) for (const c of w(endings)) out.push(`${a}${b}，${c}。`);
  return out;
}

export const HJ_FILL = sentences(
  '经审核 经民警入户调查 经查阅原始户籍底册 根据申请人提交的材料 经与原户籍地公安机关核实 按照户口登记管理有关规定 经社区民警走访了解 经所领导审批',
  `申请人所述情况属实 所附证明材料真实有效 该户人员情况与登记内容一致 符合户口登记条件 当事人已在申请表上签字确认
   原户口簿相关页已收回 居民身份证已同步受理 相关信息已录入人口信息系统 经比对照片与本人相符 未发现重复户口`,
  '准予办理 请予审批 特此证明 报所长审批 材料存档备查 已当面告知当事人 按规定予以登记 已通知其家属领取户口簿',
);

export const CR_FILL = sentences(
  '经审核 经人像比对 申请人现场采集指纹后 经核查出入境管理信息系统 根据申请人陈述 经受理民警初审',
  `申请人本人到场办理 所填信息与居民身份证一致 未发现法定不准出境情形 申请材料齐全 照片符合出入境证件照片标准
   已按规定收取证件费 原证件已作剪角处理 紧急联系人信息已登记`,
  '同意签发 报县局出入境管理大队审批 予以受理 证件制成后通知本人领取 材料存档备查 已告知办理时限',
);

export const ZZ_FILL = sentences(
  '经核查 经民警上门走访 根据房屋出租人提供的情况 经比对流动人口信息 按照居住证管理有关规定',
  `申报人在本辖区连续居住已满半年 申报人持有合法稳定就业证明 房屋租赁合同真实有效 申报人已签订治安责任书
   同住人员情况已一并登记 居住地址与门牌一致 出租房屋消防设施基本齐全`,
  '予以登记 准予办理居住证 已录入流动人口管理系统 请按期办理签注 材料存档备查',
);

const XF_LETTER = sentences(
  '近年来 自去年以来 我家多年来 今年入春以来 事情发生后 我们多次与对方协商 我曾多次到村委会反映 为此事我已多次来访',
  `对方不顾我家的合理要求 邻居长期在公共通道堆放杂物 对方施工的噪音严重影响老人休息 有关部门至今没有明确答复
   我的合法权益受到了侵害 双方在赔偿问题上分歧很大 对方态度蛮横拒不协商 我家的正常生活受到很大影响`,
  '恳请领导重视 请求依法处理 希望尽快给予答复 请派出所出面调解 望予以解决 特此反映情况',
);
const XF_REPLY = sentences(
  '经调查 经走访当事双方 经民警实地查看 经与相关部门沟通 经组织双方当面调解',
  '信访人反映的情况基本属实 信访人反映的部分情况属实 双方已达成调解协议 该事项已依法作出处理 该事项不属于公安机关职责范围',
  '已书面答复信访人 信访人表示满意 已转交有关部门办理 本件办结 材料归档备查',
);
export const XF_FILL = [...XF_LETTER, ...XF_REPLY];

export const JT_FILL = sentences(
  '当日 事发时 据当事人陈述 经现场勘查 根据现场痕迹 经调取路口监控视频 据目击证人反映 经技术检验',
  `一辆小型轿车由东向西行驶至事发路段 驾驶人未按规定让行 车辆与对向驶来的电动自行车发生碰撞 车辆前部受损
   路面遗留有制动拖印 驾驶人未与前车保持安全距离 现场散落有车辆碎片 驾驶人呼气酒精检测结果为零 事发路段视线良好`,
  `造成车辆不同程度损坏 造成一人受伤 事故未造成人员死亡 现场已拍照固定 当事人对上述事实无异议
   伤者已送北港县人民医院救治 已通知保险公司到场查勘 车辆已依法扣留`,
);

const JT_QUESTIONS = w(`你把事故发生的经过讲一下 事故发生时的车速是多少 当时的天气和路面情况怎样 你驾驶的车辆是谁的
  你当天是否饮酒 事故发生后你做了什么 对方车辆是从哪个方向来的 你还有什么要补充的`);
const JT_ANSWERS = sentences(
  '当时我+ 我记得+ 那天傍晚我+ 事发前我+ 我当时+',
  `正沿着北港路往城关方向开 开得不快，车速大概每小时四十公里 看到对方车辆突然变道 踩了刹车但没来得及 一口酒都没喝
   下车查看后马上报了警 车上还坐着我的家人`,
  '情况就是这样 我说的都是实话 没有别的要补充 对方也在场',
);
/** 询问笔录: a question and its answer per entry. */
export const JT_QA = JT_ANSWERS.map((a, i) => `问：${JT_QUESTIONS[i % JT_QUESTIONS.length]}？\n答：${a}\n`);

export const CL_FILL = sentences(
  '经查验 经核对 经民警现场查验 根据所有人提交的材料 经核查机动车登记信息系统',
  `车辆识别代号与合格证一致 发动机号码清晰可辨 车身颜色与登记一致 车辆外廓尺寸符合标准 所有人身份证明真实有效
   交强险在有效期内 未发现车辆改装情况 车辆购置税已完税`,
  '准予登记 予以办理 核发号牌和行驶证 材料存档 已录入系统 请予审核',
);

export const KU_FILL = sentences(
  '经办人报销 经所长审批 经核对原始单据 根据县局财务规定 按照经费管理办法',
  `支付办公用品费用 支付车辆加油费用 支付社区警务室水电费 支付辅警工资 报销民警差旅费 支付宣传资料印刷费
   购置执法记录仪 支付警用车辆维修费`,
  '附原始单据 已入账 准予报销 金额核对无误 已由出纳付款',
);

export const WS_FILL = sentences(
  '为切实做好此项工作 根据县局统一部署 按照上级工作要求 结合我所实际 为进一步加强辖区治安管理 经所务会研究决定 针对当前辖区治安形势',
  `各警组要高度重视 各社区警务室要明确责任人 全所民警要提高认识 要加强辖区巡逻防控 要深入开展走访排查
   要认真落实值班备勤制度 要及时化解矛盾纠纷 要做好宣传发动工作`,
  '确保各项措施落到实处 确保辖区治安稳定 及时上报工作情况 切实维护群众合法权益 按时完成各项任务 务求取得实效',
);

export const ZP_FILL = sentences(
  '图为+ 本组照片反映了+ 照片记录了+ 此照片摄于活动当天',
  '民警向群众发放宣传资料的情景 民警在辖区开展走访的场景 社区群众积极参与活动的场面 民警讲解安全防范知识 活动现场秩序良好',
  '供存档 拍摄者已签名 照片说明如上 底片另存 共冲印一套',
);

export const AV_FILL = sentences(
  '民警到达现场后 记录开始时 接警后 调解过程中 询问过程中 处置过程中',
  '民警表明身份并出示证件 当事人情绪较为激动 民警告知了当事人的权利义务 双方陈述了事情经过 民警对双方进行了法制教育 现场秩序得到控制',
  '全程录音录像 记录完整 未发现中断 载体已封存 已刻录光盘备份 已登记入库',
);

export const SW_FILL = sentences(
  '本件实物 该奖牌 该锦旗 该证书 此件 该奖杯 该荣誉证书',
  '由群众专程送至派出所 表彰我所在平安创建工作中的突出成绩 做工完好无破损 字迹清晰 颜色略有褪色 边角有轻微磨损 附有赠送人留言',
  '已拍照存档 已登记入库 妥善保管 存放于档案室实物柜',
);

export const ZY_FILL = sentences(
  '八时整交接班 上午 下午 晚间 夜间巡逻时 值班期间',
  '接群众报警称有人发生纠纷 辖区巡逻未发现异常 接待来所办事群众 对辖区重点部位进行检查 处理邻里纠纷一起 协助医院处置醉酒人员 接收县局通知一份',
  '已处理完毕 已登记 已报告值班领导 情况正常 已移交下一班',
);

export const GEN_FILL = sentences(
  '经核 根据有关规定 按照要求 经办人核对后',
  '材料已整理完毕 内容已核对 相关手续齐全 已按规定登记',
  '存档备查 特此说明 请予审核',
);

/** Lines as an older, traditional-character form reads (about 3% of items carry one). */
export const TRAD_HJ = w('附：原戶籍證明一份 備註：遷入手續已辦理 原戶口簿一本已收回 經辦人已核對戶籍底冊');
export const TRAD_XF = w('信訪人已簽字確認 來信已登記 信訪事項已轉辦 信訪人住址已核實');
export const TRAD_JT = w('事故認定書已送達 當事人已簽字 現場照片已附卷');
export const TRAD_GEN = w('經辦人已核對 本證明已辦理 原件已歸檔 檔案已登記');

export const NATIONS = w('回族 畲族 满族 壮族 苗族 土家族 蒙古族 彝族');
export const REL_M = w('子 夫 孙子 父 兄 弟 侄子 女婿');
export const REL_F = w('女 妻 孙女 母 姐 妹 儿媳 侄女');
export const HOSPITALS = w('北港县人民医院 北港县妇幼保健院 北港县中医院 城关镇卫生院');
export const QR_REASONS = w('投靠亲属 婚迁 工作调动 购房落户 大中专院校毕业 退伍安置');
export const QC_REASONS = w('婚迁 投靠亲属 工作调动 购房迁出 考入大中专院校 参军入伍');
export const DEATHS = w('病故 因病死亡 自然死亡 意外死亡');
export const OLD_GIVEN = w('小明 二妹 阿强 小红 建设 招娣 来福 三毛');
export const FAR_TOWNS = w('城南街道 东城街道 新安镇 白马镇 太平乡 兴隆镇 石门镇 永和乡');
export const CR_KINDS = w('首次申请 首次申请 换发 补发 失效重新申请');
export const CR_DESTS = w('泰国 日本 新加坡 韩国 马来西亚 澳大利亚 法国 美国 香港 澳门 台湾');
export const CR_REASONS = w('旅游 旅游 探亲 商务 留学 务工');
export const XF_WAYS = w('来信 来访 来访 网上信访 电话');
export const WEATHER = w('晴 晴 阴 多云 小雨 大雨 雾');
export const JT_RESP = w('全部责任 主要责任 同等责任 次要责任');
export const CL_BRANDS = w('大众牌 丰田牌 本田牌 五菱牌 长安牌 吉利牌 比亚迪牌 东风牌 解放牌');
export const COLORS = w('白 黑 银 灰 红 蓝');
export const KU_SUBJECTS = w('办公费 差旅费 车辆运行维护费 水电费 印刷费 维修费 劳务费');
export const WS_TO = w('各警组、各社区警务室： 全所民警、辅警： 县局： 县局治安大队：');
