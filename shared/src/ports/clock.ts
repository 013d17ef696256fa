/** The current instant. Injected so that tests, demo data and reminders can run "as of" any day. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
