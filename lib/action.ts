// The one wrapper every server action goes through: parse FormData with zod, load the actor, call
// lib/, and turn DomainErrors into a typed state the form shows in the user's language.
import 'server-only';
import { z } from 'zod';
import { getActor, getSessionActor } from '@/lib/actor';
import { isDomainError } from '@/lib/errors';
import type { Actor } from '@/lib/policy';

export type ActionState = { ok?: boolean; error?: string; params?: Record<string, string | number>; at?: number };

export function validatedAction<S extends z.ZodType>(
  schema: S,
  fn: (actor: Actor | null, data: z.infer<S>) => void | Promise<void>,
  /** Only the password change itself runs on a temporary password. */
  options: { temporaryPassword?: boolean } = {},
): (prev: ActionState, formData: FormData) => Promise<ActionState> {
  return async (_prev, formData) => {
    const raw: Record<string, unknown> = {};
    for (const key of new Set(formData.keys())) {
      const all = formData.getAll(key);
      raw[key] = all.length > 1 || key.endsWith('[]') ? all : all[0];
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join('.') ?? '';
      return { error: 'invalid_input', params: { field }, at: Date.now() };
    }
    // A session that ended while the form was open: say so, and the form keeps what was typed.
    const session = await getSessionActor();
    if (!session) return { error: 'session_expired', at: Date.now() };
    if (session.mustChangePassword && !options.temporaryPassword) return { error: 'must_change_password', at: Date.now() };
    const actor = options.temporaryPassword ? session : await getActor();
    if (!actor) return { error: 'session_expired', at: Date.now() };
    try {
      await fn(actor, parsed.data);
      return { ok: true, at: Date.now() };
    } catch (e) {
      if (isDomainError(e)) return { error: e.code, params: e.params, at: Date.now() };
      throw e;
    }
  };
}
