// Child process for live-fanout.ts (forked with IPC): holds the receiving clients in a process of their own, so
// their message handling does not share the studio's event loop. Arrival times are on process.hrtime (the
// system-wide monotonic clock), the same clock the parent's send times are on.
import { Receivers, type ChildReply, type ChildRequest } from './live-fanout.ts';

if (!process.send) {
  console.error('fanout-child.ts is started by tests/bench/live-fanout.ts (fork with IPC), not by hand');
  process.exit(2);
}

const groups = new Map<string, Receivers>();

function reply(message: ChildReply): void {
  process.send?.(message);
}

async function handle(request: ChildRequest): Promise<void> {
  const { id } = request;
  try {
    if (request.op === 'open') {
      groups.set(request.group, await Receivers.open(request.url, request.token, request.count));
      reply({ id, stage: 'opened' });
    } else if (request.op === 'arm') {
      const group = groups.get(request.group);
      if (!group) throw new Error(`no receiver group ${request.group}`);
      const { done } = await group.arm(request.linkNo, request.timeoutMs);
      done.then(
        (times) => reply({ id, stage: 'done', times }),
        (error: unknown) => reply({ id, stage: 'failed', message: String((error as Error).message ?? error) }),
      );
      reply({ id, stage: 'armed' });
    } else {
      await Promise.all([...groups.values()].map((g) => g.close()));
      groups.clear();
      reply({ id, stage: 'closed' });
      process.disconnect();
    }
  } catch (error) {
    reply({ id, stage: 'failed', message: String((error as Error).message ?? error) });
  }
}

process.on('message', (message) => void handle(message as ChildRequest));
// The parent gone (crashed or killed): nothing left to measure for.
process.on('disconnect', () => process.exit(0));
