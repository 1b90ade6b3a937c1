import type { ConnectErrorCode } from '@openmsg/core';

/**
 * Why a connect failed. `message` is a sentence for the user that says whose side failed and what
 * to do; `detail` is the technical cause (the peer's answer, a network error), shown small.
 */
export class ConnectError extends Error {
  constructor(
    readonly reason: ConnectErrorCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }

  /** A failure of the network or of their node, rather than a refusal of the code. */
  get isFailure(): boolean {
    return this.reason === 'unreachable' || this.reason === 'bad_answer' || this.reason === 'callback_failed';
  }
}
