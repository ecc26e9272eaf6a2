// The load generators of the benches (bench/run.ts, bench/search.ts): wrk (C, two threads) when installed, else
// autocannon (JavaScript, one thread). On a 2-core machine the generator shares the cores with the server:
// autocannon at 100 % of a core measured itself past ~3,000 req/s of 10 kB pages (nginx was at 13 %), and at a few
// hundred searches a second it takes CPU the server needs. Several URLs: each wrk thread walks the list from its
// own offset (a Lua script), as autocannon's connections do.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { waitForExit } from '@/scripts/lib';

export const WRK = '/usr/bin/wrk';
export type Loader = 'wrk' | 'autocannon';
/** What a load run gives (autocannon's shape): requests a second, latency percentiles and maximum in ms, failures. */
export type Load = { requests: { average: number }; latency: { p50: number; p90: number; p99: number; max: number }; non2xx: number; errors: number; timeouts: number };

/** `--loader wrk|autocannon` as given, or wrk when installed. */
export function chooseLoader(given: string | undefined, fail: (message: string) => never): Loader {
  if (given && given !== 'wrk' && given !== 'autocannon') fail('--loader takes wrk or autocannon.');
  if (given === 'wrk' && !fs.existsSync(WRK)) fail(`--loader wrk needs ${WRK} (apt-get install -y wrk).`);
  return (given as Loader | undefined) ?? (fs.existsSync(WRK) ? 'wrk' : 'autocannon');
}

export function describeLoader(loader: Loader): string {
  return loader === 'wrk' ? 'wrk (two threads)' : 'autocannon';
}

export function load(loader: Loader, base: string, paths: string[], seconds: number, connections: number, headers: Record<string, string> = {}): Promise<Load> {
  if (loader === 'wrk') return loadWrk(base, paths, seconds, connections, headers);
  return new Promise((resolve, reject) => {
    autocannon({ url: base, connections, duration: seconds, headers, requests: paths.map((p) => ({ method: 'GET', path: p })) }, (err, r) =>
      err ? reject(err) : resolve({ requests: { average: r.requests.average }, latency: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max }, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts }),
    );
  });
}

async function loadWrk(base: string, paths: string[], seconds: number, connections: number, headers: Record<string, string>): Promise<Load> {
  const argv = ['-t2', `-c${Math.max(2, connections)}`, `-d${Math.max(1, Math.round(seconds))}s`, '--latency', ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`])];
  let script: string | null = null;
  if (paths.length > 1) {
    script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vinhdanh-wrk-')), 'paths.lua');
    fs.writeFileSync(
      script,
      [
        `local paths = { ${paths.map((p) => JSON.stringify(p)).join(', ')} }`,
        'local started = 0',
        'function setup(thread) thread:set("at", started * math.floor(#paths / 2)); started = started + 1 end',
        'function request() at = at % #paths + 1; return wrk.format("GET", paths[at]) end',
      ].join('\n'),
    );
    argv.push('-s', script);
  }
  const child = spawn(WRK, [...argv, base + paths[0]], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c));
  const code = await waitForExit(child);
  if (script) fs.rmSync(path.dirname(script), { recursive: true, force: true });
  if (code !== 0) throw new Error(`wrk failed:\n${out}`);
  const ms = (re: RegExp, what: string) => {
    const m = re.exec(out);
    if (!m) throw new Error(`wrk printed no ${what}:\n${out}`);
    return Math.round(Number(m[1]) * { us: 1, ms: 1000, s: 1_000_000, m: 60_000_000 }[m[2] as 'us' | 'ms' | 's' | 'm']) / 1000;
  };
  const pct = (p: number) => ms(new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s|m)\\b`, 'm'), `${p}% latency`);
  const count = (re: RegExp) => (re.exec(out)?.slice(1) ?? []).reduce((a, n) => a + Number(n), 0);
  return {
    requests: { average: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0) },
    latency: { p50: pct(50), p90: pct(90), p99: pct(99), max: ms(/^\s*Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s|m)\b/m, 'maximum latency') },
    non2xx: count(/Non-2xx or 3xx responses: (\d+)/),
    errors: count(/Socket errors: connect (\d+), read (\d+), write (\d+)/),
    timeouts: count(/timeout (\d+)/),
  };
}
