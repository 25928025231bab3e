// Which addresses an assistant's phone can reach this machine at, from os.networkInterfaces(): IPv4 only
// (what phones on a shop's Wi-Fi use), never loopback, the home/office ranges first, virtual adapters
// (Docker, VirtualBox, VPNs) and link-local addresses last. Pure, so the choice is tested without a network.
import type { NetworkInterfaceInfo } from 'node:os';

/** The shape os.networkInterfaces() returns. */
export type NetworkInterfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

const VIRTUAL_ADAPTER = /^(docker|br-|veth|virbr|vboxnet|vmnet|vethernet|utun|tun|tap|wg|zt|tailscale|lxc|lxd)/i;

function octets(address: string): number[] {
  return address.split('.').map(Number);
}

export function isPrivateIPv4(address: string): boolean {
  const [a = -1, b = -1] = octets(address);
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

function isLinkLocal(address: string): boolean {
  const [a, b] = octets(address);
  return a === 169 && b === 254;
}

function rank(address: string, adapter: string): number {
  if (isLinkLocal(address)) return 4; // no DHCP answered: rarely reachable
  return (VIRTUAL_ADAPTER.test(adapter) ? 2 : 0) + (isPrivateIPv4(address) ? 0 : 1);
}

export function lanAddresses(interfaces: NetworkInterfaces): string[] {
  const found: Array<{ address: string; rank: number; order: number }> = [];
  for (const [adapter, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) {
      // `family` was the number 4 in some Node versions.
      const ipv4 = info.family === 'IPv4' || (info.family as unknown) === 4;
      if (!ipv4 || info.internal || found.some((f) => f.address === info.address)) continue;
      found.push({ address: info.address, rank: rank(info.address, adapter), order: found.length });
    }
  }
  return found.sort((x, y) => x.rank - y.rank || x.order - y.order).map((f) => f.address);
}

/** Binding to every interface means one URL per LAN address; a specific address (a test's 127.0.0.1) is itself. */
export function listenerUrls(bindHost: string, port: number, interfaces: NetworkInterfaces): string[] {
  const anyAddress = bindHost === '0.0.0.0' || bindHost === '::' || bindHost === '';
  const hosts = anyAddress ? lanAddresses(interfaces) : [bindHost];
  return hosts.map((host) => `http://${host.includes(':') ? `[${host}]` : host}:${port}/`);
}
