// Not found, on a page rendered once per data change (rolls, awards, units) and sent without any script.
// notFound() thrown inside a Suspense boundary still sets the 404 while the page keeps its server-rendered
// not-found text (the boundary's fallback); thrown outside one, Next.js answers with an empty shell that only
// its scripts would fill — and no script runs on these pages.
import { Suspense } from 'react';
import { notFound } from 'next/navigation';
import NotFound from './not-found';

function Missing(): never {
  notFound();
}

export function StaticNotFound() {
  return (
    <Suspense fallback={<NotFound />}>
      <Missing />
    </Suspense>
  );
}
