import { z } from 'zod';
import type { ApiErrorCode } from './errors';

/**
 * Every client API error has this body (HTTP status 4xx/5xx). `message` is a sentence for people;
 * `detail`, when present, the technical cause (a peer's answer, a protocol code); `fields` names
 * the bad inputs of a 400.
 */
export interface ApiError {
  statusCode: number;
  error: ApiErrorCode;
  message: string;
  detail?: string;
  fields?: string[];
}

/** A page of a list, newest first; pass `nextCursor` back as `cursor` for the next page (null: no more). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** An id in a path (`/messages/:id`): ids this API gives out are UUIDs, so anything else is refused before a lookup. */
export const idParam = z.uuid({ error: 'must be an id this API gave out (a UUID)' });
/** `:id` routes. */
export const idParams = z.object({ id: idParam });

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});
export type PageQuery = z.input<typeof pageQuerySchema>;

/** Dates travel as ISO 8601 strings. */
export type IsoDate = string;

/** A database row as JSON carries it: dates become ISO strings. */
export type Serialized<T> = {
  [K in keyof T]: T[K] extends Date ? IsoDate : T[K] extends Date | null ? IsoDate | null : T[K];
};

/**
 * Some columns of a model, as the API answers them. The models are the plain interfaces the build
 * generates from the Prisma schema (`./generated/models`), so a schema change that breaks an answer
 * breaks the typecheck of the server and the web inbox, and no database code is imported. Declare a
 * view as an interface (`interface XView extends ViewOf<X, ...> {}`): the package does not export
 * the models, and a consumer's declaration files can name an interface without them.
 */
export type ViewOf<Model, Keys extends keyof Model> = Serialized<Pick<Model, Keys>>;
