// Puts the socket's remote address on every incoming request as PEER_HEADER, replacing any value the
// client sent, before Next.js sees the request (installed once from instrumentation.ts).
import http from 'node:http';
import https from 'node:https';
import { PEER_HEADER } from '@/lib/client-address';

const INSTALLED = Symbol.for('vinhdanh.peerAddress');

export function stampPeer(req: http.IncomingMessage): void {
  req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? '';
}

export function installPeerAddress(): void {
  for (const Server of [http.Server, https.Server] as Array<typeof http.Server>) {
    const proto = Server.prototype as http.Server & { [INSTALLED]?: boolean };
    if (proto[INSTALLED]) continue;
    const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
    proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
      if (event === 'request') stampPeer(args[0] as http.IncomingMessage);
      return emit.call(this, event, ...args);
    } as typeof proto.emit;
    proto[INSTALLED] = true;
  }
}
