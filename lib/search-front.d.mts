// Types of lib/search-front.mjs (plain JavaScript: scripts/serve.mjs loads it without a bundler).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Worker } from 'node:worker_threads';

export function isSearchRequest(req: { method?: string; url?: string }): boolean;
export function searchFront(options?: { workers?: number; log?: Pick<Console, 'error'> }): Promise<{
  handles(req: IncomingMessage): boolean;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  ready(): number;
  threads(): Worker[];
  close(): Promise<void>;
} | null>;
