// What the codes about access, limits, disks and the database say, in both languages (merged into messages.ts).
import type { ComputedTexts } from './message-table.ts';

export const SAFETY_MESSAGES_ZH = {
  auth_too_many_tries: '错误的访问令牌太多，请稍后再试',
  too_complex: '请求内容过多或嵌套过深，未被处理',
  write_unconfirmed: '已写入，但磁盘没有确认保存成功：请先查看是否已记录，不要直接重试；然后重新启动工作室并检查磁盘。',
  disk_full: '磁盘空间已满，未能保存。请清理磁盘（如删除旧录像）后重试；之前保存的数据不受影响。',
  db_locked: '另一个程序（如命令行导入）长时间占用数据库，这次未能保存。请等它完成后再试。',
  folder_in_use: '有 livecart 命令正在使用这个数据文件夹（{dataDir}）：请等它结束后再恢复备份。',
  folder_restoring: '正在向这个数据文件夹（{dataDir}）恢复备份：请等恢复完成后再试。',

  import_no_csv: '选中的文件里没有 CSV：请一并选中表格文件',
  stream_key_for_new_server: '更换了服务器地址：请为新地址重新填写推流密钥（原密钥不会发给新的服务器）',
  stream_url_credentials: '服务器地址里不能包含用户名和密码（它们会以明文保存）；直播平台的推流地址不需要它们',
  secrets_locked:
    '系统钥匙串暂时无法打开保存推流密钥的数据密钥：已保存的密钥现在无法读取，也不能保存新密钥。请解锁钥匙串（或登录系统账户）后重新打开工作室。',
  secrets_in_desktop:
    '这个数据文件夹的推流密钥由桌面版保存在系统钥匙串中，这里（livecart serve）无法读取，也不能保存新密钥。请在桌面版中开播，或用 livecart stream --key-file 推流。',

  capability_bag: '这台设备没有“管理购物袋和讲解”的权限：请主播在“设置 → 助理访问”中开启',
  capability_orders: '这台设备没有“录单、查看订单”的权限：请主播在“设置 → 助理访问”中开启',
  capability_contacts: '这台设备不能查看买家手机和地址：请主播在“设置 → 助理访问”中开启',
  capability_files: '这台设备没有“导出、导入和发货”的权限：请主播在“设置 → 助理访问”中开启',
  capability_show: '这台设备不能开播或结束直播：请主播操作，或在“设置 → 助理访问”中开启',
  issues_truncated: '另有 {more} 处问题未列出',
};

/** The same codes in English (the compiler checks that none is missing). */
export const SAFETY_MESSAGES_EN: Record<keyof typeof SAFETY_MESSAGES_ZH, string> = {
  auth_too_many_tries: 'Too many wrong access tokens: try again in a little while',
  too_complex: 'The request holds too much or is nested too deeply; it was not processed',
  write_unconfirmed:
    'Written, but the disk did not confirm it was saved: check whether it was recorded before trying again, then restart the studio and check the disk.',
  disk_full:
    'The disk is full, so this was not saved. Free some space (old recordings, say) and try again; what was saved before is safe.',
  db_locked:
    'Another program (a command-line import, say) kept the database busy too long; this was not saved. Try again when it is done.',
  folder_in_use: 'A livecart command is using this data folder ({dataDir}): restore the backup once it has finished.',
  folder_restoring: 'A backup is being restored into this data folder ({dataDir}): try again once it is done.',
  import_no_csv: 'None of the picked files is a CSV: pick the spreadsheet too',
  stream_key_for_new_server:
    'The server address changed: type the stream key for the new address (the old key is never sent to another server)',
  stream_url_credentials:
    'The server address cannot hold a user name and password (they would be stored in clear); platforms’ push addresses do not need them',
  secrets_locked:
    'The system keychain cannot open the data key that protects stream keys right now: saved keys cannot be read and new ones cannot be saved. Unlock the keychain (or sign in to your account) and open the studio again.',
  secrets_in_desktop:
    'The desktop app keeps this data folder’s stream keys in the system keychain, which this studio (livecart serve) cannot open: saved keys cannot be read here and new ones cannot be saved. Go live from the desktop app, or push with livecart stream --key-file.',
  capability_bag: 'This device may not run the bag and explain: the host can allow it in Settings → Assistant access',
  capability_orders:
    'This device may not take orders or see the order log: the host can allow it in Settings → Assistant access',
  capability_contacts:
    'This device may not see buyers’ phones and addresses: the host can allow it in Settings → Assistant access',
  capability_files: 'This device may not export, import or ship: the host can allow it in Settings → Assistant access',
  capability_show:
    'This device may not start or end the show: ask the host, or the host can allow it in Settings → Assistant access',
  issues_truncated: '{more} more problem(s) not listed',
};

/** The texts that choose their words by a parameter. */
export const SAFETY_MESSAGES_COMPUTED: ComputedTexts = {
  db_corrupt: {
    'zh-CN': (p) =>
      `数据库文件已损坏，无法打开（${p.file}）。` +
      (p.backup
        ? `最近的备份是 ${p.backup}：运行 livecart restore 可用它恢复（损坏的文件会保留）。`
        : '没有找到备份。请联系支持，不要删除这个文件。'),
    en: (p) =>
      `The database file is damaged and cannot be opened (${p.file}). ` +
      (p.backup
        ? `The latest backup is ${p.backup}: run livecart restore to restore it (the damaged file is kept).`
        : 'No backup was found. Contact support and do not delete the file.'),
  },
  studio_running: {
    'zh-CN': (p) =>
      `另一个 LiveCart Studio 已在使用这个数据文件夹（${p.dataDir}${p.pid ? `，进程 ${p.pid}` : ''}）。请使用已打开的那个，或先关闭它。`,
    en: (p) =>
      `Another LiveCart Studio is already using this data folder (${p.dataDir}${p.pid ? `, process ${p.pid}` : ''}). Use the one that is open, or close it first.`,
  },
  stream_device_unknown: {
    'zh-CN': (p) =>
      `${p.kind === 'audio' ? '麦克风' : '摄像头'}“${p.name}”不在 ffmpeg 列出的设备里：请在“直播”页重新选择设备`,
    en: (p) =>
      `The ${p.kind === 'audio' ? 'microphone' : 'camera'} "${p.name}" is not among the devices ffmpeg lists: choose it again on the Go Live screen`,
  },
};
