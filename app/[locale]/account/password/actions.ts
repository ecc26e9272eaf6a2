'use server';
import { z } from 'zod';
import { validatedAction } from '@/lib/action';
import { signOut } from '@/lib/auth';
import { changeOwnPassword } from '@/lib/users';

export const change = validatedAction(
  z.object({ locale: z.enum(['vi', 'en', 'ko']).catch('vi'), current: z.string().max(200), password: z.string().max(200), repeat: z.string().max(200) }).refine((d) => d.password === d.repeat, { path: ['repeat'] }),
  async (actor, d) => {
    await changeOwnPassword(actor, d.current, d.password);
    // Every session ended with the change, this one too: sign in again with the new password.
    await signOut({ redirectTo: d.locale === 'vi' ? '/login?changed=1' : `/${d.locale}/login?changed=1` });
  },
  // The one action a temporary password may run.
  { temporaryPassword: true },
);
