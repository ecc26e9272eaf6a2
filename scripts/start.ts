// `npm start`: prepare the database (migrations; demo data on an empty one), build when the sources
// changed, serve on PORT (default 3000) and print the demo accounts.
import { closeDatabase } from '@/db/connection';
import { ensureAuthSecret } from '@/lib/auth/secret';
import { buildIsStale, DEMO_ACCOUNTS, DEMO_PASSWORD, prepareDatabase, runNext, runServer, waitForExit, waitForHealth } from './lib';

async function main() {
  const args = new Set(process.argv.slice(2));
  const port = process.env.PORT || '3000';
  const env = { ...process.env, AUTH_SECRET: ensureAuthSecret(), PORT: port };

  const { db, seeded, hasDemo } = await prepareDatabase({ fresh: args.has('--fresh-db') });
  await closeDatabase(db);
  console.log(seeded ? '✓ Database ready (demo data seeded).' : '✓ Database ready.');

  if (!args.has('--no-build') && buildIsStale()) {
    console.log('… Building the application (next build)');
    const code = await waitForExit(runNext(['build'], env));
    if (code !== 0) process.exit(code);
  }

  const server = runServer(env);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => server.kill(sig));
  const base = `http://localhost:${port}`;
  if (await waitForHealth(`${base}/api/health`)) {
    console.log(`\n✓ Vinh Danh is serving on ${base}`);
    if (hasDemo) {
      console.log(`\nDemo accounts (password: ${DEMO_PASSWORD}):`);
      for (const [user, role] of DEMO_ACCOUNTS) console.log(`  ${user.padEnd(18)} ${role}`);
      console.log(`Sign in at ${base}/login\n`);
    }
  }
  process.exit(await waitForExit(server));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
