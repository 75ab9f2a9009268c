import { IconClock, IconKey, IconWebhook } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { Me } from '../../features/auth/auth-types.ts';
import { IconPaperclip } from '../../features/events/ui/event-icons.tsx';
import { IconPlug, IconReports } from '../../features/plugins/plugin-icons.tsx';
import { can, canAny, canIn } from '../../lib/permissions.ts';
import { IconBriefcase, IconDatabase, IconHome, IconList, IconUsers } from '../icons.tsx';

/**
 * THE navigation registry: the sidebar shows exactly these entries, each only to users for whom
 * `visible(me)` holds. To add an area (Events, Files, Reports, Jobs, Webhooks, Plugins…): add its
 * routes in `app/routes.tsx` and one entry here, guarded by the permission its API requires, e.g.
 *   { section: 'engagement', label: 'Events', to: '/events', icon: IconList, visible: (me) => can(me, 'event.view') }
 */
export interface NavItem {
  section: NavSection;
  label: string;
  to: string;
  icon: ComponentType<{ size?: number }>;
  visible: (me: Me) => boolean;
  /** Match only the exact path (for `/`). */
  end?: boolean;
  /** Other path prefixes that belong to this entry (highlighted as active). */
  alsoActiveOn?: string[];
}

export type NavSection = 'main' | 'engagement' | 'admin';

export const NAV_SECTIONS: { id: NavSection; label: string | null }[] = [
  { id: 'main', label: null },
  { id: 'engagement', label: 'Engagement' },
  { id: 'admin', label: 'Administration' },
];

export const NAV_ITEMS: NavItem[] = [
  { section: 'main', label: 'Home', to: '/', icon: IconHome, visible: () => true, end: true },
  {
    section: 'engagement',
    label: 'Events',
    to: '/events',
    icon: IconList,
    visible: (me) => can(me, 'event.view'),
  },
  {
    section: 'engagement',
    label: 'EventStream',
    to: '/eventstream',
    icon: IconList,
    visible: (me) => can(me, 'eventstream.view'),
  },
  {
    section: 'engagement',
    label: 'C2',
    to: '/c2',
    icon: IconList,
    visible: (me) => can(me, 'c2.view'),
  },
  {
    section: 'engagement',
    label: 'Credentials',
    to: '/credentials',
    icon: IconKey,
    visible: (me) => can(me, 'credential.view'),
  },
  {
    section: 'engagement',
    label: 'Files',
    to: '/files',
    icon: IconPaperclip,
    visible: (me) => can(me, 'file.view'),
  },
  {
    section: 'engagement',
    label: 'Deleted events',
    to: '/events/trash',
    icon: IconList,
    // Whoever deletes: an operator recovers their own deletions, the lead anyone's (the API decides).
    visible: (me) => can(me, 'event.delete'),
  },
  {
    section: 'engagement',
    label: 'Reports',
    to: '/reports',
    icon: IconReports,
    visible: (me) => can(me, 'event.view'),
    alsoActiveOn: ['/credential-reports'],
  },
  {
    section: 'engagement',
    label: 'Members',
    to: '/members',
    icon: IconUsers,
    // The current engagement's leads (a role there, not anywhere).
    visible: (me) => canIn(me, me.current_engagement, 'user.admin'),
  },
  {
    section: 'admin',
    label: 'Users & groups',
    to: '/admin/users',
    alsoActiveOn: ['/admin/groups'],
    icon: IconUsers,
    visible: (me) => can(me, 'user.admin'),
  },
  {
    section: 'admin',
    label: 'Engagements',
    to: '/admin/engagements',
    icon: IconBriefcase,
    visible: (me) =>
      canAny(me, ['engagement.add', 'engagement.change', 'engagement.delete']) || me.is_superuser,
  },
  {
    section: 'admin',
    label: 'Audit log',
    to: '/admin/audit',
    icon: IconList,
    visible: (me) => can(me, 'audit.view'),
  },
  {
    section: 'admin',
    label: 'Backup',
    to: '/admin/backup',
    icon: IconDatabase,
    visible: (me) => can(me, 'backup.download'),
  },
  {
    section: 'admin',
    label: 'Plugins',
    to: '/admin/plugins',
    icon: IconPlug,
    visible: (me) => can(me, 'plugin.admin'),
  },
  {
    section: 'admin',
    label: 'Jobs',
    to: '/admin/jobs',
    icon: IconClock,
    visible: (me) => can(me, 'job.admin'),
  },
  {
    section: 'admin',
    label: 'Webhooks',
    to: '/admin/webhooks',
    icon: IconWebhook,
    visible: (me) => can(me, 'webhook.admin'),
  },
];
