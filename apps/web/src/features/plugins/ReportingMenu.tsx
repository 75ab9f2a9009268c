import { Button, Menu, Text } from '@mantine/core';
import { Fragment } from 'react';
import { useNavigate } from 'react-router';
import { IconChevronDown } from '../../components/icons.tsx';
import { PluginIcon } from './plugin-icons.tsx';
import { groupByCategory, type ReportPointType, usePluginPoints } from './plugins-api.ts';

export interface ReportingMenuProps {
  /** The engagement code the report covers. */
  engagement: string;
  /** The grid's filter as a query string (`tag=x&detected=FUL`); the report applies the same filter. */
  filterQuery?: string;
  type?: ReportPointType;
  label?: string;
  /** The events grid hides the menu while its filtered list is empty (nothing to report on). */
  disabled?: boolean;
}

/**
 * The *Reporting* menu: the reports the user may run, grouped by category (sorted by category then
 * title by the server), with icons. Choosing one opens the report viewer on the same filter.
 */
export function ReportingMenu({
  engagement,
  filterQuery = '',
  type = 'event-report',
  label = 'Reporting',
  disabled,
}: ReportingMenuProps) {
  const points = usePluginPoints(type);
  const navigate = useNavigate();
  const items = points.data ?? [];
  if (points.isSuccess && items.length === 0) return null;
  return (
    <Menu position="bottom-end" shadow="md" width={300} withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<PluginIcon name="file-text" />}
          rightSection={<IconChevronDown size={14} />}
          loading={points.isLoading}
          disabled={disabled || !items.length}
          data-testid={`reporting-menu-${type}`}
        >
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {groupByCategory(items).map((group, i) => (
          <Fragment key={group.category}>
            {i > 0 && <Menu.Divider />}
            <Menu.Label>{group.category}</Menu.Label>
            {group.items.map((item) => {
              const params = new URLSearchParams(filterQuery);
              params.set('engagement', engagement);
              const base = type === 'credential-report' ? '/credential-reports' : '/reports';
              return (
                <Menu.Item
                  key={`${item.plugin}/${item.key}`}
                  leftSection={<PluginIcon name={item.icon} />}
                  title={item.description || undefined}
                  onClick={() => navigate(`${base}/${item.plugin}/${item.key}?${params.toString()}`)}
                >
                  <Text size="sm">{item.title}</Text>
                </Menu.Item>
              );
            })}
          </Fragment>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
