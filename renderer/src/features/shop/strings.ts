// The shop settings' strings, both languages; merged into the dictionaries by i18n/zh-CN.ts and i18n/en.ts.
export const shopZh = {
  'shop.title': '微信小店',
  'shop.explain':
    '连接后，小店的商品（含规格和图片）和订单会同步到工作室；直播时每隔几秒读取新订单，出现在订单列表、中控台和场次报告里。给小店订单发货时，发货信息会同步回小店。买家在小店付款，工作室不收款。',
  'shop.whereAppId': '在 微信小店后台 → 服务市场 → 经营工具 → 自研 中查看 AppID 和 AppSecret。',
  'shop.whitelist':
    '如果小店开启了 IP 白名单，请先在 服务市场 → 自研 → IP 白名单 中加入这台电脑的公网 IP。AppSecret 加密保存在本机，不会再显示。',
  'shop.connect': '连接小店',
  'shop.reconnect': '更换 AppID / AppSecret',
  'shop.connected': '已连接微信小店',
  'shop.disconnect': '断开',
  'shop.disconnected': '已断开微信小店；已同步的商品和订单保留',
  'shop.products': '商品',
  'shop.orders': '订单',
  'shop.never': '还没有同步过',
  'shop.running': '正在同步…',
  'shop.doneAt': '{when} 同步完成：新增 {created}，更新 {updated}，未变 {unchanged}',
  'shop.failedAt': '{when} 同步失败：{reason}',
  'shop.syncNow': '立即同步',
  'shop.syncOrders': '只同步订单',
  'shop.polling': '直播中每 {seconds} 秒自动读取小店的新订单。',
} as const;

export const shopEn: Record<keyof typeof shopZh, string> = {
  'shop.title': 'WeChat Shop (微信小店)',
  'shop.explain':
    "Once connected, the shop's products (with specifications and pictures) and orders come into the studio; during a live show new orders are read every few seconds and appear in the order log, the console and the show report. Shipping a shop order sends the shipment to the shop. Buyers pay in the shop, never in the studio.",
  'shop.whereAppId': "Find the AppID and AppSecret in the shop's back office: 服务市场 → 经营工具 → 自研.",
  'shop.whitelist':
    "If the shop has an IP whitelist switched on, add this computer's public IP under 服务市场 → 自研 → IP 白名单 first. The AppSecret is stored encrypted on this computer and never shown again.",
  'shop.connect': 'Connect the shop',
  'shop.reconnect': 'Change AppID / AppSecret',
  'shop.connected': 'WeChat Shop connected',
  'shop.disconnect': 'Disconnect',
  'shop.disconnected': 'WeChat Shop disconnected; what it brought stays',
  'shop.products': 'Products',
  'shop.orders': 'Orders',
  'shop.never': 'Not synced yet',
  'shop.running': 'Syncing…',
  'shop.doneAt': 'Synced {when}: {created} new, {updated} updated, {unchanged} unchanged',
  'shop.failedAt': 'Sync failed {when}: {reason}',
  'shop.syncNow': 'Sync now',
  'shop.syncOrders': 'Orders only',
  'shop.polling': "During a live show the shop's new orders are read every {seconds} s.",
};
