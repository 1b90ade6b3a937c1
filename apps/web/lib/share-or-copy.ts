/**
 * Sharing a text through the system share sheet (`navigator.share`) where the browser has one and takes this
 * content (`navigator.canShare`), and copying it to the clipboard otherwise. Closing the sheet is the person's
 * choice and says nothing; a sheet that fails for another reason (a policy, no activation) falls back to copying.
 */
export interface TextToShare {
  title?: string;
  text: string;
  url?: string;
}

export type ShareOutcome = 'shared' | 'cancelled' | 'copied' | 'copied-instead' | 'failed';

/** The parts of `navigator` used here (a narrower type than Navigator, so a browser without share() fits it). */
export interface SharingBrowser {
  share?: (data: ShareData) => Promise<void>;
  canShare?: (data?: ShareData) => boolean;
  clipboard?: Pick<Clipboard, 'writeText'>;
}

/** What goes to the clipboard: the text, and the url on its own line unless the text holds it already. */
export function copyTextOf({ text, url }: TextToShare): string {
  return url && !text.includes(url) ? `${text}\n${url}` : text;
}

export async function shareOrCopy(data: TextToShare, browser: SharingBrowser = navigator): Promise<ShareOutcome> {
  const shareData: ShareData = {
    text: data.text,
    ...(data.title ? { title: data.title } : {}),
    ...(data.url ? { url: data.url } : {}),
  };
  let sheetFailed = false;
  if (typeof browser.share === 'function' && (browser.canShare?.(shareData) ?? true)) {
    try {
      await browser.share(shareData);
      return 'shared';
    } catch (caught) {
      if (caught instanceof DOMException && caught.name === 'AbortError') return 'cancelled';
      sheetFailed = true;
    }
  }
  try {
    if (!browser.clipboard) return 'failed';
    await browser.clipboard.writeText(copyTextOf(data));
    return sheetFailed ? 'copied-instead' : 'copied';
  } catch {
    return 'failed';
  }
}
