import { useEffect, useRef } from 'react';
import { useNav, type LeaveGuard } from '../stores/nav';

/**
 * While `dirty`, leaving loses typed text, so: closing or reloading the window triggers the
 * browser's (or the shell's) "leave page?" prompt through beforeunload, and switching screens
 * from the shell's nav calls `ask(proceed)` first.
 */
export function useUnsavedGuard(dirty: boolean, ask: (proceed: () => void) => void): void {
  const askRef = useRef(ask);
  askRef.current = ask;
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = ''; // older Chromium (and Electron's will-prevent-unload) look at this
    };
    const guard: LeaveGuard = (proceed) => askRef.current(proceed);
    window.addEventListener('beforeunload', onBeforeUnload);
    useNav.getState().setLeaveGuard(guard);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      if (useNav.getState().leaveGuard === guard) useNav.getState().setLeaveGuard(null);
    };
  }, [dirty]);
}
