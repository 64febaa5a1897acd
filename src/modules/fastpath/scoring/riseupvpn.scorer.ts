import { Scores } from './types';

/** RiseupVPN scoring was disabled upstream on 2023-10-17 (backend issue 745): empty scores. */
export function scoreRiseupvpn(): Scores {
  return {};
}
