import type { FingerprintView } from '../../contract/sync';

/**
 * A key fingerprint as people compare it at enrollment: hex in groups of four, and the
 * first 64 bits as eight common Chinese words (one per byte), read aloud more reliably
 * than hex across a desk or a telephone line.
 */
const WORDS = (
  '春天 夏天 秋天 冬天 太阳 月亮 星星 白云 大山 河流 湖泊 海洋 森林 草原 沙漠 雪花 ' +
  '雨水 彩虹 闪电 微风 石头 泥土 田野 山谷 岛屿 瀑布 溪水 火焰 冰川 晨光 黄昏 夜空 ' +
  '老虎 狮子 大象 熊猫 猴子 兔子 松鼠 骏马 黄牛 山羊 小猪 小狗 花猫 公鸡 鸭子 白鹅 ' +
  '燕子 喜鹊 孔雀 老鹰 鸽子 海豚 鲸鱼 金鱼 乌龟 青蛙 蝴蝶 蜜蜂 蜻蜓 骆驼 斑马 企鹅 ' +
  '苹果 香蕉 葡萄 西瓜 桃子 梨子 橘子 草莓 樱桃 柠檬 菠萝 芒果 荔枝 大米 小麦 玉米 ' +
  '土豆 白菜 萝卜 茄子 黄瓜 南瓜 豆腐 面条 饺子 包子 馒头 鸡蛋 牛奶 蜂蜜 茶叶 咖啡 ' +
  '牡丹 荷花 菊花 兰花 梅花 桃花 玫瑰 松树 柳树 竹子 枫叶 桂花 茉莉 杨树 银杏 榕树 ' +
  '桌子 椅子 窗户 大门 钥匙 灯笼 镜子 雨伞 帽子 鞋子 手套 围巾 书包 铅笔 毛笔 墨水 ' +
  '纸张 书本 地图 邮票 信封 钟表 相机 电话 电脑 风扇 台灯 剪刀 锤子 绳子 篮子 瓶子 ' +
  '杯子 碗筷 盘子 锅铲 水壶 枕头 被子 毛巾 肥皂 牙刷 梳子 扇子 风筝 气球 皮球 积木 ' +
  '学校 医院 公园 车站 码头 机场 广场 商店 银行 邮局 工厂 农场 果园 花园 操场 书店 ' +
  '剧院 宫殿 寺庙 城墙 桥梁 高塔 灯塔 火车 汽车 轮船 飞机 单车 卡车 马车 帆船 港口 ' +
  '红色 橙色 黄色 绿色 青色 蓝色 紫色 白色 黑色 金色 银色 灰色 钢琴 吉他 笛子 二胡 ' +
  '锣鼓 唢呐 琵琶 古筝 足球 篮球 排球 乒乓 围棋 象棋 跳绳 游泳 跑步 登山 划船 钓鱼 ' +
  '和平 友谊 快乐 幸福 希望 梦想 勇气 智慧 健康 平安 团结 光明 温暖 安静 美丽 自由 ' +
  '早晨 中午 傍晚 午夜 星期 节日 春节 中秋 端午 元宵 清明 重阳 新年 生日 周末 假期'
).split(' ');

export const FINGERPRINT_WORDS: readonly string[] = WORDS;

/** `ab12 cd34 …` (all 64 hex digits, in groups of four). */
export const fingerprintHex = (fp: string): string => fp.match(/.{1,4}/g)!.join(' ');

/** The first eight bytes as eight words. */
export function fingerprintWords(fp: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < 8; i++) out.push(WORDS[parseInt(fp.slice(i * 2, i * 2 + 2), 16)]!);
  return out;
}

export const fingerprintView = (fp: string): FingerprintView => ({
  fingerprint: fp,
  hex: fingerprintHex(fp),
  words: fingerprintWords(fp).join(' '),
});
