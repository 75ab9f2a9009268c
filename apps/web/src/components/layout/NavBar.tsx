import { NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { NavLink as RouterNavLink, useLocation } from 'react-router';
import { useMe } from '../../features/auth/use-me.ts';
import classes from './layout.module.css';
import { NAV_ITEMS, NAV_SECTIONS } from './nav-registry.tsx';

/** The sidebar: the registry's entries this user may use, grouped by section. */
export function NavBar({ onNavigate }: { onNavigate: () => void }) {
  const me = useMe();
  const { pathname } = useLocation();
  const items = NAV_ITEMS.filter((item) => item.visible(me));

  return (
    <ScrollArea type="scroll">
      <Stack component="nav" aria-label="Main navigation" gap="lg" p="sm">
        {NAV_SECTIONS.map((section) => {
          const entries = items.filter((i) => i.section === section.id);
          if (entries.length === 0) return null;
          return (
            <Stack key={section.id} gap={2}>
              {section.label && (
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pb={4}>
                  {section.label}
                </Text>
              )}
              {entries.map((item) => {
                const active = item.end
                  ? pathname === item.to
                  : [item.to, ...(item.alsoActiveOn ?? [])].some((p) => pathname.startsWith(p));
                return (
                  <NavLink
                    key={item.to}
                    component={RouterNavLink}
                    to={item.to}
                    end={item.end}
                    label={item.label}
                    leftSection={<item.icon size={18} />}
                    active={active}
                    variant="light"
                    onClick={onNavigate}
                    className={classes.navLink}
                  />
                );
              })}
            </Stack>
          );
        })}
      </Stack>
    </ScrollArea>
  );
}
