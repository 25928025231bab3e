// The engine's real spawn, noting each encoder it starts (the one ffmpeg with a progress pipe on fd 4), so a test
// can end one as an unplugged camera would.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

export function spawnNotingEncoders(encoders: ChildProcess[]) {
  return (command: string, args: string[], options: SpawnOptions): ChildProcess => {
    const child = spawn(command, args, options);
    if (args.includes('pipe:4')) encoders.push(child);
    return child;
  };
}
