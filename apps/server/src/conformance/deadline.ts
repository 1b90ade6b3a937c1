/** The checker's global time limit: every step races it, so a hanging peer cannot hold the run past it. */
export class Deadline {
  private readonly endsAt: number;

  constructor(readonly limitMs: number) {
    this.endsAt = Date.now() + limitMs;
  }

  get remainingMs(): number {
    return Math.max(0, this.endsAt - Date.now());
  }

  get passed(): boolean {
    return this.remainingMs === 0;
  }

  /** The promise's value, or `onTimeout()` if the limit comes first (the promise is left to settle on its own). */
  async race<T>(promise: Promise<T>, onTimeout: () => T): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<T>((resolve) => {
      timer = setTimeout(() => resolve(onTimeout()), this.remainingMs);
    });
    try {
      return await Promise.race([promise, expired]);
    } finally {
      clearTimeout(timer);
    }
  }
}
