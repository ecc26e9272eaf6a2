// The benchmark scales (issue 7) and where their databases live.
import path from 'node:path';

export const SCALES = {
  district: { units: 100, individuals: 10_000, collectives: 2_000, rounds: 20, nominations: 30_000, awards: 15_000 },
  city: { units: 1_000, individuals: 100_000, collectives: 20_000, rounds: 200, nominations: 300_000, awards: 150_000 },
  nation: { units: 10_000, individuals: 1_000_000, collectives: 200_000, rounds: 2_000, nominations: 3_000_000, awards: 1_500_000 },
} as const;
export type Scale = keyof typeof SCALES;

/** Every bench account (admin, reviewer, approver, officer) has this password. */
export const BENCH_PASSWORD = 'vinhdanh-bench';

export const BENCH_DIR = path.join(process.cwd(), 'bench', 'data');

export function benchDatabaseFile(scale: Scale): string {
  return path.join(BENCH_DIR, `${scale}.db`);
}
