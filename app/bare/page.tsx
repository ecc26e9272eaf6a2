// `npx tsx scripts/first-load-js.ts http://localhost:3000/bare` weighs what Next.js itself ships;
// public pages must stay within 15 KB gzipped of it (README, "Public pages").
export default function BarePage() {
  return <p>bare</p>;
}
