// What the shop's codes say, in both languages (merged into messages.ts). The shop's own words (errmsg) and code
// follow in the UI where it helps the seller ask the platform.
import type { ComputedTexts } from './message-table.ts';

export const SHOP_MESSAGES_ZH = {
  shop_credentials:
    'AppID 或 AppSecret 不正确（微信小店返回 {errcode}）：请在 微信小店后台 → 服务市场 → 经营工具 → 自研 中核对后重新填写。',
  shop_no_permission: '这个小店没有调用该接口的权限（{errcode}）：请在小店后台的 自研 设置中开通订单和商品接口权限。',
  shop_daily_quota: '今天调用微信小店接口的次数已达上限，明天会自动恢复（也可在小店后台清零额度）。',
  shop_rate_limited: '微信小店接口调用太频繁，已多次等待后仍被限流：请稍后再同步。',
  shop_busy: '微信小店系统繁忙，多次重试仍未成功：请稍后再同步。',
  shop_token: '微信小店不接受访问凭证（access_token），重新获取后仍失败：请检查 AppSecret 是否被重置，必要时重新连接。',
  shop_refused: '微信小店返回错误 {errcode}：{errmsg}',
  shop_unreachable: '连不上微信小店服务器：请检查网络后重试。',
  shop_not_connected: '还没有连接微信小店：请先在 设置 → 微信小店 中填写 AppID 和 AppSecret。',
  shop_secret_unavailable: '保存的 AppSecret 无法解开（数据密钥不可用或已更换）：请重新连接微信小店。',
  shop_sku_unlinked: '订单里的商品（{product} / {sku}）在小店里已不存在，且无法对应到商品库：请先同步商品。',
  shop_product_missing: '小店没有返回这个商品',
  shop_phase_listing: '读取小店商品列表',
  shop_phase_products: '同步商品',
  shop_phase_orders: '同步订单',
};

/** The same codes in English (the compiler checks that none is missing). */
export const SHOP_MESSAGES_EN: Record<keyof typeof SHOP_MESSAGES_ZH, string> = {
  shop_credentials:
    'The AppID or AppSecret is wrong (WeChat Shop said {errcode}): check them in 服务市场 → 经营工具 → 自研 and enter them again.',
  shop_no_permission:
    "This shop may not call that API ({errcode}): enable the order and product APIs in the shop's 自研 settings.",
  shop_daily_quota:
    "Today's WeChat Shop API quota is used up; it comes back tomorrow (or clear the quota in the shop's back office).",
  shop_rate_limited: 'WeChat Shop kept refusing calls as too frequent, even after waiting: sync again in a minute.',
  shop_busy: 'WeChat Shop is busy and kept failing after retries: sync again later.',
  shop_token:
    'WeChat Shop refused the access token even after fetching a new one: check whether the AppSecret was reset, and connect again if so.',
  shop_refused: 'WeChat Shop answered error {errcode}: {errmsg}',
  shop_unreachable: 'WeChat Shop could not be reached: check the network and try again.',
  shop_not_connected: 'No WeChat Shop is connected: enter the AppID and AppSecret under Settings → WeChat Shop first.',
  shop_secret_unavailable:
    'The saved AppSecret cannot be opened (the data key is unavailable or changed): connect the shop again.',
  shop_sku_unlinked:
    'An order names a product ({product} / {sku}) the shop no longer has and the library cannot match: sync products first.',
  shop_product_missing: 'The shop returned no such product',
  shop_phase_listing: 'Listing the shop’s products',
  shop_phase_products: 'Syncing products',
  shop_phase_orders: 'Syncing orders',
};

/** The texts that choose their words by a parameter. */
export const SHOP_MESSAGES_COMPUTED: ComputedTexts = {
  shop_ip_not_whitelisted: {
    'zh-CN': (p) =>
      `微信小店拒绝了这台电脑的 IP 地址${p.ip ? `（${p.ip}）` : ''}：请在 微信小店后台 → 服务市场 → 自研 → IP 白名单 中添加它（只有小店管理员可以操作），再重试。`,
    en: (p) =>
      `WeChat Shop refused this computer's IP address${p.ip ? ` (${p.ip})` : ''}: add it in the shop's back office under 服务市场 → 自研 → IP 白名单 (shop administrators only), then try again.`,
  },
};
