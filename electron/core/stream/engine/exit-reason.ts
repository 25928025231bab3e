// Why a pusher stopped, from what it printed and how far it got. A stream key the server refuses reaches
// ffmpeg only as an I/O error right after the publish (the TCP connection succeeds, then is dropped): one such
// exit could be a blip, the same thing several times in a row is a rejected key and must not loop forever.

export type ExitReason =
  | 'host_unreachable' // nothing listening, or the network is down: worth retrying
  | 'host_unknown' // the server name does not resolve
  | 'tls_failed' // RTMPS handshake failed
  | 'publish_refused' // connected, then dropped before any media went out: a key problem if it repeats
  | 'stalled' // the ingest stopped taking data (hung server): killed and retried
  | 'dropped'; // was live, then the connection ended

export interface PusherExit {
  stderr: string;
  /** Bytes the pusher reported sent (ffmpeg progress total_size) before it ended. */
  bytesSent: number;
  stalled: boolean;
}

/** Sent bytes below this mean no media reached the server (RTMP handshake and connect are a few KB). */
export const MEDIA_BYTES = 64 * 1024;

export function exitReason(exit: PusherExit): ExitReason {
  if (exit.stalled) return 'stalled';
  const text = exit.stderr.toLowerCase();
  if (/connection refused|network is unreachable|no route to host|connection timed out|timed out/.test(text)) {
    return 'host_unreachable';
  }
  if (
    /failed to resolve|name or service not known|nodename nor servname|temporary failure in name resolution|no such host/.test(
      text,
    )
  ) {
    return 'host_unknown';
  }
  // Only a TLS connection that could not be opened (handshake, certificate) is a TLS failure. Not any line that
  // mentions TLS: over RTMPS every later I/O error is logged by the tls layer too ("[tls @ …] Error in the pull
  // function." when the server drops a refused key), and "Cannot read RTMP handshake response" is no TLS at all.
  if (/cannot open connection tls:|certificate/.test(text)) return 'tls_failed';
  if (exit.bytesSent < MEDIA_BYTES) return 'publish_refused';
  return 'dropped';
}

/** Refused this many times in a row without ever going live: the key is rejected; stop retrying. */
export const REFUSALS_FOR_KEY_REJECTED = 3;
