// The desktop shell's own connection to the real core (what the tray and the global hotkeys use), over a port pair
// shaped like Electron's MessagePortMain: hello, calls, refusals, events. Then a hotkey's decision made from what
// the shell hears and carried out through it — the product explained changes — and the hotkey settings' loop:
// saved by the host, checked, reported back by the shell.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { portChannel, type MessagePortLike } from '../../electron/core/rpc/port-transport.ts';
import { DEFAULT_HOTKEYS } from '../../electron/core/protocol/hotkeys.ts';
import type { HotkeyState } from '../../electron/core/protocol/hotkeys-schemas.ts';
import { openStudio } from '../../electron/core/studio.ts';
import { hotkeyCall } from '../../electron/main/hotkey-actions.ts';
import { registrationPlan, registrationReport } from '../../electron/main/hotkey-registration.ts';
import { ShellCallError, StudioPortClient } from '../../electron/main/studio-port-client.ts';
import { tempDir } from '../support/studio-fixture.ts';

/** Two connected ports that deliver asynchronously and copy what they carry, as MessagePortMain does. */
function portPair(): [MessagePortLike, MessagePortLike] {
  type Side = {
    message: Array<(e: { data: unknown }) => void>;
    close: Array<() => void>;
    started: boolean;
    queue: unknown[];
  };
  const sides: [Side, Side] = [
    { message: [], close: [], started: false, queue: [] },
    { message: [], close: [], started: false, queue: [] },
  ];
  const make = (me: Side, peer: Side): MessagePortLike => ({
    on(event: 'message' | 'close', listener: never) {
      (event === 'message' ? me.message : me.close).push(listener);
      return undefined;
    },
    postMessage(message: unknown) {
      const copy = structuredClone(message);
      setImmediate(() => {
        if (peer.started) for (const l of peer.message) l({ data: copy });
        else peer.queue.push(copy);
      });
    },
    start() {
      me.started = true;
      for (const data of me.queue.splice(0)) for (const l of me.message) l({ data });
    },
    close() {
      for (const l of peer.close) l();
    },
  });
  return [make(sides[0], sides[1]), make(sides[1], sides[0])];
}

const dataDir = tempDir();
const studio = await openStudio({ dataDir });
after(() => studio.close());

function connectShell(): StudioPortClient {
  const [corePort, shellPort] = portPair();
  studio.server.connect(portChannel(corePort));
  return new StudioPortClient(shellPort);
}

test('the shell’s client: hello, calls, refusals with their code, events as they happen', async () => {
  const shell = connectShell();
  await shell.ready;
  const state = await shell.call('stream.state', {});
  assert.equal(state.phase, 'idle');
  await assert.rejects(
    shell.call('stream.setMuted', { muted: true }),
    (e: unknown) => e instanceof ShellCallError && e.code === 'refused',
  );
  const changed = new Promise<string>((resolve) =>
    shell.on('live.sessionChanged', ({ session }) => resolve(session.title)),
  );
  await shell.call('live.createSession', { input: { title: '托盘测试' } });
  assert.equal(await changed, '托盘测试');
  shell.close();
  await assert.rejects(
    shell.call('stream.state', {}),
    (e: unknown) => e instanceof ShellCallError && e.code === 'closed',
  );
});

test('a hotkey decided from what the shell hears, carried out through it: the next product is explained', async () => {
  const shell = connectShell();
  await shell.ready;
  const a = await shell.call('catalog.create', { input: { title: '羊毛围巾', priceFen: 9900, stock: 5 } });
  const b = await shell.call('catalog.create', { input: { title: '真丝眼罩', priceFen: 5900, stock: 5 } });
  const show = await shell.call('live.createSession', { input: { title: '快捷键场' } });
  await shell.call('live.bagAdd', { sessionId: show.id, productId: a.id });
  await shell.call('live.bagAdd', { sessionId: show.id, productId: b.id });
  await shell.call('live.goLive', { id: show.id }); // the session alone: no stream needed for explaining
  const context = { sessionId: show.id, streaming: false, muted: false, coupons: [], pushes: [], now: Date.now() };

  const explained: Array<number | null> = [];
  shell.on('live.explainChanged', ({ explaining }) => explained.push(explaining?.productId ?? null));
  for (const action of ['explainNext', 'explainNext', 'explainPrevious', 'stopExplaining'] as const) {
    const call = hotkeyCall(action, context);
    assert.ok(!('refused' in call), action);
    await shell.call(call.method, call.params as never);
  }
  assert.deepEqual(explained, [a.id, b.id, a.id, null]);
  // Not streaming: mute has nothing to act on, and says so instead of calling.
  assert.deepEqual(hotkeyCall('toggleMute', context), { refused: 'hotkey_not_streaming' });
  await shell.call('live.end', { id: show.id });
  shell.close();
});

test('hotkey settings: defaults, a bad set refused binding by binding, a good one saved; the shell reports back', async () => {
  const host = connectShell();
  const shell = connectShell();
  await Promise.all([host.ready, shell.ready]);
  const initial = await host.call('settings.hotkeys', {});
  assert.deepEqual(initial.bindings, DEFAULT_HOTKEYS);
  assert.equal(initial.shell, null, 'no desktop shell has reported yet');

  await assert.rejects(
    host.call('settings.saveHotkeys', {
      bindings: { ...DEFAULT_HOTKEYS, toggleMute: 'M', pushNextCoupon: 'ctrl+alt+]' },
    }),
    (e: unknown) =>
      e instanceof ShellCallError &&
      e.code === 'invalid' &&
      JSON.stringify(e.issues.map((i) => [i.path, i.code])) ===
        JSON.stringify([
          ['bindings.toggleMute', 'hotkey_needs_modifier'],
          ['bindings.pushNextCoupon', 'hotkey_duplicate'],
        ]),
  );

  const heard: HotkeyState[] = [];
  shell.on('settings.hotkeysChanged', ({ state }) => heard.push(state));
  const saved = await host.call('settings.saveHotkeys', {
    bindings: { ...DEFAULT_HOTKEYS, toggleMute: 'ctrl+shift+alt+m' },
  });
  assert.equal(saved.bindings.toggleMute, 'Control+Alt+Shift+M', 'stored in the one spelling');
  // The shell registers what it heard and reports: one binding held by another app.
  const plan = registrationPlan(saved.bindings, saved.platform);
  const report = registrationReport(
    plan,
    plan.map((r) => r.action !== 'pushNextCoupon'),
  );
  const after = await shell.call('settings.reportHotkeys', report);
  assert.deepEqual(after.shell, {
    registered: ['explainNext', 'explainPrevious', 'stopExplaining', 'toggleMute'],
    taken: ['pushNextCoupon'],
  });
  assert.deepEqual((await host.call('settings.hotkeys', {})).shell?.taken, ['pushNextCoupon']);
  assert.equal(heard[0]?.bindings.toggleMute, 'Control+Alt+Shift+M');
  host.close();
  shell.close();
});
