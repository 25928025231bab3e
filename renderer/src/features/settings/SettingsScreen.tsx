// 设置: language (persisted on this device), and what the studio says about itself in its hello.
import { Screen } from '../../ui/Screen.tsx';
import { AccessSettings } from '../access/AccessSettings.tsx';
import { HotkeySettings } from './HotkeySettings.tsx';
import { ShopSettings } from '../shop/ShopSettings.tsx';
import { systemLocale, useLocaleStore, useT, type LanguagePreference } from '../../i18n/index.ts';
import { useConnection } from '../../stores/connection.ts';

const SHORTCUTS = [
  ['/', 'shortcut.search'],
  ['N', 'shortcut.new'],
  ['Ctrl/⌘ + S', 'shortcut.save'],
  ['Esc', 'shortcut.close'],
] as const;

export function SettingsScreen() {
  const { t } = useT();
  const preference = useLocaleStore((s) => s.preference);
  const setPreference = useLocaleStore((s) => s.setPreference);
  const hello = useConnection((s) => s.hello);
  const transport = useConnection((s) => s.transport);
  const detected = systemLocale();
  return (
    <Screen name="settings" title={t('settings.title')}>
      <div className="settings__group">
        <label className="field__label" htmlFor="language-select">
          {t('settings.language')}
        </label>
        <select
          id="language-select"
          className="field__input select"
          value={preference}
          onChange={(e) => setPreference(e.currentTarget.value as LanguagePreference)}
        >
          <option value="system">
            {t('settings.langSystem', { detected: detected === 'zh-CN' ? '简体中文' : 'English' })}
          </option>
          {/* Each language names itself, so someone who cannot read the current one can still find theirs. */}
          <option value="zh-CN" lang="zh-CN">
            简体中文
          </option>
          <option value="en" lang="en">
            English
          </option>
        </select>
      </div>
      <dl className="settings__facts">
        <dt>{t('settings.dataDir')}</dt>
        <dd className="mono" data-testid="data-dir">
          {hello?.dataDir ?? t('common.unknown')}
        </dd>
        <dt>{t('settings.appVersion')}</dt>
        <dd data-testid="app-version">{hello?.appVersion ?? t('common.unknown')}</dd>
        <dt>{t('settings.protocol')}</dt>
        <dd>{hello?.protocol ?? t('common.unknown')}</dd>
        <dt>{t('settings.connection')}</dt>
        <dd>{transport === 'electron' ? t('settings.viaElectron') : t('settings.viaWeb')}</dd>
      </dl>
      {hello?.role === 'host' ? <ShopSettings /> : null}
      {hello?.role === 'host' ? <AccessSettings /> : null}
      {hello?.role === 'host' ? <HotkeySettings /> : null}
      <h2 className="settings__subtitle">{t('settings.shortcuts')}</h2>
      <dl className="settings__facts shortcuts">
        {SHORTCUTS.map(([keys, label]) => (
          <div key={keys} className="shortcuts__row">
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
    </Screen>
  );
}
