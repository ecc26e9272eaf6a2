// Later pages of a unit's honours (/units/[slug]?page=n, rewritten here by next.config.ts): each its own cached page.
export { default, generateMetadata } from '../../page';

export const dynamic = 'force-static';
