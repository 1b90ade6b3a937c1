/** A download link to one file a message sends toward a node without files-1 (docs/extensions/files.md §6). */
export interface SentFileLink {
  attachmentId: string;
  url: string;
  expiresAt: Date;
}

/**
 * What delivery needs of the files module's links (FileLinksService.linksFor): the links of a message's files,
 * made once and the same at every retry (each part's text, and so its sealed package, must not change).
 */
export abstract class FileLinksForDelivery {
  abstract linksFor(messageId: string): Promise<SentFileLink[]>;
}
