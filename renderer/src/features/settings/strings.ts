// The settings screen's hotkey strings, both languages; merged into the dictionaries by i18n/zh-CN.ts and i18n/en.ts.
export const hotkeysZh = {
  'hotkeys.title': '全局快捷键（桌面版）',
  'hotkeys.explain':
    '在任何程序里都能用（比如正看着 OBS 或微信）。只在桌面版中生效；在浏览器里也可以先设好。点按键框，再按下新的组合键；Backspace 关闭这个快捷键，Esc 取消。',
  'hotkeys.webOnly': '这个窗口在浏览器中：快捷键保存后，由这台电脑上的桌面版注册。',
  'hotkeys.notRegistered': '桌面版还没有注册这些快捷键（它启动后会自动注册）。',
  'hotkeys.action.explainNext': '讲解下一个商品',
  'hotkeys.action.explainPrevious': '讲解上一个商品',
  'hotkeys.action.stopExplaining': '停止讲解',
  'hotkeys.action.toggleMute': '静音 / 取消静音',
  'hotkeys.action.pushNextCoupon': '发放下一张优惠券',
  'hotkeys.off': '未设置',
  'hotkeys.press': '请按下组合键…',
  'hotkeys.editNamed': '更改“{action}”的快捷键',
  'hotkeys.active': '已生效',
  'hotkeys.duplicateOf': '和“{other}”重复',
  'hotkeys.save': '保存快捷键',
  'hotkeys.saved': '快捷键已保存',
  'hotkeys.reset': '恢复默认',
} as const;

export const hotkeysEn: Record<keyof typeof hotkeysZh, string> = {
  'hotkeys.title': 'Global shortcuts (desktop app)',
  'hotkeys.explain':
    'They work from any app (with OBS or WeChat in front, say). Only the desktop app registers them; you can set them up from a browser too. Click a key box, then press the new combination; Backspace switches it off, Esc cancels.',
  'hotkeys.webOnly': 'This window is in a browser: once saved, the desktop app on this computer registers them.',
  'hotkeys.notRegistered': 'The desktop app has not registered these yet (it does when it starts).',
  'hotkeys.action.explainNext': 'Explain the next product',
  'hotkeys.action.explainPrevious': 'Explain the previous product',
  'hotkeys.action.stopExplaining': 'Stop explaining',
  'hotkeys.action.toggleMute': 'Mute / unmute',
  'hotkeys.action.pushNextCoupon': 'Push the next coupon',
  'hotkeys.off': 'Off',
  'hotkeys.press': 'Press the keys…',
  'hotkeys.editNamed': 'Change the shortcut for “{action}”',
  'hotkeys.active': 'Active',
  'hotkeys.duplicateOf': 'The same keys as “{other}”',
  'hotkeys.save': 'Save shortcuts',
  'hotkeys.saved': 'Shortcuts saved',
  'hotkeys.reset': 'Back to the defaults',
};
