import { Button, Collapse } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';

/**
 * On a phone the filter bar would fill the first screen and push the events out of view: there it
 * folds behind a Filters button (saying when a filter is on). Wider screens show it as it is.
 */
export function PhoneFilters({ active, children }: { active: boolean; children: ReactNode }) {
  const phone = useMediaQuery('(max-width: 40em)', false, { getInitialValueInEffect: false });
  const [open, setOpen] = useState(false);
  if (!phone) return children;
  return (
    <>
      <Button
        variant={active ? 'light' : 'default'}
        size="xs"
        mb="sm"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        style={{ alignSelf: 'flex-start' }}
      >
        {open ? 'Hide filters' : active ? 'Filters (on)' : 'Filters'}
      </Button>
      <Collapse expanded={open}>{children}</Collapse>
    </>
  );
}
