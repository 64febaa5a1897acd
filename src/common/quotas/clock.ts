/** Milliseconds since the epoch; injectable so tests move time instead of sleeping. */
export interface Clock {
  now(): number;
}

export const CLOCK = Symbol('CLOCK');

/** Epoch-based and monotonic within the process: request durations never go negative on NTP steps. */
export const systemClock: Clock = { now: () => performance.timeOrigin + performance.now() };
