// Types of lib/bundle-module.mjs (plain JavaScript: the import worker loads it without a TypeScript loader).
export function bundleModule(entry: string, options?: { conditions?: string[] }): Promise<string>;
