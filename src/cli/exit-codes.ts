/** Documented exit codes (README, `oversight --help`). */
export const EXIT = {
  OK: 0,
  FAILED: 1,
  USAGE: 2,
  /** The run finished, but some input files were reported and skipped. */
  SKIPPED_INPUT: 3,
} as const;
