// Later pages of a long honour roll (/rounds/[slug]?page=n, rewritten here by next.config.ts): each its own cached page.
export { default, generateMetadata } from '../../page';

export const dynamic = 'force-static';
