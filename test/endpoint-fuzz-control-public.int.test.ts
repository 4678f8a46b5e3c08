/**
 * The second half of the endpoint fuzz (test/endpoint-fuzz.int.test.ts says what it asserts):
 * the control plane's actions, the public actions (sign-in, sign-out) and the routes outside the
 * tenant plane (next-auth, health, Inngest). Its own file, so that it runs beside the first half.
 */
import { CONTROL_ACTION_ENTRIES } from './fuzz/action-entries';
import { PUBLIC_ACTION_ENTRIES } from './fuzz/public-entries';
import { PUBLIC_ROUTE_ENTRIES } from './fuzz/public-route-entries';
import { fuzzEveryEntry } from './fuzz/suite';
import { TEAM_CONTROL_AND_PUBLIC_ENTRIES } from './fuzz/team-entries';

fuzzEveryEntry('control-plane and public endpoints, fuzzed', [
  ...CONTROL_ACTION_ENTRIES,
  ...PUBLIC_ACTION_ENTRIES,
  ...PUBLIC_ROUTE_ENTRIES,
  // Issue 10 §2: the operator's invitation and accepting one as a new person.
  ...TEAM_CONTROL_AND_PUBLIC_ENTRIES,
]);
