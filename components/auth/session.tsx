'use client';
import { createContext, useContext, type ReactNode } from 'react';
import { can, type Capability } from '@/lib/auth/roles';
import type { RouterOutputs } from '../trpc';

export type SignedInUser = NonNullable<RouterOutputs['account']['status']['user']>;

const SessionContext = createContext<SignedInUser | null>(null);

export function SessionProvider({ user, children }: { user: SignedInUser; children: ReactNode }) {
  return <SessionContext.Provider value={user}>{children}</SessionContext.Provider>;
}

/** The signed-in person (the gate renders nothing below it without one). */
export function useSessionUser(): SignedInUser | null {
  return useContext(SessionContext);
}

/** Whether the signed-in person's role can do it: pages hide what it cannot (the server refuses it anyway). */
export function useCan(capability: Capability): boolean {
  return can(useSessionUser()?.role, capability);
}

/** Its children only for a role that can do `to`; `otherwise` (default nothing) for the rest. */
export function Allowed({ to, children, otherwise = null }: { to: Capability; children: ReactNode; otherwise?: ReactNode }) {
  return <>{useCan(to) ? children : otherwise}</>;
}
