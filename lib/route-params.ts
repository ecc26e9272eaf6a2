// Route parameters to lib/ arguments: ids parsed strictly, and not_found turned into the 404 page.
import 'server-only';
import { notFound } from 'next/navigation';
import { isDomainError } from '@/lib/errors';
import { MAX_ROW_ID } from '@/db/query';

/** A positive integer id from a path segment, or -1 (which every lib/ lookup reads as not found). */
export function parseId(raw: string): number {
  return /^\d{1,10}$/.test(raw) && Number(raw) <= MAX_ROW_ID ? Number(raw) : -1;
}

/** Runs a lib/ read; its not_found becomes the localised 404 page. */
export async function orNotFound<T>(read: () => T | Promise<T>): Promise<T> {
  try {
    // Awaited here: a read that rejects with not_found is a 404 too.
    return await read();
  } catch (e) {
    if (isDomainError(e) && e.code === 'not_found') notFound();
    throw e;
  }
}

/** A page number from a search parameter (`?page=`): a positive integer, else 1. */
export function parsePage(raw: string | string[] | undefined): number {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value && /^\d{1,6}$/.test(value) && Number(value) >= 1 ? Number(value) : 1;
}

/** A search box's text from a search parameter (`?q=`): its first value, NFC, trimmed and cut to `max`; else undefined. */
export function parseText(raw: string | string[] | undefined, max = 100): string | undefined {
  const value = (Array.isArray(raw) ? raw[0] : raw)?.normalize('NFC').trim().slice(0, max);
  return value || undefined;
}
