import { describe, expect, it } from 'vitest';
import { OpenmsgError } from '@openmsg/client';
import { connectErrorText } from '../lib/connect-error-text';
import { translator } from './translators';

const en = { t: await translator('errors'), locale: 'en' };

describe('what the Connect page says when connecting fails', () => {
  it('in German: the inbox’s own sentences, translated; the node’s detail as it came', async () => {
    const de = { t: await translator('errors', 'de'), locale: 'de' };
    const refused = new OpenmsgError(
      422,
      'refused',
      'The pass code was not accepted.',
      [],
      'b.test: pass code not valid',
    );
    const text = connectErrorText(refused, '20*b.test', de);
    expect(text.message).toBe(
      'Der Kontaktcode wurde nicht angenommen: Vielleicht ist der Code oder die Adresse vertippt, oder der Code wurde schon benutzt oder ist abgelaufen.',
    );
    expect(text.detail).toBe('b.test: pass code not valid');
    const busy = new OpenmsgError(409, 'connect_in_progress', 'A connection with this address is already being made.');
    expect(connectErrorText(busy, '20*b.test', de).message).toBe(
      'Eine Verbindung mit dieser Adresse wird gerade hergestellt: Warte einen Moment.',
    );
  });

  it('a refusal names the address as possibly mistyped too, the same whether or not it exists', () => {
    // Their node answers a wrong code and an unknown address alike ("pass code not valid").
    const refused = new OpenmsgError(
      422,
      'refused',
      'The pass code was not accepted: it may be mistyped, already used or expired. Ask them for a new one.',
      [],
      'b.test: pass code not valid',
    );
    const text = connectErrorText(refused, '97299750*b.test', en);
    expect(text.message).toContain('the code or the address may be mistyped');
    expect(text.nextStep).toBe('Check both; if they are right, ask them for a new one.');
    expect(text.detail).toBe('b.test: pass code not valid');
    expect(connectErrorText(refused, '20*b.test', en)).toEqual(text);
  });

  it('an unreachable node: one sentence of what failed, one of what to do, not twice the same', () => {
    const unreachable = new OpenmsgError(
      502,
      'unreachable',
      'The node for nowhere.test could not be reached. Check the part after the * in their address; if it is right, try again later.',
      [],
      'getaddrinfo ENOTFOUND nowhere.test',
    );
    const text = connectErrorText(unreachable, '12*nowhere.test', en);
    expect(text.message).toBe('The node for nowhere.test could not be reached.');
    expect(text.nextStep).toBe('Check the part after the * in the address; if it is right, try again later.');
    const sentences = `${text.message} ${text.nextStep}`.split(/(?<=\.) /);
    expect(sentences).toHaveLength(2);
    expect(sentences.filter((sentence) => /could not be reached|down|mistyped/.test(sentence))).toHaveLength(1);
  });

  it('any other failure keeps the node’s sentence and the inbox’s next step', () => {
    const busy = new OpenmsgError(409, 'connect_in_progress', 'A connection with this address is already being made.');
    expect(connectErrorText(busy, '20*b.test', en).message).toBe(
      'A connection with this address is already being made.',
    );
    expect(connectErrorText(busy, '20*b.test', en).nextStep).toContain('Look at your contacts');
  });
});
