/** A command line the admin CLI cannot run: it prints the message and its usage, and exits with 64. */
export class UsageError extends Error {}
