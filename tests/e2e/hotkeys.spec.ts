// 全局快捷键 in Settings: set by pressing keys, checked as typed (a duplicate named, a bare letter refused), saved to
// the core in one spelling, and the desktop shell's report — keys another app holds — shown on the row.
import { expect, test } from './fixtures.ts';
import { withApi } from './stream-helpers.ts';

test('hotkeys: press to set, conflicts named at once, saved; keys another app holds are reported', async ({
  page,
  studio,
}) => {
  await page.goto(studio.url);
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '设置' }).click();
  const panel = page.getByTestId('hotkeys');
  await expect(panel.getByRole('heading', { name: '全局快捷键（桌面版）' })).toBeVisible();
  await expect(panel.getByText(/这个窗口在浏览器中/)).toBeVisible();
  const next = panel.getByRole('button', { name: '更改“讲解下一个商品”的快捷键' });
  await expect(next).toHaveText('Ctrl+Alt+]');

  // The same keys as mute: named on the row at once, nothing can be saved.
  await next.click();
  await expect(next).toHaveText('请按下组合键…');
  await page.keyboard.press('Control+Alt+KeyM');
  await expect(next).toHaveText('Ctrl+Alt+M');
  await expect(panel.getByTestId('hotkey-toggleMute')).toHaveAttribute('data-level', 'fail');
  await expect(panel.getByTestId('hotkey-toggleMute')).toContainText('和“讲解下一个商品”重复');
  const save = panel.getByRole('button', { name: '保存快捷键' });
  await expect(save).toBeDisabled();

  // A bare letter is refused; Backspace switches a shortcut off.
  const mute = panel.getByRole('button', { name: '更改“静音 / 取消静音”的快捷键' });
  await mute.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('KeyK');
  await expect(panel.getByTestId('hotkey-toggleMute')).toContainText('需要带 Ctrl、Alt 或 ⌘');
  await mute.click();
  await page.keyboard.press('Backspace');
  await expect(mute).toHaveText('未设置');
  await expect(save).toBeEnabled();
  await save.click();
  await expect(page.getByText('快捷键已保存')).toBeVisible();
  await expect
    .poll(() => withApi(studio, async (api) => (await api.call('settings.hotkeys', {})).bindings))
    .toMatchObject({ explainNext: 'CommandOrControl+Alt+M', toggleMute: null });

  // The desktop shell registers what was saved and reports one held by another app.
  await withApi(studio, (api) =>
    api.call('settings.reportHotkeys', {
      registered: ['explainNext', 'explainPrevious', 'stopExplaining'],
      taken: ['pushNextCoupon'],
    }),
  );
  await expect(panel.getByTestId('hotkey-pushNextCoupon')).toContainText('另一个程序已占用这组按键');
  await expect(panel.getByTestId('hotkey-explainNext')).toContainText('已生效');
});
