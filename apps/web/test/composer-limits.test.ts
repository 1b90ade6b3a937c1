import { describe, expect, it } from 'vitest';
import { splitLetter } from '@openmsg/core';
import type { NodeFileLimits, PeerCapabilities } from '@openmsg/core/api';
import {
  checkFiles,
  linksInsteadSentence,
  overLimitSentence,
  partCount,
  partsHint,
  textLimit,
  type FileCheckContext,
} from '../lib/composer-limits';
import { translator } from './translators';

const en = { t: await translator('files'), locale: 'en' };
const tc = await translator('composer');

const node = { messageMaxChars: 2000, longMessageMaxChars: 64_000 };
const filesPeer: PeerCapabilities = { files: true, maxTextChars: 100_000, maxFileBytes: 50_000_000 };
const v1Peer: PeerCapabilities = { files: false, maxTextChars: 2000, maxFileBytes: null };
const files: NodeFileLimits = { maxFileBytes: 100_000_000, maxFilesPerMessage: 3, accountQuotaBytes: 1_000_000_000 };

describe('the text limit follows the contact', () => {
  it('a files-1 contact takes one message as long as both nodes allow', () => {
    expect(textLimit(node, filesPeer)).toEqual({ maxChars: 64_000, perMessage: 64_000 });
    expect(textLimit(node, { ...filesPeer, maxTextChars: 70_000 })).toEqual({ maxChars: 64_000, perMessage: 64_000 });
    expect(
      textLimit({ messageMaxChars: 2000, longMessageMaxChars: 100_000 }, { ...filesPeer, maxTextChars: 64_000 }),
    ).toEqual({
      maxChars: 64_000,
      perMessage: 64_000,
    });
  });

  it('a v1.0 contact gets a long letter in parts of 2000', () => {
    expect(textLimit(node, v1Peer)).toEqual({ maxChars: 64_000, perMessage: 2000 });
  });

  it('with long letters switched off the limit is v1.0’s', () => {
    expect(textLimit({ messageMaxChars: 2000, longMessageMaxChars: 2000 }, v1Peer)).toEqual({
      maxChars: 2000,
      perMessage: 2000,
    });
  });

  it('a contact not known yet is treated as v1.0', () => {
    expect(textLimit(node, undefined)).toEqual({ maxChars: 64_000, perMessage: 2000 });
  });
});

describe('a letter in parts', () => {
  it('fits in one: no hint', () => {
    expect(partCount(2000, 2000)).toBe(1);
    expect(partsHint(2000, 1, { maxChars: 64_000, perMessage: 2000 }, en)).toBeNull();
  });

  it('counts parts with their labels: 2001 characters make 2 parts, 20,000 make 11', () => {
    expect(partCount(2001, 2000)).toBe(2);
    // (1/2) is 6 characters: two parts hold 2 × 1994.
    expect(partCount(3988, 2000)).toBe(2);
    expect(partCount(3989, 2000)).toBe(3);
    // Ten parts of 1992 ("(10/10) " is 8) hold 19,920; 20,000 need 11 (labels "(11/11) ").
    expect(partCount(20_000, 2000)).toBe(11);
  });

  it('says how many parts and why, counted by the sender’s own cut (splitLetter)', () => {
    const letter = 'A sentence of some length that ends here. '.repeat(480).trim(); // 20,159 code points
    const parts = splitLetter(letter, 2000).length;
    expect(parts).toBeGreaterThanOrEqual(partCount(letter.length, 2000));
    expect(partsHint(letter.length, parts, { maxChars: 64_000, perMessage: 2000 }, en)).toBe(
      `Sent in ${parts} parts: their node takes 2000 characters a message.`,
    );
  });

  it('says nothing over the limit (the counter says it is too long) or toward a files-1 contact', () => {
    expect(partsHint(64_001, 33, { maxChars: 64_000, perMessage: 2000 }, en)).toBeNull();
    expect(partsHint(20_000, 1, { maxChars: 64_000, perMessage: 64_000 }, en)).toBeNull();
  });
});

describe('the checks before an upload', () => {
  const context: FileCheckContext = {
    files,
    peer: filesPeer,
    contactName: 'Ann',
    alreadyAttached: 0,
    freeBytes: null,
  };

  it('takes files within every limit', () => {
    const picked = [
      { name: 'a.jpg', size: 10 },
      { name: 'b.pdf', size: 20 },
    ];
    expect(checkFiles(picked, context, en)).toEqual({ accepted: picked, problems: [] });
  });

  it('a file over our node’s limit, and one over the contact’s node’s', () => {
    const result = checkFiles(
      [
        { name: 'huge.mov', size: 150_000_000 },
        { name: 'big.zip', size: 60_000_000 },
        { name: 'ok.txt', size: 5 },
      ],
      context,
      en,
    );
    expect(result.accepted.map((file) => file.name)).toEqual(['ok.txt']);
    expect(result.problems).toEqual([
      'huge.mov is too big (150 MB): your node takes files up to 100 MB.',
      "big.zip is too big (60 MB): Ann's node takes files up to 50 MB.",
    ]);
  });

  it('a v1.0 contact gets a link: only our node’s limit applies', () => {
    const result = checkFiles([{ name: 'big.zip', size: 60_000_000 }], { ...context, peer: v1Peer }, en);
    expect(result.problems).toEqual([]);
    expect(linksInsteadSentence('Ann', en)).toBe("Ann's node does not take files: they get a download link.");
  });

  it('the quota counts the files of the same pick in order', () => {
    const result = checkFiles(
      [
        { name: 'one.bin', size: 600 },
        { name: 'two.bin', size: 600 },
        { name: 'three.bin', size: 300 },
      ],
      { ...context, freeBytes: 1000, files: { ...files, accountQuotaBytes: 5000 } },
      en,
    );
    expect(result.accepted.map((file) => file.name)).toEqual(['one.bin', 'three.bin']);
    expect(result.problems).toEqual([
      'Your storage for files is full: two.bin does not fit (400 bytes of 5.0 kB left). Delete messages with files you no longer need.',
    ]);
  });

  it('too many files: the ones beyond the message’s limit are left out, said once', () => {
    const picked = ['1', '2', '3', '4'].map((name) => ({ name, size: 1 }));
    expect(checkFiles(picked, { ...context, alreadyAttached: 1 }, en)).toEqual({
      accepted: picked.slice(0, 2),
      problems: ['One message carries at most 3 files: 2 files were not attached. Send the rest in another message.'],
    });
    expect(checkFiles(picked.slice(0, 1), { ...context, alreadyAttached: 3 }, en).problems).toEqual([
      'One message carries at most 3 files: 1 file was not attached. Send the rest in another message.',
    ]);
  });

  it('a node without files takes none', () => {
    expect(checkFiles([{ name: 'a', size: 1 }], { ...context, files: null }, en)).toEqual({
      accepted: [],
      problems: ['Your node does not take files: send the text only.'],
    });
  });

  it('one byte over: the sizes in bytes, not two equal roundings', () => {
    expect(checkFiles([{ name: 'edge', size: 100_000_001 }], context, en).problems).toEqual([
      'edge is too big (100,000,001 bytes): your node takes files up to 100,000,000 bytes.',
    ]);
  });

  it('in German: sizes with decimal commas, the sentence in German', async () => {
    const de = { t: await translator('files', 'de'), locale: 'de' };
    expect(checkFiles([{ name: 'huge.mov', size: 150_000_000 }], context, de).problems).toEqual([
      'huge.mov ist zu groß (150 MB): Dein Server nimmt Dateien bis 100 MB an.',
    ]);
    expect(partsHint(20_000, 11, { maxChars: 64_000, perMessage: 2000 }, de)).toBe(
      'Wird in 11 Teilen gesendet: Der Server der Person nimmt 2000 Zeichen pro Nachricht an.',
    );
  });

  it('a file of exactly the limit is taken', () => {
    expect(checkFiles([{ name: 'edge', size: 50_000_000 }], context, en).accepted).toHaveLength(1);
  });
});

describe('a text over the limit says by how much and what to do', () => {
  const limit = { maxChars: 2000, perMessage: 2000 };
  it('nothing at or under the limit', () => {
    expect(overLimitSentence(2000, limit, true, tc)).toBeNull();
    expect(overLimitSentence(12, limit, false, tc)).toBeNull();
  });
  it('the count over the limit, and a file when files can be attached', () => {
    expect(overLimitSentence(3234, limit, true, tc)).toBe(
      '1,234 characters over the limit of 2,000: shorten it, or send it as a file.',
    );
    expect(overLimitSentence(2001, limit, true, tc)).toBe(
      '1 character over the limit of 2,000: shorten it, or send it as a file.',
    );
  });
  it('several messages when this node takes no files', () => {
    expect(overLimitSentence(2500, limit, false, tc)).toBe(
      '500 characters over the limit of 2,000: shorten it, or send it in several messages.',
    );
  });
  it('in German: the numbers grouped the German way, the words German', async () => {
    expect(overLimitSentence(3234, limit, true, await translator('composer', 'de'))).toBe(
      '1.234 Zeichen über der Grenze von 2.000: Kürze den Text oder sende ihn als Datei.',
    );
  });
  it('long letters: the limit is the long one, whatever the parts', () => {
    const long = textLimit(node, v1Peer);
    expect(overLimitSentence(64_000, long, true, tc)).toBeNull();
    expect(overLimitSentence(64_100, long, true, tc)).toBe(
      '100 characters over the limit of 64,000: shorten it, or send it as a file.',
    );
  });
});
