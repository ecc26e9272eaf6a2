// Types of lib/fast-pages.mjs (plain JavaScript: scripts/serve.mjs loads it without a bundler).
import type { IncomingMessage, ServerResponse } from 'node:http';

type Next = (req: IncomingMessage, res: ServerResponse) => unknown;
type Kept = { version: string; etag: string; headers: Record<string, unknown>; vary: string; identity: Buffer; gzip: Buffer; br: Buffer; bytes: number };

export function keyOf(req: { method?: string; url?: string; headers: Record<string, string | string[] | undefined> }): string | null;
export function acceptsGzip(acceptEncoding?: string): boolean;
export function chooseEncoding(acceptEncoding?: string): 'br' | 'gzip' | null;
export function encodedEtag(etag: string, encoding: 'br' | 'gzip' | null): string;
export function matchesEtag(ifNoneMatch: string | undefined, etag: string | undefined): boolean;
export function fastPages(options: { readVersion: () => string | null | Promise<string | null>; maxBytes?: number }): ((req: IncomingMessage, res: ServerResponse, next: Next) => Promise<unknown>) & { store: Map<string, Kept> };
