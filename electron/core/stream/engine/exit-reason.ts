// Why a destination's connection ended. A stream key the server refuses shows as a publish that is refused (an
// error status, or the connection closed right after the publish): one such end could be a blip, the same thing
// several times in a row is a rejected key and must not loop forever.

export type ExitReason =
  | 'host_unreachable' // nothing listening, or the network is down: worth retrying
  | 'host_unknown' // the server name does not resolve
  | 'tls_failed' // RTMPS: the TLS connection could not be opened (handshake, certificate)
  | 'handshake_failed' // the server took the connection, then cut it during the RTMP handshake (wrong port or scheme)
  | 'publish_refused' // connected, then refused or dropped before any media went out: a key problem if it repeats
  | 'name_busy' // the server still has a stream on this key (an earlier connection, or another encoder): retried
  | 'stalled' // the ingest stopped taking data (hung server): closed and retried
  | 'dropped'; // was live, then the connection ended

/** Bytes sent below this mean no media reached the server (RTMP handshake and connect are a few KB). */
export const MEDIA_BYTES = 64 * 1024;

/** Refused this many times in a row without ever going live: the key is rejected; stop retrying. */
export const REFUSALS_FOR_KEY_REJECTED = 3;
