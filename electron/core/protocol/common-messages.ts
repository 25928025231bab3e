// What the codes of the request itself, the catalogue, the live room, coupons and jobs say, in both languages
// (merged into messages.ts). `{name}` is filled from the error's parameters.
import type { ComputedTexts } from './message-table.ts';

export const COMMON_MESSAGES_ZH = {
  // request-level errors
  bad_request: '请求格式不正确',
  unknown_method: '不支持的操作',
  unauthorized: '访问令牌无效，请使用工作室显示的链接重新打开',
  not_found: '找不到该项目，它可能已被删除',
  conflict: '该商品刚被其他人修改过，请查看最新内容后再保存',
  invalid: '请检查标红的字段',
  import_invalid: '文件有 {count} 处错误，未导入任何商品。请修改后重新导入。',
  too_large: '文件太大',
  busy: '已有同类任务在进行，请等待完成',
  db_from_future:
    '这些数据由更新版本的 LiveCart Studio 写入（数据库版本 {dbVersion}，本程序最高支持 {appVersion}）。请先升级本程序；数据未被改动。',
  internal: '出现内部错误，数据未被修改',
  refused: '当前无法执行该操作',
  forbidden: '助理设备无权进行此操作',
  cancelled: '已取消',
  job_not_cancellable: '这项任务不能中途取消（导入全部成功或全部不改），请等它完成',
  disconnected: '与工作室的连接已断开，正在重连…',

  // field and cell problems
  required: '必填',
  too_long: '不能超过 {max} 个字符',
  price_invalid: '“{value}”不是有效金额（非负数，最多两位小数）',
  original_below_price: '划线价应高于售价',
  stock_invalid: '“{value}”不是有效库存（非负整数）',
  sku_taken: '商品编码 {sku} 已被其他商品使用',
  sku_repeated: '商品编码 {sku} 在第 {firstLine} 行已出现',
  link_invalid: '链接应为 http(s) 网址（店铺或公众号文章）或小程序路径',
  image_missing: '找不到图片文件：{path}',
  image_not_picked: '图片“{path}”没有随表格一起选择：请把 CSV 和它的图片一起选中（可多选，或选择整个文件夹）后再导入',
  image_ambiguous: '选中的文件里有多张不同的图片都叫“{path}”：请在表格里写出它所在的子文件夹',
  image_not_file: '“{path}”不是普通文件，不能作为图片',
  image_path_refused: '“{path}”是网络路径或设备路径：请先把图片复制到表格旁边',
  import_kept_stock:
    '库存未按文件改为 {file}：导出后库存已从 {base} 变为 {current}（期间有销售或修改），保留 {current}。如需调整请在商品库里修改。',
  import_stock_moved: '导出后库存已从 {base} 变为 {current}，保留 {current}',
  import_kept_stock_unknown:
    '库存未按文件改为 {file}：这份导出文件较旧，看不出导出后是否已售出，保留现在的 {current}。请重新导出后再改库存。',
  import_kept_edited: '导出后该商品在工作室里被修改过，这一格未应用（保留工作室里的内容）；如需修改请重新导出后再改',
  uploads_busy: '同时上传的文件太多，请等当前上传完成',
  upload_offset: '上传中断，请重新选择文件',
  upload_incomplete: '文件没有传完，请重新选择',
  image_unsupported: '图片格式不支持（请使用 JPG、PNG、WebP 或 GIF）',
  image_too_large: '图片不能超过 10 MB',

  // live room: why an action was refused (error code 'refused', issues[0].code)
  session_bag_empty: '购物袋里还没有商品，无法开播。请先在购物袋中添加至少一件商品（视频号开播前需先上架商品）。',
  session_other_live: '另一场直播正在进行，请先结束它再开播',
  session_live: '这场直播已经开始了',
  session_ended: '这场直播已结束，不能再修改购物袋或开播',
  session_not_live: '只有直播中才能讲解商品或发券',
  // why the stream is encoded in software though hardware was asked for (StreamState.encoder.fallback)
  stream_hw_none: '这个 ffmpeg 不带硬件 H.264 编码器，已改用软件编码（x264，占用 CPU 较多）。',

  // the show as one (show.goLive): the UI asks on the first two and calls again
  show_far_from_plan: '现在离计划开播时间较远（超过 30 分钟）。确定现在开播吗？',
  show_no_destinations:
    '没有启用的推流目标：开播后观众看不到任何画面。请先添加推流目标，或以彩排方式开播（只在本机预览和录制）。',
  bag_item_present: '该商品已在购物袋中',
  bag_full: '购物袋最多放 {max} 件商品',
  bag_item_delisted: '该商品已下架，请先上架再讲解',
  product_archived: '该商品已归档，请先在商品库中恢复',
  coupon_not_pushed: '这张券当前没有在发放',
  promo_link_invalid: '请填写以 http:// 或 https:// 开头的直播间或预约链接',

  // coupons: field problems, and why a push (发券) was refused (error code 'refused', issues[0].code)
  coupon_term_unused: '这种优惠券不使用这一项，请留空',
  amount_not_positive: '金额应大于 0',
  coupon_off_above_threshold: '减免金额不能超过使用门槛',
  coupon_rate_invalid: '折扣应在 0.1 折到 9.9 折之间',
  coupon_products_required: '指定商品可用的券至少要选择一件商品',
  coupon_products_unused: '全店通用的券不需要选择商品',
  coupon_product_missing: '找不到商品（编号 {id}），它可能已被删除',
  coupon_product_archived: '商品（编号 {id}）已归档，请先在商品库中恢复或移除它',
  coupon_quantity_invalid: '发放总量至少为 1（不限量请留空）',
  coupon_quantity_below_claimed: '已被领取 {claimed} 张，发放总量不能少于已领取数量',
  coupon_limit_invalid: '每人限领应为 1 到 100 之间的整数',
  coupon_time_invalid: '请选择日期和时间',
  coupon_until_not_after_from: '结束时间应晚于开始时间',
  coupon_archived: '这张券已归档，请先在优惠券中恢复',
  coupon_not_started: '这张券还没到生效时间，暂不能发放',
  coupon_expired: '这张券已过期，不能发放',
  coupon_sold_out: '这张券已被领完，不能再发放',

  // assistant access (助理访问): why the LAN listener is not reachable (AccessState.problem, or a refused pairing)
  lan_port_busy:
    '局域网端口已被其他程序占用（可能是另一个 LiveCart Studio 正在运行），助理暂时无法连接。请关闭该程序，再关闭并重新打开“助理访问”。',
  lan_listen_failed: '无法在局域网上监听，助理暂时无法连接。请检查网络设置后，关闭并重新打开“助理访问”。',
  lan_no_network: '这台电脑没有连接局域网（Wi-Fi 或网线），助理无法连接。连上网络后地址会显示在这里。',
  lan_access_off: '请先开启“助理访问”，再配对设备',

  // the overlay's page for OBS (overlay.pageLink's problem)
  overlay_port_busy:
    'OBS 叠加层页面的端口（17881）已被其他程序占用（可能是另一个 LiveCart Studio），页面暂时无法打开。请关闭该程序后重试。',
  overlay_page_unavailable: '这里无法提供 OBS 叠加层页面（请在桌面版或 livecart serve 中打开）',

  csv_empty: '文件是空的',
  csv_missing_column: '缺少必需的列：{column}',
  csv_duplicate_column: '列重复：{column}',
  csv_unclosed_quote: '引号没有闭合（从这一行开始）',
  xlsx_unreadable: '无法读取这个 Excel 文件：它可能已损坏，或不是 .xlsx 格式（旧的 .xls 请在 Excel 里另存为 .xlsx）',
  xlsx_too_many_rows: '共 {rows} 行，超过了 Excel 一个工作表的上限（{max} 行）：请缩小筛选范围，或导出 CSV',
  xls_old_format: '这是旧的 .xls 格式：请在 Excel 或 WPS 里“另存为” .xlsx 或 CSV 再导入',
  csv_bad_quote: '引号位置不正确',
  csv_unknown_column: '未识别的列已忽略：{column}',
  csv_group_differs: '同一商品的各规格行“{column}”应相同（或留空），与第 {firstLine} 行不同',
  csv_product_twice: '这些行和第 {firstLine} 行是同一个商品（商品ID 或商品编码相同）：请合并成一组',
  csv_too_many_specs: '一个商品最多 {max} 个规格',
  csv_no_rows: '文件只有表头，没有数据行',

  // job phases
  phase_reading: '读取文件',
  phase_checking: '检查内容',
  phase_images: '匹配图片',
  phase_writing: '写入商品库',
  phase_exporting: '导出中',
  phase_done: '完成',
};

/** The same codes in English (the compiler checks that none is missing). */
export const COMMON_MESSAGES_EN: Record<keyof typeof COMMON_MESSAGES_ZH, string> = {
  bad_request: 'The request was malformed',
  unknown_method: 'Unknown operation',
  unauthorized: 'Access token refused: open the link the studio shows again',
  not_found: 'Not found: it may have been removed',
  conflict: 'Someone else changed this product just now: review the latest version, then save again',
  invalid: 'Please check the highlighted fields',
  import_invalid: 'The file has {count} problem(s); nothing was imported. Fix them and import again.',
  too_large: 'The file is too large',
  busy: 'A job of this kind is already running; wait for it to finish',
  db_from_future:
    'This data was written by a newer LiveCart Studio (database version {dbVersion}; this app knows up to {appVersion}). Update the app to open it; nothing was changed.',
  internal: 'Internal error; nothing was changed',
  refused: 'That cannot be done right now',
  forbidden: 'Assistant devices cannot do that',
  cancelled: 'Cancelled',
  job_not_cancellable: 'This job cannot be stopped half-way (an import is all or nothing): let it finish',
  disconnected: 'Connection to the studio lost; reconnecting…',
  required: 'Required',
  too_long: 'At most {max} characters',
  price_invalid: '"{value}" is not a valid amount (non-negative, at most two decimals)',
  original_below_price: 'The crossed-out price must be higher than the price',
  stock_invalid: '"{value}" is not a valid stock (a non-negative whole number)',
  sku_taken: 'SKU {sku} is used by another product',
  sku_repeated: 'SKU {sku} already appears on row {firstLine}',
  link_invalid: 'The link must be an http(s) URL (shop or article) or a mini-program path',
  image_missing: 'Image file not found: {path}',
  image_not_picked:
    'The picture "{path}" was not picked with the spreadsheet: choose the CSV together with its pictures (several files, or the whole folder) and import again',
  image_ambiguous: 'Several different pictures you picked are called "{path}": write its subfolder in the spreadsheet',
  image_not_file: '"{path}" is not a regular file and cannot be a picture',
  image_path_refused: '"{path}" is a network or device path: copy the picture next to the spreadsheet first',
  import_kept_stock:
    'Stock not set to {file}: since the export it went from {base} to {current} (sold or changed meanwhile), so {current} was kept. Adjust it in the library if needed.',
  import_stock_moved: 'Stock went from {base} to {current} since the export; {current} was kept',
  import_kept_stock_unknown:
    'Stock not set to {file}: this export is too old to tell what sold since, so the current {current} was kept. Export again and change the stock in the new file.',
  import_kept_edited:
    'This product was edited in the studio after the export, so this cell was not applied (the studio’s value was kept); export again to change it',
  uploads_busy: 'Too many files are being uploaded at once: wait for the current ones to finish',
  upload_offset: 'The upload was interrupted: choose the file again',
  upload_incomplete: 'The file did not arrive whole: choose it again',
  image_unsupported: 'Unsupported image (use JPG, PNG, WebP or GIF)',
  image_too_large: 'Images must be at most 10 MB',
  session_bag_empty:
    'The shopping bag is empty, so the show cannot go live. Add at least one product first (WeChat Channels needs a product before a shop live room opens).',
  session_other_live: 'Another session is live: end it before going live with this one',
  session_live: 'This session is already live',
  session_ended: 'This session has ended; its bag can no longer change',
  session_not_live: 'Only a live session can explain products or push coupons',
  stream_hw_none: 'This ffmpeg has no hardware H.264 encoder: encoding in software (x264, which uses more CPU).',
  show_far_from_plan: 'It is more than 30 minutes from the planned start. Go live now?',
  show_no_destinations:
    'No destination is enabled: nothing would be broadcast. Add a destination first, or go live as a rehearsal (preview and record on this machine only).',
  bag_item_present: 'That product is already in the bag',
  bag_full: 'The bag holds at most {max} products',
  bag_item_delisted: 'That product is delisted: list it before explaining it',
  product_archived: 'That product is archived: restore it in the library first',
  coupon_not_pushed: 'That coupon is not being pushed',
  promo_link_invalid: 'Use a live-room or reservation link starting with http:// or https://',
  coupon_term_unused: 'This kind of coupon does not use this; leave it empty',
  amount_not_positive: 'The amount must be more than 0',
  coupon_off_above_threshold: 'The amount off cannot be more than the minimum spend',
  coupon_rate_invalid: 'The discount must be between 0.1折 and 9.9折 (pay 1% to 99%)',
  coupon_products_required: 'Pick at least one product for a product coupon',
  coupon_products_unused: 'A shop-wide coupon takes no product list',
  coupon_product_missing: 'Product {id} no longer exists',
  coupon_product_archived: 'Product {id} is archived: restore it in the library or remove it here',
  coupon_quantity_invalid: 'At least 1 (leave empty for unlimited)',
  coupon_quantity_below_claimed: '{claimed} have been claimed already; the total cannot be lower',
  coupon_limit_invalid: 'Per buyer must be a whole number from 1 to 100',
  coupon_time_invalid: 'Pick a date and time',
  coupon_until_not_after_from: 'The end must be after the start',
  coupon_archived: 'This coupon is archived: restore it under Coupons first',
  coupon_not_started: 'This coupon is not valid yet, so it cannot be pushed',
  coupon_expired: 'This coupon has expired, so it cannot be pushed',
  coupon_sold_out: 'All of this coupon have been claimed',
  lan_port_busy:
    'The LAN port is taken by another program (perhaps another LiveCart Studio), so assistants cannot connect. Close that program, then switch assistant access off and on again.',
  lan_listen_failed:
    'The studio could not listen on the LAN, so assistants cannot connect. Check the network settings, then switch assistant access off and on again.',
  lan_no_network:
    'This computer is not on a local network (Wi-Fi or cable), so assistants cannot connect. The address appears here once it is.',
  lan_access_off: 'Switch assistant access on before pairing a device',
  overlay_port_busy:
    'The port of the OBS overlay page (17881) is taken by another program (perhaps another LiveCart Studio). Close it and try again.',
  overlay_page_unavailable: 'The OBS overlay page is not served here (open it from the desktop app or livecart serve)',
  csv_empty: 'The file is empty',
  csv_missing_column: 'A required column is missing: {column}',
  csv_duplicate_column: 'Column appears twice: {column}',
  csv_unclosed_quote: 'A quoted field is never closed (starting on this row)',
  xlsx_unreadable:
    'This Excel file cannot be read: it may be damaged or not .xlsx (save an old .xls as .xlsx in Excel)',
  xlsx_too_many_rows: '{rows} rows do not fit in one Excel sheet (at most {max}): narrow the filter, or export CSV',
  xls_old_format: 'This is an old .xls workbook: use Save As .xlsx or CSV in Excel or WPS, then import that',
  csv_bad_quote: 'A quote appears in the wrong place',
  csv_unknown_column: 'Unrecognised column ignored: {column}',
  csv_group_differs:
    'Rows of one product must agree on "{column}" (or leave it blank): this differs from row {firstLine}',
  csv_product_twice: 'These rows are the same product as row {firstLine} (same 商品ID or code): keep them together',
  csv_too_many_specs: 'A product can have at most {max} specifications',
  csv_no_rows: 'The file has a header but no rows',
  phase_reading: 'Reading the file',
  phase_checking: 'Checking rows',
  phase_images: 'Matching pictures',
  phase_writing: 'Saving products',
  phase_exporting: 'Exporting',
  phase_done: 'Done',
};

/** The texts that choose their words by a parameter. */
export const COMMON_MESSAGES_COMPUTED: ComputedTexts = {
  stream_hw_failed: {
    'zh-CN': (p) =>
      `硬件编码器（${p.tried || '无'}）试编码失败（显卡、驱动或远程桌面不支持），已改用软件编码（x264，占用 CPU 较多）。`,
    en: (p) =>
      `The hardware encoders (${p.tried || 'none'}) failed a trial encode (no GPU, driver or a remote desktop): encoding in software (x264, which uses more CPU).`,
  },
  show_stream_failed: {
    'zh-CN': (p, say) => `推流没有开始，本场仍未开播：${say(String(p.reason ?? ''))}`,
    en: (p, say) => `The stream did not start, so the show has not gone live: ${say(String(p.reason ?? ''))}`,
  },
  bag_item_missing: {
    'zh-CN': (p) => (p.linkNo ? `购物袋里没有 ${p.linkNo} 号链接` : '该商品不在购物袋中'),
    en: (p) => (p.linkNo ? `There is no link #${p.linkNo} in the bag` : 'That product is not in the bag'),
  },
};
