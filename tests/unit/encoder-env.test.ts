import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { encoderEnv } from '../../electron/core/stream/engine/encoder-env.ts';

test('on Linux the encoder keeps freed frames in the heap (glibc malloc thresholds)', () => {
  const env = encoderEnv({ PATH: '/usr/bin' }, 'linux');
  assert.equal(env.PATH, '/usr/bin', 'the rest of the environment is kept');
  assert.equal(env.GLIBC_TUNABLES, 'glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=67108864');
});

test('a tunable the user set wins, and theirs are kept beside ours', () => {
  const env = encoderEnv(
    { GLIBC_TUNABLES: 'glibc.malloc.trim_threshold=1024:glibc.cpu.x86_rep_movsb_threshold=4096' },
    'linux',
  );
  assert.equal(
    env.GLIBC_TUNABLES,
    'glibc.malloc.trim_threshold=1024:glibc.cpu.x86_rep_movsb_threshold=4096:glibc.malloc.mmap_threshold=33554432',
  );
  const both = { GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=1:glibc.malloc.trim_threshold=2' };
  assert.equal(encoderEnv(both, 'linux'), both, 'nothing to add: the same environment');
});

test('elsewhere the environment is passed on as it is (only glibc reads the variable)', () => {
  for (const platform of ['win32', 'darwin'] as const) {
    const env = { PATH: 'C:\\ffmpeg' };
    assert.equal(encoderEnv(env, platform), env);
  }
});

// Linux only: the dynamic loader is what reads GLIBC_TUNABLES; other systems have no such list to check.
test('glibc reads the values as we wrote them', { skip: process.platform !== 'linux' && 'glibc is Linux only' }, () => {
  // `ld.so --list-tunables` (glibc 2.33+) prints every tunable as the loader parsed it from the environment.
  const shown = spawnSync('ld.so', ['--list-tunables'], {
    env: encoderEnv({ PATH: process.env.PATH }, 'linux'),
    encoding: 'utf8',
  });
  assert.equal(shown.status, 0, `ld.so --list-tunables: ${shown.error?.message ?? shown.stderr}`);
  assert.match(shown.stdout, /glibc\.malloc\.mmap_threshold: 0x2000000 /);
  assert.match(shown.stdout, /glibc\.malloc\.trim_threshold: 0x4000000 /);
});
