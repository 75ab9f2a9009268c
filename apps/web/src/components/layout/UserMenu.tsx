import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { logout } from '../../features/auth/auth-api.ts';
import { ME_KEY, useMe } from '../../features/auth/use-me.ts';
import { clearAllDrafts } from '../../features/events/form/draft/draft-store.ts';
import { errorMessage } from '../../lib/api-error.ts';
import { IconChevronDown, IconKey, IconLock, IconLogout, IconSettings } from '../icons.tsx';
import classes from './layout.module.css';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts[1]?.[0] ?? '')).toUpperCase() || '?';
}

export function UserMenu() {
  const me = useMe();
  const queryClient = useQueryClient();
  const name = me.display_name || me.username;

  const signOut = async () => {
    try {
      await logout();
    } catch (error) {
      notifications.show({ color: 'red', title: 'Log out failed', message: errorMessage(error) });
      return;
    }
    clearAllDrafts();
    // The route guard sees nobody signed in and goes to the login page, which drops the old user's data.
    queryClient.setQueryData(ME_KEY, null);
  };

  return (
    <Menu position="bottom-end" width={220} withArrow shadow="md">
      <Menu.Target>
        <UnstyledButton
          className={classes.userButton}
          aria-label={`User menu for ${me.username}`}
          data-testid="user-menu"
        >
          <Group gap="xs" wrap="nowrap">
            <Avatar size={30} radius="xl" color="indigo">
              {initials(name)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm">
              {name}
            </Text>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Signed in as {me.username}</Menu.Label>
        <Menu.Item component={Link} to="/preferences" leftSection={<IconSettings size={16} />}>
          Preferences
        </Menu.Item>
        <Menu.Item component={Link} to="/password" leftSection={<IconLock size={16} />}>
          Change password
        </Menu.Item>
        <Menu.Item component={Link} to="/tokens" leftSection={<IconKey size={16} />}>
          Personal tokens
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" leftSection={<IconLogout size={16} />} onClick={signOut}>
          Log out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
