import { Text } from '@mantine/core';
import { Link } from 'react-router';
import { IconStones } from '../icons.tsx';
import classes from './layout.module.css';

export function Brand() {
  return (
    <Link to="/" className={classes.brand} aria-label="Stepping Stones home">
      <span className={classes.brandMark}>
        <IconStones size={26} />
      </span>
      <Text fw={700} size="lg" visibleFrom="xs">
        Stepping Stones
      </Text>
    </Link>
  );
}
