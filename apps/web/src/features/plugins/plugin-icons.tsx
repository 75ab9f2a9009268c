import type { ReactNode } from 'react';

/**
 * Icons for plugin menu entries, by the name a plugin gives (`icon: 'table'`). Inline SVG (Tabler
 * style, MIT) so nothing loads from elsewhere; Font Awesome style names map to the nearest one, and an
 * unknown name gets the generic file icon.
 */
const PATHS: Record<string, ReactNode> = {
  table: <path d="M3 5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2zM3 10h18M10 3v18" />,
  'file-text': (
    <path d="M14 3v4a1 1 0 0 0 1 1h4M17 21H7a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h7l5 5v11a2 2 0 0 1-2 2zM9 9h1M9 13h6M9 17h6" />
  ),
  markdown: (
    <path d="M3 7a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2zM7 15V9l2 2 2-2v6M14 13l2 2 2-2M16 9v6" />
  ),
  'chart-bar': (
    <path d="M3 13a1 1 0 0 1 1-1h2a1 1 0 0 1 1 1v6H3zM10 9a1 1 0 0 1 1-1h2a1 1 0 0 1 1 1v10h-4zM17 5a1 1 0 0 1 1-1h2a1 1 0 0 1 1 1v14h-4zM3 19h18" />
  ),
  'chart-line': <path d="M4 19h16M4 15l4-6 4 2 4-5 4 4" />,
  grid: <path d="M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4zM14 14h6v6h-6z" />,
  clock: <path d="M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 7v5l3 3" />,
  download: <path d="M4 17v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2M7 11l5 5 5-5M12 4v12" />,
  map: <path d="M3 7l6-3 6 3 6-3v13l-6 3-6-3-6 3zM9 4v13M15 7v13" />,
  code: <path d="M7 8l-4 4 4 4M17 8l4 4-4 4M14 4l-4 16" />,
  shield: <path d="M12 3a12 12 0 0 0 8.5 3A12 12 0 0 1 12 21 12 12 0 0 1 3.5 6 12 12 0 0 0 12 3" />,
  key: <path d="M16.5 3a4.5 4.5 0 1 1-4.3 5.9L3 18v3h3v-2h2v-2h2l1.1-1.1A4.5 4.5 0 0 1 16.5 3zM17 7h.01" />,
  ship: (
    <path d="M2 20a2.4 2.4 0 0 0 2 1 2.4 2.4 0 0 0 2-1 2.4 2.4 0 0 1 2-1 2.4 2.4 0 0 1 2 1 2.4 2.4 0 0 0 2 1 2.4 2.4 0 0 0 2-1 2.4 2.4 0 0 1 2-1 2.4 2.4 0 0 1 2 1 2.4 2.4 0 0 0 2 1M4 18l-1-5h18l-2 4M5 13V7h8l4 6M7 7V3H6" />
  ),
  file: <path d="M14 3v4a1 1 0 0 0 1 1h4M17 21H7a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h7l5 5v11a2 2 0 0 1-2 2z" />,
};
const ALIASES: Record<string, string> = {
  'fa-table': 'table',
  'fa-file-lines': 'file-text',
  'fa-file-text': 'file-text',
  'fa-chart-bar': 'chart-bar',
  'fa-chart-column': 'chart-bar',
  'fa-chart-line': 'chart-line',
  'fa-timeline': 'clock',
  'fa-table-cells': 'grid',
  heatmap: 'grid',
  'fa-map': 'map',
  'fa-download': 'download',
  'fa-file-excel': 'table',
  'fa-ship': 'ship',
  'fa-markdown': 'markdown',
};

function lookup(name: string): ReactNode {
  const bare = name.trim().split(/\s+/).at(-1) ?? '';
  return PATHS[bare] ?? PATHS[ALIASES[bare] ?? ''] ?? PATHS[bare.replace(/^fa-/, '')] ?? PATHS.file;
}

export function PluginIcon({ name, size = 16 }: { name: string; size?: number }) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {lookup(name)}
    </svg>
  );
}

/** The sidebar icons of the Reports and Plugins pages. */
export function IconReports({ size }: { size?: number }) {
  return <PluginIcon name="file-text" size={size ?? 18} />;
}
export function IconPlug({ size }: { size?: number }) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={size ?? 18}
      height={size ?? 18}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d="M9.785 6l8.215 8.215l-2.054 2.054a5.81 5.81 0 1 1 -8.215 -8.215l2.054 -2.054zM4 20l3.5 -3.5M15 4l-3.5 3.5M20 9l-3.5 3.5" />
    </svg>
  );
}
