import type { PermissionCode } from '../permissions/index.ts';

/** The plugin points; these names are in the database and the API forever. */
export const POINT_TYPES = [
  'event-report',
  'credential-report',
  'eventstream-source',
  'background-task',
  'c2-source',
] as const;
export type PointType = (typeof POINT_TYPES)[number];
export type MenuPointType = Exclude<PointType, 'background-task'>;
export const MENU_POINT_TYPES: readonly MenuPointType[] = [
  'event-report',
  'credential-report',
  'eventstream-source',
  'c2-source',
];

/** The member of a plugin definition that lists each point type. */
export const POINT_MEMBER: Record<PointType, string> = {
  'event-report': 'eventReports',
  'credential-report': 'credentialReports',
  'eventstream-source': 'eventstreamSources',
  'background-task': 'backgroundTasks',
  'c2-source': 'c2Sources',
};

/** The area's base permission the host adds to every point's `requires`. */
export const BASE_PERMISSION: Record<MenuPointType, PermissionCode> = {
  'event-report': 'event.view',
  'credential-report': 'credential.view',
  'eventstream-source': 'eventstream.add',
  'c2-source': 'c2.add',
};

/** Query parameters a report URL reserves (the grid's list parameters, engagement and format). */
export { RESERVED_REPORT_PARAMS } from '@steppingstones/shared/events';

export const DEFAULT_RENDER_TIMEOUT_MS = 30_000;
export const DEFAULT_TASK_TIMEOUT_MS = 60_000;
export const DEFAULT_TASK_MAX_ATTEMPTS = 5;
