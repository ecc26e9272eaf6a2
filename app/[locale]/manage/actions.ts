'use server';
import { z } from 'zod';
import { signOut } from '@/lib/auth';

const locale = z.enum(['vi', 'en', 'ko']).catch('vi');

export async function logout(formData: FormData): Promise<void> {
  const l = locale.parse(formData.get('locale'));
  await signOut({ redirectTo: l === 'vi' ? '/login' : `/${l}/login` });
}
