// `npm run setup`: create or migrate the database. With --no-demo (a real deployment) it seeds no demo
// data and asks for the first administrator's unit, username and password instead (or reads them from
// VINHDANH_ADMIN_UNIT, VINHDANH_ADMIN_USERNAME, VINHDANH_ADMIN_PASSWORD when there is no terminal).
import { createInterface } from 'node:readline/promises';
import { count, eq } from 'drizzle-orm';
import { units, unitNames, userRoles, users } from '@/db/tables';
import { withTransaction } from '@/db/connection';
import { appendAudit } from '@/lib/audit-chain';
import { hashPassword } from '@/lib/auth/password';
import { clean, slugify } from '@/lib/text';
import { ensureAuthSecret } from '@/lib/auth/secret';
import { prepareDatabase } from './lib';
import { first } from '@/db/query';

async function ask(question: string, fallback: string | undefined, hidden = false): Promise<string> {
  if (fallback) return fallback;
  if (!process.stdin.isTTY) throw new Error(`No terminal to ask "${question}": set the VINHDANH_ADMIN_* variables.`);
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  if (hidden) {
    // Echo nothing while the password is typed.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.startsWith(question)) process.stdout.write(question);
    };
  }
  const answer = await rl.question(question);
  rl.close();
  if (hidden) process.stdout.write('\n');
  return answer;
}

async function main() {
  const noDemo = process.argv.includes('--no-demo');
  ensureAuthSecret();
  const { db, seeded } = await prepareDatabase({ demo: !noDemo });
  if (!noDemo) {
    console.log(seeded ? 'Database ready; demo data seeded.' : 'Database ready.');
    return;
  }
  if (((await first(db.select({ n: count() }).from(users)))?.n ?? 0) > 0) {
    console.log('Database ready; it already has users, so no administrator was created.');
    return;
  }
  const unitName = clean(await ask('Root unit (e.g. "UBND phường Tân Mỹ"): ', process.env.VINHDANH_ADMIN_UNIT));
  const username = clean(await ask('Administrator username: ', process.env.VINHDANH_ADMIN_USERNAME)).toLowerCase();
  const password = await ask('Administrator password (at least 12 characters): ', process.env.VINHDANH_ADMIN_PASSWORD, true);
  if (!unitName || !/^[a-z0-9._-]{3,50}$/.test(username)) throw new Error('The unit name is required and the username must be 3–50 letters, digits, dots, dashes or underscores.');
  if (password.length < 12) throw new Error('The password must have at least 12 characters.');
  const passwordHash = await hashPassword(password);
  await withTransaction(db, async (tx) => {
    const unit = (await first(tx
      .insert(units)
      .values({ slug: slugify(unitName) || 'unit', name: unitName, kind: 'people_committee', path: '/' })
      .returning({ id: units.id })))!;
    await tx.update(units).set({ path: `/${unit.id}/` }).where(eq(units.id, unit.id));
    await tx.insert(unitNames).values({ unitId: unit.id, name: unitName, validFrom: new Date() });
    const user = (await first(tx.insert(users).values({ username, displayName: username, passwordHash, unitId: unit.id }).returning({ id: users.id })))!;
    await tx.insert(userRoles).values({ userId: user.id, role: 'admin' });
    await appendAudit(tx, { actorId: null, action: 'setup.first_admin', entityType: 'user', entityId: user.id, after: { username, unit: unitName } });
  });
  console.log(`Database ready. Administrator "${username}" created; no demo data or demo accounts exist.`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
