// Offline dependency audit: the production packages of the installed lockfile, checked against an OSV
// advisory export for npm (a directory of OSV JSON files or the ecosystem's all.zip), offline; or the
// registry's own audit when no export is given. `npm run audit:deps` (scripts/audit-deps.ts) runs auditDeps().
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export type InstalledPackage = { name: string; version: string };
type LockEntry = { version?: string; dev?: boolean; devOptional?: boolean; optional?: boolean; link?: boolean; name?: string };

/** Production packages (no dev-only ones) of a lockfile v2/v3, one entry per name@version. */
export function productionPackages(lockfile: { packages?: Record<string, LockEntry> }): InstalledPackage[] {
  const seen = new Map<string, InstalledPackage>();
  for (const [key, entry] of Object.entries(lockfile.packages ?? {})) {
    if (!key || entry.dev || entry.devOptional || entry.link || !entry.version) continue;
    const name = entry.name ?? key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    seen.set(`${name}@${entry.version}`, { name, version: entry.version });
  }
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name) || compareSemver(a.version, b.version));
}

type Semver = { nums: number[]; pre: Array<string | number> };
function parse(v: string): Semver | null {
  const m = v.trim().replace(/^v/, '').match(/^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/);
  if (!m) return null;
  return { nums: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] ? m[4].split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : [] };
}

/** Semantic Versioning 2.0.0 precedence; versions that do not parse sort as equal (never matched). */
export function compareSemver(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return 0;
  for (let i = 0; i < 3; i++) if (x.nums[i] !== y.nums[i]) return x.nums[i] - y.nums[i];
  if (!x.pre.length || !y.pre.length) return y.pre.length - x.pre.length; // a release ranks above its prereleases
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i];
    const q = y.pre[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    if (p === q) continue;
    if (typeof p === 'number' && typeof q === 'number') return p - q;
    if (typeof p === 'number') return -1;
    if (typeof q === 'number') return 1;
    return p < q ? -1 : 1;
  }
  return 0;
}

type OsvEvent = { introduced?: string; fixed?: string; last_affected?: string; limit?: string };
export type OsvAdvisory = {
  id: string;
  summary?: string;
  aliases?: string[];
  withdrawn?: string;
  database_specific?: { severity?: string };
  affected?: Array<{ package?: { ecosystem?: string; name?: string }; versions?: string[]; ranges?: Array<{ type?: string; events?: OsvEvent[] }> }>;
};

/** Whether `version` falls in one OSV range (SEMVER or ECOSYSTEM; npm's ecosystem order is semver). */
function inRange(version: string, events: OsvEvent[]): boolean {
  const at = (e: OsvEvent) => e.introduced ?? e.fixed ?? e.last_affected ?? e.limit ?? '0';
  const sorted = [...events].sort((a, b) => (at(a) === '0' ? -1 : at(b) === '0' ? 1 : compareSemver(at(a), at(b))));
  let affected = false;
  for (const e of sorted) {
    if (e.introduced !== undefined && (e.introduced === '0' || compareSemver(version, e.introduced) >= 0)) affected = true;
    else if (e.fixed !== undefined && compareSemver(version, e.fixed) >= 0) affected = false;
    else if (e.last_affected !== undefined && compareSemver(version, e.last_affected) > 0) affected = false;
    else if (e.limit !== undefined && compareSemver(version, e.limit) >= 0) affected = false;
  }
  return affected;
}

export function affects(advisory: OsvAdvisory, pkg: InstalledPackage): boolean {
  if (advisory.withdrawn) return false;
  return (advisory.affected ?? []).some((a) => {
    if (a.package?.ecosystem !== 'npm' || a.package.name !== pkg.name) return false;
    if (a.versions?.includes(pkg.version)) return true;
    return (a.ranges ?? []).some((r) => (r.type === 'SEMVER' || r.type === 'ECOSYSTEM') && inRange(pkg.version, r.events ?? []));
  });
}

/** Every OSV advisory JSON of a directory (recursively) or of a zip export. */
export async function readAdvisories(source: string): Promise<OsvAdvisory[]> {
  const out: OsvAdvisory[] = [];
  if (fs.statSync(source).isDirectory()) {
    const walk = (dir: string) => {
      for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, d.name);
        if (d.isDirectory()) walk(p);
        else if (d.name.endsWith('.json')) out.push(JSON.parse(fs.readFileSync(p, 'utf8')));
      }
    };
    walk(source);
    return out;
  }
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(fs.readFileSync(source));
  for (const f of Object.values(zip.files)) if (!f.dir && f.name.endsWith('.json')) out.push(JSON.parse(await f.async('string')));
  return out;
}

export type Finding = { pkg: InstalledPackage; id: string; aliases: string[]; severity: string; summary: string };

export function findVulnerable(packages: InstalledPackage[], advisories: OsvAdvisory[]): Finding[] {
  const byName = new Map<string, InstalledPackage[]>();
  for (const p of packages) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  const findings: Finding[] = [];
  for (const adv of advisories) {
    const names = new Set((adv.affected ?? []).map((a) => a.package?.name).filter((n): n is string => !!n));
    for (const name of names) {
      for (const pkg of byName.get(name) ?? []) {
        if (affects(adv, pkg)) findings.push({ pkg, id: adv.id, aliases: adv.aliases ?? [], severity: adv.database_specific?.severity ?? 'unknown', summary: adv.summary ?? '' });
      }
    }
  }
  return findings.sort((a, b) => a.pkg.name.localeCompare(b.pkg.name) || a.id.localeCompare(b.id));
}

const HELP = `No advisory source could be read, so nothing is known about vulnerabilities (this is not a pass).
On a machine with internet access, either:
  npm audit --omit=dev
or download the OSV export for npm once and check offline, here or anywhere:
  curl -LO https://osv-vulnerabilities.storage.googleapis.com/npm/all.zip
  OSV_NPM_DB=all.zip npm run audit:deps`;

/**
 * 1. With an OSV export (`--osv <path>` or OSV_NPM_DB): the installed lockfile's production packages,
 *    offline; exit code 1 when an advisory affects one, 0 when none does.
 * 2. Otherwise `npm audit --omit=dev`, its answer and exit code passed on.
 * 3. When neither answers: says so and returns 2. No answer is never reported as "no vulnerability".
 */
export async function auditDeps(argv: string[], env: Record<string, string | undefined>, print: (line: string) => void = console.log, printError: (line: string) => void = console.error): Promise<number> {
  const i = argv.indexOf('--osv');
  const source = i >= 0 ? argv[i + 1] : env.OSV_NPM_DB;
  const installed = fs.existsSync('node_modules/.package-lock.json') ? 'node_modules/.package-lock.json' : 'package-lock.json';
  const packages = productionPackages(JSON.parse(fs.readFileSync(installed, 'utf8')));

  if (source) {
    const advisories = await readAdvisories(path.resolve(source));
    const found = findVulnerable(packages, advisories);
    const dated = fs.statSync(source).mtime.toISOString().slice(0, 10);
    print(`Checked ${packages.length} production packages (${installed}) against ${advisories.length} OSV advisories (${source}, dated ${dated}).`);
    for (const f of found) print(`  ${f.pkg.name}@${f.pkg.version}  ${f.id}${f.aliases.length ? ` (${f.aliases.join(', ')})` : ''}  ${f.severity}  ${f.summary}`);
    print(found.length ? `${found.length} advisories affect installed packages.` : 'No known advisory affects an installed production package.');
    return found.length ? 1 : 0;
  }

  const npm = spawnSync('npm', ['audit', '--omit=dev'], { encoding: 'utf8', timeout: 120_000 });
  // npm exits 1 both for "vulnerabilities found" and for "could not ask": tell them apart.
  if (npm.status === 0 || /found \d+ vulnerabilit|\d+ (low|moderate|high|critical)/i.test(npm.stdout ?? '')) {
    print((npm.stdout ?? '').trimEnd());
    return npm.status ?? 1;
  }
  printError(`${npm.stdout ?? ''}${npm.stderr ?? ''}`.trim());
  printError(`\n${HELP}`);
  return 2;
}
