/**
 * How a typed query becomes index-friendly prefix searches (lib/data/patients.ts runs them).
 *
 * - one word: an exact MRN, an MRN prefix (only when it holds a digit: "m" must not list every
 *   "MRN-…"), a family-name prefix, a given-name prefix;
 * - several words ("Garcia Maria", "maria gar", "Maria de la Cruz"): every split into two parts,
 *   each way round, as (family prefix AND given prefix), plus the whole text as a family-name or
 *   given-name prefix ("de la", "Mary Ann").
 */
export interface NameSplit {
  family: string;
  given: string;
}

export interface SearchPlan {
  /** The whole query, words joined by single spaces. */
  whole: string;
  /** Set for one-word queries: compared with MRNs. */
  mrn: string | null;
  /** Whether MRN prefixes are searched too. */
  mrnPrefix: boolean;
  splits: NameSplit[];
}

/** Words beyond this are ignored: a query is a name, not a paragraph. */
export const MAX_SEARCH_WORDS = 4;

export function planSearch(query: string): SearchPlan | null {
  const words = query
    .split(/[\s,;]+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .slice(0, MAX_SEARCH_WORDS);
  if (words.length === 0) return null;
  const single = words.length === 1 ? words[0]! : null;
  const splits: NameSplit[] = [];
  for (let k = 1; k < words.length; k += 1) {
    const left = words.slice(0, k).join(' ');
    const right = words.slice(k).join(' ');
    splits.push({ family: left, given: right }, { family: right, given: left });
  }
  return {
    whole: words.join(' '),
    mrn: single,
    mrnPrefix: single !== null && /\d/.test(single),
    splits,
  };
}
