import { connection } from 'next/server';

// The reference of a page rendered on every request (`npm run bench`, target `bareDynamic`): what Next.js itself
// costs a request before any of ours — no proxy, no session, no data, no i18n. A staff page cannot be cheaper.
export default async function BareDynamicPage() {
  await connection();
  return <p>bare, dynamic</p>;
}
