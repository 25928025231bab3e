// When the stream's state goes out as 'stream.changed': at once for a phase or a destination's state, after the
// current synchronous burst (once) for changes that come together, and numbers only with the next once-a-second
// tick. Nothing goes out once the studio is closing (`silent`).
export class StreamAnnouncer {
  /** Numbers changed since the last announcement: the next tick sends them. */
  dirty = false;
  /** The studio is closing: nothing is announced any more. */
  silent = false;
  private announcing = false;
  private announcements = 0;
  private readonly send: () => void;

  constructor(send: () => void) {
    this.send = send;
  }

  now(): void {
    this.announcements += 1;
    this.dirty = false;
    if (!this.silent) this.send();
  }

  /** After the current synchronous burst of changes (once), unless an announcement happens first. */
  soon(): void {
    if (this.announcing) return;
    this.announcing = true;
    const seq = this.announcements;
    queueMicrotask(() => {
      this.announcing = false;
      if (this.announcements === seq) this.now();
    });
  }

  /** The tick: the numbers that changed, if any. */
  flush(): void {
    if (this.dirty) this.now();
  }
}
