// Route parameters to lib/ arguments: ids parsed strictly, and not_found turned into the 404 page.
import 'server-only';
import { notFound } from 'next/navigation';
import { isDomainError } from '@/lib/errors';

/** A positive integer id from a path segment, or -1 (which every lib/ lookup reads as not found). */
export function parseId(raw: string): number {
  return /^\d{1,15}$/.test(raw) ? Number(raw) : -1;
}

/** Runs a lib/ read; its not_found becomes the localised 404 page. */
export function orNotFound<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (isDomainError(e) && e.code === 'not_found') notFound();
    throw e;
  }
}
