/**
 * How a typed query becomes index-friendly searches (lib/data/patients.ts runs them). Each kind
 * is recognised from the text alone, so the browser, the list and the picker agree:
 *
 * - names (when the text has a letter): one word is a family-name or given-name prefix; several
 *   words ("Garcia Maria", "maria gar", "Maria de la Cruz") are every split into two parts, each
 *   way round, as (family prefix AND given prefix), plus the whole text as a family-name or
 *   given-name prefix ("de la", "Mary Ann");
 * - an MRN (one word): exact, or a prefix when it holds a digit ("m" must not list every "MRN-…");
 * - MRN digits without the prefix ("3", "000003"): the MRN's trailing number;
 * - a phone in any formatting ("555 010 2030", "(555) 010-2030"): its digits as the start or the
 *   end of the stored number's digits (so with or without the country code);
 * - a date of birth (see parseBirthDate for the accepted forms);
 * - an e-mail (one word with "@"): an address prefix.
 */
import { parseBirthDate } from './birth-date';

export interface NameSplit {
  family: string;
  given: string;
}

export interface SearchPlan {
  /** The whole query, words joined by single spaces; null when it holds no letter. */
  whole: string | null;
  /** Set for one-word queries: compared with MRNs. */
  mrn: string | null;
  /** Whether MRN prefixes are searched too. */
  mrnPrefix: boolean;
  splits: NameSplit[];
  /** An all-digit query, as a number: the MRN's trailing number. */
  mrnNumber: number | null;
  /** The digits of a phone-like query (at least PHONE_MIN_DIGITS). */
  phoneDigits: string | null;
  /** A date of birth, `YYYY-MM-DD`. */
  dateOfBirth: string | null;
  /** A lower-cased e-mail prefix. */
  email: string | null;
}

/** Words beyond this are ignored: a query is a name, not a paragraph. */
export const MAX_SEARCH_WORDS = 4;
/** Fewer digits than this look like an MRN number, not a phone. */
export const PHONE_MIN_DIGITS = 4;
/** More digits than this are no MRN number (the stored number keeps at most 18). */
const MRN_NUMBER_MAX_DIGITS = 15;

/** What the search boxes say they accept (the picker, the list, the quick search). */
export const SEARCH_PLACEHOLDER = 'Name, MRN, phone, e-mail or birth date';
export const SEARCH_HINT =
  'Name, MRN (or just its number), phone, e-mail, or date of birth as 2001-02-03 or 3 Feb 2001';

const PHONE_LIKE = /^\+?[\d\s().\-/]+$/;

export function planSearch(query: string): SearchPlan | null {
  const trimmed = query.trim();
  const words = trimmed
    .split(/[\s,;]+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .slice(0, MAX_SEARCH_WORDS);
  if (words.length === 0) return null;
  const single = words.length === 1 ? words[0]! : null;
  const hasLetter = /\p{L}/u.test(trimmed);
  const digits = trimmed.replace(/\D/g, '');

  const dateOfBirth = parseBirthDate(trimmed);
  // A date is only a date: its digits are no MRN or phone ("2001-02-03").
  const asNumber = dateOfBirth === null;

  const splits: NameSplit[] = [];
  if (hasLetter) {
    for (let k = 1; k < words.length; k += 1) {
      const left = words.slice(0, k).join(' ');
      const right = words.slice(k).join(' ');
      splits.push({ family: left, given: right }, { family: right, given: left });
    }
  }
  return {
    whole: hasLetter ? words.join(' ') : null,
    mrn: asNumber ? single : null,
    mrnPrefix: asNumber && single !== null && /\d/.test(single),
    splits,
    mrnNumber:
      asNumber && /^\d+$/.test(trimmed) && digits.length <= MRN_NUMBER_MAX_DIGITS
        ? Number(digits)
        : null,
    phoneDigits:
      asNumber && PHONE_LIKE.test(trimmed) && digits.length >= PHONE_MIN_DIGITS ? digits : null,
    dateOfBirth,
    email: single?.includes('@') ? single.toLowerCase() : null,
  };
}
