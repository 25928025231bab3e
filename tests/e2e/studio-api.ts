// A minimal Node-side protocol client for arranging data quickly (the UI itself is what the tests exercise).
// Node 24 has a global WebSocket; it sends no Origin header, which the host accepts from non-browser clients.
import type { MethodName, Params, Result } from '../../electron/core/protocol/contract.ts';
import type { StudioProcess } from './studio-process.ts';

export interface StudioApi {
  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>>;
  close(): void;
}

export async function connectApi(studio: StudioProcess): Promise<StudioApi> {
  const socket = new WebSocket(`ws://127.0.0.1:${studio.port}/ws`);
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'auth', token: studio.token })));
    socket.addEventListener('close', (event) => reject(new Error(`closed before auth (${event.code})`)));
    socket.addEventListener('message', function first(event) {
      const message = JSON.parse(String(event.data)) as { type: string; ok?: boolean };
      if (message.type === 'auth' && message.ok) {
        socket.removeEventListener('message', first);
        resolve();
      }
    });
  });
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as {
      type: string;
      id?: number;
      ok?: boolean;
      result?: unknown;
      error?: { code: string; message: string };
    };
    if (message.type !== 'reply' || message.id === undefined) return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) waiter?.resolve(message.result);
    else waiter?.reject(Object.assign(new Error(`${message.error?.code}: ${message.error?.message}`), message.error));
  });
  await new Promise((resolve) => setTimeout(resolve, 0));
  return {
    call(method, params) {
      const id = nextId++;
      socket.send(JSON.stringify({ type: 'request', id, method, params }));
      return new Promise((resolve, reject) => pending.set(id, { resolve: resolve as (v: unknown) => void, reject }));
    },
    close: () => socket.close(),
  };
}
