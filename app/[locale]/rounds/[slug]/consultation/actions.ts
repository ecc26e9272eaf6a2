'use server';
import { headers } from 'next/headers';
import { z } from 'zod';
import { addFeedback, FEEDBACK_MAX } from '@/lib/consultation';
import { clientAddress } from '@/lib/client-address';
import { isDomainError } from '@/lib/errors';
import type { ActionState } from '@/lib/action';

const schema = z.object({
  slug: z.string().max(200),
  nominationId: z.coerce.number().int().positive(),
  name: z.string().max(100).optional(),
  body: z.string().trim().min(3).max(FEEDBACK_MAX),
});

/** Public: no session. The sender's address is kept only as a hash, for the rate limit. */
export async function sendFeedback(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { error: 'invalid_input', at: Date.now() };
  const h = await headers();
  const address = clientAddress(h);
  try {
    await addFeedback({ ...parsed.data, address });
    return { ok: true, at: Date.now() };
  } catch (e) {
    if (isDomainError(e)) return { error: e.code, at: Date.now() };
    throw e;
  }
}
