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
import { messagesOfFrame, wsProtocols } from '../../electron/core/protocol/bridge.ts';
import { UPLOAD_CHUNK_BYTES } from '../../electron/core/protocol/limits.ts';
import type { UploadKind } from '../../electron/core/protocol/upload-schemas.ts';

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
      for (const msg of messagesOfFrame(JSON.parse(data.toString())) as ServerMessage[]) this.take(msg);
      for (const w of this.waiters.splice(0)) w();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      for (const w of this.waiters.splice(0)) w();
    });
  }

  private take(msg: ServerMessage): void {
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
  }

  /**
   * Connects with the token in the upgrade (as the studio's pages do); rejects with the close code when the token
   * is refused (the studio accepts the upgrade only to close it with that code).
   */
  static async connect(port: number, token: string, headers: Record<string, string> = {}): Promise<TestClient> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, wsProtocols(token), { headers });
    const client = new TestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => {
        // A refused token is closed at once; an accepted one stays open. The hello tells them apart without a wait.
        client.call('studio.hello', { client: 'test' }).then(() => resolve(), reject);
      });
      ws.once('close', (code) => reject(new Error(`closed ${code}`)));
      ws.once('error', reject);
    });
    return client;
  }

  /** Sends a file in slices as the studio's pages do; resolves with its upload id. */
  async upload(kind: UploadKind, name: string, bytes: Uint8Array): Promise<string> {
    const { uploadId } = await this.call('uploads.begin', { kind, name, size: bytes.byteLength });
    for (let offset = 0; offset < bytes.byteLength; offset += UPLOAD_CHUNK_BYTES) {
      const slice = Buffer.from(bytes.subarray(offset, offset + UPLOAD_CHUNK_BYTES));
      await this.call('uploads.append', { uploadId, offset, dataBase64: slice.toString('base64') });
    }
    return uploadId;
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
