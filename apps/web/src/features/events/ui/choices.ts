import { DETECTED_CHOICES, PREVENTED_CHOICES } from '@steppingstones/shared/events';

/** Detected? / Prevented? codes with their labels and colours (the contract's lists, §1.3). */
export { DETECTED_CHOICES, PREVENTED_CHOICES };

export interface Choice {
  code: string;
  label: string;
  colour: string | null;
}

export function detectedChoice(code: string): Choice {
  return DETECTED_CHOICES.find((c) => c.code === code) ?? { code, label: code, colour: null };
}

export function preventedChoice(code: string): Choice {
  return PREVENTED_CHOICES.find((c) => c.code === code) ?? { code, label: code, colour: null };
}

export const detectedOptions = DETECTED_CHOICES.map((c) => ({ value: c.code, label: c.label }));
export const preventedOptions = PREVENTED_CHOICES.map((c) => ({ value: c.code, label: c.label }));
