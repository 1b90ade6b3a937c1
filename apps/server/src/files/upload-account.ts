import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The account of the upload request being handled. tus hands its data store an upload id only; the endpoint runs
 * each request inside `uploadAccount.run(accountId, ...)`, so the store finds, creates and deletes only that
 * account's uploads (another account's id answers 404, as an unknown one).
 */
export const uploadAccount = new AsyncLocalStorage<string>();

export function currentUploadAccount(): string {
  const accountId = uploadAccount.getStore();
  if (!accountId) throw new Error('an upload store call outside an authenticated upload request');
  return accountId;
}
