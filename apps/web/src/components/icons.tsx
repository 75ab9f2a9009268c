/** The shell's icons: Tabler's (MIT, tree-shaken), under the names the app uses. */
export {
  IconAlertTriangle as IconAlert,
  IconBriefcase,
  IconCheck,
  IconChevronDown,
  IconCompass,
  IconDatabase,
  IconHome,
  IconKey,
  IconList,
  IconLock,
  IconLogout,
  IconPlus,
  IconSearch,
  IconSettings,
  IconShield,
  IconUsers,
} from '@tabler/icons-react';
export { IconStones } from './BrandMark.tsx';
