/**
 * Work in this tab that a reload would interrupt (a send on its way, the outbox being sent, a file uploading):
 * a new version of the app takes over only when there is none (components/offline/use-app-update.ts).
 */
let inFlight = 0;

/** Marks work as started; call the returned function when it ends. */
export function busy(): () => void {
  inFlight++;
  let ended = false;
  return () => {
    if (!ended) inFlight--;
    ended = true;
  };
}

export const isBusy = () => inFlight > 0;
