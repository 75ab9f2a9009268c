import { AppShell, Burger, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Outlet } from 'react-router';
import { TimezonePrompt } from '../../features/preferences/TimezonePrompt.tsx';
import { ArchivedBanner } from './ArchivedBanner.tsx';
import { Brand } from './Brand.tsx';
import { EngagementSwitcher } from './EngagementSwitcher.tsx';
import classes from './layout.module.css';
import { NavBar } from './NavBar.tsx';
import { UserMenu } from './UserMenu.tsx';

/** The signed-in frame: header (brand, engagement, user menu), sidebar navigation, page. */
export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header className={classes.header}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Brand />
          </Group>
          <Group gap="sm" wrap="nowrap">
            <EngagementSwitcher />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar>
        <NavBar onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main className={classes.main}>
        <ArchivedBanner />
        <Outlet />
      </AppShell.Main>
      <TimezonePrompt />
    </AppShell>
  );
}
