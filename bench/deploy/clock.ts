// One clock for times taken in different processes: the machine's monotonic clock, which every
// process reads alike. performance.now() counts from the process's own start, and
// performance.timeOrigin (that start as epoch milliseconds) is taken from the wall clock with an
// error of its own: between the processes of one benchmark run it differed by up to 8 ms against
// the monotonic clock, which moved source calls by as much beside the requests that made them.

/** `t` (a performance.now() of this process) on the machine's monotonic clock, in milliseconds. */
export function monotonicMs(t: number): number {
  // performance.now() is the monotonic clock (libuv's hrtime) less the process's start.
  return t + (Number(process.hrtime.bigint()) / 1e6 - performance.now());
}
