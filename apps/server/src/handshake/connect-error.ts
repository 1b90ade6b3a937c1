import type { ConnectErrorCode } from '@openmsg/core';
import { ApiException } from '../http/api-error';

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

  /** The client API's answer: the code's status (API_ERRORS), this sentence and the technical detail. */
  toApiException(): ApiException {
    return new ApiException(this.reason, this.message, { detail: this.detail });
  }

  /** A failure of the network or of their node, rather than a refusal of the code. */
  get isFailure(): boolean {
    return this.reason === 'unreachable' || this.reason === 'bad_answer' || this.reason === 'callback_failed';
  }
}
