/** What a statement binds: the types of the schema's columns (DateTime as Date, Boolean as boolean, Bytes as Buffer). */
export type SqlValue = string | number | boolean | Date | Buffer | null;
