import { create } from 'zustand';
import type { Permission } from '../../../electron/contract';
import type { MessageKey } from '../i18n/zh-CN';

export type Section =
  'catalogue' | 'search' | 'persons' | 'import' | 'intake' | 'verify' | 'scheme' | 'users' | 'audit';

export const SECTIONS: { id: Section; labelKey: MessageKey; perm: Permission }[] = [
  { id: 'catalogue', labelKey: 'nav.catalogue', perm: 'catalogue.read' },
  { id: 'search', labelKey: 'nav.search', perm: 'catalogue.read' },
  { id: 'persons', labelKey: 'nav.persons', perm: 'catalogue.read' },
  { id: 'import', labelKey: 'nav.import', perm: 'import' },
  { id: 'intake', labelKey: 'nav.intake', perm: 'scan' },
  { id: 'verify', labelKey: 'nav.verify', perm: 'catalogue.read' },
  { id: 'scheme', labelKey: 'nav.scheme', perm: 'catalogue.read' },
  { id: 'users', labelKey: 'nav.users', perm: 'users.manage' },
  { id: 'audit', labelKey: 'nav.audit', perm: 'audit.read' },
];

interface NavState {
  section: Section | null;
  go: (s: Section) => void;
}

export const useNav = create<NavState>((set) => ({
  section: null,
  go: (section) => set({ section }),
}));
