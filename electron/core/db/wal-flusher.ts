// Flushes the WAL on a thread of its own. libuv's pool (four threads) is shared with dns.lookup: while destinations
// reconnect over a bad network their lookups can hold it for seconds, and an order's reply must not wait behind them.
// File descriptors belong to the process, so the thread flushes the writer's own descriptor.
import { Worker } from 'node:worker_threads';
import type { FlushWal } from './writer.ts';

const FLUSHER = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
parentPort.on('message', ({ id, fd }) => {
  let error = null;
  try {
    fs.fdatasyncSync(fd);
  } catch (e) {
    error = { message: String(e && e.message), code: e && e.code };
  }
  parentPort.postMessage({ id, error });
});
`;

export class WalFlusher {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly waiting = new Map<number, (error: Error | null) => void>();

  readonly flush: FlushWal = (fd, done) => {
    const worker = this.start();
    const id = ++this.nextId;
    this.waiting.set(id, done);
    worker.ref(); // a flush in flight keeps the process up until it is answered
    worker.postMessage({ id, fd });
  };

  close(): void {
    void this.worker?.terminate();
    this.worker = null;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(FLUSHER, { eval: true });
    worker.on('message', ({ id, error }: { id: number; error: { message: string; code?: string } | null }) => {
      const done = this.waiting.get(id);
      this.waiting.delete(id);
      if (this.waiting.size === 0) worker.unref();
      done?.(error ? Object.assign(new Error(error.message), { code: error.code }) : null);
    });
    // The thread itself failed: every flush it held is unconfirmed; the next one starts a new thread.
    const lost = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      const pending = [...this.waiting.values()];
      this.waiting.clear();
      for (const done of pending) done(error);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the WAL flusher thread exited (${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
