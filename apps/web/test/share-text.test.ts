import { describe, expect, it } from 'vitest';
import {
  connectPageLink,
  invitationFromQuery,
  invitationLink,
  parseConnectUrl,
  parseInvitation,
  shareText,
} from '../lib/share-text';
import { LOCALES } from '../i18n/locales';
import { translator } from './translators';

const t = await translator('passcodes');

const ann = { address: '20*b.test', passCode: '123456' };
const leadingZeros = { address: '0042*xn--caf-dma.example', passCode: '000901' };

describe('share text and links', () => {
  it.each([ann, leadingZeros])(
    'round-trips the share text, the link and the Connect page link for %o',
    (invitation) => {
      expect(parseInvitation(shareText(invitation, t))).toEqual(invitation);
      expect(parseInvitation(invitationLink(invitation))).toEqual(invitation);
      expect(parseInvitation(connectPageLink('https://inbox.a.test', invitation))).toEqual(invitation);
      expect(
        parseConnectUrl(`https://inbox.a.test/connect?uri=${encodeURIComponent(invitationLink(invitation))}`),
      ).toEqual(invitation);
    },
  );

  it.each(LOCALES)('reads the share text written in %s (by its link)', async (locale) => {
    const translated = shareText(leadingZeros, await translator('passcodes', locale));
    expect(parseInvitation(translated)).toEqual(leadingZeros);
  });

  it('in German, the share text is German', async () => {
    expect(shareText(ann, await translator('passcodes', 'de'))).toBe(
      'Schreib mir auf Openmsg: Meine Adresse ist 20*b.test, und dein einmaliger Kontaktcode lautet 123456 (eine Stunde gültig). Öffne ihn in deinem Posteingang: web+openmsg:20*b.test?code=123456',
    );
  });

  it('the share text says who, which code, for how long, and carries the link', () => {
    expect(shareText(ann, t)).toBe(
      'Message me on Openmsg: my address is 20*b.test and your one-time pass code is 123456 (valid for one hour). Open it in your inbox: web+openmsg:20*b.test?code=123456',
    );
    expect(connectPageLink('https://a.test', ann)).toBe('https://a.test/connect?address=20*b.test&code=123456');
  });

  it('reads the share text with words around it, line breaks, and the older forms', () => {
    expect(parseInvitation(`Hi!\n\n${shareText(ann, t)}\n-- sent from my phone`)).toEqual(ann);
    // The text before links existed, and a code typed grouped as the card shows it.
    expect(
      parseInvitation(
        'Message me on Openmsg: my address is 20*b.test and your one-time pass code is 123 456 (valid for one hour).',
      ),
    ).toEqual(ann);
    expect(parseInvitation('openmsg:20*b.test?code=123456')).toEqual(ann); // the QR code before web+openmsg:
    expect(parseInvitation('WEB+OPENMSG:20*b.test?code=123456')).toEqual(ann);
  });

  it('answers null for text without both parts, and never takes a longer number for the code', () => {
    for (const text of [
      '',
      '20*b.test',
      '123456',
      'my address is 20*b.test',
      'web+openmsg:20*b.test?code=1234567',
      'web+openmsg:20*b.test?code=12345',
      'https://a.test/connect?address=20*b.test',
      'not a url',
    ]) {
      expect(parseInvitation(text), text).toBeNull();
    }
    expect(parseInvitation(`${'x'.repeat(3000)} ${invitationLink(ann)}`)).toBeNull();
  });

  it('reads the Connect page query: address and code, or the protocol handler uri, and nothing from a foreign uri', () => {
    expect(invitationFromQuery(new URLSearchParams('address=20*b.test&code=123+456'))).toEqual(ann);
    expect(
      invitationFromQuery(new URLSearchParams(`uri=${encodeURIComponent('web+openmsg:20*b.test?code=123456')}`)),
    ).toEqual(ann);
    expect(
      invitationFromQuery(new URLSearchParams(`uri=${encodeURIComponent('https://evil.example/?code=123456')}`)),
    ).toBeNull();
  });
});
