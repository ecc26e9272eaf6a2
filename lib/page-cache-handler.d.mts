// Types of lib/page-cache-handler.mjs (plain JavaScript: Next.js loads it outside its bundles).
type Entry = { value: { kind: string; html: string; [k: string]: unknown }; lastModified: number };

export function stripScripts(html: string): string;
export function versionReader(file?: string | null): () => string | null;

export default class PageCacheHandler {
  store: Map<string, { version: string; bytes: number; entry: Entry }>;
  bytes: number;
  constructor(options?: object, readVersion?: () => string | null, maxBytes?: number);
  get(key: string): Promise<Entry | null>;
  set(key: string, data: unknown): Promise<void>;
  revalidateTag(): Promise<void>;
  resetRequestCache(): void;
}
