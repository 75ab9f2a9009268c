import {
  IconChartBar,
  IconChartLine,
  IconClock,
  IconCode,
  IconDownload,
  IconFile,
  IconFileText,
  IconKey,
  IconLayoutGrid,
  IconMap,
  IconMarkdown,
  IconShield,
  IconShip,
  IconTable,
  IconPlug as Plug,
  type Icon as TablerIcon,
} from '@tabler/icons-react';

/**
 * Icons for plugin menu entries, by the name a plugin gives (`icon: 'table'`). Font Awesome style
 * names map to the nearest one, and an unknown name gets the generic file icon.
 */
const ICONS: Record<string, TablerIcon> = {
  table: IconTable,
  'file-text': IconFileText,
  markdown: IconMarkdown,
  'chart-bar': IconChartBar,
  'chart-line': IconChartLine,
  grid: IconLayoutGrid,
  clock: IconClock,
  download: IconDownload,
  map: IconMap,
  code: IconCode,
  shield: IconShield,
  key: IconKey,
  ship: IconShip,
  file: IconFile,
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

function lookup(name: string): TablerIcon {
  const bare = name.trim().split(/\s+/).at(-1) ?? '';
  return ICONS[bare] ?? ICONS[ALIASES[bare] ?? ''] ?? ICONS[bare.replace(/^fa-/, '')] ?? IconFile;
}

export function PluginIcon({ name, size = 16 }: { name: string; size?: number }) {
  const Icon = lookup(name);
  return <Icon size={size} aria-hidden="true" />;
}

/** The sidebar icons of the Reports and Plugins pages. */
export function IconReports({ size }: { size?: number }) {
  return <PluginIcon name="file-text" size={size ?? 18} />;
}
export function IconPlug({ size }: { size?: number }) {
  return <Plug size={size ?? 18} aria-hidden="true" />;
}
