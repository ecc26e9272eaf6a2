// One contender in the quota race: loads the data layer and its actor, prints `ready`, waits for the start
// signal (a line on stdin, sent to every contender at once when all are ready), approves one nomination
// through lib/workflow on its own connection, and prints the outcome as JSON.
// Run with: tsx --conditions=react-server tests/quota-race-worker.ts USER_ID NOMINATION_ID (the test runs it
// bundled: tests/worker-bundle.ts)
import { once } from 'node:events';
import { decideNomination } from '@/lib/workflow';
import { isDomainError } from '@/lib/errors';
import { loadActor } from '@/lib/users';

const [userId, nominationId] = process.argv.slice(2).map(Number);

// No top-level await: tsx runs this file as CommonJS.
async function main() {
  const actor = await loadActor(userId);
  console.log('ready');
  await once(process.stdin, 'data');
  try {
    await decideNomination(actor, nominationId, 'approve', { for: 7, against: 0, abstain: 2 });
    console.log(JSON.stringify({ ok: true }));
  } catch (e) {
    console.log(JSON.stringify({ ok: false, code: isDomainError(e) ? e.code : String(e) }));
  }
  process.exit(0);
}

void main();
