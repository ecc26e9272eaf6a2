// Locale-aware Link, redirect and router helpers.
import { createElement, type ComponentProps } from 'react';
import { createNavigation } from 'next-intl/navigation';
import { routing } from './routing';

const navigation = createNavigation(routing);
export const { redirect, usePathname, useRouter, getPathname } = navigation;

/** next-intl's Link without prefetching by default. Every staff page is dynamic and has no loading boundary,
 * so the router's prefetch of a link in view fetched an empty payload — 24 requests per queue page view, which
 * tripled the server's work for it (120 → 360–450 ms of CPU) and spent a phone's data. A link may still ask. */
export function Link(props: ComponentProps<typeof navigation.Link>) {
  return createElement(navigation.Link, { prefetch: false, ...props });
}
