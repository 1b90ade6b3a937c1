/** What a statement binds: the types of the schema's columns (DateTime as Date, Boolean as boolean). */
export type SqlValue = string | number | boolean | Date | null;
