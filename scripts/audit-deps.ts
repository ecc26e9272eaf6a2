// `npm run audit:deps`: known vulnerabilities in the production dependencies as installed.
//   1. With an OSV export for npm (OSV_NPM_DB=<all.zip or a directory of OSV JSON>, or --osv <path>):
//      checks node_modules/.package-lock.json (else package-lock.json) offline. Exit 1 when affected.
//   2. Otherwise asks the registry (`npm audit --omit=dev`) and passes its answer and exit code on.
//   3. When neither answers, says so and exits 2: no answer is never reported as "no vulnerability".
import { auditDeps } from './deps-advisories';

auditDeps(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`audit:deps failed: ${e instanceof Error ? e.message : e}`);
    process.exit(2);
  },
);
