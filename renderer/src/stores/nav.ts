import { defineStore } from './define';
import type { NodeRole, Permission } from '../../../electron/contract';
import type { MessageKey } from '../i18n/zh-CN';

export type Section =
  | 'catalogue'
  | 'search'
  | 'persons'
  | 'import'
  | 'intake'
  | 'verify'
  | 'forms'
  | 'scheme'
  | 'users'
  | 'audit'
  | 'sync'
  | 'bureauSync'
  | 'settings'
  | 'room'
  | 'places'
  | 'stocktake'
  | 'lending'
  | 'appraisal'
  | 'arrangement'
  | 'statistics'
  | 'dashboard'
  | 'bureauDashboard';

/** `role`: shown only on a station or only at the bureau (the node role chosen at setup). */
export const SECTIONS: { id: Section; labelKey: MessageKey; perm: Permission; role?: NodeRole }[] = [
  { id: 'catalogue', labelKey: 'nav.catalogue', perm: 'catalogue.read' },
  { id: 'search', labelKey: 'nav.search', perm: 'catalogue.read' },
  { id: 'persons', labelKey: 'nav.persons', perm: 'catalogue.read' },
  { id: 'import', labelKey: 'nav.import', perm: 'import' },
  { id: 'intake', labelKey: 'nav.intake', perm: 'scan' },
  { id: 'verify', labelKey: 'nav.verify', perm: 'catalogue.read' },
  // Anyone who reads may look at and export templates; editing needs forms.manage.
  { id: 'forms', labelKey: 'nav.forms', perm: 'catalogue.read' },
  { id: 'scheme', labelKey: 'nav.scheme', perm: 'catalogue.read' },
  { id: 'users', labelKey: 'nav.users', perm: 'users.manage' },
  { id: 'audit', labelKey: 'nav.audit', perm: 'audit.read' },
  { id: 'sync', labelKey: 'nav.sync', perm: 'catalogue.read', role: 'station' },
  { id: 'bureauSync', labelKey: 'nav.bureauSync', perm: 'catalogue.read', role: 'bureau' },
  { id: 'settings', labelKey: 'nav.settings', perm: 'settings.manage' },
  // Last: the Alt shortcuts of the sections above stay as they were.
  { id: 'room', labelKey: 'nav.room', perm: 'catalogue.read', role: 'station' },
  { id: 'places', labelKey: 'nav.places', perm: 'catalogue.read', role: 'station' },
  { id: 'stocktake', labelKey: 'nav.stocktake', perm: 'catalogue.read', role: 'station' },
  { id: 'lending', labelKey: 'nav.lending', perm: 'catalogue.read', role: 'station' },
  { id: 'appraisal', labelKey: 'nav.appraisal', perm: 'catalogue.read', role: 'station' },
  { id: 'arrangement', labelKey: 'nav.arrangement', perm: 'catalogue.read', role: 'station' },
  { id: 'statistics', labelKey: 'nav.statistics', perm: 'catalogue.read', role: 'station' },
  // 工作台 (issue 20): last, so the Alt shortcuts stay as they were; the head lands on it (landingSection).
  { id: 'dashboard', labelKey: 'nav.dashboard', perm: 'catalogue.read', role: 'station' },
  // The county bureau's 工作台: every station and the county (issue 20); bureau users land on it.
  { id: 'bureauDashboard', labelKey: 'nav.dashboard', perm: 'catalogue.read', role: 'bureau' },
];

/**
 * Where a login lands: the station head opens on the 工作台 (how the station stands, what waits for
 * them), and at the county bureau everyone who may see it on the bureau's 工作台 (how the stations
 * stand); everyone else on the first screen they may use — for the clerk the catalogue, where the
 * day's entry is done.
 */
export function landingSection(role: string | undefined, allowed: readonly { id: Section }[]): Section | null {
  if (role === 'head' && allowed.some((s) => s.id === 'dashboard')) return 'dashboard';
  // At the bureau the stations' figures are the day's starting point for everyone who may see them.
  if (allowed.some((s) => s.id === 'bureauDashboard')) return 'bureauDashboard';
  return allowed[0]?.id ?? null;
}

/** The Alt shortcut of the n-th section (0-based): Alt+1 … Alt+9, then Alt+0 for the tenth. */
export const sectionKey = (i: number): string | null => (i < 9 ? String(i + 1) : i === 9 ? '0' : null);

/** Asked before the section changes (a form with unsaved changes); calls `proceed` if the clerk agrees. */
export type LeaveGuard = (proceed: () => void) => void;

interface NavState {
  section: Section | null;
  leaveGuard: LeaveGuard | null;
  go: (s: Section) => void;
  setLeaveGuard: (guard: LeaveGuard | null) => void;
}

export const useNav = defineStore<NavState>('nav', (set, get) => ({
  section: null,
  leaveGuard: null,
  go: (section) => {
    const { leaveGuard, section: current } = get();
    if (leaveGuard && section !== current) leaveGuard(() => set({ section, leaveGuard: null }));
    else set({ section });
  },
  setLeaveGuard: (leaveGuard) => set({ leaveGuard }),
}));
