'use server';
import { AuthError } from 'next-auth';
import { z } from 'zod';
import { signIn, SignInRateLimited } from '@/lib/auth';
import { safeCallbackUrl } from '@/lib/callback-url';

export type LoginState = { error?: 'invalid' | 'missing' | 'limited'; minutes?: number; username?: string };

const schema = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
  locale: z.enum(['vi', 'en', 'ko']).catch('vi'),
});

export async function login(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const parsed = schema.safeParse({
    username: formData.get('username'),
    password: formData.get('password'),
    locale: formData.get('locale'),
  });
  const username = typeof formData.get('username') === 'string' ? String(formData.get('username')).slice(0, 100) : '';
  if (!parsed.success) return { error: 'missing', username };
  const { locale } = parsed.data;
  try {
    await signIn('credentials', {
      username: parsed.data.username,
      password: parsed.data.password,
      // Back to the page asked for before signing in, when it is one of ours.
      redirectTo: safeCallbackUrl(formData.get('callbackUrl')) ?? (locale === 'vi' ? '/manage' : `/${locale}/manage`),
    });
  } catch (e) {
    // Only auth failures become a message; NEXT_REDIRECT (success) must propagate.
    if (e instanceof SignInRateLimited) return { error: 'limited', minutes: Math.ceil(e.retryAfter / 60), username };
    if (e instanceof AuthError) return { error: 'invalid', username };
    throw e;
  }
  return {};
}
