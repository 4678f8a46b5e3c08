/**
 * When a new patient may already be registered in the clinic. Pure, so the rules are unit-tested;
 * lib/data/patients.ts feeds it the candidates (same date of birth, or same name) from the index.
 */
export type DuplicateReason = 'same_name_and_dob' | 'swapped_names' | 'similar_name' | 'dob_typo';

export const DUPLICATE_REASON_LABELS: Record<DuplicateReason, string> = {
  same_name_and_dob: 'Same name and date of birth',
  swapped_names: 'Given and family name swapped',
  similar_name: 'Similar name, same date of birth',
  dob_typo: 'Same name, date of birth differs by a typo',
};

/** Ranking when several candidates match: the surest first. */
export const DUPLICATE_REASON_ORDER: DuplicateReason[] = [
  'same_name_and_dob',
  'swapped_names',
  'dob_typo',
  'similar_name',
];

export interface PersonKey {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
}

/** Case, accents, apostrophes and repeated spaces do not make two names different. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * Two `YYYY-MM-DD` dates one typing slip apart: one character different, two adjacent digits
 * swapped, or day and month swapped.
 */
export function isDateTypo(a: string, b: string): boolean {
  if (a === b || a.length !== b.length) return false;
  const diffs: number[] = [];
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) diffs.push(i);
  if (diffs.length === 1) return true;
  if (diffs.length === 2) {
    const [i, j] = diffs as [number, number];
    if (j === i + 1 && a[i] === b[j] && a[j] === b[i]) return true;
  }
  const [ay, am, ad] = a.split('-');
  const [by, bm, bd] = b.split('-');
  return ay === by && am === bd && ad === bm;
}

/** Why `candidate` may be the same person as `input`, or null when it is not a likely match. */
export function duplicateReason(input: PersonKey, candidate: PersonKey): DuplicateReason | null {
  const family = normaliseName(input.familyName);
  const given = normaliseName(input.givenName);
  const cFamily = normaliseName(candidate.familyName);
  const cGiven = normaliseName(candidate.givenName);
  const sameName = family === cFamily && given === cGiven;

  if (input.dateOfBirth === candidate.dateOfBirth) {
    if (sameName) return 'same_name_and_dob';
    if (family === cGiven && given === cFamily) return 'swapped_names';
    const similar =
      (family.slice(0, 3) === cFamily.slice(0, 3) && given[0] === cGiven[0]) ||
      (given === cGiven && family[0] === cFamily[0]) ||
      levenshtein(`${family} ${given}`, `${cFamily} ${cGiven}`) <= 2;
    return similar ? 'similar_name' : null;
  }
  if (sameName && isDateTypo(input.dateOfBirth, candidate.dateOfBirth)) return 'dob_typo';
  return null;
}
