import { UniqueViolationError } from '@openmsg/db';

/**
 * True when a write failed on a unique key. Model queries report Prisma's P2002; raw queries
 * through a driver adapter report P2010 with the adapter's own classification of the cause;
 * direct statements (DirectSqlService) throw UniqueViolationError.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof UniqueViolationError) return true;
  const { code, meta } = (error ?? {}) as {
    code?: string;
    meta?: { driverAdapterError?: { cause?: { kind?: string } } };
  };
  return code === 'P2002' || meta?.driverAdapterError?.cause?.kind === 'UniqueConstraintViolation';
}
