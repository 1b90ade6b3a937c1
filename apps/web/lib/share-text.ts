/**
 * The invitation a person shares with a pass code, in every form it travels: the share text, the
 * `web+openmsg:` link inside it (which is also what the QR code encodes), and this inbox's
 * `/connect?address=…&code=…` page. One place builds them and one parser reads them all back, so the
 * Connect form can take whatever was pasted or scanned.
 */

import type { Translator } from '@/i18n/translator';

/** The scheme an inbox registers itself for (navigator.registerProtocolHandler only takes `web+…` names). */
export const LINK_SCHEME = 'web+openmsg';

export interface Invitation {
  address: string;
  passCode: string;
}

/** `web+openmsg:20*b.test?code=123456`: opens the reader's own inbox once they registered it as the handler. */
export function invitationLink({ address, passCode }: Invitation): string {
  return `${LINK_SCHEME}:${address}?code=${passCode}`;
}

/** `https://<inbox>/connect?address=20*b.test&code=123456`: this inbox's Connect page, prefilled. */
export function connectPageLink(origin: string, { address, passCode }: Invitation): string {
  return `${origin}/connect?address=${encodeURIComponent(address)}&code=${passCode}`;
}

/**
 * The invitation in the sharer's language (passcodes.json `shareText`). Whatever the language, the
 * `web+openmsg:` link inside it carries the address and the code, so parseInvitation reads any of them.
 */
export function shareText(invitation: Invitation, t: Translator<'passcodes'>): string {
  return t('shareText', {
    address: invitation.address,
    passCode: invitation.passCode,
    link: invitationLink(invitation),
  });
}

const ADDRESS = String.raw`[0-9]+\*[^\s?&#/]+`;
const CODE = String.raw`[0-9]{3} ?[0-9]{3}`;
const LINK = new RegExp(String.raw`(?:web\+)?openmsg:(${ADDRESS})\?code=(${CODE})(?![0-9])`, 'i');
const SENTENCE = new RegExp(
  String.raw`address is (${ADDRESS}?)[.,;]?\s+and your one-time pass code is (${CODE})(?![0-9])`,
  'i',
);

const invitation = (address: string | null | undefined, code: string | null | undefined): Invitation | null => {
  const passCode = (code ?? '').replace(/\s/g, '');
  const trimmed = (address ?? '').trim();
  return trimmed && /^[0-9]{6}$/.test(passCode) ? { address: trimmed, passCode } : null;
};

/**
 * Reads an invitation from pasted or scanned text: the share text (any words around it), a
 * `web+openmsg:` or `openmsg:` link, or an http(s) `/connect` link with `address` and `code` (or the
 * protocol handler's `uri`). Null when the text does not hold both an address and a pass code; the
 * address is not checked here, the Connect form does that as for anything typed.
 */
export function parseInvitation(text: string): Invitation | null {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > 2000) return null;
  if (/^https?:\/\//i.test(trimmed) && !/\s/.test(trimmed)) {
    const fromUrl = parseConnectUrl(trimmed);
    if (fromUrl) return fromUrl;
  }
  const link = LINK.exec(trimmed);
  if (link) return invitation(link[1], link[2]);
  const sentence = SENTENCE.exec(trimmed);
  if (sentence) return invitation(sentence[1], sentence[2]);
  return null;
}

/** `…/connect?address=…&code=…` or `…/connect?uri=web%2Bopenmsg%3A…` (what the protocol handler opens). */
export function parseConnectUrl(url: string): Invitation | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return invitationFromQuery(parsed.searchParams);
}

/** The Connect page's query: `address` and `code`, or `uri` holding a link. */
export function invitationFromQuery(query: Pick<URLSearchParams, 'get'>): Invitation | null {
  const uri = query.get('uri');
  if (uri) return LINK.test(uri) ? parseInvitation(uri) : null;
  return invitation(query.get('address'), query.get('code'));
}
