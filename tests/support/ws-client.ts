// A protocol client for tests: speaks to a real web host over a real WebSocket.
import WebSocket from 'ws';
import type {
  EventMessage,
  Job,
  MethodName,
  Params,
  Result,
  ServerMessage,
} from '../../electron/core/protocol/contract.ts';
import type { StudioErrorShape } from '../../electron/core/protocol/errors.ts';

export class CallFailed extends Error {
  readonly error: StudioErrorShape;
  constructor(error: StudioErrorShape) {
    super(`${error.code}: ${error.message}`);
    this.error = error;
  }
}

export class TestClient {
  readonly events: EventMessage[] = [];
  readonly replies: ServerMessage[] = [];
  private readonly ws: WebSocket;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  private readonly waiters: Array<() => void> = [];
  closeCode: number | null = null;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as ServerMessage | { type: 'auth' };
      if (msg.type === 'event') this.events.push(msg);
      if (msg.type === 'reply') {
        this.replies.push(msg);
        const p = msg.id === null ? undefined : this.pending.get(msg.id);
        if (p && msg.id !== null) {
          this.pending.delete(msg.id);
          if (msg.ok) p.resolve(msg.result);
          else p.reject(new CallFailed(msg.error));
        }
      }
      for (const w of this.waiters.splice(0)) w();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** Connects and authenticates; rejects with the close code when the token is refused. */
  static async connect(port: number, token: string, headers: Record<string, string> = {}): Promise<TestClient> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const client = new TestClient(ws);
    ws.send(JSON.stringify({ type: 'auth', token }));
    await new Promise<void>((resolve, reject) => {
      const onMessage = (data: WebSocket.RawData) => {
        if ((JSON.parse(data.toString()) as { type: string }).type === 'auth') resolve();
      };
      ws.once('message', onMessage);
      ws.once('close', (code) => reject(new Error(`closed ${code}`)));
    });
    return client;
  }

  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
    return this.raw({ type: 'request', id: this.nextId++, method, params }) as Promise<Result<M>>;
  }

  /** Sends anything at all (for tests of bad payloads); resolves with the reply to that id. */
  raw(message: unknown): Promise<unknown> {
    const id = (message as { id?: unknown } | null)?.id;
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
    if (typeof id !== 'number') return Promise.resolve();
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  sendText(text: string | Buffer): void {
    this.ws.send(text);
  }

  /** Waits (bounded) until the predicate holds over what has arrived. */
  async until(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for the studio');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** The job once it is done or failed, as its `job.updated` events tell. */
  async jobFinished(jobId: string, timeoutMs = 60_000): Promise<Job> {
    let job: Job | undefined;
    await this.until(() => {
      job = this.events
        .filter((e) => e.name === 'job.updated')
        .map((e) => (e.data as { job: Job }).job)
        .findLast((j) => j.id === jobId && j.state !== 'running');
      return job !== undefined;
    }, timeoutMs);
    return job!;
  }

  close(): void {
    this.ws.close();
  }
}
