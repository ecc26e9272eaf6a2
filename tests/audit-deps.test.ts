// npm run audit:deps: the offline check reads the lockfile's production packages and OSV ranges right,
// and a run without any advisory source says it knows nothing instead of passing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { affects, auditDeps, compareSemver, findVulnerable, productionPackages, readAdvisories, type OsvAdvisory } from '@/scripts/deps-advisories';

const lock = {
  lockfileVersion: 3,
  packages: {
    '': { name: 'app' },
    'node_modules/left-pad': { version: '1.2.0' },
    'node_modules/a/node_modules/left-pad': { version: '1.3.0' },
    'node_modules/@scope/lib': { version: '2.0.0-beta.3' },
    'node_modules/vitest-only': { version: '9.9.9', dev: true },
  },
};
// A fictional advisory in OSV's format.
const advisory: OsvAdvisory = {
  id: 'GHSA-test-0000-0000',
  aliases: ['CVE-0000-0001'],
  summary: 'Fictional prototype pollution',
  database_specific: { severity: 'HIGH' },
  affected: [
    { package: { ecosystem: 'npm', name: 'left-pad' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.3.0' }] }] },
    { package: { ecosystem: 'npm', name: '@scope/lib' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '2.0.0-beta.1' }, { last_affected: '2.0.0-beta.3' }] }] },
    { package: { ecosystem: 'npm', name: 'vitest-only' }, versions: ['9.9.9'] },
  ],
};

describe('audit:deps offline check', () => {
  it('lists the production packages of the lockfile, each version once, without dev ones', () => {
    expect(productionPackages(lock)).toEqual([
      { name: '@scope/lib', version: '2.0.0-beta.3' },
      { name: 'left-pad', version: '1.2.0' },
      { name: 'left-pad', version: '1.3.0' },
    ]);
  });

  it('orders versions by semver, prereleases below their release', () => {
    expect(compareSemver('1.10.0', '1.9.0')).toBeGreaterThan(0);
    expect(compareSemver('2.0.0-beta.3', '2.0.0')).toBeLessThan(0);
    expect(compareSemver('2.0.0-beta.10', '2.0.0-beta.3')).toBeGreaterThan(0);
    expect(compareSemver('2.0.0-alpha', '2.0.0-alpha.1')).toBeLessThan(0);
  });

  it('matches introduced/fixed and last_affected ranges and explicit versions', () => {
    expect(affects(advisory, { name: 'left-pad', version: '1.2.0' })).toBe(true);
    expect(affects(advisory, { name: 'left-pad', version: '1.3.0' })).toBe(false);
    expect(affects(advisory, { name: '@scope/lib', version: '2.0.0-beta.3' })).toBe(true);
    expect(affects(advisory, { name: '@scope/lib', version: '2.0.0' })).toBe(false);
    expect(affects({ ...advisory, withdrawn: '2026-01-01' }, { name: 'left-pad', version: '1.2.0' })).toBe(false);
    const found = findVulnerable(productionPackages(lock), [advisory]);
    expect(found.map((f) => `${f.pkg.name}@${f.pkg.version}`)).toEqual(['@scope/lib@2.0.0-beta.3', 'left-pad@1.2.0']);
  });

  it('reads an OSV export from a directory', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osv-'));
    fs.writeFileSync(path.join(dir, `${advisory.id}.json`), JSON.stringify(advisory));
    expect((await readAdvisories(dir)).map((a) => a.id)).toEqual([advisory.id]);
  });

  it('the command checks the installed lockfile offline, exit 1 on a finding, 0 without', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osv-'));
    const installed = productionPackages(JSON.parse(fs.readFileSync('node_modules/.package-lock.json', 'utf8')));
    const zod = installed.find((p) => p.name === 'zod')!;
    const hit: OsvAdvisory = { id: 'GHSA-fict-ion0-0000', affected: [{ package: { ecosystem: 'npm', name: 'zod' }, versions: [zod.version] }] };
    fs.writeFileSync(path.join(dir, 'hit.json'), JSON.stringify(hit));
    const run = async () => {
      const lines: string[] = [];
      const code = await auditDeps(['--osv', dir], {}, (l) => lines.push(l));
      return { code, out: lines.join('\n') };
    };
    const found = await run();
    expect(found.out).toContain(`zod@${zod.version}  GHSA-fict-ion0-0000`);
    expect(found.code).toBe(1);
    fs.writeFileSync(path.join(dir, 'hit.json'), JSON.stringify({ ...hit, affected: [{ package: { ecosystem: 'npm', name: 'zod' }, versions: ['0.0.1'] }] }));
    const clean = await run();
    expect(clean.out).toContain('No known advisory affects an installed production package.');
    expect(clean.code).toBe(0);
  });
});
