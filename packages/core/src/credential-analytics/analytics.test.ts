import { describe, expect, it } from 'vitest';
import {
  affixMask,
  appendRule,
  charMask,
  deriveSecretFields,
  letterParts,
  maskEffort,
  maskKeyspace,
  masklist,
  numberParts,
  passwordComplexity,
  passwordStructure,
  prefixMasks,
  prefixWords,
  splitLeading,
  splitTrailing,
  suffixMasks,
  suffixWords,
  symbolParts,
  wordsOf,
} from './index.ts';

describe('char masks', () => {
  it.each([
    ['Summer2024!', '?u?l?l?l?l?l?d?d?d?d?s', 26 ** 6 * 10 ** 4 * 33, 'Letters..Numbers..Symbols'],
    ['', '', 1, 'None'],
    ['abc', '?l?l?l', 26 ** 3, 'Letters'],
    ['1a!b', '?d?l?s?l', 10 * 26 * 33 * 26, 'Other'],
    ['é1', '?s?d', 330, 'Symbols..Numbers'],
    ['😀', '?s', 33, 'Symbols'],
  ])('%j → %s', (secret, mask, keyspace, structure) => {
    expect(charMask(secret)).toBe(mask);
    expect(maskKeyspace(mask)).toBe(keyspace);
    expect(passwordStructure(secret)).toBe(structure);
  });

  it('stores effort in millions, rounded down', () => {
    // 26^6 = 308,915,776; × 10^4 × 33 = 101,942,206,080,000 → 101,942,206 millions
    expect(maskEffort('?u?l?l?l?l?l?d?d?d?d?s')).toBe(101_942_206);
    expect(maskEffort('?l?l?l')).toBe(0);
  });
});

describe('complexity', () => {
  it.each([
    ['', 'blank'],
    ['1234', 'numeric'],
    ['!!', 'special'],
    ['abc', 'lower'],
    ['ABC', 'upper'],
    ['Abc', 'mixed alpha'],
    ['abc1', 'lower+digit'],
    ['ABC1', 'upper+digit'],
    ['Abc1', 'mixed+digit'],
    ['abc!', 'lower+special'],
    ['ABC£', 'upper+special'],
    ['Abc!', 'mixed+special'],
    ['abc1!', 'lower+special+digit'],
    ['ABC1!', 'upper+special+digit'],
    ['Summer2024!', 'mixed+special+digit'],
    ['12!', 'unknown'],
    ['café1', 'unknown'],
  ])('%j is %s', (secret, expected) => expect(passwordComplexity(secret)).toBe(expected));
});

describe('derived fields', () => {
  it('are computed from the secret and all null when the secret is unknown', () => {
    expect(deriveSecretFields('Abc1')).toEqual({
      complexity: 'mixed+digit',
      char_mask: '?u?l?l?d',
      char_mask_effort: 0,
      structure: 'Letters..Numbers',
    });
    expect(deriveSecretFields(null)).toEqual({
      complexity: null,
      char_mask: null,
      char_mask_effort: null,
      structure: null,
    });
    expect(deriveSecretFields('').structure).toBe('None');
  });
});

describe('prefixes and suffixes', () => {
  it('split appended and prepended digits/symbols', () => {
    expect(splitTrailing('Summer2024!')).toEqual({ word: 'Summer', affix: '2024!' });
    expect(splitLeading('!1Winter')).toEqual({ word: 'Winter', affix: '!1' });
    expect(splitTrailing('1234')).toEqual({ word: '', affix: '1234' });
  });

  it('count words that varied only by what was appended, over distinct secrets', () => {
    const secrets = ['Summer2024!', 'Summer1', 'Winter1', 'Summer', 'Winter!', '1234', 'Autumn9'];
    expect(prefixWords(secrets)).toEqual([
      { value: 'Summer', count: 2 },
      { value: 'Winter', count: 2 },
      { value: 'Autumn', count: 1 },
    ]);
    expect(suffixWords(['1Summer', '!Summer', '2Winter'])).toEqual([
      { value: 'Summer', count: 2 },
      { value: 'Winter', count: 1 },
    ]);
  });

  it('masks every symbol of an affix (!! is two ?s) and ranks by keyspace per hit', () => {
    expect(affixMask('2024!!')).toBe('?d?d?d?d?s?s');
    // suffixes: ?d (x2: Summer1, Winter1) keyspace 10 → 5 per hit; ?d?d?d?d?s keyspace 330000; ?s 33 → 33
    expect(
      suffixMasks(['Summer2024!', 'Summer1', 'Winter1', 'Winter!']).map((m) => [m.mask, m.per_hit]),
    ).toEqual([
      ['?d', 5],
      ['?s', 33],
      ['?d?d?d?d?s', 330_000],
    ]);
    expect(prefixMasks(['1Summer', '12Winter', 'Plain']).map((m) => m.mask)).toEqual(['?d', '?d?d']);
  });
});

describe('masklists', () => {
  it('order masks by keyspace per expected hit and honour the minimum length', () => {
    // ?l?l?l: 17,576 / 2 = 8,788; ?d?d?d?d: 10,000 / 1; ?u?l?l?l?l?l?l?d: 26^7*10 / 1
    const rows = ['abc', 'xyz', '1234', 'Passwor1'];
    expect(masklist(rows).map((m) => [m.mask, m.count, m.per_hit])).toEqual([
      ['?l?l?l', 2, 8788],
      ['?d?d?d?d', 1, 10_000],
      ['?u?l?l?l?l?l?l?d', 1, 26 ** 7 * 10],
    ]);
    expect(masklist(rows, 8).map((m) => m.mask)).toEqual(['?u?l?l?l?l?l?l?d']);
  });
});

describe('parts', () => {
  it('extract letters, numbers and symbols as the cracking aids need them', () => {
    expect(letterParts('ACMEWinter2024!spring').sort()).toEqual(['ACMEW', 'Winter', 'spring'].sort());
    expect(letterParts('pass1word')).toEqual(['pass', 'word']);
    expect(numberParts('a12b12c3')).toEqual(['12', '3']);
    expect(symbolParts('a!!b_c£')).toEqual(['!!', '£']);
  });

  it('write append rules, hex-escaping bytes outside printable ASCII', () => {
    expect(appendRule('2024!')).toBe('$2$0$2$4$!');
    expect(appendRule('a b')).toBe('$a$\\x20$b');
    expect(appendRule('£')).toBe('$\\xc2$\\xa3');
  });

  it('finds words in account and system names', () => {
    expect(wordsOf('svc_BackupAdmin').sort()).toEqual(
      ['Admin', 'Backup', 'BackupAdmin', 'svc', 'svc_BackupAdmin'].sort(),
    );
  });
});
