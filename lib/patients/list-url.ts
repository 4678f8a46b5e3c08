/**
 * The patient list's URL keys as nuqs parsers, for the client table. The server reads the same
 * keys with parsePatientListParams (zod), which is the authority: these parsers only mirror it.
 */
import { parseAsInteger, parseAsNumberLiteral, parseAsString, parseAsStringLiteral } from 'nuqs';
import { parseAsRowId } from '@/lib/pagination/cursor';
import { PATIENT_SEXES } from './constants';
import { LIST_DEFAULTS, PAGE_SIZES, PATIENT_SORTS, SORT_DIRECTIONS } from './list-params';

export const patientListParsers = {
  page: parseAsInteger.withDefault(LIST_DEFAULTS.page),
  after: parseAsRowId,
  before: parseAsRowId,
  size: parseAsNumberLiteral(PAGE_SIZES).withDefault(LIST_DEFAULTS.size),
  sort: parseAsStringLiteral(PATIENT_SORTS).withDefault(LIST_DEFAULTS.sort),
  dir: parseAsStringLiteral(SORT_DIRECTIONS).withDefault(LIST_DEFAULTS.dir),
  q: parseAsString.withDefault(LIST_DEFAULTS.q),
  sex: parseAsStringLiteral(PATIENT_SEXES),
  dobFrom: parseAsString,
  dobTo: parseAsString,
};
