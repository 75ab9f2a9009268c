import type { SVGProps } from 'react';

/** The brand mark: three stepping stones (our own drawing, in the stroke style of the Tabler icons). */
export function IconStones({ size = 18, ...props }: SVGProps<SVGSVGElement> & { size?: number }) {
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
      {...props}
    >
      <ellipse cx="6" cy="17" rx="4" ry="2.5" />
      <ellipse cx="13" cy="11.5" rx="3.5" ry="2.2" />
      <ellipse cx="18.5" cy="6.5" rx="3" ry="1.9" />
    </svg>
  );
}
