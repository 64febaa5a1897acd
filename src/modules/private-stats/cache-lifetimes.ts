/** Cache lifetimes of the legacy routes (`cachedjson("1h", ...)`), in seconds. */
export const HOUR_S = 3600;
export const TWO_HOURS_S = 2 * HOUR_S;
export const DAY_S = 24 * HOUR_S;
