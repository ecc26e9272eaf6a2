// Types of lib/page-cache-handler.mjs (plain JavaScript: Next.js loads it outside its bundles).
type Entry = { value: { kind: string; html: string; [k: string]: unknown }; lastModified: number };

export function stripScripts(html: string): string;
/** Reads a file of the build by its path under /_next/ (`static/chunks/a.css`); null when it cannot. */
type BuildFileReader = (rel: string) => string | null;
export function buildFileReader(distDir?: string): BuildFileReader;
export function inlineStylesheets(html: string, readFile: BuildFileReader, memo?: Map<string, string>): Promise<string>;
export function versionReader(file?: string | null): () => string | null | Promise<string | null>;
export function pgVersionReader(url: string): () => Promise<string | null>;

type State = {
  store: Map<string, { version: string; bytes: number; entry: Entry }>;
  bytes: number;
  pending: Map<string, string>;
  styles: Map<string, string>;
};

export default class PageCacheHandler {
  static newState(readVersion?: () => string | null | Promise<string | null>, maxBytes?: number, readFile?: BuildFileReader): State;
  readonly store: State['store'];
  readonly bytes: number;
  constructor(options?: object, state?: State);
  get(key: string): Promise<Entry | null>;
  set(key: string, data: unknown): Promise<void>;
  revalidateTag(): Promise<void>;
  resetRequestCache(): void;
}
