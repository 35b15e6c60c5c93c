/**
 * The development server's clock: real time plus an offset that e2e tests move forward (POST
 * /dev/clock) to see links expire. Only wired in when ENVIRONMENT=development.
 */
export const devClock = {
  offsetMs: 0,
  now(): number {
    return Date.now() + this.offsetMs
  },
}
