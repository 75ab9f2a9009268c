import './csp-setup.ts';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dates/styles.css';
import './global.css';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { reloadOnStaleChunks } from './stale-chunks.ts';

reloadOnStaleChunks();
const container = document.getElementById('root');
if (container) createRoot(container).render(<App />);
