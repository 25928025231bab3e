// DNS rebinding: a page on evil.example can make its own name resolve to 127.0.0.1 or this machine's LAN
// address and then talk to the studio as "same origin". Its requests still carry `Host: evil.example`, so the
// studio answers only requests addressed to a name it is really served under: an IP address, localhost, or
// this machine's own name, on the port it listens on.
import net from 'node:net';
import os from 'node:os';

/** Splits a Host header into name and port (`[::1]:80`, `host:80`, `host`); null when malformed. */
export function parseHostHeader(header: string): { name: string; port: number | null } | null {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(header.trim());
  if (!match) return null;
  const name = match[1]!.replace(/^\[|\]$/g, '').toLowerCase();
  return { name, port: match[2] === undefined ? null : Number(match[2]) };
}

function machineNames(hostname: string): string[] {
  const name = hostname.toLowerCase();
  if (!name) return [];
  const short = name.split('.')[0]!;
  return [...new Set([name, short, `${short}.local`, `${name}.local`])];
}

/** True when `header` names this studio: an IP literal, localhost or this machine's name, and `port`. */
export function allowedHost(header: string | undefined, port: number, hostname: string = os.hostname()): boolean {
  if (header === undefined) return false;
  const host = parseHostHeader(header);
  if (!host) return false;
  // Browsers leave out the default port; the studio never listens on 80, so a missing port is someone else's.
  if ((host.port ?? 80) !== port) return false;
  if (net.isIP(host.name) !== 0) return true;
  if (host.name === 'localhost') return true;
  return machineNames(hostname).includes(host.name);
}
