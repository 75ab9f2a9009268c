import { Tabs } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router';

const TABS = [
  ['sessions', 'Sessions & actions'],
  ['downloads', 'Downloads'],
  ['uploads', 'Uploads'],
  ['timeline', 'Timeline'],
  ['servers', 'Servers'],
] as const;

/** The C2 menu: one address per page. */
export function C2Tabs() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const current = pathname.replace(/^\/c2\/?/, '').split('/')[0] || 'sessions';
  return (
    <Tabs value={current} onChange={(v) => navigate(v && v !== 'sessions' ? `/c2/${v}` : '/c2')} mb="md">
      <Tabs.List aria-label="C2 pages">
        {TABS.map(([value, label]) => (
          <Tabs.Tab key={value} value={value}>
            {label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}
