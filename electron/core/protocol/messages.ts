// User-facing texts for codes that cross the protocol, in both languages. Runtime-neutral: the CLI and
// the renderer show the same words for the same problem.

import type { MessageParams, MessageTable } from './message-table.ts';
import { ORDER_MESSAGES } from './order-messages.ts';
import { SAFETY_MESSAGES } from './safety-messages.ts';
import { SKU_MESSAGES } from './sku-messages.ts';
import { SHOP_MESSAGES } from './shop-messages.ts';
import { CLIP_MESSAGES } from './clip-messages.ts';
import { STREAM_MESSAGES } from './stream-messages.ts';

export type Locale = 'zh-CN' | 'en';

const MESSAGES: MessageTable = {
  ...ORDER_MESSAGES,
  ...SAFETY_MESSAGES,
  ...SKU_MESSAGES,
  ...SHOP_MESSAGES,
  ...CLIP_MESSAGES,
  ...STREAM_MESSAGES,
  // request-level errors
  bad_request: { 'zh-CN': '请求格式不正确', en: 'The request was malformed' },
  unknown_method: { 'zh-CN': '不支持的操作', en: 'Unknown operation' },
  unauthorized: {
    'zh-CN': '访问令牌无效，请使用工作室显示的链接重新打开',
    en: 'Access token refused: open the link the studio shows again',
  },
  not_found: { 'zh-CN': '找不到该项目，它可能已被删除', en: 'Not found: it may have been removed' },
  conflict: {
    'zh-CN': '该商品刚被其他人修改过，请查看最新内容后再保存',
    en: 'Someone else changed this product just now: review the latest version, then save again',
  },
  invalid: { 'zh-CN': '请检查标红的字段', en: 'Please check the highlighted fields' },
  import_invalid: {
    'zh-CN': (p) => `文件有 ${p.count} 处错误，未导入任何商品。请修改后重新导入。`,
    en: (p) => `The file has ${p.count} problem(s); nothing was imported. Fix them and import again.`,
  },
  too_large: { 'zh-CN': '文件太大', en: 'The file is too large' },
  busy: {
    'zh-CN': '已有同类任务在进行，请等待完成',
    en: 'A job of this kind is already running; wait for it to finish',
  },
  db_from_future: {
    'zh-CN': (p) =>
      `这些数据由更新版本的 LiveCart Studio 写入（数据库版本 ${p.dbVersion}，本程序最高支持 ${p.appVersion}）。请先升级本程序；数据未被改动。`,
    en: (p) =>
      `This data was written by a newer LiveCart Studio (database version ${p.dbVersion}; this app knows up to ${p.appVersion}). Update the app to open it; nothing was changed.`,
  },
  internal: { 'zh-CN': '出现内部错误，数据未被修改', en: 'Internal error; nothing was changed' },
  refused: { 'zh-CN': '当前无法执行该操作', en: 'That cannot be done right now' },
  forbidden: { 'zh-CN': '助理设备无权进行此操作', en: 'Assistant devices cannot do that' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
  job_not_cancellable: {
    'zh-CN': '这项任务不能中途取消（导入全部成功或全部不改），请等它完成',
    en: 'This job cannot be stopped half-way (an import is all or nothing): let it finish',
  },
  disconnected: { 'zh-CN': '与工作室的连接已断开，正在重连…', en: 'Connection to the studio lost; reconnecting…' },

  // field and cell problems
  required: { 'zh-CN': '必填', en: 'Required' },
  too_long: { 'zh-CN': (p) => `不能超过 ${p.max} 个字符`, en: (p) => `At most ${p.max} characters` },
  price_invalid: {
    'zh-CN': (p) => `“${p.value}”不是有效金额（非负数，最多两位小数）`,
    en: (p) => `"${p.value}" is not a valid amount (non-negative, at most two decimals)`,
  },
  original_below_price: {
    'zh-CN': '划线价应高于售价',
    en: 'The crossed-out price must be higher than the price',
  },
  stock_invalid: {
    'zh-CN': (p) => `“${p.value}”不是有效库存（非负整数）`,
    en: (p) => `"${p.value}" is not a valid stock (a non-negative whole number)`,
  },
  sku_taken: {
    'zh-CN': (p) => `商品编码 ${p.sku} 已被其他商品使用`,
    en: (p) => `SKU ${p.sku} is used by another product`,
  },
  sku_repeated: {
    'zh-CN': (p) => `商品编码 ${p.sku} 在第 ${p.firstLine} 行已出现`,
    en: (p) => `SKU ${p.sku} already appears on row ${p.firstLine}`,
  },
  link_invalid: {
    'zh-CN': '链接应为 http(s) 网址（店铺或公众号文章）或小程序路径',
    en: 'The link must be an http(s) URL (shop or article) or a mini-program path',
  },
  image_missing: { 'zh-CN': (p) => `找不到图片文件：${p.path}`, en: (p) => `Image file not found: ${p.path}` },
  image_not_picked: {
    'zh-CN': (p) =>
      `图片“${p.path}”没有随表格一起选择：请把 CSV 和它的图片一起选中（可多选，或选择整个文件夹）后再导入`,
    en: (p) =>
      `The picture "${p.path}" was not picked with the spreadsheet: choose the CSV together with its pictures (several files, or the whole folder) and import again`,
  },
  image_ambiguous: {
    'zh-CN': (p) => `选中的文件里有多张不同的图片都叫“${p.path}”：请在表格里写出它所在的子文件夹`,
    en: (p) => `Several different pictures you picked are called "${p.path}": write its subfolder in the spreadsheet`,
  },
  image_not_file: {
    'zh-CN': (p) => `“${p.path}”不是普通文件，不能作为图片`,
    en: (p) => `"${p.path}" is not a regular file and cannot be a picture`,
  },
  image_path_refused: {
    'zh-CN': (p) => `“${p.path}”是网络路径或设备路径：请先把图片复制到表格旁边`,
    en: (p) => `"${p.path}" is a network or device path: copy the picture next to the spreadsheet first`,
  },
  import_kept_stock: {
    'zh-CN': (p) =>
      `库存未按文件改为 ${p.file}：导出后库存已从 ${p.base} 变为 ${p.current}（期间有销售或修改），保留 ${p.current}。如需调整请在商品库里修改。`,
    en: (p) =>
      `Stock not set to ${p.file}: since the export it went from ${p.base} to ${p.current} (sold or changed meanwhile), so ${p.current} was kept. Adjust it in the library if needed.`,
  },
  import_stock_moved: {
    'zh-CN': (p) => `导出后库存已从 ${p.base} 变为 ${p.current}，保留 ${p.current}`,
    en: (p) => `Stock went from ${p.base} to ${p.current} since the export; ${p.current} was kept`,
  },
  import_kept_stock_unknown: {
    'zh-CN': (p) =>
      `库存未按文件改为 ${p.file}：这份导出文件较旧，看不出导出后是否已售出，保留现在的 ${p.current}。请重新导出后再改库存。`,
    en: (p) =>
      `Stock not set to ${p.file}: this export is too old to tell what sold since, so the current ${p.current} was kept. Export again and change the stock in the new file.`,
  },
  import_kept_edited: {
    'zh-CN': '导出后该商品在工作室里被修改过，这一格未应用（保留工作室里的内容）；如需修改请重新导出后再改',
    en: 'This product was edited in the studio after the export, so this cell was not applied (the studio’s value was kept); export again to change it',
  },
  uploads_busy: {
    'zh-CN': '同时上传的文件太多，请等当前上传完成',
    en: 'Too many files are being uploaded at once: wait for the current ones to finish',
  },
  upload_offset: { 'zh-CN': '上传中断，请重新选择文件', en: 'The upload was interrupted: choose the file again' },
  upload_incomplete: { 'zh-CN': '文件没有传完，请重新选择', en: 'The file did not arrive whole: choose it again' },
  image_unsupported: {
    'zh-CN': '图片格式不支持（请使用 JPG、PNG、WebP 或 GIF）',
    en: 'Unsupported image (use JPG, PNG, WebP or GIF)',
  },
  image_too_large: { 'zh-CN': '图片不能超过 10 MB', en: 'Images must be at most 10 MB' },

  // live room: why an action was refused (error code 'refused', issues[0].code)
  session_bag_empty: {
    'zh-CN': '购物袋里还没有商品，无法开播。请先在购物袋中添加至少一件商品（视频号开播前需先上架商品）。',
    en: 'The shopping bag is empty, so the show cannot go live. Add at least one product first (WeChat Channels needs a product before a shop live room opens).',
  },
  session_other_live: {
    'zh-CN': '另一场直播正在进行，请先结束它再开播',
    en: 'Another session is live: end it before going live with this one',
  },
  session_live: { 'zh-CN': '这场直播已经开始了', en: 'This session is already live' },
  session_ended: {
    'zh-CN': '这场直播已结束，不能再修改购物袋或开播',
    en: 'This session has ended; its bag can no longer change',
  },
  session_not_live: {
    'zh-CN': '只有直播中才能讲解商品或发券',
    en: 'Only a live session can explain products or push coupons',
  },
  // why the stream is encoded in software though hardware was asked for (StreamState.encoder.fallback)
  stream_hw_none: {
    'zh-CN': '这个 ffmpeg 不带硬件 H.264 编码器，已改用软件编码（x264，占用 CPU 较多）。',
    en: 'This ffmpeg has no hardware H.264 encoder: encoding in software (x264, which uses more CPU).',
  },
  stream_hw_failed: {
    'zh-CN': (p) =>
      `硬件编码器（${p.tried || '无'}）试编码失败（显卡、驱动或远程桌面不支持），已改用软件编码（x264，占用 CPU 较多）。`,
    en: (p) =>
      `The hardware encoders (${p.tried || 'none'}) failed a trial encode (no GPU, driver or a remote desktop): encoding in software (x264, which uses more CPU).`,
  },

  // the show as one (show.goLive): the UI asks on the first two and calls again
  show_far_from_plan: {
    'zh-CN': '现在离计划开播时间较远（超过 30 分钟）。确定现在开播吗？',
    en: 'It is more than 30 minutes from the planned start. Go live now?',
  },
  show_no_destinations: {
    'zh-CN': '没有启用的推流目标：开播后观众看不到任何画面。请先添加推流目标，或以彩排方式开播（只在本机预览和录制）。',
    en: 'No destination is enabled: nothing would be broadcast. Add a destination first, or go live as a rehearsal (preview and record on this machine only).',
  },
  show_stream_failed: {
    'zh-CN': (p) => `推流没有开始，本场仍未开播：${messageFor(String(p.reason ?? ''), 'zh-CN')}`,
    en: (p) => `The stream did not start, so the show has not gone live: ${messageFor(String(p.reason ?? ''), 'en')}`,
  },
  bag_item_missing: {
    'zh-CN': (p) => (p.linkNo ? `购物袋里没有 ${p.linkNo} 号链接` : '该商品不在购物袋中'),
    en: (p) => (p.linkNo ? `There is no link #${p.linkNo} in the bag` : 'That product is not in the bag'),
  },
  bag_item_present: { 'zh-CN': '该商品已在购物袋中', en: 'That product is already in the bag' },
  bag_full: {
    'zh-CN': (p) => `购物袋最多放 ${p.max} 件商品`,
    en: (p) => `The bag holds at most ${p.max} products`,
  },
  bag_item_delisted: {
    'zh-CN': '该商品已下架，请先上架再讲解',
    en: 'That product is delisted: list it before explaining it',
  },
  product_archived: {
    'zh-CN': '该商品已归档，请先在商品库中恢复',
    en: 'That product is archived: restore it in the library first',
  },
  coupon_not_pushed: { 'zh-CN': '这张券当前没有在发放', en: 'That coupon is not being pushed' },
  promo_link_invalid: {
    'zh-CN': '请填写以 http:// 或 https:// 开头的直播间或预约链接',
    en: 'Use a live-room or reservation link starting with http:// or https://',
  },

  // coupons: field problems, and why a push (发券) was refused (error code 'refused', issues[0].code)
  coupon_term_unused: {
    'zh-CN': '这种优惠券不使用这一项，请留空',
    en: 'This kind of coupon does not use this; leave it empty',
  },
  amount_not_positive: { 'zh-CN': '金额应大于 0', en: 'The amount must be more than 0' },
  coupon_off_above_threshold: {
    'zh-CN': '减免金额不能超过使用门槛',
    en: 'The amount off cannot be more than the minimum spend',
  },
  coupon_rate_invalid: {
    'zh-CN': '折扣应在 0.1 折到 9.9 折之间',
    en: 'The discount must be between 0.1折 and 9.9折 (pay 1% to 99%)',
  },
  coupon_products_required: {
    'zh-CN': '指定商品可用的券至少要选择一件商品',
    en: 'Pick at least one product for a product coupon',
  },
  coupon_products_unused: {
    'zh-CN': '全店通用的券不需要选择商品',
    en: 'A shop-wide coupon takes no product list',
  },
  coupon_product_missing: {
    'zh-CN': (p) => `找不到商品（编号 ${p.id}），它可能已被删除`,
    en: (p) => `Product ${p.id} no longer exists`,
  },
  coupon_product_archived: {
    'zh-CN': (p) => `商品（编号 ${p.id}）已归档，请先在商品库中恢复或移除它`,
    en: (p) => `Product ${p.id} is archived: restore it in the library or remove it here`,
  },
  coupon_quantity_invalid: {
    'zh-CN': '发放总量至少为 1（不限量请留空）',
    en: 'At least 1 (leave empty for unlimited)',
  },
  coupon_quantity_below_claimed: {
    'zh-CN': (p) => `已被领取 ${p.claimed} 张，发放总量不能少于已领取数量`,
    en: (p) => `${p.claimed} have been claimed already; the total cannot be lower`,
  },
  coupon_limit_invalid: {
    'zh-CN': '每人限领应为 1 到 100 之间的整数',
    en: 'Per buyer must be a whole number from 1 to 100',
  },
  coupon_time_invalid: { 'zh-CN': '请选择日期和时间', en: 'Pick a date and time' },
  coupon_until_not_after_from: {
    'zh-CN': '结束时间应晚于开始时间',
    en: 'The end must be after the start',
  },
  coupon_archived: {
    'zh-CN': '这张券已归档，请先在优惠券中恢复',
    en: 'This coupon is archived: restore it under Coupons first',
  },
  coupon_not_started: {
    'zh-CN': '这张券还没到生效时间，暂不能发放',
    en: 'This coupon is not valid yet, so it cannot be pushed',
  },
  coupon_expired: { 'zh-CN': '这张券已过期，不能发放', en: 'This coupon has expired, so it cannot be pushed' },
  coupon_sold_out: { 'zh-CN': '这张券已被领完，不能再发放', en: 'All of this coupon have been claimed' },

  // assistant access (助理访问): why the LAN listener is not reachable (AccessState.problem, or a refused pairing)
  lan_port_busy: {
    'zh-CN':
      '局域网端口已被其他程序占用（可能是另一个 LiveCart Studio 正在运行），助理暂时无法连接。请关闭该程序，再关闭并重新打开“助理访问”。',
    en: 'The LAN port is taken by another program (perhaps another LiveCart Studio), so assistants cannot connect. Close that program, then switch assistant access off and on again.',
  },
  lan_listen_failed: {
    'zh-CN': '无法在局域网上监听，助理暂时无法连接。请检查网络设置后，关闭并重新打开“助理访问”。',
    en: 'The studio could not listen on the LAN, so assistants cannot connect. Check the network settings, then switch assistant access off and on again.',
  },
  lan_no_network: {
    'zh-CN': '这台电脑没有连接局域网（Wi-Fi 或网线），助理无法连接。连上网络后地址会显示在这里。',
    en: 'This computer is not on a local network (Wi-Fi or cable), so assistants cannot connect. The address appears here once it is.',
  },
  lan_access_off: {
    'zh-CN': '请先开启“助理访问”，再配对设备',
    en: 'Switch assistant access on before pairing a device',
  },

  // the overlay's page for OBS (overlay.pageLink's problem)
  overlay_port_busy: {
    'zh-CN':
      'OBS 叠加层页面的端口（17881）已被其他程序占用（可能是另一个 LiveCart Studio），页面暂时无法打开。请关闭该程序后重试。',
    en: 'The port of the OBS overlay page (17881) is taken by another program (perhaps another LiveCart Studio). Close it and try again.',
  },
  overlay_page_unavailable: {
    'zh-CN': '这里无法提供 OBS 叠加层页面（请在桌面版或 livecart serve 中打开）',
    en: 'The OBS overlay page is not served here (open it from the desktop app or livecart serve)',
  },

  csv_empty: { 'zh-CN': '文件是空的', en: 'The file is empty' },
  csv_missing_column: {
    'zh-CN': (p) => `缺少必需的列：${p.column}`,
    en: (p) => `A required column is missing: ${p.column}`,
  },
  csv_duplicate_column: { 'zh-CN': (p) => `列重复：${p.column}`, en: (p) => `Column appears twice: ${p.column}` },
  csv_unclosed_quote: {
    'zh-CN': '引号没有闭合（从这一行开始）',
    en: 'A quoted field is never closed (starting on this row)',
  },
  xlsx_unreadable: {
    'zh-CN': '无法读取这个 Excel 文件：它可能已损坏，或不是 .xlsx 格式（旧的 .xls 请在 Excel 里另存为 .xlsx）',
    en: 'This Excel file cannot be read: it may be damaged or not .xlsx (save an old .xls as .xlsx in Excel)',
  },
  xlsx_too_many_rows: {
    'zh-CN': (p) => `共 ${p.rows} 行，超过了 Excel 一个工作表的上限（${p.max} 行）：请缩小筛选范围，或导出 CSV`,
    en: (p) => `${p.rows} rows do not fit in one Excel sheet (at most ${p.max}): narrow the filter, or export CSV`,
  },
  xls_old_format: {
    'zh-CN': '这是旧的 .xls 格式：请在 Excel 或 WPS 里“另存为” .xlsx 或 CSV 再导入',
    en: 'This is an old .xls workbook: use Save As .xlsx or CSV in Excel or WPS, then import that',
  },
  csv_bad_quote: { 'zh-CN': '引号位置不正确', en: 'A quote appears in the wrong place' },
  csv_unknown_column: {
    'zh-CN': (p) => `未识别的列已忽略：${p.column}`,
    en: (p) => `Unrecognised column ignored: ${p.column}`,
  },
  csv_group_differs: {
    'zh-CN': (p) => `同一商品的各规格行“${p.column}”应相同（或留空），与第 ${p.firstLine} 行不同`,
    en: (p) =>
      `Rows of one product must agree on "${p.column}" (or leave it blank): this differs from row ${p.firstLine}`,
  },
  csv_product_twice: {
    'zh-CN': (p) => `这些行和第 ${p.firstLine} 行是同一个商品（商品ID 或商品编码相同）：请合并成一组`,
    en: (p) => `These rows are the same product as row ${p.firstLine} (same 商品ID or code): keep them together`,
  },
  csv_too_many_specs: {
    'zh-CN': (p) => `一个商品最多 ${p.max} 个规格`,
    en: (p) => `A product can have at most ${p.max} specifications`,
  },
  csv_no_rows: { 'zh-CN': '文件只有表头，没有数据行', en: 'The file has a header but no rows' },

  // job phases
  phase_reading: { 'zh-CN': '读取文件', en: 'Reading the file' },
  phase_checking: { 'zh-CN': '检查内容', en: 'Checking rows' },
  phase_images: { 'zh-CN': '匹配图片', en: 'Matching pictures' },
  phase_writing: { 'zh-CN': '写入商品库', en: 'Saving products' },
  phase_exporting: { 'zh-CN': '导出中', en: 'Exporting' },
  phase_done: { 'zh-CN': '完成', en: 'Done' },
};

/** The text for a code in a locale; an unknown code falls back to itself so nothing is ever blank. */
export function messageFor(code: string, locale: Locale, params: MessageParams = {}): string {
  const entry = MESSAGES[code];
  if (!entry) return code;
  const text = entry[locale];
  return typeof text === 'function' ? text(params) : text;
}

export function hasMessage(code: string): boolean {
  return code in MESSAGES;
}

/** zh-CN for any Chinese locale tag (zh, zh-CN, zh_TW.UTF-8, zh-Hans…), English otherwise. */
export function pickLocale(tag: string | undefined | null): Locale {
  return tag && /^zh\b|^zh[-_]/i.test(tag.trim()) ? 'zh-CN' : 'en';
}
