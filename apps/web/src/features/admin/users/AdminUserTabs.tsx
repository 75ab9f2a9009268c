import { Tabs } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router';

/** Users and groups are one admin area with two tabs (each its own address). */
export function AdminUserTabs() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  return (
    <Tabs
      value={pathname.startsWith('/admin/groups') ? 'groups' : 'users'}
      onChange={(v) => navigate(`/admin/${v}`)}
      mb="lg"
    >
      <Tabs.List>
        <Tabs.Tab value="users">Users</Tabs.Tab>
        <Tabs.Tab value="groups">Groups</Tabs.Tab>
      </Tabs.List>
    </Tabs>
  );
}
