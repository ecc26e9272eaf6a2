// One contender in the quota race: waits for the start signal, approves one nomination through
// lib/workflow on its own connection, and prints the outcome as JSON.
// Run with: tsx --conditions=react-server tests/quota-race-worker.ts USER_ID NOMINATION_ID START_AT
import { decideNomination } from '@/lib/workflow';
import { isDomainError } from '@/lib/errors';
import { loadActor } from '@/lib/users';

const [userId, nominationId, startAt] = process.argv.slice(2).map(Number);

// No top-level await: tsx runs this file as CommonJS.
async function main() {
  const actor = await loadActor(userId);
  while (Date.now() < startAt) {
    // spin until every contender is ready, so the approvals really race
  }
  try {
    await decideNomination(actor, nominationId, 'approve', { for: 7, against: 0, abstain: 2 });
    console.log(JSON.stringify({ ok: true }));
  } catch (e) {
    console.log(JSON.stringify({ ok: false, code: isDomainError(e) ? e.code : String(e) }));
  }
}

void main();
