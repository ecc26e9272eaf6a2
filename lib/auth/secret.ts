// AUTH_SECRET comes from the environment, or is generated once into data/ (gitignored, never committed).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function authSecretFile(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.AUTH_SECRET_FILE || 'data/auth-secret');
}

export function ensureAuthSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = authSecretFile();
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    try {
      fs.writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
      return secret;
    } catch {
      // Another process wrote it first: use theirs.
      return fs.readFileSync(file, 'utf8').trim();
    }
  }
}

/**
 * The secrets Auth.js is given: the current one signs; AUTH_SECRET_PREVIOUS (during a rotation) still
 * opens sessions made before the change, which are re-issued under the new secret on their next visit.
 */
export function authSecrets(): string[] {
  const previous = process.env.AUTH_SECRET_PREVIOUS;
  return [ensureAuthSecret(), ...(previous ? [previous] : [])];
}
