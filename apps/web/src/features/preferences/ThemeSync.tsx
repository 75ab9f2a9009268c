import { useMantineColorScheme } from '@mantine/core';
import { useEffect } from 'react';
import { useMeQuery } from '../auth/use-me.ts';

/** Applies the signed-in user's theme preference (auto follows the OS, live). */
export function ThemeSync() {
  const { data: me } = useMeQuery();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const wanted = me?.theme;
  useEffect(() => {
    if (wanted && wanted !== colorScheme) setColorScheme(wanted);
  }, [wanted, colorScheme, setColorScheme]);
  return null;
}
