// The worker processes of the crash and quota-race tests run bundled (lib/bundle-module.mjs): a worker starts
// as plain node — about 0.9 s on two cores against 1.3 s under tsx's loader, 2.6 s through its CLI — and
// the tests spend their time in the workers' work. Run it with `node --conditions=react-server FILE`.
import { bundleModule } from '@/lib/bundle-module.mjs';

export const bundleWorker = (entry: string): Promise<string> => bundleModule(entry, { conditions: ['react-server'] });
