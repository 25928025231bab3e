// The RTMP handshake as a publishing client: C0 (version 3) and C1 with the Flash Player digest imprinted, as FFmpeg
// and OBS send it (servers of Adobe's lineage want it for H.264); S0+S1+S2 read whole; C2 echoes S1. A publisher
// does not need to check the server's digest.
import crypto from 'node:crypto';

export const RTMP_VERSION = 3;
export const HANDSHAKE_BYTES = 1536;
/** The Flash Player version FFmpeg announces (9.0.124.2). */
const CLIENT_VERSION = [9, 0, 124, 2];
const PLAYER_KEY = Buffer.from('Genuine Adobe Flash Player 001', 'latin1');
const DIGEST_BYTES = 32;

/** Where the digest goes: a position derived from four bytes of the packet itself (scheme 0). */
export function digestOffset(packet: Buffer): number {
  return ((packet[8]! + packet[9]! + packet[10]! + packet[11]!) % 728) + 12;
}

/** HMAC-SHA256 of the packet without the 32 bytes at `offset`. */
export function packetDigest(packet: Buffer, offset: number, key: Buffer = PLAYER_KEY): Buffer {
  return crypto
    .createHmac('sha256', key)
    .update(packet.subarray(0, offset))
    .update(packet.subarray(offset + DIGEST_BYTES))
    .digest();
}

/** C0 and C1, 1537 bytes. */
export function clientHello(random: (size: number) => Buffer = crypto.randomBytes): Buffer {
  const c1 = Buffer.alloc(HANDSHAKE_BYTES);
  c1.writeUInt32BE(0, 0); // uptime
  c1.set(CLIENT_VERSION, 4);
  random(HANDSHAKE_BYTES - 8).copy(c1, 8);
  const offset = digestOffset(c1);
  packetDigest(c1, offset).copy(c1, offset);
  return Buffer.concat([Buffer.from([RTMP_VERSION]), c1]);
}

/** S0, S1 and S2 as the server sends them, 3073 bytes: the client answers S1 with itself. */
export const SERVER_HELLO_BYTES = 1 + 2 * HANDSHAKE_BYTES;

export function clientAnswer(serverHello: Buffer): Buffer {
  return Buffer.from(serverHello.subarray(1, 1 + HANDSHAKE_BYTES));
}
