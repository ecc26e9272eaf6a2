// A roll filtered by name or ward (/rounds/[slug]?q=…&unit=…, rewritten here by proxy.ts): the roll's own
// component, rendered per request because its search parameters are the user's.
export { default, generateMetadata } from '../page';

export const dynamic = 'force-dynamic';
