'use client';
// The app error page's words, handed down by the locale layout: error.tsx is a client component with no
// message catalogue of its own, and public pages do without next-intl's client provider.
import { createContext, useContext } from 'react';

export type ErrorText = { title: string; body: string; retry: string; home: string; homeHref: string; reference: string };

const Ctx = createContext<ErrorText | null>(null);

export function ErrorTextProvider({ value, children }: { value: ErrorText; children: React.ReactNode }) {
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useErrorText(): ErrorText | null {
  return useContext(Ctx);
}
