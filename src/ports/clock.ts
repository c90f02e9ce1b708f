/** What time it is. Use cases read time only through this; tests step a fake. */
export interface Clock {
  now(): Date;
}
