import { type IconProps, IconStarFilled, IconStar as Star } from '@tabler/icons-react';

/** The event log's icons: Tabler's (MIT, tree-shaken), under the names the grid and form use. */
export {
  IconArrowsExchange as IconLateral,
  IconBulb,
  IconClock,
  IconCopy,
  IconDots,
  IconDownload,
  IconExternalLink as IconExternal,
  IconFilterOff,
  IconPaperclip,
  IconPencil as IconEdit,
  IconServer as IconHost,
  IconSortAscending as IconSortAsc,
  IconSortDescending as IconSortDesc,
  IconTerminal2 as IconProcess,
  IconTrash,
  IconUpload,
  IconUser,
} from '@tabler/icons-react';

/** The star of an event: outlined, or filled when starred. */
export function IconStar({ filled, ...props }: IconProps & { filled?: boolean }) {
  return filled ? <IconStarFilled {...props} /> : <Star {...props} />;
}
