'use server';
import { z } from 'zod';
import { auth, signOut } from '@/lib/auth';
import { endSession } from '@/lib/users';

const locale = z.enum(['vi', 'en', 'ko']).catch('vi');

export async function logout(formData: FormData): Promise<void> {
  const l = locale.parse(formData.get('locale'));
  // The session ends on the server first: a copy of the cookie stops working too.
  const session = await auth();
  if (session?.uid && session.sid) await endSession(session.uid, session.sid);
  await signOut({ redirectTo: l === 'vi' ? '/login' : `/${l}/login` });
}
