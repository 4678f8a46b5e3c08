import { csvExport } from './csv-export';
import { httpPages } from '../http/pages';
import { patientListPage, patientSearch } from './patient-reads';
import { pointLookup } from './point-lookup';
import type { RatioCase } from './ratio';
import { retention } from './retention';
import { sortedPage } from './sorted-page';
import type { BenchCase } from './types';

/** Every floor case (tenantDb vs the same SQL through plain pg), in report order. */
export const CASES: BenchCase[] = [pointLookup, sortedPage];

/** Application paths against a baseline of their own, in report order (after the floor cases). */
export const RATIO_CASES: RatioCase[] = [
  patientSearch,
  patientListPage,
  csvExport,
  retention,
  httpPages,
];
