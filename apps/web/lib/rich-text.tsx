import type { ReactNode } from 'react';

/**
 * The tags catalogue messages use around what must keep its own direction inside a sentence of any language:
 * `<ltr>{address}</ltr>` for addresses, pass codes, numbers and code (left to right even in Arabic), `<user>{name}</user>`
 * for what a person wrote (a name, a note: its own direction, isolated from the sentence around it).
 */
export const richText = {
  ltr: (chunks: ReactNode) => <bdi dir="ltr">{chunks}</bdi>,
  user: (chunks: ReactNode) => <bdi>{chunks}</bdi>,
  strong: (chunks: ReactNode) => <strong className="font-medium">{chunks}</strong>,
};
