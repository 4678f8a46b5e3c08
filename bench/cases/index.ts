import { pointLookup } from './point-lookup';
import { sortedPage } from './sorted-page';
import type { BenchCase } from './types';

/** Every case, in report order. Add new cases (search, list page, CSV export, retention) here. */
export const CASES: BenchCase[] = [pointLookup, sortedPage];
